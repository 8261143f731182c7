from fazhi.portal import demo
from fazhi.portal.models import PublicRequest


def test_demo_loader_is_idempotent(world):
    context = {"township": world.township, "villages": [(world.village, [world.grid])], "county": world.county}
    demo.load(context)
    demo.load(context)
    assert PublicRequest.objects.filter(area=world.village).count() == 2

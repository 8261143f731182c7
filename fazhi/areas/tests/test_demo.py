from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas import demo
from fazhi.areas.models import Area, Level


def test_demo_township_has_eleven_grids_and_one_account_per_role(db):
    context = {}
    demo.load(context)
    township = context["township"]
    assert township.name == "治平乡" and township.code == "500229215000"
    assert Area.objects.subtree(township).filter(level=Level.GRID).count() == 11
    assert {u.posts.get().role for u in User.objects.all()} == set(Role)


def test_demo_loading_is_idempotent(db):
    demo.load({})
    counts = (Area.objects.count(), User.objects.count())
    demo.load({})
    assert (Area.objects.count(), User.objects.count()) == counts

"""Demo: two residents' requests from the public site in 新红村 — one waiting, one answered, closed and rated."""

from fazhi.accounts.models import User
from fazhi.portal import services
from fazhi.portal.choices import Rating, RequestKind
from fazhi.portal.models import PublicRequest

WAITING = "村道边的路灯坏了三盏，晚上回家看不清路，希望尽快修好。"
ANSWERED = "邻居在我家承包地边上堆放建筑垃圾，协商未果，想请调解员帮忙调解。"


def load(context) -> None:
    village = context["villages"][0][0]
    if not PublicRequest.objects.filter(area=village, description=WAITING).exists():
        services.public_request_submit(
            area=village, kind=RequestKind.MATTER, description=WAITING, contact_name="张先生", phone="13800001234"
        )
    if not PublicRequest.objects.filter(area=village, description=ANSWERED).exists():
        request = services.public_request_submit(
            area=village, kind=RequestKind.MEDIATION, description=ANSWERED, phone="13900005678"
        )
        cadre = User.objects.filter(username="cunganbu").first()
        if cadre is not None:
            services.public_reply_add(
                actor=cadre,
                request=request,
                reply="村调委会已于本周组织双方调解，对方已清运建筑垃圾，双方达成口头协议。",
                close=True,
            )
            request.refresh_from_db()
            services.public_request_rate(request=request, closed=True, rating=Rating.SATISFIED)

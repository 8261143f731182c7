import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.publicity.models import Activity, MediaAccount, MediaPost, Plan

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.VILLAGE_CADRE, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEGAL_STAFF, Role.VILLAGE_CADRE})
TOWNSHIP_CHANGERS = frozenset({Role.LEGAL_STAFF})  # the annual plan is the township's


def _activity(world, area):
    village = area.parent
    activity = Activity.objects.create(area=village, held_on=datetime.date(2023, 5, 1), title="普法", form="lecture")
    return {"pk": activity.pk}


def _plan(world, area):
    township = area.parent.parent
    plan, _ = Plan.objects.get_or_create(area=township, year=2023, defaults={"title": "计划"})
    return {"pk": plan.pk}


def _post(world, area):
    township = area.parent.parent
    account, _ = MediaAccount.objects.get_or_create(area=township, name="孝善治平")
    post = MediaPost.objects.create(
        area=township, account=account, published_on=datetime.date(2023, 3, 1), title="推送", topic="xi_thought"
    )
    return {"pk": post.pk}


CASES = [
    Case("publicity:activity_list", VIEWERS),
    Case("publicity:activity_detail", VIEWERS, kwargs=_activity),
    Case("publicity:activity_create", CHANGERS),
    Case("publicity:activity_create", CHANGERS, method="post"),
    Case("publicity:activity_series", CHANGERS),
    Case("publicity:activity_series", CHANGERS, method="post"),
    Case("publicity:plan_list", VIEWERS),
    Case("publicity:plan_list", CHANGERS, method="post"),
    Case("publicity:plan_detail", VIEWERS, kwargs=_plan),
    Case("publicity:plan_detail", TOWNSHIP_CHANGERS, method="post", kwargs=_plan),
    Case("publicity:media", VIEWERS),
    Case("publicity:account_create", CHANGERS),
    Case("publicity:series_create", CHANGERS),
    Case("publicity:post_create", CHANGERS),
    Case("publicity:reach", VIEWERS),
    Case("api:publicity-activity-list", VIEWERS),
    Case("api:publicity-activity-detail", VIEWERS, kwargs=_activity),
    Case("api:publicity-post-list", VIEWERS),
    Case("api:publicity-post-detail", VIEWERS, kwargs=_post),
]

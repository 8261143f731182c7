import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.leadership import services

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEADER, Role.LEGAL_STAFF})
D = datetime.date(2023, 3, 1)


def _township(area):
    while area.level > 3:
        area = area.parent
    return area


def _group(world, area):
    return services.group_create(actor=None, area=_township(area), name="全面依法治乡工作领导小组", established_on=D)


def _plan(world, area):
    return services.plan_create(actor=None, area=_township(area), year=2023)


CASES = [
    Case("leadership:home", VIEWERS),
    Case("leadership:group_create", CHANGERS),
    Case("leadership:meeting_create", CHANGERS),
    Case("leadership:plan_create", CHANGERS),
    Case("leadership:duty_create", CHANGERS),
    Case("leadership:group_detail", VIEWERS, kwargs=lambda w, a: {"pk": _group(w, a).pk}),
    Case(
        "leadership:member_end",
        CHANGERS,
        method="post",
        kwargs=lambda w, a: {
            "pk": services.member_add(
                actor=None, group=_group(w, a), name="张", title="书记", post="leader", valid_from=D
            ).pk
        },
    ),
    Case("leadership:plan_detail", VIEWERS, kwargs=lambda w, a: {"pk": _plan(w, a).pk}),
    Case(
        "leadership:task_update",
        CHANGERS,
        method="post",
        kwargs=lambda w, a: {
            "pk": services.task_add(
                actor=None, plan=_plan(w, a), title="t", owner="o", unit="u", deadline=datetime.date(2023, 6, 1)
            ).pk
        },
    ),
]

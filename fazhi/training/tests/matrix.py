import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case
from fazhi.training.models import Exam, Session

VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.SUPERVISOR})
CHANGERS = frozenset({Role.LEGAL_STAFF})
SYS = frozenset({Role.SYS_ADMIN})


def _session(world, area):
    township = area.parent.parent
    session = Session.objects.create(area=township, kind="center_group", held_on=datetime.date(2023, 3, 1), topic="学")
    return {"pk": session.pk}


def _exam(world, area):
    exam = Exam.objects.create(area=area.parent.parent, held_on=datetime.date(2023, 12, 1), title="考试")
    return {"pk": exam.pk}


CASES = [
    Case("training:session_list", VIEWERS),
    Case("training:session_create", CHANGERS),
    Case("training:session_create", CHANGERS, method="post"),
    Case("training:session_series", CHANGERS),
    Case("training:session_series", CHANGERS, method="post"),
    Case("training:session_detail", VIEWERS, kwargs=_session),
    Case("training:session_detail", CHANGERS, method="post", kwargs=_session),
    Case("training:cadre_list", VIEWERS),
    Case("training:cadre_list", CHANGERS, method="post"),
    Case("training:exam_list", VIEWERS),
    Case("training:exam_list", CHANGERS, method="post"),
    Case("training:exam_detail", VIEWERS, kwargs=_exam),
    Case("training:exam_detail", CHANGERS, method="post", kwargs=_exam),
    Case("training:requirement_list", SYS),
    Case("training:requirement_list", SYS, method="post"),
    Case("api:training-session-list", VIEWERS),
    Case("api:training-session-detail", VIEWERS, kwargs=_session),
]

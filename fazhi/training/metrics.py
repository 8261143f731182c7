"""Figures the training app contributes to the annual report (seed 一(二): 集中学习12次; cadre training)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.facts import Aggregation, Dimension, FigureSpec, Quantity, RecordType, builtin, declare
from fazhi.training.choices import COLLECTIVE_STUDY, SessionKind

SECTION = _("加强能力培训，提升法治素质")


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---


def _kind_dimension(path: str) -> Dimension:
    return Dimension("kind", _("学习培训类型"), path, choices=lambda: SessionKind.choices)


def _cadre_dimensions() -> tuple[Dimension, ...]:
    return (
        Dimension("leader", _("领导班子成员"), flag=Q(cadre__is_leader=True)),
        Dimension("enforcement_officer", _("行政执法人员"), flag=Q(cadre__is_enforcement_officer=True)),
    )


RECORD_TYPES = (
    RecordType(
        key="training.session",
        label=_("学法培训"),
        model="training.Session",
        date="held_on",
        sums=(Quantity("participants", _("参加人次"), "participants"), Quantity("hours", _("学时"), "hours")),
        distincts=(Quantity("trainer", _("主讲/授课人"), "trainer"),),
        dimensions=(_kind_dimension("kind"),),
        section=SECTION,
    ),
    RecordType(
        key="training.attendance",
        label=_("干部参学记录"),
        model="training.Attendance",
        area_path="session__area__path",
        date="session__held_on",
        sums=(Quantity("hours", _("学时"), "hours"),),
        distincts=(Quantity("cadre", _("参学干部"), "cadre"), Quantity("session", _("学习场次"), "session")),
        dimensions=(_kind_dimension("session__kind"), *_cadre_dimensions()),
        section=SECTION,
    ),
    RecordType(
        key="training.exam_score",
        label=_("学法考试成绩"),
        model="training.ExamScore",
        area_path="exam__area__path",
        date="exam__held_on",
        sums=(Quantity("score", _("成绩"), "score"),),
        distincts=(Quantity("cadre", _("参考干部"), "cadre"), Quantity("exam", _("考试场次"), "exam")),
        dimensions=(Dimension("passed", _("考试合格"), flag=Q(passed=True)), *_cadre_dimensions()),
        section=SECTION,
    ),
    RecordType(
        key="training.exam",
        label=_("学法考试"),
        model="training.Exam",
        date="held_on",
        section=SECTION,
    ),
)


def _figures() -> list[FigureSpec]:
    def kind(*kinds: str) -> tuple[dict, ...]:
        return ({"dim": "kind", "values": [str(k) for k in kinds]},)

    return [
        FigureSpec(
            key="training.study_sessions",
            label=_("党委理论学习中心组、干部职工会等集中学习"),
            unit=_("次"),
            record_type="training.session",
            filters=kind(*COLLECTIVE_STUDY),
        ),
        *(
            FigureSpec(
                key=f"training.sessions_{k.value}",
                label=k.label,
                unit=_("场次"),
                record_type="training.session",
                filters=kind(k.value),
            )
            for k in SessionKind
        ),
        FigureSpec(
            key="training.training_attendance",
            label=_("法治培训参训人次"),
            unit=_("人次"),
            record_type="training.session",
            aggregation=Aggregation.SUM,
            field="participants",
            filters=kind(SessionKind.LAW_TRAINING),
        ),
        FigureSpec(
            key="training.law_literate_trained",
            label=_("培训法律明白人"),
            unit=_("人次"),
            record_type="training.session",
            aggregation=Aggregation.SUM,
            field="participants",
            filters=kind(SessionKind.LAW_LITERATE),
        ),
        FigureSpec(
            key="training.study_hours",
            label=_("干部参学学时"),
            unit=_("学时"),
            record_type="training.attendance",
            aggregation=Aggregation.SUM,
            field="hours",
        ),
        FigureSpec(
            key="training.exam_takers", label=_("参加学法考试"), unit=_("人次"), record_type="training.exam_score"
        ),
        FigureSpec(
            key="training.exam_passes",
            label=_("学法考试合格"),
            unit=_("人次"),
            record_type="training.exam_score",
            filters=({"dim": "passed", "values": ["1"]},),
        ),
    ]


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "training.study_sessions": _("组织党委理论学习中心组、干部职工会等集中学习{值}次"),
    "training.sessions_law_lecture": _("举办法治专题讲座{值}期"),
    "training.training_attendance": _("法治培训参训{值}人次"),
    "training.law_literate_trained": _("培训法律明白人{值}人次"),
    "training.exam_takers": _("组织干部参加学法考试{值}人次"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)

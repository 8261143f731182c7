"""Figures the training app contributes to the annual report (seed 一(二): 集中学习12次; cadre training)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.training import selectors
from fazhi.training.choices import COLLECTIVE_STUDY, SessionKind

SECTION = _("加强能力培训，提升法治素质")


def study_sessions(*, area, period: Period):
    return selectors.sessions_in(area=area, period=period).filter(kind__in=COLLECTIVE_STUDY)


def _kind(kind: str):
    def records(*, area, period: Period):
        return selectors.sessions_in(area=area, period=period).filter(kind=kind)

    return records


def study_hours(*, area, period: Period):
    return selectors.attendance_in(area=area, period=period)


def exam_takers(*, area, period: Period):
    return selectors.scores_in(area=area, period=period)


def exam_passes(*, area, period: Period):
    return selectors.scores_in(area=area, period=period).filter(passed=True)


def register_all() -> None:
    register(
        key="training.study_sessions",
        label=_("党委理论学习中心组、干部职工会等集中学习"),
        unit=_("次"),
        section=SECTION,
        records=study_sessions,
    )
    for kind in SessionKind:
        register(
            key=f"training.sessions_{kind.value}",
            label=kind.label,
            unit=_("场次"),
            section=SECTION,
            records=_kind(kind),
        )
    register(
        key="training.training_attendance",
        label=_("法治培训参训人次"),
        unit=_("人次"),
        section=SECTION,
        records=_kind(SessionKind.LAW_TRAINING),
        sum_field="participants",
    )
    register(
        key="training.law_literate_trained",
        label=_("培训法律明白人"),
        unit=_("人次"),
        section=SECTION,
        records=_kind(SessionKind.LAW_LITERATE),
        sum_field="participants",
    )
    register(
        key="training.study_hours",
        label=_("干部参学学时"),
        unit=_("学时"),
        section=SECTION,
        records=study_hours,
        sum_field="hours",
    )
    register(key="training.exam_takers", label=_("参加学法考试"), unit=_("人次"), section=SECTION, records=exam_takers)
    register(key="training.exam_passes", label=_("学法考试合格"), unit=_("人次"), section=SECTION, records=exam_passes)

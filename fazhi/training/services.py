"""Every write of the training app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.training.models import Attendance, Cadre, Exam, ExamScore, Requirement, Session
from fazhi.training.rules import DEFAULTS

UNIT_LEVELS = {Level.COUNTY, Level.TOWNSHIP}


def _check_unit(area: Area) -> None:
    if area.level not in UNIT_LEVELS:
        raise ValidationError({"area": _("干部学法培训登记在乡镇或县一级。")})


def _check_past(field: str, day: datetime.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


def cadre_create(
    *, actor, area: Area, name: str, title: str = "", is_enforcement_officer: bool = False, is_leader: bool = False
) -> Cadre:
    require_area_writable(actor, Module.TRAINING, area)
    _check_unit(area)
    with transaction.atomic():
        cadre = Cadre(
            area=area,
            name=name.strip(),
            title=title.strip(),
            is_enforcement_officer=is_enforcement_officer,
            is_leader=is_leader,
        )
        cadre.full_clean()
        cadre.save()
    return cadre


def _attend(session: Session, cadres, hours: Decimal | None) -> int:
    added = 0
    for cadre in cadres:
        if not session.area.path.startswith(cadre.area.path) and not cadre.area.path.startswith(session.area.path):
            raise ValidationError({"cadres": _("“%(name)s”不属于本单位。") % {"name": cadre.name}})
        _row, created = Attendance.objects.get_or_create(
            session=session, cadre=cadre, defaults={"hours": session.hours if hours is None else hours}
        )
        added += created
    return added


def session_create(
    *,
    actor,
    area: Area,
    kind: str,
    held_on: datetime.date,
    topic: str,
    hours: Decimal = Decimal("1"),
    materials: str = "",
    trainer: str = "",
    participants: int = 0,
    cadres=(),
) -> Session:
    """A session and its named attendance in one transaction; 人次 is at least the number of named attendees."""
    require_area_writable(actor, Module.TRAINING, area)
    _check_unit(area)
    _check_past("held_on", held_on)
    if participants is None or participants < 0:
        raise ValidationError({"participants": _("参加人次不能为负数。")})
    if hours is None or hours < 0:
        raise ValidationError({"hours": _("学时不能为负数。")})
    with transaction.atomic():
        session = Session(
            area=area,
            kind=kind,
            held_on=held_on,
            topic=topic.strip(),
            hours=hours,
            materials=materials,
            trainer=trainer.strip(),
            participants=participants,
        )
        session.full_clean()
        session.save()
        cadres = list(cadres)
        _attend(session, cadres, None)
        if len(cadres) > session.participants:
            session.participants = len(cadres)
            session.save(update_fields=["participants"])
    return session


def attendance_add(*, actor, session: Session, cadres, hours: Decimal | None = None) -> int:
    if actor is not None:
        require_change(actor, session)
    if hours is not None and hours < 0:
        raise ValidationError({"hours": _("学时不能为负数。")})
    with transaction.atomic():
        added = _attend(session, cadres, hours)
        named = session.attendance.count()
        if named > session.participants:
            session.participants = named
            session.save(update_fields=["participants"])
    return added


def exam_create(
    *,
    actor,
    area: Area,
    held_on: datetime.date,
    title: str,
    pass_mark: Decimal = Decimal("60"),
    full_mark: Decimal = Decimal("100"),
) -> Exam:
    require_area_writable(actor, Module.TRAINING, area)
    _check_unit(area)
    _check_past("held_on", held_on)
    if pass_mark is None or full_mark is None or not (0 < pass_mark <= full_mark):
        raise ValidationError({"pass_mark": _("及格分须大于0且不高于满分。")})
    with transaction.atomic():
        exam = Exam(area=area, held_on=held_on, title=title.strip(), pass_mark=pass_mark, full_mark=full_mark)
        exam.full_clean()
        exam.save()
    return exam


def score_record(*, actor, exam: Exam, cadre: Cadre, score: Decimal) -> ExamScore:
    if actor is not None:
        require_change(actor, exam)
    if score is None or score < 0 or score > exam.full_mark:
        raise ValidationError({"score": _("成绩须在0至满分（%(full)s）之间。") % {"full": f"{exam.full_mark:g}"}})
    if not exam.area.path.startswith(cadre.area.path) and not cadre.area.path.startswith(exam.area.path):
        raise ValidationError({"cadre": _("该干部不属于本单位。")})
    with transaction.atomic():
        row = ExamScore.objects.select_for_update().filter(exam=exam, cadre=cadre).first() or ExamScore(
            exam=exam, cadre=cadre
        )
        row.score = score
        row.passed = score >= exam.pass_mark
        row.full_clean()
        row.save()
    return row


def requirement_values() -> dict[str, Decimal]:
    """Every configured minimum, defaults where none is stored: one query for a page that checks several."""
    stored = dict(Requirement.objects.values_list("key", "value"))
    return {key: stored.get(key, default["value"]) for key, default in DEFAULTS.items()}


def requirement_set(*, actor, key: str, value: Decimal, source: str) -> Requirement:
    """Change a yearly minimum; the platform's system administrator keeps these parameters."""
    if actor is not None and not actor.has_perm("system.change"):
        raise PermissionDenied
    if key not in DEFAULTS:
        raise ValidationError({"key": _("未知的规则。")})
    if value is None or value < 0:
        raise ValidationError({"value": _("数值不能为负数。")})
    if not source.strip():
        raise ValidationError({"source": _("请填写依据。")})
    default = DEFAULTS[key]
    with transaction.atomic():
        row = Requirement.objects.select_for_update().filter(key=key).first() or Requirement(key=key)
        row.label, row.unit = str(default["label"]), default["unit"]
        row.value, row.source = value, source.strip()
        row.certainty = "" if source.strip() != default["source"] else default["certainty"]
        row.full_clean()
        row.save()
    return row

"""Every write of the counsel app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.counsel.models import Adviser, Consultation, DutyDay, Opinion


def _not_future(field: str, day: datetime.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


def adviser_create(
    *, actor, area: Area, name: str, contract_from: datetime.date, contract_to: datetime.date, firm: str = ""
) -> Adviser:
    require_area_writable(actor, Module.COUNSEL, area)
    if area.level not in {Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE}:
        raise ValidationError({"area": _("法律顾问登记在县、乡镇或村（社区）。")})
    if contract_to < contract_from:
        raise ValidationError({"contract_to": _("聘期止不能早于聘期起。")})
    with transaction.atomic():
        adviser = Adviser(
            area=area, name=name.strip(), firm=firm.strip(), contract_from=contract_from, contract_to=contract_to
        )
        adviser.full_clean()
        adviser.save()
    return adviser


def _in_contract(adviser: Adviser, day: datetime.date, field: str) -> None:
    if not adviser.contract_from <= day <= adviser.contract_to:
        raise ValidationError({field: _("日期不在该顾问的聘期内。")})


def duty_day_add(*, actor, adviser: Adviser, on: datetime.date, place: str = "", note: str = "") -> DutyDay:
    if actor is not None:
        require_change(actor, adviser)
    _not_future("on", on)
    _in_contract(adviser, on, "on")
    if DutyDay.objects.filter(adviser=adviser, on=on).exists():
        raise ValidationError({"on": _("该日已登记坐班。")})
    with transaction.atomic():
        day = DutyDay(adviser=adviser, on=on, place=place.strip(), note=note.strip())
        day.full_clean()
        day.save()
    return day


def opinion_add(*, actor, adviser: Adviser, issued_on: datetime.date, kind: str, subject: str) -> Opinion:
    if actor is not None:
        require_change(actor, adviser)
    _not_future("issued_on", issued_on)
    _in_contract(adviser, issued_on, "issued_on")
    with transaction.atomic():
        opinion = Opinion(adviser=adviser, issued_on=issued_on, kind=kind, subject=subject.strip())
        opinion.full_clean()
        opinion.save()
    return opinion


def consultation_create(
    *,
    actor,
    area: Area,
    received_on: datetime.date,
    topic: str,
    headcount: int = 1,
    person: str = "",
    referred_to_mediation: bool = False,
    adviser: Adviser | None = None,
) -> Consultation:
    require_area_writable(actor, Module.COUNSEL, area)
    _not_future("received_on", received_on)
    if headcount is None or headcount < 1:
        raise ValidationError({"headcount": _("人次至少为1。")})
    with transaction.atomic():
        row = Consultation(
            area=area,
            received_on=received_on,
            topic=topic.strip(),
            headcount=headcount,
            person=person.strip(),
            referred_to_mediation=referred_to_mediation,
            adviser=adviser,
        )
        row.full_clean()
        row.save()
    return row

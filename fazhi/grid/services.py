"""Every write in the grid app: staff posts, matters and their workflow, visits. Keyword-only, atomic, scoped."""

import datetime
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import area_in_scope, require_area_writable, require_change
from fazhi.core.deadlines import deadline_complete, deadline_rule_ensure, deadline_start, deadlines_for
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.registry import registry
from fazhi.core.uploads import check_content
from fazhi.grid.choices import CATEGORY, MatterSource, MatterStatus, StaffPost
from fazhi.grid.hooks import TRANSFER_HANDLERS
from fazhi.grid.models import (
    ATTACHMENT_EXTENSIONS,
    GridStaff,
    Matter,
    MatterAttachment,
    MatterEvent,
    ReplyTemplate,
    Visit,
)
from fazhi.grid.workflow import BY_ACTION
from fazhi.people.models import Household, Resident
from fazhi.people.services import household_update

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
DEFAULT_RULE = "grid.matter.default"


def _require_change(actor, obj) -> None:
    """Scope re-check before a write; `actor=None` is the operator (management commands, demo data)."""
    if actor is not None:
        require_change(actor, obj)


def _require_grid(area: Area) -> None:
    if area.level != Level.GRID:
        raise ValidationError({"area": _("请选择到网格一级。")})
    if area.is_retired:
        raise ValidationError({"area": _("该网格已停用。")})


# --- 一长三员 -------------------------------------------------------------------------------------------------


def staff_appoint(
    *,
    actor,
    area: Area,
    post: str,
    name: str,
    valid_from: datetime.date,
    user=None,
    phone: str = "",
    unit: str = "",
) -> GridStaff:
    require_area_writable(actor, Module.GRID, area)
    _require_grid(area)
    if post not in StaffPost.values:
        raise ValidationError({"post": _("未知的网格岗位。")})
    with transaction.atomic():
        staff = GridStaff(
            area=area, post=post, name=name.strip(), user=user, phone=phone.strip(), unit=unit, valid_from=valid_from
        )
        staff.full_clean()
        staff.save()
    return staff


def staff_end(*, actor, staff: GridStaff, on: datetime.date) -> GridStaff:
    _require_change(actor, staff)
    if on < staff.valid_from:
        raise ValidationError({"valid_to": _("任职截止日期不能早于起始日期。")})
    with transaction.atomic():
        staff.valid_to = on
        staff.full_clean()
        staff.save(update_fields=["valid_to", "updated_at"])
    return staff


# --- 群众说事 ---------------------------------------------------------------------------------------------------


def matter_rule_key(category: str) -> str:
    """The deadline rule of a category; categories admins added later fall back to the default rule."""
    key = f"grid.matter.{category}"
    key = key if key in registry.deadline_rules else DEFAULT_RULE
    deadline_rule_ensure(key=key, **registry.deadline_rules[key])
    return key


def _next_number(on: datetime.date) -> str:
    prefix = f"SS{on:%Y%m%d}"
    return f"{prefix}-{secrets.token_hex(3).upper()}"


def _check_file(upload) -> None:
    ext = upload.name.lower().rsplit(".", 1)[-1] if "." in upload.name else ""
    if ext not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {"attachments": _("不支持的文件类型“%(n)s”，仅限图片、PDF、Word、Excel。") % {"n": upload.name}}
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"attachments": _("文件“%(n)s”超过10MB。") % {"n": upload.name}})
    check_content(upload, ext)


def _event(matter: Matter, *, action: str, source: str, actor, note: str = "") -> None:
    MatterEvent.objects.create(
        matter=matter, action=action, from_status=source, to_status=matter.status, actor=actor, note=note
    )


def matter_create(
    *,
    actor,
    area: Area,
    category: str,
    description: str,
    source: str,
    registered_on: datetime.date | None = None,
    happened_on: datetime.date | None = None,
    resident: Resident | None = None,
    raised_by_text: str = "",
    place: str = "",
    handler=None,
    duplicate_of: Matter | None = None,
    visit: Visit | None = None,
    attachments=(),
    idempotency_key: str | None = None,
) -> Matter:
    """Register a matter; with `idempotency_key` a re-sent offline draft returns the matter it already made.
    `happened_on` is when it happened, on or before the day it is registered (that day when not given)."""
    if idempotency_key:
        existing = Matter.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            _require_change(actor, existing)
            return existing
    require_area_writable(actor, Module.GRID, area)
    _require_grid(area)
    errors = {}
    if category not in {c for c, _l in dictionary_choices(CATEGORY)}:
        errors["category"] = _("请选择事项类别。")
    if source not in MatterSource.values:
        errors["source"] = _("请选择事项来源。")
    if not (description or "").strip():
        errors["description"] = _("请填写事项描述。")
    if resident is not None and actor is not None and not area_in_scope(actor, Module.PEOPLE, resident.area):
        errors["resident"] = _("所选居民不在您的管辖范围内。")
    if duplicate_of is not None and actor is not None and not area_in_scope(actor, Module.GRID, duplicate_of.area):
        errors["duplicate_of"] = _("所选重复事项不在您的管辖范围内。")
    for upload in attachments:
        try:
            _check_file(upload)
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.messages)
    today = timezone.localdate()
    on = registered_on or today
    if happened_on is not None and happened_on > today:
        errors["happened_on"] = _("发生日期不能晚于今天。")
    elif happened_on is not None and happened_on > on:
        errors["happened_on"] = _("发生日期不能晚于登记日期。")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            matter = Matter(
                area=area,
                number=_next_number(on),
                category=category,
                description=description.strip(),
                resident=resident,
                raised_by_text=raised_by_text.strip(),
                place=place.strip(),
                source=source,
                handler=handler,
                registered_on=on,
                happened_on=happened_on or on,
                duplicate_of=duplicate_of,
                visit=visit,
                created_by=actor,
                idempotency_key=idempotency_key or None,
            )
            matter.full_clean()
            matter.save()
            # Handling period in working days by category (docs/law.md GRID-08, configurable; T-05 calendar).
            deadline = deadline_start(subject=matter, rule_key=matter_rule_key(category), start=on, actor=actor)
            matter.due_date = deadline.due_date
            matter.save(update_fields=["due_date"])
            _event(matter, action="register", source="", actor=actor)
            for upload in attachments:
                MatterAttachment.objects.create(matter=matter, file=upload, name=upload.name[:200], size=upload.size)
    except IntegrityError:
        # Two copies of the same draft raced: the other one won.
        if idempotency_key:
            return Matter.objects.get(idempotency_key=idempotency_key)
        raise
    return matter


def _holds_post_over(user, area) -> bool:
    return user.posts.active().filter(area__in=[*area.ancestors(), area]).exists()


def matter_transition(*, actor, matter: Matter, action: str, **data) -> Matter:
    """Apply one row of grid.workflow.TRANSITIONS: lock, guard, write the event, stop the deadline at the end."""
    _require_change(actor, matter)
    transition = BY_ACTION.get(action)
    if transition is None:
        raise ValidationError(_("未知的操作。"))
    today = data.get("on") or timezone.localdate()
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status not in transition.source:
            raise ValidationError(
                _("事项当前为“%(s)s”，不能“%(a)s”。") % {"s": matter.get_status_display(), "a": transition.label}
            )
        if action == "assign" and not data.get("handler"):
            data["handler"] = actor  # no handler chosen: the actor takes the matter on (认领)
        if action == "assign" and not _holds_post_over(data["handler"], matter.area):
            raise ValidationError(_("承办人须在本网格或其上级区划任职。"))
        if transition.guard and (message := transition.guard(data)):
            raise ValidationError(message)
        source = matter.status
        note = (data.get("note") or "").strip()
        if action == "assign":
            matter.handler = data["handler"]
            note = note or _("承办人：%(h)s") % {"h": data["handler"]}
        elif action == "close":
            matter.result = data["result"].strip()
            matter.reply = (data.get("reply") or "").strip()
            matter.closed_on = today
            note = note or matter.result
        elif action in ("transfer_mediation", "transfer_petition"):
            target = data.get("target")
            if target is not None:
                matter.transferred_type = ContentType.objects.get_for_model(target)
                matter.transferred_id = target.pk
            matter.closed_on = today
        elif action == "follow_up":
            matter.satisfaction = data["satisfaction"]
            matter.followed_up_on = today
        matter.status = transition.target
        matter.full_clean()
        matter.save()
        _event(matter, action=action, source=source, actor=actor, note=note)
        if transition.target not in (MatterStatus.REGISTERED, MatterStatus.IN_PROGRESS, MatterStatus.FOLLOWED_UP):
            for deadline in deadlines_for(matter):
                if deadline.status != deadline.Status.DONE:
                    deadline_complete(deadline=deadline, on=today, actor=actor)
    return matter


def matter_transfer(*, actor, matter: Matter, to: str, target=None, note: str = "") -> Matter:
    """Hook for the mediation / petitions apps: mark the matter handed over and link the record they created.

    `to` is "mediation" or "petition"; `target` is the dispute or petition (any model instance). The caller creates
    its own record in the same transaction, e.g.::

        with transaction.atomic():
            dispute = dispute_create(...)
            grid.services.matter_transfer(actor=actor, matter=matter, to="mediation", target=dispute)
    """
    action = {"mediation": "transfer_mediation", "petition": "transfer_petition"}.get(to)
    if action is None:
        raise ValidationError(_("只能转调解或转信访。"))
    return matter_transition(actor=actor, matter=matter, action=action, target=target, note=note)


def matter_hand_over(*, actor, matter: Matter, to: str):
    """Hand a matter over from the grid pages: the registered app (grid.hooks) creates its dispute or petition and
    calls `matter_transfer` itself, in one transaction. Returns the created record."""
    handler = TRANSFER_HANDLERS.get(to)
    if handler is None:
        raise ValidationError(_("尚未启用该转办模块，无法转办。"))
    _require_change(actor, matter)
    with transaction.atomic():
        return handler(actor=actor, matter=matter)


def matter_is_overdue(matter: Matter, today: datetime.date | None = None) -> bool:
    """Overdue = still open after its due date (the due date is counted on working days at registration)."""
    today = today or timezone.localdate()
    return matter.status in (MatterStatus.REGISTERED, MatterStatus.IN_PROGRESS) and bool(
        matter.due_date and matter.due_date < today
    )


def matter_mark_duplicate(*, actor, matter: Matter, of: Matter) -> Matter:
    _require_change(actor, matter)
    if of.pk == matter.pk:
        raise ValidationError({"duplicate_of": _("不能把事项标记为自身的重复。")})
    if actor is not None and not area_in_scope(actor, Module.GRID, of.area):
        raise ValidationError({"duplicate_of": _("所选重复事项不在您的管辖范围内。")})
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        matter.duplicate_of = of
        matter.save(update_fields=["duplicate_of", "updated_at"])
        _event(matter, action="duplicate", source=matter.status, actor=actor, note=of.number)
    return matter


def reply_template_save(*, actor, area: Area, title: str, text: str, pk: int | None = None) -> ReplyTemplate:
    require_area_writable(actor, Module.GRID, area)
    with transaction.atomic():
        tpl = ReplyTemplate.objects.get(pk=pk) if pk else ReplyTemplate(area=area)
        if pk:
            _require_change(actor, tpl)
        tpl.title, tpl.text = title.strip(), text.strip()
        tpl.full_clean()
        tpl.save()
    return tpl


# --- 走访 -------------------------------------------------------------------------------------------------------


def _known_from_visit(*, actor, household: Household) -> dict:
    """What a visit already knows of a matter raised on it (enter once): the place is the household's address, and
    who raised it is the household's head — the registered resident when the visitor may see them, else the name."""
    household = Household.objects.select_related("area").get(pk=household.pk)  # as just updated by the visit
    known = {"place": household.address or household.area.name}
    head = Resident.objects.filter(household=household, name=household.head_name).order_by("pk").first()
    if head is not None and (actor is None or area_in_scope(actor, Module.PEOPLE, head.area)):
        known["resident"] = head
    else:
        known["raised_by_text"] = household.head_name
    return known


def visit_record(
    *,
    actor,
    household: Household,
    visited_on: datetime.date,
    notes: str = "",
    household_facts: dict | None = None,
    matter: dict | None = None,
    idempotency_key: str | None = None,
    visitor=None,
) -> Visit:
    """Record a visit; in the same transaction update the household's facts and raise a matter (enter once).

    With `idempotency_key` (one per offline draft) a draft sent twice records one visit.
    """
    if idempotency_key:
        existing = Visit.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            _require_change(actor, existing)
            return existing
    require_area_writable(actor, Module.GRID, household.area)
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("走访日期不能晚于今天。")})
    try:
        with transaction.atomic():
            visit = Visit(
                area=household.area,
                household=household,
                visited_on=visited_on,
                visitor=visitor or actor,
                notes=(notes or "").strip(),
                idempotency_key=idempotency_key or None,
            )
            visit.full_clean()
            visit.save()
            if household_facts:
                household_update(actor=actor, household=household, **household_facts)
            if matter:
                matter_create(
                    actor=actor,
                    area=household.area,
                    source=MatterSource.GRID_REPORT,
                    registered_on=visited_on,
                    visit=visit,
                    idempotency_key=f"{idempotency_key}:matter" if idempotency_key else None,
                    **{**_known_from_visit(actor=actor, household=household), **matter},
                )
    except IntegrityError:
        if idempotency_key:
            return Visit.objects.get(idempotency_key=idempotency_key)
        raise
    return visit


def matter_edit(*, actor, matter: Matter, **fields) -> Matter:
    """Correct a matter's text (not its state: that goes through matter_transition)."""
    _require_change(actor, matter)
    allowed = {"description", "place", "raised_by_text"}
    if set(fields) - allowed:
        raise ValidationError(_("只能修改事项描述、地点和反映人。"))
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        for name, value in fields.items():
            setattr(matter, name, value.strip())
        if not matter.description:
            raise ValidationError({"description": _("请填写事项描述。")})
        matter.full_clean()
        matter.save()
        _event(matter, action="edit", source=matter.status, actor=actor, note="、".join(sorted(fields)))
    return matter

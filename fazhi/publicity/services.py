"""Every write of the publicity app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.dictionaries import dictionary_choices
from fazhi.publicity.choices import AUDIENCE, FORM, MATERIAL, THEME, MaterialMode, Strand
from fazhi.publicity.models import (
    Activity,
    ActivityAudience,
    ActivityMaterial,
    ActivityTheme,
    MediaAccount,
    MediaPost,
    MediaSeries,
    Plan,
    PlanItem,
)
from fazhi.publicity.rules import programme_for

ACTIVITY_LEVELS = {Level.TOWNSHIP, Level.VILLAGE}
UNIT_LEVELS = {Level.COUNTY, Level.TOWNSHIP}


@dataclass(frozen=True)
class MaterialInput:
    kind: str
    quantity: int
    unit: str
    mode: str = MaterialMode.HANDED_OUT
    approximate: bool = False


def _codes(category: str) -> set[str]:
    return {code for code, _label in dictionary_choices(category)}


def _check_unit_area(area: Area) -> None:
    if area.level not in UNIT_LEVELS:
        raise ValidationError({"area": _("普法计划和新媒体账号只能登记在乡镇或县一级。")})


def plan_create(*, actor, area: Area, year: int, title: str, programme: str = "") -> Plan:
    require_area_writable(actor, Module.PUBLICITY, area)
    _check_unit_area(area)
    with transaction.atomic():
        plan = Plan(area=area, year=year, title=title.strip(), programme=programme.strip() or programme_for(year))
        plan.full_clean()
        plan.save()
    return plan


def plan_item_add(
    *, actor, plan: Plan, title: str, audience: str, due_by: datetime.date, responsible: str, target_count: int = 1
) -> PlanItem:
    if actor is not None:
        require_change(actor, plan)
    errors = {}
    if audience not in _codes(AUDIENCE):
        errors["audience"] = _("请选择有效的普法对象。")
    if due_by.year != plan.year:
        errors["due_by"] = _("计划事项的时间须在计划年度内。")
    if target_count < 1:
        errors["target_count"] = _("计划场次至少为1。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = PlanItem(
            plan=plan,
            title=title.strip(),
            audience=audience,
            due_by=due_by,
            responsible=responsible.strip(),
            target_count=target_count,
        )
        item.full_clean()
        item.save()
    return item


def activity_create(
    *,
    actor,
    area: Area,
    held_on: datetime.date,
    title: str,
    form: str,
    strand: str = Strand.POPULAR,
    place: str = "",
    themes: list[str] | tuple[str, ...] = (),
    audiences: dict[str, int] | None = None,
    participants: int = 0,
    materials: list[MaterialInput] | tuple[MaterialInput, ...] = (),
    plan_item: PlanItem | None = None,
    note: str = "",
    photo=None,
) -> Activity:
    """Record an activity with its themes, audiences and materials in one transaction: all or nothing."""
    require_area_writable(actor, Module.PUBLICITY, area)
    audiences = audiences or {}
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if area.level not in ACTIVITY_LEVELS:
        err("area", _("普法活动登记在乡镇（全乡性活动）或村（社区）。"))
    if held_on > timezone.localdate():
        err("held_on", _("活动日期不能晚于今天；计划中的活动请列入年度普法计划。"))
    if form not in _codes(FORM):
        err("form", _("请选择有效的活动形式。"))
    unknown_themes = set(themes) - _codes(THEME)
    if unknown_themes:
        err("themes", _("未知的法律或主题：%(codes)s。") % {"codes": "、".join(sorted(unknown_themes))})
    if participants is None or participants < 0:
        err("participants", _("参与人次不能为负数。"))
    audience_codes = _codes(AUDIENCE)
    for code, reached in audiences.items():
        if code not in audience_codes:
            err("audiences", _("未知的普法对象：%(code)s。") % {"code": code})
        elif reached is None or reached < 0:
            err("audiences", _("覆盖人数不能为负数。"))
    material_codes = _codes(MATERIAL)
    for m in materials:
        if m.kind not in material_codes:
            err("materials", _("未知的资料种类：%(code)s。") % {"code": m.kind})
        if m.quantity is None:
            err("materials", _("请填写资料的数量。"))
        elif m.quantity < 0:
            err("materials", _("资料数量不能为负数。"))
        if not (m.unit or "").strip():
            err("materials", _("请填写资料的单位（如本、份、幅、张）。"))
        if m.mode not in MaterialMode.values:
            err("materials", _("请选择资料的发放方式。"))
    if plan_item is not None:
        if not area.path.startswith(plan_item.plan.area.path):
            err("plan_item", _("所选计划事项不属于该活动所在乡镇。"))
        elif plan_item.plan.year != held_on.year:
            err("plan_item", _("所选计划事项不属于活动所在年度。"))
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        activity = Activity(
            area=area,
            held_on=held_on,
            title=title.strip(),
            place=place.strip(),
            form=form,
            strand=strand,
            participants=participants,
            plan_item=plan_item,
            note=note,
        )
        if photo:
            activity.photo = photo
        activity.full_clean()
        activity.save()
        for theme in dict.fromkeys(themes):
            ActivityTheme.objects.create(activity=activity, theme=theme)
        for code, reached in audiences.items():
            ActivityAudience(activity=activity, audience=code, reached=reached).full_clean(exclude=["activity"])
            ActivityAudience.objects.create(activity=activity, audience=code, reached=reached)
        for m in materials:
            row = ActivityMaterial(
                activity=activity,
                kind=m.kind,
                mode=m.mode,
                quantity=m.quantity,
                unit=m.unit.strip(),
                approximate=m.approximate,
            )
            row.full_clean()
            row.save()
    return activity


def account_create(*, actor, area: Area, name: str, platform: str) -> MediaAccount:
    require_area_writable(actor, Module.PUBLICITY, area)
    _check_unit_area(area)
    with transaction.atomic():
        account = MediaAccount(area=area, name=name.strip(), platform=platform)
        account.full_clean()
        account.save()
    return account


def series_create(*, actor, account: MediaAccount, title: str) -> MediaSeries:
    if actor is not None:
        require_change(actor, account)
    with transaction.atomic():
        series = MediaSeries(area=account.area, account=account, title=title.strip())
        series.full_clean()
        series.save()
    return series


def post_create(
    *,
    actor,
    account: MediaAccount,
    published_on: datetime.date,
    title: str,
    topic: str,
    link: str = "",
    views: int | None = None,
    series: MediaSeries | None = None,
    episode_no: int | None = None,
) -> MediaPost:
    if actor is not None:
        require_change(actor, account)
    errors = {}
    if published_on > timezone.localdate():
        errors["published_on"] = _("发布日期不能晚于今天。")
    if topic not in _codes(THEME):
        errors["topic"] = _("请选择有效的主题。")
    if views is not None and views < 0:
        errors["views"] = _("浏览量不能为负数。")
    if series is not None and series.account_id != account.pk:
        errors["series"] = _("该系列不属于所选账号。")
    if series is not None and not episode_no:
        errors["episode_no"] = _("系列节目须填写期数。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        post = MediaPost(
            area=account.area,
            account=account,
            published_on=published_on,
            title=title.strip(),
            topic=topic,
            link=link,
            views=views,
            series=series,
            episode_no=episode_no if series else None,
        )
        post.full_clean()
        post.save()
    return post

"""Figures the publicity app contributes to the annual report (seed report 一(二)(三)(四))."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import Level
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.facts import Aggregation, Dimension, FigureSpec, PeriodKind, Quantity, RecordType, builtin, declare
from fazhi.publicity.choices import (
    AUDIENCE,
    AUDIENCE_DEFAULTS,
    CIVIL_CODE_HANDBOOK,
    FORM,
    MATERIAL,
    THEME,
    UNIT_CHOICES,
    MaterialMode,
    Platform,
    Strand,
)

SECTION_STUDY = _("加强能力培训，提升法治素质")
SECTION_PUBLICITY = _("注重全民守法，强化普法宣传")
SECTION_GOVERNANCE = _("聚焦基层治理，助力平安建设")

THOUGHT = "xi_thought"  # 数据字典 publicity.theme code for 习近平法治思想


# --- Countable facts and the built-in figures as definitions over them (ARCHITECTURE rule 6) ---

_VILLAGE = _("覆盖的村（社区）")


def _activity_in(start, end) -> Q:
    """An area (row of areas.Area) where a 普法 activity was held in the period: in the village or one of its grids."""
    from fazhi.publicity.models import Activity

    held = Activity.objects.filter(held_on__gte=start, held_on__lte=end)
    return Q(Exists(held.filter(Q(area=OuterRef("pk")) | Q(area__parent=OuterRef("pk")))))


RECORD_TYPES = (
    RecordType(
        key="publicity.activity",
        label=_("普法活动"),
        model="publicity.Activity",
        date="held_on",
        sums=(Quantity("participants", _("参与人次"), "participants"),),
        distincts=(Quantity("area", _VILLAGE, "area"), Quantity("form", _("活动形式"), "form")),
        dimensions=(
            Dimension("strand", _("计入报告的哪一项"), "strand", choices=lambda: Strand.choices),
            Dimension("form", _("活动形式"), "form", choices=lambda: dictionary_choices(FORM)),
            Dimension("theme", _("法律或主题"), "themes__theme", choices=lambda: dictionary_choices(THEME), multi=True),
            Dimension(
                "audience",
                _("普法对象"),
                "audiences__audience",
                choices=lambda: dictionary_choices(AUDIENCE),
                multi=True,
            ),
            Dimension("planned", _("落实年度普法计划事项"), flag=Q(plan_item__isnull=False)),
        ),
        section=SECTION_PUBLICITY,
    ),
    RecordType(
        key="publicity.material",
        label=_("普法宣传资料（按活动日期）"),
        model="publicity.ActivityMaterial",
        area_path="activity__area__path",
        date="activity__held_on",
        sums=(Quantity("quantity", _("数量"), "quantity"),),
        distincts=(Quantity("activity", _("活动"), "activity"), Quantity("area", _VILLAGE, "activity__area")),
        dimensions=(
            Dimension("kind", _("资料种类"), "kind", choices=lambda: dictionary_choices(MATERIAL)),
            Dimension("mode", _("发放或张贴"), "mode", choices=lambda: MaterialMode.choices),
            Dimension("unit", _("计量单位"), "unit", choices=lambda: UNIT_CHOICES),
            Dimension("strand", _("活动计入报告的哪一项"), "activity__strand", choices=lambda: Strand.choices),
            Dimension("approximate", _("数量为约数"), flag=Q(approximate=True)),
        ),
        approximate="approximate",
        section=SECTION_PUBLICITY,
    ),
    RecordType(
        key="publicity.audience",
        label=_("普法覆盖对象（按活动日期）"),
        model="publicity.ActivityAudience",
        area_path="activity__area__path",
        date="activity__held_on",
        sums=(Quantity("reached", _("覆盖人数"), "reached"),),
        distincts=(Quantity("activity", _("活动"), "activity"), Quantity("area", _VILLAGE, "activity__area")),
        dimensions=(
            Dimension("audience", _("普法对象"), "audience", choices=lambda: dictionary_choices(AUDIENCE)),
            Dimension("strand", _("活动计入报告的哪一项"), "activity__strand", choices=lambda: Strand.choices),
        ),
        section=SECTION_PUBLICITY,
    ),
    RecordType(
        key="publicity.post",
        label=_("新媒体推送"),
        model="publicity.MediaPost",
        date="published_on",
        sums=(Quantity("views", _("浏览量"), "views"),),
        distincts=(Quantity("account", _("推送账号"), "account"), Quantity("series", _("系列节目"), "series")),
        dimensions=(
            Dimension("topic", _("主题"), "topic", choices=lambda: dictionary_choices(THEME)),
            Dimension("platform", _("平台"), "account__platform", choices=lambda: Platform.choices),
            Dimension("in_series", _("属于系列节目"), flag=Q(series__isnull=False)),
        ),
        section=SECTION_PUBLICITY,
    ),
    # Villages (社区) as the area tree has them, standing from their 启用日期 to their 停用日期, for 普法覆盖:
    # areas sits below publicity, so the type over its villages is declared here.
    RecordType(
        key="publicity.village",
        label=_("村（社区）（普法活动覆盖）"),
        model="areas.Area",
        area_path="path",
        start="valid_from",
        end="valid_to",
        base=Q(level=Level.VILLAGE),
        dimensions=(
            Dimension(
                "unreached", _("年内未开展普法活动"), flag=lambda start, end: ~_activity_in(start, end), relative=True
            ),
        ),
        section=SECTION_PUBLICITY,
    ),
)


def _figures() -> list[FigureSpec]:
    handed_out = {"dim": "mode", "values": [MaterialMode.HANDED_OUT.value]}
    displayed = {"dim": "mode", "values": [MaterialMode.DISPLAYED.value]}
    figures = [
        FigureSpec(
            key="publicity.campaign_events",
            label=_("习近平法治思想集中宣传活动"),
            unit=_("场次"),
            record_type="publicity.activity",
            filters=({"dim": "strand", "values": [Strand.THOUGHT.value]},),
            section=SECTION_STUDY,
        ),
        # Series episodes are counted apart (publicity.series_episodes).
        FigureSpec(
            key="publicity.video_posts",
            label=_("视频号推送习近平法治思想相关信息"),
            unit=_("期"),
            record_type="publicity.post",
            filters=({"dim": "topic", "values": [THOUGHT]}, {"dim": "in_series", "values": ["0"]}),
            section=SECTION_STUDY,
        ),
        FigureSpec(
            key="publicity.activities",
            label=_("普法宣传活动"),
            unit=_("次"),
            record_type="publicity.activity",
            filters=({"dim": "strand", "values": [Strand.POPULAR.value]},),
        ),
        FigureSpec(
            key="publicity.participants",
            label=_("普法活动参与人次"),
            unit=_("人次"),
            record_type="publicity.activity",
            aggregation=Aggregation.SUM,
            field="participants",
        ),
        FigureSpec(
            key="publicity.materials_civil_code",
            label=_("发放《中华人民共和国民法典》手册"),
            unit=_("本"),
            record_type="publicity.material",
            aggregation=Aggregation.SUM,
            field="quantity",
            filters=({"dim": "kind", "values": [CIVIL_CODE_HANDBOOK]}, handed_out),
        ),
        FigureSpec(
            key="publicity.materials_other",
            label=_("发放其他宣传资料"),
            unit=_("份"),
            record_type="publicity.material",
            aggregation=Aggregation.SUM,
            field="quantity",
            filters=(handed_out, {"dim": "kind", "op": "not_in", "values": [CIVIL_CODE_HANDBOOK]}),
        ),
        FigureSpec(
            key="publicity.materials_displayed_banners",
            label=_("悬挂横幅"),
            unit="幅",
            record_type="publicity.material",
            aggregation=Aggregation.SUM,
            field="quantity",
            filters=({"dim": "unit", "values": ["幅"]}, displayed),
        ),
        FigureSpec(
            key="publicity.materials_displayed_posters",
            label=_("张贴海报"),
            unit="张",
            record_type="publicity.material",
            aggregation=Aggregation.SUM,
            field="quantity",
            filters=({"dim": "unit", "values": ["张"]}, displayed),
        ),
        FigureSpec(
            key="publicity.lectures",
            label=_("乡贤大讲堂、身边人讲身边事等活动"),
            unit=_("场次"),
            record_type="publicity.activity",
            filters=({"dim": "strand", "values": [Strand.LECTURE.value]},),
            section=SECTION_GOVERNANCE,
        ),
        FigureSpec(
            key="publicity.series_episodes",
            label=_("系列短视频"),
            unit=_("期"),
            record_type="publicity.post",
            filters=({"dim": "in_series", "values": ["1"]},),
            section=SECTION_GOVERNANCE,
        ),
        FigureSpec(
            key="publicity.villages_unreached",
            label=_("年内未开展普法活动的村（社区）"),
            unit=_("个"),
            record_type="publicity.village",
            filters=({"dim": "unreached", "values": ["1"]},),
            period=PeriodKind.STANDING,
        ),
    ]
    figures += [
        FigureSpec(
            key=f"publicity.reached_{code}",
            label=_("普法覆盖：%(label)s") % {"label": label},
            unit=_("人"),
            record_type="publicity.audience",
            aggregation=Aggregation.SUM,
            field="reached",
            filters=({"dim": "audience", "values": [code]},),
        )
        for code, label in AUDIENCE_DEFAULTS
    ]
    return figures


# How a first draft states each figure (reports.draft); the others are offered beside the draft.
PHRASES = {
    "publicity.campaign_events": _("开展习近平法治思想集中宣传活动{值}场次"),
    "publicity.video_posts": _("通过视频号推送习近平法治思想相关信息{值}期"),
    "publicity.activities": _("开展普法宣传活动{值}次"),
    "publicity.participants": _("参与群众{值}人次"),
    "publicity.materials_civil_code": _("发放《中华人民共和国民法典》手册{值}本"),
    "publicity.materials_other": _("发放其他宣传资料{值}份"),
    "publicity.materials_displayed_banners": _("悬挂横幅{值}幅"),
    "publicity.materials_displayed_posters": _("张贴海报{值}张"),
    "publicity.lectures": _("开展乡贤大讲堂、身边人讲身边事等活动{值}场次"),
    "publicity.series_episodes": _("推出系列短视频{值}期"),
}


def register_all() -> None:
    declare(*RECORD_TYPES)
    builtin(*_figures(), phrases=PHRASES)

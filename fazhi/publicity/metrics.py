"""Figures the publicity app contributes to the annual report (seed report 一(二)(三)(四))."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.publicity import selectors
from fazhi.publicity.choices import AUDIENCE_DEFAULTS, CIVIL_CODE_HANDBOOK, MaterialMode, Strand

SECTION_STUDY = _("加强能力培训，提升法治素质")
SECTION_PUBLICITY = _("注重全民守法，强化普法宣传")
SECTION_GOVERNANCE = _("聚焦基层治理，助力平安建设")

THOUGHT = "xi_thought"  # 数据字典 publicity.theme code for 习近平法治思想


def campaign_events(*, area, period: Period):
    return selectors.activities_in(area=area, period=period).filter(strand=Strand.THOUGHT)


def activities(*, area, period: Period):
    return selectors.activities_in(area=area, period=period).filter(strand=Strand.POPULAR)


def lectures(*, area, period: Period):
    return selectors.activities_in(area=area, period=period).filter(strand=Strand.LECTURE)


def participants(*, area, period: Period):
    return selectors.activities_in(area=area, period=period)


def materials_civil_code(*, area, period: Period):
    return selectors.materials_in(area=area, period=period).filter(
        kind=CIVIL_CODE_HANDBOOK, mode=MaterialMode.HANDED_OUT
    )


def materials_other(*, area, period: Period):
    return (
        selectors.materials_in(area=area, period=period)
        .filter(mode=MaterialMode.HANDED_OUT)
        .exclude(kind=CIVIL_CODE_HANDBOOK)
    )


def _materials_unit(unit: str):
    def records(*, area, period: Period):
        return selectors.materials_in(area=area, period=period).filter(unit=unit, mode=MaterialMode.DISPLAYED)

    return records


def video_posts(*, area, period: Period):
    """Posts on 习近平法治思想 (seed: "借助'孝善治平'视频号推送相关信息10期"); series episodes are counted apart."""
    return selectors.posts_in(area=area, period=period).filter(topic=THOUGHT, series__isnull=True)


def series_episodes(*, area, period: Period):
    return selectors.posts_in(area=area, period=period).filter(series__isnull=False)


def _audience(code: str):
    def records(*, area, period: Period):
        return selectors.audiences_in(area=area, period=period).filter(audience=code)

    return records


def register_all() -> None:
    register(
        key="publicity.campaign_events",
        label=_("习近平法治思想集中宣传活动"),
        unit=_("场次"),
        section=SECTION_STUDY,
        records=campaign_events,
    )
    register(
        key="publicity.video_posts",
        label=_("视频号推送习近平法治思想相关信息"),
        unit=_("期"),
        section=SECTION_STUDY,
        records=video_posts,
    )
    register(
        key="publicity.activities", label=_("普法宣传活动"), unit=_("次"), section=SECTION_PUBLICITY, records=activities
    )
    register(
        key="publicity.participants",
        label=_("普法活动参与人次"),
        unit=_("人次"),
        section=SECTION_PUBLICITY,
        records=participants,
        sum_field="participants",
    )
    register(
        key="publicity.materials_civil_code",
        label=_("发放《中华人民共和国民法典》手册"),
        unit=_("本"),
        section=SECTION_PUBLICITY,
        records=materials_civil_code,
        sum_field="quantity",
    )
    register(
        key="publicity.materials_other",
        label=_("发放其他宣传资料"),
        unit=_("份"),
        section=SECTION_PUBLICITY,
        records=materials_other,
        sum_field="quantity",
    )
    for unit, label in (("幅", _("悬挂横幅")), ("张", _("张贴海报"))):
        register(
            key=f"publicity.materials_displayed_{'banners' if unit == '幅' else 'posters'}",
            label=label,
            unit=unit,
            section=SECTION_PUBLICITY,
            records=_materials_unit(unit),
            sum_field="quantity",
        )
    register(
        key="publicity.lectures",
        label=_("乡贤大讲堂、身边人讲身边事等活动"),
        unit=_("场次"),
        section=SECTION_GOVERNANCE,
        records=lectures,
    )
    register(
        key="publicity.series_episodes",
        label=_("系列短视频"),
        unit=_("期"),
        section=SECTION_GOVERNANCE,
        records=series_episodes,
    )
    # People reached per audience: one figure per default audience (admins may add audiences; those show on
    # the reach page).
    for code, label in AUDIENCE_DEFAULTS:
        register(
            key=f"publicity.reached_{code}",
            label=_("普法覆盖：%(label)s") % {"label": label},
            unit=_("人"),
            section=SECTION_PUBLICITY,
            records=_audience(code),
            sum_field="reached",
        )

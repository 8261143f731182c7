"""Population structure for the reach analysis, read from the residents registry (fazhi.people, a lower layer)
through its selector, so the user's own scope applies.

Audience ↔ registry mapping (an engineering convention [C], documented here and on the page):
老年人 = aged 60 and over; 中小学生 = aged 6–17; 妇女 = women aged 18 and over; 外出务工人员 = status 外出 or tag
外出务工. Ages are counted by birth year (the age a resident reaches in the year of the day asked about): the
registry keeps only the year in plaintext, the full birth date being encrypted (it restores the 身份证号 its mask
hides — 个人信息保护法 第五十一条).
The other audiences (村两委干部, 企业, 新就业群体 …) have no registry counterpart and are compared with
each other only.
"""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from fazhi.areas.models import Area
from fazhi.people import selectors as people_selectors
from fazhi.people.choices import ResidentStatus, Sex

GONE = [ResidentStatus.MOVED_OUT, ResidentStatus.DECEASED]


def population_shares(*, user, area: Area, on: datetime.date) -> tuple[dict[str, float] | None, str]:
    """(audience code → share of residents, a sentence on the source) — or (None, why not)."""
    if not user.has_perm("people.view"):
        return None, _("您无权查看居民信息库，仅按普法对象之间比较。")
    residents = people_selectors.resident_list(user=user, filters={"area": area}).exclude(status__in=GONE)
    year = on.year
    counts = residents.order_by().aggregate(
        total=Count("pk", distinct=True),
        elderly=Count("pk", filter=Q(birth_year__lte=year - 60), distinct=True),
        students=Count("pk", filter=Q(birth_year__gte=year - 17, birth_year__lte=year - 6), distinct=True),
        women=Count("pk", filter=Q(sex=Sex.FEMALE, birth_year__lte=year - 18), distinct=True),
        migrant=Count("pk", filter=Q(status=ResidentStatus.AWAY) | Q(tags__code="migrant_worker"), distinct=True),
    )
    total = counts.pop("total")
    if not total:
        return None, _("居民信息库中本乡镇尚无居民数据，仅按普法对象之间比较。")
    shares = {code: n / total for code, n in counts.items()}
    return shares, _(
        "人口结构来自居民信息库（%(n)s人），年龄按出生年份计：老年人指当年满60岁及以上，中小学生指当年满6至17岁，"
        "妇女指当年满18岁及以上女性，外出务工人员指状态为外出或标注外出务工者。"
    ) % {"n": total}

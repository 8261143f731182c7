"""Excel exports of resident and household lists: the current filters, the user's scope, PII masked (the birth date
as its year: with the full date the 身份证号 mask would give the number back)."""

from django.utils.translation import gettext as _

from fazhi.core.dictionaries import dictionary_choices

# The writer lives in core, so that every export escapes its cells the same way; re-exported for the views.
from fazhi.core.excel import XLSX, xlsx_response  # noqa: F401
from fazhi.people.choices import TAG


def resident_rows(queryset):
    labels = dict(dictionary_choices(TAG))
    for r in queryset:
        yield [
            r.name,
            r.get_sex_display(),
            r.birth_year or "",
            r.id_number_masked,
            r.phone_masked,
            r.area.name,
            r.household.number if r.household_id else "",
            r.address,
            r.get_status_display(),
            "、".join(labels.get(t.code, t.code) for t in r.tags.all()),
        ]


def resident_headers() -> list[str]:
    return [_("姓名"), _("性别"), _("出生年份"), _("身份证号"), _("联系电话"), _("网格"), _("户编号"), _("住址"),
            _("状态"), _("标签")]  # fmt: skip


def household_rows(queryset):
    for h in queryset:
        yield [h.number, h.head_name, h.area.name, h.address, h.member_count]


def household_headers() -> list[str]:
    return [_("户编号"), _("户主姓名"), _("网格"), _("住址"), _("家庭人口")]

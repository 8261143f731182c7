"""Excel exports of matters and visits: current filters, the user's scope; residents appear masked."""

from django.utils.translation import gettext as _

from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.encryption import mask_name
from fazhi.grid.choices import CATEGORY
from fazhi.people.exports import XLSX, xlsx_response  # noqa: F401  (XLSX re-exported for views)


def matters_xlsx(queryset):
    categories = dict(dictionary_choices(CATEGORY))
    headers = [_("编号"), _("登记日期"), _("发生日期"), _("网格"), _("类别"), _("事项描述"), _("反映人"), _("来源"),
               _("状态"), _("办理期限"), _("办结日期"), _("群众满意度")]  # fmt: skip
    rows = (
        [
            m.number,
            m.registered_on.isoformat(),
            m.happened_on.isoformat(),
            m.area.name,
            categories.get(m.category, m.category),
            m.description,
            mask_name(m.raised_by),
            m.get_source_display(),
            m.get_status_display(),
            m.due_date.isoformat() if m.due_date else "",
            m.closed_on.isoformat() if m.closed_on else "",
            m.get_satisfaction_display(),
        ]
        for m in queryset
    )
    return xlsx_response(title=_("群众说事"), headers=headers, rows=rows, filename="matters.xlsx")


def visits_xlsx(queryset):
    headers = [_("走访日期"), _("网格"), _("户编号"), _("户主"), _("走访人"), _("走访情况")]
    rows = (
        [
            v.visited_on.isoformat(),
            v.area.name,
            v.household.number,
            mask_name(v.household.head_name),
            str(v.visitor),
            v.notes,
        ]
        for v in queryset
    )
    return xlsx_response(title=_("走访"), headers=headers, rows=rows, filename="visits.xlsx")

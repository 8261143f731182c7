"""The yearly minimums the workbench watches (docs/law.md LD-04, LD-05, LD-09). Defaults carry their source; admins
change the value (and the source) in the 学法培训要求 page, stored in training.Requirement."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

LAW_LECTURES = "leadership_law_lectures"
PRE_MEETING = "pre_meeting_study"
OFFICER_HOURS = "enforcement_officer_hours"
WARN_FROM_MONTH = "warn_from_month"

DEFAULTS: dict[str, dict] = {
    # 纲要(2021—2025) (三十四): "地方各级政府领导班子每年应当举办两期以上法治专题讲座"; 督察规定 第七条(五) — LD-05 [V]
    LAW_LECTURES: {
        "label": _("领导班子法治专题讲座（每年至少）"),
        "value": Decimal("2"),
        "unit": "期",
        "source": "法治政府建设实施纲要（2021—2025年）（三十四）；督察规定第七条（五）",
        "certainty": "V",
    },
    # 督察规定 第八条(七) 政府常务会议定期学法 — LD-04 [V]; "定期" as quarterly is a convention [C]
    PRE_MEETING: {
        "label": _("会前学法（每年至少）"),
        "value": Decimal("4"),
        "unit": "次",
        "source": "督察规定第八条（七）“定期学法”；按季度计为工程约定",
        "certainty": "C",
    },
    # 纲要(2021—2025) (三十四): 行政执法人员每人每年不少于60学时 — LD-09 [V]
    OFFICER_HOURS: {
        "label": _("行政执法人员法律知识培训（每人每年至少）"),
        "value": Decimal("60"),
        "unit": "学时",
        "source": "法治政府建设实施纲要（2021—2025年）（三十四）",
        "certainty": "V",
    },
    WARN_FROM_MONTH: {
        "label": _("自该月起在工作台提醒未达标项"),
        "value": Decimal("9"),
        "unit": "月",
        "source": "工程约定",
        "certainty": "C",
    },
}

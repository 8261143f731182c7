"""Problem statements the platform proposes from the data; the author accepts, edits or drops them.

Each rule names the metric keys it reads; a rule whose metrics are not registered (that app is not installed
yet) is silently skipped — reports/tests/test_suggestions.py checks that every key names a registered figure, so a
misspelt key fails a test instead. Thresholds that come from law cite it; the others are conventions ([C]).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, metric_values, refresh


@dataclass(frozen=True)
class Rule:
    keys: tuple[str, ...]
    test: Callable[..., bool]
    text: str
    source: str = ""


RULES = [
    Rule(
        ("leadership.annual_hearings",),
        lambda v: v == 0,
        _("党委专题听取法治政府建设情况汇报制度落实不到位，全年未专题听取上一年度法治政府建设情况汇报。"),
        "督察工作规定 第七条(一) (LD-02)",
    ),
    Rule(
        ("leadership.plan_tasks", "leadership.plan_tasks_done"),
        lambda total, done: total > done,
        _("年度法治建设工作计划落实不够到位，部分任务未按期完成。"),
        "督察工作规定 第七条(二) (LD-03)",
    ),
    Rule(
        ("leadership.law_reports",),
        lambda v: v == 0,
        _("党政主要负责人述法工作开展不够，未在年终述职中报告履行推进法治建设第一责任人职责情况。"),
        "LD-11",
    ),
    Rule(
        ("training.sessions_law_lecture",),
        lambda v: v < 2,
        _("领导干部学法不够经常，全年举办法治专题讲座少于两期。"),
        "纲要(三十四) (LD-05)",
    ),
    Rule(
        ("enforcement.officers_multi_post",),
        lambda v: v > 0,
        _("行政执法规范性有待加强，执法人员身兼数职，专业化、专职化程度较低。"),
        "",
    ),
    Rule(
        ("enforcement.officers_without_certificate",),
        lambda v: v > 0,
        _("部分执法人员未取得行政执法证件，持证上岗、亮证执法落实不到位。"),
        "督察工作规定 第九条(五) (LE-40)",
    ),
    Rule(
        ("publicity.villages_unreached",),
        lambda v: v > 0,
        _("普法宣传覆盖不均衡，仍有村（社区）全年未开展普法活动。"),
        "",
    ),
    Rule(
        ("petitions.overdue",),
        lambda v: v > 0,
        _("信访事项办理时效有待提高，存在超期办结情况。"),
        "信访工作条例 第三十四条",
    ),
    Rule(
        ("mediation.disputes_overdue",),
        lambda v: v > 0,
        _("矛盾纠纷化解时效有待提高，部分纠纷未在一个月内调结。"),
        "人民调解工作若干规定 第三十三条 (MED-18)",
    ),
    Rule(("documents.filings_overdue",), lambda v: v > 0, _("规范性文件备案不够及时，存在超期报备情况。"), "ND-15"),
]


def suggest(*, area, year: int) -> list[str]:
    period = Period.year(year)
    metrics = refresh()
    rules = [rule for rule in RULES if all(k in metrics for k in rule.keys)]
    keys = list(dict.fromkeys(k for rule in rules for k in rule.keys))
    # Every rule's figures in one batch (core.metrics.metric_values), not a query per figure.
    values = dict(zip(keys, metric_values(area=area, requests=[(metrics[k], period) for k in keys]), strict=True))
    return [str(rule.text) for rule in rules if rule.test(*(values[k] for k in rule.keys))]

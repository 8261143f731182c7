"""自动预审: keyword / regular-expression rules over a draft's Chinese text (DOMAIN.md ND-03, ND-04, ND-10).

Each rule names the prohibition it may break and its source. A hit is a *suspect passage* for the
human legality reviewer, not a verdict.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PrecheckRule:
    code: str
    label: str
    pattern: re.Pattern
    source: str


@dataclass(frozen=True)
class Finding:
    rule: PrecheckRule
    start: int
    end: int
    passage: str


RULES = [
    PrecheckRule(
        "penalty",
        _("疑似设定行政处罚（罚款、没收、责令停产停业等）"),
        re.compile(
            r"(处以?|并处|予以)?[^，。；\n]{0,10}罚款|没收[^，。；\n]{0,10}(财物|违法所得)|责令停(产|业)|吊销[^，。；\n]{0,8}(许可证|执照)"
        ),
        "国办发〔2018〕37号 一(一)：不得设定行政处罚（DOMAIN.md ND-03）",
    ),
    PrecheckRule(
        "licence",
        _("疑似设定行政许可或增加许可条件"),
        re.compile(
            r"(须|需|必须|应当|应)(经|向)?[^，。；\n]{0,12}(审批|批准|许可|核准)|(取得|办理)[^，。；\n]{0,8}(许可证|许可)"
        ),
        "国办发〔2018〕37号 一(一)：不得设定行政许可、不得增加办理行政许可的条件（DOMAIN.md ND-03）",
    ),
    PrecheckRule(
        "coercion",
        _("疑似设定行政强制措施"),
        re.compile(r"(查封|扣押|冻结|强制拆除|强制执行)"),
        "国办发〔2018〕37号 一(一)：不得设定行政强制（DOMAIN.md ND-03）",
    ),
    PrecheckRule(
        "fee",
        _("疑似设定行政事业性收费或征收"),
        re.compile(r"(收取|缴纳|征收)[^，。；\n]{0,10}(费|款|保证金|押金)"),
        "皖政办秘〔2018〕185号；渝府令290号 第7条（DOMAIN.md ND-04）",
    ),
    PrecheckRule(
        "proof",
        _("疑似要求出具循环证明、重复证明、无谓证明"),
        re.compile(r"(出具|提供|开具)[^，。；\n]{0,12}证明"),
        "国办发〔2018〕37号 一(一)：不得规定出具循环证明、重复证明、无谓证明（DOMAIN.md ND-03）",
    ),
]


def precheck(text: str) -> list[Finding]:
    """All suspect passages, in text order."""
    findings = [
        Finding(rule, m.start(), m.end(), m.group(0)) for rule in RULES for m in rule.pattern.finditer(text or "")
    ]
    return sorted(findings, key=lambda f: (f.start, f.rule.code))

"""自动预审: what a township's normative document may not do (docs/law.md ND-03, ND-04, ND-05, ND-10).

The text is segmented with jieba, so a rule term only counts as a whole word ("罚款" is found, but not the
"罚" of another word), and its passage is the clause (between Chinese punctuation) that holds it. A sentence
that rests on a higher law (依照《…法》…) restates that law rather than creating a new measure, so it is
not flagged. A hit is a suspect passage for the human legality reviewer, never a verdict.
"""

import logging
import re
from dataclasses import dataclass
from functools import cache

import jieba
from django.utils.translation import gettext_lazy as _

jieba.setLogLevel(logging.WARNING)

CLAUSE_END = "，,。；;：:！？!?\n"
SENTENCE_END = "。；;！？!?\n"
# 依照/依据/按照《…法|条例|规定|办法》: the measure comes from a higher law with its legal basis.
LEGAL_BASIS = re.compile(r"(依照|依据|根据|按照)《[^》]{2,40}(法|条例|规定|办法|决定)》")
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条\s*")
EXTRA_WORDS = ["停产停业", "强制拆除", "强制执行", "行政许可", "许可证", "保证金", "审批", "罚款"]


@dataclass(frozen=True)
class PrecheckRule:
    code: str
    label: str
    terms: frozenset[str]
    source: str
    context: re.Pattern | None = None  # the clause must also match this, when given


@dataclass(frozen=True)
class Finding:
    rule: PrecheckRule
    start: int
    end: int
    passage: str


SOURCE_37 = "国办发〔2018〕37号 一(一) 严禁越权发文"
RULES = [
    PrecheckRule(
        "penalty",
        _("疑似设定行政处罚（罚款、没收、吊销、责令停产停业等）"),
        frozenset({"罚款", "没收", "吊销", "停产停业", "拘留"}),
        f"{SOURCE_37}：不得设定行政处罚（docs/law.md ND-03）",
    ),
    PrecheckRule(
        "licence",
        _("疑似设定行政许可或增加许可条件"),
        frozenset({"审批", "许可", "批准", "核准", "许可证", "行政许可"}),
        f"{SOURCE_37}：不得设定行政许可、不得增加办理行政许可的条件（docs/law.md ND-03）",
        re.compile(r"须|需|必须|应当|应|未经|取得|办理"),
    ),
    PrecheckRule(
        "coercion",
        _("疑似设定行政强制措施"),
        frozenset({"查封", "扣押", "冻结", "强制拆除", "强制执行", "强行"}),
        f"{SOURCE_37}：不得设定行政强制（docs/law.md ND-03）",
    ),
    PrecheckRule(
        "fee",
        _("疑似设定行政事业性收费或征收"),
        frozenset({"收取", "缴纳", "征收", "收费", "保证金", "押金"}),
        "渝府令290号 第7条；皖政办秘〔2018〕185号：不得设定行政事业性收费、行政征收（docs/law.md ND-04）",
        re.compile(r"费|保证金|押金|征收"),
    ),
    PrecheckRule(
        "proof",
        _("疑似要求出具循环证明、重复证明、无谓证明"),
        frozenset({"证明"}),
        f"{SOURCE_37}：不得规定出具循环证明、重复证明、无谓证明（docs/law.md ND-03）",
        re.compile(r"出具|提供|开具|提交"),
    ),
    PrecheckRule(
        "obligation",
        _("疑似无法律依据增加公民义务或减损其权利"),
        frozenset({"一律", "必须", "禁止", "不得"}),
        f"{SOURCE_37}：不得违法减损公民、法人和其他组织合法权益或者增加其义务（docs/law.md ND-03）",
        re.compile(r"村民|居民|群众|公民|农户|住户|个人|经营户|经营者|商户"),
    ),
    PrecheckRule(
        "competition",
        _("疑似排除、限制公平竞争"),
        frozenset({"指定", "限定", "外地", "本地"}),
        "国办发〔2018〕37号、115号：不得含有排除、限制公平竞争的内容（docs/law.md ND-05）",
        re.compile(r"购买|使用|商品|服务|企业|经营者|商家|进入"),
    ),
]


@cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    for word in EXTRA_WORDS:
        tokenizer.add_word(word)
    return tokenizer


def _span(text: str, pos: int, stops: str) -> tuple[int, int]:
    start = pos
    while start > 0 and text[start - 1] not in stops:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in stops:
        end += 1
    while start < end and text[start].isspace():
        start += 1
    heading = ARTICLE.match(text, start, end)  # "第五条 " numbers the article; it is not part of the passage
    return (heading.end() if heading else start), end


def precheck(text: str) -> list[Finding]:
    """Suspect passages, one per (rule, clause), in text order."""
    text = text or ""
    found: dict[tuple[str, int], Finding] = {}
    for word, pos, _end in _tokenizer().tokenize(text):
        for rule in RULES:
            if word not in rule.terms:
                continue
            start, end = _span(text, pos, CLAUSE_END)
            clause = text[start:end]
            if rule.context and not rule.context.search(clause):
                continue
            s_start, s_end = _span(text, pos, SENTENCE_END)
            if LEGAL_BASIS.search(text[s_start:s_end]):
                continue
            found.setdefault((rule.code, start), Finding(rule, start, end, clause))
    return sorted(found.values(), key=lambda f: (f.start, f.rule.code))

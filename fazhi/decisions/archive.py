"""The whole procedure of one decision as a single .zip (条例 第三十三条 决策过程记录和材料归档; docs/law.md MD-17)."""

import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.docx import official_document
from fazhi.decisions.models import Decision, Step
from fazhi.decisions.selectors import decision_steps

SUMMARY_NAME = "01_决策程序汇总.docx"
COMMENTS_NAME = "02_公众意见.txt"


def _fmt(value) -> str:
    if value is None or value == "":
        return _("（未填写）")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _summary(d: Decision) -> bytes:
    doc = official_document()
    doc.add_heading(d.title, level=1)
    doc.add_paragraph(
        _("%(area)s · %(year)s年度 · %(status)s") % {"area": d.area.name, "year": d.year, "status": d.status_label}
    )
    doc.add_paragraph(_fmt(d.summary))
    doc.add_heading(_("程序清单"), level=2)
    for s in decision_steps(decision=d):
        mark = _("已完成") if s.done else (_("未完成") if s.required else _("不适用/可选"))
        doc.add_paragraph(f"{s.label}：{mark}", style="List Bullet")
    sections = [
        (_("目录公布"), [(_("目录公布日期"), d.published_on)]),
        (
            Step.PARTICIPATION.label,
            [
                (_("征求意见期"), f"{_fmt(d.comment_started_on)} — {_fmt(d.comment_ends_on)}"),
                (_("缩短期限理由"), d.comment_shortened_reason),
                (_("征求意见稿"), d.consultation_text),
                (_("意见采纳情况说明"), d.comment_handling),
            ],
        ),
        (
            Step.EXPERT.label,
            [(f"{e.expert}（{e.affiliation}）{e.given_on}", e.opinion) for e in d.expert_opinions.all()],
        ),
        (
            Step.RISK.label,
            [
                (_("评估单位"), d.risk_assessor),
                (_("风险等级"), d.get_risk_level_display()),
                (_("结论"), d.risk_conclusion),
            ],
        ),
        (
            Step.REVIEW.label,
            [
                (_("提交审查日"), d.review_started_on),
                (_("审查人员/机构"), d.reviewer),
                (_("审查结论"), d.get_review_conclusion_display()),
                (_("审查意见"), d.review_opinion),
                (_("审查完成日"), d.reviewed_on),
            ],
        ),
        (
            Step.DISCUSSION.label,
            [(_("会议"), d.meeting), (_("日期"), d.discussed_on), (_("出席人员"), d.attendees)]
            + [
                (
                    s.speaker
                    + (_("（主要负责人）") if s.is_principal else "")
                    + (_("（不同意见）") if s.dissent else ""),
                    s.statement,
                )
                for s in d.statements.all()
            ]
            + [(_("决定内容"), d.outcome)],
        ),
        (Step.ANNOUNCEMENT.label, [(_("公布日期"), d.announced_on), (_("公布渠道及解读"), d.announcement)]),
        (Step.IMPLEMENTATION.label, [(_("执行单位"), d.implementing_unit), (_("执行情况"), d.implementation_notes)]),
        (
            Step.EVALUATION.label,
            [(_("评估单位"), d.evaluator), (_("评估日期"), d.evaluated_on), (_("评估结论"), d.evaluation)],
        ),
    ]
    for heading, rows in sections:
        doc.add_heading(str(heading), level=2)
        for label, value in rows or [(_("记录"), None)]:
            doc.add_paragraph(f"{label}：{_fmt(value)}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _comments(d: Decision) -> str:
    lines = []
    for i, c in enumerate(d.comments.all(), 1):
        adopted = {True: _("采纳"), False: _("不采纳"), None: _("未定")}[c.adopted]
        where = _("第%(p)s段") % {"p": c.paragraph} if c.paragraph else _("总体")
        at = timezone.localtime(c.submitted_at)
        lines.append(
            f"{i}. [{at:%Y-%m-%d %H:%M}] {c.name or _('匿名')} · {where} · {c.get_status_display()} · {adopted}\n"
            f"   {c.text}\n   {_('答复')}：{c.reply or _('（无）')}"
        )
    return "\n".join(lines) or _("未收到公众意见。")


def decision_archive(*, decision: Decision) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(SUMMARY_NAME, _summary(decision))
        z.writestr(COMMENTS_NAME, _comments(decision))
        for i, a in enumerate(decision.attachments.all(), 1):
            with a.file.open("rb") as f:
                z.writestr(f"03_附件/{a.get_step_display()}/{i:02d}_{a.name}", f.read())
    return out.getvalue()

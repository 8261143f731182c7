"""人民调解协议书 as .docx in the standard form, with what 人民调解法 第二十九条 requires (docs/law.md MED-14):
the parties' basic details; the main facts, the matters in dispute and each side's responsibility; the agreed terms
with how and by when they are performed; signatures (or seals / fingerprints) of the parties, the mediator's
signature and the committee's seal. One copy for each party and one kept by the committee."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.mediation.choices import AgreementForm
from fazhi.mediation.models import Agreement

FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"


def _run(paragraph, text: str, *, font: str = FONT, size: int = 14, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold = font, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def agreement_docx(agreement: Agreement) -> bytes:
    dispute = agreement.dispute
    parties = list(dispute.parties.all())
    body_name = dispute.body.name if dispute.body_id else dispute.area.name + "人民调解委员会"
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "人民调解协议书", font=TITLE_FONT, size=22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(number, f"编号：{dispute.number}")
    if agreement.form == AgreementForm.ORAL:
        note = doc.add_paragraph()
        _run(note, "（本协议为当事人口头达成，由人民调解员依《人民调解法》第二十八条记录。）", size=12)

    heading = doc.add_paragraph()
    _run(heading, "一、当事人基本情况", bold=True)
    for party in parties:
        line = doc.add_paragraph()
        address = f"，住址：{party.address}" if party.address else ""
        _run(line, f"{party.get_role_display()}：{party.name}{address}")

    heading = doc.add_paragraph()
    _run(heading, "二、纠纷主要事实、争议事项及各方责任", bold=True)
    _run(doc.add_paragraph(), agreement.facts)

    heading = doc.add_paragraph()
    _run(heading, "三、经调解，当事人自愿达成如下协议", bold=True)
    for i, term in enumerate([t for t in agreement.terms.splitlines() if t.strip()], start=1):
        _run(doc.add_paragraph(), f"{i}. {term.strip()}")

    heading = doc.add_paragraph()
    _run(heading, "四、履行方式、时限", bold=True)
    _run(doc.add_paragraph(), f"履行方式：{agreement.performance_method}")
    _run(doc.add_paragraph(), f"履行期限：{_date(agreement.performance_due)}前")

    copies = len(parties) + 1
    _run(
        doc.add_paragraph(),
        f"本协议一式{copies}份，当事人各执一份，{body_name}留存一份。"
        "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
        "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
        "双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。",
    )

    table = doc.add_table(rows=0, cols=2)
    for party in parties:
        row = table.add_row().cells
        _run(row[0].paragraphs[0], f"{party.get_role_display()}（签名、盖章或按指印）：")
        _run(row[1].paragraphs[0], "")
    mediators = "、".join(m.name for m in dispute.mediators.all())
    row = table.add_row().cells
    _run(row[0].paragraphs[0], "人民调解员（签名）：")
    _run(row[1].paragraphs[0], mediators)
    row = table.add_row().cells
    _run(row[0].paragraphs[0], "人民调解委员会（印章）：")
    _run(row[1].paragraphs[0], body_name)

    date = doc.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(date, _date(agreement.effective_on))

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

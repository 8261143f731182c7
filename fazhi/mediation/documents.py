"""人民调解协议书 as .docx in the standard form, with what 人民调解法 第二十九条 requires (docs/law.md MED-14):
the parties' basic details; the main facts, the matters in dispute and each side's responsibility; the agreed terms
with how and by when they are performed; signatures (or seals / fingerprints) of the parties, the mediator's
signature and the committee's seal. One copy for each party and one kept by the committee.

A party's basic details come from their resident record when they are registered (性别, 年龄, 住址, 联系电话), else
from what the dispute recorded. The phone is the stored mask, the same for every role: a full number leaves the
platform only through the reveal service that records who read it and why (docs/law.md SEC-16); the parties write
their own number on the paper if the committee needs it. The age is counted from the registered birth year, the
only part of the birth date shown outside that service."""

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from fazhi.areas.models import Area, Level
from fazhi.core.docx import OFFICIAL_FACES, keep_row_together, official_document, set_font
from fazhi.mediation.choices import AgreementForm, BodyKind
from fazhi.mediation.models import Agreement, Dispute, DisputeParty, MediationBody

COMMITTEES = (BodyKind.VILLAGE_COMMITTEE, BodyKind.TOWNSHIP_COMMITTEE)
SIGNING_HEIGHT = Mm(45)  # room for a signature, a seal and a fingerprint under the label


def _run(paragraph, text: str, *, font: str = OFFICIAL_FACES.body, size: int = 14, bold: bool = False):
    run = paragraph.add_run(text)
    set_font(run, font, Pt(size))
    run.bold = bold
    return run


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def issuing_committee(dispute: Dispute) -> str:
    """The 人民调解委员会 that issues the agreement (人民调解法 第二十九条: 加盖人民调解委员会印章). A studio is not
    a committee and cannot seal: its dispute is issued by the committee of the dispute's village, else of its
    township; a place with no committee registered gets one named from the place ("新红村人民调解委员会")."""
    if dispute.body_id and dispute.body.kind in COMMITTEES:
        return dispute.body.name
    places = [a for a in [*dispute.area.ancestors(), dispute.area] if a.level in (Level.TOWNSHIP, Level.VILLAGE)]
    for place in reversed(places):
        body = MediationBody.objects.filter(area=place, kind__in=COMMITTEES, is_active=True).order_by("name").first()
        if body is not None:
            return body.name
    place: Area = places[-1] if places else dispute.area
    return f"{place.name}人民调解委员会"


def party_details(party: DisputeParty, *, on) -> str:
    """一方当事人的基本情况 as one line: name, then sex, age, address and phone where known."""
    resident = party.resident
    facts = []
    if resident is not None:
        if resident.sex:
            facts.append(f"性别：{resident.get_sex_display()}")
        if resident.birth_year:
            facts.append(f"年龄：{on.year - resident.birth_year}岁（{resident.birth_year}年生）")
    address = party.address or (resident.address if resident is not None else "")
    if address:
        facts.append(f"住址：{address}")
    if resident is not None and resident.phone_masked:
        facts.append(f"联系电话：{resident.phone_masked}")
    return f"{party.get_role_display()}：{party.name}" + ("，" + "，".join(facts) if facts else "")


def _signature_row(doc, parties, mediators: str, committee: str, effective_on) -> None:
    """Every signature in one table row that never splits across pages, each cell with room to sign and press a
    fingerprint; the paragraph before keeps with it, so the row never stands alone on a page."""
    cells = [(f"{p.get_role_display()}：{p.name}", "（签名、盖章或按指印）") for p in parties]
    cells.append((f"人民调解员：{mediators}" if mediators else "人民调解员：", "（签名）"))
    cells.append((committee, f"（印章）\n{_date(effective_on)}"))
    table = doc.add_table(rows=1, cols=len(cells))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row = table.rows[0]
    row.height = SIGNING_HEIGHT
    for cell, (label, note) in zip(row.cells, cells, strict=True):
        _run(cell.paragraphs[0], label, size=12)
        _run(cell.add_paragraph(), note, size=10)
    keep_row_together(row, keep_with_next=True)


def agreement_docx(agreement: Agreement) -> bytes:
    dispute = agreement.dispute
    parties = list(dispute.parties.select_related("resident"))
    committee = issuing_committee(dispute)
    on = agreement.effective_on
    doc = official_document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "人民调解协议书", font=OFFICIAL_FACES.title, size=22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(number, f"{committee}　编号：{dispute.number}")
    if agreement.form == AgreementForm.ORAL:
        note = doc.add_paragraph()
        _run(note, "（本协议为当事人口头达成，由人民调解员依《人民调解法》第二十八条记录。）", size=12)

    _run(doc.add_paragraph(), "一、当事人基本情况", bold=True)
    for party in parties:
        _run(doc.add_paragraph(), party_details(party, on=on))

    _run(doc.add_paragraph(), "二、纠纷主要事实、争议事项及各方责任", bold=True)
    _run(doc.add_paragraph(), agreement.facts)

    _run(doc.add_paragraph(), "三、经调解，当事人自愿达成如下协议", bold=True)
    for i, term in enumerate([t for t in agreement.terms.splitlines() if t.strip()], start=1):
        _run(doc.add_paragraph(), f"{i}. {term.strip()}")

    _run(doc.add_paragraph(), "四、履行方式、时限", bold=True)
    _run(doc.add_paragraph(), f"履行方式：{agreement.performance_method}")
    _run(doc.add_paragraph(), f"履行期限：{_date(agreement.performance_due)}前")

    closing = doc.add_paragraph()
    closing.paragraph_format.keep_with_next = True
    _run(
        closing,
        f"本协议一式{len(parties) + 1}份，当事人各执一份，{committee}留存一份。"
        "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
        "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
        "双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。",
    )
    mediators = "、".join(m.name for m in dispute.mediators.all())
    _signature_row(doc, parties, mediators, committee, on)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

import datetime
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.mediation import services
from fazhi.mediation.choices import DisputeStatus, PartyRole, Tier
from fazhi.mediation.documents import agreement_docx
from fazhi.mediation.services import AgreementInput, PartyInput
from fazhi.people import services as people

from .conftest import make_dispute

D = datetime.date


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_the_agreement_docx_contains_the_parties_the_terms_and_the_date(world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    services.dispute_close(
        actor=None,
        dispute=dispute,
        status=DisputeStatus.RESOLVED,
        on=D(2023, 3, 10),
        agreement=AgreementInput(
            facts="双方因通行发生争执，张三设围栏堵路。",
            terms="张三于3月15日前拆除围栏。\n李四一次性补偿张三500元。",
            performance_method="当面支付，调解员见证",
            performance_due=D(2023, 3, 15),
        ),
    )
    text = _text(agreement_docx(dispute.agreement))
    assert "人民调解协议书" in text
    assert "申请人：张三" in text and "被申请人：李四" in text
    assert "1. 张三于3月15日前拆除围栏。" in text and "2. 李四一次性补偿张三500元。" in text
    assert "履行方式：当面支付，调解员见证" in text and "履行期限：2023年3月15日前" in text
    assert "2023年3月10日" in text
    # The studio is not a committee: the village's committee, named from the place, issues and seals.
    assert "新红村人民调解委员会" in text and "（印章）" in text and "小米书记工作室" not in text
    assert "黄书记" in text  # the mediator's signature line
    assert "本协议一式3份" in text


def test_an_oral_agreement_is_marked_as_recorded_by_the_mediator(world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    services.dispute_close(
        actor=None,
        dispute=dispute,
        status=DisputeStatus.RESOLVED,
        on=D(2023, 3, 10),
        agreement=AgreementInput(
            facts="", terms="互相道歉", performance_method="当场履行", performance_due=D(2023, 3, 10), form="oral"
        ),
    )
    assert "口头达成" in _text(agreement_docx(dispute.agreement))


def _close(dispute):
    on = D(2023, 3, 10)
    services.dispute_close(
        actor=None,
        dispute=dispute,
        status=DisputeStatus.RESOLVED,
        on=on,
        agreement=AgreementInput(
            facts="双方因宅基地界址发生争执。",
            terms="以老石坎为界。",
            performance_method="当场履行",
            performance_due=on,
        ),
    )
    return Document(io.BytesIO(agreement_docx(dispute.agreement)))


def test_the_agreement_is_a4_with_official_margins_party_facts_the_committee_and_one_unbreakable_signature_row(
    world, dictionaries
):
    """人民调解法 第二十九条 (docs/law.md MED-14) on GB/T 9704 paper, in a township other than the demo's: 明通镇 has
    no committee registered, so the village's name is built from the place."""
    village = make_area(world.other_township, Level.VILLAGE, "石门村", "500229104201")
    grid = make_area(village, Level.GRID, "石门村第1网格", grid_number=1)
    wang = people.resident_create(
        actor=None,
        area=grid,
        name="王秀英",
        sex="female",
        id_number="500229197003150025",
        address="石门村三组12号",
        phone="13900001111",
    )
    zhao = people.resident_create(actor=None, area=grid, name="赵大山", sex="male", address="石门村三组15号")
    dispute = make_dispute(
        world,
        area=village,
        tier=Tier.SIMPLE,
        parties=[
            PartyInput(name="王秀英", role=PartyRole.APPLICANT, resident=wang),
            PartyInput(name="赵大山", role=PartyRole.RESPONDENT, resident=zhao),
        ],
    )
    doc = _close(dispute)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(getattr(section, f"{side}_margin").mm) for side in ("top", "bottom", "left", "right")] == [
        37,
        35,
        28,
        26,
    ]
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    text = _text(agreement_docx(dispute.agreement))
    assert "申请人：王秀英，性别：女，年龄：53岁（1970年生），住址：石门村三组12号，联系电话：139****1111" in text
    assert "被申请人：赵大山，性别：男，住址：石门村三组15号" in text
    assert "13900001111" not in text  # the mask, never the full number
    assert "石门村人民调解委员会留存一份" in text
    (table,) = doc.tables
    (row,) = table.rows
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert row.height >= Mm(40)
    cells = [c.text for c in row.cells]
    assert cells[0].startswith("申请人：王秀英") and "按指印" in cells[0]
    assert cells[-1].startswith("石门村人民调解委员会") and "（印章）" in cells[-1]
    before = doc.paragraphs[-1]
    assert before.paragraph_format.keep_with_next and before.text.startswith("本协议一式3份")


def test_a_dispute_handled_by_a_committee_is_issued_in_that_committee_s_name(world, village_body):
    dispute = make_dispute(world, body=village_body, tier=Tier.SIMPLE)
    doc = _close(dispute)
    assert doc.tables[0].rows[0].cells[-1].text.startswith("新红村人民调解委员会")


def test_the_agreement_is_issued_by_the_registered_committee_of_the_place_rather_than_the_studio(
    world, studio, dictionaries
):
    services.body_create(actor=None, area=world.township, name="治平乡人民调解委员会", kind="township_committee")
    dispute = make_dispute(world, area=world.township, body=studio, tier=Tier.SIMPLE)
    doc = _close(dispute)
    assert doc.tables[0].rows[0].cells[-1].text.startswith("治平乡人民调解委员会")

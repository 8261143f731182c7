import datetime
import io

from docx import Document

from fazhi.mediation import services
from fazhi.mediation.choices import DisputeStatus
from fazhi.mediation.documents import agreement_docx
from fazhi.mediation.services import AgreementInput

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
    assert "人民调解委员会（印章）" in text and "小米书记工作室" in text
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

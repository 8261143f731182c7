import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.accounts.roles import Role
from fazhi.documents.models import DocumentEvent, DocumentStatus, NormativeDocument
from fazhi.documents.precheck import precheck
from fazhi.documents.services import document_create, document_transition

pytestmark = pytest.mark.django_db

MON = datetime.date(2023, 3, 6)

UNLAWFUL = (
    "第一条 为加强管理，制定本办法。第二条 在集镇摆摊经营的，须经乡政府审批。第三条 违反本办法的，处以五百元罚款。"
)
LAWFUL = "第一条 为做好村庄清洁工作，制定本方案。第二条 各村应当组织群众开展环境卫生整治，做好宣传引导。"


def test_precheck_flags_fine_and_licence_at_their_passages():
    findings = precheck(UNLAWFUL)
    codes = {f.rule.code for f in findings}
    assert codes == {"penalty", "licence"}
    penalty = next(f for f in findings if f.rule.code == "penalty")
    licence = next(f for f in findings if f.rule.code == "licence")
    assert UNLAWFUL[penalty.start : penalty.end] == penalty.passage
    assert "罚款" in penalty.passage and penalty.start > UNLAWFUL.index("第三条")
    assert "审批" in licence.passage and UNLAWFUL.index("第二条") < licence.start < UNLAWFUL.index("第三条")
    assert "37号" in penalty.rule.source


def test_precheck_passes_lawful_text():
    assert precheck(LAWFUL) == []


@pytest.fixture
def staff(world):
    return world.user(Role.LEGAL_STAFF)


@pytest.fixture
def doc(world, staff):
    return document_create(actor=staff, area=world.township, title="治平乡村庄清洁管理办法", body=LAWFUL)


def test_full_path_draft_to_filed(doc, staff):
    d = document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    d = document_transition(
        actor=staff, document=d, action="approve_review", on=MON + datetime.timedelta(days=7), opinion="合法"
    )
    d = document_transition(actor=staff, document=d, action="deliberate", on=MON + datetime.timedelta(days=8))
    d = document_transition(
        actor=staff, document=d, action="issue", on=MON + datetime.timedelta(days=9), registration_no="ZPXG-2023-001"
    )
    assert d.filing_due == datetime.date(2023, 3, 30)  # 15 natural days from 2023-03-15 (ND-15 default)
    d = document_transition(actor=staff, document=d, action="file", on=MON + datetime.timedelta(days=10))
    assert d.status == DocumentStatus.FILED
    assert list(d.events.values_list("action", flat=True)) == [
        "create",
        "submit_review",
        "approve_review",
        "deliberate",
        "issue",
        "file",
    ]


def test_refuses_deliberation_without_legality_review(doc, staff):
    with pytest.raises(ValidationError, match="未经合法性审核"):
        document_transition(actor=staff, document=doc, action="deliberate", on=MON)
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT and doc.deliberated_on is None
    assert DocumentEvent.objects.filter(document=doc).count() == 1


def test_refuses_review_shorter_than_five_working_days(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    with pytest.raises(ValidationError, match=r"不足5个工作日.*2023-03-13"):
        document_transition(
            actor=staff, document=doc, action="approve_review", on=MON + datetime.timedelta(days=4), opinion="合法"
        )
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWING and doc.review_opinion == ""


def test_refuses_issue_without_registration_no(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    document_transition(
        actor=staff, document=doc, action="approve_review", on=MON + datetime.timedelta(days=7), opinion="合法"
    )
    document_transition(actor=staff, document=doc, action="deliberate", on=MON + datetime.timedelta(days=8))
    with pytest.raises(ValidationError, match="统一登记编号"):
        document_transition(actor=staff, document=doc, action="issue", on=MON + datetime.timedelta(days=9))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DELIBERATED and doc.issued_on is None and doc.filing_due is None


def test_refuses_return_without_opinion_and_empty_body(world, doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    with pytest.raises(ValidationError, match="审核意见"):
        document_transition(actor=staff, document=doc, action="return_review", on=MON)
    empty = NormativeDocument.objects.create(area=world.township, title="空文件", body=" ")
    with pytest.raises(ValidationError, match="正文为空"):
        document_transition(actor=staff, document=empty, action="submit_review", on=MON)


def test_refuses_filing_before_issue(doc, staff):
    with pytest.raises(ValidationError, match="不能执行“报送备案”"):
        document_transition(actor=staff, document=doc, action="file", on=MON)


def test_pages_draft_to_review_with_highlight(client, world, staff):
    client.force_login(staff)
    r = client.post("/documents/new/", {"area": world.township.pk, "title": "集镇管理办法", "body": UNLAWFUL})
    doc = NormativeDocument.objects.get(title="集镇管理办法")
    assert r.status_code == 302
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "<mark" in page and "疑似设定行政处罚" in page and "疑似设定行政许可" in page
    r = client.post(f"/documents/{doc.pk}/transition/", {"action": "deliberate", "on": "2023-03-06"}, follow=True)
    assert "未经合法性审核或审核未通过的文件，不得提请集体审议。" in r.content.decode()
    client.post(f"/documents/{doc.pk}/transition/", {"action": "submit_review", "on": "2023-03-06"})
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWING


def test_create_rejects_blank_title_and_saves_nothing(client, world, staff):
    client.force_login(staff)
    r = client.post("/documents/new/", {"area": world.township.pk, "title": "", "body": LAWFUL})
    assert r.status_code == 200 and "该字段是必填项" in r.content.decode()
    assert not NormativeDocument.objects.exists()


def test_demo_is_idempotent_and_metrics_count_it(world):
    from fazhi.core.metrics import Period
    from fazhi.documents import demo, metrics
    from fazhi.documents.workbench import items

    demo.load({"township": world.township})
    demo.load({"township": world.township})
    assert NormativeDocument.objects.count() == 2
    assert metrics.issued(area=world.township, period=Period.year(2023)).count() == 1
    assert metrics.filed(area=world.township, period=Period.year(2023)).count() == 1
    assert metrics.filed(area=world.foreign_county, period=Period.year(2023)).count() == 0
    assert metrics.filed(area=world.township, period=Period.year(2022)).count() == 0
    assert items(world.user(Role.LEGAL_STAFF)) == []  # filed on time: nothing pending


def test_workbench_lists_overdue_filing(world, staff):
    from fazhi.documents.workbench import items

    doc = NormativeDocument.objects.create(
        area=world.township,
        title="逾期未备案文件",
        body="第一条。",
        status=DocumentStatus.ISSUED,
        issued_on=datetime.date(2023, 1, 3),
        filing_due=datetime.date(2023, 1, 18),
    )
    found = items(staff)
    assert [i.title for i in found] == [f"规范性文件待报送备案：{doc.title}"] and found[0].overdue
    assert items(world.user(Role.GRID_MEMBER)) == []

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.documents.choices import DocumentStatus, FlagStatus
from fazhi.documents.models import LegalityReview, NormativeDocument
from fazhi.documents.services import document_create, document_transition
from fazhi.documents.tests.conftest import MON, UNLAWFUL, through_issue
from fazhi.documents.tests.test_uploads import docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    return client


def test_drafting_previews_the_flags_and_submission_records_them(logged_in, world):
    r = logged_in.post(
        reverse("documents:document_create"),
        {"area": world.township.pk, "title": "集镇管理办法", "drafting_unit": "综合执法办", "body": UNLAWFUL},
    )
    doc = NormativeDocument.objects.get(title="集镇管理办法")
    assert r.status_code == 302
    page = logged_in.get(reverse("documents:document_detail", args=[doc.pk])).content.decode()
    assert page.count("<mark") == 2 and "疑似设定行政处罚" in page and "疑似设定行政许可" in page
    r = logged_in.post(
        reverse("documents:document_transition", args=[doc.pk]),
        {"action": "issue", "on": "2023-03-06", "version": doc.version},
        follow=True,
    )
    assert "不得跳过审核直接公布" in r.content.decode()
    logged_in.post(
        reverse("documents:document_transition", args=[doc.pk]),
        {"action": "submit_review", "on": "2023-03-06", "version": doc.version},
    )
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWING and doc.flags.count() == 2
    page = logged_in.get(reverse("documents:document_detail", args=[doc.pk])).content.decode()
    assert f'id="passage-{doc.flags.first().pk}"' in page and "确认存在问题" in page


def test_a_flag_is_decided_through_htmx_and_the_flag_list_is_returned(logged_in, world, staff):
    doc = document_create(actor=staff, area=world.township, title="集镇管理办法", body=UNLAWFUL)
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    flag = doc.flags.first()
    url = reverse("documents:flag_decide", args=[doc.pk, flag.pk])
    r = logged_in.post(url, {"status": "dismissed", "note": "", "version": flag.version}, HTTP_HX_REQUEST="true")
    assert "排除预审提示须写明理由。" in r.content.decode() and "<html" not in r.content.decode()
    flag.refresh_from_db()
    assert flag.status == FlagStatus.PENDING
    r = logged_in.post(
        url, {"status": "confirmed", "note": "设定许可", "version": flag.version}, HTTP_HX_REQUEST="true"
    )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CONFIRMED and flag.decided_by == staff
    assert 'data-flag-status="confirmed"' in r.content.decode()


def test_the_review_form_shows_errors_beside_fields_and_saves_nothing(logged_in, world, staff, doc):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    url = reverse("documents:document_review", args=[doc.pk])
    data = {
        "body": "judicial_office",
        "reviewer_name": "王所长",
        "on": "2023-03-20",
        "authority_result": "lawful",
        "content_result": "unlawful",
        "procedure_result": "lawful",
        "conclusion": "pass",
        "opinion": "同意",
    }
    r = logged_in.post(url, data | {"version": NormativeDocument.objects.get(pk=doc.pk).version})
    body = r.content.decode()
    assert r.status_code == 200 and "须写明意见" in body and "不能作出“审核通过”的结论" in body
    assert not LegalityReview.objects.exists()
    r = logged_in.post(
        url, data | {"content_result": "lawful", "version": NormativeDocument.objects.get(pk=doc.pk).version}
    )
    assert r.status_code == 302
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWED


def test_upload_through_the_form_and_bad_files_get_a_chinese_message(logged_in, world):
    url = reverse("documents:document_create")
    base = {"area": world.township.pk, "title": "人居环境办法", "drafting_unit": "党政办"}
    r = logged_in.post(url, base | {"draft_file": SimpleUploadedFile("a.exe", b"MZ")})
    assert r.status_code == 200 and "仅支持 Word（.docx）或 PDF（.pdf）格式" in r.content.decode()
    assert not NormativeDocument.objects.exists()
    r = logged_in.post(url, base | {"draft_file": SimpleUploadedFile("a.docx", docx_bytes("第一条 整治。"))})
    assert r.status_code == 302 and NormativeDocument.objects.get().body == "第一条 整治。"


def test_the_list_filters_by_status_year_and_search_and_stays_in_scope(logged_in, world, staff, doc):
    through_issue(doc, staff)
    document_create(actor=staff, area=world.township, title="集镇摊点规定", body="第一条。")
    NormativeDocument.objects.create(area=world.foreign_grid, title="外县清洁办法", body="第一条。")
    url = reverse("documents:document_list")
    assert "外县清洁办法" not in logged_in.get(url).content.decode()
    page = logged_in.get(url, {"status": "issued"}).content.decode()
    assert "村庄清洁管理办法" in page and "集镇摊点规定" not in page
    page = logged_in.get(url, {"q": "治平府规"}, HTTP_HX_REQUEST="true").content.decode()
    assert "村庄清洁管理办法" in page and "集镇摊点规定" not in page and "<html" not in page
    page = logged_in.get(url, {"year": "2022"}).content.decode()
    assert "村庄清洁管理办法" not in page


def test_another_townships_staff_sees_nothing(client, world, doc):
    from fazhi.areas.testing import make_user

    other = make_user("u_other_staff", role=Role.LEGAL_STAFF, area=world.other_township)
    client.force_login(other)
    assert client.get(reverse("documents:document_detail", args=[doc.pk])).status_code == 404
    assert "村庄清洁管理办法" not in client.get(reverse("documents:document_list")).content.decode()


def test_campaign_pages_start_a_clean_up_and_record_a_repeal(logged_in, world, staff, doc):
    through_issue(doc, staff)
    r = logged_in.post(
        reverse("documents:campaign_create"),
        {"area": world.township.pk, "title": "2023年度清理", "started_on": "2023-12-01"},
    )
    assert r.status_code == 302
    page = logged_in.get(r["Location"]).content.decode()
    assert "村庄清洁管理办法" in page
    campaign_pk = int(r["Location"].rstrip("/").rsplit("/", 1)[-1])
    item = doc.cleanup_items.get()
    url = reverse("documents:cleanup_decide", args=[campaign_pk, item.pk])
    r = logged_in.post(
        url, {"decision": "repeal", "on": "2023-12-05", "note": "", "version": item.version}, follow=True
    )
    assert "决定修改或废止的，须写明理由。" in r.content.decode()
    logged_in.post(url, {"decision": "repeal", "on": "2023-12-05", "note": "已不适应工作需要", "version": item.version})
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REPEALED
    assert "共1件，待定0件" in logged_in.get(reverse("documents:campaign_list")).content.decode()


def test_a_step_with_a_bad_date_is_refused_with_a_chinese_message(logged_in, staff, doc):
    r = logged_in.post(
        reverse("documents:document_transition", args=[doc.pk]),
        {"action": "submit_review", "on": "x", "version": doc.version},
        follow=True,
    )
    assert "输入一个有效的日期" in r.content.decode()
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT and doc.events.count() == 1

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.models import AuditEntry
from fazhi.enforcement.models import CaseRecord, EnforcementCase, Officer
from fazhi.portal.tests.helpers import jpeg_with_gps

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def as_enforcer(client, enforcer):
    client.force_login(enforcer)
    return client


def test_assigning_an_uncertified_officer_on_the_page_shows_the_reason(as_enforcer, officers, make_case):
    case = make_case()
    url = reverse("enforcement:case_detail", args=[case.pk])
    response = as_enforcer.post(
        url,
        {
            "action": "assign",
            "assign-officers": [o.pk for o in officers[:2]],
            "assign-on": "2023-05-08",
            "version": case.version,
        },
    )
    assert response.status_code == 200
    assert "李执法 在2023-05-08无有效执法证件，不得参与执法（持证上岗）。" in response.content.decode()
    assert not case.officers.exists()


def test_major_decision_on_the_page_without_review_is_refused(as_enforcer, officers, make_case, calendar):
    case = make_case(officers=[officers[0], officers[2]], major=True)
    response = as_enforcer.post(
        reverse("enforcement:case_detail", args=[case.pk]),
        {"action": "decide", "decide-on": "2023-05-08", "decide-conclusion": "罚款", "version": case.version},
    )
    assert "重大执法决定未经法制审核或审核未通过，不得作出决定。" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "open"


def test_full_journey_on_the_case_page(as_enforcer, officers, make_case, calendar):
    case = make_case(major=True)
    url = reverse("enforcement:case_detail", args=[case.pk])
    steps = [
        {"action": "assign", "assign-officers": [officers[0].pk, officers[2].pk], "assign-on": "2023-05-08"},
        {
            "action": "review",
            "review-reviewer": "李司法",
            "review-reviewed_on": "2023-05-09",
            "review-conclusion": "approved",
            "review-opinion": "同意",
        },
        {"action": "decide", "decide-on": "2023-05-10", "decide-conclusion": "罚款500元"},
    ]
    for data in steps:
        assert (
            as_enforcer.post(url, {**data, "version": EnforcementCase.objects.get(pk=case.pk).version}).status_code
            == 302
        ), data
    publication = case.publications.get()
    data = {"action": "publish", "publication": publication.pk, "publish-on": "2023-05-12", "publish-text": ""}
    assert (
        as_enforcer.post(url, {**data, "version": EnforcementCase.objects.get(pk=case.pk).version}).status_code == 302
    )
    page = as_enforcer.get(url).content.decode()
    assert "已于 2023-05-12 公示" in page and "法制审核通过" in page and "指派执法人员" in page


def test_record_upload_and_download_is_logged(as_enforcer, make_case):
    case = make_case()
    url = reverse("enforcement:case_detail", args=[case.pk])
    upload = jpeg_with_gps("现场照片.jpg")  # re-encoded without its EXIF on the way in
    data = {"action": "record", "record-step": "investigation", "record-kind": "photo", "record-upload": upload}
    assert as_enforcer.post(url, {**data, "version": case.version}).status_code == 302
    record = CaseRecord.objects.get()
    assert "现场照片.jpg" in as_enforcer.get(url).content.decode()
    response = as_enforcer.get(reverse("enforcement:case_record_download", args=[record.pk]))
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk=str(record.pk)).exists()


def test_bad_upload_shows_a_chinese_message_and_saves_nothing(as_enforcer, make_case):
    case = make_case()
    upload = SimpleUploadedFile("录像.exe", b"MZ")
    data = {"action": "record", "record-step": "start", "record-kind": "video", "record-upload": upload}
    response = as_enforcer.post(reverse("enforcement:case_detail", args=[case.pk]), {**data, "version": case.version})
    assert "“录像.exe”不是允许的文件类型" in response.content.decode()
    assert not CaseRecord.objects.exists()


def test_officer_list_shows_flags(as_enforcer, world):
    Officer.objects.create(
        area=world.township,
        name="刘执法",
        certificate_no="1",
        certificate_issued_on=D(2019, 1, 1),
        certificate_valid_until=D(2020, 1, 1),
        other_posts="应急办",
    )
    page = as_enforcer.get(reverse("enforcement:officer_list"), {"year": 2023}).content.decode()
    assert all(flag in page for flag in ("无证", "一人多岗", "学时不足"))


def test_officer_edit_keeps_the_number_unique(as_enforcer, world, officers):
    url = reverse("enforcement:officer_update", args=[officers[0].pk])
    data = {
        "area": world.township.pk,
        "name": "张执法",
        "certificate_no": officers[1].certificate_no,
        "certificate_issued_on": "2019-01-01",
        "certificate_valid_until": "2030-01-01",
        "other_posts": "应急办\n\n安监员",
        "version": officers[0].version,
    }
    assert "已登记" in as_enforcer.post(url, data).content.decode()
    data["certificate_no"] = "NEW-1"
    assert as_enforcer.post(url, data).status_code == 302
    officers[0].refresh_from_db()
    assert (officers[0].certificate_no, officers[0].other_post_list) == ("NEW-1", ["应急办", "安监员"])


def test_case_list_filters_and_pins_its_queries(as_enforcer, world, make_case, officers, django_assert_max_num_queries):
    for _ in range(5):
        make_case(officers=officers)
    make_case(case_type="inspection")
    make_case(area=world.foreign_grid)
    with django_assert_max_num_queries(12):
        page = as_enforcer.get(reverse("enforcement:case_list")).content.decode()
    assert page.count("违规占道经营") == 6
    partial = as_enforcer.get(reverse("enforcement:case_list"), {"case_type": "inspection"}, HTTP_HX_REQUEST="true")
    assert partial.content.decode().count("违规占道经营") == 1 and "<html" not in partial.content.decode()


def test_another_countys_case_is_not_found(as_enforcer, world, make_case):
    case = make_case(area=world.foreign_grid)
    assert as_enforcer.get(reverse("enforcement:case_detail", args=[case.pk])).status_code == 404


def test_inspection_page_records_and_rectifies_a_problem(as_enforcer, world):
    create = {
        "area": world.township.pk,
        "kind": "file_review",
        "held_on": "2023-11-15",
        "scope": "处罚案卷",
        "inspector": "县司法局",
        "files_inspected": 3,
    }
    response = as_enforcer.post(reverse("enforcement:inspection_create"), create)
    url = response["Location"]
    as_enforcer.post(url, {"action": "problem", "problem-description": "缺签名", "problem-due_on": "2023-12-15"})
    inspection = world.township.enforcement_inspection_set.get()
    problem = inspection.problems.get()
    rectify = {
        "action": "rectify",
        "rectify-problem": problem.pk,
        "rectify-on": "2023-12-01",
        "rectify-rectification": "补签",
    }
    assert as_enforcer.post(url, rectify).status_code == 302
    problem.refresh_from_db()
    assert problem.rectified_on == D(2023, 12, 1)
    assert "已销号" in as_enforcer.get(url).content.decode()


def test_api_lists_only_records_in_scope(client, world, make_case):
    make_case()
    make_case(area=world.foreign_grid)
    client.force_login(world.user(Role.SUPERVISOR))
    rows = client.get(reverse("api:enforcement-case-list")).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [r["area"] for r in rows] == [world.township.pk]
    assert "party" not in rows[0]
    assert EnforcementCase.objects.count() == 2


def test_an_officer_whose_certificate_is_issued_after_expiry_is_refused_on_the_page(as_enforcer, world):
    data = {
        "area": world.township.pk,
        "name": "新执法",
        "certificate_no": "NEW-2",
        "certificate_issued_on": "2030-02-01",
        "certificate_valid_until": "2030-01-01",
    }
    page = as_enforcer.post(reverse("enforcement:officer_create"), data).content.decode()
    assert "发证日期不能晚于今天" in page
    assert not Officer.objects.filter(certificate_no="NEW-2").exists()

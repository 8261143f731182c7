import re

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.portal import limits
from fazhi.portal.choices import RequestStatus
from fazhi.portal.models import PublicRequest, PublicRequestPhoto
from fazhi.portal.tests.helpers import fake_jpeg, jpeg_with_gps

SUBMIT = reverse("portal:submit")
TRACK = reverse("portal:track")


def form_data(world, **kw):
    data = {
        "kind": "matter",
        "area": world.village.pk,
        "description": "村口的桥栏杆断了，孩子上学很危险。",
        "contact_name": "王五",
        "phone": "13912345678",
        "website": "",
    }
    data.update(kw)
    return data


def _code_from(response) -> str:
    return re.search(r'data-testid="tracking-code">([A-Z0-9]{10})<', response.content.decode()).group(1)


def test_resident_journey_submit_track_staff_reply_see_reply_and_rate(world, client):
    response = client.post(SUBMIT, form_data(world, photos=[jpeg_with_gps()]), follow=True)
    assert response.status_code == 200
    code = _code_from(response)
    request = PublicRequest.objects.get(code=code)
    assert request.photos.count() == 1

    resident = client.__class__()  # another browser: only code + last four digits get in
    response = resident.post(TRACK, {"code": code.lower(), "last4": "5678"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "已收到，待受理" in page
    for private in ("王五", "13912345678", "139****5678", "桥栏杆"):
        assert private not in page

    staff = client.__class__()
    staff.force_login(world.user(Role.VILLAGE_CADRE))
    detail = reverse("portal:request_detail", kwargs={"pk": request.pk})
    assert staff.get(detail).status_code == 200
    staff.post(detail, {"reply": "已联系村委会维修栏杆。", "staff_note": "施工队周五到", "close": "on"})

    page = resident.get(reverse("portal:track_detail", kwargs={"code": code})).content.decode()
    assert "已联系村委会维修栏杆。" in page
    assert "已办结" in page
    assert "施工队周五到" not in page
    assert "评价办理结果" in page

    response = resident.post(reverse("portal:track_rate", kwargs={"code": code}), {"rating": "satisfied"}, follow=True)
    assert "感谢您的评价" in response.content.decode()
    request.refresh_from_db()
    assert request.rating == "satisfied"


def test_wrong_phone_digits_show_nothing(world, client):
    client.post(SUBMIT, form_data(world))
    request = PublicRequest.objects.get()
    other = client.__class__()
    response = other.post(TRACK, {"code": request.code, "last4": "0000"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "没有查到：请核对查询码和电话后四位。" in page
    assert "已收到" not in page and request.area.name not in page
    # …and the detail URL alone does not open it either.
    response = other.get(reverse("portal:track_detail", kwargs={"code": request.code}))
    assert response.status_code == 302 and response["Location"] == TRACK


def test_the_11th_submission_in_a_minute_from_one_address_is_refused_politely(world, client):
    for _i in range(10):
        assert client.post(SUBMIT, form_data(world)).status_code == 302
    response = client.post(SUBMIT, form_data(world))
    assert response.status_code == 429
    assert "您提交得太频繁了，请过一分钟再试。" in response.content.decode()
    assert PublicRequest.objects.count() == 10
    # Another address is not affected.
    assert client.post(SUBMIT, form_data(world), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_code_lookups_are_rate_limited_per_address(world, client):
    for _i in range(10):
        assert client.post(TRACK, {"code": "AAAAAAAAAA", "last4": "0000"}).status_code == 400
    response = client.post(TRACK, {"code": "AAAAAAAAAA", "last4": "0000"})
    assert response.status_code == 429
    assert "查询次数太多了，请过一分钟再试。" in response.content.decode()


def test_the_honeypot_refuses_and_saves_nothing(world, client):
    response = client.post(SUBMIT, form_data(world, website="http://spam.example"))
    assert response.status_code == 400
    assert "请勿填写此项" in response.content.decode()
    assert PublicRequest.objects.count() == 0


def test_a_non_image_renamed_jpg_is_refused_on_the_form_and_nothing_is_saved(world, client):
    response = client.post(SUBMIT, form_data(world, photos=[fake_jpeg()]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "不是可以识别的照片" in page
    assert PublicRequest.objects.count() == 0 and PublicRequestPhoto.objects.count() == 0


def test_missing_fields_get_chinese_messages(world, client):
    response = client.post(SUBMIT, {"website": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "提交未成功，请按下方提示修改。" in page
    assert "该字段是必填项" in page
    assert PublicRequest.objects.count() == 0


def test_public_pages_load_nothing_from_other_hosts(world, client):
    for url in (reverse("portal:index"), SUBMIT, TRACK, reverse("portal:area", kwargs={"pk": world.township.pk})):
        page = client.get(url).content.decode()
        assert not re.search(r'(src|href)="(https?:)?//', page), url
        assert '<html lang="zh-Hans">' in page
        assert "<h1>" in page


def test_every_input_of_the_form_has_a_label(world, client):
    page = client.get(SUBMIT).content.decode()
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
    assert ids
    for field_id in ids:
        assert f'for="{field_id}"' in page, field_id


def test_area_page_lists_villages_and_a_published_report(world, client):
    import datetime

    from fazhi.reports.choices import ReportStatus
    from fazhi.reports.models import Report

    Report.objects.create(area=world.township, year=2022, title="草稿不公开", status=ReportStatus.DRAFT)
    published = Report.objects.create(
        area=world.township,
        year=2023,
        title="治平乡2023年法治政府建设年度报告",
        status=ReportStatus.PUBLISHED,
        published_on=datetime.date(2024, 3, 20),
    )
    page = client.get(reverse("portal:area", kwargs={"pk": world.township.pk})).content.decode()
    assert "新红村" in page
    assert "治平乡2023年法治政府建设年度报告" in page
    assert "草稿不公开" not in page
    response = client.get(reverse("portal:report", kwargs={"pk": published.pk}))
    assert response.status_code == 200
    draft = Report.objects.get(year=2022)
    assert client.get(reverse("portal:report", kwargs={"pk": draft.pk})).status_code == 404


def test_a_grid_is_not_a_public_area_page(world, client):
    assert client.get(reverse("portal:area", kwargs={"pk": world.grid.pk})).status_code == 404


@pytest.mark.parametrize("name", ["index", "submit", "track", "help", "area"])
def test_main_pages_weigh_under_100_kb_with_their_css(world, client, name):
    from django.contrib.staticfiles import finders

    kwargs = {"pk": world.township.pk} if name == "area" else {}
    html = client.get(reverse(f"portal:{name}", kwargs=kwargs)).content
    css = 0
    for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html):
        with open(finders.find(href.decode()), "rb") as fh:
            css += len(fh.read())
    assert css > 0
    total = len(html) + css
    print(f"{name}: html {len(html)} B + css {css} B = {total} B")
    assert total < 100 * 1024


def test_staff_list_shows_only_requests_in_scope(world, client):
    from fazhi.portal.services import new_code

    PublicRequest.objects.create(area=world.village, code=new_code(), kind="matter", description="本村的事情")
    foreign_village = world.foreign_grid.parent
    PublicRequest.objects.create(area=foreign_village, code=new_code(), kind="matter", description="外县的事情")
    client.force_login(world.user(Role.GRID_ADMIN))
    page = client.get(reverse("portal:request_list")).content.decode()
    assert len(re.findall(r"/public/staff/requests/\d+/", page)) == 1
    assert str(RequestStatus.RECEIVED.label) in page


def test_a_resident_rechecking_a_valid_code_is_not_rate_limited(world, client):
    client.post(SUBMIT, form_data(world))
    code = PublicRequest.objects.get().code
    for _i in range(15):
        assert client.post(TRACK, {"code": code, "last4": "5678"}).status_code == 302


def test_limits_are_what_the_issue_asks():
    assert limits.SUBMIT_RATE == "10/m"


def test_staff_detail_shows_photos_inline_and_hides_the_form_from_view_only_roles(world, client):
    client.post(SUBMIT, form_data(world, photos=[jpeg_with_gps()]))
    request = PublicRequest.objects.get()
    url = reverse("portal:request_detail", kwargs={"pk": request.pk})
    staff = client.__class__()
    staff.force_login(world.user(Role.LEGAL_STAFF))  # 网格治理: view only
    page = staff.get(url).content.decode()
    assert 'src="data:image/jpeg;base64,' in page
    assert "139****5678" in page and "13912345678" not in page
    assert 'name="reply"' not in page
    assert staff.post(url, {"reply": "好"}).status_code == 403
    assert request.replies.count() == 0


def test_workbench_lists_unanswered_requests_in_change_scope_only(world):
    from fazhi.portal.services import new_code
    from fazhi.portal.workbench import unanswered_requests

    PublicRequest.objects.create(area=world.village, code=new_code(), kind="matter", description="本村的事情")
    assert len(unanswered_requests(world.user(Role.VILLAGE_CADRE))) == 1
    assert unanswered_requests(world.user(Role.LEGAL_STAFF)) == []  # view only
    assert unanswered_requests(world.user(Role.GRID_MEMBER)) == []  # the request sits above their grid


def test_staff_list_and_area_page_query_counts_do_not_grow_with_rows(world, client, django_assert_max_num_queries):
    from fazhi.portal.services import new_code

    for _i in range(30):
        PublicRequest.objects.create(area=world.village, code=new_code(), kind="matter", description="本村的事情")
    client.force_login(world.user(Role.GRID_ADMIN))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("portal:request_list") + "?status=all").status_code == 200
    client.logout()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:area", kwargs={"pk": world.township.pk})).status_code == 200

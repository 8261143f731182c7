import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.accounts.roles import Role
from fazhi.core.registry import registry
from fazhi.grid.models import Matter, Visit
from fazhi.grid.services import matter_create, staff_appoint
from fazhi.people.services import household_create, resident_create
from fazhi.people.tests.conftest import make_id
from fazhi.portal.tests.helpers import jpeg_with_gps

D = datetime.date


@pytest.fixture
def member(client, seeded, calendar):
    client.force_login(seeded.user(Role.GRID_MEMBER))
    return seeded


def test_a_grid_member_cannot_list_open_or_export_another_grids_matter(client, member):
    mine = matter_create(actor=None, area=member.grid, category="dispute", description="本格事项", source="phone")
    other = matter_create(
        actor=None, area=member.sibling_grid, category="dispute", description="他格事项", source="phone"
    )
    page = client.get(reverse("grid:matter_list")).content.decode()
    assert mine.number in page and other.number not in page
    assert client.get(reverse("grid:matter_detail", args=[other.pk])).status_code == 404
    rows = list(load_workbook(io.BytesIO(client.get(reverse("grid:matter_export")).content)).active.values)
    assert [r[0] for r in rows[1:]] == [mine.number]


def test_the_matter_export_masks_the_residents_name(client, member):
    r = resident_create(actor=None, area=member.grid, name="欧阳小明", id_number=make_id())
    matter_create(actor=None, area=member.grid, category="dispute", description="x", source="phone", resident=r)
    with CaptureQueriesContext(connection) as captured:
        content = client.get(reverse("grid:matter_export")).content
    assert list(load_workbook(io.BytesIO(content)).active.values)[1][6] == "欧**明"
    read = " ".join(q["sql"] for q in captured)
    assert '"people_resident"."name"' in read  # the name is read, to be masked; the ciphertexts are not
    assert '"people_resident"."id_number"' not in read and '"people_resident"."phone"' not in read


def test_the_matter_list_loads_no_resident_it_does_not_show(client, member):
    r = resident_create(actor=None, area=member.grid, name="欧阳小明", id_number=make_id())
    matter_create(actor=None, area=member.grid, category="dispute", description="x", source="phone", resident=r)
    (listed,) = client.get(reverse("grid:matter_list")).context["page"]
    assert listed.resident_id == r.pk
    assert set(listed._state.fields_cache) == {"area"}  # no resident row read, so no ID number decrypted


def test_registering_a_matter_with_a_photo_through_the_form(client, member):
    photo = jpeg_with_gps("p.jpg")
    response = client.post(
        reverse("grid:matter_create"),
        {"area": member.grid.pk, "category": "safety", "description": "路边落石", "source": "grid_report",
         "attachments": [photo], "idempotency_key": "form-1"},
    )  # fmt: skip
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.attachments.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "路边落石" in page and "<img" in page


def test_a_matter_form_with_a_bad_file_shows_a_chinese_error_and_saves_nothing(client, member):
    response = client.post(
        reverse("grid:matter_create"),
        {"area": member.grid.pk, "category": "safety", "description": "x", "source": "grid_report",
         "attachments": [SimpleUploadedFile("virus.exe", b"MZ")]},
    )  # fmt: skip
    assert response.status_code == 200
    assert "不支持的文件类型" in response.content.decode()
    assert Matter.objects.count() == 0


def test_the_matter_form_offers_today_as_the_day_it_happened_and_refuses_a_later_one(client, member):
    page = client.get(reverse("grid:matter_create")).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
    data = {"area": member.grid.pk, "category": "safety", "description": "路边落石", "source": "hotline"}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(reverse("grid:matter_create"), {**data, "happened_on": tomorrow.isoformat()})
    assert "发生日期不能晚于今天。" in response.content.decode()
    assert Matter.objects.count() == 0
    earlier = timezone.localdate() - datetime.timedelta(days=5)
    assert client.post(reverse("grid:matter_create"), {**data, "happened_on": earlier.isoformat()}).status_code == 302
    matter = Matter.objects.get()
    assert (matter.happened_on, matter.registered_on, matter.source) == (earlier, timezone.localdate(), "hotline")


def test_closing_without_a_result_through_the_page_is_refused(client, member):
    m = matter_create(actor=None, area=member.grid, category="dispute", description="x", source="phone")
    url = reverse("grid:matter_transition", args=[m.pk])
    response = client.post(url, {"action": "close", "version": m.version}, follow=True)
    assert "办结须填写办理结果" in response.content.decode()
    m.refresh_from_db()
    assert m.status == "registered"
    client.post(url, {"action": "close", "result": "已调解", "version": m.version})
    m.refresh_from_db()
    assert (m.status, m.result) == ("closed", "已调解")
    assert [e.action for e in m.events.all()] == ["register", "close"]


def test_the_visit_form_records_the_visit_updates_the_household_and_raises_a_matter(client, member):
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三", member_count=2)
    data = {
        "household": h.pk,
        "visited_on": "2023-05-10",
        "notes": "走访",
        "member_count": "3",
        "matter_category": "livelihood",
        "matter_description": "希望修缮入户路",
        "idempotency_key": "draft-abc",
    }
    assert client.post(reverse("grid:visit_create"), data).status_code == 302
    assert client.post(reverse("grid:visit_create"), data).status_code == 302  # the draft re-sent
    assert Visit.objects.count() == 1 and Matter.objects.count() == 1
    h.refresh_from_db()
    assert h.member_count == 3


def test_grid_page_shows_staff_flags_and_tags(client, member):
    staff_appoint(actor=None, area=member.grid, post="leader", name="王网格长", valid_from=D(2023, 1, 1))
    resident_create(actor=None, area=member.grid, name="张三", tags=["veteran"])
    page = client.get(reverse("grid:grid_detail", args=[member.grid.pk])).content.decode()
    assert "王网格长" in page and "一长三员缺岗" in page and "专职网格员" in page and "退役军人 1" in page
    assert client.get(reverse("grid:grid_detail", args=[member.sibling_grid.pk])).status_code == 404


def test_overdue_matters_show_on_the_handlers_workbench(client, member):
    user = member.user(Role.GRID_MEMBER)
    m = matter_create(
        actor=user, area=member.grid, category="safety", description="落石", source="phone",
        registered_on=D(2023, 1, 3), handler=user,
    )  # fmt: skip
    items = [item for provider in registry.workbench for item in provider(user)]
    assert any(m.number in item.title and item.overdue for item in items)
    other = member.user(Role.ENFORCER)
    assert not [i for p in registry.workbench for i in p(other) if m.number in i.title]


def test_the_residents_timeline_shows_only_what_the_viewer_may_see(client, member):
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    r = resident_create(actor=None, household=h, name="张三")
    m = matter_create(
        actor=None, area=member.grid, category="dispute", description="纠纷甲", source="phone", resident=r
    )
    page = client.get(reverse("people:resident_detail", args=[r.pk])).content.decode()
    assert m.number in page
    client.force_login(member.user(Role.MEDIATOR))  # may view people, not grid
    page = client.get(reverse("people:resident_detail", args=[r.pk])).content.decode()
    assert m.number not in page


def test_a_township_reply_template_reaches_the_grids_and_can_fill_the_reply(client, member):
    from fazhi.grid.services import reply_template_save

    reply_template_save(
        actor=member.user(Role.GRID_ADMIN), area=member.township, title="政策答复", text="已按政策答复。"
    )
    assert "政策答复" in client.get(reverse("grid:reply_list")).content.decode()
    m = matter_create(actor=None, area=member.grid, category="policy", description="咨询", source="phone")
    assert "已按政策答复。" in client.get(reverse("grid:matter_detail", args=[m.pk])).content.decode()
    client.force_login(member.user(Role.GRID_ADMIN))
    response = client.post(reverse("grid:reply_list"), {"area": member.township.pk, "title": "", "text": "x"})
    assert response.status_code == 200 and "必填" in response.content.decode()


def test_marking_a_duplicate_through_the_page(client, member):
    a = matter_create(actor=None, area=member.grid, category="dispute", description="甲", source="phone")
    b = matter_create(actor=None, area=member.grid, category="dispute", description="甲again", source="phone")
    url = reverse("grid:matter_duplicate", args=[b.pk])
    client.post(url, {"number": a.number, "version": b.version})
    b.refresh_from_db()
    assert b.duplicate_of == a
    response = client.post(url, {"number": "SS-none", "version": b.version}, follow=True)
    assert "未找到该编号的事项" in response.content.decode()


def test_list_pages_use_a_fixed_number_of_queries(client, member, django_assert_max_num_queries):
    for i in range(30):
        r = resident_create(actor=None, area=member.grid, name=f"居民{i}", tags=["veteran", "subsistence"])
        matter_create(
            actor=None, area=member.grid, category="dispute", description=f"事项{i}", source="phone", resident=r
        )
    h = household_create(actor=None, area=member.grid, number="01-001", head_name="张三")
    for _i in range(30):
        Visit.objects.create(
            area=member.grid, household=h, visited_on=D(2023, 5, 1), visitor=member.user(Role.GRID_MEMBER)
        )
    for name in ("people:resident_list", "grid:matter_list", "grid:visit_list", "people:household_list"):
        client.get(reverse(name))  # warm the session and caches
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200


def test_the_grid_page_runs_a_fixed_number_of_queries_whatever_its_households(
    client, member, django_assert_num_queries
):
    # session, user, posts; the grid; the tag labels; staff; households counted once; tags; matters; visits; households
    url = reverse("grid:grid_detail", args=[member.grid.pk])
    client.get(url)  # warm the session
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    for i in range(30):
        h = household_create(actor=None, area=member.grid, number=f"01-{i:03d}", head_name=f"户主{i}")
        resident_create(actor=None, area=member.grid, name=f"居民{i}", tags=["veteran"], household=h)
        matter_create(actor=None, area=member.grid, category="dispute", description=f"事项{i}", source="phone")
        Visit.objects.create(
            area=member.grid, household=h, visited_on=D(2023, 5, 1), visitor=member.user(Role.GRID_MEMBER)
        )
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_closing_a_matter_from_a_page_opened_before_someone_else_closed_it_shows_the_conflict(client, member):
    m = matter_create(actor=None, area=member.grid, category="dispute", description="x", source="phone")
    url = reverse("grid:matter_transition", args=[m.pk])
    assert client.post(url, {"version": m.version, "action": "close", "result": "已调解"}).status_code == 302
    stale = client.post(url, {"version": m.version, "action": "close", "result": "我的办理结果"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "我的办理结果" in page and "已调解" in page
    m.refresh_from_db()
    assert m.result == "已调解" and [e.action for e in m.events.all()] == ["register", "close"]


def test_the_matter_page_posts_back_the_version_it_shows(client, member):
    m = matter_create(actor=None, area=member.grid, category="dispute", description="x", source="phone")
    page = client.get(reverse("grid:matter_detail", args=[m.pk])).content.decode()
    assert f'name="version" value="{m.version}"' in page

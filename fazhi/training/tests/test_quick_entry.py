"""Quick entry of study sessions: 保存并继续添加, 复制 and a series of dated sessions (issue 23)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.core.models import AuditEntry
from fazhi.training import services
from fazhi.training.models import Session


@pytest.fixture
def staff(world, client):
    user = world.user(Role.LEGAL_STAFF)
    client.force_login(user)
    return user


def _session_data(world, **overrides):
    data = {
        "area": world.township.pk,
        "kind": "center_group",
        "held_on": "2023-03-01",
        "topic": "学习宪法",
        "trainer": "王律师",
        "hours": "2",
        "participants": "12",
    }
    return {**data, **overrides}


def _twelve_months(year: int) -> str:
    return "\n".join(f"{year}-{month:02d}-15" for month in range(1, 13))


def test_save_and_add_another_opens_the_form_again_keeping_area_kind_and_date(world, staff, client):
    data = _session_data(world, _add_another="1")
    response = client.post(reverse("training:session_create"), data, follow=True)
    session = Session.objects.get()
    assert response.redirect_chain[-1][0].startswith(reverse("training:session_create") + "?")
    assert "已登记学法培训“学习宪法”（2023-03-01）。请继续添加下一条。" in response.content.decode()
    form = response.context["form"]
    assert str(form["area"].value()) == str(world.township.pk)
    assert form["kind"].value() == "center_group"
    assert form["held_on"].value() == "2023-03-01"
    assert form["topic"].value() in (None, "")  # the topic is the next session's own
    assert session.topic == "学习宪法"


def test_plain_save_goes_to_the_new_session(world, staff, client):
    response = client.post(reverse("training:session_create"), _session_data(world))
    assert response.url == reverse("training:session_detail", args=[Session.objects.get().pk])


def test_copy_prefills_the_create_form_from_a_session_but_not_its_date(world, staff, client):
    session = services.session_create(
        actor=staff,
        area=world.township,
        kind="law_training",
        held_on=datetime.date(2023, 4, 2),
        topic="行政处罚法专题",
        trainer="李老师",
        materials="讲义",
    )
    detail = client.get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert f"{reverse('training:session_create')}?copy={session.pk}" in detail
    form = client.get(reverse("training:session_create"), {"copy": session.pk}).context["form"]
    assert form["topic"].value() == "行政处罚法专题"
    assert form["kind"].value() == "law_training"
    assert form["trainer"].value() == "李老师"
    assert form["held_on"].value() == timezone.localdate()  # today's, not the copied session's


def test_copy_of_a_session_out_of_scope_is_not_found(world, staff, client):
    other = services.session_create(
        actor=None, area=world.other_township, kind="center_group", held_on=datetime.date(2023, 4, 2), topic="外乡"
    )
    assert client.get(reverse("training:session_create"), {"copy": other.pk}).status_code == 404


def test_a_series_of_twelve_monthly_sessions_creates_twelve_audited_sessions(world, staff, client):
    data = _session_data(world, dates=_twelve_months(2023))
    del data["held_on"]
    response = client.post(reverse("training:session_series"), data, follow=True)
    sessions = Session.objects.order_by("held_on")
    assert [s.held_on.month for s in sessions] == list(range(1, 13))
    assert {s.topic for s in sessions} == {"学习宪法"}
    assert "已按日期登记学法培训“学习宪法”12 次。" in response.content.decode()
    assert AuditEntry.objects.get_for_model(Session).filter(action=0).count() == 12


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ("2023-01-15\n2023-02-30\n2023-03-15", "第2行“2023-02-30”不是有效日期"),
        ("2023-01-15\n2023-01-15", "第2行的日期与第1行重复。"),
        ("2023-01-15\n2099-01-15", "第2个日期 2099-01-15：日期不能晚于今天。"),
    ],
)
def test_a_series_with_one_bad_date_creates_nothing_and_names_the_row(world, staff, client, dates, message):
    data = _session_data(world, dates=dates)
    response = client.post(reverse("training:session_series"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_a_series_accepts_dates_written_the_chinese_way_on_another_township(world, client):
    township = make_area(world.county, Level.TOWNSHIP, "岚天乡", "500229210000")
    user = make_user("lantian_staff", role=Role.LEGAL_STAFF, area=township)
    client.force_login(user)
    data = _session_data(world, area=township.pk, dates="2023年3月5日\n２０２３.４.５")
    client.post(reverse("training:session_series"), data)
    assert [s.held_on for s in Session.objects.order_by("held_on")] == [
        datetime.date(2023, 3, 5),
        datetime.date(2023, 4, 5),
    ]
    assert {s.area for s in Session.objects.all()} == {township}

import datetime

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.leadership import services
from fazhi.leadership.models import GroupMember, Meeting

pytestmark = pytest.mark.django_db


def test_a_meeting_is_registered_from_the_form(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("leadership:meeting_create"),
        {
            "area": world.township.pk,
            "kind": "party_committee",
            "held_on": "2023-02-20",
            "topic": "专题听取汇报",
            "decisions": "",
            "hears_annual_report": "on",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get().hears_annual_report
    page = client.get(reverse("leadership:home") + "?year=2023")
    assert "专题听取汇报" in page.content.decode()


def test_bad_input_shows_a_chinese_message_and_saves_nothing(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("leadership:meeting_create"),
        {"area": world.village.pk, "kind": "party_committee", "held_on": "2023-02-20", "topic": "x"},
    )
    assert response.status_code == 200
    assert "有效选项" in response.content.decode() or "选择" in response.content.decode()
    assert not Meeting.objects.exists()


def test_members_are_added_and_leave_on_the_group_page(world, client):
    group = services.group_create(
        actor=None, area=world.township, name="全面依法治乡工作领导小组", established_on=datetime.date(2023, 2, 21)
    )
    client.force_login(world.user(Role.LEADER))
    url = reverse("leadership:group_detail", args=[group.pk])
    client.post(url, {"name": "张书记", "title": "乡党委书记", "post": "leader", "valid_from": "2023-02-21"})
    member = GroupMember.objects.get()
    client.post(
        reverse("leadership:member_end", args=[member.pk]), {"valid_to": "2023-10-01", "version": member.version}
    )
    member.refresh_from_db()
    assert member.valid_to == datetime.date(2023, 10, 1)
    assert "张书记" in client.get(url).content.decode()


def test_overdue_plan_tasks_show_on_the_workbench(world, client):
    plan = services.plan_create(actor=None, area=world.township, year=2023)
    services.task_add(
        actor=None,
        plan=plan,
        title="清理规范性文件",
        owner="黄副乡长",
        unit="司法所",
        deadline=datetime.date(2023, 6, 30),
    )
    done = services.task_add(
        actor=None, plan=plan, title="已办任务", owner="王", unit="党政办", deadline=datetime.date(2023, 6, 30)
    )
    services.task_update(actor=None, task=done, progress="done", evidence="")
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("core:workbench")).content.decode()
    assert "工作计划任务逾期：清理规范性文件" in page and "已办任务" not in page


def test_task_progress_is_updated_from_the_plan_page(world, client):
    plan = services.plan_create(actor=None, area=world.township, year=2023)
    task = services.task_add(
        actor=None, plan=plan, title="学法", owner="王", unit="党政办", deadline=datetime.date(2023, 6, 30)
    )
    client.force_login(world.user(Role.LEADER))
    page = client.get(reverse("leadership:plan_detail", args=[plan.pk])).content.decode()
    assert "学法" in page and f'action="{reverse("leadership:task_update", args=[task.pk])}"' in page
    client.post(
        reverse("leadership:task_update", args=[task.pk]),
        {"progress": "done", "evidence": "学习记录", "version": task.version},
    )
    task.refresh_from_db()
    assert (task.progress, task.evidence) == ("done", "学习记录")
    url = reverse("leadership:task_update", args=[task.pk])
    response = client.post(url, {"progress": "bogus", "version": task.version}, follow=True)
    assert "请选择进度" in response.content.decode()
    task.refresh_from_db()
    assert task.progress == "done"

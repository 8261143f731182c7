import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from fazhi.accounts.roles import Role
from fazhi.core.metrics import Period, refresh
from fazhi.leadership import selectors, services
from fazhi.leadership.choices import DutyKind, GroupPost, MeetingKind, TaskProgress
from fazhi.leadership.models import GroupMember, LeadingGroup, Meeting, PlanTask

pytestmark = pytest.mark.django_db
D = datetime.date


def _group(world, actor=None):
    return services.group_create(
        actor=actor, area=world.township, name="全面依法治乡工作领导小组", established_on=D(2023, 2, 21)
    )


def test_the_group_has_two_co_leaders_at_most_and_keeps_its_history(world):
    group = _group(world, world.user(Role.LEGAL_STAFF))
    secretary = services.member_add(
        actor=world.user(Role.LEADER),
        group=group,
        name="张书记",
        title="乡党委书记",
        post=GroupPost.LEADER,
        valid_from=D(2023, 2, 21),
    )
    services.member_add(
        actor=None, group=group, name="王乡长", title="乡长", post=GroupPost.LEADER, valid_from=D(2023, 2, 21)
    )
    with pytest.raises(ValidationError) as exc:
        services.member_add(
            actor=None, group=group, name="赵", title="副书记", post=GroupPost.LEADER, valid_from=D(2023, 3, 1)
        )
    assert "最多设两名组长" in str(exc.value)
    assert group.members.count() == 2
    services.member_end(actor=None, member=secretary, on=D(2023, 9, 1))
    services.member_add(
        actor=None, group=group, name="赵书记", title="乡党委书记", post=GroupPost.LEADER, valid_from=D(2023, 9, 1)
    )
    assert group.members.count() == 3  # the former 组长 stays in the history
    assert GroupMember.objects.get(pk=secretary.pk).valid_to == D(2023, 9, 1)


def test_member_dates_are_checked(world):
    group = _group(world)
    with pytest.raises(ValidationError) as exc:
        services.member_add(
            actor=None, group=group, name="张", title="书记", post=GroupPost.LEADER, valid_from=D(2022, 1, 1)
        )
    assert "早于领导小组成立日期" in str(exc.value)
    member = services.member_add(
        actor=None, group=group, name="张", title="书记", post=GroupPost.MEMBER, valid_from=D(2023, 3, 1)
    )
    with pytest.raises(ValidationError):
        services.member_end(actor=None, member=member, on=D(2023, 2, 1))
    member.refresh_from_db()
    assert member.valid_to is None


def test_writes_are_limited_to_the_actors_area_and_to_township_or_county(world):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=world.user(Role.LEGAL_STAFF),
            area=world.other_township,
            kind=MeetingKind.THEMATIC,
            held_on=D(2023, 1, 5),
            topic="x",
        )
    with pytest.raises(PermissionDenied):
        _group(world, world.user(Role.SUPERVISOR))
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            actor=None, area=world.village, kind=MeetingKind.THEMATIC, held_on=D(2023, 1, 5), topic="x"
        )
    assert "乡镇或县" in str(exc.value)
    assert not Meeting.objects.exists() and not LeadingGroup.objects.exists()


def test_other_townships_members_are_not_reachable(world):
    group = _group(world)
    member = services.member_add(
        actor=None, group=group, name="张", title="书记", post=GroupPost.MEMBER, valid_from=D(2023, 3, 1)
    )
    foreign = world.user(Role.LEADER)
    other = services.group_create(actor=None, area=world.other_township, name="小组", established_on=D(2023, 1, 1))
    with pytest.raises(Http404):  # out of scope looks like "not found"
        services.member_add(
            actor=foreign, group=other, name="x", title="y", post=GroupPost.MEMBER, valid_from=D(2023, 2, 1)
        )
    assert selectors.member_get(user=foreign, pk=member.pk) == member
    assert not GroupMember.objects.filter(group=other).exists()


def test_a_plan_is_one_per_year_and_its_tasks_fall_in_that_year(world):
    plan = services.plan_create(actor=None, area=world.township, year=2023)
    assert plan.title == "2023年法治政府建设工作要点"
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=None, area=world.township, year=2023)
    assert "已存在" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.task_add(actor=None, plan=plan, title="t", owner="o", unit="u", deadline=D(2024, 1, 10))
    assert "计划年度" in str(exc.value)
    task = services.task_add(actor=None, plan=plan, title="t", owner="o", unit="u", deadline=D(2023, 6, 30))
    services.task_update(actor=None, task=task, progress=TaskProgress.DONE, evidence="纪要")
    assert PlanTask.objects.get().progress == TaskProgress.DONE
    with pytest.raises(ValidationError):
        services.task_update(actor=None, task=task, progress="bogus", evidence="")
    assert PlanTask.objects.get().progress == TaskProgress.DONE


def test_the_leadership_figures_count_their_own_records(world):
    period = Period.year(2023)
    services.meeting_create(
        actor=None,
        area=world.township,
        kind=MeetingKind.PARTY_COMMITTEE,
        held_on=D(2023, 2, 20),
        topic="专题听取",
        hears_annual_report=True,
    )
    services.meeting_create(
        actor=None, area=world.township, kind=MeetingKind.THEMATIC, held_on=D(2022, 12, 31), topic="去年"
    )
    services.meeting_create(
        actor=None, area=world.other_township, kind=MeetingKind.THEMATIC, held_on=D(2023, 5, 1), topic="别乡"
    )
    for kind in (DutyKind.LAW_REPORT, DutyKind.COURT_APPEARANCE, DutyKind.COURT_APPEARANCE):
        services.duty_create(
            actor=None,
            area=world.township,
            kind=kind,
            person="王乡长",
            person_title="乡长",
            occurred_on=D(2023, 12, 1),
            content="…",
        )
    metrics = refresh()
    values = {k: metrics[k].value(area=world.township, period=period) for k in metrics if k.startswith("leadership.")}
    assert values["leadership.meetings"] == 1
    assert values["leadership.annual_hearings"] == 1
    assert values["leadership.law_reports"] == 1
    assert values["leadership.court_appearances"] == 2
    assert metrics["leadership.meetings"].value(area=world.county, period=period) == 2

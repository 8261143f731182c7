import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.accounts.roles import Role
from fazhi.core.models import Deadline
from fazhi.grid import hooks, selectors, services
from fazhi.grid.choices import MatterSource
from fazhi.grid.models import GridStaff, Matter, MatterAttachment, Visit
from fazhi.grid.workflow import TRANSITIONS
from fazhi.people.services import household_create
from fazhi.portal.tests.helpers import jpeg_with_gps

D = datetime.date


def _matter(world, **kw):
    data = {
        "category": "dispute",
        "description": "邻里因排水沟争执",
        "source": "walk_in",
        "registered_on": D(2023, 9, 28),
    }
    data.update(kw)
    return services.matter_create(actor=world.user(Role.GRID_MEMBER), area=world.grid, **data)


def test_due_date_counts_working_days_over_the_national_day_holiday(seeded, calendar):
    # 2023-09-28 + 10 working days: 9-29..10-6 are holidays, 10-7/10-8 are 调休 workdays → 2023-10-18.
    m = _matter(seeded)
    assert m.due_date == D(2023, 10, 18)
    assert Deadline.objects.get(object_id=m.pk).rule.key == "grid.matter.dispute"
    assert services.matter_is_overdue(m, today=D(2023, 10, 18)) is False
    assert services.matter_is_overdue(m, today=D(2023, 10, 19)) is True


def test_safety_hazards_have_a_shorter_period(seeded, calendar):
    m = _matter(seeded, category="safety", registered_on=D(2023, 3, 2))
    assert m.due_date == D(2023, 3, 7)  # 3 working days from Thursday


def test_every_transition_row_applies(seeded, calendar):
    member = seeded.user(Role.GRID_MEMBER)
    for t in TRANSITIONS:
        for source in t.source:
            m = _matter(seeded)
            Matter.objects.filter(pk=m.pk).update(status=source)
            data = {"handler": member, "result": "已处理", "satisfaction": "satisfied"}
            m = services.matter_transition(actor=member, matter=m, action=t.action, **data)
            assert m.status == t.target
            assert m.events.last().action == t.action


def test_an_illegal_step_is_refused_with_a_chinese_message(seeded, calendar):
    m = _matter(seeded)
    with pytest.raises(ValidationError) as exc:
        services.matter_transition(actor=seeded.user(Role.GRID_MEMBER), matter=m, action="follow_up")
    assert "不能" in exc.value.messages[0]


def test_closing_needs_a_result_text(seeded, calendar):
    m = _matter(seeded)
    with pytest.raises(ValidationError) as exc:
        services.matter_transition(actor=seeded.user(Role.GRID_MEMBER), matter=m, action="close", result="  ")
    assert "办理结果" in exc.value.messages[0]
    m.refresh_from_db()
    assert m.status == "registered" and m.events.count() == 1


def test_closing_stops_the_deadline_and_the_matter_is_no_longer_overdue(seeded, calendar):
    m = _matter(seeded)
    m = services.matter_transition(
        actor=seeded.user(Role.GRID_MEMBER), matter=m, action="close", result="已调解", on=D(2023, 10, 20)
    )
    assert Deadline.objects.get(object_id=m.pk).status == "done"
    assert services.matter_is_overdue(m, today=D(2024, 1, 1)) is False


def test_hand_over_to_a_dispute_links_both_ways(seeded, calendar):
    created = []

    def make_dispute(*, actor, matter):
        # Stand-in for the mediation app: it creates its record (pointing back at the matter) and calls the hook.
        record = GridStaff.objects.create(
            area=matter.area, post="leader", name=f"调解{matter.number}", valid_from=D(2023, 1, 1)
        )
        created.append(record)
        services.matter_transfer(actor=actor, matter=matter, to="mediation", target=record, note="转为纠纷")
        return record

    m = _matter(seeded)
    with pytest.raises(ValidationError):
        services.matter_hand_over(actor=seeded.user(Role.GRID_MEMBER), matter=m, to="mediation")
    hooks.register_transfer("mediation", make_dispute)
    try:
        target = services.matter_hand_over(actor=seeded.user(Role.GRID_MEMBER), matter=m, to="mediation")
    finally:
        hooks.TRANSFER_HANDLERS.pop("mediation")
    m.refresh_from_db()
    assert m.status == "to_mediation" and target == created[0]
    assert m.transferred_to == created[0]
    assert m.number in created[0].name
    assert m.events.last().note == "转为纠纷"
    assert Deadline.objects.get(object_id=m.pk).status == "done"


def test_a_grid_member_cannot_touch_another_grids_matter(seeded, calendar):
    m = services.matter_create(actor=None, area=seeded.sibling_grid, category="other", description="x", source="phone")
    with pytest.raises(Exception) as exc:
        services.matter_transition(actor=seeded.user(Role.GRID_MEMBER), matter=m, action="start")
    assert exc.type.__name__ == "Http404"
    with pytest.raises(PermissionDenied):
        _matter(seeded, area=None) if False else services.matter_create(
            actor=seeded.user(Role.GRID_MEMBER), area=seeded.sibling_grid, category="other", description="x",
            source="phone",
        )  # fmt: skip


def test_bad_input_saves_nothing(seeded, calendar):
    with pytest.raises(ValidationError) as exc:
        _matter(seeded, category="nope", description="", source="x")
    assert set(exc.value.message_dict) == {"category", "description", "source"}
    assert Matter.objects.count() == 0


def test_a_matter_keeps_the_day_it_happened_and_defaults_to_the_day_it_was_registered(seeded, calendar):
    assert _matter(seeded).happened_on == D(2023, 9, 28)
    late = _matter(seeded, happened_on=D(2023, 8, 30), source=MatterSource.TALK)
    assert (late.happened_on, late.registered_on, late.get_source_display()) == (
        D(2023, 8, 30),
        D(2023, 9, 28),
        "群众说事",
    )


@pytest.mark.parametrize(
    ("happened_on", "message"),
    [
        (D(2023, 9, 29), "发生日期不能晚于登记日期。"),
        (datetime.date.today() + datetime.timedelta(days=1), "发生日期不能晚于今天。"),
    ],
)
def test_a_matter_cannot_happen_after_it_was_registered_or_after_today(seeded, calendar, happened_on, message):
    with pytest.raises(ValidationError) as exc:
        _matter(seeded, happened_on=happened_on)
    assert exc.value.message_dict == {"happened_on": [message]}
    assert Matter.objects.count() == 0


def test_attachments_are_checked_for_type_and_size(seeded, calendar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as exc:
        _matter(seeded, attachments=[SimpleUploadedFile("run.exe", b"MZ")])
    assert "不支持的文件类型" in exc.value.message_dict["attachments"][0]
    big = SimpleUploadedFile("big.jpg", b"0" * (services.MAX_ATTACHMENT_BYTES + 1))
    with pytest.raises(ValidationError):
        _matter(seeded, attachments=[big])
    with pytest.raises(ValidationError) as exc:  # a web page renamed .jpg
        _matter(seeded, attachments=[SimpleUploadedFile("现场.jpg", b"<html><script>alert(1)</script></html>")])
    assert exc.value.message_dict["attachments"] == [
        "文件“现场.jpg”的内容与扩展名 .jpg 不符，请上传原始文件，不要只修改扩展名。"
    ]
    assert Matter.objects.count() == 0
    m = _matter(seeded, attachments=[jpeg_with_gps("photo.jpg")])
    assert MatterAttachment.objects.get(matter=m).is_image


def test_a_resent_matter_draft_is_recorded_once(seeded, calendar):
    a = _matter(seeded, idempotency_key="draft-1")
    b = _matter(seeded, idempotency_key="draft-1")
    assert a.pk == b.pk and Matter.objects.count() == 1


def test_a_visit_updates_the_household_and_raises_a_matter_in_one_go(seeded, calendar):
    member = seeded.user(Role.GRID_MEMBER)
    h = household_create(actor=None, area=seeded.grid, number="01-001", head_name="张三", member_count=2)
    kwargs = {
        "actor": member,
        "household": h,
        "visited_on": D(2023, 5, 10),
        "notes": "了解生产生活",
        "household_facts": {"member_count": 4, "address": "新红村3组"},
        "matter": {"category": "safety", "description": "屋后边坡有落石"},
        "idempotency_key": "visit-draft-1",
    }
    v = services.visit_record(**kwargs)
    again = services.visit_record(**kwargs)
    assert v.pk == again.pk and Visit.objects.count() == 1
    h.refresh_from_db()
    assert (h.member_count, h.address) == (4, "新红村3组")
    m = Matter.objects.get()
    assert (m.visit, m.source, m.registered_on) == (v, "grid_report", D(2023, 5, 10))


def test_a_visit_with_a_bad_matter_records_nothing(seeded, calendar):
    h = household_create(actor=None, area=seeded.grid, number="01-001", head_name="张三", member_count=2)
    with pytest.raises(ValidationError):
        services.visit_record(
            actor=seeded.user(Role.GRID_MEMBER),
            household=h,
            visited_on=D(2023, 5, 10),
            household_facts={"member_count": 5},
            matter={"category": "safety", "description": ""},
        )
    h.refresh_from_db()
    assert Visit.objects.count() == 0 and h.member_count == 2


def test_overdue_matters_reach_the_handler_and_the_grid_leader(seeded, calendar):
    member = seeded.user(Role.GRID_MEMBER)
    m = _matter(seeded, registered_on=D(2023, 1, 3))
    services.matter_transition(actor=member, matter=m, action="assign", handler=member)
    assert list(selectors.matter_overdue_for(user=member)) == [m]
    leader = seeded.user(Role.VILLAGE_CADRE)
    assert list(selectors.matter_overdue_for(user=leader)) == []
    services.staff_appoint(
        actor=None, area=seeded.grid, post="leader", name="陈支书", user=leader, valid_from=D(2023, 1, 1)
    )
    assert list(selectors.matter_overdue_for(user=leader)) == [m]


def test_grid_list_flags_missing_posts(seeded):
    services.staff_appoint(actor=None, area=seeded.grid, post="leader", name="甲", valid_from=D(2023, 1, 1))
    rows = {r["grid"].pk: r for r in selectors.grid_list(user=seeded.user(Role.GRID_ADMIN))}
    assert "网格长" not in rows[seeded.grid.pk]["missing_posts"]
    assert "专职网格员" in rows[seeded.grid.pk]["missing_posts"]
    assert len(rows[seeded.sibling_grid.pk]["missing_posts"]) == 4


def test_staff_history_is_kept_when_a_post_ends(seeded):
    s = services.staff_appoint(actor=None, area=seeded.grid, post="leader", name="甲", valid_from=D(2023, 1, 1))
    services.staff_end(actor=seeded.user(Role.GRID_MEMBER), staff=s, on=D(2023, 6, 30))
    with pytest.raises(ValidationError):
        services.staff_end(actor=None, staff=s, on=D(2022, 1, 1))
    assert GridStaff.objects.get(pk=s.pk).valid_to == D(2023, 6, 30)
    assert GridStaff.objects.active(D(2023, 7, 1)).count() == 0

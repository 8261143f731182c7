import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from fazhi.accounts.roles import Role
from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseStatus, InspectionKind
from fazhi.enforcement.models import CaseEvent, CaseRecord, LegalReview, Officer, Problem, Publication
from fazhi.enforcement.workbench import items

pytestmark = pytest.mark.django_db
D = datetime.date


def test_assigning_an_officer_without_a_valid_certificate_is_refused(officers, make_case, enforcer):
    case = make_case()
    with pytest.raises(ValidationError) as exc:
        services.case_officers_assign(actor=enforcer, case=case, officers=officers, on=D(2023, 5, 8))
    assert exc.value.message_dict["officers"] == ["李执法 在2023-05-08无有效执法证件，不得参与执法（持证上岗）。"]
    assert not case.officers.exists() and not CaseEvent.objects.exists()


def test_one_certified_officer_is_not_enough(officers, make_case, enforcer):
    case = make_case()
    with pytest.raises(ValidationError, match="执法人员不得少于两人"):
        services.case_officers_assign(actor=enforcer, case=case, officers=officers[:1], on=D(2023, 5, 8))
    assert not case.officers.exists()


def test_two_certified_officers_are_assigned_and_the_timeline_names_them(officers, make_case, enforcer):
    case = make_case()
    services.case_officers_assign(actor=enforcer, case=case, officers=[officers[0], officers[2]], on=D(2023, 5, 8))
    assert set(case.officers.values_list("name", flat=True)) == {"张执法", "王执法"}
    event = case.events.get()
    assert (event.action, event.note, event.actor) == ("assign", "张执法、王执法", enforcer)


def test_an_officer_of_another_county_cannot_be_assigned(world, officers, make_case, enforcer):
    stranger = Officer.objects.create(
        area=world.foreign_grid,
        name="外县",
        certificate_no="X1",
        certificate_issued_on=D(2019, 1, 1),
        certificate_valid_until=D(2099, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        services.case_officers_assign(
            actor=enforcer, case=make_case(), officers=[officers[0], stranger], on=D(2023, 5, 8)
        )


def test_decision_refused_when_a_certificate_expired_after_assignment(officers, make_case, enforcer):
    case = make_case(officers=officers[:2])  # 李执法's certificate expired 2023-03-31
    with pytest.raises(ValidationError, match=r"不得少于两人.*有效持证人员1人"):
        services.case_decide(actor=enforcer, case=case, on=D(2023, 5, 8), conclusion="警告")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.decided_on is None and not Publication.objects.exists()


def test_major_decision_without_legal_review_is_refused(officers, make_case, enforcer, calendar):
    case = make_case(officers=[officers[0], officers[2]], major=True)
    with pytest.raises(ValidationError, match="重大执法决定未经法制审核或审核未通过，不得作出决定。"):
        services.case_decide(actor=enforcer, case=case, on=D(2023, 5, 8), conclusion="罚款")
    services.legal_review_record(
        actor=enforcer,
        case=case,
        reviewer="李司法",
        reviewed_on=D(2023, 5, 8),
        conclusion="problems",
        opinion="证据不足",
    )
    with pytest.raises(ValidationError, match="未经法制审核或审核未通过"):
        services.case_decide(actor=enforcer, case=case, on=D(2023, 5, 9), conclusion="罚款")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.decided_on is None and not Publication.objects.exists()

    services.legal_review_record(
        actor=enforcer, case=case, reviewer="李司法", reviewed_on=D(2023, 5, 10), conclusion="approved", opinion="同意"
    )
    case = services.case_decide(actor=enforcer, case=case, on=D(2023, 5, 11), conclusion="罚款")
    assert case.status == CaseStatus.DECIDED
    assert list(case.events.values_list("action", flat=True)) == ["legal_review", "decide"]


def test_the_legal_review_transition_needs_an_approving_record(officers, make_case, enforcer):
    case = make_case(officers=[officers[0], officers[2]], major=True)
    with pytest.raises(ValidationError, match="尚无审核结论为“同意”的法制审核记录"):
        services.case_transition(actor=enforcer, case=case, action="legal_review", on=D(2023, 5, 8))


def test_a_review_dated_before_the_case_was_opened_is_refused(officers, make_case, enforcer):
    case = make_case(major=True)
    with pytest.raises(ValidationError, match="审核日期不能早于立案日期"):
        services.legal_review_record(
            actor=enforcer, case=case, reviewer="李", reviewed_on=D(2023, 1, 1), conclusion="approved", opinion="同意"
        )
    assert not LegalReview.objects.exists()


def test_penalty_publication_due_in_seven_working_days_across_the_national_day_holiday(
    officers, make_case, enforcer, calendar
):
    case = make_case(officers=[officers[0], officers[2]])
    # 2023-09-29..10-06 are holidays, 10-07 and 10-08 make-up workdays: 9-28, 10-7, 10-8, 10-9, 10-10, 10-11, 10-12.
    case = services.case_decide(actor=enforcer, case=case, on=D(2023, 9, 27), conclusion="警告")
    publication = case.publications.get()
    assert (publication.kind, publication.due_on) == ("decision", D(2023, 10, 12))
    assert publication.title == "行政处罚：违规占道经营" and publication.text == "警告"


def test_inspection_result_publication_due_in_twenty_working_days(officers, make_case, enforcer, calendar):
    case = make_case(officers=[officers[0], officers[2]], case_type="inspection")
    case = services.case_decide(actor=enforcer, case=case, on=D(2023, 9, 27), conclusion="未发现违法行为")
    # 9-28, 10-07, 10-08 (make-up workdays), then 17 weekdays from 10-09: the 20th working day is 2023-10-31.
    assert case.publications.get().due_on == D(2023, 10, 31)


def test_revoked_decision_must_be_withdrawn_within_three_working_days(officers, make_case, enforcer, calendar):
    case = make_case(officers=[officers[0], officers[2]])
    case = services.case_decide(actor=enforcer, case=case, on=D(2023, 9, 1), conclusion="罚款")
    publication = services.publication_publish(actor=enforcer, publication=case.publications.get(), on=D(2023, 9, 4))
    with pytest.raises(ValidationError, match="请先登记决定被撤销"):
        services.publication_withdraw(actor=enforcer, publication=publication, on=D(2023, 9, 28))
    publication = services.publication_revoke(
        actor=enforcer, publication=publication, on=D(2023, 9, 28), reason="行政复议决定撤销"
    )
    assert publication.withdraw_due == D(2023, 10, 9)  # 10-07, 10-08 (make-up workdays), 10-09
    waiting = {i.title: i for i in items(enforcer)}["执法公示待撤下：违规占道经营"]
    assert (waiting.due, waiting.overdue) == (D(2023, 10, 9), True)
    publication = services.publication_withdraw(actor=enforcer, publication=publication, on=D(2023, 10, 7))
    assert publication.withdrawn_on == D(2023, 10, 7)
    with pytest.raises(ValidationError, match="该公示已撤下"):
        services.publication_withdraw(actor=enforcer, publication=publication, on=D(2023, 10, 8))


def test_publishing_twice_or_before_the_decision_is_refused(officers, make_case, enforcer, calendar):
    case = services.case_decide(
        actor=enforcer, case=make_case(officers=[officers[0], officers[2]]), on=D(2023, 5, 8), conclusion="警告"
    )
    publication = case.publications.get()
    with pytest.raises(ValidationError, match="公示日期不能早于决定日期"):
        services.publication_publish(actor=enforcer, publication=publication, on=D(2023, 5, 5))
    services.publication_publish(actor=enforcer, publication=publication, on=D(2023, 5, 10))
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED
    with pytest.raises(ValidationError, match="该内容已公示"):
        services.publication_publish(actor=enforcer, publication=publication, on=D(2023, 5, 11))


def test_user_without_change_right_is_refused(world, officers, make_case):
    case = make_case(officers=[officers[0], officers[2]])
    with pytest.raises(PermissionDenied):
        services.case_decide(actor=world.user(Role.SUPERVISOR), case=case, on=D(2023, 5, 8), conclusion="警告")


def test_a_case_of_another_county_is_not_found(world, officers, make_case, enforcer):
    other = make_case(area=world.foreign_grid)
    with pytest.raises(Http404):
        services.case_decide(actor=enforcer, case=other, on=D(2023, 5, 8), conclusion="警告")


@pytest.mark.parametrize(
    ("kind", "name", "size", "message"),
    [
        ("photo", "现场.exe", 10, "不是允许的文件类型"),
        ("photo", "现场.mp4", 10, "不是允许的文件类型"),
        ("photo", "现场.jpg", 11 * 1024 * 1024, "超过10MB"),
        ("video", "现场.mp4", 10, r"“现场\.mp4”的内容与扩展名 \.mp4 不符"),  # ten bytes of "x" are no video
    ],
)
def test_case_record_file_type_size_and_content_limits(make_case, enforcer, kind, name, size, message):
    upload = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError, match=message):
        services.case_record_add(actor=enforcer, case=make_case(), step="investigation", kind=kind, upload=upload)
    assert not CaseRecord.objects.exists()


def test_case_record_is_kept_per_step(make_case, enforcer):
    upload = SimpleUploadedFile("询问笔录.mp3", b"ID3")
    record = services.case_record_add(
        actor=enforcer, case=make_case(), step="investigation", kind="audio", upload=upload, note="询问当事人"
    )
    assert (record.step, record.kind, record.name, record.size, record.uploaded_by) == (
        "investigation",
        "audio",
        "询问笔录.mp3",
        3,
        enforcer,
    )


def test_duplicate_certificate_number_is_refused(world, officers, enforcer):
    with pytest.raises(ValidationError, match="执法证号“50022900001”已登记"):
        services.officer_save(
            actor=enforcer,
            area=world.township,
            name="重复",
            certificate_no=" 50022900001 ",
            certificate_issued_on=D(2019, 1, 1),
            certificate_valid_until=D(2030, 1, 1),
        )
    assert Officer.objects.count() == 3


def test_officer_cannot_be_registered_in_another_county(world, enforcer):
    with pytest.raises(PermissionDenied):
        services.officer_save(
            actor=enforcer,
            area=world.foreign_grid,
            name="外",
            certificate_no="N9",
            certificate_issued_on=D(2019, 1, 1),
            certificate_valid_until=D(2030, 1, 1),
        )


def test_training_hours_must_be_positive(officers, enforcer):
    with pytest.raises(ValidationError, match="学时须大于0"):
        services.training_record_add(actor=enforcer, officer=officers[0], on=D(2023, 3, 1), hours=Decimal(0), topic="x")
    assert not officers[0].trainings.exists()


def test_problem_is_rectified_only_with_measures_and_deadline_after_inspection(world, enforcer):
    inspection = services.inspection_create(
        actor=enforcer,
        area=world.township,
        kind="file_review",
        held_on=D(2023, 11, 15),
        scope="2023年处罚案卷",
        inspector="县司法局",
        files_inspected=3,
    )
    with pytest.raises(ValidationError, match="整改期限不能早于检查日期"):
        services.problem_add(actor=enforcer, inspection=inspection, description="缺签名", due_on=D(2023, 11, 1))
    problem = services.problem_add(actor=enforcer, inspection=inspection, description="缺签名", due_on=D(2023, 12, 15))
    with pytest.raises(ValidationError, match="请填写整改措施"):
        services.problem_rectify(actor=enforcer, problem=problem, on=D(2023, 12, 1), rectification=" ")
    assert Problem.objects.get().rectified_on is None
    problem = services.problem_rectify(actor=enforcer, problem=problem, on=D(2023, 12, 1), rectification="补签")
    assert problem.rectified_on == D(2023, 12, 1)


def test_joint_action_needs_two_departments(world, enforcer):
    with pytest.raises(ValidationError, match="至少有两个参与部门"):
        services.joint_action_create(
            actor=enforcer, area=world.township, held_on=D(2023, 8, 1), departments="乡执法办", subject="整治"
        )
    action = services.joint_action_create(
        actor=enforcer, area=world.township, held_on=D(2023, 8, 1), departments="乡执法办，县市场监管局", subject="整治"
    )
    assert action.departments == "乡执法办、县市场监管局"


@pytest.mark.parametrize(
    ("issued", "until", "message"),
    [
        (datetime.date.today() + datetime.timedelta(days=1), D(2099, 1, 1), "发证日期不能晚于今天。"),
        (D(2023, 6, 2), D(2023, 6, 1), "发证日期不能晚于执法证有效期。"),
    ],
)
def test_a_certificate_issued_in_the_future_or_after_its_expiry_is_refused(world, enforcer, issued, until, message):
    with pytest.raises(ValidationError) as exc:
        services.officer_save(
            actor=enforcer,
            area=world.township,
            name="新执法",
            certificate_no="N1",
            certificate_issued_on=issued,
            certificate_valid_until=until,
        )
    assert exc.value.message_dict == {"certificate_issued_on": [message]}
    assert not Officer.objects.filter(certificate_no="N1").exists()


def test_an_officer_is_not_certified_before_the_certificate_was_issued(world, officers, make_case, enforcer):
    newcomer = services.officer_save(
        actor=enforcer,
        area=world.township,
        name="新执法",
        certificate_no="N2",
        certificate_issued_on=D(2023, 6, 1),
        certificate_valid_until=D(2028, 5, 31),
    )
    case = make_case()
    with pytest.raises(ValidationError, match="新执法 在2023-05-08无有效执法证件"):
        services.case_officers_assign(actor=enforcer, case=case, officers=[officers[0], newcomer], on=D(2023, 5, 8))
    services.case_officers_assign(actor=enforcer, case=case, officers=[officers[0], newcomer], on=D(2023, 6, 1))
    assert set(case.officers.all()) == {officers[0], newcomer}


def test_an_inspection_of_an_unknown_kind_is_refused_and_a_special_one_is_kept(world, enforcer):
    fields = {"area": world.township, "held_on": D(2023, 6, 1), "scope": "安全生产", "inspector": "县司法局"}
    with pytest.raises(ValidationError) as exc:
        services.inspection_create(actor=enforcer, kind="bogus", **fields)
    assert list(exc.value.message_dict) == ["kind"]
    inspection = services.inspection_create(actor=enforcer, kind=InspectionKind.SPECIAL, **fields)
    assert inspection.get_kind_display() == "专项督查"

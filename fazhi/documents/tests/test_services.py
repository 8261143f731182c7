import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from fazhi.accounts.roles import Role
from fazhi.documents.choices import AspectResult, DocumentStatus, FlagStatus, ReviewConclusion
from fazhi.documents.models import DocumentEvent, LegalityReview, NormativeDocument, PrecheckFlag
from fazhi.documents.services import (
    default_valid_until,
    document_create,
    document_transition,
    document_update,
    flag_decide,
)
from fazhi.documents.tests.conftest import MON, UNLAWFUL, D, review, through_issue, through_review

pytestmark = pytest.mark.django_db


def test_a_document_goes_from_draft_to_filed_with_a_timeline(doc, staff):
    d = through_issue(doc, staff, issued=D(2023, 3, 15))
    assert d.filing_due == D(2023, 3, 30)  # 15 natural days from 2023-03-15 (ND-15 default)
    assert d.valid_until == D(2028, 3, 14)  # 5 years (ND-17 default)
    d = document_transition(actor=staff, document=d, action="file", on=D(2023, 3, 20))
    assert d.status == DocumentStatus.FILED and d.filed_on_time
    assert list(d.events.values_list("action", flat=True)) == [
        "create",
        "submit_review",
        "approve_review",
        "deliberate",
        "issue",
        "file",
    ]
    assert d.deliberation_meeting == "常务会议" and d.reviews.get().conclusion == ReviewConclusion.PASS


def test_publishing_without_review_is_refused_with_a_clear_message(doc, staff):
    with pytest.raises(ValidationError) as exc:
        document_transition(actor=staff, document=doc, action="issue", on=MON, registration_no="治平府规〔2023〕1号")
    assert exc.value.messages == ["文件须经合法性审核通过并经集体审议后方可登记公布，不得跳过审核直接公布。"]
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT and doc.registration_no == "" and doc.issued_on is None
    assert DocumentEvent.objects.filter(document=doc).count() == 1


def test_deliberation_without_review_is_refused(doc, staff):
    with pytest.raises(ValidationError, match="未经合法性审核或审核未通过的文件，不得提请集体审议。"):
        document_transition(actor=staff, document=doc, action="deliberate", on=MON, meeting="常务会议")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT and doc.deliberated_on is None


def test_the_review_cannot_be_recorded_through_the_generic_step(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    with pytest.raises(ValidationError, match="合法性审核表"):
        document_transition(actor=staff, document=doc, action="approve_review", on=D(2023, 3, 20))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWING


def test_review_shorter_than_five_working_days_is_refused(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    with pytest.raises(ValidationError, match=r"不足5个工作日.*2023-03-13"):
        review(doc, staff, on=D(2023, 3, 10))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWING and not LegalityReview.objects.exists()


def test_review_with_an_unlawful_aspect_cannot_pass_and_saves_nothing(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    with pytest.raises(ValidationError) as exc:
        review(doc, staff, on=D(2023, 3, 20), content=AspectResult.UNLAWFUL, content_opinion="设定了罚款")
    assert "不能作出“审核通过”的结论" in exc.value.message_dict["conclusion"][0]
    with pytest.raises(ValidationError) as exc:
        review(doc, staff, on=D(2023, 3, 20), content=AspectResult.AMEND, conclusion=ReviewConclusion.RETURN)
    assert exc.value.message_dict["content_opinion"] == ["审核结果为“不合法”或“需修改”的，须写明意见。"]
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWING and not LegalityReview.objects.exists()


def test_a_returned_review_sends_the_draft_back_and_stays_on_record(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    review(
        doc,
        staff,
        on=D(2023, 3, 7),  # returning needs no minimum period
        content=AspectResult.UNLAWFUL,
        content_opinion="第二条无依据",
        conclusion=ReviewConclusion.RETURN,
        opinion="退回修改",
    )
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT and doc.review_opinion == "退回修改"
    assert doc.reviews.get().content_result == AspectResult.UNLAWFUL


def test_submission_raises_flags_and_pending_flags_block_approval(world, staff):
    doc = document_create(actor=staff, area=world.township, title="集镇管理办法", body=UNLAWFUL)
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    flags = list(doc.flags.all())
    assert [(f.rule_code, f.passage, f.status) for f in flags] == [
        ("licence", "须经乡政府审批", FlagStatus.PENDING),
        ("penalty", "处以五百元罚款", FlagStatus.PENDING),
    ]
    assert all(doc.body[f.start : f.end] == f.passage for f in flags)
    with pytest.raises(ValidationError, match="尚有2条自动预审提示未处理"):
        review(doc, staff, on=D(2023, 3, 20))
    with pytest.raises(ValidationError) as exc:
        flag_decide(actor=staff, flag=flags[0], status=FlagStatus.DISMISSED, note=" ", on=D(2023, 3, 8))
    assert exc.value.message_dict == {"note": ["排除预审提示须写明理由。"]}
    flag_decide(actor=staff, flag=flags[0], status=FlagStatus.CONFIRMED, note="设定许可", on=D(2023, 3, 8))
    flag_decide(actor=staff, flag=flags[1], status=FlagStatus.DISMISSED, note="引用上位法", on=D(2023, 3, 8))
    review(doc, staff, on=D(2023, 3, 20))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.REVIEWED
    assert list(doc.flags.values_list("status", flat=True)) == [FlagStatus.CONFIRMED, FlagStatus.DISMISSED]
    with pytest.raises(ValidationError, match="只有合法性审核中的文件"):
        flag_decide(actor=staff, flag=flags[0], status=FlagStatus.DISMISSED, note="改主意", on=D(2023, 3, 21))


def test_decided_flags_stay_when_a_returned_draft_is_resubmitted(world, staff):
    doc = document_create(actor=staff, area=world.township, title="集镇管理办法", body=UNLAWFUL)
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    first = doc.flags.first()
    flag_decide(actor=staff, flag=first, status=FlagStatus.CONFIRMED, note="设定许可", on=MON)
    review(doc, staff, on=MON, conclusion=ReviewConclusion.RETURN, opinion="删去审批和罚款")
    document_update(actor=staff, document=doc, title=doc.title, body="第一条 各村做好集镇卫生宣传。")
    document_transition(actor=staff, document=doc, action="submit_review", on=D(2023, 3, 8))
    assert list(PrecheckFlag.objects.filter(document=doc).values_list("pk", "status")) == [
        (first.pk, FlagStatus.CONFIRMED)
    ]


def test_only_drafts_can_be_edited(doc, staff):
    document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    with pytest.raises(ValidationError, match="只有起草阶段的文件可以修改"):
        document_update(actor=staff, document=doc, title="改名", body="第一条 改。")
    doc.refresh_from_db()
    assert doc.title == "治平乡村庄清洁管理办法"


def test_a_document_needing_consultation_waits_seven_working_days(world, staff):
    doc = document_create(
        actor=staff, area=world.township, title="集镇管理办法", body="第一条 试行。", consultation_required=True
    )
    with pytest.raises(ValidationError, match="须先公开征求意见"):
        document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    document_transition(actor=staff, document=doc, action="start_consultation", on=MON)
    with pytest.raises(ValidationError, match=r"不足7个工作日.*2023-03-15"):
        document_transition(actor=staff, document=doc, action="end_consultation", on=D(2023, 3, 14))
    document_transition(actor=staff, document=doc, action="end_consultation", on=D(2023, 3, 15))
    d = document_transition(actor=staff, document=doc, action="submit_review", on=D(2023, 3, 16))
    assert d.status == DocumentStatus.REVIEWING and d.consultation_start == MON


def test_doc_number_is_unique_per_area_and_year(world, staff, doc):
    through_issue(doc, staff, number="治平府规〔2023〕1号")
    other = document_create(actor=staff, area=world.township, title="另一文件", body="第一条 其他。")
    through_review(other, staff)
    document_transition(actor=staff, document=other, action="deliberate", on=D(2023, 3, 14), meeting="常务会议")
    with pytest.raises(ValidationError, match="文号“治平府规〔2023〕1号”在2023年度已被其他文件使用"):
        document_transition(
            actor=staff, document=other, action="issue", on=D(2023, 5, 1), registration_no="治平府规〔2023〕1号"
        )
    other.refresh_from_db()
    assert other.status == DocumentStatus.DELIBERATED and other.registration_no == ""
    # the database refuses it too, with the same Chinese wording in full_clean
    clash = NormativeDocument(area=world.township, title="x", body="y", registration_no="治平府规〔2023〕1号")
    clash.issued_year = 2023
    with pytest.raises(ValidationError, match="该年度已有文件使用此文号"):
        clash.full_clean()
    d = document_transition(
        actor=staff, document=other, action="issue", on=D(2024, 1, 5), registration_no="治平府规〔2023〕1号"
    )
    assert d.issued_year == 2024


def test_trial_documents_default_to_two_years_and_validity_is_configurable(settings):
    assert default_valid_until(title="管理办法（试行）", issued_on=D(2023, 4, 20)) == D(2025, 4, 19)
    assert default_valid_until(title="管理办法", issued_on=D(2024, 2, 29)) == D(2029, 2, 27)
    settings.DOCUMENTS_VALIDITY_YEARS = 3
    assert default_valid_until(title="管理办法", issued_on=D(2023, 4, 20)) == D(2026, 4, 19)


def test_out_of_scope_users_cannot_write(world, doc):
    with pytest.raises(Http404):
        document_transition(actor=world.user(Role.GRID_MEMBER), document=doc, action="submit_review", on=MON)
    with pytest.raises(PermissionDenied):
        document_transition(actor=world.user(Role.SUPERVISOR), document=doc, action="submit_review", on=MON)
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocumentStatus.DRAFT


def test_step_dates_are_plain_dates(doc, staff):
    d = document_transition(actor=staff, document=doc, action="submit_review", on=MON)
    assert isinstance(d.review_submitted_on, datetime.date) and d.review_submitted_on == MON

"""No lost updates (issue 10 §4) on enforcement cases, and the review's findings on the case pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.models import EnforcementCase, LegalReview

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def as_enforcer(client, enforcer):
    client.force_login(enforcer)
    return client


def _review(client, case, version, opinion, conclusion="problems"):
    return client.post(
        reverse("enforcement:case_detail", args=[case.pk]),
        {
            "version": version,
            "action": "review",
            "review-reviewer": "赵审核",
            "review-reviewed_on": "2023-05-09",
            "review-conclusion": conclusion,
            "review-opinion": opinion,
        },
    )


def test_a_decision_from_a_page_opened_before_the_review_gets_the_conflict_page(
    as_enforcer, officers, make_case, calendar
):
    case = make_case(officers=[officers[0], officers[2]], major=True)
    opened = case.version
    assert _review(as_enforcer, case, opened, "同意处罚。", conclusion="approved").status_code == 302
    case.refresh_from_db()
    assert case.version > opened and case.status == "legal_reviewed"

    stale = as_enforcer.post(
        reverse("enforcement:case_detail", args=[case.pk]),
        {"version": opened, "action": "decide", "decide-on": "2023-05-10", "decide-conclusion": "我在旧页面上写的结论"},
    )
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "记录已被他人修改" in page and "我在旧页面上写的结论" in page
    assert f"当前记录（第 {case.version} 版）" in page
    case.refresh_from_db()
    assert case.status == "legal_reviewed" and case.conclusion == "" and not case.publications.exists()


def test_a_stale_invalid_form_is_refused_before_validation_and_a_tampered_version_too(as_enforcer, make_case):
    case = make_case()
    EnforcementCase.objects.get(pk=case.pk).save()  # a colleague's save: version 2
    assert _review(as_enforcer, case, 1, "").status_code == 409
    assert _review(as_enforcer, case, "x", "存在问题。").status_code == 409
    assert not LegalReview.objects.exists()


def test_the_current_version_is_saved_and_every_case_form_carries_it(as_enforcer, officers, make_case):
    case = make_case(officers=[officers[0], officers[2]])
    page = as_enforcer.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    forms = [chunk.split("</form>")[0] for chunk in page.split("<form")[1:] if 'name="action"' in chunk]
    assert len(forms) >= 4
    assert all(f'name="version" value="{case.version}"' in chunk for chunk in forms)
    assert _review(as_enforcer, case, case.version, "证据不足。").status_code == 302
    assert LegalReview.objects.get().opinion == "证据不足。"


def test_officers_are_not_replaced_after_the_decision(officers, make_case, enforcer, calendar):
    case = make_case(officers=[officers[0], officers[2]])
    case = services.case_decide(actor=enforcer, case=case, on=D(2023, 5, 8), conclusion="警告")
    with pytest.raises(ValidationError, match="案件已作出决定，不能再变更承办执法人员"):
        services.case_officers_assign(actor=enforcer, case=case, officers=[officers[2], officers[0]], on=D(2023, 5, 9))
    assert not case.events.filter(action="assign").exists()


def test_an_officer_page_lists_only_the_cases_the_viewer_may_see(world, as_enforcer, officers, make_case):
    mine = make_case(officers=[officers[0]])
    theirs = make_case(officers=[officers[0]], area=world.other_township)
    EnforcementCase.objects.filter(pk=theirs.pk).update(title="明通镇的案件")
    page = as_enforcer.get(reverse("enforcement:officer_detail", args=[officers[0].pk])).content.decode()
    assert reverse("enforcement:case_detail", args=[mine.pk]) in page
    assert "明通镇的案件" not in page


def test_officer_inspection_and_joint_action_lists_do_not_grow_queries_with_rows(
    world, as_enforcer, enforcer, django_assert_max_num_queries
):
    for i in range(12):
        officer = services.officer_save(
            actor=enforcer,
            area=world.township,
            name=f"执法{i}",
            certificate_no=f"5002290010{i:02d}",
            certificate_issued_on=D(2019, 1, 1),
            certificate_valid_until=D(2030, 1, 1),
            other_posts="安全员\n网格员",
        )
        services.training_record_add(actor=enforcer, officer=officer, on=D(2030, 1, 1), hours=8, topic="处罚法")
        inspection = services.inspection_create(
            actor=enforcer,
            area=world.township,
            kind="file_review",
            held_on=D(2023, 6, i + 1),
            scope="案卷",
            inspector="县司法局",
        )
        services.problem_add(actor=enforcer, inspection=inspection, description="文书不规范", due_on=D(2023, 7, 1))
        services.joint_action_create(
            actor=enforcer,
            area=world.township,
            held_on=D(2023, 6, i + 1),
            departments="市场监管所、派出所",
            subject="联合检查",
        )
    for name in ("officer_list", "inspection_list", "joint_action_list"):
        with django_assert_max_num_queries(12):
            response = as_enforcer.get(reverse(f"enforcement:{name}"))
        assert response.status_code == 200 and response.content.decode().count("<tr>") >= 12

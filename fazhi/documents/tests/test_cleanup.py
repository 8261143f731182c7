import pytest
from django.core.exceptions import ValidationError

from fazhi.documents.choices import CleanupDecision, DocumentStatus
from fazhi.documents.models import NormativeDocument
from fazhi.documents.selectors import published_document_list
from fazhi.documents.services import campaign_create, cleanup_decide, document_create, document_transition
from fazhi.documents.tests.conftest import D, through_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_force(doc, staff):
    return through_issue(doc, staff)


def test_a_campaign_lists_every_document_in_force_in_its_area_only(world, staff, in_force):
    document_create(actor=staff, area=world.township, title="仍在起草", body="第一条。")
    NormativeDocument.objects.create(
        area=world.foreign_grid, title="外县文件", body="第一条。", status=DocumentStatus.FILED, issued_on=D(2023, 1, 1)
    )
    campaign = campaign_create(actor=staff, area=world.township, title="2023年度清理", started_on=D(2023, 12, 1))
    assert [i.document for i in campaign.items.all()] == [in_force]


def test_repealing_in_a_campaign_marks_the_document_repealed_and_takes_it_off_the_public_list(world, staff, in_force):
    assert list(published_document_list(area=world.township)) == [in_force]
    assert in_force.published_on == D(2023, 3, 15) and in_force.doc_number == "治平府规〔2023〕1号"
    campaign = campaign_create(actor=staff, area=world.township, title="专项清理", started_on=D(2023, 12, 1))
    item = campaign.items.get()
    with pytest.raises(ValidationError) as exc:
        cleanup_decide(actor=staff, item=item, decision=CleanupDecision.REPEAL, note="", on=D(2023, 12, 5))
    assert exc.value.message_dict == {"note": ["决定修改或废止的，须写明理由。"]}
    cleanup_decide(actor=staff, item=item, decision=CleanupDecision.REPEAL, note="上位法已修改", on=D(2023, 12, 5))
    in_force.refresh_from_db()
    assert in_force.status == DocumentStatus.REPEALED and in_force.repealed_on == D(2023, 12, 5)
    assert in_force.events.last().action == "repeal"
    assert list(published_document_list(area=world.township)) == []
    with pytest.raises(ValidationError, match="已作出清理结论“废止”"):
        cleanup_decide(actor=staff, item=item, decision=CleanupDecision.KEEP, note="", on=D(2023, 12, 6))


def test_keep_leaves_the_document_in_force_and_repeal_is_not_a_generic_step(world, staff, in_force):
    campaign = campaign_create(actor=staff, area=world.township, title="清理", started_on=D(2023, 12, 1))
    cleanup_decide(actor=staff, item=campaign.items.get(), decision=CleanupDecision.KEEP, note="", on=D(2023, 12, 2))
    in_force.refresh_from_db()
    assert in_force.status == DocumentStatus.ISSUED
    with pytest.raises(ValidationError, match="废止须通过文件清理作出决定"):
        document_transition(actor=staff, document=in_force, action="repeal", on=D(2023, 12, 3))


def test_an_expired_document_leaves_the_public_list_but_is_still_cleaned_up(world, staff, in_force):
    NormativeDocument.objects.filter(pk=in_force.pk).update(valid_until=D(2024, 3, 14))
    in_force.refresh_from_db()
    assert in_force.expired and list(published_document_list(area=world.township)) == []
    campaign = campaign_create(actor=staff, area=world.township, title="到期清理", started_on=D(2024, 6, 1))
    assert [i.document for i in campaign.items.all()] == [in_force]

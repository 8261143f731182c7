import datetime

from fazhi.accounts.roles import CHANGE, VIEW, Module, Role, role_allows
from fazhi.areas.testing import Case
from fazhi.documents.choices import CleanupDecision, DocumentStatus
from fazhi.documents.models import CleanupCampaign, CleanupItem, NormativeDocument, PrecheckFlag

VIEWERS = frozenset(r for r in Role if role_allows(r, Module.DOCUMENTS, VIEW))
CHANGERS = frozenset(r for r in Role if role_allows(r, Module.DOCUMENTS, CHANGE))


def _make(area, **kw) -> NormativeDocument:
    return NormativeDocument.objects.create(area=area, title="矩阵测试文件", body="第一条 测试。", **kw)


def _doc(world, area):
    return {"pk": _make(area).pk}


def _flag(world, area):
    doc = _make(area, status=DocumentStatus.REVIEWING, review_submitted_on=datetime.date(2023, 3, 1))
    flag = PrecheckFlag.objects.create(
        document=doc,
        rule_code="penalty",
        rule_label="疑似设定行政处罚",
        rule_source="37号",
        passage="测",
        start=4,
        end=5,
    )
    return {"pk": doc.pk, "flag_pk": flag.pk}


def _campaign(world, area):
    return {"pk": CleanupCampaign.objects.create(area=area, title="矩阵清理", started_on=datetime.date(2023, 12, 1)).pk}


def _item(world, area):
    doc = _make(area, status=DocumentStatus.FILED, issued_on=datetime.date(2023, 4, 1), issued_year=2023)
    campaign = CleanupCampaign.objects.create(area=area, title="矩阵清理", started_on=datetime.date(2023, 12, 1))
    item = CleanupItem.objects.create(campaign=campaign, document=doc)
    return {"pk": campaign.pk, "item_pk": item.pk}


CASES = [
    Case("documents:document_list", VIEWERS),
    Case("documents:document_create", CHANGERS),
    Case("documents:document_detail", VIEWERS, kwargs=_doc),
    Case("documents:document_update", CHANGERS, kwargs=_doc),
    Case("documents:document_transition", CHANGERS, method="post", kwargs=_doc, data={"action": "submit_review"}),
    Case("documents:document_review", CHANGERS, kwargs=_doc),
    Case("documents:flag_decide", CHANGERS, method="post", kwargs=_flag, data={"status": "confirmed"}),
    Case("documents:campaign_list", VIEWERS),
    Case("documents:campaign_create", CHANGERS),
    Case("documents:campaign_detail", VIEWERS, kwargs=_campaign),
    Case(
        "documents:cleanup_decide",
        CHANGERS,
        method="post",
        kwargs=_item,
        data={"decision": CleanupDecision.KEEP, "on": "2023-12-05"},
    ),
    Case("api:documents-document-list", VIEWERS),
    Case("api:documents-document-detail", VIEWERS, kwargs=_doc),
]

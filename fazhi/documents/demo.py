"""Demo: 治平乡 2023 规范性文件 — three through legality review (one filed, one returned after the reviewer
upheld its pre-check flags, one late in filing) and a year-end clean-up. Idempotent: each piece is keyed by title."""

import datetime

from fazhi.documents.choices import AspectResult, DocumentStatus, FlagStatus, ReviewBody, ReviewConclusion
from fazhi.documents.models import CleanupCampaign, NormativeDocument
from fazhi.documents.services import (
    campaign_create,
    document_create,
    document_review,
    document_transition,
    flag_decide,
)

D = datetime.date
LAWFUL = AspectResult.LAWFUL
UNIT = "治平乡党政办公室"
REVIEWER = {"reviewer_name": "治平乡司法所 王所长", "body": ReviewBody.JUDICIAL_OFFICE}

FILED_TITLE = "治平乡农村人居环境整治工作管理办法（试行）"
FILED_BODY = (
    "第一条 为改善农村人居环境，建设美丽乡村，结合本乡实际，制定本办法。\n"
    "第二条 各村（社区）应当组织群众开展房前屋后环境卫生整治，做好宣传引导。\n"
    "第三条 乡人民政府对工作成效突出的村（社区）予以通报表扬。"
)
FLAGGED_TITLE = "治平乡集镇摊点管理规定（征求意见稿）"
FLAGGED_BODY = (
    "第一条 为规范集镇秩序，制定本规定。\n"
    "第二条 在集镇摆摊经营的，须经乡政府审批。\n"
    "第三条 违反本规定的，处以五百元罚款。"
)
LATE_TITLE = "治平乡村级公益事业“一事一议”实施办法"
LATE_BODY = (
    "第一条 为规范村级公益事业建设，依照《村民一事一议筹资筹劳管理办法》的规定，结合本乡实际，制定本办法。\n"
    "第二条 一事一议事项由村民会议或者村民代表会议民主议定，议定结果在村务公开栏公示。\n"
    "第三条 乡人民政府对一事一议项目给予指导和服务。"
)
CAMPAIGN_TITLE = "治平乡2023年度规范性文件清理"


def _pass(doc, on: datetime.date, opinion: str):
    document_review(
        actor=None,
        document=doc,
        on=on,
        authority_result=LAWFUL,
        content_result=LAWFUL,
        procedure_result=LAWFUL,
        conclusion=ReviewConclusion.PASS,
        opinion=opinion,
        **REVIEWER,
    )


def _issue(doc, *, deliberated: datetime.date, issued: datetime.date, number: str):
    document_transition(actor=None, document=doc, action="deliberate", on=deliberated, meeting="治平乡人民政府常务会议")
    document_transition(actor=None, document=doc, action="issue", on=issued, registration_no=number)


def _filed(township) -> None:
    doc = document_create(actor=None, area=township, title=FILED_TITLE, body=FILED_BODY, drafting_unit=UNIT)
    document_transition(actor=None, document=doc, action="submit_review", on=D(2023, 4, 3))
    _pass(doc, D(2023, 4, 12), "依据充分，程序合法，内容合法。")
    _issue(doc, deliberated=D(2023, 4, 17), issued=D(2023, 4, 20), number="治平府规〔2023〕1号")
    document_transition(actor=None, document=doc, action="file", on=D(2023, 4, 25))


def _flagged(township) -> None:
    # An earlier demo left this draft unreviewed; it is picked up rather than duplicated.
    doc = NormativeDocument.objects.filter(area=township, title=FLAGGED_TITLE).first()
    if doc is None:
        doc = document_create(
            actor=None, area=township, title=FLAGGED_TITLE, body=FLAGGED_BODY, drafting_unit="治平乡综合行政执法办公室"
        )
    if doc.reviews.exists() or doc.status != DocumentStatus.DRAFT:
        return
    document_transition(actor=None, document=doc, action="submit_review", on=D(2023, 6, 5))
    for flag in doc.flags.all():
        note = "乡镇规范性文件不得设定行政许可、行政处罚（国办发〔2018〕37号）。"
        flag_decide(actor=None, flag=flag, status=FlagStatus.CONFIRMED, note=note, on=D(2023, 6, 9))
    document_review(
        actor=None,
        document=doc,
        on=D(2023, 6, 12),
        authority_result=LAWFUL,
        content_result=AspectResult.UNLAWFUL,
        content_opinion="第二条设定摆摊审批、第三条设定罚款，超越乡镇规范性文件权限，应予删除。",
        procedure_result=LAWFUL,
        conclusion=ReviewConclusion.RETURN,
        opinion="退回起草单位修改：删除第二条审批和第三条罚款规定，改为引导和服务措施。",
        **REVIEWER,
    )


def _late(township) -> None:
    doc = document_create(
        actor=None,
        area=township,
        title=LATE_TITLE,
        body=LATE_BODY,
        drafting_unit="治平乡农业服务中心",
        consultation_required=True,
    )
    document_transition(actor=None, document=doc, action="start_consultation", on=D(2023, 9, 4))
    document_transition(actor=None, document=doc, action="end_consultation", on=D(2023, 9, 15))
    document_transition(actor=None, document=doc, action="submit_review", on=D(2023, 9, 18))
    _pass(doc, D(2023, 10, 10), "符合《村民一事一议筹资筹劳管理办法》，同意提请审议。")
    _issue(doc, deliberated=D(2023, 10, 16), issued=D(2023, 10, 20), number="治平府规〔2023〕2号")
    document_transition(
        actor=None, document=doc, action="file", on=D(2023, 11, 20), note="因材料补正，逾期报送县司法局备案。"
    )


def load(context: dict) -> None:
    township = context["township"]
    for title, build in ((FILED_TITLE, _filed), (LATE_TITLE, _late)):
        if not NormativeDocument.objects.filter(area=township, title=title).exists():
            build(township)
    _flagged(township)
    if not CleanupCampaign.objects.filter(area=township, title=CAMPAIGN_TITLE).exists():
        campaign_create(
            actor=None, area=township, title=CAMPAIGN_TITLE, started_on=D(2023, 12, 1), reason="年度动态清理。"
        )

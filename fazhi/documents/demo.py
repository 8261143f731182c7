"""Demo: 治平乡 2023 规范性文件 — one through to 备案, one draft that the pre-check flags. Idempotent."""

import datetime

from fazhi.documents.models import NormativeDocument
from fazhi.documents.services import document_create, document_transition

D = datetime.date

FILED_TITLE = "治平乡农村人居环境整治工作管理办法（试行）"
FILED_BODY = (
    "第一条 为改善农村人居环境，建设美丽乡村，结合本乡实际，制定本办法。\n"
    "第二条 各村（社区）应当组织群众开展房前屋后环境卫生整治，做好宣传引导。\n"
    "第三条 乡人民政府对工作成效突出的村（社区）予以通报表扬。"
)
DRAFT_TITLE = "治平乡集镇摊点管理规定（征求意见稿）"
DRAFT_BODY = (
    "第一条 为规范集镇秩序，制定本规定。\n"
    "第二条 在集镇摆摊经营的，须经乡政府审批。\n"
    "第三条 违反本规定的，处以五百元罚款。"
)


def load(context: dict) -> None:
    township = context["township"]
    if not NormativeDocument.objects.filter(area=township, title=FILED_TITLE).exists():
        doc = document_create(actor=None, area=township, title=FILED_TITLE, body=FILED_BODY)
        document_transition(actor=None, document=doc, action="submit_review", on=D(2023, 4, 3))
        document_transition(
            actor=None,
            document=doc,
            action="approve_review",
            on=D(2023, 4, 12),
            opinion="依据充分，程序合法，内容合法。",
        )
        document_transition(actor=None, document=doc, action="deliberate", on=D(2023, 4, 17))
        document_transition(
            actor=None, document=doc, action="issue", on=D(2023, 4, 20), registration_no="治平府规〔2023〕1号"
        )
        document_transition(actor=None, document=doc, action="file", on=D(2023, 4, 25))
    if not NormativeDocument.objects.filter(area=township, title=DRAFT_TITLE).exists():
        document_create(actor=None, area=township, title=DRAFT_TITLE, body=DRAFT_BODY)

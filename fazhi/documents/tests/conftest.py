import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.documents.choices import AspectResult, ReviewBody, ReviewConclusion
from fazhi.documents.services import document_create, document_review, document_transition

D = datetime.date
MON = D(2023, 3, 6)

UNLAWFUL = (
    "第一条 为加强管理，制定本办法。第二条 在集镇摆摊经营的，须经乡政府审批。第三条 违反本办法的，处以五百元罚款。"
)
LAWFUL = "第一条 为做好村庄清洁工作，制定本方案。第二条 各村应当组织群众开展环境卫生整治，做好宣传引导。"


@pytest.fixture
def staff(world):
    return world.user(Role.LEGAL_STAFF)


@pytest.fixture
def doc(world, staff):
    return document_create(
        actor=staff, area=world.township, title="治平乡村庄清洁管理办法", body=LAWFUL, drafting_unit="党政办"
    )


def review(doc, actor, *, on, conclusion=ReviewConclusion.PASS, content=AspectResult.LAWFUL, **kw):
    values = {
        "reviewer_name": "王所长",
        "body": ReviewBody.JUDICIAL_OFFICE,
        "authority_result": AspectResult.LAWFUL,
        "content_result": content,
        "procedure_result": AspectResult.LAWFUL,
        "conclusion": conclusion,
        "opinion": "依据充分，内容合法。",
    }
    values.update(kw)
    return document_review(actor=actor, document=doc, on=on, **values)


def through_review(doc, actor, *, submitted=MON, reviewed=MON + datetime.timedelta(days=7)):
    document_transition(actor=actor, document=doc, action="submit_review", on=submitted)
    review(doc, actor, on=reviewed)
    doc.refresh_from_db()
    return doc


ISSUED = D(2023, 3, 15)


def through_issue(doc, actor, *, issued=ISSUED, number="治平府规〔2023〕1号"):
    through_review(doc, actor)
    document_transition(actor=actor, document=doc, action="deliberate", on=D(2023, 3, 14), meeting="常务会议")
    return document_transition(actor=actor, document=doc, action="issue", on=issued, registration_no=number)

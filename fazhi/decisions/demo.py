"""Demo: 治平乡 — one 2023 major decision through its whole procedure, and one open for comment now. Idempotent."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from fazhi.decisions import services
from fazhi.decisions.models import CommentStatus, Decision

D = datetime.date

FULL_TITLE = "治平乡集镇污水处理设施建设项目"
FULL_DRAFT = (
    "一、在集镇下游新建日处理能力300吨的污水处理站一座。\n"
    "二、新建污水收集管网4.2公里，覆盖集镇全部居民户和经营户。\n"
    "三、项目总投资约680万元，争取上级专项资金，不足部分由乡财政统筹。\n"
    "四、建成后委托专业机构运营，运营费用由乡财政保障，不向居民收取。"
)
OPEN_TITLE = "治平乡农村生活垃圾收运处置体系建设方案"
OPEN_DRAFT = (
    "一、各村按每30户设置分类收集点一处，由保洁员每日清运。\n"
    "二、乡设垃圾转运站一座，转运至县生活垃圾处理场集中处置。\n"
    "三、保洁经费由乡财政和村集体经济共同承担。"
)
COMMENTS = [
    ("王大明", 2, "建议管网同时覆盖集镇周边的黄泥坝居民点，约40户。", True, "采纳，管网延伸至黄泥坝居民点。"),
    ("", 4, "运营费用应向居民收取一部分，减轻财政负担。", False, "不予采纳：本项目定位为公益设施，暂不收费。"),
    ("李秀英", None, "施工期间请注意场镇交通组织。", False, "已转施工单位在实施中落实，不属于决策方案内容。"),
]


def _full(township) -> None:
    d = services.decision_create(
        actor=None,
        area=township,
        title=FULL_TITLE,
        year=2023,
        summary="解决集镇生活污水直排问题，改善场镇人居环境。",
        consultation_text=FULL_DRAFT,
        expert_required=True,
        risk_required=True,
    )
    services.catalogue_publish(actor=None, decision=d, on=D(2023, 2, 10))
    services.decision_transition(
        actor=None, decision=d, action="open_comment", on=D(2023, 3, 1), ends_on=D(2023, 3, 31)
    )
    for i, (name, paragraph, text, adopted, reply) in enumerate(COMMENTS):
        c = services.comment_record(
            actor=None, decision=d, text=text, name=name, paragraph=paragraph, received_on=D(2023, 3, 6 + i * 7)
        )
        services.public_comment_moderate(
            actor=None, comment=c, status=CommentStatus.APPROVED, adopted=adopted, reply=reply
        )
    services.decision_transition(actor=None, decision=d, action="submit_review", on=D(2023, 4, 3))
    services.participation_record(
        actor=None,
        decision=d,
        comment_handling="共收到意见3条，采纳1条（管网延伸至黄泥坝居民点），未采纳2条并逐条说明理由。",
    )
    for expert, affiliation, opinion in [
        ("陈志刚", "县住房城乡建设委员会 给排水高级工程师", "处理规模与集镇人口相适应，工艺选择合理。"),
        ("刘芳", "县生态环境局 环境工程", "出水执行一级A标准可行，建议预留扩容用地。"),
    ]:
        services.expert_opinion_add(
            actor=None, decision=d, expert=expert, affiliation=affiliation, opinion=opinion, given_on=D(2023, 4, 6)
        )
    services.risk_record(
        actor=None,
        decision=d,
        risk_assessor="治平乡综治中心",
        risk_level="low",
        risk_conclusion="风险点：征地补偿、施工扰民；已制定补偿方案和施工公告制度，风险可控。",
    )
    services.review_record(
        actor=None,
        decision=d,
        reviewer="治平乡司法所 / 乡法律顾问",
        review_conclusion="legal",
        review_opinion="决策事项属本乡职权范围，已履行公众参与、专家论证、风险评估程序，内容不违反法律法规。",
        reviewed_on=D(2023, 4, 12),
    )
    services.attachment_add(
        actor=None,
        decision=d,
        step="review",
        file=ContentFile("合法性审查意见书（演示）".encode(), name="合法性审查意见书.txt"),
    )
    services.discussion_record(
        actor=None,
        decision=d,
        meeting="治平乡人民政府2023年第5次常务会议",
        attendees="乡长、副乡长（3名）、党政办主任、司法所所长（列席）",
        outcome="同意实施集镇污水处理设施建设项目，管网延伸至黄泥坝居民点。",
    )
    for speaker, statement, principal in [
        ("副乡长 周建国", "同意，建议加快争取上级资金。", False),
        ("副乡长 谭小红", "同意，施工期间做好交通组织。", False),
        ("乡长 冉东", "同意实施，按采纳意见修改后的方案执行。", True),
    ]:
        services.statement_add(actor=None, decision=d, speaker=speaker, statement=statement, is_principal=principal)
    services.decision_transition(actor=None, decision=d, action="discuss", on=D(2023, 4, 17))
    services.decision_transition(
        actor=None, decision=d, action="announce", on=D(2023, 4, 20), note="乡政府网站、政务公开栏公布，附政策解读。"
    )
    services.implementation_record(
        actor=None, decision=d, implementing_unit="治平乡村镇建设服务中心", implementation_notes="2023年11月建成投运。"
    )
    services.evaluation_record(
        actor=None,
        decision=d,
        evaluator="城口县委党校课题组",
        evaluated_on=D(2023, 12, 20),
        evaluation="集镇污水收集率达92%，群众满意度高，达到决策预期。",
    )


def _open(township) -> None:
    today = timezone.localdate()
    d = services.decision_create(
        actor=None,
        area=township,
        title=OPEN_TITLE,
        year=today.year,
        summary="建立户分类、村收集、乡转运、县处理的农村生活垃圾收运体系。",
        consultation_text=OPEN_DRAFT,
    )
    start = today - datetime.timedelta(days=3)
    services.catalogue_publish(actor=None, decision=d, on=start)
    # A few days past the legal minimum, which moves with weekends and holidays (条例 第十五条).
    _, earliest = services.earliest_end("decisions.public_comment", start)
    services.decision_transition(
        actor=None, decision=d, action="open_comment", on=start, ends_on=earliest + datetime.timedelta(days=5)
    )


def load(context: dict) -> None:
    township = context["township"]
    if not Decision.objects.filter(area=township, title=FULL_TITLE).exists():
        _full(township)
    if not Decision.objects.filter(area=township, title=OPEN_TITLE).exists():
        _open(township)

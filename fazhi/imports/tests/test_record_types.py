"""Import of each record type from its own downloaded template, filled in with openpyxl, through the pages."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.imports.models import ImportBatch
from fazhi.imports.tests.conftest import fill

D = datetime.date(2024, 3, 5)


def _upload(client, kind: str, content: bytes):
    upload = SimpleUploadedFile("filled.xlsx", content)
    response = client.post(reverse("imports:batch_upload", args=[kind]), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.latest("pk")


def _import(client, kind: str, rows: list[dict]) -> ImportBatch:
    template = client.get(reverse("imports:batch_template", args=[kind])).content
    batch = _upload(client, kind, fill(template, rows))
    assert batch.errors == [] and batch.status == "checked", batch.errors
    client.post(reverse("imports:batch_confirm", args=[kind, batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "done", batch.message
    return batch


def _adviser(town):
    from fazhi.counsel.services import adviser_create

    return adviser_create(
        actor=None,
        area=town.township,
        name="周律师",
        contract_from=datetime.date(2024, 1, 1),
        contract_to=datetime.date(2024, 12, 31),
    )


def _board(town):
    from fazhi.disclosure.services import board_create

    return board_create(
        actor=None,
        area=town.village,
        category="village",
        frequency="quarterly",
        location="村委会门口",
        established_on=datetime.date(2023, 1, 1),
    )


def _account(town):
    from fazhi.publicity.services import account_create

    return account_create(actor=None, area=town.township, name="明通普法", platform="wechat")


def _ledger_type(town):
    from fazhi.ledger.services import record_type_create

    return record_type_create(
        actor=None,
        area=town.township,
        name="法律明白人培训",
        section="publicity",
        measures=[("培训人数", "人")],
        fields=[("培训地点", False)],
    )


CASES = {
    "training.session": (
        None,
        lambda t, p: {
            "单位（区划）": "明通镇（500229104000）",
            "类型": "法治专题讲座",
            "日期": "2024.3.5",
            "主题": "学习宪法",
            "学时": 2,
            "参加人次": "２５",
        },
        lambda s: (s.area.name, s.held_on, s.participants, s.hours),
        ("明通镇", D, 25, 2),
    ),
    "publicity.activity": (
        None,
        lambda t, p: {
            "所属区划": "500229104201",
            "日期": "2024年3月5日",
            "活动名称": "宪法宣传周",
            "形式": "讲座",
            "计入": "普法宣传活动",
            "参与人次": 120,
        },
        lambda a: (a.area.name, a.held_on, a.participants),
        ("岚溪村", D, 120),
    ),
    "publicity.post": (
        _account,
        lambda t, p: {"账号": str(p), "发布日期": D, "标题": "一图读懂民法典", "主题": "民法典", "浏览量": "1,200"},
        lambda m: (m.account.name, m.published_on, m.views),
        ("明通普法", D, 1200),
    ),
    "counsel.consultation": (
        None,
        lambda t, p: {
            "所属区划": "岚溪村（500229104201）",
            "日期": "2024/3/5",
            "咨询人": "王某",
            "咨询事项": "土地流转",
            "人次": 2,
            "转人民调解": "是",
        },
        lambda c: (c.area.name, c.received_on, c.headcount, c.referred_to_mediation),
        ("岚溪村", D, 2, True),
    ),
    "counsel.opinion": (
        _adviser,
        lambda t, p: {"法律顾问": str(p), "出具日期": "2024-03-05", "类别": "合同审查", "事项": "场镇改造项目"},
        lambda o: (o.adviser.name, o.issued_on),
        ("周律师", D),
    ),
    "enforcement.inspection": (
        None,
        lambda t, p: {
            "所属区划": "明通镇",
            "类别": "执法检查",
            "检查日期": "2024.03.05",
            "检查范围": "食品经营户",
            "检查单位（人员）": "综合行政执法办公室",
        },
        lambda i: (i.area.name, i.held_on),
        ("明通镇", D),
    ),
    "disclosure.posting": (
        _board,
        lambda t, p: {
            "公开栏": str(p),
            "公开事项": "2024年第一季度村务公开",
            "所属期间截止日": "2024-03-31",
            "张贴日期": "2024-04-05",
        },
        lambda p: (p.board.area.name, p.posted_on),
        ("岚溪村", datetime.date(2024, 4, 5)),
    ),
    "petitions.petition": (
        None,
        lambda t, p: {
            "所属区划": "明通镇（500229104000）",
            "信访形式": "来访",
            "信访类别": "申诉求决类",
            "收到日期": "2024-03-05",
            "信访人（每行一人；代表在姓名后加“*”，多人走访代表不超过5人）": "张某、李某*",
            "信访请求": "请求解决宅基地边界争议",
        },
        lambda p: (p.area.name, p.received_on, p.petitioners.count()),
        ("明通镇", D, 2),
    ),
}


@pytest.mark.parametrize("kind", CASES)
def test_a_filled_in_template_imports_through_the_service(kind, town, client):
    from django.apps import apps as django_apps

    from fazhi.core.facts import record_type

    parent_factory, row, read, expected = CASES[kind]
    parent = parent_factory(town) if parent_factory else None
    client.force_login(town.staff)
    batch = _import(client, kind, [row(town, parent)])
    assert batch.created == 1
    model = record_type(kind).model_class() if record_type(kind) else django_apps.get_model(kind)
    assert read(model.objects.get(pk=batch.record_ids[0])) == expected


def test_a_grid_matter_imports_for_a_grid_admin(town, client):
    from fazhi.grid.models import Matter

    client.force_login(town.grid_admin)
    row = {
        "网格": "岚溪村第1网格",
        "类别": "安全隐患",
        "事项描述": "村道路灯损坏",
        "来源": "网格员发现",
        "发生日期": "2024-03-05",
    }
    batch = _import(client, "grid.matter", [row])
    matter = Matter.objects.get(pk=batch.record_ids[0])
    assert (matter.area.name, matter.happened_on, matter.number != "") == ("岚溪村第1网格", D, True)


def test_ledger_entries_of_a_custom_type_import_with_its_measures_and_fields(town, client):
    from fazhi.ledger.models import Entry

    record_type = _ledger_type(town)
    client.force_login(town.staff)
    kind = f"ledger.t{record_type.pk}"
    rows = [
        {"村（社区）/乡镇": "岚溪村（500229104201）", "日期": "2024-03-05", "培训人数（人）": 30, "培训地点": "村委会"},
        {"村（社区）/乡镇": "明通镇（500229104000）", "日期": "2024-04-01", "培训人数（人）": "１２"},
    ]
    batch = _import(client, kind, rows)
    assert batch.created == 2
    values = sorted(
        (e.area.name, e.occurred_on, int(e.values.get().value)) for e in Entry.objects.filter(record_type=record_type)
    )
    assert values == [("岚溪村", D, 30), ("明通镇", datetime.date(2024, 4, 1), 12)]


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("training:session_list", "training.session"),
        ("publicity:activity_list", "publicity.activity"),
        ("publicity:media", "publicity.post"),
        ("counsel:home", "counsel.opinion"),
        ("enforcement:inspection_list", "enforcement.inspection"),
        ("disclosure:board_list", "disclosure.posting"),
        ("petitions:petition_list", "petitions.petition"),
        ("grid:visit_list", "grid.visit"),
        ("grid:matter_list", "grid.matter"),
        ("mediation:dispute_list", "mediation.dispute"),
        ("counsel:contract_list", "counsel.contract_review"),
    ],
)
def test_each_list_page_links_to_its_import_for_those_who_may_change_it(page, kind, town, world, client):
    from fazhi.accounts.roles import Role

    client.force_login(town.grid_admin if kind.startswith("grid.") else town.staff)
    assert reverse("imports:batch_upload", args=[kind]) in client.get(reverse(page)).content.decode()
    client.force_login(world.user(Role.SUPERVISOR))  # reads everything, changes nothing
    assert reverse("imports:batch_upload", args=[kind]) not in client.get(reverse(page)).content.decode()


def test_a_ledger_type_page_links_to_the_import_of_its_entries(town, client):
    record_type = _ledger_type(town)
    client.force_login(town.staff)
    html = client.get(reverse("ledger:type_detail", args=[record_type.pk])).content.decode()
    assert reverse("imports:batch_upload", args=[f"ledger.t{record_type.pk}"]) in html


def test_visits_import_naming_the_household_by_its_grid_and_number(town, client):
    from fazhi.grid.models import Visit
    from fazhi.people.services import household_create

    household = household_create(actor=None, area=town.grid, number="0007", head_name="赵某")
    client.force_login(town.grid_admin)
    rows = [
        {
            "网格": "岚溪村第1网格",
            "户编号": "0007",
            "走访日期": "2024.3.5",
            "走访情况": "宣传防诈骗",
            "更新家庭人口": "４",
        },
        {"网格": "岚溪村第1网格", "户编号": "0099", "走访日期": "2024.3.6"},
    ]
    template = client.get(reverse("imports:batch_template", args=["grid.visit"])).content
    batch = _upload(client, "grid.visit", fill(template, rows))
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [
        (3, "户编号", "该网格没有户编号为“0099”的户。")
    ]
    batch = _import(client, "grid.visit", rows[:1])
    visit = Visit.objects.get(pk=batch.record_ids[0])
    household.refresh_from_db()
    assert (visit.household_id, visit.visited_on, household.member_count) == (household.pk, D, 4)


def test_disputes_import_with_their_two_parties(town, client):
    from fazhi.mediation.models import Dispute

    client.force_login(town.staff)
    row = {
        "所属区划": "岚溪村（500229104201）",
        "纠纷简述": "相邻宅基地滴水纠纷",
        "纠纷类型": "邻里",
        "来源": "当事人申请",
        "处理层级": "简易（现场调解）",
        "受理日期": "2024-03-05",
        "申请人（当事人一）": "张某",
        "被申请人（当事人二）": "李某",
    }
    batch = _import(client, "mediation.dispute", [row])
    dispute = Dispute.objects.get(pk=batch.record_ids[0])
    assert (dispute.area.name, dispute.received_on, dispute.tier) == ("岚溪村", D, "simple")
    assert sorted(dispute.parties.values_list("name", flat=True)) == ["张某", "李某"]


def test_contracts_import_with_their_review(town, client):
    from fazhi.counsel.models import ContractReview

    _adviser(town)
    client.force_login(town.staff)
    row = {
        "所属区划": "明通镇（500229104000）",
        "合同名称": "污水管网施工合同",
        "合同相对方": "某建设公司",
        "承办（起草）单位": "建设环保办",
        "送审日期": "2024-03-01",
        "审查顾问": "周律师",
        "审查日期": "2024-03-05",
        "审查结论": "通过",
    }
    batch = _import(client, "counsel.contract_review", [row])
    contract = ContractReview.objects.get(pk=batch.record_ids[0])
    assert (contract.area.name, contract.reviewed_on, contract.reviewer.name) == ("明通镇", D, "周律师")

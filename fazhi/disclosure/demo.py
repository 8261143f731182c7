"""Demo: 党务/村务/财务/服务公开栏 in 治平乡 and every one of its villages, with postings published online — the
2023 year the reports are shown for, and every period from January of last year up to today, so the workbench is
realistic on any day the demo is loaded.

Every fifth periodic posting is put up five days after its due date, so the on-time rate is below 100%. The villages
in `OVERDUE` have not yet posted their latest due period (临河村 on every periodic board, 燕麦村 on its 财务 board), so
the overdue warning has something to show. Idempotent: a posting is only added when its board has none with the
same title.
"""

import datetime

from django.utils import timezone

from fazhi.disclosure.models import Board, BoardCategory, Frequency
from fazhi.disclosure.services import (
    board_create,
    last_due_period_end,
    next_period_end,
    posting_create,
    posting_due,
    posting_publish,
)

D = datetime.date
ESTABLISHED = D(2022, 6, 1)  # before the first period the demo posts (2023)
VILLAGE_BOARDS = {
    BoardCategory.PARTY: Frequency.QUARTERLY,
    BoardCategory.VILLAGE: Frequency.QUARTERLY,
    BoardCategory.FINANCE: Frequency.MONTHLY,
    BoardCategory.SERVICE: Frequency.AD_HOC,
}
TOWNSHIP_BOARDS = {
    BoardCategory.PARTY: Frequency.QUARTERLY,
    BoardCategory.FINANCE: Frequency.QUARTERLY,
    BoardCategory.SERVICE: Frequency.AD_HOC,
}
# village name → categories whose latest due period is left unposted
OVERDUE = {
    "临河村": {BoardCategory.PARTY, BoardCategory.VILLAGE, BoardCategory.FINANCE},
    "燕麦村": {BoardCategory.FINANCE},
}
TEXT = {
    BoardCategory.PARTY: "党员发展、党费收缴使用、“三会一课”开展及主题党日活动情况。",
    BoardCategory.VILLAGE: "村民（代表）会议决定事项及实施情况、惠农补贴发放、集体资产发包情况。",
    BoardCategory.FINANCE: (
        "本期集体经济收入、支出明细如下：\n"
        "项目|收入（元）|支出（元）\n土地流转费|12000|\n公益性岗位补贴||3600\n村道维修||4800\n"
        "如有疑问，请向村务监督委员会反映。"
    ),
}
AD_HOC = [
    (
        D(2023, 4, 3),
        "2023年度城乡低保对象审核结果公示",
        "经入户调查、民主评议，拟新增低保对象名单公示如下，公示期7天。",
    ),
    (D(2023, 9, 12), "高龄老人补贴申领办理指南", "年满80周岁的本地户籍老人可持身份证、户口簿到便民服务中心申领。"),
]


def _label(end: datetime.date, frequency: str) -> str:
    if frequency == Frequency.MONTHLY:
        return f"{end.year}年{end.month}月"
    return f"{end.year}年第{(end.month - 1) // 3 + 1}季度"


def _periods(frequency: str, today: datetime.date) -> list[datetime.date]:
    """Period ends of 2023, then from January of last year up to the last period posted by today."""
    first = D(2022, 12, 31)
    ends = []
    end = next_period_end(first, frequency)
    while end <= D(2023, 12, 31):
        ends.append(end)
        end = next_period_end(end, frequency)
    end = next_period_end(D(today.year - 2, 12, 31), frequency)
    while end + datetime.timedelta(days=8) <= today:
        if end > D(2023, 12, 31):
            ends.append(end)
        end = next_period_end(end, frequency)
    return ends


def _ad_hoc_events(today: datetime.date) -> list[tuple[datetime.date, str, str]]:
    recent = (
        today - datetime.timedelta(days=20),
        f"{today.year}年度城乡低保对象动态调整结果公示",
        "经入户核查、民主评议，本年度低保对象动态调整名单公示如下，公示期7天。",
    )
    return [*AD_HOC, recent]


def _post(board: Board, title: str, text: str, period_end: datetime.date, posted_on: datetime.date) -> None:
    if board.postings.filter(title=title).exists():
        return
    posting = posting_create(
        actor=None, board=board, title=title, text=text, period_end=period_end, posted_on=posted_on
    )
    posting_publish(actor=None, posting=posting, on=posted_on)


def _boards(area, plan: dict, index: int, today: datetime.date) -> None:
    skipped = OVERDUE.get(area.name, set())
    for category, frequency in plan.items():
        board = Board.objects.filter(area=area, category=category).first() or board_create(
            actor=None,
            area=area,
            category=category,
            frequency=frequency,
            location=f"{area.name}便民服务中心",
            established_on=ESTABLISHED,
        )
        label = board.get_category_display()
        if frequency == Frequency.AD_HOC:
            for event_on, title, text in _ad_hoc_events(today):
                _post(board, title, text, event_on, event_on + datetime.timedelta(days=2))
            continue
        last_due = last_due_period_end(today, frequency)
        for n, end in enumerate(_periods(frequency, today)):
            if category in skipped and end >= last_due:
                continue
            late_on = posting_due(board=board, period_end=end) + datetime.timedelta(days=5)
            late = (index + n) % 5 == 0 and late_on <= today
            posted_on = late_on if late else end + datetime.timedelta(days=8)
            _post(board, f"{area.name}{_label(end, frequency)}{label}公开", TEXT[category], end, posted_on)


def load(context: dict) -> None:
    today = timezone.localdate()
    _boards(context["township"], TOWNSHIP_BOARDS, 0, today)
    for index, (village, _grids) in enumerate(context["villages"], start=1):
        _boards(village, VILLAGE_BOARDS, index, today)

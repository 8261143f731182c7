"""Demo: 党务/村务/财务/服务公开栏 in 治平乡 and every one of its villages, with 2023 postings published online.

Every fifth periodic posting is put up five days after its due date, so the on-time rate is below 100%.
Idempotent: a posting is only added when its board has none with the same title.
"""

import datetime

from fazhi.disclosure.models import Board, BoardCategory, Frequency
from fazhi.disclosure.services import board_create, posting_create, posting_due, posting_publish

D = datetime.date
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
TEXT = {
    BoardCategory.PARTY: "党员发展、党费收缴使用、“三会一课”开展及主题党日活动情况。",
    BoardCategory.VILLAGE: "村民（代表）会议决定事项及实施情况、惠农补贴发放、集体资产发包情况。",
    BoardCategory.FINANCE: "本期集体经济收入、支出明细及往来款项，附收支明细表。",
}
AD_HOC = [
    (
        D(2023, 4, 3),
        "2023年度城乡低保对象审核结果公示",
        "经入户调查、民主评议，拟新增低保对象名单公示如下，公示期7天。",
    ),
    (D(2023, 9, 12), "高龄老人补贴申领办理指南", "年满80周岁的本地户籍老人可持身份证、户口簿到便民服务中心申领。"),
]


def _periods(frequency: str) -> list[tuple[datetime.date, str]]:
    if frequency == Frequency.MONTHLY:
        ends = [D(2023, m + 1, 1) - datetime.timedelta(days=1) for m in range(1, 12)] + [D(2023, 12, 31)]
        return [(end, f"2023年{end.month}月") for end in ends]
    ends = [D(2023, 3, 31), D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31)]
    return [(end, f"2023年第{i}季度") for i, end in enumerate(ends, start=1)]


def _post(board: Board, title: str, text: str, period_end: datetime.date, posted_on: datetime.date) -> None:
    if board.postings.filter(title=title).exists():
        return
    posting = posting_create(
        actor=None, board=board, title=title, text=text, period_end=period_end, posted_on=posted_on
    )
    posting_publish(actor=None, posting=posting, on=posted_on)


def _boards(area, plan: dict, index: int) -> None:
    for category, frequency in plan.items():
        board = Board.objects.filter(area=area, category=category).first() or board_create(
            actor=None, area=area, category=category, frequency=frequency, location=f"{area.name}便民服务中心"
        )
        label = board.get_category_display()
        if frequency == Frequency.AD_HOC:
            for event_on, title, text in AD_HOC:
                _post(board, title, text, event_on, event_on + datetime.timedelta(days=2))
            continue
        for n, (end, period) in enumerate(_periods(frequency)):
            due = posting_due(end, frequency)
            late = (index + n) % 5 == 0
            posted_on = due + datetime.timedelta(days=5) if late else end + datetime.timedelta(days=8)
            _post(board, f"{area.name}{period}{label}公开", TEXT[category], end, posted_on)


def load(context: dict) -> None:
    _boards(context["township"], TOWNSHIP_BOARDS, 0)
    for index, (village, _grids) in enumerate(context["villages"], start=1):
        _boards(village, VILLAGE_BOARDS, index)

"""Demo: 三务+服务公开栏 in every 治平乡 village with 2023 postings (idempotent)."""

import datetime

from fazhi.disclosure.models import Board, BoardCategory, Frequency
from fazhi.disclosure.services import board_create, posting_create

FREQUENCY = {
    BoardCategory.PARTY: Frequency.QUARTERLY,
    BoardCategory.VILLAGE: Frequency.QUARTERLY,
    BoardCategory.FINANCE: Frequency.MONTHLY,
    BoardCategory.SERVICE: Frequency.AD_HOC,
}
QUARTER_ENDS = [datetime.date(2023, 3, 31), datetime.date(2023, 6, 30), datetime.date(2023, 9, 30)]


def load(context: dict) -> None:
    for village, _grids in context["villages"]:
        for category, frequency in FREQUENCY.items():
            board = Board.objects.filter(area=village, category=category).first() or board_create(
                actor=None, area=village, category=category, frequency=frequency, location=f"{village.name}便民服务中心"
            )
            if board.postings.exists() or frequency == Frequency.AD_HOC:
                continue
            for end in QUARTER_ENDS:
                posting_create(
                    actor=None,
                    board=board,
                    title=f"{end.year}年第{(end.month - 1) // 3 + 1}季度{board.get_category_display()}公开",
                    period_end=end,
                    posted_on=end + datetime.timedelta(days=8),
                )

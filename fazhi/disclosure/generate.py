"""Synthetic 公开栏 for benchmarks, like the demo: the township's 党务/财务/服务 boards and every village's 党务/村务/
财务/服务 boards, each periodic board posting every period of every year (every fifth one five days late, so the
on-time rate is below 100 %) and each 服务 board two ad-hoc notices a year, all published online the day they go up.

Rows go in with bulk_create, so this module derives what `posting_create` derives: each posting's due date
(重庆市实施《村民委员会组织法》办法 第三十条, docs/law.md CQ-V-05; a township's ad-hoc items:
政府信息公开条例 第二十六条) and each board's next due date (`services.next_due_after`).
Boards are set up (设立日期) on the first day of the first year, so the boards figure counts them for every
generated year. See fazhi/people/generate.py.
"""

import datetime
from functools import cache

from fazhi.disclosure.demo import AD_HOC, TEXT, TOWNSHIP_BOARDS, VILLAGE_BOARDS
from fazhi.disclosure.models import Board, Frequency, Posting
from fazhi.disclosure.services import next_due_after, next_period_end, posting_due
from fazhi.people.generate import area_random, years

BATCH = 2000
LATE = datetime.timedelta(days=5)


def generate(context: dict) -> None:
    spans = years(context)
    since = datetime.date(spans[0], 1, 1)
    boards = []
    for township in context["townships"]:
        rng = area_random(context, township, __name__)
        villages = [v for v in context["villages"] if v.parent_id == township.pk]
        for area, plan in [(township, TOWNSHIP_BOARDS), *((v, VILLAGE_BOARDS) for v in villages)]:
            boards += [
                Board(area=area, category=c, frequency=f, location=f"{area.name}便民服务中心", established_on=since)
                for c, f in plan.items()
            ]

    sample = {}  # a posting's due date depends on its board only through the area's level and the frequency
    for board in boards:
        sample.setdefault((board.area.level, board.frequency), board)

    @cache
    def due(kind: tuple[str, str], period_end: datetime.date) -> datetime.date:
        return posting_due(board=sample[kind], period_end=period_end)

    postings = []
    for index, board in enumerate(boards):
        kind = (board.area.level, board.frequency)
        if board.frequency == Frequency.AD_HOC:
            for year in spans:
                for event_on, title, text in AD_HOC:
                    on = event_on.replace(year=year) + datetime.timedelta(days=rng.randrange(-10, 10))
                    posted = on + datetime.timedelta(days=2)
                    postings.append(_posting(board, title.replace("2023", str(year)), text, on, posted, due(kind, on)))
            continue
        end = datetime.date(spans[0] - 1, 12, 31)
        n, category = 0, board.get_category_display()
        while (end := next_period_end(end, board.frequency)).year <= spans[-1]:
            n += 1
            due_on = due(kind, end)
            posted = due_on + LATE if (index + n) % 5 == 0 else end + datetime.timedelta(days=8)
            title = f"{board.area.name}{_label(end, board.frequency)}{category}公开"
            postings.append(_posting(board, title, TEXT[board.category], end, posted, due_on))
        board.next_due_on = next_due_after(board.frequency, board.established_on, postings[-1].period_end)
    # The boards go in after their postings are drawn, with the due date those postings leave; bulk_create gives
    # them the keys the postings then take.
    Board.objects.bulk_create(boards, batch_size=BATCH)
    Posting.objects.bulk_create(postings, batch_size=BATCH)


def _label(end: datetime.date, frequency: str) -> str:
    if frequency == Frequency.MONTHLY:
        return f"{end.year}年{end.month}月"
    return f"{end.year}年第{(end.month - 1) // 3 + 1}季度"


def _posting(board, title, text, period_end, posted_on, due_on) -> Posting:
    return Posting(
        board=board,
        title=title,
        text=text,
        period_end=period_end,
        posted_on=posted_on,
        due_on=due_on,
        published_on=posted_on,  # posting_publish the same day, as the demo does
    )

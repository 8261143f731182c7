import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.disclosure.models import Board, Frequency, Posting

# 重庆市实施《村民委员会组织法》办法 第三十条 (DOMAIN.md CQ-V-05): 公布时间不少于10日
MIN_POSTED_DAYS = 10
# Same article: 季度事项于下季度第一个月15日前、按月事项于次月15日前公布
DUE_DAY = 15


def period_end_before(on: datetime.date, frequency: str) -> datetime.date | None:
    """End of the last complete period before `on` (None for 随时 boards)."""
    if frequency == Frequency.MONTHLY:
        return on.replace(day=1) - datetime.timedelta(days=1)
    if frequency == Frequency.QUARTERLY:
        first_month = (on.month - 1) // 3 * 3 + 1
        return on.replace(month=first_month, day=1) - datetime.timedelta(days=1)
    return None


def posting_due(period_end: datetime.date) -> datetime.date:
    """The 15th of the month after the period (CQ-V-05)."""
    return (period_end + datetime.timedelta(days=1)).replace(day=DUE_DAY)


def board_is_overdue(board: Board, on: datetime.date) -> bool:
    end = period_end_before(on, board.frequency)
    if end is None or on <= posting_due(end):
        return False
    return not board.postings.filter(period_end__gte=end).exists()


def board_create(*, actor, area, category: str, frequency: str, location: str) -> Board:
    require_area_writable(actor, Module.DISCLOSURE, area)
    with transaction.atomic():
        if Board.objects.filter(area=area, category=category).exists():
            raise ValidationError({"category": _("该区划已设有此类公开栏。")})
        board = Board(area=area, category=category, frequency=frequency, location=location.strip())
        board.full_clean()
        board.save()
    return board


def posting_create(*, actor, board: Board, title: str, period_end: datetime.date, posted_on: datetime.date) -> Posting:
    if actor is not None:
        require_change(actor, board)
    if posted_on < period_end and board.frequency != Frequency.AD_HOC:
        raise ValidationError({"posted_on": _("张贴日期不能早于所属期间截止日。")})
    with transaction.atomic():
        posting = Posting(board=board, title=title.strip(), period_end=period_end, posted_on=posted_on)
        posting.full_clean()
        posting.save()
    return posting


def posting_remove(*, actor, posting: Posting, on: datetime.date) -> Posting:
    if actor is not None:
        require_change(actor, posting.board)
    with transaction.atomic():
        posting = Posting.objects.select_for_update().get(pk=posting.pk)
        if posting.removed_on:
            raise ValidationError(_("该公开事项已撤下。"))
        # 重庆市实施《村民委员会组织法》办法 第三十条 (DOMAIN.md CQ-V-05): 公布时间不少于10日
        if (on - posting.posted_on).days < MIN_POSTED_DAYS:
            raise ValidationError(
                _("公开时间不少于%(n)d日，最早可于%(d)s撤下。")
                % {
                    "n": MIN_POSTED_DAYS,
                    "d": (posting.posted_on + datetime.timedelta(days=MIN_POSTED_DAYS)).isoformat(),
                }
            )
        posting.removed_on = on
        posting.save(update_fields=["removed_on", "updated_at"])
    return posting

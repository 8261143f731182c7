"""Every write of boards and postings, plus the due-date rules they follow."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.disclosure.models import ATTACHMENT_EXTENSIONS, Board, Frequency, Posting, PostingAttachment

# 重庆市实施《村民委员会组织法》办法 第三十条 (DOMAIN.md CQ-V-05): 公布时间不少于10日
MIN_POSTED_DAYS = 10
# Same article: 季度事项于下季度第一个月15日前、按月事项于次月15日前公布
DUE_DAY = 15
# Same article: 随时公布的事项在10日内公布 — the text says 日, so natural days.
AD_HOC_DAYS = 10
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def period_end_before(on: datetime.date, frequency: str) -> datetime.date | None:
    """End of the last complete period before `on` (None for 随时 boards)."""
    if frequency == Frequency.MONTHLY:
        return on.replace(day=1) - datetime.timedelta(days=1)
    if frequency == Frequency.QUARTERLY:
        first_month = (on.month - 1) // 3 * 3 + 1
        return on.replace(month=first_month, day=1) - datetime.timedelta(days=1)
    return None


def _next_period_end(end: datetime.date, frequency: str) -> datetime.date:
    months = 1 if frequency == Frequency.MONTHLY else 3
    first = end + datetime.timedelta(days=1)
    month_index = first.year * 12 + first.month - 1 + months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1) - datetime.timedelta(days=1)


def posting_due(period_end: datetime.date, frequency: str = Frequency.MONTHLY) -> datetime.date:
    """Latest lawful posting date for a period ending `period_end` (CQ-V-05)."""
    if frequency == Frequency.AD_HOC:
        return period_end + datetime.timedelta(days=AD_HOC_DAYS)
    return (period_end + datetime.timedelta(days=1)).replace(day=DUE_DAY)


def _covered(board: Board, end: datetime.date) -> bool:
    # Iterates the (usually prefetched) postings so a board list costs no query per board.
    return any(p.period_end >= end for p in board.postings.all())


def board_is_overdue(board: Board, on: datetime.date) -> bool:
    end = period_end_before(on, board.frequency)
    if end is None or on <= posting_due(end):
        return False
    return not _covered(board, end)


def board_next_due(board: Board, on: datetime.date) -> datetime.date | None:
    """The date the board's next required posting is due (past when overdue; None for 随时 boards)."""
    end = period_end_before(on, board.frequency)
    if end is None:
        return None
    if _covered(board, end):
        return posting_due(_next_period_end(end, board.frequency))
    return posting_due(end)


def board_create(*, actor, area, category: str, frequency: str, location: str) -> Board:
    require_area_writable(actor, Module.DISCLOSURE, area)
    with transaction.atomic():
        if Board.objects.filter(area=area, category=category).exists():
            raise ValidationError({"category": _("该区划已设有此类公开栏。")})
        board = Board(area=area, category=category, frequency=frequency, location=location.strip())
        board.full_clean()
        board.save()
    return board


def _check_files(attachments) -> None:
    errors = []
    for upload in attachments:
        if upload.name.lower().rsplit(".", 1)[-1] not in ATTACHMENT_EXTENSIONS:
            errors.append(_("不支持的文件类型“%(n)s”，仅限图片、PDF、Word、Excel。") % {"n": upload.name})
        elif upload.size > MAX_ATTACHMENT_BYTES:
            errors.append(_("文件“%(n)s”超过10MB。") % {"n": upload.name})
    if errors:
        raise ValidationError({"attachments": errors})


def _check_dates(board: Board, period_end: datetime.date, posted_on: datetime.date) -> None:
    if posted_on < period_end and board.frequency != Frequency.AD_HOC:
        raise ValidationError({"posted_on": _("张贴日期不能早于所属期间截止日。")})


def _attach(posting: Posting, attachments) -> None:
    for upload in attachments:
        row = PostingAttachment(posting=posting, file=upload, name=upload.name[:200], size=upload.size)
        row.full_clean()
        row.save()


def posting_create(
    *,
    actor,
    board: Board,
    title: str,
    period_end: datetime.date,
    posted_on: datetime.date,
    text: str = "",
    attachments=(),
) -> Posting:
    if actor is not None:
        require_change(actor, board)
    _check_dates(board, period_end, posted_on)
    _check_files(attachments)
    with transaction.atomic():
        posting = Posting(
            board=board,
            title=title.strip(),
            text=text.strip(),
            period_end=period_end,
            posted_on=posted_on,
            due_on=posting_due(period_end, board.frequency),
        )
        posting.full_clean()
        posting.save()
        _attach(posting, attachments)
    return posting


def posting_update(
    *,
    actor,
    posting: Posting,
    title: str,
    period_end: datetime.date,
    posted_on: datetime.date,
    text: str = "",
    attachments=(),
) -> Posting:
    require_change(actor, posting.board)
    _check_dates(posting.board, period_end, posted_on)
    _check_files(attachments)
    with transaction.atomic():
        posting = Posting.objects.select_for_update().select_related("board__area").get(pk=posting.pk)
        posting.title, posting.text = title.strip(), text.strip()
        posting.period_end, posting.posted_on = period_end, posted_on
        posting.due_on = posting_due(period_end, posting.board.frequency)
        posting.full_clean()
        posting.save()
        _attach(posting, attachments)
    return posting


def posting_publish(*, actor, posting: Posting, on: datetime.date) -> Posting:
    """Put the posting on the public site (政府信息公开条例 第二十六条, DOMAIN.md GOV-02: 主动公开)."""
    if actor is not None:
        require_change(actor, posting.board)
    with transaction.atomic():
        posting = Posting.objects.select_for_update().get(pk=posting.pk)
        if posting.is_published:
            raise ValidationError(_("该公开事项已在网上发布。"))
        if on < posting.posted_on:
            raise ValidationError({"on": _("网上发布日期不能早于张贴日期。")})
        posting.published_on, posting.withdrawn_on = on, None
        posting.save(update_fields=["published_on", "withdrawn_on", "updated_at"])
    return posting


def posting_withdraw(*, actor, posting: Posting, on: datetime.date) -> Posting:
    require_change(actor, posting.board)
    with transaction.atomic():
        posting = Posting.objects.select_for_update().get(pk=posting.pk)
        if not posting.is_published:
            raise ValidationError(_("该公开事项未在网上发布，无需撤回。"))
        if on < posting.published_on:
            raise ValidationError({"on": _("撤回日期不能早于发布日期。")})
        posting.withdrawn_on = on
        posting.save(update_fields=["withdrawn_on", "updated_at"])
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

"""Every write of boards and postings, plus the due-date rules they follow."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.core.uploads import check_content, safe_filename
from fazhi.core.workdays import add_period, add_working_days
from fazhi.disclosure.models import (
    ATTACHMENT_EXTENSIONS,
    Board,
    BoardCategory,
    Frequency,
    Posting,
    PostingAttachment,
)

# 重庆市实施《村民委员会组织法》办法 第三十条 (docs/law.md CQ-V-05): 公布时间不少于10日
MIN_POSTED_DAYS = 10
# Same article: 季度事项于下季度第一个月15日前、按月事项于次月15日前公布. The article governs 村务公开; township
# boards and 党务 boards follow the same calendar by local practice (docs/law.md VPO-10 [M]), a convention [C].
DUE_DAY = 15
# Same article: 随时公布的事项在10日内公布 — the text says 日, so natural days; a last day on a rest day moves
# to the next working day (docs/law.md T-01, applied by analogy).
AD_HOC_DAYS = 10
# 政府信息公开条例 第二十六条 (docs/law.md GOV-02): a township government's own 主动公开 items within 20 working days of
# being made or changed — the village rule above does not bind the township.
TOWNSHIP_AD_HOC_WORKING_DAYS = 20
# 村民委员会组织法 第三十条 (docs/law.md VPO-02): 一般事项至少每季度公布一次 — a village's 村务/财务 board is
# periodic (monthly or quarterly), never 随时 only.
PERIODIC_CATEGORIES = {BoardCategory.VILLAGE, BoardCategory.FINANCE}
BOARD_LEVELS = {Level.TOWNSHIP, Level.VILLAGE}

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10


# --- periods and due dates -------------------------------------------------------------------------------------------


def period_end_before(on: datetime.date, frequency: str) -> datetime.date | None:
    """End of the last complete period before `on` (None for 随时 boards)."""
    if frequency == Frequency.MONTHLY:
        return on.replace(day=1) - datetime.timedelta(days=1)
    if frequency == Frequency.QUARTERLY:
        first_month = (on.month - 1) // 3 * 3 + 1
        return on.replace(month=first_month, day=1) - datetime.timedelta(days=1)
    return None


def next_period_end(end: datetime.date, frequency: str) -> datetime.date:
    months = 1 if frequency == Frequency.MONTHLY else 3
    first = end + datetime.timedelta(days=1)
    month_index = first.year * 12 + first.month - 1 + months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1) - datetime.timedelta(days=1)


def _period_end_of(day: datetime.date, frequency: str) -> datetime.date:
    """End of the period `day` falls in."""
    return next_period_end(period_end_before(day, frequency), frequency)


def is_period_end(day: datetime.date, frequency: str) -> bool:
    return frequency == Frequency.AD_HOC or _period_end_of(day, frequency) == day


def _periodic_due(period_end: datetime.date) -> datetime.date:
    # CQ-V-05: 下季度第一个月15日前 / 次月15日前 — the 15th of the month after the period.
    return (period_end + datetime.timedelta(days=1)).replace(day=DUE_DAY)


def posting_due(*, board: Board, period_end: datetime.date) -> datetime.date:
    """Latest lawful posting date for the period (or the 随时 event) ending `period_end` on `board`."""
    if board.frequency != Frequency.AD_HOC:
        return _periodic_due(period_end)
    if board.area.level == Level.TOWNSHIP:
        return add_working_days(period_end, TOWNSHIP_AD_HOC_WORKING_DAYS)  # 政府信息公开条例 第二十六条
    return add_period(period_end, AD_HOC_DAYS, "natural")  # 重庆实施办法 第三十条: 10日内 (natural days)


def last_due_period_end(on: datetime.date, frequency: str) -> datetime.date | None:
    """The latest period whose posting was due before `on` (None for 随时 boards)."""
    end = period_end_before(on, frequency)
    if end is None:
        return None
    return end if on > _periodic_due(end) else period_end_before(end, frequency)


def _covered_through(board: Board) -> datetime.date | None:
    # A board's page annotates `latest_period_end` (selectors.board_get); a bare board asks the database.
    if hasattr(board, "latest_period_end"):
        return board.latest_period_end
    return board.postings.aggregate(m=Max("period_end"))["m"]


def next_due_after(frequency: str, established_on: datetime.date, latest: datetime.date | None) -> datetime.date | None:
    """Due date of the first period a board owes (CQ-V-05): the one after the latest it posted, and never one before
    the period it went up in (设立日期) — a board set up today owes nothing for last quarter. None for 随时 boards."""
    if frequency == Frequency.AD_HOC:
        return None
    first = _period_end_of(established_on, frequency)
    if latest is not None:
        first = max(first, next_period_end(_period_end_of(latest, frequency), frequency))
    return _periodic_due(first)


def board_next_due(board: Board) -> datetime.date | None:
    """Due date of the board's first unposted period (past when overdue; None for 随时 boards)."""
    return next_due_after(board.frequency, board.established_on, _covered_through(board))


def is_overdue(next_due: datetime.date | None, on: datetime.date) -> bool:
    """A board whose first unposted period was due before `on` is overdue (CQ-V-05), however long ago."""
    return next_due is not None and next_due < on


def board_is_overdue(board: Board, on: datetime.date) -> bool:
    return is_overdue(board_next_due(board), on)


def _store_next_due(board: Board) -> None:
    """Keep `Board.next_due_on` equal to the rule above, so lists and the workbench find overdue boards by a query.

    A plain UPDATE: the column is derived from the postings, whose own changes are what the audit log records."""
    latest = board.postings.aggregate(m=Max("period_end"))["m"]
    board.next_due_on = next_due_after(board.frequency, board.established_on, latest)
    Board.objects.filter(pk=board.pk).update(next_due_on=board.next_due_on)


def _lock_board(pk: int) -> None:
    # Postings of one board are written one at a time, so the stored next due date sees every one of them.
    Board.objects.select_for_update().filter(pk=pk).values_list("pk").get()


# --- boards ----------------------------------------------------------------------------------------------------------


def board_create(
    *, actor, area, category: str, frequency: str, location: str, established_on: datetime.date | None = None
) -> Board:
    """`established_on`: when the board went up (default today)."""
    require_area_writable(actor, Module.DISCLOSURE, area)
    if area.level not in BOARD_LEVELS:
        raise ValidationError({"area": _("公开栏设在乡镇或村（社区）。")})
    established_on = established_on or timezone.localdate()
    if established_on > timezone.localdate():
        raise ValidationError({"established_on": _("设立日期不能晚于今天。")})
    # 村民委员会组织法 第三十条 (docs/law.md VPO-02): 一般事项至少每季度公布一次，财务往来较多的每月公布
    if area.level == Level.VILLAGE and category in PERIODIC_CATEGORIES and frequency == Frequency.AD_HOC:
        raise ValidationError({"frequency": _("村务、财务公开至少每季度公布一次，请选择每月或每季度。")})
    with transaction.atomic():
        if Board.objects.filter(area=area, category=category).exists():
            raise ValidationError({"category": _("该区划已设有此类公开栏。")})
        board = Board(
            area=area,
            category=category,
            frequency=frequency,
            location=location.strip(),
            established_on=established_on,
            next_due_on=next_due_after(frequency, established_on, None),
        )
        board.full_clean()
        board.save()
    return board


# --- postings --------------------------------------------------------------------------------------------------------


def _extension(name: str) -> str:
    return name.lower().rsplit(".", 1)[-1] if "." in name else ""


def _check_files(attachments) -> None:
    """Type by extension and by content, size, count; names are reduced to a harmless last component."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("一次最多上传%(n)d个附件。") % {"n": MAX_ATTACHMENTS}})
    errors = []
    for upload in attachments:
        name = safe_filename(upload.name)
        extension = _extension(name)
        if extension not in ATTACHMENT_EXTENSIONS:
            errors.append(_("不支持的文件类型“%(n)s”，仅限图片、PDF、Word、Excel。") % {"n": name})
            continue
        if upload.size > MAX_ATTACHMENT_BYTES:
            errors.append(_("文件“%(n)s”超过10MB。") % {"n": name})
            continue
        try:
            check_content(upload, extension)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"attachments": errors})


def _check_dates(board: Board, period_end: datetime.date, posted_on: datetime.date) -> None:
    if not is_period_end(period_end, board.frequency):
        if board.frequency == Frequency.MONTHLY:
            raise ValidationError({"period_end": _("按月公开的，所属期间截止日应为月末。")})
        raise ValidationError(
            {"period_end": _("按季度公开的，所属期间截止日应为季末（3月31日、6月30日、9月30日、12月31日）。")}
        )
    if posted_on < period_end and board.frequency != Frequency.AD_HOC:
        raise ValidationError({"posted_on": _("张贴日期不能早于所属期间截止日。")})
    if posted_on > timezone.localdate():
        raise ValidationError({"posted_on": _("张贴日期不能晚于今天。")})


def _attach(posting: Posting, attachments) -> None:
    for upload in attachments:
        upload.name = safe_filename(upload.name)
        row = PostingAttachment(posting=posting, file=upload, name=upload.name, size=upload.size)
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
        _lock_board(board.pk)
        posting = Posting(
            board=board,
            title=title.strip(),
            text=text.strip(),
            period_end=period_end,
            posted_on=posted_on,
            due_on=posting_due(board=board, period_end=period_end),
        )
        posting.full_clean()
        posting.save()
        _attach(posting, attachments)
        _store_next_due(board)
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
        _lock_board(posting.board_id)
        posting = Posting.objects.select_for_update().select_related("board__area").get(pk=posting.pk)
        # What the public site shows must not change silently: a correction is withdrawn and posted anew.
        if posting.is_published:
            raise ValidationError(
                _("该公开事项已在网上发布，不能修改；如需更正，请先网上撤回，再登记更正后的公开事项。")
            )
        posting.title, posting.text = title.strip(), text.strip()
        posting.period_end, posting.posted_on = period_end, posted_on
        posting.due_on = posting_due(board=posting.board, period_end=period_end)
        posting.full_clean()
        posting.save()
        _attach(posting, attachments)
        _store_next_due(posting.board)
    return posting


def posting_publish(*, actor, posting: Posting, on: datetime.date) -> Posting:
    """Put the posting on the public site (政府信息公开条例 第二十六条, docs/law.md GOV-02: 主动公开)."""
    if actor is not None:
        require_change(actor, posting.board)
    with transaction.atomic():
        posting = Posting.objects.select_for_update().get(pk=posting.pk)
        if posting.is_published:
            raise ValidationError(_("该公开事项已在网上发布。"))
        # A withdrawal (wrong content, personal data — docs/law.md SEC-20) is final for that record; publishing it
        # again would also erase when it was withdrawn. The corrected content is a new posting.
        if posting.withdrawn_on:
            raise ValidationError(_("该公开事项已从网上撤回，不能再次发布；请登记更正后的公开事项。"))
        if on < posting.posted_on:
            raise ValidationError({"on": _("网上发布日期不能早于张贴日期。")})
        posting.published_on = on
        posting.save(update_fields=["published_on", "updated_at"])
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
        # 重庆市实施《村民委员会组织法》办法 第三十条 (docs/law.md CQ-V-05): 公布时间不少于10日
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

"""Every read the public site makes of another app's data, in one place.

The apps behind these functions are being built alongside the portal, so each function imports its source inside a
``try/except ImportError`` around the import only, and answers an empty list (or None) while the source is missing.
Each returns plain `PublicItem`s, so the portal's templates never depend on another app's model fields.
Only what the owning app has published is ever returned: these are public pages.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.areas.models import Area


@dataclass(frozen=True)
class PublicItem:
    title: str
    date: datetime.date | None = None
    summary: str = ""
    category: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class HandoffState:
    """What a handed-over matter or dispute shows its resident: status and the reply meant for them."""

    status_label: str
    closed: bool
    reply: str = ""
    due_date: datetime.date | None = None  # when an answer is due, from the case's deadline
    due_working: bool = True  # counted on working days (else natural days)


# --- 群众说事类别 (grid; issue 3) ---------------------------------------------------------------------------------


def matter_categories() -> list[tuple[str, str]]:
    """The active matter categories of the grid app's 数据字典, as (code, label)."""
    try:
        from fazhi.grid.choices import CATEGORY
    except ImportError:
        return []
    from fazhi.core.dictionaries import dictionary_choices

    return dictionary_choices(CATEGORY)


# --- 公开栏 (disclosure; issue 6) --------------------------------------------------------------------------------


def posting_boards() -> list[tuple[str, str]]:
    """The kinds of public board (党务、村务、财务、服务), as (code, label)."""
    try:
        from fazhi.disclosure.models import BoardCategory
    except ImportError:
        return []
    return list(BoardCategory.choices)


def published_postings(area: Area, *, q: str = "", board: str = "", limit: int | None = None) -> list[PublicItem]:
    """Postings of the area's 党务/村务/财务/服务 boards, newest first; `q` searches title and text, `board` picks
    one kind of board."""
    try:
        from fazhi.disclosure.selectors import published_posting_list
    except ImportError:
        return []
    postings = published_posting_list(area=area, q=q)
    if board:
        postings = postings.filter(board__category=board)
    return [
        PublicItem(
            title=p.title,
            date=p.published_on,
            summary=p.text,
            category=p.board_label,
            url=reverse("portal:posting", kwargs={"pk": p.pk}),
        )
        for p in postings[:limit]
    ]


@dataclass(frozen=True)
class PublicAttachment:
    name: str
    size: int
    url: str


@dataclass(frozen=True)
class PublicPosting:
    """A posting's public page: its text in paragraphs and tables, and its attachments. Nothing else of the record
    (who posted it, when it was taken down from the board, staff notes) leaves the platform."""

    pk: int
    title: str
    place: str
    category: str
    published_on: datetime.date
    period_end: datetime.date
    blocks: list
    attachments: list[PublicAttachment]
    file: object = None  # the attachment asked for, by `attachment`


def text_blocks(text: str) -> list[tuple[str, object]]:
    """Paragraphs, and tables written as lines of cells split by "|" (a 收支明细表 typed or pasted in): a run of such
    lines is one table, its first line the header."""
    blocks: list[tuple[str, object]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if "|" in line:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        else:
            blocks.append(("p", line))
    return blocks


def public_posting(pk: int, attachment: int | None = None) -> PublicPosting | None:
    """A published, not withdrawn, posting; with `attachment`, that one of its files in `file` (None if not its)."""
    try:
        from fazhi.disclosure.selectors import published_posting_get
    except ImportError:
        return None
    posting = published_posting_get(pk=pk)
    if posting is None:
        return None
    files = list(posting.attachments.all())
    return PublicPosting(
        pk=posting.pk,
        title=posting.title,
        place=posting.board.area.name,
        category=posting.board_label,
        published_on=posting.published_on,
        period_end=posting.period_end,
        blocks=text_blocks(posting.text),
        attachments=[
            PublicAttachment(
                name=f.name, size=f.size, url=reverse("portal:posting_attachment", kwargs={"pk": pk, "file": f.pk})
            )
            for f in files
        ],
        file=next((f.file for f in files if f.pk == attachment), None),
    )


# --- 重大行政决策目录 (decisions; issue 6) --------------------------------------------------------------------------


def decision_catalogue(area: Area, year: int | None = None) -> list[PublicItem]:
    """The published 年度重大行政决策事项目录, each linked to its public page (comment call, handling statement)."""
    try:
        from fazhi.decisions.selectors import published_catalogue
    except ImportError:
        return []
    return [
        PublicItem(
            title=d.title,
            date=d.published_on,
            summary=d.summary,
            category=_("%(year)s年度 · %(status)s") % {"year": d.year, "status": d.status_label},
            url=reverse("portal:decision", kwargs={"pk": d.pk}),
        )
        for d in published_catalogue(area=area, year=year)
    ]


# --- 行政规范性文件 (documents; issue 6) ---------------------------------------------------------------------------


def published_documents(area: Area) -> list[PublicItem]:
    """Normative documents in force, newest first (the owning app decides what is in force)."""
    try:
        from fazhi.documents.selectors import published_document_list
    except ImportError:
        return []
    return [
        PublicItem(title=d.title, date=d.issued_on, summary=d.body, category=d.registration_no)
        for d in published_document_list(area=area)
    ]


# --- 行政执法公示 (enforcement; issue 6) ---------------------------------------------------------------------------


def enforcement_publications(area: Area, *, limit: int | None = None) -> list[PublicItem]:
    """行政执法公示: published, not withdrawn enforcement decisions, newest first."""
    try:
        from fazhi.enforcement.selectors import publication_list
    except ImportError:
        return []
    return [
        PublicItem(title=p.title, date=p.published_on, summary=p.text, category=p.get_kind_display())
        for p in publication_list(area=area)[:limit]
    ]


# --- 法治政府建设年度报告 (reports; issue 7) -----------------------------------------------------------------------


def published_reports(area: Area) -> list[PublicItem]:
    """Published annual reports of the area (township) — 法治政府建设与责任落实督察工作规定 第二十四条."""
    try:
        from fazhi.reports.selectors import published_report_list
    except ImportError:
        return []
    return [
        PublicItem(title=r.title, date=r.published_on, extra={"pk": r.pk, "year": r.year, "area": r.area.name})
        for r in published_report_list(area=area)
    ]


@dataclass(frozen=True)
class ReportText:
    title: str
    area: str
    year: int
    published_on: datetime.date | None
    blocks: list[tuple[str, str]]  # (kind, text): kind is "heading1" | "heading2" | "para"


def published_report_text(pk: int) -> ReportText | None:
    """The text of one published report, blocks only (the staff page's evidence links are not for the public)."""
    try:
        from fazhi.reports.rendering import compose
        from fazhi.reports.selectors import published_report_list
    except ImportError:
        return None
    report = published_report_list().filter(pk=pk).first()
    if report is None:
        return None
    composed = compose(report)
    return ReportText(
        title=composed.title,
        area=report.area.name,
        year=report.year,
        published_on=report.published_on,
        blocks=[(b.kind, b.text) for b in composed.blocks],
    )


class PdfNotAvailable(Exception):
    pass


def published_report_pdf(pk: int) -> tuple[str, bytes] | None:
    """(filename, PDF bytes) of a published report; None when there is no such report. Raises PdfNotAvailable."""
    try:
        from fazhi.reports.exports import export
        from fazhi.reports.pdf import PdfUnavailable
        from fazhi.reports.selectors import published_report_list
    except ImportError:
        return None
    report = published_report_list().filter(pk=pk).first()
    if report is None:
        return None
    try:
        return f"{report.title}.pdf", export(report, fmt="pdf")
    except PdfUnavailable as exc:
        raise PdfNotAvailable(str(exc)) from exc


# --- status of a handed-over request ----------------------------------------------------------------------------


def _public_status(target: str, pk: int) -> dict | None:
    if target == "grid.matter":
        try:
            from fazhi.grid.selectors import matter_public_status
        except ImportError:
            return None
        return matter_public_status(pk=pk)
    if target == "mediation.dispute":
        try:
            from fazhi.mediation.selectors import dispute_public_status
        except ImportError:
            return None
        return dispute_public_status(pk=pk)
    return None


def handoff_state(target: str, pk: int | None) -> HandoffState | None:
    """The resident-facing status of the matter or dispute a request became, when its app offers one.

    A matter the grid handed on to mediation is followed to its dispute: the resident's case lives on there.
    """
    if pk is None:
        return None
    state = _public_status(target, pk)
    if state and state.get("transferred_to"):
        state = _public_status(*state["transferred_to"]) or state
    if not state:
        return None
    return HandoffState(
        status_label=str(state["status_label"]),
        closed=bool(state["closed"]),
        reply=state.get("reply", ""),
        due_date=state.get("due_date"),
        due_working=bool(state.get("due_working", True)),
    )


# --- 重大行政决策公开征求意见 (decisions; issue 6) --------------------------------------------------------------------


@dataclass(frozen=True)
class PublicComment:
    name: str
    submitted_at: datetime.datetime
    paragraph: int | None
    text: str
    adopted: bool | None
    reply: str


@dataclass(frozen=True)
class Consultation:
    """A catalogued decision as the public sees it: the draft by paragraph, the period, approved comments and,
    after the period, how the comments were handled (重大行政决策程序暂行条例 第十五、十八条)."""

    pk: int
    title: str
    summary: str
    paragraphs: list[str]
    started_on: datetime.date | None
    ends_on: datetime.date | None
    is_open: bool
    handling: str
    comments: list[PublicComment]


def open_consultations(area: Area) -> list[PublicItem]:
    """Decisions of the area now open for public comment, closing soonest first."""
    try:
        from fazhi.decisions.selectors import open_consultations as open_list
    except ImportError:
        return []
    return [
        PublicItem(
            title=d.title,
            summary=d.summary,
            category=_("意见截止：%(d)s") % {"d": d.comment_ends_on.isoformat()},
            url=reverse("portal:decision", kwargs={"pk": d.pk}),
        )
        for d in open_list(area=area)
    ]


def public_consultation(pk: int) -> Consultation | None:
    try:
        from fazhi.decisions.selectors import public_decision, published_comments
    except ImportError:
        return None
    d = public_decision(pk=pk)
    if d is None:
        return None
    today = timezone.localdate()
    return Consultation(
        pk=d.pk,
        title=d.title,
        summary=d.summary,
        paragraphs=d.paragraphs,
        started_on=d.comment_started_on,
        ends_on=d.comment_ends_on,
        is_open=bool(d.comment_started_on and d.comment_started_on <= today <= d.comment_ends_on),
        handling=d.comment_handling,
        comments=[
            PublicComment(c.name, c.submitted_at, c.paragraph, c.text, c.adopted, c.reply)
            for c in published_comments(decision=d)
        ],
    )

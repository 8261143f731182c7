"""Every read the public site makes of another app's data, in one place.

The apps behind these functions are being built alongside the portal, so each function imports its source inside a
``try/except ImportError`` around the import only, and answers an empty list (or None) while the source is missing.
Each returns plain `PublicItem`s, so the portal's templates never depend on another app's model fields.
Only what the owning app has published is ever returned: these are public pages.
"""

import datetime
from dataclasses import dataclass, field

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


def published_postings(area: Area, *, q: str = "") -> list[PublicItem]:
    """Postings of the area's 党务/村务/财务/服务 boards, newest first; `q` searches title and text."""
    try:
        from fazhi.disclosure.selectors import published_posting_list
    except ImportError:
        return []
    return [
        PublicItem(
            title=p.title,
            date=getattr(p, "published_on", None),
            summary=getattr(p, "text", "") or getattr(p, "body", ""),
            category=str(getattr(p, "board_label", "") or getattr(p, "board", "")),
        )
        for p in published_posting_list(area=area, q=q)
    ]


# --- 重大行政决策目录 (decisions; issue 6) --------------------------------------------------------------------------


def decision_catalogue(area: Area, year: int | None = None) -> list[PublicItem]:
    try:
        from fazhi.decisions.selectors import published_catalogue
    except ImportError:
        return []
    return [
        PublicItem(
            title=d.title,
            date=getattr(d, "published_on", None),
            summary=getattr(d, "summary", ""),
            category=str(getattr(d, "status_label", "")),
        )
        for d in published_catalogue(area=area, year=year)
    ]


# --- 行政规范性文件 (documents; issue 6) ---------------------------------------------------------------------------


def published_documents(area: Area) -> list[PublicItem]:
    try:
        from fazhi.documents.selectors import published_document_list
    except ImportError:
        return []
    return [
        PublicItem(
            title=d.title,
            date=getattr(d, "published_on", None),
            category=getattr(d, "doc_number", ""),
        )
        for d in published_document_list(area=area)
    ]


# --- 行政执法公示 (enforcement; issue 6) ---------------------------------------------------------------------------


def enforcement_publications(area: Area) -> list[PublicItem]:
    try:
        from fazhi.enforcement.selectors import publication_list
    except ImportError:
        return []
    return [
        PublicItem(
            title=p.title,
            date=getattr(p, "published_on", None),
            summary=getattr(p, "text", ""),
        )
        for p in publication_list(area=area)
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


def handoff_state(target: str, pk: int | None) -> HandoffState | None:
    """The resident-facing status of the matter or dispute a request became, when its app offers one."""
    if pk is None:
        return None
    if target == "grid.matter":
        try:
            from fazhi.grid.selectors import matter_public_status
        except ImportError:
            return None
        state = matter_public_status(pk=pk)
    elif target == "mediation.dispute":
        try:
            from fazhi.mediation.selectors import dispute_public_status
        except ImportError:
            return None
        state = dispute_public_status(pk=pk)
    else:
        return None
    if not state:
        return None
    return HandoffState(
        status_label=str(state["status_label"]), closed=bool(state["closed"]), reply=state.get("reply", "")
    )

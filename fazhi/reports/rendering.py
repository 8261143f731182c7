"""Compose a report into blocks (title, headings, paragraphs of segments) and render them as text or HTML.
The .docx writer (docx_export.py) consumes the same blocks, so every output says the same thing."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from fazhi.areas.models import Level
from fazhi.reports.choices import ContentKind, SectionLevel
from fazhi.reports.county_table import table_for, table_text
from fazhi.reports.figures import Figure, Segment, collect, heading_marker, segments


@dataclass
class Block:
    kind: str  # "heading1" | "heading2" | "para"
    segments: list[Segment]
    section_id: int | None = None
    lead: list[Segment] = field(default_factory=list)  # a run-in heading: "（二）加强能力培训，提升法治素质。"
    table: dict | None = None  # kind "table": a county's townships × figures (reports.county_table)

    @property
    def lead_text(self) -> str:
        return "".join(s.text for s in self.lead)

    @property
    def text(self) -> str:
        if self.table is not None:
            return table_text(self.table)
        return self.lead_text + "".join(s.text for s in self.segments)


@dataclass
class Composed:
    title: str
    blocks: list[Block]
    figures: dict[str, Figure]

    @property
    def text(self) -> str:
        return "\n".join([self.title, *(b.text for b in self.blocks)])

    @property
    def outline(self) -> list[str]:
        """The headings, run-in ones included (without their closing "。")."""
        return [
            b.text if b.kind != "para" else b.lead_text.rstrip("。") for b in self.blocks if b.kind != "para" or b.lead
        ]


def _split_lines(segs: list[Segment]) -> list[list[Segment]]:
    lines: list[list[Segment]] = [[]]
    for seg in segs:
        if seg.key is None and "\n" in seg.text:
            parts = seg.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part.strip():
                    lines[-1].append(Segment(part.strip() if i else part.rstrip()))
        else:
            lines[-1].append(seg)
    return [line for line in lines if line]


def compose(report, sections=None) -> Composed:
    sections = list(report.sections.all()) if sections is None else list(sections)
    figures = collect(report, sections)
    blocks: list[Block] = []
    table = None  # computed once, where the text asks for it
    n1 = n2 = 0
    for section in sections:
        if section.level == SectionLevel.HEADING1:
            n1, n2 = n1 + 1, 0
            marker = heading_marker(1, n1)
        elif section.level == SectionLevel.HEADING2:
            n2 += 1
            marker = heading_marker(2, n2)
        else:
            marker = ""
        sid = getattr(section, "pk", None)
        body_blocks = []
        for line in _split_lines(segments(section.body or "", figures=figures, report=report)):  # 一是 per section
            # Only a county has townships to table; elsewhere the word stays as typed, for the author to see.
            if not any(seg.table for seg in line) or report.area.level != Level.COUNTY:
                body_blocks.append(Block("para", line, sid))
                continue
            text = [seg for seg in line if not seg.table]
            if "".join(seg.text for seg in text).strip():
                body_blocks.append(Block("para", text, sid))
            table = table if table is not None else table_for(report)
            body_blocks.append(Block("table", [], sid, table=table))
        if marker:
            head = [Segment(marker), *segments(section.heading, figures=figures, report=report)]
            # A second-level heading ending in "。" runs into its paragraph, as in the seed (GB/T 9704 style).
            if section.level == SectionLevel.HEADING2 and section.heading.endswith("。") and body_blocks:
                body_blocks[0].lead = head
            else:
                kind = "heading1" if section.level == SectionLevel.HEADING1 else "heading2"
                blocks.append(Block(kind, head, sid))
        blocks.extend(body_blocks)
    return Composed(title=report.title, blocks=blocks, figures=figures)


def missing_contents(sections) -> list[str]:
    """The AR-05 contents (督察工作规定 第二十五条) no non-empty section is marked as covering."""
    covered = {s.content_kind for s in sections if s.content_kind and (s.body.strip() or s.heading.strip())}
    # A heading's content counts when any of its sub-sections has text.
    return [str(kind.label) for kind in ContentKind if kind not in covered]


def figure_url(report, key: str) -> str:
    if report.pk:
        return reverse("reports:report_figure", kwargs={"pk": report.pk, "key": key})
    return f"{reverse('reports:metric_evidence', kwargs={'key': key})}?area={report.area_id}&year={report.year}"


def segments_html(report, segs: list[Segment]):
    parts = []
    for seg in segs:
        if seg.missing:
            parts.append(
                format_html('<mark class="text-danger fw-bold" data-missing="{}">{}</mark>', seg.key, seg.text)
            )
        elif seg.key:
            parts.append(
                format_html(
                    '<a href="{}" class="figure" data-figure="{}">{}</a>',
                    figure_url(report, seg.key),
                    seg.key,
                    seg.text,
                )
            )
        else:
            parts.append(format_html("{}", seg.text))
    return mark_safe("".join(parts))


TAGS = {"heading1": "h2", "heading2": "h3", "para": "p"}


def table_html(table: dict):
    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in table["headers"]))
    rows = [
        format_html(
            '<tr><th scope="row">{}</th>{}</tr>', row[0], format_html_join("", "<td>{}</td>", ((c,) for c in row[1:]))
        )
        for row in [*table["rows"], table["totals"]]
    ]
    return format_html(
        '<div class="table-responsive report-table"><table class="table table-sm table-bordered text-center" '
        'data-testid="township-table"><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>',
        head,
        mark_safe("".join(str(r) for r in rows)),
    )


def _block_html(report, block: Block):
    body = segments_html(report, block.segments)
    if block.lead:
        return format_html('<span class="report-runin fw-bold">{}</span>{}', segments_html(report, block.lead), body)
    return body


def to_html(report, composed: Composed):
    return mark_safe(
        "\n".join(
            str(table_html(b.table))
            if b.table is not None
            else str(format_html('<{0} class="report-{1}">{2}</{0}>', TAGS[b.kind], b.kind, _block_html(report, b)))
            for b in composed.blocks
        )
    )


def standalone_html(report, composed: Composed) -> str:
    """A self-contained page (for report_export --format html): the same text, figures linked to evidence."""
    body = to_html(report, composed)
    return format_html(
        '<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>{}</title><style>body{{max-width:48rem;margin:auto;'
        'padding:1rem;font-family:"FangSong","仿宋_GB2312",serif;line-height:1.8}}h1{{text-align:center;'
        'font-family:"方正小标宋简体",serif}}p{{text-indent:2em}}mark{{color:#b00}}</style></head><body>'
        "<h1>{}</h1>{}</body></html>",
        composed.title,
        composed.title,
        body,
    )

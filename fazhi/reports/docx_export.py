"""The report as .docx in the official-document format of GB/T 9704-2012 党政机关公文格式:
A4, margins top 37 mm / bottom 35 mm / left 28 mm / right 26 mm; title 方正小标宋简体 二号 (22 pt) centred;
body 仿宋_GB2312 三号 (16 pt), fixed 28 pt line spacing, first line indented two characters; first-level headings
黑体, second-level 楷体_GB2312; page numbers "— 1 —" in 4号 宋体, odd pages right, even pages left.
Fonts are named exactly as Windows government PCs install them, set for East-Asian text (w:eastAsia).
After the body: 主送机关 above it (7.3.2), 发文机关署名 and 成文日期 below it with room for the seal (7.3.5.1).

The PDF is converted from a second .docx naming the closest open faces instead (OPEN_FACES; docs/reports.md):
LibreOffice on the server has none of the official faces and would otherwise substitute a sans-serif."""

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.core.docx import BODY_SIZE, OFFICIAL_FACES, OPEN_FACES, TITLE_SIZE, Faces, official_document
from fazhi.core.docx import set_font as _set_font
from fazhi.reports.docx_table import add_township_table

# The faces and the page set-up are core's, shared by every .docx (fazhi.core.docx); re-exported for the PDF.
__all__ = ["OFFICIAL_FACES", "OPEN_FACES", "build_docx"]

PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE_SPACING = Pt(28)


def _fixed_spacing(paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_SPACING
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_number(footer, align, font: str) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    # "单页码居右空一字，双页码居左空一字" (GB/T 9704-2012 7.5): one character of space on the outer side.
    paragraph.paragraph_format.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    paragraph.paragraph_format.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else None
    _set_font(paragraph.add_run("— "), font, PAGE_NUMBER_SIZE)
    run = paragraph.add_run()
    _set_font(run, font, PAGE_NUMBER_SIZE)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _set_font(paragraph.add_run(" —"), font, PAGE_NUMBER_SIZE)


def _width(text: str) -> float:
    """Width in characters of 三号: ASCII (the date's Arabic numerals) is half-width, everything else full."""
    return sum(0.5 if ord(ch) < 0x80 else 1 for ch in text)


def _closing(document, parts, faces: Faces) -> None:
    """发文机关署名 over 成文日期 (GB/T 9704-2012 7.3.5.1, a sealed document): the date "右空四字", the issuing organ
    centred on the date, two blank lines above them for the seal, whose top is "上距正文一行之内" and which
    "居中下压发文机关署名和成文日期". The last body lines keep with them, so the seal never stands on a page
    without body text (7.3.5)."""
    for _ in range(2):
        blank = document.add_paragraph()
        _fixed_spacing(blank)
        blank.paragraph_format.keep_with_next = True
    date_indent = 4.0
    sign_indent = max(0.0, date_indent + (_width(parts.dated) - _width(parts.issuer)) / 2)
    for text, indent, keep in ((parts.issuer, sign_indent, True), (parts.dated, date_indent, False)):
        paragraph = document.add_paragraph()
        _fixed_spacing(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(BODY_SIZE.pt * indent)
        paragraph.paragraph_format.keep_with_next = keep
        _set_font(paragraph.add_run(text), faces.body, BODY_SIZE)


def build_docx(composed, *, parts=None, faces: Faces = OFFICIAL_FACES) -> bytes:
    """`parts` (reports.document.Parts) adds 主送机关, 发文机关署名 and 成文日期; without it, title and body only."""
    document = official_document(faces=faces)
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, faces.page_number)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, faces.page_number)

    for line in composed.title.split("\n"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(35)
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run(line)
        _set_font(run, faces.title, TITLE_SIZE)
        run.bold = faces.title_bold or None
    spacer = document.add_paragraph()  # one blank line between title and body
    _fixed_spacing(spacer)

    if parts is not None and parts.addressee:
        # 主送机关: "标题下空一行位置，居左顶格，回行时仍顶格，最后一个机关名称后标全角冒号" (GB/T 9704-2012 7.3.2).
        paragraph = document.add_paragraph()
        _fixed_spacing(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _set_font(paragraph.add_run(f"{parts.addressee}："), faces.body, BODY_SIZE)

    fonts = {"heading1": faces.heading1, "heading2": faces.heading2, "para": faces.body}
    last = None
    for block in composed.blocks:
        if block.table is not None:
            add_township_table(document, block.table, faces=faces)
            continue
        paragraph = document.add_paragraph()
        _fixed_spacing(paragraph)
        paragraph.paragraph_format.first_line_indent = Pt(32)  # 首行缩进二字
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        # A heading keeps with its first line only: no "page break before" and no long keep chains, which would
        # leave half-empty pages before headings.
        paragraph.paragraph_format.keep_with_next = block.kind != "para"
        paragraph.paragraph_format.widow_control = True
        if block.lead:  # a run-in second-level heading keeps its own font
            _set_font(paragraph.add_run(block.lead_text), faces.heading2, BODY_SIZE)
        _set_font(paragraph.add_run(block.text[len(block.lead_text) :]), fonts[block.kind], BODY_SIZE)
        last = paragraph

    if parts is not None:
        if last is not None:
            last.paragraph_format.keep_with_next = True
        _closing(document, parts, faces)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The report as .docx in the official-document format of GB/T 9704-2012 党政机关公文格式:
A4, margins top 37 mm / bottom 35 mm / left 28 mm / right 26 mm; title 方正小标宋简体 二号 (22 pt) centred;
body 仿宋_GB2312 三号 (16 pt), fixed 28 pt line spacing, first line indented two characters; first-level headings
黑体, second-level 楷体_GB2312; page numbers "— 1 —" in 4号 宋体, odd pages right, even pages left.
Fonts are named exactly as Windows government PCs install them, set for East-Asian text (w:eastAsia)."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE_SPACING = Pt(28)


def _set_font(run_or_style, name: str, size) -> None:
    font = run_or_style.font
    font.name = name
    font.size = size
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _fixed_spacing(paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_SPACING
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_number(footer, align) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    # "单页码居右空一字，双页码居左空一字" (GB/T 9704-2012 7.5): one character of space on the outer side.
    paragraph.paragraph_format.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    paragraph.paragraph_format.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else None
    _set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    run = paragraph.add_run()
    _set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def build_docx(composed) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT, BODY_SIZE)

    for line in composed.title.split("\n"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(35)
        _set_font(paragraph.add_run(line), TITLE_FONT, TITLE_SIZE)
    spacer = document.add_paragraph()  # one blank line between title and body
    _fixed_spacing(spacer)

    fonts = {"heading1": HEADING1_FONT, "heading2": HEADING2_FONT, "para": BODY_FONT}
    for block in composed.blocks:
        paragraph = document.add_paragraph()
        _fixed_spacing(paragraph)
        paragraph.paragraph_format.first_line_indent = Pt(32)  # 首行缩进二字
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if block.lead:  # a run-in second-level heading keeps its own font
            _set_font(paragraph.add_run(block.lead_text), HEADING2_FONT, BODY_SIZE)
        _set_font(paragraph.add_run(block.text[len(block.lead_text) :]), fonts[block.kind], BODY_SIZE)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

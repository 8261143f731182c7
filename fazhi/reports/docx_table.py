"""A county report's table of townships as a real Word table: the header row repeats on every page (w:tblHeader),
no row breaks across a page, and the columns add up to the text width of the official page (GB/T 9704-2012 5.2.2:
A4 less 28 mm and 26 mm margins = 156 mm), so that nothing runs into the margin however many figures it has."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

TEXT_WIDTH = Mm(210 - 28 - 26)
NAME_COLUMN = Mm(26)  # a township's name, six characters of 五号 and the cell's padding
TWIP = Twips(1)
TABLE_SIZE = Pt(10.5)  # 五号: a table inside a 三号 text, as county reports print them


def _face(run, name: str) -> None:
    run.font.name = name
    run.font.size = TABLE_SIZE
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _flag(row, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def column_widths(columns: int) -> list[int]:
    """The name column, then the figures sharing the rest of the text width equally. In whole twips, rounded
    down: Word stores widths in twips, and a width rounded up would leave the table a hair past the margin."""
    total, name = TEXT_WIDTH // TWIP, NAME_COLUMN // TWIP
    rest = (total - name) // max(columns - 1, 1)
    return [Twips(name)] + [Twips(rest)] * (columns - 1)


def add_township_table(document, table: dict, *, faces) -> None:
    rows = [table["headers"], *table["rows"], table["totals"]]
    widths = column_widths(len(table["headers"]))
    word = document.add_table(rows=len(rows), cols=len(widths))
    word.style = "Table Grid"
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    word._tbl.tblPr.append(layout)
    for i, width in enumerate(widths):
        word.columns[i].width = width
    for r, (values, row) in enumerate(zip(rows, word.rows, strict=True)):
        _flag(row, "w:cantSplit")
        if r == 0:
            _flag(row, "w:tblHeader")  # repeated at the top of every page the table runs onto
        for c, (value, cell) in enumerate(zip(values, row.cells, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if c == 0 and r else WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
            heading = r == 0 or r == len(rows) - 1
            _face(paragraph.add_run(str(value)), faces.heading1 if heading else faces.body)

"""One page set-up and one set of faces for every .docx the platform writes, after GB/T 9704-2012 党政机关公文格式:
A4 (5.2.1), margins top 37 mm / bottom 35 mm / left 28 mm / right 26 mm (5.2.2); title 方正小标宋简体 二号,
body 仿宋_GB2312 三号 (7.1). Fonts are named exactly as Windows government PCs install them and set for East-Asian
text (w:eastAsia), else Word falls back to its Latin face for Chinese characters."""

from dataclasses import dataclass

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号


@dataclass(frozen=True)
class Faces:
    title: str
    body: str
    heading1: str
    heading2: str
    page_number: str
    title_bold: bool = False  # an open Song face needs its Bold weight to stand in for 小标宋


OFFICIAL_FACES = Faces(
    title="方正小标宋简体", body="仿宋_GB2312", heading1="黑体", heading2="楷体_GB2312", page_number="宋体"
)
# Debian has no Fangsong covering simplified Chinese (fonts-cwtex-fs has traditional characters only), so the body
# takes the Song face Noto Serif CJK SC — a serif like 仿宋, never a sans. 黑体 is a sans face, so Noto Sans CJK SC
# is right for first-level headings; AR PL UKai CN (fonts-arphic-ukai) is a Kai face with the mainland forms.
OPEN_FACES = Faces(
    title="Noto Serif CJK SC",
    body="Noto Serif CJK SC",
    heading1="Noto Sans CJK SC",
    heading2="AR PL UKai CN",
    page_number="Noto Serif CJK SC",
    title_bold=True,
)


def set_font(run_or_style, name: str, size=None) -> None:
    """Name the face for every script of a run or style, East-Asian included."""
    font = run_or_style.font
    font.name = name
    if size is not None:
        font.size = size
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def official_document(*, faces: Faces = OFFICIAL_FACES, body_size=BODY_SIZE):
    """A new Document on A4 with the official margins, its Normal and heading styles in the official faces."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = A4
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    set_font(document.styles["Normal"], faces.body, body_size)
    for name, face in (("Title", faces.title), ("Heading 1", faces.heading1), ("Heading 2", faces.heading2)):
        set_font(document.styles[name], face)
    return document


def keep_row_together(row, *, keep_with_next: bool = False) -> None:
    """A table row that never breaks across pages (w:cantSplit); with keep_with_next its paragraphs stay on the
    page of the row after it, so a signature block is not left with its last line alone."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    tr_pr.append(cant_split)
    if keep_with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True

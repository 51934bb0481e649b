"""A brief as a Word document (python-docx).

The same layout as the PDF: title, headline callout, sections with the
charts as pictures, caveats shaded, and a footer with the provenance and
"Page N of M" (PAGE and NUMPAGES fields, which Word fills in). The same
brief gives the same bytes: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from schemas.brief import Brief
from schemas.findings import FindingsDocument

from engine.render.blocks import (
    ACCENT,
    BAD,
    CALLOUT,
    CAVEAT_FILL,
    CAVEAT_LINE,
    DECISION_FILL,
    INK,
    LINE,
    MUTED,
    OK,
    Layout,
    created_utc,
    layout,
    picture_size,
)

# In every copy of Word and LibreOffice (as the metric-compatible Liberation Sans).
FONT = "Arial"

# Zip timestamps cannot go before 1980 (the DOS epoch).
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def _rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _shade(paragraph, fill: str, *, left: str | None = None, box: str | None = None) -> None:
    """Background shading and a coloured left bar (or box) on one paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    sides = ("left",) if left else ("top", "left", "bottom", "right") if box else ()
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "24" if left else "6")
        el.set(qn("w:space"), "8" if left else "4")
        el.set(qn("w:color"), (left or box).lstrip("#").upper())
        borders.append(el)
    if sides:
        ppr.append(borders)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    ppr.append(shd)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) showing `shown` until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(el):
        run = paragraph.add_run()
        run._r.append(el)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _small(paragraph, text: str, *, size: float = 7.5, bold: bool = False, colour: str = MUTED):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour)
    return run


def _page_furniture(document, lay: Layout) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    footer = section.footer
    first = footer.paragraphs[0]
    _small(first, lay.footer[0])
    for line in lay.footer[1:]:
        _small(footer.add_paragraph(), line)
    pages = footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for p in footer.paragraphs:
        p.paragraph_format.space_after = Pt(0)
    pages.add_run("Page ")
    _field(pages, "PAGE", "1")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES", "1")
    for run in pages.runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(8), True, _rgb(MUTED)
    header = section.header.paragraphs[0]
    _small(header, f"{lay.title} · {lay.kicker}")
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _body(document, lay: Layout) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    kicker = document.add_paragraph()
    _small(kicker, lay.kicker.upper(), size=8.5)
    kicker.paragraph_format.space_after = Pt(2)
    title = document.add_paragraph(style="Title")
    run = title.add_run(lay.title)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(22), True, _rgb(INK)
    headline = document.add_paragraph()
    run = headline.add_run(lay.headline)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(13), True, _rgb(INK)
    _shade(headline, CALLOUT, left=ACCENT)
    headline.paragraph_format.space_after = Pt(12)
    for block in lay.blocks:
        if block.kind == "heading":
            h = document.add_heading(block.texts[0], level=1)
            for r in h.runs:
                r.font.color.rgb = _rgb(ACCENT)
            h.paragraph_format.keep_with_next = True
        elif block.kind == "picture":
            pic = block.picture
            w, h = picture_size(block, Cm(17), Cm(15))
            document.add_picture(io.BytesIO(pic.png), width=int(w), height=int(h))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            cap = document.add_paragraph()
            run = cap.add_run(pic.caption)
            run.font.size, run.font.italic, run.font.color.rgb = Pt(8.5), True, _rgb(MUTED)
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "bullets":
            for text in block.texts:
                item = document.add_paragraph(text, style="List Bullet")
                if block.section == "caveats":
                    _shade(item, CAVEAT_FILL, box=CAVEAT_LINE)
        else:
            for text in block.texts:
                para = document.add_paragraph(text)
                if block.section == "decision":
                    _shade(para, DECISION_FILL, box=LINE)
    if lay.check:
        check = document.add_paragraph()
        _small(check, lay.check, size=8, colour=OK if lay.check_passed else BAD)


def _use_font(style, name: str) -> None:
    """Set a style's font, dropping the theme fonts that would otherwise win over it."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.rPr.rFonts
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every member dated `when`, so equal briefs give equal bytes."""
    stamp = max(when, _ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def render_docx(brief: Brief, doc: FindingsDocument | None = None) -> bytes:
    """The brief as .docx bytes; the same brief always gives the same bytes."""
    import docx
    from docx.shared import Mm, Pt

    lay = layout(brief, doc)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(22)
    for name in ("Normal", "Title", "Heading 1", "Header", "Footer", "List Bullet"):
        _use_font(document.styles[name], FONT)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = _rgb(INK)
    normal.paragraph_format.space_after = Pt(6)
    _page_furniture(document, lay)
    _body(document, lay)
    when = created_utc(brief.provenance.created_at) or _ZIP_EPOCH
    props = document.core_properties
    props.title = f"{lay.title}: {lay.kicker}"
    props.subject = lay.headline[:255]
    props.author = props.last_modified_by = "riskbrief"
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    # Core-property dates are naive UTC in python-docx.
    props.created = props.modified = props.last_printed = when.replace(tzinfo=None)
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip(buf.getvalue(), when)

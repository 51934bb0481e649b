"""A brief as a printable PDF (ReportLab platypus).

Title, a headline callout, sections with the risk matrix and trade-off
charts as pictures, caveats in a box, and on every page a footer with the
provenance and "Page N of M". The same brief gives the same bytes: ReportLab
runs in invariant mode and the document date is the brief's created_at.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

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
    Block,
    Layout,
    created_utc,
    layout,
    picture_size,
)
from engine.render.fonts import FALLBACK_FACE, font_runs, register_pdf_fonts

MARGIN = 56.7  # 20 mm, in points
PAD = 6  # platypus frame padding, in points


def _markup(text: str) -> str:
    # Paragraph parses an XML-like mini-language: findings text must never be read as tags or entities.
    # Letters DejaVu Sans lacks (Chinese, Japanese, Korean) are set in the fallback font when there is one.
    return "".join(f'<font face="{FALLBACK_FACE}">{escape(piece)}</font>' if alt else escape(piece)
                   for piece, alt in font_runs(text))


def pdf_date(created_at: str) -> str | None:
    """created_at (ISO 8601) as a PDF date string, or None when it cannot be read."""
    t = created_utc(created_at)
    return t.strftime("D:%Y%m%d%H%M%S+00'00'") if t else None


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of text set in font, with the letters it lacks in the fallback font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(piece, FALLBACK_FACE if alt else font, size) for piece, alt in font_runs(text))


def draw_text(canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """canvas.drawString, switching to the fallback font for the letters `font` lacks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for piece, alt in font_runs(text):
        face = FALLBACK_FACE if alt else font
        canvas.setFont(face, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, face, size)


def fit(text: str, font: str, size: float, width: float) -> str:
    """Text shortened in the middle (with an ellipsis) until it fits `width` points."""
    if text_width(text, font, size) <= width:
        return text
    keep = len(text)
    while keep > 2:
        keep -= max(1, keep // 20)
        short = text[: keep // 2] + "…" + text[len(text) - (keep - keep // 2):]
        if text_width(short, font, size) <= width:
            return short
    return "…"


def _styles(font: str) -> dict:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    ink, muted = HexColor(INK), HexColor(MUTED)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14.5, textColor=ink, spaceAfter=6)
    return {
        "kicker": ParagraphStyle("kicker", parent=body, fontSize=8.5, leading=11, textColor=muted, spaceAfter=3),
        "title": ParagraphStyle("title", parent=body, fontName=f"{font}-Bold", fontSize=20, leading=25, spaceAfter=10),
        "headline": ParagraphStyle("headline", parent=body, fontName=f"{font}-Bold", fontSize=12.5, leading=17,
                                   spaceAfter=0),
        "h2": ParagraphStyle("h2", parent=body, fontName=f"{font}-Bold", fontSize=12.5, leading=16,
                             textColor=HexColor(ACCENT), spaceBefore=12, spaceAfter=2, keepWithNext=1),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=4),
        "caption": ParagraphStyle("caption", parent=body, fontName=f"{font}-Oblique", fontSize=8, leading=10,
                                  textColor=muted, alignment=TA_CENTER, spaceAfter=8),
        "check": ParagraphStyle("check", parent=body, fontSize=8, leading=11, textColor=muted),
    }


def _picture(block: Block, width: float, st: dict) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph

    pic = block.picture
    w, h = picture_size(block, width, 150 * mm)
    img = Image(io.BytesIO(pic.png), width=w, height=h)
    img.hAlign = "CENTER"
    return [img, Paragraph(_markup(pic.caption), st["caption"])]


def _box(flowables: list, width: float, fill: str, *, line: str | None = None, bar: str | None = None):
    """Flowables on a shaded panel, boxed or with a bar on the left.

    One row per flowable, and rows may split, so a panel longer than a page
    (a hundred caveats, a very long headline) flows on instead of failing.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    table = Table([[f] for f in flowables], colWidths=[width], splitInRow=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(fill)),
        ("LEFTPADDING", (0, 0), (-1, -1), 12 if bar else 9), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 8 if bar else 4),
    ]
    if bar:
        style.append(("LINEBEFORE", (0, 0), (0, -1), 4, HexColor(bar)))
    if line:
        style.append(("BOX", (0, 0), (-1, -1), 0.8, HexColor(line)))
    table.setStyle(TableStyle(style))
    return table


def _story(lay: Layout, width: float, st: dict) -> list:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, Spacer

    story: list = [
        Paragraph(_markup(lay.kicker.upper()), st["kicker"]),
        Paragraph(_markup(lay.title), st["title"]),
    ]
    callout = _box([Paragraph(_markup(lay.headline), st["headline"])], width, CALLOUT, bar=ACCENT)
    story += [callout, Spacer(1, 8)]
    pending_heading: list = []
    for block in lay.blocks:
        if block.kind == "heading":
            pending_heading = [
                Paragraph(_markup(block.texts[0]), st["h2"]),
                HRFlowable(width="100%", thickness=0.6, color=HexColor(LINE), spaceBefore=1, spaceAfter=6),
            ]
            continue
        # Units: runs of flowables that stay on one page (a chart with its caption).
        if block.kind == "picture":
            units = [_picture(block, width, st)]
        elif block.kind == "bullets":
            items = [Paragraph(_markup(t), st["bullet"], bulletText="•") for t in block.texts]
            boxed = block.section == "caveats"
            units = [[_box(items, width, CAVEAT_FILL, line=CAVEAT_LINE)]] if boxed else [[i] for i in items]
        else:
            paras = [Paragraph(_markup(t), st["body"]) for t in block.texts]
            boxed = block.section == "decision"
            units = [[_box(paras, width, DECISION_FILL, line=LINE)]] if boxed else [[p] for p in paras]
        if pending_heading:
            # A heading never ends a page: it travels with the first thing under it.
            units[0] = pending_heading + units[0]
            pending_heading = []
        # KeepTogether must not nest (its wrap reports a huge height), so it wraps only flat runs.
        story += [KeepTogether(u) if len(u) > 1 else u[0] for u in units]
    story += pending_heading
    if lay.check:
        colour = OK if lay.check_passed else BAD
        story += [
            Spacer(1, 10),
            HRFlowable(width="100%", thickness=0.6, color=HexColor(LINE), spaceAfter=4),
            Paragraph(f'<font color="{colour}">{_markup(lay.check)}</font>', st["check"]),
        ]
    return story


def _page_canvas(lay: Layout, font: str, created: str | None):
    """A canvas class that holds pages back until the end, to print "Page N of M" and the footer on each."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    class PagedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []
            if created:
                self.setDateFormatter(lambda *_: created)

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            w, _ = self._pagesize
            left, right = MARGIN + PAD, w - MARGIN - PAD
            self.saveState()
            self.setStrokeColor(HexColor(LINE))
            self.setLineWidth(0.6)
            self.line(left, 17 * mm, right, 17 * mm)
            self.setFillColor(HexColor(MUTED))
            label = f"Page {number} of {total}"
            self.setFont(f"{font}-Bold", 8)
            self.drawRightString(right, 13 * mm, label)
            room = right - left - stringWidth(label, f"{font}-Bold", 8) - 12
            self.setFont(font, 7)
            for i, line in enumerate(lay.footer):
                draw_text(self, left, (13 - 3.4 * i) * mm, fit(line, font, 7, room), font, 7)
            if number > 1:
                top = self._pagesize[1] - 12 * mm
                kicker = text_width(lay.kicker, font, 7.5)
                draw_text(self, right - kicker, top, lay.kicker, font, 7.5)
                room = right - left - kicker - 12
                draw_text(self, left, top, fit(lay.title, font, 7.5, room), font, 7.5)
                self.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
            self.restoreState()

    return PagedCanvas


def render_pdf(brief: Brief, doc: FindingsDocument | None = None) -> bytes:
    """The brief as PDF bytes; the same brief always gives the same bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = register_pdf_fonts()
    lay = layout(brief, doc)
    buf = io.BytesIO()
    pdf = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm, bottomMargin=24 * mm,
        title=f"{lay.title}: {lay.kicker}", author="riskbrief", subject=lay.headline, creator="riskbrief",
        invariant=1, lang="en",
    )
    # platypus frames keep 6pt of padding on each side; boxes and rules span the text, not the margins.
    pdf.build(_story(lay, pdf.width - 2 * PAD, _styles(font)),
              canvasmaker=_page_canvas(lay, font, pdf_date(brief.provenance.created_at)))
    return buf.getvalue()

"""Product labels as a PDF: A4 sheets of common label sizes and thermal label rolls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from bazaar_pos.domain.barcodes import Symbology, symbology_for
from bazaar_pos.exports.pdf_text import safe_text
from bazaar_pos.files import atomic_path
from bazaar_pos.i18n import N_
from bazaar_pos.progress import Progress, quiet

if TYPE_CHECKING:  # drawing loads when labels are written, not at the app's start
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

NAME_FONT = "Helvetica"
PRICE_FONT = "Helvetica-Bold"
DIGITS_FONT = "Helvetica"
MIN_MODULE = 0.19 * mm
"""Bars thinner than this smudge on cheap printers; a longer code gets a smaller label text."""


@dataclass(frozen=True, slots=True)
class LabelTemplate:
    """A label size and how labels sit on a page (a sheet, or one label per page on a roll)."""

    name: str
    description: str
    """In English, marked for translation: show it with ``_()``."""
    label_width: float
    label_height: float
    columns: int = 1
    rows: int = 1
    page_size: tuple[float, float] | None = None
    """None for a roll: each page is one label."""
    left: float = 0.0
    top: float = 0.0
    column_pitch: float = 0.0
    row_pitch: float = 0.0

    @property
    def per_page(self) -> int:
        """How many labels fit on one page."""
        return self.columns * self.rows

    @property
    def is_roll(self) -> bool:
        """True for a thermal roll (one label per page)."""
        return self.page_size is None

    @property
    def page(self) -> tuple[float, float]:
        """The page size in points."""
        return self.page_size or (self.label_width, self.label_height)

    def position(self, slot: int) -> tuple[float, float]:
        """The lower-left corner of label ``slot`` (0 = top left) on its page."""
        column, row = slot % self.columns, slot // self.columns
        x = self.left + column * (self.column_pitch or self.label_width)
        y = self.page[1] - self.top - row * (self.row_pitch or self.label_height)
        return x, y - self.label_height


def _sheet(
    name: str, description: str, width: float, height: float, columns: int, rows: int
) -> LabelTemplate:
    """A4 sheet with labels centred on the page, touching or evenly spaced."""
    page_w, page_h = A4
    gap_x = 0.0 if columns == 1 else max(0.0, (page_w - columns * width - 9 * mm) / (columns - 1))
    gap_x = min(gap_x, 2.5 * mm)
    left = (page_w - columns * width - (columns - 1) * gap_x) / 2
    top = (page_h - rows * height) / 2
    return LabelTemplate(
        name, description, width, height, columns, rows, A4, left, top, width + gap_x, height
    )


def _roll(name: str, description: str, width: float, height: float) -> LabelTemplate:
    return LabelTemplate(name, description, width, height)


TEMPLATES: dict[str, LabelTemplate] = {
    t.name: t
    for t in (
        _sheet(
            "a4-65", N_("A4, 65 labels of 38.1 x 21.2 mm (5 x 13)"), 38.1 * mm, 21.2 * mm, 5, 13
        ),
        _sheet(
            "a4-40", N_("A4, 40 labels of 52.5 x 29.7 mm (4 x 10)"), 52.5 * mm, 29.7 * mm, 4, 10
        ),
        _sheet("a4-36", N_("A4, 36 labels of 50 x 30 mm (4 x 9)"), 50 * mm, 30 * mm, 4, 9),
        _sheet("a4-24", N_("A4, 24 labels of 70 x 37 mm (3 x 8)"), 70 * mm, 37 * mm, 3, 8),
        _roll("roll-50x30", N_("Thermal roll, 50 x 30 mm"), 50 * mm, 30 * mm),
        _roll("roll-40x30", N_("Thermal roll, 40 x 30 mm"), 40 * mm, 30 * mm),
        _roll("roll-58x40", N_("Thermal roll, 58 x 40 mm"), 58 * mm, 40 * mm),
    )
}
DEFAULT_TEMPLATE = "a4-65"


@dataclass(frozen=True, slots=True)
class Label:
    """What one label shows: the name, the price as text and the code under the bars."""

    name: str
    price: str
    code: str


def write_labels(
    path: str | object,
    labels: Sequence[Label],
    template: LabelTemplate,
    *,
    skip: int = 0,
    outline: bool = False,
    title: str = "Labels",
    progress: Progress | None = None,
) -> int:
    """Write ``labels`` to a PDF at ``path`` and return the number of pages.

    ``skip`` leaves that many labels blank at the start of the first sheet
    (to use up a half-used sheet); ``outline`` draws each label's edge, to
    check the alignment on plain paper. ``progress`` hears each label drawn; a
    cancel leaves no file.
    """
    from reportlab.pdfgen.canvas import Canvas

    pages = []
    progress = progress or quiet()
    progress.begin(title, len(labels))

    def render(target: str) -> None:
        canvas = Canvas(target, pagesize=template.page, pageCompression=1)
        canvas.setTitle(title)
        canvas.setCreator("Bazaar POS")
        slot = skip % template.per_page if not template.is_roll else 0
        for label in labels:
            if slot == template.per_page:
                canvas.showPage()
                slot = 0
            x, y = template.position(slot)
            if outline:
                canvas.setLineWidth(0.3)
                canvas.setStrokeGray(0.6)
                canvas.rect(x, y, template.label_width, template.label_height)
            _draw_label(canvas, label, x, y, template.label_width, template.label_height)
            slot += 1
            progress.advance()
        canvas.showPage()
        canvas.save()
        pages.append(canvas.getPageNumber() - 1)

    with atomic_path(path) as temporary:  # type: ignore[arg-type]
        render(str(temporary))
    return pages[0]


def _draw_label(canvas: Canvas, label: Label, x: float, y: float, w: float, h: float) -> None:
    from reportlab.graphics import renderPDF

    pad = 1.3 * mm
    small, large = h < 25 * mm, h >= 35 * mm
    name_size = 6.5 if small else 10.0 if large else 8.0
    price_size = 8.5 if small else 14.0 if large else 11.0
    inner_w = w - 2 * pad
    top = y + h - pad
    lines = _wrap(safe_text(label.name), NAME_FONT, name_size, inner_w, 1 if small else 2)
    canvas.setFillGray(0)
    canvas.setFont(NAME_FONT, name_size)
    for line in lines:
        top -= name_size * 1.05
        canvas.drawString(x + pad, top, line)
    top -= price_size * 1.1
    canvas.setFont(PRICE_FONT, price_size)
    canvas.drawString(x + pad, top, safe_text(label.price))
    bar_top = top - 0.8 * mm
    bar_height = bar_top - (y + pad * 0.6)
    drawing = barcode_drawing(label.code, inner_w, bar_height)
    renderPDF.draw(drawing, canvas, x + (w - drawing.width) / 2, y + pad * 0.6)


def barcode_drawing(code: str, width: float, height: float) -> Drawing:
    """Bars for ``code`` that fit in ``width`` x ``height`` points, digits underneath.

    EAN-13 and EAN-8 for valid codes of those kinds, Code 128 for anything else;
    the quiet zones either side are part of the width.
    """
    from reportlab.graphics.barcode import createBarcodeDrawing

    symbology = symbology_for(code)
    digits_size = max(5.0, min(8.0, height / 4.2))
    if symbology is Symbology.CODE128:
        # Measured with one-point bars and the ten-module quiet zones Code 128 asks for.
        trial = createBarcodeDrawing(
            "Code128", value=code, barWidth=1, barHeight=height, lquiet=10, rquiet=10
        )
        module = max(min(width / trial.width, 0.33 * mm), MIN_MODULE)
        return createBarcodeDrawing(
            "Code128",
            value=code,
            barWidth=module,
            barHeight=height - digits_size * 1.4,
            lquiet=10 * module,
            rquiet=10 * module,
            humanReadable=True,
            fontName=DIGITS_FONT,
            fontSize=digits_size,
        )
    modules = 113 if symbology is Symbology.EAN13 else 85
    module = min(width / modules, 0.33 * mm)
    return createBarcodeDrawing(
        symbology.value,
        value=code[:-1],
        barWidth=module,
        barHeight=height,
        humanReadable=True,
        fontName=DIGITS_FONT,
        fontSize=digits_size,
    )


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines, the last cut with an ellipsis."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    last = lines[-1] if lines else ""
    if lines and stringWidth(last, font, size) > width:
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines

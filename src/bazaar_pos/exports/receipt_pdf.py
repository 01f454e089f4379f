"""The receipt as a PDF as wide as a thermal roll (58 or 80 mm), to send to a customer.

The lines are laid out for as many characters as the receipt printer prints, so the PDF
matches the printed receipt.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from bazaar_pos.domain.receipt import Receipt
from bazaar_pos.domain.receipt_layout import (
    PAPER_COLUMNS,
    PAPER_PRINTABLE_MM,
    LaidLine,
    LineStyle,
    layout_receipt,
)
from bazaar_pos.errors import UserError
from bazaar_pos.files import atomic_path
from bazaar_pos.i18n import _

FONT, BOLD_FONT = "Courier", "Courier-Bold"
LEADING = 1.25
TALL = 1.8
"""The shop's name and the total are drawn taller, like the printer's double-height text."""

QR_SHARE = 0.5
LOGO_MAX_HEIGHT_SHARE = 0.5


class _Page:
    """Sizes shared by every line of one receipt page."""

    def __init__(self, paper_mm: int, columns: int) -> None:
        self.width = paper_mm * mm
        self.text_width = PAPER_PRINTABLE_MM[paper_mm] * mm
        self.margin = (self.width - self.text_width) / 2
        self.size = self.text_width / stringWidth("0" * columns, FONT, 1)
        self.leading = self.size * LEADING


def write_receipt_pdf(
    receipt: Receipt, path: Path, paper_mm: int = 80, columns: int | None = None
) -> Path:
    """Write ``receipt`` to ``path`` as a one-page PDF ``paper_mm`` wide; return the path.

    The lines hold ``columns`` characters (default: the usual for the paper).
    """
    columns = columns or PAPER_COLUMNS[paper_mm]
    title = _("Receipt {number}").format(number=receipt.number)
    lines = layout_receipt(receipt, columns)
    return write_lines_pdf(lines, path, paper_mm, columns, title=title, author=receipt.shop.name)


def write_lines_pdf(
    lines: tuple[LaidLine, ...],
    path: Path,
    paper_mm: int,
    columns: int,
    *,
    title: str,
    author: str,
) -> Path:
    """Write lines laid out for ``columns`` characters as a PDF ``paper_mm`` wide."""
    page = _Page(paper_mm, columns)
    logos = {line.text: _logo(line.text) for line in lines if line.style is LineStyle.LOGO}
    heights = [_height(line, page, logos) for line in lines]
    page_height = 2 * page.margin + sum(heights)
    with atomic_path(path) as temporary:
        canvas = Canvas(str(temporary), pagesize=(page.width, page_height))
        canvas.setTitle(title)
        canvas.setAuthor(author)
        y = page_height - page.margin
        for line, height in zip(lines, heights, strict=True):
            y -= height
            if line.style is LineStyle.LOGO:
                _draw_logo(canvas, logos[line.text], page, y, height)
            elif line.style is LineStyle.QR:
                _draw_qr(canvas, line.text, page.margin + (page.text_width - height) / 2, y, height)
            else:
                _draw_text(canvas, line, page, y + page.size * 0.3)
        canvas.showPage()
        canvas.save()
    return path


def _height(line: LaidLine, page: _Page, logos: dict[str, ImageReader]) -> float:
    match line.style:
        case LineStyle.LOGO:
            pixel_width, pixel_height = logos[line.text].getSize()
            natural = page.text_width * pixel_height / pixel_width
            return min(natural, page.text_width * LOGO_MAX_HEIGHT_SHARE) + page.leading
        case LineStyle.QR:
            return page.text_width * QR_SHARE
        case LineStyle.TITLE | LineStyle.STRONG:
            return page.leading * TALL
        case _:
            return page.leading


def _draw_text(canvas: Canvas, line: LaidLine, page: _Page, y: float) -> None:
    text = canvas.beginText(page.margin, y)
    if line.style is LineStyle.PLAIN:
        text.setFont(FONT, page.size)
        text.setHorizScale(100)
    else:
        text.setFont(BOLD_FONT, page.size * TALL)
        text.setHorizScale(100 / TALL)
    text.textOut(line.text)
    canvas.drawText(text)


def _draw_logo(canvas: Canvas, logo: ImageReader, page: _Page, y: float, height: float) -> None:
    canvas.drawImage(
        logo,
        page.margin,
        y + page.leading,
        width=page.text_width,
        height=height - page.leading,
        preserveAspectRatio=True,
        mask="auto",
    )


def _draw_qr(canvas: Canvas, data: str, x: float, y: float, side: float) -> None:
    widget = QrCodeWidget(data, barBorder=0, barLevel="M")  # as on the screen and the printer
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _logo(path: str) -> ImageReader:
    try:
        return ImageReader(path)
    except OSError as exc:
        raise UserError(
            _("The receipt logo {path} cannot be read ({reason}).").format(path=path, reason=exc)
        ) from exc

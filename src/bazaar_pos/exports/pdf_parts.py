"""Shared parts of the app's PDFs: page frame, styles, tables with totals, bar charts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from bazaar_pos import __version__
from bazaar_pos.files import atomic_path
from bazaar_pos.progress import Cancelled, Progress

PAGE = A4
MARGIN = 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN
ACCENT = colors.HexColor("#1c7c54")
ACCENT_LIGHT = colors.HexColor("#e6f2ec")
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
ZEBRA = colors.HexColor("#f5f7fa")
FONT, BOLD = "Helvetica", "Helvetica-Bold"

STYLES = {
    "shop": ParagraphStyle("shop", fontName=BOLD, fontSize=15, leading=19, textColor=INK),
    "address": ParagraphStyle("address", fontName=FONT, fontSize=9, leading=12, textColor=MUTED),
    "title": ParagraphStyle(
        "title", fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT, spaceBefore=8
    ),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=11, leading=15, textColor=INK),
    "h2": ParagraphStyle(
        "h2",
        fontName=BOLD,
        fontSize=12.5,
        leading=16,
        textColor=INK,
        spaceBefore=14,
        spaceAfter=6,
        keepWithNext=True,
    ),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=8, leading=10.5, textColor=MUTED),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5, textColor=INK),
    "figure_label": ParagraphStyle(
        "figure_label", fontName=FONT, fontSize=8, leading=10, textColor=MUTED
    ),
    "figure_value": ParagraphStyle(
        "figure_value", fontName=BOLD, fontSize=12.5, leading=16, textColor=INK
    ),
    "heading": ParagraphStyle(
        "heading", fontName=BOLD, fontSize=8, leading=9.5, textColor=colors.white
    ),
    "heading_right": ParagraphStyle(
        "heading_right",
        fontName=BOLD,
        fontSize=8,
        leading=9.5,
        textColor=colors.white,
        alignment=TA_RIGHT,
    ),
}


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(value: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped, so names with ``&`` or ``<`` print as they are)."""
    return Paragraph(_escape(value), STYLES[style])


def labelled(name: str, code: str) -> Paragraph:
    """A table cell with a name and, under it in small grey type, its code (a SKU)."""
    if not code:
        return text(name, "cell")
    return Paragraph(
        f'{_escape(name)}<br/><font size="6.5" color="#616e7c">{_escape(code)}</font>',
        STYLES["cell"],
    )


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What every page carries: the running header and the footer with page numbers."""

    header_left: str
    header_right: str
    footer_left: str
    page_of: Callable[[int, int], str]
    """Builds "Page 2 of 5" in the report's language."""


def numbered_canvas(frame: PageFrame) -> type[Canvas]:
    """A canvas class that draws the header and "page n of N" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's reset; not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_frame(total)
                super().showPage()
            super().save()

        def _draw_frame(self, total: int) -> None:
            width, height = PAGE
            self.saveState()
            if self.getPageNumber() > 1:
                self.setFont(BOLD, 8.5)
                self.setFillColor(INK)
                self.drawString(MARGIN, height - 12 * mm, frame.header_left)
                self.setFont(FONT, 8.5)
                self.setFillColor(MUTED)
                self.drawRightString(width - MARGIN, height - 12 * mm, frame.header_right)
                self.setStrokeColor(ACCENT)
                self.setLineWidth(0.8)
                self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 9 * mm, frame.footer_left)
            self.drawRightString(width - MARGIN, 9 * mm, frame.page_of(self.getPageNumber(), total))
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    path: Path,
    story: list[Flowable],
    frame: PageFrame,
    *,
    title: str,
    author: str,
    progress: Progress | None = None,
) -> int:
    """Lay ``story`` out on A4 pages and write it to ``path`` atomically; return the page count.

    ``progress`` hears each page as it is laid out (how many there will be is
    not known before); a cancel stops at the next page and leaves no file.
    """

    def page_done(_canvas: Canvas, _document: object) -> None:
        if progress is not None:
            try:
                progress.advance()
            except Cancelled:
                raise _Stopped() from None  # ReportLab rebuilds what it passes on with a message

    try:
        return _build(path, story, frame, title, author, page_done)
    except _Stopped:
        raise Cancelled() from None


class _Stopped(Exception):
    """A cancel on its way out through ReportLab, which re-raises errors with its own words."""


def _build(
    path: Path,
    story: list[Flowable],
    frame: PageFrame,
    title: str,
    author: str,
    page_done: Callable[[Canvas, object], None],
) -> int:
    """Lay ``story`` out into a temporary file that becomes ``path`` once whole."""
    with atomic_path(path) as temporary:
        document = SimpleDocTemplate(
            str(temporary),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 2 * mm,
            bottomMargin=MARGIN,
            title=title,
            author=author,
            subject=title,
            creator=f"Bazaar POS {__version__}",
        )
        document.build(
            story,
            onFirstPage=page_done,
            onLaterPages=page_done,
            canvasmaker=numbered_canvas(frame),
        )
        return int(document.page)


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading, its share of the width, and whether it holds numbers."""

    heading: str
    weight: float
    numeric: bool = True


PADDING = 5
CELL_SIZE = 8.5
SMALLEST_SIZE = 6.5
TEXT_SHARE = 0.28
"""A text column wants at most this share of a table's width; numbers shrink to leave it."""


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Flowable]],
    totals: Sequence[str | Flowable] | None = None,
    *,
    width: float = WIDTH,
    muted_rows: Sequence[int] = (),
) -> Table:
    """A table with a heading row, banded rows, right-aligned numbers and a totals row.

    Columns share the width by weight; a number column that needs more room for
    its widest value takes it from the text columns (in smaller type when the
    numbers are very long).
    """
    size = CELL_SIZE
    widths = _column_widths(columns, rows, totals, width, size)
    while widths is None:
        size -= 0.5
        widths = _column_widths(columns, rows, totals, width, size)
    body: list[list[Any]] = [
        [text(c.heading, "heading_right" if c.numeric else "heading") for c in columns]
    ]
    for row in rows:
        body.append(
            [
                text(cell, "cell") if isinstance(cell, str) and not column.numeric else cell
                for column, cell in zip(columns, row, strict=True)
            ]
        )
    if totals is not None:
        body.append(list(totals))
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("FONT", (0, 1), (-1, -1), FONT, size),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    for index, column in enumerate(columns):
        if column.numeric:
            style.append(("ALIGN", (index, 0), (index, -1), "RIGHT"))
    for number in range(1, len(rows) + 1):
        if number % 2 == 0:
            style.append(("BACKGROUND", (0, number), (-1, number), ZEBRA))
    for number in muted_rows:
        style.append(("TEXTCOLOR", (0, number + 1), (-1, number + 1), MUTED))
    if totals is not None:
        style += [
            ("FONT", (0, -1), (-1, -1), BOLD, size),
            ("BACKGROUND", (0, -1), (-1, -1), ACCENT_LIGHT),
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, ACCENT),
        ]
    table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _column_widths(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Flowable]],
    totals: Sequence[str | Flowable] | None,
    width: float,
    size: float,
) -> list[float] | None:
    """Widths by the columns' weights, widened for numbers that need more room at ``size``.

    Text columns give up the room; None when they would keep too little (and the
    type can still shrink).
    """
    needed: dict[int, float] = {}
    for index, column in enumerate(columns):
        if not column.numeric:
            continue
        cells = [row[index] for row in rows if isinstance(row[index], str)]
        widest = max((stringWidth(str(cell), FONT, size) for cell in cells), default=0)
        total = totals[index] if totals is not None else None
        if isinstance(total, str):
            widest = max(widest, stringWidth(total, BOLD, size))
        heading = max(stringWidth(word, BOLD, 8) for word in column.heading.split() or [""])
        needed[index] = max(widest, heading) + 2 * PADDING + 1
    total_weight = sum(c.weight for c in columns)
    base = [width * c.weight / total_weight for c in columns]
    widths = [max(base[i], needed[i]) if i in needed else base[i] for i in range(len(columns))]
    texts = [i for i in range(len(columns)) if i not in needed]
    text_base = sum(base[i] for i in texts)
    left = width - sum(widths[i] for i in needed)
    if left < sum(_text_need(rows, i, width) for i in texts) and size > SMALLEST_SIZE:
        return None
    for i in texts:
        widths[i] = max(left, 0) * base[i] / text_base
    return widths


def _text_need(rows: Sequence[Sequence[str | Flowable]], index: int, width: float) -> float:
    """Room a text column wants: its longest plain value, up to a share of the width."""
    cells = [row[index] for row in rows]
    if any(not isinstance(cell, str) for cell in cells):
        return width * TEXT_SHARE
    widest = max((stringWidth(str(cell), FONT, CELL_SIZE) for cell in cells), default=0)
    return min(widest + 2 * PADDING, width * TEXT_SHARE)


def figure_grid(figures: Sequence[tuple[str, str]], columns: int = 4) -> Table:
    """Key figures as a grid of labelled values, each value shrunk to fit on one line."""
    cell_width = WIDTH / columns - 24  # the cell less its paddings and the inner table's
    cells: list[list[Flowable | str]] = [
        [text(label, "figure_label"), _figure_value(value, cell_width)] for label, value in figures
    ]
    while len(cells) % columns:
        cells.append(["", ""])
    grid = [
        [Table([[c[0]], [c[1]]], style=[("LEFTPADDING", (0, 0), (-1, -1), 0)]) for c in row]
        for row in (cells[i : i + columns] for i in range(0, len(cells), columns))
    ]
    table = Table(grid, colWidths=[WIDTH / columns] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _figure_value(value: str, room: float) -> Paragraph:
    style = STYLES["figure_value"]
    size = style.fontSize
    while size > 8 and stringWidth(value, style.fontName, size) > room:
        size -= 0.5
    fitted = ParagraphStyle(f"figure_value_{size}", parent=style, fontSize=size)
    return Paragraph(_escape(value), fitted)


def _axis_label(format_value: Callable[[int], str]) -> Callable[[float], str]:
    def label(value: float) -> str:
        return format_value(int(value))

    return label


def _nice_step(largest: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` steps to ``largest``."""
    rough = max(1, -(-largest // ticks))
    power = 1
    while power * 10 <= rough:
        power *= 10
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power  # pragma: no cover - the loop always returns


def column_chart(
    labels: Sequence[str],
    values: Sequence[int],
    format_value: Callable[[int], str],
    *,
    height: float = 55 * mm,
    width: float = WIDTH,
    caption: str = "",
) -> Drawing:
    """Vertical bars, one per label, with a money axis written by ``format_value``."""
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 52, 28
    # ReportLab takes float sizes, though its stubs say int.
    chart.width = width - chart.x - 6  # type: ignore[assignment]
    chart.height = height - chart.y - (16 if caption else 8)  # type: ignore[assignment]
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5 if len(labels) > 16 else 7.5
    chart.categoryAxis.labels.fillColor = MUTED
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickDown = 0
    _value_axis(chart.valueAxis, values, format_value)
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 3 if len(labels) > 16 else 8
    drawing.add(chart)
    if caption:
        drawing.add(String(0, height - 9, caption, fontName=BOLD, fontSize=8.5, fillColor=INK))
    return drawing


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int],
    format_value: Callable[[int], str],
    *,
    width: float = WIDTH,
    caption: str = "",
) -> Drawing:
    """Horizontal bars, largest first as given, labelled on the left."""
    row = 15
    height = max(1, len(labels)) * row + 30 + (14 if caption else 0)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 20
    # ReportLab takes float sizes, though its stubs say int.
    chart.width = width - chart.x - 10  # type: ignore[assignment]
    chart.height = height - chart.y - (18 if caption else 6)
    chart.data = [list(reversed(values)) or [0]]
    chart.categoryAxis.categoryNames = [_clip(label, 34) for label in reversed(labels)] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    _value_axis(chart.valueAxis, values, format_value)
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barWidth = 9
    drawing.add(chart)
    if caption:
        drawing.add(String(0, height - 9, caption, fontName=BOLD, fontSize=8.5, fillColor=INK))
    return drawing


def _value_axis(axis: Any, values: Sequence[int], format_value: Callable[[int], str]) -> None:
    largest = max([*values, 0])
    step = _nice_step(largest) if largest > 0 else 1
    axis.valueMin = 0
    axis.valueMax = max(step, -(-largest // step) * step)
    axis.valueStep = step
    axis.labelTextFormat = _axis_label(format_value)
    axis.labels.fontName = FONT
    axis.labels.fontSize = 6.5
    axis.labels.fillColor = MUTED
    axis.strokeColor = RULE
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#e4e7eb")
    axis.gridStrokeWidth = 0.4


def _clip(value: str, length: int) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"

"""A one-table statement as a PDF (the consignment slip, "nota titip jual"), with ReportLab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, PropertySet, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bazaar_pos.exports.pdf_text import safe_text
from bazaar_pos.files import atomic_path


@dataclass(frozen=True, slots=True)
class Statement:
    """Everything a statement PDF shows, as text already formatted for the reader."""

    title: str
    subtitle: str
    shop_lines: Sequence[str]
    details: Sequence[tuple[str, str]]
    """Label and value pairs under the title (consignor, period, number)."""
    columns: Sequence[str]
    numeric_columns: frozenset[int]
    rows: Sequence[Sequence[str]]
    empty_text: str
    totals: Sequence[tuple[str, str]]
    signatures: Sequence[str]
    footer: str


def write_statement(path: Path, statement: Statement) -> Path:
    """Write ``statement`` to ``path`` as an A4 PDF (replacing it only once complete)."""
    with atomic_path(path) as temporary:
        _render(str(temporary), statement)
    return Path(path)


def _p(text: str, style: PropertySet) -> Paragraph:
    return Paragraph(escape(safe_text(text)), style)


def _render(target: str, statement: Statement) -> None:
    styles = getSampleStyleSheet()
    small = ParagraphStyle("small", parent=styles["Normal"], fontSize=8.5, leading=10.5)
    right = ParagraphStyle("right", parent=small, alignment=2)
    bold_right = ParagraphStyle("boldRight", parent=right, fontName="Helvetica-Bold")
    document = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=safe_text(statement.title),
        author=safe_text(statement.shop_lines[0] if statement.shop_lines else ""),
    )
    story: list[Flowable] = [_p(line, small) for line in statement.shop_lines]
    story += [
        Spacer(1, 4 * mm),
        _p(statement.title, styles["Title"]),
        _p(statement.subtitle, ParagraphStyle("sub", parent=small, alignment=1)),
        Spacer(1, 4 * mm),
    ]
    details = Table(
        [[_p(label, small), _p(value, small)] for label, value in statement.details],
        colWidths=[40 * mm, None],
        hAlign="LEFT",
    )
    details.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [details, Spacer(1, 5 * mm)]
    header = [
        _p(c, bold_right if i in statement.numeric_columns else small)
        for i, c in enumerate(statement.columns)
    ]
    body: list[list[Flowable | str]] = [
        [_p(cell, right if i in statement.numeric_columns else small) for i, cell in enumerate(r)]
        for r in statement.rows
    ]
    if not body:
        empty: list[Flowable | str] = [_p(statement.empty_text, small)]
        body = [empty + [""] * (len(statement.columns) - 1)]
    widths = _widths(len(statement.columns))
    table = Table([header, *body], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ]
        )
    )
    story += [table, Spacer(1, 4 * mm)]
    totals = Table(
        [[_p(label, right), _p(value, bold_right)] for label, value in statement.totals],
        colWidths=[None, 35 * mm],
    )
    totals.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]))
    story += [totals]
    if statement.signatures:
        # Each name under a line to sign on, with a gap between the lines.
        centred = ParagraphStyle("centred", parent=small, alignment=1)
        cells: list[Flowable | str] = []
        for i, text in enumerate(statement.signatures):
            cells += [_p(text, centred)] if i == 0 else ["", _p(text, centred)]
        count = len(statement.signatures)
        gap = 20 * mm
        width = (A4[0] - 32 * mm - gap * (count - 1)) / count
        signatures = Table(
            [cells], colWidths=[width if i % 2 == 0 else gap for i in range(len(cells))]
        )
        signatures.setStyle(
            TableStyle(
                [("LINEABOVE", (i, 0), (i, 0), 0.6, colors.black) for i in range(0, len(cells), 2)]
            )
        )
        story += [Spacer(1, 14 * mm), signatures]
    story += [Spacer(1, 8 * mm), _p(statement.footer, small)]
    document.build(story)


def _widths(count: int) -> list[float | None]:
    usable = A4[0] - 32 * mm
    if count == 7:  # date, sale, item, qty, amount, commission, owed
        fixed = [22 * mm, 22 * mm, None, 12 * mm, 26 * mm, 26 * mm, 26 * mm]
        rest = usable - sum(w for w in fixed if w)
        return [w if w else rest for w in fixed]
    return [usable / count] * count

"""A shift's Z report as an A4 PDF for the owner's records, drawn with ReportLab."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from unidecode import unidecode

from bazaar_pos.domain.shift_report import (
    ReportSection,
    ShiftReport,
    report_title,
    shift_report_sections,
)
from bazaar_pos.files import atomic_path

LABEL_WIDTH = 110 * mm
VALUE_WIDTH = 50 * mm
RULE = colors.HexColor("#c9c6bd")
FONT_SIZE = 10


def write_shift_report_pdf(report: ShiftReport, path: Path) -> Path:
    """Write ``report`` to ``path`` as an A4 PDF; return the path."""
    styles = getSampleStyleSheet()
    title = f"{report_title(report)} {report.number}"
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        title=latin(title),
        author=latin(report.shop_name),
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    story: list[Flowable] = [
        Paragraph(escape(latin(report.shop_name)), styles["Title"]),
        Paragraph(escape(latin(title)), styles["Heading2"]),
    ]
    for section in shift_report_sections(report):
        if section.rows:
            story.append(_section(section, styles))
    with atomic_path(path) as temporary:
        document.filename = str(temporary)
        document.build(story)
    return path


def _section(section: ReportSection, styles: StyleSheet1) -> KeepTogether:
    """A section's heading and its rows in a two-column table, kept on one page."""
    rows = [[latin(row.label), latin(row.value)] for row in section.rows]
    table = Table(rows, colWidths=[LABEL_WIDTH, VALUE_WIDTH], hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", FONT_SIZE),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, row in enumerate(section.rows):
        if row.strong:
            commands.append(("FONT", (0, index), (-1, index), "Helvetica-Bold", FONT_SIZE))
    table.setStyle(TableStyle(commands))
    parts: list[Flowable] = [Spacer(1, 2 * mm)]
    if section.title:
        parts.append(Paragraph(escape(latin(section.title)), styles["Heading4"]))
    parts.append(table)
    return KeepTogether(parts)


def latin(text: str) -> str:
    """``text`` with characters outside Latin-1 transliterated: the built-in fonts lack them."""
    return "".join(c if ord(c) < 256 else unidecode(c) for c in text)

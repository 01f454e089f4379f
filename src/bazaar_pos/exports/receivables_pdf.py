"""Receivables by age as PDF: a section for the sales summary, or a file of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from bazaar_pos import __version__
from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.receivables import BUCKET_LABELS, AgeBucket, balance_text
from bazaar_pos.domain.report import ShopHeader
from bazaar_pos.exports.pdf_parts import (
    Column,
    PageFrame,
    build_pdf,
    data_table,
    figure_grid,
    labelled,
    text,
)
from bazaar_pos.exports.pdf_text import safe_text
from bazaar_pos.i18n import _

ROOM_FOR_A_TABLE = 100 * mm
"""The key figures and a few rows: less room left than this starts the section on a new page."""


@dataclass(frozen=True, slots=True)
class ReceivableLine:
    """One customer's balance split by age; ``phone`` empty when it may not leave the app."""

    name: str
    phone: str
    owed: int
    buckets: dict[AgeBucket, int]
    overdue: int
    next_due: dt.date | None


@dataclass(frozen=True, slots=True)
class Receivables:
    """Every customer with a balance, on ``today``."""

    shop: ShopHeader
    today: dt.date
    lines: Sequence[ReceivableLine]
    generated_at: dt.datetime
    zone: str

    @property
    def total_owed(self) -> int:
        """What customers owe together (credits left out)."""
        return sum(line.owed for line in self.lines if line.owed > 0)

    @property
    def credits(self) -> int:
        """What the shop owes customers who are in credit."""
        return -sum(line.owed for line in self.lines if line.owed < 0)


def receivables_section(receivables: Receivables, fmt: Formats) -> list[Flowable]:
    """A heading, the total owed by age and one row per customer (nothing if none owes)."""
    if not receivables.lines:
        return []
    title = text(_("Receivables (kasbon) on {day}").format(day=fmt.date(receivables.today)), "h2")
    title.keepWithNext = False
    return [
        CondPageBreak(ROOM_FOR_A_TABLE),
        title,
        *_figures(receivables, fmt),
        Spacer(1, 3 * mm),
        _table(receivables, fmt),
    ]


def write_receivables_pdf(path: Path, receivables: Receivables, language: str) -> int:
    """Write the receivables to ``path`` as a PDF of their own; return the page count."""
    fmt = Formats(receivables.shop, language)
    day = fmt.date(receivables.today)
    frame = PageFrame(
        header_left=safe_text(receivables.shop.name),
        header_right=_("Receivables · {day}").format(day=day),
        footer_left=_("Generated {moment} ({zone}) by Bazaar POS {version}").format(
            moment=fmt.datetime(receivables.generated_at),
            zone=receivables.zone,
            version=__version__,
        ),
        page_of=lambda page, total: _("Page {page} of {total}").format(page=page, total=total),
    )
    story: list[Flowable] = [
        text(safe_text(receivables.shop.name), "shop"),
        text(_("Receivables (kasbon)"), "title"),
        text(_("What customers owe on {day}, by age").format(day=day), "subtitle"),
        Spacer(1, 5 * mm),
    ]
    if receivables.lines:
        story += _figures(receivables, fmt)
        story += [Spacer(1, 5 * mm), _table(receivables, fmt)]
    else:
        story.append(text(_("No customer owes anything."), "subtitle"))
    story += [Spacer(1, 4 * mm), text(_age_note(), "note")]
    title = _("Receivables {day}").format(day=day)
    return build_pdf(path, story, frame, title=title, author=safe_text(receivables.shop.name))


def _age_note() -> str:
    return _(
        "Age is counted from the day of each kasbon sale; money paid back settles the "
        "oldest kasbon first. A credit is what the shop owes a customer."
    )


def _bucket_totals(receivables: Receivables) -> dict[AgeBucket, int]:
    totals = dict.fromkeys(AgeBucket, 0)
    for line in receivables.lines:
        for bucket, amount in line.buckets.items():
            totals[bucket] += amount
    return totals


def _figures(receivables: Receivables, fmt: Formats) -> list[Flowable]:
    totals = _bucket_totals(receivables)
    figures = [(_("Total owed"), fmt.money(receivables.total_owed))]
    figures += [(_(BUCKET_LABELS[bucket]), fmt.money(totals[bucket])) for bucket in AgeBucket]
    overdue = sum(line.overdue for line in receivables.lines)
    figures.append((_("Overdue"), fmt.money(overdue)))
    if receivables.credits:
        figures.append((_("Credits owed by the shop"), fmt.money(receivables.credits)))
    return [figure_grid(figures, columns=3)]


def _table(receivables: Receivables, fmt: Formats) -> Flowable:
    columns = [Column(_("Customer"), 3.0, numeric=False), Column(_("Owed"), 1.6)]
    columns += [Column(_(BUCKET_LABELS[bucket]), 1.5) for bucket in AgeBucket]
    rows: list[list[str | Flowable]] = []
    for line in receivables.lines:
        row: list[str | Flowable] = [labelled(safe_text(line.name), _under_name(line, fmt))]
        row.append(balance_text(line.owed, fmt.money))
        row += [fmt.money(line.buckets.get(bucket, 0)) for bucket in AgeBucket]
        rows.append(row)
    totals_by_age = _bucket_totals(receivables)
    totals: list[str | Flowable] = [text(_("Total"), "cell"), fmt.money(receivables.total_owed)]
    totals += [fmt.money(totals_by_age[bucket]) for bucket in AgeBucket]
    return data_table(columns, rows, totals)


def _under_name(line: ReceivableLine, fmt: Formats) -> str:
    """The phone (when it may be shown) and the oldest due date still open, in small type."""
    parts = [line.phone] if line.phone else []
    if line.next_due is not None:
        day = format_date(line.next_due, "d MMM y", locale=fmt.date_locale)
        parts.append(_("due {day}").format(day=day))
    return " · ".join(parts)

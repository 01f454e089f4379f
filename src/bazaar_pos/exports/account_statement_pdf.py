"""A customer's kasbon statement as a PDF: opening balance, each entry, the balance now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from bazaar_pos import __version__
from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.receivables import EntryKind, balance_text, entry_label
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


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One entry of the ledger: ``amount`` signed (+ owes more), ``balance`` after it."""

    at: dt.datetime
    """Local time of the entry."""
    kind: EntryKind
    amount: int
    balance: int
    sale_number: str = ""
    due_on: dt.date | None = None
    detail: str = ""
    """How it was paid, or why (a write-off's reason), already in words."""


@dataclass(frozen=True, slots=True)
class AccountStatement:
    """Everything the statement shows, as plain data."""

    shop: ShopHeader
    customer: str
    phone: str
    """As people write it (``0812-3456-789``), or empty."""
    first: dt.date | None
    last: dt.date
    opening: int
    lines: Sequence[StatementLine]
    closing: int
    generated_at: dt.datetime
    zone: str


COLUMNS = [
    Column("date", 1.5, numeric=False),
    Column("entry", 3.6, numeric=False),
    Column("due", 1.5, numeric=False),
    Column("charge", 1.6),
    Column("less", 1.6),
    Column("balance", 1.7),
]


def write_account_statement(path: Path, statement: AccountStatement, language: str) -> int:
    """Write ``statement`` to ``path`` (atomically) in ``language``; return the page count."""
    fmt = Formats(statement.shop, language)
    customer = safe_text(statement.customer)
    frame = PageFrame(
        header_left=safe_text(statement.shop.name),
        header_right=_("Kasbon statement · {name}").format(name=customer),
        footer_left=_("Generated {moment} ({zone}) by Bazaar POS {version}").format(
            moment=fmt.datetime(statement.generated_at),
            zone=statement.zone,
            version=__version__,
        ),
        page_of=lambda page, total: _("Page {page} of {total}").format(page=page, total=total),
    )
    story = _heading(statement, fmt, customer)
    story += _figures(statement, fmt)
    story += [Spacer(1, 5 * mm), _table(statement, fmt)]
    story += [Spacer(1, 4 * mm), *_closing(statement, fmt, customer)]
    title = _("Kasbon statement {name}").format(name=customer)
    return build_pdf(path, story, frame, title=title, author=safe_text(statement.shop.name))


def _heading(statement: AccountStatement, fmt: Formats, customer: str) -> list[Flowable]:
    shop = statement.shop
    contact = " · ".join(part for part in (shop.address, shop.phone) if part)
    story: list[Flowable] = [text(safe_text(shop.name), "shop")]
    if contact:
        story.append(text(safe_text(contact), "address"))
    story.append(text(_("Kasbon statement"), "title"))
    who = f"{customer} · {statement.phone}" if statement.phone else customer
    story.append(text(who, "subtitle"))
    if statement.first is None:
        period = _("All entries up to {day}").format(day=fmt.date(statement.last))
    else:
        period = _("Period: {period}").format(
            period=fmt.period(Period(statement.first, statement.last))
        )
    story += [text(period, "subtitle"), Spacer(1, 5 * mm)]
    return story


def _figures(statement: AccountStatement, fmt: Formats) -> list[Flowable]:
    charged = sum(line.amount for line in statement.lines if line.amount > 0)
    less = -sum(line.amount for line in statement.lines if line.amount < 0)
    figures = [
        (_("Opening balance"), balance_text(statement.opening, fmt.money)),
        (_("Kasbon sales"), fmt.money(charged)),
        (_("Paid and returned"), fmt.money(less)),
        (_("Balance now"), balance_text(statement.closing, fmt.money)),
    ]
    return [figure_grid(figures)]


def _table(statement: AccountStatement, fmt: Formats) -> Flowable:
    headings = [
        _("Date"),
        _("Entry"),
        _("Due"),
        _("Kasbon"),
        _("Paid / returned"),
        _("Balance"),
    ]
    columns = [
        Column(heading, c.weight, c.numeric) for heading, c in zip(headings, COLUMNS, strict=True)
    ]
    rows: list[list[str | Flowable]] = [
        ["", _("Opening balance"), "", "", "", balance_text(statement.opening, fmt.money)]
    ]
    for line in statement.lines:
        label = entry_label(line.kind)
        if line.sale_number:
            label = _("{entry} {sale}").format(entry=label, sale=line.sale_number)
        rows.append(
            [
                _day(line.at.date(), fmt),
                labelled(label, safe_text(line.detail)),
                _day(line.due_on, fmt) if line.due_on else "",
                fmt.money(line.amount) if line.amount > 0 else "",
                fmt.money(-line.amount) if line.amount < 0 else "",
                balance_text(line.balance, fmt.money),
            ]
        )
    if not statement.lines:
        rows.append(["", _("No entries in this period."), "", "", "", ""])
    charged = sum(line.amount for line in statement.lines if line.amount > 0)
    less = -sum(line.amount for line in statement.lines if line.amount < 0)
    totals: list[str | Flowable] = [
        "",
        text(_("Balance now"), "cell"),
        "",
        fmt.money(charged),
        fmt.money(less),
        balance_text(statement.closing, fmt.money),
    ]
    return data_table(columns, rows, totals, muted_rows=[0])


def _day(day: dt.date, fmt: Formats) -> str:
    """``1 Sep 2026``: short enough for a column."""
    return format_date(day, "d MMM y", locale=fmt.date_locale)


def _closing(statement: AccountStatement, fmt: Formats, customer: str) -> list[Flowable]:
    if statement.closing > 0:
        sentence = _("{name} owes {amount}.").format(
            name=customer, amount=fmt.money(statement.closing)
        )
    elif statement.closing < 0:
        sentence = _("The shop owes {name} {amount} (a credit for the next purchase).").format(
            name=customer, amount=fmt.money(-statement.closing)
        )
    else:
        sentence = _("{name} owes nothing.").format(name=customer)
    return [
        text(sentence, "subtitle"),
        Spacer(1, 2 * mm),
        text(
            _("Money paid back settles the oldest kasbon first. Times are local ({zone}).").format(
                zone=statement.zone
            ),
            "note",
        ),
    ]

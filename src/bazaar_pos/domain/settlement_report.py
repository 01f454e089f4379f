"""A QRIS, e-wallet or bank report read through a column mapping into money that came in.

A mapping names, for each field, the header of the column that holds it
(``{"time": "Waktu Transaksi", "amount": "Nominal"}``). Headers are found by
name after trimming and case folding, never by position. Amounts are read per
column (``1.450.000``, ``Rp 9.999``, ``IDR 5.999``, ``15000.00``, ``15,000.00``);
times are the report's local time, or a spreadsheet date serial. A bank mutation
gives ``credit`` and ``debit`` columns instead of ``amount``: only money in counts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, tzinfo
from decimal import Decimal

from bazaar_pos.domain.marketplace import parse_rupiah, spreadsheet_time
from bazaar_pos.domain.settlement import ReportEntry
from bazaar_pos.domain.text import header_key
from bazaar_pos.i18n import N_, _

ColumnMap = dict[str, str]
"""Field -> the header of the column holding it, as the file spells it."""

FIELDS: dict[str, str] = {
    "time": N_("Date and time"),
    "amount": N_("Amount"),
    "credit": N_("Money in (credit)"),
    "debit": N_("Money out (debit)"),
    "reference": N_("Reference"),
    "status": N_("Status"),
}
"""The fields a mapping may name, with their names for people."""

PRESETS: dict[str, ColumnMap] = {
    "qris-dashboard": {
        "time": "Waktu Transaksi",
        "amount": "Nominal",
        "reference": "RRN",
        "status": "Status",
    },
    "bank-mutation": {
        "time": "Tanggal Transaksi",
        "debit": "Debit",
        "credit": "Kredit",
        "reference": "Keterangan",
    },
    "bank-mutation-en": {
        "time": "Transaction Date",
        "debit": "Debit",
        "credit": "Credit",
        "reference": "Description",
    },
    "ewallet-merchant": {
        "time": "Transaction Time",
        "amount": "Gross Amount",
        "reference": "Transaction ID",
        "status": "Transaction Status",
    },
}
"""Example shapes of typical reports, recognised by their headers; other files take a mapping."""

FAILED_STATUSES = ("gagal", "failed", "expired", "kedaluwarsa", "batal", "cancel", "refund", "void")
"""A row whose status starts with one of these is no money in."""

TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
)
"""How reports write their times (local time, no zone): ISO, day first; never month first."""

HEADER_SEARCH_ROWS = 15
"""How far down the header row is looked for (bank mutations start with the account's details)."""

_COMMA_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")
_SIDE = re.compile(r"\s*\b(cr|db|kr)\.?$", re.I)


def missing_fields(mapping: Mapping[str, str]) -> list[str]:
    """The fields a mapping lacks: a time, and an amount or a credit column."""
    missing = [] if mapping.get("time") else ["time"]
    if not mapping.get("amount") and not mapping.get("credit"):
        missing.append("amount")
    return missing


def parse_amount(text: str) -> int:
    """Rupiah as reports write them, per column: the marketplace rules, and ``15,000.00``.

    A trailing ``CR``/``DB`` side marker is dropped. Raises ValueError naming the text.
    """
    cleaned = _SIDE.sub("", text.strip())
    bare = re.sub(r"^(rp\.?|idr)\s*", "", cleaned, flags=re.I).replace(" ", "")
    if _COMMA_GROUPED.match(bare):
        amount = Decimal(bare.replace(",", ""))
        if amount == amount.to_integral_value():
            return int(amount)
    try:
        return parse_rupiah(cleaned)
    except ValueError:
        raise ValueError(_("{text!r} is not an amount in Rupiah").format(text=text)) from None


def parse_time(text: str) -> datetime:
    """A report's local time (naive) from its text or a spreadsheet date serial (``46361.6``)."""
    cleaned = " ".join(text.replace("\t", " ").split())
    for pattern in TIME_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    serial = spreadsheet_time(cleaned)
    if serial is not None and serial.time() != time(0):  # a serial with a time of day
        return serial
    raise ValueError(_("{text!r} is not a date with a time").format(text=text))


@dataclass
class ReportReading:
    """What a report gave through a mapping: money in, rows passed over, problems."""

    entries: list[ReportEntry] = field(default_factory=list)
    rows: int = 0
    """Data rows read (money in, money out and failed ones alike)."""
    skipped: int = 0
    """Rows that are no money in: money out, zero, or a failed payment."""
    problems: list[str] = field(default_factory=list)
    """Each with its line and the column as the file spells it."""


def find_header(rows: Sequence[tuple[int, list[str]]], mapping: Mapping[str, str]) -> int | None:
    """The index of the first row holding every header of ``mapping``, or None."""
    wanted = {header_key(h) for h in mapping.values() if h}
    for index, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if wanted <= {header_key(c) for c in cells}:
            return index
    return None


def likely_header(rows: Sequence[tuple[int, list[str]]]) -> list[str]:
    """The headers of a file no mapping fits yet: the fullest of its first rows (first wins)."""
    best: list[str] = []
    for _line, cells in rows[:HEADER_SEARCH_ROWS]:
        filled = [c.strip() for c in cells if c.strip()]
        if len(filled) > len(best):
            best = filled
    return best


def recognise(
    rows: Sequence[tuple[int, list[str]]], presets: Mapping[str, ColumnMap]
) -> str | None:
    """The name of the first preset whose headers the file has, or None."""
    for name, mapping in presets.items():
        if not missing_fields(mapping) and find_header(rows, mapping) is not None:
            return name
    return None


def read_report(
    rows: Sequence[tuple[int, list[str]]], mapping: Mapping[str, str], zone: tzinfo
) -> ReportReading:
    """Read ``rows`` (line number, cells) through ``mapping``; times are on ``zone``'s clock."""
    reading = ReportReading()
    lacking = missing_fields(mapping)
    if lacking:
        reading.problems.append(
            _("The column mapping names no column for: {fields}").format(
                fields=", ".join(_(FIELDS[name]) for name in lacking)
            )
        )
        return reading
    start = find_header(rows, mapping)
    if start is None:
        absent = sorted({h for h in mapping.values() if h})
        reading.problems.append(
            _("No row of the file has all the columns {names}.").format(names=", ".join(absent))
        )
        return reading
    keys = [header_key(c) for c in rows[start][1]]
    where = {name: keys.index(header_key(h)) for name, h in mapping.items() if h}
    for line, cells in rows[start + 1 :]:
        reading.rows += 1
        _read_row(reading, line, cells, where, mapping, zone)
    return reading


def _read_row(
    reading: ReportReading,
    line: int,
    cells: list[str],
    where: Mapping[str, int],
    mapping: Mapping[str, str],
    zone: tzinfo,
) -> None:
    def cell(name: str) -> str:
        index = where.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def problem(name: str, reason: str) -> None:
        reading.problems.append(
            _("Line {line}, column {column}: {problem}").format(
                line=line, column=mapping[name].strip(), problem=reason
            )
        )

    status = " ".join(cell("status").casefold().split())
    if status.startswith(FAILED_STATUSES):
        reading.skipped += 1
        return
    amount_field = "amount" if "amount" in where else "credit"
    amounts: dict[str, int] = {}
    for name in (amount_field, "debit"):
        text = cell(name)
        if name in where and text and text not in ("-", "0"):
            try:
                amounts[name] = parse_amount(text)
            except ValueError as refused:
                problem(name, str(refused))
                return
    amount = amounts.get(amount_field, 0)
    if amount <= 0:
        reading.skipped += 1  # money out, or nothing
        return
    if not cell("time"):
        problem("time", _("is empty"))
        return
    try:
        local = parse_time(cell("time"))
    except ValueError as refused:
        problem("time", str(refused))
        return
    reading.entries.append(
        ReportEntry(line, amount, local.replace(tzinfo=zone), cell("reference")[:100])
    )

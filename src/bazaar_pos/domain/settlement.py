"""Matching a QRIS settlement report against the QRIS payments taken at the till.

The merchant's QRIS, e-wallet or bank report lists the money that really arrived:
an amount and a time for each. A till payment matches an entry of the same amount
within a time window. A match is certain only when neither side has another
candidate; anything else is shown to a person to pick. Payments the till counted as
confirmed that the report does not contain are the ones to check: that is how a fake
payment screenshot shows up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

DEFAULT_WINDOW = timedelta(minutes=15)
"""How far apart the till's time and the report's time may be for one payment."""


@dataclass(frozen=True, slots=True)
class TillPayment:
    """A QRIS payment as the till recorded it."""

    ref: str
    amount: int
    at: datetime
    confirmed: bool
    """True when the cashier confirmed it at the till; False while it waits."""


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """Money in, as the settlement report lists it."""

    line: int
    amount: int
    at: datetime
    reference: str = ""


@dataclass
class Settlement:
    """What a report says of the till's payments."""

    matched: list[tuple[TillPayment, ReportEntry]] = field(default_factory=list)
    """Certain pairs: the payment is confirmed by the report."""
    ambiguous: list[tuple[ReportEntry, tuple[TillPayment, ...]]] = field(default_factory=list)
    """Entries with several possible payments (or payments with several entries): a person picks."""
    check: list[TillPayment] = field(default_factory=list)
    """Payments confirmed at the till that the report does not contain."""
    unknown: list[ReportEntry] = field(default_factory=list)
    """Money in the report that no payment at the till accounts for."""


def match_settlement(
    payments: Iterable[TillPayment],
    entries: Sequence[ReportEntry],
    *,
    window: timedelta = DEFAULT_WINDOW,
    period: tuple[datetime, datetime] | None = None,
) -> Settlement:
    """Pair ``payments`` with ``entries`` by amount and time.

    Only payments made in the report's ``period`` can be "not in the report";
    without one, the period runs from the first entry less the window to the
    last entry plus it.
    """
    result = Settlement()
    if not entries:
        return result
    first, last = period or (
        min(e.at for e in entries) - window,
        max(e.at for e in entries) + window,
    )
    in_span = [p for p in payments if first <= p.at <= last]
    candidates = {
        entry: [p for p in in_span if p.amount == entry.amount and abs(p.at - entry.at) <= window]
        for entry in entries
    }
    taken: set[str] = set()
    settled: set[ReportEntry] = set()
    changed = True
    while changed:  # a certain pair may leave another entry with a single candidate
        changed = False
        for entry, options in candidates.items():
            if entry in settled:
                continue
            free = [p for p in options if p.ref not in taken]
            rivals = [e for e, o in candidates.items() if e not in settled and e is not entry]
            if len(free) == 1 and not any(free[0] in candidates[e] for e in rivals):
                result.matched.append((free[0], entry))
                taken.add(free[0].ref)
                settled.add(entry)
                changed = True
    for entry in entries:
        if entry in settled:
            continue
        choices = tuple(p for p in candidates[entry] if p.ref not in taken)
        if choices:
            result.ambiguous.append((entry, choices))
        else:
            result.unknown.append(entry)
    offered = {p.ref for _entry, options in result.ambiguous for p in options}
    result.check = [
        p for p in in_span if p.confirmed and p.ref not in taken and p.ref not in offered
    ]
    result.matched.sort(key=lambda pair: pair[1].line)
    return result

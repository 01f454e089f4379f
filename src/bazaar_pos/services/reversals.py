"""Refunds and voids for reports: the one place they enter the figures.

The till records refunds and voids as new rows that reverse a sale. Until
those tables exist there is nothing to count, so both are zero. Wiring them in
means filling ``reversals_between``; every report (summary, Z report, UMKM
turnover, PDF) takes its refunds and voids from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bazaar_pos.domain.report import NO_REVERSALS, Reversals


@dataclass(frozen=True, slots=True)
class ReversalTotals:
    """Refunds and voided sales recorded in a stretch of time."""

    refunds: Reversals = NO_REVERSALS
    voids: Reversals = NO_REVERSALS


NONE_RECORDED = ReversalTotals()


def reversals_between(
    session: Session, start: datetime, end: datetime, *, till_id: str | None = None
) -> ReversalTotals:
    """Refunds and voids made from ``start`` (included) to ``end`` (excluded), UTC.

    ``till_id`` limits them to one till (the Z report). Sums are positive
    amounts given back; ``Reversals.cash`` is the part paid back in cash.
    """
    del session, start, end, till_id  # nothing records refunds or voids yet
    return NONE_RECORDED

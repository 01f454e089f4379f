"""The round amounts a customer paying cash is likely to hand over for a total."""

from __future__ import annotations

from bazaar_pos.domain.money import MinorUnits

NOTES: dict[str, tuple[MinorUnits, ...]] = {
    "IDR": (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000),
}
"""Bank notes people pay with, in minor units, smallest first, by currency."""
DEFAULT_NOTES: tuple[MinorUnits, ...] = (500, 1_000, 2_000, 5_000, 10_000)
"""Notes for a currency not listed in ``NOTES`` (in minor units: 5, 10, 20, 50, 100)."""

FINEST_STEP_SHARE = 10
"""A note counts as a step to round up to when it is at least a tenth of the amount due:
nobody hands over Rp851.000 for Rp850.000, but Rp4.000 for Rp3.500 is common."""
ROUND_MULTIPLES = (5, 10)
"""Beyond the largest note, amounts round to 5 and 10 times a power of ten of that note
(Rp500.000, Rp1.000.000, Rp5.000.000, …): a stack of notes counted to a round figure."""


def round_steps(due: MinorUnits, notes: tuple[MinorUnits, ...]) -> list[MinorUnits]:
    """The steps ``due`` may be rounded up to: the notes not too small for it, and beyond."""
    largest = notes[-1]
    steps = [note for note in notes if note * FINEST_STEP_SHARE >= due or note == largest]
    scale = largest
    while scale <= due:
        steps.extend(scale * multiple for multiple in ROUND_MULTIPLES)
        scale *= 10
    return steps


def suggested_tenders(due: MinorUnits, currency_code: str, *, at_most: int = 3) -> list[MinorUnits]:
    """Round amounts a customer is likely to hand over for ``due``, smallest first.

    ``due`` rounded up to each note that is not too small for it, and to round
    figures beyond the largest note, none more than the larger of the largest
    note and twice ``due``; each amount once, and never ``due`` itself (the
    till has its own "exact" button). For Rp37.500 that is Rp40.000, Rp50.000
    and Rp100.000; for Rp850.000, Rp900.000 and Rp1.000.000.
    """
    if due <= 0:
        return []
    notes = NOTES.get(currency_code, DEFAULT_NOTES)
    ceiling = max(notes[-1], 2 * due)
    amounts = {-(-due // step) * step for step in round_steps(due, notes)}
    return sorted(a for a in amounts if due < a <= ceiling)[:at_most]

"""Counting the cash drawer by note and coin: Rupiah denominations and the counted total."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from bazaar_pos.domain.money import MinorUnits


class Piece(enum.StrEnum):
    """Whether a denomination is a banknote or a coin (Rp1.000 exists as both)."""

    NOTE = "note"
    COIN = "coin"


@dataclass(frozen=True, slots=True)
class Denomination:
    """One kind of note or coin and its value in minor units."""

    value: MinorUnits
    piece: Piece

    @property
    def key(self) -> str:
        """A stable name for storing counts: ``note:100000``, ``coin:500``."""
        return f"{self.piece.value}:{self.value}"


RUPIAH: tuple[Denomination, ...] = (
    *(Denomination(v, Piece.NOTE) for v in (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)),
    *(Denomination(v, Piece.COIN) for v in (1_000, 500, 200, 100)),
)
"""The notes and coins in a Rupiah drawer, largest first."""


def denominations(currency_code: str) -> tuple[Denomination, ...]:
    """The notes and coins to count for ``currency_code``; none known means type the total."""
    return RUPIAH if currency_code == "IDR" else ()


@dataclass(frozen=True, slots=True)
class CashCount:
    """How many of each note and coin were counted, plus any amount counted as a lump."""

    pieces: tuple[tuple[Denomination, int], ...] = ()
    other: MinorUnits = 0

    def __post_init__(self) -> None:
        """Refuse negative counts."""
        if self.other < 0 or any(count < 0 for _d, count in self.pieces):
            raise ValueError("a cash count cannot be negative")

    @classmethod
    def of(cls, counts: Mapping[Denomination, int], other: MinorUnits = 0) -> CashCount:
        """A count from a mapping of denominations to how many, skipping zeros."""
        return cls(tuple((d, n) for d, n in counts.items() if n), other)

    @classmethod
    def total_only(cls, amount: MinorUnits) -> CashCount:
        """A count typed as one total (for currencies without a list of notes)."""
        return cls((), amount)

    @property
    def total(self) -> MinorUnits:
        """Everything counted."""
        return sum(d.value * n for d, n in self.pieces) + self.other

    def as_data(self) -> dict[str, int]:
        """The count as plain data to store: ``{"note:100000": 3, "other": 700}``."""
        data = {d.key: n for d, n in self.pieces}
        if self.other:
            data["other"] = self.other
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, int]) -> CashCount:
        """Read back a count stored with :meth:`as_data`, largest first, notes before coins."""
        pieces = []
        for key, count in data.items():
            if key == "other":
                continue
            piece, value = key.split(":")
            pieces.append((Denomination(int(value), Piece(piece)), int(count)))
        pieces.sort(key=lambda item: (-item[0].value, item[0].piece is Piece.COIN))
        return cls(tuple(pieces), int(data.get("other", 0)))

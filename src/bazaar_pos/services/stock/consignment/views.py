"""Consignment as screens and the slip see it: consignors, and what each is owed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.quantity import Unit, items_of
from bazaar_pos.services.views import commission_of
from bazaar_pos.store.models import Consignor

NO_COMMISSION = Commission.percent(0)


@dataclass(frozen=True, slots=True)
class ConsignorDraft:
    """What a person types about a consignor."""

    name: str
    phone: str = ""
    notes: str = ""
    commission: Commission = NO_COMMISSION
    """The usual commission, offered for each new product of this maker."""
    active: bool = True


@dataclass(frozen=True, slots=True)
class ConsignorView:
    """A consignor as screens see it."""

    id: int
    name: str
    phone: str
    notes: str
    commission: Commission
    active: bool

    @classmethod
    def of(cls, consignor: Consignor) -> ConsignorView:
        """Copy a stored consignor."""
        return cls(
            id=consignor.id,
            name=consignor.name,
            phone=consignor.phone,
            notes=consignor.notes,
            commission=commission_of(consignor.commission_kind, consignor.commission_value)
            or NO_COMMISSION,
            active=consignor.active,
        )


@dataclass(frozen=True, slots=True)
class SettlementLine:
    """One sale line of a consignor's product, and how its money is shared."""

    sale_line_id: int
    sold_at: datetime
    sale_number: str
    sku: str
    name: str
    quantity_milli: int
    amount: MinorUnits
    """What the customer paid for the line, after discounts."""
    commission: MinorUnits
    owed: MinorUnits
    """What the maker gets: the amount less the shop's commission."""
    unit: Unit = Unit.PCS

    @property
    def pieces(self) -> int:
        """How many items the line counts as: its pieces, or one for goods sold by measure."""
        return items_of(self.quantity_milli, self.unit)


@dataclass(frozen=True, slots=True)
class SettlementView:
    """What a consignor is owed for a period: a preview, or a settlement made."""

    consignor: ConsignorView
    period_start: datetime
    period_end: datetime
    lines: tuple[SettlementLine, ...]
    id: int | None = None
    number: str = ""
    created_at: datetime | None = None
    note: str = ""
    totals: tuple[int, MinorUnits, MinorUnits, MinorUnits] | None = field(default=None)
    """Stored totals (items, sales, commission, owed) of a settlement listed without lines."""

    @property
    def settled(self) -> bool:
        """True once it has been marked as settled (it has a number)."""
        return self.id is not None

    @property
    def items(self) -> int:
        """How many items sold."""
        return self.totals[0] if self.totals else sum(line.pieces for line in self.lines)

    @property
    def sales(self) -> MinorUnits:
        """What they sold for."""
        return self.totals[1] if self.totals else sum(line.amount for line in self.lines)

    @property
    def commission(self) -> MinorUnits:
        """The shop's commission."""
        return self.totals[2] if self.totals else sum(line.commission for line in self.lines)

    @property
    def owed(self) -> MinorUnits:
        """What the shop pays the maker."""
        return self.totals[3] if self.totals else sum(line.owed for line in self.lines)

"""The receipt as data: everything printed for one sale, before any layout or printer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bazaar_pos.domain.money import Currency, MinorUnits
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.quantity import Unit, line_amount


@dataclass(frozen=True, slots=True)
class ShopHeader:
    """Who sold: the shop's name and how to find or follow it."""

    name: str
    address: str = ""
    phone: str = ""
    social: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptItem:
    """One line sold: ``quantity_milli`` thousandths of ``unit`` at ``unit_price`` each."""

    name: str
    quantity_milli: int
    unit_price: MinorUnits
    unit: Unit = Unit.PCS
    priced: MinorUnits | None = None
    """What a label scale's barcode said the item costs, when it did."""

    @property
    def amount(self) -> MinorUnits:
        """Quantity times unit price (rounded once, half up), before discounts."""
        if self.priced is not None:
            return self.priced
        return line_amount(self.quantity_milli, self.unit_price)


@dataclass(frozen=True, slots=True)
class ReceiptPayment:
    """One payment: the method, what was handed over and, for cash, the change."""

    method: PaymentMethod
    tendered: MinorUnits
    change: MinorUnits = 0


@dataclass(frozen=True, slots=True)
class Receipt:
    """A sale's receipt; ``total`` is before cash rounding, ``rounding`` is added to it."""

    shop: ShopHeader
    number: str
    sold_at: datetime
    cashier: str
    currency: Currency
    items: tuple[ReceiptItem, ...]
    subtotal: MinorUnits
    discount: MinorUnits
    tax: MinorUnits
    tax_inclusive: bool
    total: MinorUnits
    rounding: MinorUnits
    payments: tuple[ReceiptPayment, ...]
    money_locale: str = "id_ID"
    footer: str = ""
    qr_data: str = ""
    logo_path: str = ""
    qr_caption: str = ""
    """Printed under the QR code instead of its data (e.g. what a QRIS code is for)."""
    customer: str = ""
    """The customer's name when the sale was for one (never their phone)."""
    member_group: str = ""
    """The customer group whose prices the sale was at."""
    member_saving: MinorUnits = 0
    """What the group's prices saved against the shop's."""
    kasbon_due: date | None = None
    """When the part put on the customer's account falls due."""

    @property
    def due(self) -> MinorUnits:
        """What the customer paid in the end: the total after cash rounding."""
        return self.total + self.rounding

    @property
    def change(self) -> MinorUnits:
        """The change handed back."""
        return sum(p.change for p in self.payments)

    @property
    def paid_in_cash(self) -> bool:
        """Whether any of it was paid in cash (the drawer opens for those)."""
        return any(p.method is PaymentMethod.CASH for p in self.payments)

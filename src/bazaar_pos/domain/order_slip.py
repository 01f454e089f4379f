"""A pre-order's slip as data and as lines for the paper: the order, its DP and the balance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bazaar_pos.domain.money import Currency, MinorUnits, format_money
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.quantity import PER_UNIT, Unit, quantity_times_price
from bazaar_pos.domain.receipt import ShopHeader
from bazaar_pos.domain.receipt_layout import (
    DATE_FORMAT,
    METHOD_LABELS,
    LaidLine,
    LineStyle,
    centred,
    heading,
    laid,
    pair,
    rule,
    to_ascii,
    wrap,
)
from bazaar_pos.i18n import _

DAY_FORMAT = "%d/%m/%Y"


@dataclass(frozen=True, slots=True)
class SlipLine:
    """An order line: ``quantity_milli`` of ``unit`` at ``unit_price``, ``amount`` in all."""

    name: str
    quantity_milli: int
    unit: Unit
    unit_price: MinorUnits
    amount: MinorUnits


@dataclass(frozen=True, slots=True)
class SlipPayment:
    """A down payment taken: when, how and how much."""

    paid_at: datetime
    method: str
    amount: MinorUnits


@dataclass(frozen=True, slots=True)
class OrderSlip:
    """Everything printed on an order slip (tanda terima DP), before any layout."""

    shop: ShopHeader
    number: str
    ordered_at: datetime
    customer: str
    phone: str
    pickup_on: date | None
    lines: tuple[SlipLine, ...]
    total: MinorUnits
    deposits: tuple[SlipPayment, ...]
    currency: Currency
    money_locale: str
    note: str = ""
    status: str = ""
    """Said on the slip when the order is no longer waiting (picked up, cancelled)."""
    logo_path: str = ""

    @property
    def deposit(self) -> MinorUnits:
        """The down payments taken."""
        return sum(p.amount for p in self.deposits)

    @property
    def balance(self) -> MinorUnits:
        """What is left to pay at pickup."""
        return max(self.total - self.deposit, 0)


def layout_order_slip(slip: OrderSlip, columns: int) -> tuple[LaidLine, ...]:
    """The slip as lines for a paper ``columns`` characters wide, its number as a QR code."""

    def money(minor: MinorUnits) -> str:
        return format_money(minor, slip.currency, slip.money_locale)

    out = heading(slip.shop, columns, slip.logo_path)
    out += laid(centred(_("ORDER SLIP"), columns), LineStyle.STRONG)
    out += laid(pair(_("Order no."), slip.number, columns))
    out += laid(pair(_("Date"), slip.ordered_at.strftime(DATE_FORMAT), columns))
    out += laid(pair(_("Customer"), slip.customer, columns))
    if slip.phone:
        out += laid(pair(_("Phone"), slip.phone, columns))
    pickup = slip.pickup_on.strftime(DAY_FORMAT) if slip.pickup_on else _("to be agreed")
    out += laid(pair(_("Pickup"), pickup, columns))
    out.append(rule(columns))
    for line in slip.lines:
        out += laid(_line(line, money, slip.money_locale, columns))
    out.append(rule(columns))
    out += laid(pair(_("TOTAL"), money(slip.total), columns), LineStyle.STRONG)
    for payment in slip.deposits:
        label = _("DP {day} {method}").format(
            day=payment.paid_at.strftime("%d/%m"), method=_method(payment.method)
        )
        out += laid(pair(label, money(payment.amount), columns))
    if len(slip.deposits) > 1:
        out += laid(pair(_("Down payment paid"), money(slip.deposit), columns))
    out += laid(pair(_("BALANCE TO PAY"), money(slip.balance), columns), LineStyle.STRONG)
    if slip.note.strip():
        out.append(LaidLine(""))
        out += laid(wrap(_("Note: {note}").format(note=slip.note.strip()), columns))
    if slip.status:
        out.append(LaidLine(""))
        out += laid(centred(slip.status.upper(), columns), LineStyle.STRONG)
    out.append(LaidLine(""))
    out += laid(centred(_("Bring this slip when you pick up your order."), columns))
    out += [LaidLine(""), LaidLine(slip.number, LineStyle.QR)]
    out += laid(centred(slip.number, columns))
    return tuple(out)


def _line(
    line: SlipLine, money: Callable[[MinorUnits], str], locale: str, columns: int
) -> list[str]:
    """A line's name and amount, with ``qty x price`` beneath unless it is one piece."""
    amount = money(line.amount)
    if line.unit.counted and line.quantity_milli == PER_UNIT:
        return pair(line.name, amount, columns)
    price = money(line.unit_price)
    each = "  " + quantity_times_price(line.quantity_milli, line.unit, price, locale)
    if len(to_ascii(each)) + 1 + len(to_ascii(amount)) <= columns:
        return [*wrap(line.name, columns), *pair(each, amount, columns)]
    return [*wrap(line.name, columns), *wrap(each, columns), to_ascii(amount).rjust(columns)]


def _method(method: str) -> str:
    try:
        return _(METHOD_LABELS[PaymentMethod(method)])
    except ValueError:
        return method

"""SQL every report shares: a period's sales, line sums, payments by method, tills, the header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.report import Amounts, PaymentRow, ShopHeader
from bazaar_pos.i18n import N_, _
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.store.models import Payment, Sale, SaleLine, Till
from bazaar_pos.store.quantities import items_sold, times_price

CHANNEL_LABELS = {
    "pos": N_("Till"),
    "import": N_("Imported"),
    "shopee": N_("Shopee"),
    "tiktok": N_("TikTok Shop"),
    "tokopedia": N_("Tokopedia"),
    "lazada": N_("Lazada"),
}


def channel_label(channel: str) -> str:
    """A sales channel as people read it."""
    return _(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel


def line_sums() -> list[ColumnElement[Any]]:
    """Aggregates over sale lines, in the order of Amounts' fields after ``sales``.

    The cost of a consigned line is what its maker is owed (its total less
    the shop's commission), so the profit on it is the commission.
    """
    owed = SaleLine.line_total_minor - SaleLine.commission_minor
    consigned = SaleLine.consignor_id.is_not(None)
    return [
        func.coalesce(func.sum(items_sold(SaleLine.quantity_milli, SaleLine.unit)), 0),
        func.coalesce(func.sum(SaleLine.line_total_minor + SaleLine.discount_minor), 0),
        func.coalesce(func.sum(SaleLine.discount_minor), 0),
        func.coalesce(func.sum(SaleLine.line_total_minor), 0),
        func.coalesce(func.sum(SaleLine.tax_minor), 0),
        func.coalesce(
            func.sum(case((Sale.tax_inclusive, SaleLine.tax_minor), else_=0)),
            0,
        ),
        func.coalesce(
            func.sum(
                case(
                    (consigned, owed),
                    else_=times_price(SaleLine.quantity_milli, SaleLine.unit_cost_minor),
                )
            ),
            0,
        ),
        literal(0),
        func.coalesce(func.sum(case((consigned, owed), else_=0)), 0),
        func.coalesce(func.sum(SaleLine.quantity_milli), 0),
    ]


def amounts_of(sales: int, sums: Sequence[Any]) -> Amounts:
    """Amounts from a sales count and the values of :func:`line_sums`."""
    return Amounts(int(sales), *(int(value) for value in sums))


_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


def within(stmt: _Query, start: datetime, end: datetime) -> _Query:
    """Limit a query over sales to those made from ``start`` to ``end`` (UTC)."""
    return stmt.where(Sale.created_at >= start, Sale.created_at < end)


def payment_rows(
    session: Session, start: datetime, end: datetime, *where: ColumnElement[bool]
) -> tuple[PaymentRow, ...]:
    """What each payment method brought in from ``start`` to ``end``, the most first.

    ``where`` narrows the sales further (one till's, for a Z report).
    """
    query = within(
        select(
            Payment.method,
            func.count(func.distinct(Payment.sale_id)),
            func.sum(Payment.amount_minor),
            func.sum(Payment.tendered_minor),
            func.sum(Payment.change_minor),
        )
        .select_from(Sale)
        .join(Payment, Payment.sale_id == Sale.id),
        start,
        end,
    )
    if where:
        query = query.where(*where)
    rows = [
        PaymentRow(method, method_label(method), int(sales), int(amount), int(given), int(back))
        for method, sales, amount, given, back in session.execute(query.group_by(Payment.method))
    ]
    return tuple(sorted(rows, key=lambda r: (-r.amount, r.method)))


@dataclass(frozen=True, slots=True)
class TillName:
    """How a till is named: its code (made unique), its shop, and whether it is this one."""

    code: str
    shop_name: str
    this_till: bool

    @property
    def label(self) -> str:
        """``A (this till)`` or ``B · Toko Kriya``."""
        if self.this_till:
            return _("{code} (this till)").format(code=self.code)
        return f"{self.code} · {self.shop_name}" if self.shop_name else self.code


def till_names(session: Session, settings: ShopSettings) -> dict[str, TillName]:
    """Every known till by id; tills sharing a code get a short id after it (``A#9f3c``)."""
    names = {
        till_id: TillName(code, shop_name, False)
        for till_id, code, shop_name in session.execute(
            select(Till.till_id, Till.code, Till.shop_name)
        )
    }
    names[settings.till_id] = TillName(settings.till_code, settings.shop_name, True)
    codes = [name.code for name in names.values()]
    return {
        till_id: (
            replace(name, code=f"{name.code}#{till_id[:4]}")
            if codes.count(name.code) > 1 and not name.this_till
            else name
        )
        for till_id, name in names.items()
    }


def shop_header(settings: ShopSettings) -> ShopHeader:
    """The header every report carries."""
    return ShopHeader(
        name=settings.shop_name,
        address=settings.address,
        phone=settings.phone,
        currency_code=settings.currency_code,
        money_locale=settings.money_locale,
    )

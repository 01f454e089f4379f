"""The shop's tables as typed SQLAlchemy models.

The annotations are evaluated as the classes are made (no ``from __future__
import annotations``): SQLAlchemy then reads ``Mapped[int]`` as it is instead
of evaluating each annotation's text, which makes loading the models a tenth
quicker. Only a relationship to a class made later is written as text.
"""

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)
from sqlalchemy import event as sa_event
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from bazaar_pos.domain.text import search_key
from bazaar_pos.store.types import UUID_TEXT, UTCDateTime, new_uuid, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base; constraints are named so migrations can alter them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    @classmethod
    def core_table(cls) -> Table:
        """The mapped table as the Core ``Table`` it is, for the statements built by hand."""
        return cast(Table, cls.__table__)


class Setting(Base):
    """One shop setting, stored as JSON text under a dotted key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Product(Base):
    """Something the shop sells; ``stock_milli`` caches the sum of its stock movements.

    ``search_key`` holds name, SKU, barcode and category folded for searching
    (lower case, no accents); it is kept up to date whenever a product is written.
    """

    __tablename__ = "products"
    __table_args__ = (
        # Covers the filter: matching, counting and ordering by name read this
        # index, a fraction of the table's size; only the rows shown are read.
        Index("ix_products_search_key", "search_key", "active", "name"),
        # Most products are neither variants nor consigned: index only those that are.
        # The partial indexes name only SQLite's condition: naming another dialect's
        # here would load that dialect at every start. The migrations that make them
        # (0004, 0009) give PostgreSQL's too.
        Index(
            "ix_products_parent_id",
            "parent_id",
            sqlite_where=text("parent_id IS NOT NULL"),
        ),
        Index(
            "ix_products_consignor_id",
            "consignor_id",
            sqlite_where=text("consignor_id IS NOT NULL"),
        ),
        # The till's quick picks: a dozen favourites by name, found without
        # walking the names of every product (migration 0009).
        Index(
            "ix_products_favourite_name",
            "name",
            sqlite_where=text("favourite = 1"),
        ),
        # A code typed or scanned at the till is looked up by SKU in any case (migration 0017).
        Index("ix_products_sku_lower", func.lower(text("sku"))),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    barcode: Mapped[str | None] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(100), default="", index=True)
    price_minor: Mapped[int] = mapped_column(Integer)
    cost_minor: Mapped[int] = mapped_column(Integer, default=0)
    stock_milli: Mapped[int] = mapped_column(Integer, default=0)
    """Stock on hand in thousandths of ``unit`` (see domain.quantity)."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    search_key: Mapped[str] = mapped_column(String(600), default="", server_default="")
    """Name, SKU, barcode and category, lower-cased without diacritics, for the filter."""
    taxable: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    unit: Mapped[str] = mapped_column(String(20), default="pcs", server_default="pcs")
    photo: Mapped[str] = mapped_column(String(255), default="", server_default="")
    """The photo's file name in the ``photos`` folder next to the database."""
    low_stock_milli: Mapped[int | None] = mapped_column(Integer)
    plu: Mapped[str | None] = mapped_column(String(5), unique=True, index=True)
    """The product's number on the shop's label scale, for scale barcodes."""
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    one_of_a_kind: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    option_axes: Mapped[str] = mapped_column(Text, default="", server_default="")
    """On a product with variants: its options as JSON, ``[["Size", ["S", "M"]], ...]``."""
    option_values: Mapped[str] = mapped_column(Text, default="", server_default="")
    """On a variant: its values as JSON, ``[["Size", "M"], ...]``."""
    consignor_id: Mapped[int | None] = mapped_column(ForeignKey("consignors.id"))
    commission_kind: Mapped[str] = mapped_column(String(10), default="", server_default="")
    commission_value: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    online_buffer_milli: Mapped[int | None] = mapped_column(Integer)
    """Thousandths kept back from the marketplaces; None: the shop's own setting."""


class Consignor(Base):
    """Another maker whose goods the shop sells on commission ("titip jual")."""

    __tablename__ = "consignors"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    commission_kind: Mapped[str] = mapped_column(String(10), default="percent")
    commission_value: Mapped[int] = mapped_column(Integer, default=0)
    """The usual commission for the maker's products (see domain.consignment.Commission)."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsignmentSettlement(Base):
    """A consignor paid for what sold in a period; its lines say which sale lines it covers."""

    __tablename__ = "consignment_settlements"
    __table_args__ = (UniqueConstraint("till_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(32))
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    consignor_id: Mapped[int] = mapped_column(ForeignKey("consignors.id"), index=True)
    period_start: Mapped[datetime] = mapped_column(UTCDateTime)
    period_end: Mapped[datetime] = mapped_column(UTCDateTime)
    items: Mapped[int] = mapped_column(Integer)
    sales_minor: Mapped[int] = mapped_column(Integer)
    commission_minor: Mapped[int] = mapped_column(Integer)
    owed_minor: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsignmentSettlementLine(Base):
    """One sale line paid out in a settlement; a sale line is settled at most once."""

    __tablename__ = "consignment_settlement_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("consignment_settlements.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_lines.id"), unique=True)
    quantity_milli: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(Integer)
    commission_minor: Mapped[int] = mapped_column(Integer)
    owed_minor: Mapped[int] = mapped_column(Integer)


@sa_event.listens_for(Product, "before_insert")
@sa_event.listens_for(Product, "before_update")
def _fill_search_key(_mapper: Mapper[Product], _connection: Connection, product: Product) -> None:
    product.search_key = search_key(product.name, product.sku, product.barcode, product.category)


class StockMovement(Base):
    """One row of the stock ledger: a change in a product's stock and why."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_product_created", "product_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    unit_cost_minor: Mapped[int | None] = mapped_column(Integer)
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    product: Mapped[Product] = relationship()


class Sale(Base):
    """A completed sale with its totals; lines and payments hang off it."""

    __tablename__ = "sales"
    __table_args__ = (
        UniqueConstraint("till_id", "sequence"),
        UniqueConstraint("till_id", "number"),
        UniqueConstraint("channel", "external_ref"),
        Index("ix_sales_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    channel: Mapped[str] = mapped_column(String(32), default="pos")
    external_ref: Mapped[str | None] = mapped_column(String(100))
    cashier: Mapped[str] = mapped_column(String(100), default="")
    currency: Mapped[str] = mapped_column(String(3))
    subtotal_minor: Mapped[int] = mapped_column(Integer)
    discount_minor: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(Integer)
    tax_inclusive: Mapped[bool] = mapped_column(Boolean, default=True)
    total_minor: Mapped[int] = mapped_column(Integer)
    rounding_minor: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("cash_shifts.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("bazaar_events.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    """Who bought, when the cashier chose a customer (needed for kasbon)."""

    lines: Mapped[list["SaleLine"]] = relationship(
        back_populates="sale", order_by="SaleLine.position", cascade="save-update, merge"
    )
    payments: Mapped[list["Payment"]] = relationship(
        back_populates="sale", order_by="Payment.id", cascade="save-update, merge"
    )


class SaleLine(Base):
    """One line of a sale; name, price and cost are copied as they were at the sale."""

    __tablename__ = "sale_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20), default="pcs", server_default="pcs")
    """The unit it was sold in; ``unit_price_minor`` is per this unit."""
    unit_price_minor: Mapped[int] = mapped_column(Integer)
    unit_cost_minor: Mapped[int] = mapped_column(Integer)
    discount_minor: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(Integer)
    line_total_minor: Mapped[int] = mapped_column(Integer)
    consignor_id: Mapped[int | None] = mapped_column(ForeignKey("consignors.id"))
    """Whose goods these were when sold ("titip jual"); None for the shop's own goods."""
    commission_minor: Mapped[int] = mapped_column(Integer, server_default="0")
    """The shop's commission on a consigned line, worked out when it was sold."""

    sale: Mapped[Sale] = relationship(back_populates="lines")


class Payment(Base):
    """How (part of) a sale was paid; for cash, what was handed over and the change.

    ``status`` is ``confirmed``, ``awaiting`` (a QRIS or e-wallet payment whose
    money the cashier has not yet seen arrive) or ``not_received``; a confirmed
    payment records when and by whom.
    """

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(Integer)
    tendered_minor: Mapped[int] = mapped_column(Integer)
    change_minor: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(
        String(20), default="confirmed", server_default="confirmed", index=True
    )
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")

    sale: Mapped[Sale] = relationship(back_populates="payments")


class AuditEvent(Base):
    """An append-only record of something that happened: who, what, when."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_ref: Mapped[str] = mapped_column(String(100), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")


class PrintJob(Base):
    """A receipt waiting to be printed, being printed, printed, failed or cancelled."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(20))
    sale_uuid: Mapped[str] = mapped_column(UUID_TEXT, index=True)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ParkedCart(Base):
    """A cart put aside to serve the next customer, kept as a JSON snapshot of its lines."""

    __tablename__ = "parked_carts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    label: Mapped[str] = mapped_column(String(100), default="")
    snapshot: Mapped[str] = mapped_column(Text)
    item_count: Mapped[int] = mapped_column(Integer)
    total_minor: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Refund(Base):
    """Money and goods going back to a customer: a refund of some lines, or a void of a sale.

    A refund never changes the sale: it is a new row with its own lines and
    payments that reverse part (or, for a void, all) of it.
    """

    __tablename__ = "refunds"
    __table_args__ = (
        UniqueConstraint("till_id", "kind", "sequence"),
        UniqueConstraint("till_id", "number"),
        Index("ix_refunds_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    cashier: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(Integer)
    rounding_minor: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("cash_shifts.id"), index=True)

    sale: Mapped[Sale] = relationship()
    lines: Mapped[list["RefundLine"]] = relationship(
        back_populates="refund", order_by="RefundLine.id", cascade="save-update, merge"
    )
    payments: Mapped[list["RefundPayment"]] = relationship(
        back_populates="refund", order_by="RefundPayment.id", cascade="save-update, merge"
    )


class RefundLine(Base):
    """How many of one sale line went back, for how much, and whether it went back to stock."""

    __tablename__ = "refund_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_lines.id"), index=True)
    quantity_milli: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(Integer)
    restocked: Mapped[bool] = mapped_column(Boolean)
    commission_minor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """On a consigned line: the part of the shop's commission given back with these items."""

    refund: Mapped[Refund] = relationship(back_populates="lines")
    sale_line: Mapped[SaleLine] = relationship()


class RefundPayment(Base):
    """Money paid back by one method."""

    __tablename__ = "refund_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(100), default="")

    refund: Mapped[Refund] = relationship(back_populates="payments")


class Till(Base):
    """Another till whose sales were merged into this database from a bundle."""

    __tablename__ = "tills"

    till_id: Mapped[str] = mapped_column(UUID_TEXT, primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    shop_name: Mapped[str] = mapped_column(String(200), default="")
    app_version: Mapped[str] = mapped_column(String(32), default="")
    first_imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_bundle_at: Mapped[datetime] = mapped_column(UTCDateTime)


class User(Base):
    """Someone who works the till: an owner or a cashier, signing in with a PIN.

    ``pin_hash`` holds the key-derivation function, its parameters, the salt
    and the derived key, never the PIN. ``failed_pins`` counts wrong PINs in a
    row; ``lockouts`` counts the lockouts since the last good PIN, so each
    lasts longer, until ``locked_until``. Users are disabled, never deleted.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CashShift(Base):
    """A cashier's spell at the till: opened with a float, closed by counting the cash.

    ``expected_minor`` and ``counted_minor`` are set when the shift closes;
    ``count_detail`` keeps the count by note and coin as JSON.
    """

    __tablename__ = "cash_shifts"
    __table_args__ = (
        UniqueConstraint("till_id", "sequence"),
        Index("ix_cash_shifts_opened_at", "opened_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    currency: Mapped[str] = mapped_column(String(3))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(100), default="")
    float_minor: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    expected_minor: Mapped[int | None] = mapped_column(Integer)
    counted_minor: Mapped[int | None] = mapped_column(Integer)
    count_detail: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")

    movements: Mapped[list["CashMovement"]] = relationship(
        back_populates="shift", order_by="CashMovement.id", cascade="save-update, merge"
    )


class CashMovement(Base):
    """Cash put into (pay in) or taken out of (pay out) the drawer during a shift, and why."""

    __tablename__ = "cash_movements"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    shift_id: Mapped[int] = mapped_column(ForeignKey("cash_shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount_minor: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    shift: Mapped[CashShift] = relationship(back_populates="movements")


class BazaarEvent(Base):
    """A bazaar or market the stall sells at: where, when, and what the stall paid to be there.

    ``status`` is planned, open (sales are tagged with it) or closed; at most
    one event is open at a time.
    """

    __tablename__ = "bazaar_events"
    __table_args__ = (Index("ix_bazaar_events_starts_on", "starts_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    booth_fee_minor: Mapped[int] = mapped_column(Integer, default=0)
    other_costs_minor: Mapped[int] = mapped_column(Integer, default=0)
    costs_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="planned")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class MarketplaceSku(Base):
    """A code a marketplace file uses for one of the shop's products, remembered once mapped.

    ``code`` is the marketplace's SKU as the seller typed it there, or, for a line
    with no SKU, the product name and variation the file shows.
    """

    __tablename__ = "marketplace_skus"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(300), unique=True)
    """The code folded as it is matched (trimmed, case-folded, spaces collapsed)."""
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    product: Mapped[Product] = relationship()


class MarketplaceReturn(Base):
    """Goods a marketplace order says came back, waiting for the seller to see the parcel.

    ``status`` is ``waiting`` until the seller confirms the parcel arrived, then
    ``received``: the goods go back into stock through a refund of the line.
    """

    __tablename__ = "marketplace_returns"
    __table_args__ = (Index("ix_marketplace_returns_order", "channel", "order_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    channel: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[str] = mapped_column(String(100))
    line_key: Mapped[str] = mapped_column(String(400))
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_lines.id"))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="waiting", index=True)
    noted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by: Mapped[str] = mapped_column(String(100), default="")
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))

    sale: Mapped[Sale] = relationship()
    sale_line: Mapped[SaleLine] = relationship()


class OutboxRecord(Base):
    """A record this till must send to the shop hub, written in the transaction that made it.

    SQLite triggers (migration 0014) add a row for every sale, refund or void,
    stock movement, catalogue change, user, shift, event and audit event, so no
    write path can forget it. ``uuid`` is the key the hub applies it by (the
    record's own UUID, or a fresh one per version of a product, user or shift);
    ``ref`` is the UUID of the row the record is built from when it is sent.
    ``state`` is waiting, sent, refused (``reason`` says why; kept, never
    dropped) or applied (a version pulled from the hub, kept to compare versions).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_id", "state", "id"),
        Index("ix_outbox_kind_ref", "kind", "ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(UUID_TEXT)
    state: Mapped[str] = mapped_column(String(10), default="waiting")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class HubState(Base):
    """The till's link to its shop hub: one row, written by joining and by each sync.

    ``url`` never holds the password (that is kept in a password file beside
    the database, see docs/hub.md). ``cursor`` is the last hub record pulled;
    ``applying`` is set only inside the transaction that applies pulled records,
    so the outbox triggers do not send them back.
    """

    __tablename__ = "hub_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, default="", server_default="")
    till_name: Mapped[str] = mapped_column(String(40), default="", server_default="")
    shop_id: Mapped[str] = mapped_column(String(32), default="", server_default="")
    cursor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    applying: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    offline_since: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HubTill(Base):
    """On the shop hub: a till that joined it, by a name unique in the hub."""

    __tablename__ = "hub_tills"

    till_id: Mapped[str] = mapped_column(UUID_TEXT, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    code: Mapped[str] = mapped_column(String(16), default="")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HubRecord(Base):
    """On the shop hub: one record a till sent, applied once by its UUID, pulled by ``seq``.

    Pushes hold a transaction lock while they insert, so ``seq`` grows in
    commit order and a till reading past its cursor never skips a record.
    """

    __tablename__ = "hub_records"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    till_id: Mapped[str] = mapped_column(UUID_TEXT, index=True)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CustomerGroup(Base):
    """A kind of customer, such as Reseller or Member, with its own prices.

    ``discount_bp`` is a percentage off every product in basis points
    (1000 = 10 %); a price of its own for a product (``CustomerGroupPrice``)
    takes precedence over the percentage.
    """

    __tablename__ = "customer_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    discount_bp: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CustomerGroupPrice(Base):
    """A customer group's own price for one product (per the product's unit)."""

    __tablename__ = "customer_group_prices"
    __table_args__ = (UniqueConstraint("group_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    group_id: Mapped[int] = mapped_column(ForeignKey("customer_groups.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    price_minor: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    group: Mapped[CustomerGroup] = relationship()
    product: Mapped[Product] = relationship()


class Customer(Base):
    """Someone who comes back: found by name or phone, may buy on account (kasbon).

    ``phone`` is kept normalised to international digits (``62812...``), which
    is also what a WhatsApp link needs. The amount owed is never stored: it is
    the sum of the customer's ``AccountEntry`` rows. ``credit_limit_minor`` is
    how much may be owed before the owner must approve more kasbon.
    """

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(100), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="", server_default="", index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("customer_groups.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    credit_limit_minor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    search_key: Mapped[str] = mapped_column(String(300), default="", server_default="")
    """Name and phone folded for searching, kept up to date whenever a customer is written."""
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    group: Mapped[CustomerGroup | None] = relationship()


class AccountEntry(Base):
    """One line of a customer's kasbon ledger; the balance is the sum of ``amount_minor``.

    ``kind`` is ``charge`` (a sale on account: more owed, with a due date),
    ``repayment`` (money received: less owed, by ``method``), ``refund`` (goods
    of a kasbon sale given back: less owed) or ``write_off`` (a debt the owner
    gave up: less owed). Entries are never changed or removed.
    """

    __tablename__ = "account_entries"
    __table_args__ = (Index("ix_account_entries_customer_created", "customer_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(12))
    amount_minor: Mapped[int] = mapped_column(Integer)
    """Positive when the customer owes more, negative when less."""
    due_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20), default="", server_default="")
    reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))
    recorded_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("cash_shifts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    customer: Mapped[Customer] = relationship()


class CustomerOrder(Base):
    """A pre-order (pesanan): lines to make or keep for a customer, a pickup date and a DP.

    ``status`` is ``open``, ``ready``, ``picked_up`` (it became ``sale_id``) or
    ``cancelled`` (its down payment refunded or kept, ``deposit_outcome``).
    Catalogue lines of an open or ready order are reserved stock.
    """

    __tablename__ = "customer_orders"
    __table_args__ = (
        UniqueConstraint("till_id", "sequence"),
        UniqueConstraint("till_id", "number"),
        Index("ix_customer_orders_status_pickup", "status", "pickup_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="open")
    pickup_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(Integer)
    cashier: Mapped[str] = mapped_column(String(100), default="", server_default="")
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"))
    deposit_outcome: Mapped[str] = mapped_column(String(10), default="", server_default="")
    """On a cancelled order: ``refunded`` or ``kept``."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    customer: Mapped[Customer] = relationship()
    lines: Mapped[list["CustomerOrderLine"]] = relationship(
        back_populates="order", order_by="CustomerOrderLine.position", cascade="save-update, merge"
    )
    payments: Mapped[list["CustomerOrderPayment"]] = relationship(
        back_populates="order", order_by="CustomerOrderPayment.id", cascade="save-update, merge"
    )


class CustomerOrderLine(Base):
    """One line of a pre-order: a catalogue product, or made to order in free text."""

    __tablename__ = "customer_order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    """None for a line made to order, which reserves no stock."""
    sku: Mapped[str] = mapped_column(String(64), default="", server_default="")
    name: Mapped[str] = mapped_column(String(200))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20), default="pcs", server_default="pcs")
    unit_price_minor: Mapped[int] = mapped_column(Integer)
    line_total_minor: Mapped[int] = mapped_column(Integer)

    order: Mapped[CustomerOrder] = relationship(back_populates="lines")


class CustomerOrderPayment(Base):
    """Money on a pre-order: a down payment taken, or at cancelling refunded or kept.

    ``kind`` is ``deposit`` (money in, by ``method``), ``refund`` (money paid
    back) or ``kept`` (the DP forfeited to the shop). At pickup the deposits
    are counted in the sale as a ``deposit`` payment, not as new money.
    """

    __tablename__ = "customer_order_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    method: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    till_id: Mapped[str] = mapped_column(UUID_TEXT)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("cash_shifts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    order: Mapped[CustomerOrder] = relationship(back_populates="payments")


@sa_event.listens_for(Customer, "before_insert")
@sa_event.listens_for(Customer, "before_update")
def _fill_customer_search_key(
    _mapper: Mapper[Customer], _connection: Connection, customer: Customer
) -> None:
    customer.search_key = search_key(customer.name, customer.phone)

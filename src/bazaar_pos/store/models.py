"""The shop's tables as typed SQLAlchemy models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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


class Setting(Base):
    """One shop setting, stored as JSON text under a dotted key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Product(Base):
    """Something the shop sells; ``stock_on_hand`` caches the sum of its stock movements."""

    __tablename__ = "products"
    __table_args__ = (
        # Covers the filter: matching, counting and ordering by name read this
        # index, a fraction of the table's size; only the rows shown are read.
        Index("ix_products_search_key", "search_key", "active", "name"),
        # Most products are neither variants nor consigned: index only those that are.
        Index(
            "ix_products_parent_id",
            "parent_id",
            sqlite_where=text("parent_id IS NOT NULL"),
            postgresql_where=text("parent_id IS NOT NULL"),
        ),
        Index(
            "ix_products_consignor_id",
            "consignor_id",
            sqlite_where=text("consignor_id IS NOT NULL"),
            postgresql_where=text("consignor_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    barcode: Mapped[str | None] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(100), default="", index=True)
    price_minor: Mapped[int] = mapped_column(Integer)
    cost_minor: Mapped[int] = mapped_column(Integer, default=0)
    stock_on_hand: Mapped[int] = mapped_column(Integer, default=0)
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
    low_stock_level: Mapped[int | None] = mapped_column(Integer)
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
    quantity: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(Integer)
    commission_minor: Mapped[int] = mapped_column(Integer)
    owed_minor: Mapped[int] = mapped_column(Integer)


class StockMovement(Base):
    """One row of the stock ledger: a change in a product's stock and why."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_product_created", "product_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID_TEXT, unique=True, default=new_uuid)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
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

    lines: Mapped[list[SaleLine]] = relationship(
        back_populates="sale", order_by="SaleLine.position", cascade="save-update, merge"
    )
    payments: Mapped[list[Payment]] = relationship(
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
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(Integer)
    unit_cost_minor: Mapped[int] = mapped_column(Integer)
    discount_minor: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(Integer)
    line_total_minor: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="lines")


class Payment(Base):
    """How (part of) a sale was paid; for cash, what was handed over and the change."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(Integer)
    tendered_minor: Mapped[int] = mapped_column(Integer)
    change_minor: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str] = mapped_column(String(100), default="")

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

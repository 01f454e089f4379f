"""customers and their groups, the kasbon ledger, and pre-orders with down payments

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 14:00:00.000000

A sale may name its customer (``sales.customer_id``, added in place so the
outbox triggers on ``sales`` stay). A customer's debt is never a stored number:
it is the sum of their ``account_entries``. Pre-orders keep their lines and
their down payments in tables of their own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bazaar_pos.store.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = bazaar_pos.store.types.UTCDateTime


def _key() -> list[sa.Column[object]]:
    """The id and UUID every record kind starts with."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
    ]


def _keys(table: str, *unique: tuple[str, ...]) -> list[sa.Constraint]:
    """The primary key and the unique UUID (and any other unique columns) of ``table``."""
    constraints: list[sa.Constraint] = [
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{table}_uuid")),
    ]
    for columns in unique:
        name = op.f(f"uq_{table}_{'_'.join(columns)}")
        constraints.append(sa.UniqueConstraint(*columns, name=name))
    return constraints


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{columns[0]}"), table, list(columns), unique=False)


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.Text(), server_default="", nullable=False)


def _string(name: str, length: int, default: str = "") -> sa.Column[object]:
    return sa.Column(name, sa.String(length=length), server_default=default, nullable=False)


def _active() -> sa.Column[object]:
    return sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)


def _times() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("updated_at", UTC(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "customer_groups",
        *_key(),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("discount_bp", sa.Integer(), server_default="0", nullable=False),
        _active(),
        *_times(),
        *_keys("customer_groups", ("name",)),
    )
    op.create_table(
        "customers",
        *_key(),
        sa.Column("name", sa.String(length=100), nullable=False),
        _string("phone", 20),
        sa.Column("group_id", sa.Integer(), nullable=True),
        _text("notes"),
        _text("address"),
        sa.Column("credit_limit_minor", sa.Integer(), server_default="0", nullable=False),
        _string("search_key", 300),
        _active(),
        *_times(),
        _fk("customers", "group_id", "customer_groups"),
        *_keys("customers"),
    )
    for column in ("group_id", "name", "phone"):
        _index("customers", column)
    op.create_table(
        "customer_group_prices",
        *_key(),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("price_minor", sa.Integer(), nullable=False),
        _active(),
        sa.Column("updated_at", UTC(), nullable=False),
        _fk("customer_group_prices", "group_id", "customer_groups"),
        _fk("customer_group_prices", "product_id", "products"),
        *_keys("customer_group_prices", ("group_id", "product_id")),
    )
    for column in ("group_id", "product_id"):
        _index("customer_group_prices", column)
    _add_customer_to_sales()
    op.create_table(
        "account_entries",
        *_key(),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        _string("method", 20),
        _string("reference", 100),
        _text("note"),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("refund_id", sa.Integer(), nullable=True),
        _string("recorded_by", 100),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(), nullable=False),
        _fk("account_entries", "customer_id", "customers"),
        _fk("account_entries", "sale_id", "sales"),
        _fk("account_entries", "refund_id", "refunds"),
        _fk("account_entries", "shift_id", "cash_shifts"),
        *_keys("account_entries"),
    )
    op.create_index(
        "ix_account_entries_customer_created", "account_entries", ["customer_id", "created_at"]
    )
    for column in ("sale_id", "shift_id"):
        _index("account_entries", column)
    op.create_table(
        "customer_orders",
        *_key(),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("pickup_on", sa.Date(), nullable=True),
        _text("note"),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total_minor", sa.Integer(), nullable=False),
        _string("cashier", 100),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        _string("deposit_outcome", 10),
        *_times(),
        _fk("customer_orders", "customer_id", "customers"),
        _fk("customer_orders", "sale_id", "sales"),
        *_keys("customer_orders", ("till_id", "number"), ("till_id", "sequence")),
    )
    _index("customer_orders", "customer_id")
    op.create_index("ix_customer_orders_status_pickup", "customer_orders", ["status", "pickup_on"])
    op.create_table(
        "customer_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        _string("sku", 64),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        _string("unit", 20, "pcs"),
        sa.Column("unit_price_minor", sa.Integer(), nullable=False),
        sa.Column("line_total_minor", sa.Integer(), nullable=False),
        _fk("customer_order_lines", "order_id", "customer_orders"),
        _fk("customer_order_lines", "product_id", "products"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_order_lines")),
    )
    for column in ("order_id", "product_id"):
        _index("customer_order_lines", column)
    op.create_table(
        "customer_order_payments",
        *_key(),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        _string("reference", 100),
        _string("recorded_by", 100),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(), nullable=False),
        _fk("customer_order_payments", "order_id", "customer_orders"),
        _fk("customer_order_payments", "shift_id", "cash_shifts"),
        *_keys("customer_order_payments"),
    )
    for column in ("order_id", "shift_id"):
        _index("customer_order_payments", column)


def _add_customer_to_sales() -> None:
    """``sales.customer_id``, added in place: rebuilding ``sales`` would drop its triggers."""
    name = "fk_sales_customer_id_customers"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE sales ADD COLUMN customer_id INTEGER"
            f" CONSTRAINT {name} REFERENCES customers (id)"
        )
    else:
        op.add_column("sales", sa.Column("customer_id", sa.Integer(), nullable=True))
        op.create_foreign_key(name, "sales", "customers", ["customer_id"], ["id"])
    _index("sales", "customer_id")


def downgrade() -> None:
    op.drop_index(op.f("ix_sales_customer_id"), table_name="sales")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE sales DROP COLUMN customer_id")
    else:
        op.drop_constraint("fk_sales_customer_id_customers", "sales", type_="foreignkey")
        op.drop_column("sales", "customer_id")
    for table in (
        "customer_order_payments",
        "customer_order_lines",
        "customer_orders",
        "account_entries",
        "customer_group_prices",
        "customers",
        "customer_groups",
    ):
        op.drop_table(table)

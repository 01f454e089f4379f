"""customers, kasbon, pre-orders, marketplace mappings and returns travel; a per-product buffer

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 15:00:00.000000

The outbox triggers of 0014 are extended to the records of 0013 and 0015:
customer groups and their prices, customers, pre-orders and marketplace
returns are versioned (a fresh outbox key per change), kasbon entries are
append-only. A pre-order's payments travel inside its record: a payment added
writes a new version of its order. What a file already holds is put in the
outbox here, as 0014 did. ``products.online_buffer_milli`` is how much of a
product is kept back from the marketplaces (None: the shop's own setting); it
is added in place, so the triggers on ``products`` stay, and a change of it is
a new version of the product.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
FRESH = "lower(hex(randomblob(16)))"
NOT_APPLYING = "(SELECT applying FROM hub_state WHERE id = 1) IS NOT 1"

RECORDS = (
    # table, kind, versioned (a fresh key per version), columns whose change is a new version
    ("customer_groups", "customer_group", True, "name discount_bp active updated_at"),
    (
        "customer_group_prices",
        "customer_group_price",
        True,
        "group_id product_id price_minor active updated_at",
    ),
    (
        "customers",
        "customer",
        True,
        "name phone group_id notes address credit_limit_minor active updated_at",
    ),
    ("account_entries", "account_entry", False, ""),
    (
        "customer_orders",
        "customer_order",
        True,
        "customer_id status pickup_on note total_minor sale_id deposit_outcome updated_at",
    ),
    ("marketplace_skus", "marketplace_sku", True, "code product_id"),
    (
        "marketplace_returns",
        "marketplace_return",
        True,
        "status confirmed_at confirmed_by refund_id quantity_milli",
    ),
)
PRODUCT_COLUMNS = (
    "sku name barcode category price_minor cost_minor active taxable unit"
    " low_stock_milli plu notes one_of_a_kind parent_id option_axes option_values"
    " consignor_id commission_kind commission_value"
)
"""The columns of ``products`` whose change was a new version in 0014."""


def _insert(kind: str, key: str, ref: str) -> str:
    return (
        "INSERT INTO outbox (uuid, kind, ref, state, created_at, reason)"
        f" VALUES ({key}, '{kind}', {ref}, 'waiting', {NOW}, '');"
    )


def _triggers() -> list[str]:
    statements = []
    for table, kind, versioned, columns in RECORDS:
        key = FRESH if versioned else "NEW.uuid"
        statements.append(
            f"CREATE TRIGGER outbox_{table}_insert AFTER INSERT ON {table}"
            f" WHEN {NOT_APPLYING} BEGIN {_insert(kind, key, 'NEW.uuid')} END"
        )
        if versioned:
            statements.append(_update_trigger(table, kind, columns))
    order = "(SELECT uuid FROM customer_orders WHERE id = NEW.order_id)"
    statements.append(
        "CREATE TRIGGER outbox_customer_order_payments_insert AFTER INSERT"
        f" ON customer_order_payments WHEN {NOT_APPLYING}"
        f" BEGIN {_insert('customer_order', FRESH, order)} END"
    )
    return statements


def _update_trigger(table: str, kind: str, columns: str) -> str:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns.split())
    return (
        f"CREATE TRIGGER outbox_{table}_update AFTER UPDATE ON {table}"
        f" WHEN {NOT_APPLYING} AND ({changed})"
        f" BEGIN {_insert(kind, FRESH, 'NEW.uuid')} END"
    )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("ALTER TABLE products ADD COLUMN online_buffer_milli INTEGER")
    else:
        op.add_column("products", sa.Column("online_buffer_milli", sa.Integer(), nullable=True))
    if not sqlite:
        return
    for table, kind, versioned, _columns in RECORDS:
        key = FRESH if versioned else "uuid"
        op.execute(
            "INSERT INTO outbox (uuid, kind, ref, state, created_at, reason)"
            f" SELECT {key}, '{kind}', uuid, 'waiting', {NOW}, '' FROM {table} ORDER BY id"
        )
    for statement in _triggers():
        op.execute(statement)
    op.execute("DROP TRIGGER IF EXISTS outbox_products_update")
    op.execute(_update_trigger("products", "product", f"{PRODUCT_COLUMNS} online_buffer_milli"))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for table, _kind, versioned, _columns in RECORDS:
            op.execute(f"DROP TRIGGER IF EXISTS outbox_{table}_insert")
            if versioned:
                op.execute(f"DROP TRIGGER IF EXISTS outbox_{table}_update")
        op.execute("DROP TRIGGER IF EXISTS outbox_customer_order_payments_insert")
        op.execute("DROP TRIGGER IF EXISTS outbox_products_update")
        op.execute(_update_trigger("products", "product", PRODUCT_COLUMNS))
        op.execute("ALTER TABLE products DROP COLUMN online_buffer_milli")
    else:
        op.drop_column("products", "online_buffer_milli")

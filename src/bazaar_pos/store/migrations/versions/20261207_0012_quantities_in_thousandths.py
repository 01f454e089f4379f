"""quantities in thousandths of the product's unit; a unit on each sale line; scale PLUs

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 11:10:00.000000

Every quantity column is renamed (``quantity`` to ``quantity_milli``,
``stock_on_hand`` to ``stock_milli``, ``low_stock_level`` to ``low_stock_milli``)
and multiplied by 1000, so three pieces become ``3000`` and nothing changes in
any total. A sale line keeps the unit it was sold in. Units typed freely before
become pcs, kg, g, m, cm or l (``lembar`` and ``pasang`` are pieces).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PER_UNIT = 1000
RENAMED = (
    ("products", "stock_on_hand", "stock_milli"),
    ("products", "low_stock_level", "low_stock_milli"),
    ("stock_movements", "quantity", "quantity_milli"),
    ("sale_lines", "quantity", "quantity_milli"),
    ("refund_lines", "quantity", "quantity_milli"),
    ("consignment_settlement_lines", "quantity", "quantity_milli"),
)


UNITS = {
    "kg": "kg",
    "kilo": "kg",
    "kilogram": "kg",
    "g": "g",
    "gr": "g",
    "gram": "g",
    "m": "m",
    "meter": "m",
    "metre": "m",
    "cm": "cm",
    "l": "l",
    "liter": "l",
    "litre": "l",
}
"""Units typed freely before, and the measure each now is; any other word counts pieces."""


def upgrade() -> None:
    # A product's unit was free text; it becomes one of pcs, kg, g, m, cm and l.
    connection = op.get_bind()
    for product_id, unit in connection.execute(sa.text("SELECT id, unit FROM products")).all():
        measure = UNITS.get((unit or "").strip().lower(), "pcs")
        if measure != unit:
            connection.execute(
                sa.text("UPDATE products SET unit = :unit WHERE id = :id"),
                {"unit": measure, "id": product_id},
            )
    # RENAME COLUMN keeps every table in place (SQLite 3.25+ and PostgreSQL).
    for table, old, new in RENAMED:
        op.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")
        op.execute(f"UPDATE {table} SET {new} = {new} * {PER_UNIT} WHERE {new} IS NOT NULL")
    op.add_column(
        "sale_lines", sa.Column("unit", sa.String(20), server_default="pcs", nullable=False)
    )
    op.execute(
        "UPDATE sale_lines SET unit = (SELECT p.unit FROM products p"
        " WHERE p.id = sale_lines.product_id) WHERE product_id IS NOT NULL"
    )
    op.execute("UPDATE sale_lines SET unit = 'pcs' WHERE unit IS NULL OR unit = ''")
    op.add_column("products", sa.Column("plu", sa.String(5), nullable=True))
    op.create_index("ix_products_plu", "products", ["plu"], unique=True)


def downgrade() -> None:
    connection = op.get_bind()
    for table, _old, new in RENAMED:
        parts = connection.execute(
            sa.text(f"SELECT COUNT(*) FROM {table} WHERE {new} % {PER_UNIT} <> 0")
        ).scalar_one()
        if parts:
            raise RuntimeError(
                f"{table} holds {parts} quantities in parts of a unit; "
                "an older version cannot keep them"
            )
    op.drop_index("ix_products_plu", table_name="products")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("plu")
    with op.batch_alter_table("sale_lines") as batch:
        batch.drop_column("unit")
    for table, old, new in RENAMED:
        op.execute(f"UPDATE {table} SET {new} = {new} / {PER_UNIT} WHERE {new} IS NOT NULL")
        op.execute(f"ALTER TABLE {table} RENAME COLUMN {new} TO {old}")

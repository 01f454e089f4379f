"""products: details, variants, photos, search key; consignors and settlements

Revision ID: 0004
Revises: 0008
Create Date: 2026-11-22 19:58:01.627094
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from unidecode import unidecode

import bazaar_pos.store.types

revision: str = "0004"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ADD COLUMN keeps the products table in place: rebuilding it (batch
# "recreate") would fail on a shop with sales, whose lines point at products.
PRODUCT_COLUMNS: tuple[sa.Column[object], ...] = (
    sa.Column("taxable", sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column("unit", sa.String(length=20), server_default="pcs", nullable=False),
    sa.Column("photo", sa.String(length=255), server_default="", nullable=False),
    sa.Column("low_stock_level", sa.Integer(), nullable=True),
    sa.Column("notes", sa.Text(), server_default="", nullable=False),
    sa.Column("one_of_a_kind", sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column("option_axes", sa.Text(), server_default="", nullable=False),
    sa.Column("option_values", sa.Text(), server_default="", nullable=False),
    sa.Column("commission_kind", sa.String(length=10), server_default="", nullable=False),
    sa.Column("commission_value", sa.Integer(), server_default="0", nullable=False),
)
PRODUCT_INDEXES = ("name",)
PARTIAL_INDEXES = ("parent_id", "consignor_id")


def _search_key(*parts: str | None) -> str:
    # A frozen copy of domain.text.search_key, so this migration never changes.
    return " ".join(unidecode(" ".join(p for p in parts if p)).lower().split())


def upgrade() -> None:
    op.create_table(
        "consignors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("commission_kind", sa.String(length=10), nullable=False),
        sa.Column("commission_value", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", bazaar_pos.store.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consignors")),
        sa.UniqueConstraint("name", name=op.f("uq_consignors_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_consignors_uuid")),
    )
    op.create_table(
        "consignment_settlements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("consignor_id", sa.Integer(), nullable=False),
        sa.Column("period_start", bazaar_pos.store.types.UTCDateTime(), nullable=False),
        sa.Column("period_end", bazaar_pos.store.types.UTCDateTime(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("sales_minor", sa.Integer(), nullable=False),
        sa.Column("commission_minor", sa.Integer(), nullable=False),
        sa.Column("owed_minor", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", bazaar_pos.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consignor_id"],
            ["consignors.id"],
            name=op.f("fk_consignment_settlements_consignor_id_consignors"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consignment_settlements")),
        sa.UniqueConstraint(
            "till_id", "number", name=op.f("uq_consignment_settlements_till_id_number")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_consignment_settlements_uuid")),
    )
    op.create_index(
        op.f("ix_consignment_settlements_consignor_id"),
        "consignment_settlements",
        ["consignor_id"],
    )
    op.create_table(
        "consignment_settlement_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("settlement_id", sa.Integer(), nullable=False),
        sa.Column("sale_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("commission_minor", sa.Integer(), nullable=False),
        sa.Column("owed_minor", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sale_line_id"],
            ["sale_lines.id"],
            name=op.f("fk_consignment_settlement_lines_sale_line_id_sale_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["settlement_id"],
            ["consignment_settlements.id"],
            name=op.f("fk_consignment_settlement_lines_settlement_id_consignment_settlements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consignment_settlement_lines")),
        sa.UniqueConstraint(
            "sale_line_id", name=op.f("uq_consignment_settlement_lines_sale_line_id")
        ),
    )
    op.create_index(
        op.f("ix_consignment_settlement_lines_settlement_id"),
        "consignment_settlement_lines",
        ["settlement_id"],
    )

    for column in PRODUCT_COLUMNS:
        op.add_column("products", column)
    if op.get_context().dialect.name == "sqlite":
        # SQLite adds a column with a foreign key only in ALTER TABLE's own words.
        op.execute(
            "ALTER TABLE products ADD COLUMN parent_id INTEGER "
            "CONSTRAINT fk_products_parent_id_products REFERENCES products (id)"
        )
        op.execute(
            "ALTER TABLE products ADD COLUMN consignor_id INTEGER "
            "CONSTRAINT fk_products_consignor_id_consignors REFERENCES consignors (id)"
        )
    else:
        op.add_column("products", sa.Column("parent_id", sa.Integer(), nullable=True))
        op.add_column("products", sa.Column("consignor_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_products_parent_id_products"), "products", "products", ["parent_id"], ["id"]
        )
        op.create_foreign_key(
            op.f("fk_products_consignor_id_consignors"),
            "products",
            "consignors",
            ["consignor_id"],
            ["id"],
        )
    for name in PRODUCT_INDEXES:
        op.create_index(op.f(f"ix_products_{name}"), "products", [name])
    op.drop_index("ix_products_search_key_active", table_name="products")
    op.create_index("ix_products_search_key", "products", ["search_key", "active", "name"])
    for name in PARTIAL_INDEXES:
        where = sa.text(f"{name} IS NOT NULL")
        op.create_index(
            f"ix_products_{name}",
            "products",
            [name],
            sqlite_where=where,
            postgresql_where=where,
        )

    products = sa.table(
        "products",
        sa.column("id", sa.Integer),
        sa.column("sku", sa.String),
        sa.column("name", sa.String),
        sa.column("barcode", sa.String),
        sa.column("category", sa.String),
        sa.column("search_key", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            products.c.id, products.c.name, products.c.sku, products.c.barcode, products.c.category
        )
    ).all()
    if rows:
        connection.execute(
            products.update()
            .where(products.c.id == sa.bindparam("row_id"))
            .values(search_key=sa.bindparam("key")),
            [
                {"row_id": r.id, "key": _search_key(r.name, r.sku, r.barcode, r.category)}
                for r in rows
            ],
        )


def downgrade() -> None:
    op.drop_index("ix_products_search_key", table_name="products")
    op.create_index("ix_products_search_key_active", "products", ["search_key", "active"])
    for name in PARTIAL_INDEXES:
        op.drop_index(f"ix_products_{name}", table_name="products")
    for name in reversed(PRODUCT_INDEXES):
        op.drop_index(op.f(f"ix_products_{name}"), table_name="products")
    with op.batch_alter_table("products") as batch_op:
        for name in ("consignor_id", "parent_id"):
            batch_op.drop_column(name)
        for column in reversed(PRODUCT_COLUMNS):
            batch_op.drop_column(column.name)
    op.drop_index(
        op.f("ix_consignment_settlement_lines_settlement_id"),
        table_name="consignment_settlement_lines",
    )
    op.drop_table("consignment_settlement_lines")
    op.drop_index(
        op.f("ix_consignment_settlements_consignor_id"), table_name="consignment_settlements"
    )
    op.drop_table("consignment_settlements")
    op.drop_table("consignors")

"""marketplace orders: remembered SKU mappings and returns waiting for the parcel

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bazaar_pos.store.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "marketplace_skus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=300), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("created_at", bazaar_pos.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_marketplace_skus_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marketplace_skus")),
        sa.UniqueConstraint("code", name=op.f("uq_marketplace_skus_code")),
        sa.UniqueConstraint("uuid", name=op.f("uq_marketplace_skus_uuid")),
    )
    op.create_index(
        op.f("ix_marketplace_skus_product_id"), "marketplace_skus", ["product_id"], unique=False
    )
    op.create_table(
        "marketplace_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.String(length=100), nullable=False),
        sa.Column("line_key", sa.String(length=400), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("sale_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("noted_at", bazaar_pos.store.types.UTCDateTime(), nullable=False),
        sa.Column("confirmed_at", bazaar_pos.store.types.UTCDateTime(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=100), nullable=False),
        sa.Column("refund_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sales.id"], name=op.f("fk_marketplace_returns_sale_id_sales")
        ),
        sa.ForeignKeyConstraint(
            ["sale_line_id"],
            ["sale_lines.id"],
            name=op.f("fk_marketplace_returns_sale_line_id_sale_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["refund_id"], ["refunds.id"], name=op.f("fk_marketplace_returns_refund_id_refunds")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marketplace_returns")),
        sa.UniqueConstraint("uuid", name=op.f("uq_marketplace_returns_uuid")),
    )
    op.create_index(
        "ix_marketplace_returns_order", "marketplace_returns", ["channel", "order_id"], unique=False
    )
    op.create_index(
        op.f("ix_marketplace_returns_sale_id"), "marketplace_returns", ["sale_id"], unique=False
    )
    op.create_index(
        op.f("ix_marketplace_returns_status"), "marketplace_returns", ["status"], unique=False
    )


def downgrade() -> None:
    op.drop_table("marketplace_returns")
    op.drop_table("marketplace_skus")

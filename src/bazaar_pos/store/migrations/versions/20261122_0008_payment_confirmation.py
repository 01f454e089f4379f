"""payment confirmation: status, confirmed_at and confirmed_by on payments

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-23 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bazaar_pos.store.types

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), server_default="confirmed", nullable=False)
        )
        batch_op.add_column(
            sa.Column("confirmed_at", bazaar_pos.store.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("confirmed_by", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_payments_status"), ["status"], unique=False)
    _confirm_existing_payments()


def _confirm_existing_payments() -> None:
    """Payments taken before confirmation existed count as confirmed when and by whom they sold."""
    sales = sa.table(
        "sales",
        sa.column("id", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("cashier", sa.String),
    )
    payments = sa.table(
        "payments",
        sa.column("sale_id", sa.Integer),
        sa.column("confirmed_at", sa.DateTime),
        sa.column("confirmed_by", sa.String),
    )
    sale = sa.select(sales).where(sales.c.id == payments.c.sale_id)
    op.execute(
        payments.update().values(
            confirmed_at=sale.with_only_columns(sales.c.created_at).scalar_subquery(),
            confirmed_by=sale.with_only_columns(sales.c.cashier).scalar_subquery(),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_status"))
        batch_op.drop_column("confirmed_by")
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("status")

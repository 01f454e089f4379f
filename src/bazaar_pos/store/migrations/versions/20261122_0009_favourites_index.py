"""favourites index: the till's quick picks without walking every product's name

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-22 21:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_products_favourite_name",
        "products",
        ["name"],
        sqlite_where=sa.text("favourite = 1"),
        postgresql_where=sa.text("favourite"),
    )


def downgrade() -> None:
    op.drop_index("ix_products_favourite_name", table_name="products")

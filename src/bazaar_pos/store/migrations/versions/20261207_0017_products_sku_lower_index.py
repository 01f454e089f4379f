"""an index on products' lower-case SKU: a code typed or scanned finds its product at once

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 18:30:00.000000

The till looks a code up by barcode, then by SKU in any case
(``lower(sku) = ?``), then as a label scale's code. Without this index the SKU
lookup read every product: a scale label or a typed SKU took 30 ms on a shop of
100,000 products.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_products_sku_lower", "products", [sa.text("lower(sku)")])


def downgrade() -> None:
    op.drop_index("ix_products_sku_lower", table_name="products")

"""sale and refund lines: the consignor and the shop's commission at the time of sale

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 09:20:00.000000
"""

from collections.abc import Sequence
from fractions import Fraction

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BASIS_POINTS = 10_000


def _commission(kind: str, value: int, amount: int, quantity: int) -> int:
    # A frozen copy of domain.consignment.Commission.of, so this migration never changes.
    if kind == "percent":
        exact = Fraction(amount) * value / BASIS_POINTS
        whole = exact.numerator // exact.denominator
        return whole + 1 if exact - whole >= Fraction(1, 2) else whole
    cut = value * quantity
    return max(cut, amount) if amount < 0 else min(cut, amount)


def upgrade() -> None:
    # Plain ADD COLUMN keeps sale_lines in place (settlement and refund lines point at it).
    if op.get_context().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE sale_lines ADD COLUMN consignor_id INTEGER "
            "CONSTRAINT fk_sale_lines_consignor_id_consignors REFERENCES consignors (id)"
        )
    else:
        op.add_column("sale_lines", sa.Column("consignor_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_sale_lines_consignor_id_consignors"),
            "sale_lines",
            "consignors",
            ["consignor_id"],
            ["id"],
        )
    for table in ("sale_lines", "refund_lines"):
        op.add_column(
            table,
            sa.Column("commission_minor", sa.Integer(), server_default="0", nullable=False),
        )
    _fill_in_past_sales()
    _fill_in_past_refunds()


def _fill_in_past_sales() -> None:
    """Lines sold before: the consignor is the product's now; a settled line keeps its figures.

    Nothing else tells whose goods a past line was, and a settlement already
    paid out says what the shop's commission on it was.
    """
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT l.id, l.quantity, l.line_total_minor, p.consignor_id,"
            " p.commission_kind, p.commission_value, c.commission_kind, c.commission_value,"
            " s.consignor_id, sl.commission_minor"
            " FROM sale_lines l"
            " LEFT JOIN products p ON p.id = l.product_id"
            " LEFT JOIN consignors c ON c.id = p.consignor_id"
            " LEFT JOIN consignment_settlement_lines sl ON sl.sale_line_id = l.id"
            " LEFT JOIN consignment_settlements s ON s.id = sl.settlement_id"
            " WHERE p.consignor_id IS NOT NULL OR sl.id IS NOT NULL"
        )
    ).all()
    update = sa.text(
        "UPDATE sale_lines SET consignor_id = :consignor, commission_minor = :commission"
        " WHERE id = :id"
    )
    for row in rows:
        line_id, quantity, amount, consignor, kind, value, usual_kind, usual_value = row[:8]
        settled_by, settled_commission = row[8:]
        if settled_by is not None:
            consignor, commission = settled_by, settled_commission
        elif kind:
            commission = _commission(kind, value, amount, quantity)
        else:
            commission = _commission(usual_kind or "percent", usual_value or 0, amount, quantity)
        values = {"consignor": consignor, "commission": commission, "id": line_id}
        connection.execute(update, values)


def _prorate(amount: int, part: int, whole: int) -> int:
    # A frozen copy of domain.pricing.prorate.
    exact = Fraction(amount * part, whole)
    return int(abs(exact) + Fraction(1, 2)) * (1 if exact >= 0 else -1)


def _fill_in_past_refunds() -> None:
    """Refunds of consigned lines give back their share of the commission, in the order made."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT r.id, r.sale_line_id, r.quantity, l.quantity, l.commission_minor"
            " FROM refund_lines r JOIN sale_lines l ON l.id = r.sale_line_id"
            " WHERE l.consignor_id IS NOT NULL ORDER BY r.id"
        )
    ).all()
    done: dict[int, int] = {}
    update = sa.text("UPDATE refund_lines SET commission_minor = :commission WHERE id = :id")
    for refund_line_id, sale_line_id, quantity, sold, commission in rows:
        before = done.get(sale_line_id, 0)
        after = min(before + quantity, sold)
        done[sale_line_id] = after
        share = _prorate(commission, after, sold) - _prorate(commission, before, sold)
        connection.execute(update, {"commission": share, "id": refund_line_id})


def downgrade() -> None:
    with op.batch_alter_table("refund_lines") as batch:
        batch.drop_column("commission_minor")
    with op.batch_alter_table("sale_lines") as batch:
        batch.drop_column("commission_minor")
        batch.drop_column("consignor_id")

"""an outbox on each till, filled by triggers; the shop hub's tills and records

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 12:00:00.000000

Every till gets an ``outbox``: SQLite triggers add a row in the same transaction
as each sale, refund or void, stock movement, catalogue change, user, shift,
event and audit event, so no write path can forget one and a sale pays one
small insert for it. What a file already holds is put in the outbox here, so a
till that joins a hub sends it. ``hub_state`` is the till's link to its hub.
``hub_tills`` and ``hub_records`` are used on the hub (PostgreSQL) only; they
exist everywhere so one set of models matches every database.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
FRESH = "lower(hex(randomblob(16)))"
NOT_APPLYING = "(SELECT applying FROM hub_state WHERE id = 1) IS NOT 1"

RECORDS = (
    # table, kind, versioned (a fresh key per version), columns whose change is a new version
    (
        "products",
        "product",
        True,
        (
            "sku name barcode category price_minor cost_minor active taxable unit"
            " low_stock_milli plu notes one_of_a_kind parent_id option_axes option_values"
            " consignor_id commission_kind commission_value"
        ),
    ),
    ("consignors", "consignor", True, "name phone notes commission_kind commission_value active"),
    ("users", "user", True, "name role pin_hash active"),
    (
        "bazaar_events",
        "event",
        True,
        "name place starts_on ends_on booth_fee_minor other_costs_minor costs_note status",
    ),
    ("cash_shifts", "shift", True, "closed_at closed_by expected_minor counted_minor note"),
    ("cash_movements", "cash_movement", False, ""),
    ("sales", "sale", False, ""),
    ("refunds", "refund", False, ""),
    ("stock_movements", "stock_movement", False, ""),
    ("consignment_settlements", "settlement", False, ""),
    ("audit_events", "audit_event", False, ""),
)


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
            changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns.split())
            statements.append(
                f"CREATE TRIGGER outbox_{table}_update AFTER UPDATE ON {table}"
                f" WHEN {NOT_APPLYING} AND ({changed})"
                f" BEGIN {_insert(kind, FRESH, 'NEW.uuid')} END"
            )
    return statements


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("uuid", name=op.f("uq_outbox_uuid")),
    )
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])
    op.create_index("ix_outbox_kind_ref", "outbox", ["kind", "ref"])
    op.create_table(
        "hub_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), server_default="", nullable=False),
        sa.Column("till_name", sa.String(length=40), server_default="", nullable=False),
        sa.Column("shop_id", sa.String(length=32), server_default="", nullable=False),
        sa.Column("cursor", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("applying", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), server_default="", nullable=False),
        sa.Column("offline_since", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_state")),
    )
    op.create_table(
        "hub_tills",
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("till_id", name=op.f("pk_hub_tills")),
        sa.UniqueConstraint("name", name=op.f("uq_hub_tills_name")),
    )
    op.create_table(
        "hub_records",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_hub_records")),
        sa.UniqueConstraint("uuid", name=op.f("uq_hub_records_uuid")),
    )
    op.create_index(op.f("ix_hub_records_till_id"), "hub_records", ["till_id"])
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, kind, versioned, _columns in RECORDS:
        key = FRESH if versioned else "uuid"
        op.execute(
            "INSERT INTO outbox (uuid, kind, ref, state, created_at, reason)"
            f" SELECT {key}, '{kind}', uuid, 'waiting', {NOW}, '' FROM {table} ORDER BY id"
        )
    for statement in _triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, _kind, versioned, _columns in RECORDS:
            op.execute(f"DROP TRIGGER IF EXISTS outbox_{table}_insert")
            if versioned:
                op.execute(f"DROP TRIGGER IF EXISTS outbox_{table}_update")
    op.drop_index(op.f("ix_hub_records_till_id"), table_name="hub_records")
    op.drop_table("hub_records")
    op.drop_table("hub_tills")
    op.drop_table("hub_state")
    op.drop_index("ix_outbox_kind_ref", table_name="outbox")
    op.drop_index("ix_outbox_state_id", table_name="outbox")
    op.drop_table("outbox")

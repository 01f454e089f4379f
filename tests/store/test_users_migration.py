"""Migration 0007 on a database that already holds sales: columns added in place, triggers."""

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bazaar_pos.store.engine import create_sqlite_engine
from bazaar_pos.store.inspection import alembic_config
from bazaar_pos.store.models import Base

SALE = (
    "INSERT INTO sales (uuid, number, sequence, till_id, channel, cashier, currency,"
    " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor, rounding_minor,"
    " note, created_at) VALUES ('s1', 'A-000001', 1, 't', 'pos', '', 'IDR', 95000, 0, 0, 1,"
    " 95000, 0, '', '2026-11-01 10:00:00')"
)
LINE = (
    "INSERT INTO sale_lines (sale_id, position, sku, name, quantity, unit_price_minor,"
    " unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
    " VALUES (1, 1, 'KOP-1', 'Kopi', 1, 95000, 50000, 0, 0, 95000)"
)


def test_upgrading_a_shop_with_sales_keeps_them_and_adds_the_tags(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_sqlite_engine(path)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0003")
            connection.exec_driver_sql(SALE)
            connection.exec_driver_sql(LINE)
            command.upgrade(config, "head")
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            row = connection.exec_driver_sql("SELECT number, shift_id, event_id FROM sales").one()
            assert tuple(row) == ("A-000001", None, None)
            command.downgrade(config, "0003")
            columns = {r[1] for r in connection.exec_driver_sql("PRAGMA table_info(sales)")}
            assert {"shift_id", "event_id"}.isdisjoint(columns)
            assert connection.exec_driver_sql("SELECT count(*) FROM sale_lines").scalar() == 1
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def test_the_audit_log_refuses_changes_at_the_database(db_path):
    connection = sqlite3.connect(db_path)
    try:
        connection.execute(
            "INSERT INTO audit_events (uuid, created_at, actor, action, entity, entity_ref,"
            " details) VALUES ('e1', '2026-11-01 10:00:00', 'Sari', 'sale.completed', '', '', '{}')"
        )
        connection.commit()
        for statement in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
        assert connection.execute("SELECT actor FROM audit_events").fetchall() == [("Sari",)]
    finally:
        connection.close()

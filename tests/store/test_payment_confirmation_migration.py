import sqlite3

from alembic import command
from sqlalchemy import create_engine, inspect

from bazaar_pos.services.shop import Shop
from bazaar_pos.store.inspection import APPLICATION_ID, alembic_config

SOLD_AT = "2026-11-20 03:15:00.000000"


def old_shop_with_a_qris_sale(path):
    """A database at revision 0005 (before payment confirmation) holding one QRIS sale."""
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(
            "INSERT INTO sales (uuid, number, sequence, till_id, channel, cashier, currency,"
            " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor,"
            " rounding_minor, note, created_at) VALUES ('s1', 'A-000001', 1, 't1', 'pos', 'Sari',"
            f" 'IDR', 95000, 0, 0, 1, 95000, 0, '', '{SOLD_AT}')"
        )
        connection.exec_driver_sql(
            "INSERT INTO sale_lines (sale_id, position, sku, name, quantity, unit_price_minor,"
            " unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
            " VALUES (1, 1, 'KOP-1', 'Kopi Gayo', 1, 95000, 50000, 0, 0, 95000)"
        )
        connection.exec_driver_sql(
            "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
            " reference) VALUES (1, 'qris', 95000, 95000, 0, 'REF')"
        )
    engine.dispose()


def test_payments_taken_before_the_upgrade_count_as_confirmed_at_the_sale(tmp_path):
    path = tmp_path / "shop.sqlite"
    old_shop_with_a_qris_sale(path)
    shop = Shop.open(path)
    try:
        assert shop.payment_confirmation.awaiting() == []
        assert shop.check() == []
        assert shop.sales_history.detail("s1").payments[0].status == "confirmed"
    finally:
        shop.close()
    assert list((tmp_path / "backups").glob("shop-*-before-upgrade-*.sqlite"))
    with sqlite3.connect(path) as connection:
        row = connection.execute(
            "SELECT status, confirmed_at, confirmed_by, reference FROM payments"
        ).fetchone()
    connection.close()
    assert row == ("confirmed", SOLD_AT, "Sari", "REF")


def test_payment_confirmation_downgrades_and_upgrades_again(tmp_path):
    path = tmp_path / "shop.sqlite"
    old_shop_with_a_qris_sale(path)
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        columns = {c["name"] for c in inspect(connection).get_columns("payments")}
        assert {"status", "confirmed_at", "confirmed_by"} <= columns
        assert "ix_payments_status" in {
            i["name"] for i in inspect(connection).get_indexes("payments")
        }
        command.downgrade(config, "0005")
        columns = {c["name"] for c in inspect(connection).get_columns("payments")}
        assert not {"status", "confirmed_at", "confirmed_by"} & columns
        assert connection.exec_driver_sql("SELECT reference FROM payments").scalar() == "REF"
        command.upgrade(config, "head")
        status = connection.exec_driver_sql("SELECT status FROM payments").scalar()
    engine.dispose()
    assert status == "confirmed"

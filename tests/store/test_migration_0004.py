"""Upgrading a shop that already has products and sales to the products-and-stock schema."""

from alembic import command

from bazaar_pos.services.shop import Shop
from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import APPLICATION_ID, alembic_config, head_revision


def make_old_shop(path):
    db = Database.open(path, migrate=False)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(
            "INSERT INTO products (uuid, sku, name, barcode, category, price_minor, cost_minor,"
            " stock_on_hand, active, created_at, updated_at) VALUES ('u1', 'KOP-1',"
            " 'Kopi Gayo Café', NULL, 'Kopi', 95000, 50000, 0, 1, '2026-01-01 00:00:00.000000',"
            " '2026-01-01 00:00:00.000000')"
        )
        connection.exec_driver_sql(
            "INSERT INTO sales (uuid, number, sequence, till_id, channel, cashier, currency,"
            " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor,"
            " rounding_minor, note, created_at) VALUES ('s1', 'A-000001', 1, 't', 'pos', '',"
            " 'IDR', 95000, 0, 0, 1, 95000, 0, '', '2026-01-02 00:00:00.000000')"
        )
        connection.exec_driver_sql(
            "INSERT INTO sale_lines (sale_id, position, product_id, sku, name, quantity,"
            " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
            " VALUES (1, 1, 1, 'KOP-1', 'Kopi Gayo Café', 1, 95000, 50000, 0, 0, 95000)"
        )
        connection.exec_driver_sql(
            "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
            " reference) VALUES (1, 'cash', 95000, 100000, 5000, '')"
        )
        connection.exec_driver_sql(
            "INSERT INTO stock_movements (uuid, product_id, quantity, reason, reference, note,"
            " till_id, created_at) VALUES ('m1', 1, -1, 'sale', 'sale:s1', '', 't',"
            " '2026-01-02 00:00:00.000000')"
        )
        connection.exec_driver_sql("UPDATE products SET stock_on_hand = -1")
    db.close()


def test_a_shop_with_sales_upgrades_and_its_products_can_be_found(tmp_path):
    path = tmp_path / "old.sqlite"
    make_old_shop(path)
    shop = Shop.open(path)
    try:
        assert shop.db.current_revision() == head_revision()
        assert list((tmp_path / "backups").glob("old-*-before-upgrade-0001.sqlite"))
        coffee = shop.catalogue.search("kopi cafe")[0]
        assert (coffee.sku, coffee.favourite, coffee.taxable, coffee.unit) == (
            "KOP-1",
            False,
            True,
            "pcs",
        )
        assert (coffee.parent_id, coffee.consignor_id, coffee.option_axes) == (None, None, ())
        assert shop.check() == []
        with shop.db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        shop.close()

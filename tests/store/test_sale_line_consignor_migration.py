"""Upgrading a shop whose consigned goods sold before sale lines named their consignor."""

from datetime import date

from alembic import command

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import Dimension
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import APPLICATION_ID, alembic_config, head_revision

STAMP = "'2026-11-20 03:00:00.000000'"


def make_old_shop(path):
    db = Database.open(path, migrate=False)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0009")
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        run = connection.exec_driver_sql
        run(
            "INSERT INTO consignors (uuid, name, phone, notes, commission_kind, commission_value,"
            f" active, created_at) VALUES ('c1', 'Bu Wayan', '', '', 'percent', 2000, 1, {STAMP})"
        )
        for number, (sku, consignor) in enumerate((("KLG-1", "1"), ("KOP-1", "NULL")), 1):
            run(
                "INSERT INTO products (uuid, sku, name, category, price_minor, cost_minor,"
                " stock_on_hand, active, created_at, updated_at, consignor_id) VALUES"
                f" ('p{number}', '{sku}', '{sku}', 'X', 425000, 300000, 0, 1, {STAMP}, {STAMP},"
                f" {consignor})"
            )
        run(
            "INSERT INTO sales (uuid, number, sequence, till_id, channel, cashier, currency,"
            " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor,"
            f" rounding_minor, note, created_at) VALUES ('s1', 'A-000001', 1, 't', 'pos', '',"
            f" 'IDR', 1275000, 0, 0, 1, 1275000, 0, '', {STAMP})"
        )
        run(
            "INSERT INTO sale_lines (sale_id, position, product_id, sku, name, quantity,"
            " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
            " VALUES (1, 1, 1, 'KLG-1', 'Kalung', 2, 425000, 300000, 0, 0, 850000),"
            " (1, 2, 2, 'KOP-1', 'Kopi', 1, 425000, 300000, 0, 0, 425000)"
        )
        run(
            "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
            " reference) VALUES (1, 'cash', 1275000, 1275000, 0, '')"
        )
        run(
            "INSERT INTO refunds (uuid, number, kind, sequence, till_id, sale_id, cashier,"
            " reason, currency, total_minor, rounding_minor, created_at) VALUES"
            f" ('r1', 'A-R000001', 'refund', 1, 't', 1, '', '', 'IDR', 425000, 0, {STAMP})"
        )
        run(
            "INSERT INTO refund_lines (refund_id, sale_line_id, quantity, amount_minor,"
            " tax_minor, restocked) VALUES (1, 1, 1, 425000, 0, 0)"
        )
    db.close()


def test_past_consigned_lines_take_their_makers_and_commission(tmp_path):
    path = tmp_path / "old.sqlite"
    make_old_shop(path)
    shop = Shop.open(path)
    try:
        assert shop.db.current_revision() == head_revision()
        with shop.db.engine.connect() as connection:
            lines = connection.exec_driver_sql(
                "SELECT sku, consignor_id, commission_minor FROM sale_lines ORDER BY id"
            ).all()
            refunded = connection.exec_driver_sql(
                "SELECT commission_minor FROM refund_lines"
            ).scalar()
        assert [tuple(line) for line in lines] == [("KLG-1", 1, 170_000), ("KOP-1", None, 0)]
        assert refunded == 85_000
        report = shop.reports.summary(Period.day(date(2026, 11, 20)))
        rows = {row.label: row.amounts for row in report.rows(Dimension.CONSIGNOR)}
        assert (rows["Bu Wayan"].items, rows["Bu Wayan"].net, rows["Bu Wayan"].profit) == (
            1,
            425_000,
            85_000,
        )
        assert sum(r.net for r in rows.values()) == report.figures.net == 850_000
    finally:
        shop.close()

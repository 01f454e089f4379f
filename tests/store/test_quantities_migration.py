"""Upgrading a shop whose quantities were whole pieces to quantities in thousandths."""

import json
from datetime import date

from alembic import command

from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.report import Dimension
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import APPLICATION_ID, alembic_config, head_revision

STAMP = "'2026-11-20 03:00:00.000000'"
PARKED = {
    "version": 1,
    "currency": "IDR",
    "discount": None,
    "lines": [
        {
            "key": "k1",
            "sku": "KAI-1",
            "name": "Kain lurik",
            "unit_price": 85_000,
            "quantity": 2,
            "unit_cost": 52_000,
            "product_id": 2,
            "discount": None,
            "taxable": True,
        }
    ],
}


def make_old_shop(path):
    """A shop at revision 0011: two products, a sale of both, a refund and a parked cart."""
    db = Database.open(path, migrate=False)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0011")
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        run = connection.exec_driver_sql
        for number, (sku, unit, price, stock) in enumerate(
            (("KOP-1", "lembar", 95_000, 7), ("KAI-1", "Meter", 85_000, 37)), 1
        ):
            run(
                "INSERT INTO products (uuid, sku, name, category, price_minor, cost_minor,"
                " stock_on_hand, low_stock_level, unit, active, created_at, updated_at) VALUES"
                f" ('p{number}', '{sku}', '{sku}', 'X', {price}, 50000, {stock}, 2, '{unit}', 1,"
                f" {STAMP}, {STAMP})"
            )
            run(
                "INSERT INTO stock_movements (uuid, product_id, quantity, reason, reference,"
                f" note, till_id, created_at) VALUES ('o{number}', {number}, {stock + 3},"
                f" 'opening', '', '', 't', {STAMP})"
            )
        run(
            "INSERT INTO sales (uuid, number, sequence, till_id, channel, cashier, currency,"
            " subtotal_minor, discount_minor, tax_minor, tax_inclusive, total_minor,"
            f" rounding_minor, note, created_at) VALUES ('s1', 'A-000001', 1, 't', 'pos', '',"
            f" 'IDR', 540000, 5000, 0, 1, 535000, 0, '', {STAMP})"
        )
        run(
            "INSERT INTO sale_lines (sale_id, position, product_id, sku, name, quantity,"
            " unit_price_minor, unit_cost_minor, discount_minor, tax_minor, line_total_minor)"
            " VALUES (1, 1, 1, 'KOP-1', 'Kopi', 3, 95000, 50000, 0, 0, 285000),"
            " (1, 2, 2, 'KAI-1', 'Kain lurik', 3, 85000, 52000, 5000, 0, 250000)"
        )
        for number, product in ((3, 1), (4, 2)):
            run(
                "INSERT INTO stock_movements (uuid, product_id, quantity, reason, reference,"
                f" note, till_id, created_at) VALUES ('m{number}', {product}, -3, 'sale',"
                f" 'sale:s1', '', 't', {STAMP})"
            )
        run(
            "INSERT INTO payments (sale_id, method, amount_minor, tendered_minor, change_minor,"
            " reference, status, confirmed_at, confirmed_by) VALUES (1, 'cash', 535000, 535000,"
            f" 0, '', 'confirmed', {STAMP}, '')"
        )
        run(
            "INSERT INTO refunds (uuid, number, kind, sequence, till_id, sale_id, cashier,"
            " reason, currency, total_minor, rounding_minor, created_at) VALUES"
            f" ('r1', 'A-R000001', 'refund', 1, 't', 1, '', '', 'IDR', 95000, 0, {STAMP})"
        )
        run(
            "INSERT INTO refund_lines (refund_id, sale_line_id, quantity, amount_minor,"
            " tax_minor, restocked) VALUES (1, 1, 1, 95000, 0, 0)"
        )
        run(
            "INSERT INTO refund_payments (refund_id, method, amount_minor, reference)"
            " VALUES (1, 'cash', 95000, '')"
        )
        run(
            "INSERT INTO parked_carts (uuid, till_id, label, snapshot, item_count, total_minor,"
            f" created_at) VALUES ('c1', 't', 'Bu Sari', '{json.dumps(PARKED)}', 2, 170000,"
            f" {STAMP})"
        )
    db.close()


def test_every_quantity_becomes_thousandths_and_every_total_stays(tmp_path):
    path = tmp_path / "old.sqlite"
    make_old_shop(path)
    shop = Shop.open(path)
    try:
        assert shop.db.current_revision() == head_revision()
        coffee, cloth = shop.catalogue.find_by_code("KOP-1"), shop.catalogue.find_by_code("KAI-1")
        assert (coffee.unit, coffee.stock_milli, coffee.low_stock_milli) == (Unit.PCS, 7000, 2000)
        assert (cloth.unit, cloth.stock_milli, cloth.low_stock_milli) == (Unit.M, 37_000, 2000)
        with shop.db.engine.connect() as connection:
            lines = connection.exec_driver_sql(
                "SELECT sku, quantity_milli, unit, line_total_minor FROM sale_lines ORDER BY id"
            ).all()
            refunded = connection.exec_driver_sql("SELECT quantity_milli FROM refund_lines").all()
        assert [tuple(line) for line in lines] == [
            ("KOP-1", 3000, "pcs", 285_000),
            ("KAI-1", 3000, "m", 250_000),
        ]
        assert [tuple(r) for r in refunded] == [(1000,)]
        assert shop.check() == []

        report = shop.reports.summary(Period.day(date(2026, 11, 20)))
        figures = report.figures
        assert (figures.lines.gross, figures.lines.discount) == (540_000, 5_000)
        # 3 - 1 coffees, and the cloth (now sold by the metre) as one item: never 2 + 3 m.
        assert (figures.items, figures.net) == (3, 535_000 - 95_000)
        rows = {row.label: row.amounts for row in report.rows(Dimension.PRODUCT)}
        assert rows["KOP-1"].cost == 2 * 50_000
        assert rows["KAI-1"].cost == 3 * 52_000

        detail = shop.sales_history.detail("s1")
        assert [(line.quantity_milli, line.refunded) for line in detail.lines] == [
            (3000, 1000),
            (3000, 0),
        ]
        (parked,) = shop.parked_carts.parked()
        cart = shop.parked_carts.resume(parked.id)
        (line,) = cart.lines
        assert (line.quantity_milli, line.gross) == (2000, 170_000)
    finally:
        shop.close()

"""Upgrading a shop at 0015 that already has customers, kasbon, orders, mappings and returns."""

from alembic import command
from sqlalchemy import text

from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import APPLICATION_ID, alembic_config

STAMP = "'2026-12-01 03:00:00.000000'"


def make_shop_at_0015(path):
    db = Database.open(path, migrate=False)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0015")
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        run = connection.exec_driver_sql
        run(
            "INSERT INTO products (uuid, sku, name, category, price_minor, cost_minor,"
            " stock_milli, active, created_at, updated_at) VALUES"
            f" ('p1', 'BTK-1', 'Batik', 'Kain', 250000, 100000, 5000, 1, {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO customer_groups (uuid, name, discount_bp, active, created_at,"
            f" updated_at) VALUES ('g1', 'Reseller', 1000, 1, {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO customer_group_prices (uuid, group_id, product_id, price_minor, active,"
            f" updated_at) VALUES ('gp1', 1, 1, 200000, 1, {STAMP})"
        )
        run(
            "INSERT INTO customers (uuid, name, phone, group_id, credit_limit_minor, active,"
            f" created_at, updated_at) VALUES ('c1', 'Bu Ani', '6281234', 1, 500000, 1,"
            f" {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO account_entries (uuid, customer_id, kind, amount_minor, till_id,"
            f" created_at) VALUES ('e1', 1, 'charge', 150000, 't', {STAMP})"
        )
        run(
            "INSERT INTO customer_orders (uuid, number, sequence, till_id, customer_id, status,"
            " currency, total_minor, created_at, updated_at) VALUES"
            f" ('o1', 'A-P000001', 1, 't', 1, 'open', 'IDR', 250000, {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO marketplace_skus (uuid, code, product_id, created_at) VALUES"
            f" ('m1', 'batik-biru', 1, {STAMP})"
        )
    db.close()


def outbox(db):
    with db.engine.connect() as connection:
        return sorted(
            tuple(row)
            for row in connection.execute(
                text("SELECT kind, ref FROM outbox WHERE state = 'waiting'")
            )
        )


def test_rows_already_there_go_into_the_outbox_and_new_changes_follow(tmp_path):
    path = tmp_path / "shop.sqlite"
    make_shop_at_0015(path)
    db = Database.open(path)
    try:
        assert outbox(db) == [
            ("account_entry", "e1"),
            ("customer", "c1"),
            ("customer_group", "g1"),
            ("customer_group_price", "gp1"),
            ("customer_order", "o1"),
            ("marketplace_sku", "m1"),
            ("product", "p1"),  # written by 0014's trigger
        ]
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM outbox"))
            connection.execute(text("UPDATE customers SET phone = '628999' WHERE uuid = 'c1'"))
            connection.execute(text("UPDATE customers SET search_key = 'x' WHERE uuid = 'c1'"))
            connection.execute(
                text(
                    "INSERT INTO customer_order_payments (uuid, order_id, kind, method,"
                    " amount_minor, till_id, created_at) VALUES"
                    f" ('op1', 1, 'deposit', 'cash', 125000, 't', {STAMP})"
                )
            )
            connection.execute(
                text("UPDATE products SET online_buffer_milli = 2000 WHERE uuid = 'p1'")
            )
            connection.execute(text("UPDATE products SET stock_milli = 4000 WHERE uuid = 'p1'"))
        assert outbox(db) == [("customer", "c1"), ("customer_order", "o1"), ("product", "p1")]
        with db.engine.connect() as connection:
            assert connection.scalar(text("SELECT online_buffer_milli FROM products")) == 2000
    finally:
        db.close()

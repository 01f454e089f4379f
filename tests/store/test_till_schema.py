import sqlite3

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import alembic_config
from bazaar_pos.store.models import Base


def test_the_migrated_schema_matches_the_models(db_path):
    db = Database.open(db_path)
    try:
        with db.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        db.close()


def test_upgrading_folds_the_search_key_of_existing_products(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO products (uuid, sku, name, barcode, category, price_minor, cost_minor,"
            " stock_on_hand, active, created_at, updated_at) VALUES ('u1', 'KOP-1', 'Kopi Gayō',"
            " '899', '', 1, 0, 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.downgrade(config, "0001")
        command.upgrade(config, "head")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT search_key, favourite FROM products").fetchone()
    connection.close()
    assert row == ("kopi gayo kop-1 899", 0)

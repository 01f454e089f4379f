from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Base


def test_migrated_database_matches_the_models(tmp_path):
    db = Database.open(tmp_path / "shop.sqlite")
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            columns = {c["name"] for c in inspect(connection).get_columns("print_jobs")}
        assert {"uuid", "kind", "sale_uuid", "status", "attempts", "last_error"} <= columns
        assert {"created_at", "updated_at"} <= columns
    finally:
        db.close()


def test_print_jobs_upgrade_and_downgrade(tmp_path):
    from alembic import command

    from bazaar_pos.store.inspection import alembic_config

    db = Database.open(tmp_path / "shop.sqlite")
    try:
        config = alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
            assert "print_jobs" not in inspect(connection).get_table_names()
            command.upgrade(config, "head")
            assert "print_jobs" in inspect(connection).get_table_names()
    finally:
        db.close()

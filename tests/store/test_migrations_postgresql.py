"""The same migrations build a shop hub on PostgreSQL: head, models matched, audit append-only."""

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from bazaar_pos.store.inspection import alembic_config, head_revision
from bazaar_pos.store.models import Base


@pytest.fixture
def hub_engine(postgres_server, postgres_database):
    engine = create_engine(postgres_server.url(postgres_database, driver="postgresql+psycopg"))
    yield engine
    engine.dispose()


def _upgrade(engine, target="head"):
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def test_an_empty_postgresql_database_upgrades_to_head_and_matches_the_models(hub_engine):
    _upgrade(hub_engine)
    with hub_engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


def test_the_hubs_audit_log_refuses_update_delete_and_truncate(hub_engine, postgres_server):
    _upgrade(hub_engine)
    with hub_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_events (uuid, created_at, actor, action, entity,"
                " entity_ref, details)"
                " VALUES ('a1', '2026-12-07 01:00:00', 'Sari', 'sale', 'sale', 'A-1', '{}')"
            )
        )
    url = hub_engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    for statement in (
        "UPDATE audit_events SET actor = 'Budi'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ):
        with psycopg.connect(url) as connection, pytest.raises(
            psycopg.errors.RestrictViolation, match="append-only"
        ):
            connection.execute(statement)
    with hub_engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM audit_events")).scalars().all() == [
            "Sari"
        ]


def test_the_hub_migrations_go_down_and_up_again(hub_engine):
    _upgrade(hub_engine)
    config = alembic_config()
    with hub_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    with hub_engine.connect() as connection:
        triggers = connection.execute(
            text("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'audit_events_%'")
        ).all()
        assert triggers == []
    _upgrade(hub_engine)

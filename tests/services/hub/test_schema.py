"""``hub init``: the app's own migrations build and upgrade the hub; a newer hub is refused."""

from __future__ import annotations

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine

from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.connection import HubRefused
from bazaar_pos.services.hub.schema import init_hub
from bazaar_pos.store.inspection import alembic_config, head_revision
from tests.services.hub.conftest import hub_url


@pytest.fixture
def url(postgres_server, postgres_database):
    return hub_url(postgres_server, postgres_database)


def revision(url: str) -> str:
    with psycopg.connect(url) as hub:
        return hub.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_init_builds_an_empty_database_once_and_keeps_its_shop_id(url):
    first = init_hub(HubAddress.parse(url))
    assert (first.before, first.after) == (None, head_revision())
    assert revision(url) == head_revision()
    again = init_hub(HubAddress.parse(url))
    assert again.before == again.after == head_revision()
    assert again.shop_id == first.shop_id
    assert "Kop1" not in first.hub


def test_init_upgrades_a_hub_left_at_an_older_revision(postgres_server, postgres_database, url):
    engine = create_engine(postgres_server.url(postgres_database, driver="postgresql+psycopg"))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0012")
    engine.dispose()
    summary = init_hub(HubAddress.parse(url))
    assert (summary.before, summary.after) == ("0012", head_revision())
    with psycopg.connect(url) as hub:
        assert hub.execute("SELECT count(*) FROM hub_records").fetchone()[0] == 0


def test_a_hub_newer_than_the_app_is_refused_and_left_alone(url):
    init_hub(HubAddress.parse(url))
    with psycopg.connect(url) as hub:
        hub.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(HubRefused, match="newer version of Bazaar POS"):
        init_hub(HubAddress.parse(url))
    assert revision(url) == "9999"

"""Exactly once under faults: a TCP proxy on 127.0.0.1 breaks the link between till and hub."""

from __future__ import annotations

import time

import psycopg
import pytest

from bazaar_pos.services.hub import connection, push, service
from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.connection import HubUnreachable
from bazaar_pos.services.hub.schema import init_hub
from bazaar_pos.services.shop import Shop
from tests.helpers.fault_proxy import FaultProxy, fault_proxy
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import PASSWORD, add, hub_url


def sales_on_hub(url: str) -> list[tuple[str, int]]:
    with psycopg.connect(url) as hub:
        return hub.execute(
            "SELECT uuid, count(*) FROM hub_records WHERE kind = 'sale' GROUP BY uuid"
        ).fetchall()


def sale_uuids(shop: Shop) -> list[str]:
    with shop.db.engine.connect() as till:
        return sorted(row[0] for row in till.exec_driver_sql("SELECT uuid FROM sales"))


@pytest.fixture
def linked(postgres_server, postgres_database, hub, tills):
    """Two tills joined directly; the first then syncs through a fault proxy."""
    first, second = tills("A"), tills("B")
    kain = add(first, "KN-1", "Kain lurik", 90_000, quantity=500)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    with fault_proxy(postgres_server.host, postgres_server.port) as proxy:
        proxied = hub_url(postgres_server, postgres_database, port=proxy.port)
        first.hub.join(proxied, "Depan")
        yield first, second, kain, proxy, hub


def ring_up(shop: Shop, product, count: int, hour: int = 3) -> None:
    for minute in range(count):
        sell(shop, utc(2026, 12, 7, hour, minute % 60, minute // 60), [(product, 1)])


def assert_exactly_once(first: Shop, second: Shop, hub: str) -> None:
    second.hub.sync()
    first.hub.sync()
    on_hub = sales_on_hub(hub)
    assert all(count == 1 for _uuid, count in on_hub)
    assert sorted(uuid for uuid, _count in on_hub) == sale_uuids(first) == sale_uuids(second)
    for shop in (first, second):
        assert shop.hub.status().waiting == 0
        stock = shop.catalogue.find_by_code("KN-1").stock_milli
        assert stock == (500 - len(on_hub)) * 1000


def test_a_reply_lost_after_commit_is_retried_and_counted_once(linked):
    first, second, kain, proxy, hub = linked
    ring_up(first, kain, 12)
    proxy.lose_reply_after(b"COMMIT", nth=2)  # the first ends the schema check
    with pytest.raises(HubUnreachable):
        first.hub.sync()
    assert proxy.triggered == 1
    assert len(sales_on_hub(hub)) == 12  # committed on the hub ...
    assert first.hub.status().waiting > 0  # ... but unknown to the till, so still waiting
    first.hub.sync()
    assert_exactly_once(first, second, hub)


def test_a_connection_reset_mid_batch_loses_nothing(linked, monkeypatch):
    first, second, kain, proxy, hub = linked
    monkeypatch.setattr(service, "PUSH_BATCH", 10)
    ring_up(first, kain, 30)
    # the third batch's rows are sent; the reset comes as the till reads back what the hub holds
    proxy.reset_at(b"SELECT hub_records.uuid, hub_records.till_id, hub_records.kind", nth=3)
    with pytest.raises(HubUnreachable):
        first.hub.sync()
    assert 0 < len(sales_on_hub(hub)) < 30
    ring_up(first, kain, 5, hour=5)
    first.hub.sync()
    assert len(sales_on_hub(hub)) == 35
    assert_exactly_once(first, second, hub)


def test_a_blackholed_hub_fails_the_sync_within_seconds_and_it_succeeds_later(linked):
    first, second, kain, proxy, hub = linked
    ring_up(first, kain, 4)
    proxy.blackhole()
    started = time.monotonic()
    with pytest.raises(HubUnreachable, match="cannot be reached") as failure:
        first.hub.sync()
    elapsed = time.monotonic() - started
    assert elapsed < 15
    assert "rahasia" not in str(failure.value)
    status = first.hub.status()
    assert status.offline_since is not None
    assert status.last_error
    ring_up(first, kain, 2, hour=6)  # selling goes on while the hub is away
    proxy.heal()
    first.hub.sync()
    assert first.hub.status().offline_since is None
    assert_exactly_once(first, second, hub)


def test_a_hub_that_stops_answering_mid_sync_is_cut_off_by_the_deadline(linked, monkeypatch):
    first, second, kain, proxy, hub = linked
    monkeypatch.setattr(connection, "DEADLINE", 2.0)
    ring_up(first, kain, 3)
    original = FaultProxy._cue_in
    silenced = []

    def silence_at_insert(self, data):
        if b"INSERT INTO hub_records" in data and not silenced:
            silenced.append(data)
            self.blackholed = True
        return original(self, data)

    monkeypatch.setattr(FaultProxy, "_cue_in", silence_at_insert)
    started = time.monotonic()
    with pytest.raises(HubUnreachable):
        first.hub.sync()
    assert time.monotonic() - started < 10
    assert silenced
    proxy.heal()
    first.hub.sync()
    assert_exactly_once(first, second, hub)


def test_a_hub_crashed_mid_sync_and_started_again_has_every_sale_once(
    own_server, tills, monkeypatch
):
    hub = f"postgresql://postgres:{PASSWORD}@127.0.0.1:{own_server.port}/postgres"
    init_hub(HubAddress.parse(hub))
    first, second = tills("A"), tills("B")
    kain = add(first, "KN-1", "Kain lurik", 90_000, quantity=500)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    ring_up(first, kain, 40)
    monkeypatch.setattr(service, "PUSH_BATCH", 20)
    original, calls = push.push_batch, []

    def crash_after_the_second_batch(*args, **kwargs):
        if len(calls) == 2:
            own_server.stop_immediately()
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "push_batch", crash_after_the_second_batch)
    started = time.monotonic()
    with pytest.raises(HubUnreachable):
        first.hub.sync()
    assert time.monotonic() - started < 15
    assert first.hub.status().waiting > 0
    with pytest.raises(HubUnreachable):  # still down: refused at once
        first.hub.sync()
    own_server.start()
    monkeypatch.setattr(service, "push_batch", original)
    first.hub.sync()
    assert_exactly_once(first, second, hub)

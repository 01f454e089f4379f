"""A first sync says how many records go and come; a cancel stops between whole batches."""

from __future__ import annotations

import pytest

from bazaar_pos.services.hub import service as hub_service
from bazaar_pos.services.hub.service import SyncStopped
from tests.helpers.progress import every_report, stage
from tests.services.hub.conftest import add
from tests.services.hub.test_sync import hub_count

SENDING = "Sending records to the hub"
RECEIVING = "Receiving records from other tills"


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(hub_service, "PUSH_BATCH", 3)
    monkeypatch.setattr(hub_service, "PULL_BATCH", 3)


def stock(shop):
    return sorted((p.sku, p.stock_milli) for p in shop.catalogue.search())


def test_joining_counts_the_records_sent_and_received(hub, tills, small_batches):
    first, second = tills("A"), tills("B")
    for number in range(4):
        add(first, f"BTK-{number}", f"Batik {number}", 100_000, quantity=2)
    waiting = first.hub.status().waiting
    heard = []
    first.hub.join(hub, "Depan", progress=every_report(heard))
    assert heard[0] == ("Joining the hub", 0, 0)
    sent = stage(heard, SENDING)
    assert sent[0] == (0, waiting)
    assert sent[-1] == (waiting, waiting)
    assert len(sent) == 1 + -(-waiting // 3)  # the start, then once a batch
    heard = []
    result = second.hub.join(hub, "Belakang", progress=every_report(heard))
    received = stage(heard, RECEIVING)
    assert received[0] == (0, result.received)
    assert received[-1] == (result.received, result.received)
    assert result.received >= waiting


def test_a_cancelled_send_keeps_whole_batches_and_the_next_sync_carries_on(
    hub, tills, small_batches
):
    first = tills("A")
    first.hub.join(hub, "Depan")
    for number in range(4):
        add(first, f"BTK-{number}", f"Batik {number}", 100_000, quantity=2)
    waiting = first.hub.status().waiting
    on_hub = hub_count(hub, "SELECT count(*) FROM hub_records")

    def cancel_after_one_batch(what, done, total):
        if what == SENDING and done > 0:
            stopping.cancel()

    stopping = every_report([], cancel_after_one_batch)
    with pytest.raises(SyncStopped) as stopped:
        first.hub.sync(progress=stopping)
    # Asked during the first batch's report, it stops at the next step: after the second.
    assert waiting > 6
    assert stopped.value.message == (
        "Sync stopped. Sent: 6. Received from other tills: 0. "
        "These are kept; the next sync carries on from there."
    )
    assert hub_count(hub, "SELECT count(*) FROM hub_records") == on_hub + 6
    status = first.hub.status()
    assert (status.waiting, status.last_error) == (waiting - 6, "")
    result = first.hub.sync()
    assert result.sent == waiting - 6
    assert hub_count(hub, "SELECT count(*) FROM hub_records") == on_hub + waiting


def test_a_cancelled_receive_keeps_whole_batches_and_the_next_sync_carries_on(
    hub, tills, small_batches
):
    first, second = tills("A"), tills("B")
    for number in range(4):
        add(first, f"BTK-{number}", f"Batik {number}", 100_000, quantity=2)
    first.hub.join(hub, "Depan")

    def cancel_after_one_batch(what, done, total):
        if what == RECEIVING and done > 0:
            stopping.cancel()

    stopping = every_report([], cancel_after_one_batch)
    with pytest.raises(SyncStopped) as stopped:
        second.hub.join(hub, "Belakang", progress=stopping)
    assert stopped.value.received == 6  # two whole batches: the cancel is seen after the second
    assert second.hub.status().joined
    assert stock(second) != stock(first)  # not everything came yet
    second.hub.sync()
    assert stock(second) == stock(first)
    assert second.check() == []

"""Kill -9 in the middle of a stream of sales, again and again: no sale is ever lost or partial.

A child process rings up a known stream of sales and prints each sale's
number only after its commit returned. The test kills it with SIGKILL at a
random moment mid-stream, many times. After every kill the database must
pass SQLite's integrity check and ``bazaar-pos check``, hold every sale the
child reported, and hold no partial sale. Finishing the stream must then
leave exactly the stock the whole stream implies.
"""

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from tests.helpers import sale_stream

KILLS = 20
STREAM_LENGTH = 1_500
SEED = 20261122
LINE_TIMEOUT = 30  # seconds a child may take to print its next sale (only when broken)


def start_child(db_path: Path) -> tuple[subprocess.Popen, queue.Queue]:
    child = subprocess.Popen(
        [sys.executable, sale_stream.__file__, str(db_path), str(STREAM_LENGTH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in child.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return child, lines


def next_line(child: subprocess.Popen, lines: queue.Queue) -> int | None:
    line = lines.get(timeout=LINE_TIMEOUT)
    if line is None:
        child.wait()
        assert child.returncode == 0, child.stderr.read()
        return None
    return int(line)


def stream_state(db_path: Path) -> dict:
    """What the database holds about the stream, read with plain SQLite."""
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        sales = connection.execute(
            "SELECT s.id, s.uuid, s.external_ref,"
            " (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id),"
            " (SELECT count(*) FROM payments p WHERE p.sale_id = s.id),"
            " (SELECT count(*) FROM stock_movements m WHERE m.reference = 'sale:' || s.uuid),"
            " (SELECT count(*) FROM audit_events a WHERE a.entity_ref = s.uuid)"
            " FROM sales s"
        ).fetchall()
        stock = dict(connection.execute("SELECT sku, stock_milli / 1000 FROM products"))
    connection.close()
    incomplete = [
        ref
        for _id, _uuid, ref, lines, paid, moves, audit in sales
        if (lines, paid, moves, audit) != (2, 1, 2, 1)
    ]
    refs = sorted(int(ref.removeprefix("stream-")) for _i, _u, ref, *_rest in sales)
    return {"refs": refs, "incomplete": incomplete, "stock": stock}


def expected_stock(count: int) -> dict[str, int]:
    sold = Counter()
    for index in range(count):
        for sku, quantity in sale_stream.stream_lines(index):
            sold[sku] += quantity
    return {sku: sale_stream.OPENING_STOCK - sold[sku] for sku in sale_stream.PRODUCTS}


def assert_database_whole(db_path: Path, acknowledged: set[int], context: str) -> int:
    state = stream_state(db_path)
    assert state["incomplete"] == [], f"partial sales {context}"
    count = len(state["refs"])
    assert state["refs"] == list(range(count)), f"gaps or repeats in the stream {context}"
    assert acknowledged <= set(state["refs"]), f"reported sales lost {context}"
    assert state["stock"] == expected_stock(count), f"stock differs from the ledger {context}"
    shop = Shop.open(db_path)
    try:
        assert shop.check() == [], context
    finally:
        shop.close()
    return count


def test_killing_the_till_mid_stream_never_loses_or_splits_a_sale(shop, db_path):
    for sku in sale_stream.PRODUCTS:
        product = shop.catalogue.create(ProductDraft(sku=sku, name=f"Item {sku}", price=12_500))
        shop.stock.receive(product.id, whole(sale_stream.OPENING_STOCK))
    shop.close()
    rng = random.Random(SEED)
    acknowledged: set[int] = set()
    counts = []
    kills = 0
    started = time.monotonic()
    while kills < KILLS:
        child, lines = start_child(db_path)
        wanted = rng.randint(1, 40)  # let it commit a few sales, so the kill lands mid-stream
        finished = False
        for _ in range(wanted):
            index = next_line(child, lines)
            if index is None:
                finished = True
                break
            acknowledged.add(index)
        if finished:
            break
        time.sleep(rng.uniform(0, 0.03))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        # Everything the child printed before it died was committed before it printed.
        while (line := lines.get(timeout=LINE_TIMEOUT)) is not None:
            acknowledged.add(int(line))
        child.stdout.close()
        child.stderr.close()
        kills += 1
        context = f"after kill {kills} (seed {SEED})"
        counts.append(assert_database_whole(db_path, acknowledged, context))
    assert kills == KILLS, "the stream ended before every kill; make it longer"
    assert counts == sorted(counts)
    assert counts[-1] < STREAM_LENGTH

    child, lines = start_child(db_path)
    while next_line(child, lines) is not None:
        pass
    child.stdout.close()
    child.stderr.close()
    assert assert_database_whole(db_path, acknowledged, "at the end") == STREAM_LENGTH
    print(
        f"{kills} kills, {counts[-1]} sales before the last kill, {STREAM_LENGTH} in all, "
        f"{time.monotonic() - started:.1f} s"
    )

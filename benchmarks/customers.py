"""The customers list, a search and a statement at 10,000 customers and 100,000 kasbon entries.

The shop is filled with raw inserts (the figure is reading, not writing). The
app's services are timed against raw sqlite3 reading the same rows: the first
200 active customers by name (the list shows a page; typing narrows it) with
the sum of each one's ledger.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bazaar_pos.services.shop import Shop
from benchmarks.stats import Row, Sample, Target, seconds

CUSTOMERS = 10_000
ENTRIES = 100_000
BUSY_ENTRIES = 2_000
"""Entries of the one customer whose statement is timed (a busy reseller)."""
NAMES = ("Sari", "Budi", "Wati", "Agus", "Dewi", "Eko", "Rina", "Joko", "Tini", "Yanto")
PLACES = ("Toko", "Warung", "Bu", "Pak", "Mbak", "Mas", "Kios", "Ibu")


def fill(path: Path, customers: int = CUSTOMERS, entries: int = ENTRIES) -> int:
    """Add the customers and entries with raw SQL; returns the busy customer's id."""
    rng = random.Random(7)
    began = datetime(2026, 1, 1, tzinfo=UTC)
    with sqlite3.connect(path) as con:
        till = con.execute("SELECT value FROM settings WHERE key = 'shop.till_id'").fetchone()
        till_id = str(till[0]).strip('"') if till else uuid.uuid4().hex
        stamp = began.strftime("%Y-%m-%d %H:%M:%S.%f")
        people = []
        for number in range(customers):
            name = f"{rng.choice(PLACES)} {rng.choice(NAMES)} {number}"
            phone = f"628{rng.randrange(10**9, 10**10)}"
            key = f"{name.lower()} {phone}"
            people.append((uuid.uuid4().hex, name, phone, key, stamp, stamp))
        con.executemany(
            "INSERT INTO customers (uuid, name, phone, search_key, created_at, updated_at,"
            " notes, address, credit_limit_minor, active) VALUES (?, ?, ?, ?, ?, ?, '', '',"
            " 500000, 1)",
            people,
        )
        ids = [row[0] for row in con.execute("SELECT id FROM customers ORDER BY id")]
        busy = ids[0]
        rows = []
        for number in range(entries):
            who = busy if number < BUSY_ENTRIES else rng.choice(ids)
            at = began + timedelta(minutes=number * 3)
            charge = number % 3 != 2
            amount = rng.randrange(5, 200) * 1000
            rows.append(
                (
                    uuid.uuid4().hex,
                    who,
                    "charge" if charge else "repayment",
                    amount if charge else -amount // 2,
                    till_id,
                    at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                )
            )
        con.executemany(
            "INSERT INTO account_entries (uuid, customer_id, kind, amount_minor, till_id,"
            " created_at, method, reference, note, recorded_by) VALUES (?, ?, ?, ?, ?, ?,"
            " 'cash', '', '', '')",
            rows,
        )
    return busy


def _raw_list(con: sqlite3.Connection, where: str = "") -> None:
    found = con.execute(
        f"SELECT id, name, phone FROM customers WHERE active{where} ORDER BY name, id LIMIT 200"
    ).fetchall()
    ids = [row[0] for row in found]
    marks = ",".join("?" * len(ids))
    con.execute(
        "SELECT customer_id, sum(amount_minor) FROM account_entries"
        f" WHERE customer_id IN ({marks}) GROUP BY customer_id",
        ids,
    ).fetchall()


def _raw_search(con: sqlite3.Connection) -> None:
    _raw_list(con, " AND search_key LIKE '%sari%'")


def _raw_statement(con: sqlite3.Connection, customer_id: int) -> None:
    con.execute(
        "SELECT e.*, s.number FROM account_entries e LEFT JOIN sales s ON s.id = e.sale_id"
        " WHERE e.customer_id = ? ORDER BY e.created_at, e.id",
        (customer_id,),
    ).fetchall()


def reading(folder: Path, runs: int) -> list[Row]:
    """The three figures, each against its raw baseline."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "customers.sqlite"
    path.unlink(missing_ok=True)
    Shop.open(path).close()
    busy = fill(path)
    shop = Shop.open(path)
    con = sqlite3.connect(path)
    try:
        figures = (
            (
                f"Customers list ({CUSTOMERS:,}, with what each owes)",
                lambda: shop.customers.find(""),
                lambda: _raw_list(con),
                "raw SELECT of the first 200 by name, and the sums of their entries",
            ),
            (
                "Customer search (one word)",
                lambda: shop.customers.find("sari"),
                lambda: _raw_search(con),
                "raw LIKE on the search key, the first 200, and their sums",
            ),
            (
                f"Statement of a customer with {BUSY_ENTRIES:,} entries",
                lambda: shop.accounts.statement(busy),
                lambda: _raw_statement(con, busy),
                "raw SELECT of the customer's entries with their sale numbers",
            ),
        )
        rows = []
        for figure, ours, raw, baseline in figures:
            mine = Sample.of([seconds(ours) * 1000 for _ in range(runs)])
            theirs = Sample.of([seconds(raw) * 1000 for _ in range(runs)])
            rows.append(Row(figure, "ms", mine.median, theirs.median, baseline, Target(50), runs))
        return rows
    finally:
        con.close()
        shop.close()

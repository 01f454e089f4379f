"""Backups: made with the online backup API, rotated, previewed, and restored safely."""

import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import DatabaseError
from bazaar_pos.services.safety.backups import (
    BackupService,
    backup_name,
    inspect_backup,
    preview_lines,
    read_backup_name,
    restore_database,
)
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.inspection import head_revision, inspect_file

NOON = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start=NOON):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def backups(shop, clock):
    return BackupService(shop.db, shop.settings, clock=clock)


def sell(shop, cart_of, product, quantity=1):
    cart = cart_of((product, quantity))
    return shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.totals().total)])


def dump(path):
    """Everything the database holds, as SQL text."""
    with sqlite3.connect(path) as connection:
        text = "\n".join(connection.iterdump())
    connection.close()
    return text


def sales_in(path):
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT count(*) FROM sales").fetchone()[0]
    connection.close()
    return count


def test_a_backup_is_a_whole_checked_file_in_the_backup_folder(
    shop, backups, add_product, cart_of, db_path
):
    kopi = add_product(stock=10)
    sell(shop, cart_of, kopi)
    result = backups.back_up("manual")
    (made,) = result.made
    assert made == db_path.parent / "backups" / "shop-20261122T050000Z-manual.sqlite"
    assert inspect_file(made) == head_revision()
    assert sales_in(made) == 1
    with sqlite3.connect(made) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no -wal, no partial file
    assert result.problems == ()


def test_backups_are_consistent_while_sales_are_being_written(
    shop, backups, add_product, cart_of, clock
):
    kopi = add_product(stock=10_000)
    stop = threading.Event()
    sold = []

    def till():
        while not stop.is_set():
            sold.append(sell(shop, cart_of, kopi).number)

    selling = threading.Thread(target=till)
    selling.start()
    try:
        made = []
        for _ in range(5):
            clock.advance(minutes=1)
            made.extend(backups.back_up("manual").made)
    finally:
        stop.set()
        selling.join()
    assert len(sold) > 0
    for path in made:
        copy = Shop.open(path)
        try:
            assert copy.check() == []
        finally:
            copy.close()


def test_rotation_keeps_the_newest_and_never_upgrade_or_restore_copies(
    shop, backups, clock, db_path
):
    shop.settings.update(backup_keep=3)
    folder = db_path.parent / "backups"
    folder.mkdir()
    kept_apart = [
        folder / backup_name(db_path, NOON - timedelta(days=30), "before-upgrade-0001"),
        folder / backup_name(db_path, NOON - timedelta(days=30), "replaced"),
        folder / "shop-notes.sqlite",
    ]
    for path in kept_apart:
        path.write_bytes(b"kept")
    made = []
    for hours in range(5):
        clock.advance(hours=hours)
        made.append(backups.back_up("daily" if hours % 2 else "close"))
    assert [m.removed for m in made][-2:] == [(made[0].made[0],), (made[1].made[0],)]
    rotated = sorted(p.name for p in folder.glob("shop-*Z-daily.sqlite")) + sorted(
        p.name for p in folder.glob("shop-*Z-close.sqlite")
    )
    assert len(rotated) == 3
    assert all(path.exists() for path in kept_apart)


def test_two_backups_in_the_same_second_both_survive(backups):
    first = backups.back_up("manual").made[0]
    second = backups.back_up("manual").made[0]
    assert second.name == "shop-20261122T050000Z-manual-2.sqlite"
    assert read_backup_name(second) == ("shop", NOON, "manual")
    assert first.exists()


def test_a_second_folder_gets_a_copy_too(shop, backups, tmp_path):
    usb = tmp_path / "USB"
    usb.mkdir()
    shop.settings.update(backup_folder=str(usb))
    result = backups.back_up("daily")
    assert [p.parent for p in result.made] == [backups.folder, usb]
    assert inspect_file(usb / result.made[0].name) == head_revision()
    assert [b.path.parent for b in backups.list_backups()] == [backups.folder, usb]


def test_a_missing_second_folder_is_reported_and_the_main_backup_still_made(
    shop, backups, tmp_path
):
    shop.settings.update(backup_folder=str(tmp_path / "unplugged-usb"))
    result = backups.back_up("daily")
    assert len(result.made) == 1
    assert result.made[0].exists()
    (problem,) = result.problems
    assert "is not there (is the USB stick plugged in?)" in problem
    assert not (tmp_path / "unplugged-usb").exists()


def test_the_daily_backup_is_due_after_24_hours(backups, clock):
    assert backups.due()
    assert backups.back_up_if_due().made[0].name.endswith("-daily.sqlite")
    clock.advance(hours=23, minutes=59)
    assert backups.back_up_if_due() is None
    clock.advance(minutes=1)
    assert backups.due()
    assert backups.last_backup_at() == NOON


def test_back_up_to_a_chosen_file_or_folder(backups, tmp_path, db_path):
    assert backups.back_up_to(tmp_path / "copy.sqlite") == tmp_path / "copy.sqlite"
    assert inspect_file(tmp_path / "copy.sqlite") == head_revision()
    into_folder = backups.back_up_to(tmp_path)
    assert into_folder.name == "shop-20261122T050000Z-manual.sqlite"
    with pytest.raises(DatabaseError, match="another file than the database"):
        backups.back_up_to(db_path)


def test_a_failed_copy_leaves_no_partial_file(backups, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(DatabaseError, match="Cannot write"):
        backups.back_up_to(blocker / "copy.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_preview_tells_when_how_many_sales_and_the_last_sale(
    shop, backups, add_product, cart_of
):
    kopi = add_product(stock=10)
    sell(shop, cart_of, kopi)
    last = sell(shop, cart_of, kopi, 2)
    info = inspect_backup(backups.back_up("daily").made[0])
    assert (info.sales, info.products, info.last_sale_number) == (2, 1, last.number)
    assert info.last_sale_at == last.created_at
    assert info.made_at == NOON
    lines = preview_lines(info)
    assert lines[0].startswith("Made: ")
    assert lines[0].endswith("(daily backup)")
    assert lines[1:4] == [
        "2 sales",
        f"Last sale: {last.number} on {last.created_at.astimezone():%Y-%m-%d %H:%M}",
        "1 product",
    ]


def test_restoring_puts_the_backup_in_place_and_keeps_the_replaced_database(
    shop, backups, add_product, cart_of, clock, db_path
):
    kopi = add_product(stock=10)
    sell(shop, cart_of, kopi)
    backup = backups.back_up("daily").made[0]
    sell(shop, cart_of, kopi, 3)
    clock.advance(hours=2)

    result = backups.restore(backup)

    assert result.restored.sales == 1
    assert result.replaced == db_path.parent / "backups" / "shop-20261122T070000Z-replaced.sqlite"
    assert sales_in(result.replaced) == 2  # the sales after the backup are kept there
    assert inspect_backup(result.replaced).kind == "replaced"
    # The same services go on working with the restored database.
    assert shop.catalogue.get(kopi.id).stock_milli == whole(9)
    sell(shop, cart_of, kopi)
    assert shop.check() == []
    assert result.changes.sales
    assert result.changes.products


def test_the_replaced_database_keeps_its_write_ahead_log(shop, backups, db_path):
    backup = backups.back_up("daily").made[0]
    shop.close()
    # A till that crashed leaves its last commit in the -wal file only.
    crashed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "c.execute(sys.argv[2])\n"
            "c.commit()\n"
            "os._exit(0)\n",
            str(db_path),
            """UPDATE settings SET value = '"Pasar Beringharjo"' WHERE key = 'shop.address'""",
        ],
        check=True,
    )
    assert crashed.returncode == 0
    wal = db_path.with_name("shop.sqlite-wal")
    assert wal.stat().st_size > 0
    result = restore_database(db_path, backup, now=NOON + timedelta(hours=1))
    assert not wal.exists()
    assert result.replaced.with_name(result.replaced.name + "-wal").exists()
    assert inspect_backup(result.replaced).kind == "replaced"
    for path, address in ((result.replaced, "Pasar Beringharjo"), (db_path, "")):
        opened = Shop.open(path)
        try:
            assert opened.settings.load().address == address
        finally:
            opened.close()


@pytest.mark.parametrize("bad", ["text", "other sqlite", "missing", "empty", "the database"])
def test_restoring_something_that_is_not_a_backup_changes_nothing(
    shop, backups, add_product, db_path, tmp_path, bad
):
    add_product(stock=3)
    candidate = tmp_path / "candidate.sqlite"
    if bad == "text":
        candidate.write_text("sku,name\n")
    elif bad == "other sqlite":
        with sqlite3.connect(candidate) as connection:
            connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.close()
    elif bad == "empty":
        candidate.write_bytes(b"")
    elif bad == "the database":
        candidate = db_path
    before = dump(db_path)
    with pytest.raises(DatabaseError):
        backups.restore(candidate)
    assert not (db_path.parent / "backups").exists()
    assert dump(db_path) == before
    assert shop.catalogue.search()[0].stock_milli == whole(3)
    assert sorted(p.name for p in db_path.parent.glob(".*")) == []


def test_a_backup_from_a_newer_version_is_refused(shop, backups, tmp_path, db_path):
    future = backups.back_up_to(tmp_path / "future.sqlite")
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    connection.close()
    with pytest.raises(DatabaseError, match="newer version"):
        restore_database(db_path, future)


def test_restore_onto_a_new_computer_needs_no_database_yet(shop, backups, tmp_path):
    backup = backups.back_up("manual").made[0]
    fresh = tmp_path / "new-laptop" / "shop.sqlite"
    result = restore_database(fresh, backup)
    assert result.replaced is None
    assert inspect_file(fresh) == head_revision()


def test_the_before_upgrade_copy_is_listed_with_the_backups(shop, db_path, monkeypatch):
    monkeypatch.setattr("bazaar_pos.store.database.head_revision", lambda: "newer_head")
    monkeypatch.setattr("bazaar_pos.store.database.Database.upgrade", lambda self: None)
    shop.close()
    Shop.open(db_path).close()
    (found,) = shop.backups.list_backups()
    assert found.kind == "before-upgrade"
    assert inspect_backup(found.path).revision == head_revision()

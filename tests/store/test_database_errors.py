"""Hostile conditions: a full disk, read-only files and folders, files that are not ours.

Each gives a clear message, in the services and in the CLI, and changes nothing.
"""

import hashlib
import shutil
import sqlite3

import pytest
from sqlalchemy import event, func, select

from bazaar_pos import cli
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.errors import DatabaseError
from bazaar_pos.services.shop import Shop
from bazaar_pos.store import database as database_module
from bazaar_pos.store.database import Database
from bazaar_pos.store.engine import database_error
from bazaar_pos.store.models import AuditEvent, Payment, Product, Sale, SaleLine, StockMovement
from tests.helpers.unprivileged import as_ordinary_user, shared_folder


def fingerprint(path):
    """The database's data: the file and any write-ahead log, to prove nothing changed.

    SQLite's shared-memory index (``-shm``) and an empty ``-wal`` that a reader
    leaves behind hold no data and are left out.
    """
    wal = path.with_name(path.name + "-wal")
    return {
        "database": hashlib.sha256(path.read_bytes()).hexdigest(),
        "wal": hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() else None,
    } | ({"wal": None} if wal.exists() and wal.stat().st_size == 0 else {})


def row_counts(shop):
    with shop.db.reading() as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (Sale, SaleLine, Payment, StockMovement, AuditEvent, Product)
        }


def run_cli(monkeypatch, tmp_path, *args):
    """Run ``bazaar-pos`` in this process (so a full disk can be simulated), in English.

    Logging and the language stay as the tests set them: neither may depend on
    reading folders that an ordinary user cannot enter.
    """
    monkeypatch.setattr(cli, "setup_logging", lambda: tmp_path / "bazaar-pos.log")
    monkeypatch.setattr(cli, "set_language", lambda language: None)
    return cli.main([str(a) for a in args])


def fill_disk_at_next_page(engine):
    """Make SQLite report a full disk as soon as the file needs another page."""

    def limit(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    event.listen(engine, "connect", limit)
    engine.dispose()


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("database or disk is full", "is full, so the change was not saved"),
        ("attempt to write a readonly database", "is read-only"),
        ("unable to open database file", "Check that the drive is connected"),
        ("disk I/O error", "disk I/O error"),
        ("database disk image is malformed", "is damaged. Restore a backup."),
        ("database is locked", "is busy in another program"),
    ],
)
def test_sqlite_failures_become_one_clear_message(reason, expected):
    error = database_error(sqlite3.OperationalError(reason), "shop.sqlite")
    assert isinstance(error, DatabaseError)
    assert expected in error.message
    assert "shop.sqlite" in error.message


def test_other_errors_are_left_as_bugs():
    assert database_error(sqlite3.OperationalError("no such table: x"), "shop.sqlite") is None
    assert database_error(ValueError("disk is full"), "shop.sqlite") is None


def test_a_full_disk_refuses_the_sale_whole(shop, add_product, cart_of):
    products = [add_product(f"P-{n}", f"Batik tulis motif {n} " * 8, stock=50) for n in range(60)]
    cart = cart_of(*[(p, 2) for p in products])
    tenders = [Tender(PaymentMethod.CASH, cart.totals().total)]
    before = row_counts(shop)
    fill_disk_at_next_page(shop.db.engine)

    with pytest.raises(DatabaseError, match="is full, so the change was not saved"):
        shop.checkout.complete_sale(cart, tenders)

    assert row_counts(shop) == before
    assert {p.stock_milli // 1000 for p in shop.catalogue.search(limit=100)} == {50}
    assert shop.check() == []


def test_the_sale_goes_through_once_there_is_room_again(db_path, add_product, cart_of, shop):
    products = [add_product(f"P-{n}", f"Tenun ikat {n} " * 8, stock=5) for n in range(60)]
    cart = cart_of(*[(p, 1) for p in products])
    tenders = [Tender(PaymentMethod.CASH, cart.totals().total)]
    full = Database.open(db_path)
    fill_disk_at_next_page(full.engine)
    with pytest.raises(DatabaseError, match="is full"):
        Shop.over(full).checkout.complete_sale(cart, tenders)
    full.close()
    result = shop.checkout.complete_sale(cart, tenders)
    assert result.number == "A-000001"
    assert shop.check() == []


def test_a_full_disk_in_the_cli_says_so_and_changes_nothing(
    db_path, tmp_path, monkeypatch, capsys, write_csv
):
    rows = "\n".join(f"K-{n},Kain songket {n} {'x' * 150},150000,3" for n in range(400))
    products = write_csv(f"sku,name,price,stock\n{rows}\n", "products.csv")
    real_engine = database_module.create_sqlite_engine

    def full_engine(path):
        engine = real_engine(path)
        fill_disk_at_next_page(engine)
        return engine

    Shop.open(db_path).close()  # a shop in use already has its till identity
    monkeypatch.setattr(database_module, "create_sqlite_engine", full_engine)
    before = fingerprint(db_path)

    code = run_cli(monkeypatch, tmp_path, "--db", db_path, "products", "import", products)

    assert code == 1
    err = capsys.readouterr().err
    assert "is full, so the change was not saved and nothing was changed" in err
    assert str(db_path) in err
    assert fingerprint(db_path) == before


@pytest.fixture
def shared_db(template_db):
    """A database in a folder an ordinary user may enter, as root made it (mode 644)."""
    with shared_folder() as folder:
        path = folder / "shop.sqlite"
        shutil.copyfile(template_db, path)
        Shop.open(path).close()  # give it a till, as a shop in use has
        yield path


def test_the_harness_lets_an_ordinary_user_write_a_writable_database(shared_db):
    shared_db.chmod(0o666)
    with as_ordinary_user():
        Shop.open(shared_db).close()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_is_refused_with_a_clear_message(shared_db, what):
    if what == "file":
        shared_db.chmod(0o444)
    else:
        shared_db.chmod(0o666)
        shared_db.parent.chmod(0o555)
    before = fingerprint(shared_db)
    with as_ordinary_user(), pytest.raises(DatabaseError) as raised:
        Shop.open(shared_db)
    assert raised.value.message == (
        f"{shared_db} is read-only, so nothing can be saved. Move it to a folder you may "
        "write to, or change the file's permissions."
    )
    assert fingerprint(shared_db) == before


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("file", "is read-only, so nothing can be saved"),
        ("folder", "Cannot use {folder}: Permission denied. Check that you may write to it."),
    ],
)
def test_the_cli_refuses_a_read_only_database_and_changes_nothing(
    shared_db, tmp_path, monkeypatch, capsys, write_csv, what, message
):
    products = write_csv("sku,name,price\nA,Anyaman,5000\n")
    products.parent.chmod(0o755)
    products.chmod(0o644)
    if what == "file":
        shared_db.chmod(0o444)
    else:
        shared_db.chmod(0o666)
        shared_db.parent.chmod(0o555)
    before = fingerprint(shared_db)
    with as_ordinary_user():
        code = run_cli(monkeypatch, tmp_path, "--db", shared_db, "products", "import", products)
    assert code == 1
    assert message.format(folder=shared_db.parent) in capsys.readouterr().err
    assert fingerprint(shared_db) == before


@pytest.mark.parametrize(
    "damage",
    ["not a database", "truncated", "newer version"],
)
def test_files_that_cannot_be_used_are_refused_by_every_command(
    db_path, tmp_path, monkeypatch, capsys, write_csv, damage
):
    if damage == "not a database":
        db_path.write_bytes(b"PK\x03\x04 a zip file, not a shop")
        expected = "is not a Bazaar POS database"
    elif damage == "truncated":
        db_path.write_bytes(db_path.read_bytes()[:6000])
        expected = "damaged"
    else:
        with sqlite3.connect(db_path) as connection:
            connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
        connection.close()
        expected = "made by a newer version of Bazaar POS"
    before = fingerprint(db_path)
    products = write_csv("sku,name,price\nA,Anyaman,5000\n")
    for command in (
        ["check"],
        ["products", "import", products],
        ["products", "export", tmp_path / "out.csv"],
        ["backup"],
    ):
        assert run_cli(monkeypatch, tmp_path, "--db", db_path, *command) == 1, command
        assert expected in capsys.readouterr().err, command
    assert fingerprint(db_path) == before
    assert not (db_path.parent / "backups").exists()
    assert not (tmp_path / "out.csv").exists()

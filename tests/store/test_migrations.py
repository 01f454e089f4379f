import sqlite3
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bazaar_pos.errors import DatabaseError
from bazaar_pos.store.database import Database
from bazaar_pos.store.inspection import APPLICATION_ID, head_revision, inspect_file
from bazaar_pos.store.models import Base


def test_an_empty_database_upgrades_to_head_and_matches_the_models(tmp_path):
    db = Database.open(tmp_path / "new.sqlite")
    try:
        assert db.current_revision() == head_revision()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        db.close()


def test_the_file_is_marked_as_ours_with_the_sales_pragmas(db_path):
    db = Database.open(db_path)
    try:
        with db.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("application_id") == APPLICATION_ID
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 5000
    finally:
        db.close()


def test_a_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list")
    with pytest.raises(DatabaseError, match="not a Bazaar POS database"):
        Database.open(path)
    assert path.read_text() == "shopping list"


def test_another_apps_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Bazaar POS database"):
        Database.open(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        Database.open(db_path)
    assert db_path.read_bytes() == before


def test_a_truncated_database_is_refused(db_path, tmp_path):
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(db_path.read_bytes()[:5000])
    with pytest.raises(DatabaseError, match="damaged"):
        Database.open(truncated)


def test_an_older_database_is_backed_up_then_upgraded(db_path, monkeypatch):
    stored_revision = head_revision()
    monkeypatch.setattr("bazaar_pos.store.database.head_revision", lambda: "newer_head")
    upgraded = []
    monkeypatch.setattr(Database, "upgrade", lambda self: upgraded.append(True))
    Database.open(db_path).close()
    backups = list((db_path.parent / "backups").glob("shop-*-before-upgrade-*.sqlite"))
    assert upgraded == [True]
    assert len(backups) == 1
    assert inspect_file(backups[0]) == stored_revision


def test_a_missing_file_is_a_new_database(tmp_path):
    assert inspect_file(tmp_path / "missing.sqlite") is None


def test_the_revisions_read_at_start_are_alembics():
    from alembic.script import ScriptDirectory

    from bazaar_pos.store.inspection import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {s.revision for s in scripts.walk_revisions()}


def test_the_connection_returned_last_is_handed_out_next(db_path):
    db = Database.open(db_path)
    try:
        first, second = db.engine.raw_connection(), db.engine.raw_connection()
        warm = second.driver_connection
        first.close()
        second.close()
        again = db.engine.raw_connection()
        assert again.driver_connection is warm
        again.close()
    finally:
        db.close()


def test_opening_the_shop_does_not_load_alembic(db_path):
    code = (
        "import sys; from pathlib import Path; from bazaar_pos.services.shop import Shop;"
        f" Shop.open(Path({str(db_path)!r})).close();"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('alembic', 'openpyxl', 'escpos', 'reportlab', 'qrcode')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_database_cut_at_a_page_boundary_is_refused_without_reading_every_page(db_path, tmp_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("CREATE TABLE filler (x TEXT)")
        connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    connection.close()
    data = db_path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 60 * page_size
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(data[: 40 * page_size])  # the schema on page 1 still reads
    with pytest.raises(DatabaseError, match="damaged"):
        inspect_file(cut, full_check=False)
    assert inspect_file(db_path, full_check=False) == head_revision()

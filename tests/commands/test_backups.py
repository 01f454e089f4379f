"""``bazaar-pos backup`` and ``bazaar-pos restore`` through the installed entry point."""

import sqlite3

from bazaar_pos.store.inspection import head_revision, inspect_file
from tests.helpers.cli import bazaar_pos, bazaar_pos_on_a_terminal


def sales_in(path):
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT count(*) FROM sales").fetchone()[0]
    connection.close()
    return count


def test_backup_list_and_restore(db_path, tmp_path, write_csv):
    sales = write_csv("order_ref,date,sku,qty\nN-1,2026-11-20,KOP-1,1\n", "s.csv")
    products = write_csv("sku,name,price,stock\nKOP-1,Kopi,95000,5\n", "p.csv")
    assert bazaar_pos("--db", db_path, "products", "import", products).returncode == 0
    assert bazaar_pos("--db", db_path, "sales", "import", sales).returncode == 0

    made = bazaar_pos("--db", db_path, "backup")
    assert made.returncode == 0, made.stderr
    (line,) = made.stdout.splitlines()
    backup = tmp_path / line.removeprefix("Backed up to ").removesuffix(".")
    assert backup.parent == db_path.parent / "backups"
    assert inspect_file(backup) == head_revision()

    chosen = bazaar_pos("--db", db_path, "backup", "-o", tmp_path / "kept.sqlite")
    assert chosen.stdout.strip() == f"Backed up to {tmp_path / 'kept.sqlite'}."
    listed = bazaar_pos("--db", db_path, "backup", "--list").stdout
    assert backup.name in listed
    assert "manual" in listed

    more = write_csv("order_ref,date,sku,qty\nN-2,2026-11-21,KOP-1,2\n", "more.csv")
    assert bazaar_pos("--db", db_path, "sales", "import", more).returncode == 0
    assert sales_in(db_path) == 2

    restored = bazaar_pos("--db", db_path, "restore", tmp_path / "kept.sqlite")
    assert restored.returncode == 0, restored.stderr
    assert restored.stderr == ""  # piped: no progress lines
    out = restored.stdout
    assert f"Restoring {tmp_path / 'kept.sqlite'}:" in out
    assert "  1 sale\n" in out
    assert "  Last sale: A-000001 on 2026-11-20" in out
    assert "The replaced database was kept as" in out
    replaced = out.split("The replaced database was kept as ")[1].strip().removesuffix(".")
    assert sales_in(db_path) == 1
    assert sales_in(replaced) == 2
    checked = bazaar_pos("--db", db_path, "check")
    assert (checked.returncode, checked.stdout.strip()) == (0, "All checks passed.")


def test_a_restore_on_a_terminal_shows_the_copy_going(db_path, tmp_path):
    assert bazaar_pos("--db", db_path, "backup", "-o", tmp_path / "kept.sqlite").returncode == 0
    done, shown = bazaar_pos_on_a_terminal("--db", db_path, "restore", tmp_path / "kept.sqlite")
    assert done.returncode == 0, shown
    assert "\rChecking the backup" in shown
    assert "\rCopying the backup [" in shown
    assert "100%" in shown
    assert shown.endswith("\r")
    assert f"Restored {db_path}." in done.stdout


def test_restore_refuses_a_file_that_is_not_a_backup(db_path, write_csv):
    not_a_backup = write_csv("sku,name,price\n", "products.sqlite")
    before = sales_in(db_path)
    done = bazaar_pos("--db", db_path, "restore", not_a_backup)
    assert done.returncode == 1
    assert done.stderr.strip() == f"{not_a_backup} is not a Bazaar POS database."
    assert not (db_path.parent / "backups").exists()
    assert sales_in(db_path) == before


def test_restore_works_when_the_database_itself_is_damaged(db_path, tmp_path):
    assert bazaar_pos("--db", db_path, "backup", "-o", tmp_path / "good.sqlite").returncode == 0
    db_path.write_bytes(db_path.read_bytes()[:5000])  # the disk ate the end of the file
    assert "damaged" in bazaar_pos("--db", db_path, "check").stderr
    done = bazaar_pos("--db", db_path, "restore", tmp_path / "good.sqlite")
    assert done.returncode == 0, done.stderr
    assert bazaar_pos("--db", db_path, "check").stdout.strip() == "All checks passed."
    (kept,) = (db_path.parent / "backups").glob("shop-*-replaced.sqlite")
    assert kept.stat().st_size == 5000


def test_a_database_in_a_synced_folder_gets_a_warning(template_db, tmp_path):
    dropbox = tmp_path / "Dropbox"
    dropbox.mkdir()
    path = dropbox / "shop.sqlite"
    path.write_bytes(template_db.read_bytes())
    done = bazaar_pos("--db", path, "check")
    assert done.returncode == 0
    assert "Warning: The shop database" in done.stderr
    assert "put only backups in Dropbox" in done.stderr


def test_a_second_folder_and_how_many_to_keep_are_set_from_the_command_line(db_path, tmp_path):
    usb = tmp_path / "USB STICK"
    usb.mkdir()
    done = bazaar_pos("--db", db_path, "backup", "--second-folder", usb, "--keep", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        "From now on the newest 2 backups are kept.",
        f"From now on backups also go to {usb}.",
    ]
    assert [line.rsplit("/", 2)[-2] for line in lines[2:]] == ["backups", "USB STICK"]
    missing = bazaar_pos("--db", db_path, "backup", "--second-folder", tmp_path / "gone")
    assert (missing.returncode, missing.stderr.strip()) == (
        1,
        f"Folder not found: {tmp_path / 'gone'}",
    )
    assert bazaar_pos("--db", db_path, "backup", "--keep", "0").returncode == 1

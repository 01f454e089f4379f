"""``bazaar-pos users`` and ``bazaar-pos audit`` through the installed entry point."""

import csv

from bazaar_pos.services.shop import Shop
from tests.helpers.cli import bazaar_pos


def test_users_are_added_with_pins_read_off_the_command_line(db_path):
    done = bazaar_pos(
        "--db", db_path, "users", "add", "Budi", "--role", "cashier", stdin="1470\n1470\n"
    )
    assert done.returncode == 1
    assert "Add the owner first" in done.stderr

    done = bazaar_pos(
        "--db", db_path, "users", "add", "Sari", "--role", "owner", stdin="2580\n2580\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Added Sari (Owner)."
    done = bazaar_pos("--db", db_path, "users", "add", "Budi", stdin="1470\n1407\n")
    assert (done.returncode, done.stderr.strip()) == (
        1,
        "The two PINs differ; nothing was changed.",
    )
    assert bazaar_pos("--db", db_path, "users", "add", "Budi", stdin="1470\n1470\n").returncode == 0

    listed = bazaar_pos("--db", db_path, "users", "list")
    assert listed.stdout.splitlines() == ["Sari\tOwner\tactive", "Budi\tCashier\tactive"]
    assert bazaar_pos("--db", db_path, "users", "disable", "Budi").returncode == 0
    assert "Budi\tCashier\tdisabled" in bazaar_pos("--db", db_path, "users", "list").stdout
    assert bazaar_pos("--db", db_path, "users", "enable", "Budi").returncode == 0
    changed = bazaar_pos("--db", db_path, "users", "set-pin", "Budi", stdin="3690\n3690\n")
    assert changed.stdout.strip() == "The PIN of Budi was changed."
    assert "1470" not in db_path.read_bytes().decode("latin-1")

    shop = Shop.open(db_path)
    try:
        assert shop.access.sign_in("Budi", "3690").name == "Budi"
    finally:
        shop.close()


def test_the_audit_log_exports_to_csv_as_the_owner(db_path, tmp_path):
    bazaar_pos("--db", db_path, "users", "add", "Sari", "--role", "owner", stdin="2580\n2580\n")
    out = tmp_path / "audit.csv"
    done = bazaar_pos("--db", db_path, "audit", "export", "-o", out, "--action", "user.added")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Exported 1 event to {out}."
    with out.open(newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["action"], row["reference"], row["user"]) == ("user.added", "Sari", "@cli")

    done = bazaar_pos(
        "--db", db_path, "audit", "export", "-o", out, "--from", "2000-01-01", "--to", "2000-01-02"
    )
    assert done.stdout.strip() == f"Exported 0 events to {out}."

    done = bazaar_pos("--db", db_path, "audit", "export", "-o", out, "--from", "01/01/2000")
    assert done.returncode == 0, done.stderr
    done = bazaar_pos("--db", db_path, "--lang", "id", "audit", "export", "-o", out, "--from", "x")
    assert done.returncode == 2
    assert "'x' bukan tanggal" in done.stderr.splitlines()[-1]

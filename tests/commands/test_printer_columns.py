"""``printer set --columns`` and ``printer show`` through the installed entry point."""

from tests.helpers.cli import bazaar_pos as run


def test_an_80mm_printer_in_42_column_mode(db_path, tmp_path):
    target = tmp_path / "lp0"
    uri = f"file://{target}"
    done = run("--db", db_path, "printer", "set", uri, "--width", "80", "--columns", "42")
    assert done.returncode == 0, done.stderr
    assert "Paper: 80 mm, 42 characters a line" in done.stdout
    shown = run("--db", db_path, "printer", "show")
    assert shown.returncode == 0, shown.stderr
    assert "Paper: 80 mm, 42 characters a line" in shown.stdout.splitlines()
    assert run("--db", db_path, "printer", "test").returncode == 0
    assert b"\n123456789012345678901234567890123456789012\n" in target.read_bytes()
    target.unlink()

    again = run("--db", db_path, "printer", "set", uri, "--width", "80")  # same paper: stays 42
    assert "Paper: 80 mm, 42 characters a line" in again.stdout
    narrow = run("--db", db_path, "printer", "set", uri, "--width", "58")
    assert "Paper: 58 mm, 32 characters a line" in narrow.stdout
    wide = run("--db", db_path, "printer", "set", uri, "--columns", "48")  # implies 80 mm
    assert "Paper: 80 mm, 48 characters a line" in wide.stdout


def test_impossible_line_widths_are_refused(db_path):
    uri = "network://192.168.1.50"
    done = run("--db", db_path, "printer", "set", uri, "--width", "58", "--columns", "42")
    assert done.returncode == 1
    assert "58 mm paper holds 32 characters a line, not 42." in done.stderr
    done = run("--db", db_path, "printer", "set", uri, "--width", "80", "--columns", "32")
    assert done.returncode == 1
    assert "80 mm paper holds 48 characters a line, or 42 in 42-column mode, not 32." in (
        done.stderr
    )
    done = run("--db", db_path, "printer", "set", uri, "--columns", "40")
    assert done.returncode == 2
    assert "invalid choice: 40 (choose from 32, 42, 48)" in done.stderr
    shown = run("--db", db_path, "printer", "show")
    assert "Printer: (none)" in shown.stdout
    assert "Paper: 58 mm, 32 characters a line" in shown.stdout


def test_the_columns_are_explained_in_indonesian(db_path):
    done = run("--db", db_path, "--lang", "id", "printer", "set", "--help")
    assert done.returncode == 0, done.stderr
    assert "mode 42 kolom" in " ".join(done.stdout.split())

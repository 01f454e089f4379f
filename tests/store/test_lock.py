"""One app per database: the lock file beside the database."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from bazaar_pos import cli
from bazaar_pos.errors import DatabaseError, DatabaseInUseError
from bazaar_pos.store.lock import DatabaseLock, lock_path
from tests.helpers.unprivileged import as_ordinary_user, shared_folder


def run_cli(monkeypatch, tmp_path, *args):
    """Run ``bazaar-pos`` in this process (so a full disk can be simulated), in English.

    Logging and the language stay as the tests set them: neither may depend on
    reading folders that an ordinary user cannot enter.
    """
    monkeypatch.setattr(cli, "setup_logging", lambda: tmp_path / "bazaar-pos.log")
    monkeypatch.setattr(cli, "set_language", lambda language: None)
    return cli.main([str(a) for a in args])


def test_a_second_holder_is_refused_with_a_clear_message(db_path):
    with DatabaseLock(db_path) as first:
        assert first.held
        assert lock_path(db_path) == db_path.with_name("shop.sqlite.lock")
        with pytest.raises(DatabaseInUseError) as refused:
            DatabaseLock(db_path).acquire()
    message = refused.value.message
    assert message.startswith(f"Bazaar POS is already open on {db_path} (process {os.getpid()}")
    assert "Close the other window, or wait for the other command to finish" in message
    assert not first.held
    with DatabaseLock(db_path) as again:  # released: the next one gets it
        assert again.held


def test_the_holder_is_named_without_pread_and_pwrite_as_on_windows(db_path, monkeypatch):
    monkeypatch.delattr(os, "pread")
    monkeypatch.delattr(os, "pwrite")
    with DatabaseLock(db_path), pytest.raises(DatabaseInUseError) as refused:
        DatabaseLock(db_path).acquire()
    assert f"(process {os.getpid()} on " in refused.value.message


def test_a_killed_holder_leaves_no_stale_lock(db_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from bazaar_pos.store.lock import DatabaseLock
                DatabaseLock({str(db_path)!r}).acquire()
                print("locked", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseInUseError, match=f"process {holder.pid}"):
            DatabaseLock(db_path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    with DatabaseLock(db_path) as lock:
        assert lock.held


def test_writing_commands_wait_their_turn_but_reading_ones_do_not(
    shop, db_path, tmp_path, monkeypatch, capsys, write_csv
):
    products = write_csv("sku,name,price\nA,Anyaman,5000\n")
    with DatabaseLock(db_path):
        assert run_cli(monkeypatch, tmp_path, "--db", db_path, "products", "import", products) == 1
        assert "Bazaar POS is already open on" in capsys.readouterr().err
        assert run_cli(monkeypatch, tmp_path, "--db", db_path, "restore", db_path) == 1
        assert "already open" in capsys.readouterr().err
        assert run_cli(monkeypatch, tmp_path, "--db", db_path, "check") == 0
        assert run_cli(monkeypatch, tmp_path, "--db", db_path, "backup") == 0
        out = tmp_path / "out.csv"
        assert run_cli(monkeypatch, tmp_path, "--db", db_path, "products", "export", out) == 0
    assert shop.catalogue.search() == []
    assert run_cli(monkeypatch, tmp_path, "--db", db_path, "products", "import", products) == 0


def test_a_lock_in_a_read_only_folder_is_a_clear_error():
    with shared_folder() as folder:
        folder.chmod(0o555)
        with as_ordinary_user(), pytest.raises(DatabaseError) as refused:
            DatabaseLock(folder / "shop.sqlite").acquire()
    assert "Check that you may write to it" in refused.value.message

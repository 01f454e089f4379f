"""The one way the app writes a file: whole, durable, with the usual permissions."""

import os
import stat

import pytest

from bazaar_pos import files
from bazaar_pos.errors import DatabaseError, UserError
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.exports.labels import TEMPLATES, Label, write_labels
from bazaar_pos.exports.xlsx_io import write_xlsx


@pytest.fixture
def syncs(monkeypatch):
    """Every fsync, as ("file", name) or ("folder", path), in order; renames too."""
    done = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor):
        target = os.readlink(f"/proc/self/fd/{descriptor}")
        kind = "folder" if os.path.isdir(target) else "file"
        done.append((kind, os.path.basename(target) if kind == "file" else target))
        real_fsync(descriptor)

    def replace(source, target):
        done.append(("rename", os.path.basename(target)))
        real_replace(source, target)

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)
    return done


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="reads /proc to name descriptors")
def test_a_file_is_synced_then_renamed_then_its_folder_synced(tmp_path, syncs):
    target = tmp_path / "lines.csv"
    assert write_csv(target, ["sku", "qty"], [["A-1", 2]]) == 1
    assert target.read_bytes() == b"sku,qty\r\nA-1,2\r\n"
    (kind, temporary), *rest = syncs
    assert kind == "file"
    assert temporary.startswith(".lines.csv.")
    assert temporary.endswith(".part")
    assert rest == [("rename", "lines.csv"), ("folder", str(tmp_path))]


def test_new_files_get_the_usual_permissions_not_private_ones(tmp_path):
    old = os.umask(0o022)
    try:
        write_xlsx(tmp_path / "lines.xlsx", ["sku"], [["A-1"]])
        write_labels(
            tmp_path / "labels.pdf", [Label("Teh", "Rp9.000", "2000000000008")], TEMPLATES["a4-24"]
        )
        os.umask(0o027)
        write_csv(tmp_path / "lines.csv", ["sku"], [])
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {"lines.xlsx": 0o644, "labels.pdf": 0o644, "lines.csv": 0o640}


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF old")

    def render_half_then_break():
        with files.atomic_path(target) as temporary:
            temporary.write_bytes(b"%PDF half")
            raise RuntimeError("the renderer broke")

    with pytest.raises(RuntimeError):
        render_half_then_break()

    assert target.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_failed_sync_is_a_clear_error_and_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "produk.csv"
    target.write_text("old\n", encoding="utf-8")

    def broken(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files, "_sync_file", broken)
    with pytest.raises(UserError, match=r"Cannot write .*produk\.csv: Input/output error"):
        write_csv(target, ["sku"], [["A-1"]])
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["produk.csv"]


def test_the_error_class_is_the_callers(tmp_path):
    with (
        pytest.raises(DatabaseError, match="Cannot write"),
        files.atomic_path(tmp_path / "missing" / "x.sqlite", error=DatabaseError),
    ):
        pass


def test_new_folders_are_synced_into_their_parents(tmp_path, syncs):
    files.make_folder(tmp_path / "backups" / "usb")
    assert (tmp_path / "backups" / "usb").is_dir()
    assert syncs == [("folder", str(tmp_path)), ("folder", str(tmp_path / "backups"))]


def test_windows_skips_the_folder_sync_it_cannot_do(tmp_path, syncs, monkeypatch):
    monkeypatch.setattr(files, "CAN_SYNC_FOLDERS", False)
    (tmp_path / "a").write_text("x", encoding="utf-8")
    files.move_durably(tmp_path / "a", tmp_path / "b")
    assert syncs == [("rename", "b")]

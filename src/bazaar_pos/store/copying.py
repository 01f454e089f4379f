"""Copying a database, even one in use, whole or not at all."""

from __future__ import annotations

import sqlite3
from contextlib import closing, suppress
from pathlib import Path

from bazaar_pos.errors import DatabaseError
from bazaar_pos.files import atomic_path, make_folder
from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress, quiet
from bazaar_pos.store.engine import BUSY_TIMEOUT_MS, connect_read_only, database_error

PAGES_PER_STEP = 1024
"""Pages copied between two progress reports (4 MiB of a database with 4 KiB pages)."""


def copy_database(
    source: Path, target: Path, *, live: bool = False, progress: Progress | None = None
) -> Path:
    """Copy a database, even one in use, to ``target`` whole or not at all.

    Uses SQLite's online backup API, so the copy is a consistent snapshot
    even while sales are being written. The copy is one self-contained file
    (a backup in rollback journal mode; with ``live``, a database to put in
    place of the shop's, in WAL mode: opening it then writes no rollback
    journal, which a power cut could leave behind to stop the app) and passes
    ``integrity_check``; :func:`bazaar_pos.files.atomic_path` then syncs it,
    gives it its name and syncs the folder (made, synced, if it is new). The
    copy's own syncs are off: until it has its name it is only a temporary
    file, thrown away if anything fails. Raises DatabaseError, leaving no
    partial file. ``progress`` hears how many pages are copied, and a cancel
    stops the copy between two steps, leaving no file.
    """
    source, target = Path(source), Path(target)
    try:
        make_folder(target.parent)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot write {path}: {reason}").format(path=target, reason=exc.strerror or exc)
        ) from exc
    try:
        with atomic_path(target, error=DatabaseError) as partial:
            try:
                _copy(source, partial, "WAL" if live else "DELETE", progress or quiet())
            finally:
                for ending in ("-journal", "-wal", "-shm"):
                    _remove(partial.with_name(partial.name + ending))
    except sqlite3.Error as exc:
        raise database_error(exc, source) or DatabaseError(
            _("Cannot copy {path}: {reason}").format(path=source, reason=exc)
        ) from exc
    return target


def _copy(source: Path, partial: Path, journal_mode: str, progress: Progress) -> None:
    """SQLite's online backup of ``source`` into the empty file ``partial``, checked."""
    with (
        closing(connect_read_only(source)) as reader,
        closing(sqlite3.connect(partial)) as writer,
    ):
        reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        writer.execute("PRAGMA synchronous = OFF")
        reader.backup(
            writer,
            pages=PAGES_PER_STEP,
            progress=lambda _status, left, total: progress.reach(total - left, total),
        )
        writer.execute(f"PRAGMA journal_mode = {journal_mode}")
        verdict = writer.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise DatabaseError(
            _("The copy of {path} failed its check ({reason}).").format(path=source, reason=verdict)
        )


def _remove(path: Path) -> None:
    """Delete a partial file if there is one; a folder that is gone is fine too."""
    with suppress(OSError):
        path.unlink(missing_ok=True)

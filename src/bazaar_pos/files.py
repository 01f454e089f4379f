"""Writing files whole or not at all, and durably: the one way the app writes a file.

Every file the app writes (backups, exports, PDFs, photos) is written to a
temporary file in the same folder, flushed and synced to disk, renamed over
the old file, and then the folder is synced so the new name survives a power
cut too. A file that is half written, or whose sync fails, never gets the
name: the temporary file is removed and the old file, if any, stays as it was.
``tests/safety/test_power_cut.py`` cuts the power at every step to prove it.

Windows cannot sync a folder; there the rename is as durable as NTFS makes it.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

CAN_SYNC_FOLDERS = os.name != "nt"
"""Windows opens no folder as a file, so it cannot sync one."""
_BINARY = getattr(os, "O_BINARY", 0)
_NO_FOLDER_SYNC = (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP)
"""What a file system that cannot sync folders (some network shares) answers."""


@contextmanager
def atomic_path(path: Path, *, error: type[UserError] = UserError) -> Iterator[Path]:
    """A temporary file next to ``path`` to write by name; it becomes ``path`` only on success.

    Whatever writes the temporary file (ReportLab, openpyxl, zipfile, SQLite)
    may fail half way: then ``path`` is left as it was and the temporary file
    is removed. On success the file is synced, renamed to ``path`` and its
    folder synced. The file gets the usual permissions (0666 less the umask).
    Failures of the file system raise ``error`` (a UserError) saying why.
    """
    path = Path(path)
    try:
        temporary = _create_temporary(path)
    except OSError as exc:
        raise error(_cannot_write(path, exc)) from None
    try:
        yield temporary
        _sync_file_at(temporary)
        os.replace(temporary, path)
        sync_folder(path.parent)
    except OSError as exc:
        _remove(temporary)
        raise error(_cannot_write(path, exc)) from None
    except BaseException:
        _remove(temporary)
        raise


@contextmanager
def atomic_writer(path: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text file that appears at ``path`` only once it is completely written."""
    with (
        atomic_path(path) as temporary,
        temporary.open("w", encoding="utf-8", newline=newline) as handle,
    ):
        yield handle


def make_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each synced into its parent folder."""
    folder = Path(folder)
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        sync_folder(new.parent)


def move_durably(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target`` (replacing it) and sync the folders involved.

    The target's folder is synced first: a file moved to another folder is
    never, after a power cut, in neither.
    """
    source, target = Path(source), Path(target)
    os.replace(source, target)
    sync_folder(target.parent)
    if source.parent.absolute() != target.parent.absolute():
        sync_folder(source.parent)


def sync_folder(folder: Path) -> None:
    """Make the names in ``folder`` (new files, renames) durable; nothing to do on Windows."""
    if not CAN_SYNC_FOLDERS:
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno not in _NO_FOLDER_SYNC:
            raise
    finally:
        os.close(descriptor)


def _sync_file(descriptor: int) -> None:
    """Make a file's data durable; a failure is final (the data may be gone)."""
    os.fsync(descriptor)


def _sync_file_at(path: Path) -> None:
    descriptor = os.open(path, os.O_RDWR | _BINARY)  # Windows syncs only files open to write
    try:
        _sync_file(descriptor)
    finally:
        os.close(descriptor)


def _create_temporary(path: Path) -> Path:
    """A new empty file ``.NAME.RANDOM.part`` beside ``path``, made with the umask's mode."""
    for _attempt in range(100):
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
        except FileExistsError:
            continue
        os.close(descriptor)
        return candidate
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _remove(path: Path) -> None:
    """Delete a temporary file if it is still there; a folder that is gone is fine too."""
    with suppress(OSError):
        path.unlink(missing_ok=True)


def _cannot_write(path: Path, exc: OSError) -> str:
    return _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)

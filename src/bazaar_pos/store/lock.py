"""One app per database: an operating-system lock on a file beside the database.

The GUI and every command that writes hold the lock while they run, so a
second window (or an import while the window is open) is refused with a clear
message instead of two programs changing the shop at once. The operating
system drops the lock when the process ends, even when it is killed, so a
crash never leaves a stale lock behind.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
from pathlib import Path
from types import TracebackType

from bazaar_pos.errors import DatabaseError, DatabaseInUseError
from bazaar_pos.i18n import _

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte past the text, so others can still read it


def lock_path(database: Path) -> Path:
    """The lock file of ``database``: ``shop.sqlite.lock`` beside ``shop.sqlite``."""
    database = Path(database)
    return database.with_name(database.name + LOCK_SUFFIX)


class DatabaseLock:
    """An exclusive lock on one database, for as long as this process holds it."""

    def __init__(self, database: Path) -> None:
        """Prepare to lock ``database``; nothing is locked until :meth:`acquire`."""
        self.database = Path(database)
        self.path = lock_path(self.database)
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._descriptor is not None

    def acquire(self) -> DatabaseLock:
        """Take the lock, or raise DatabaseInUseError naming who holds it.

        Raises DatabaseError when the lock file cannot be made (a read-only
        folder). On file systems without locks the database opens unlocked.
        """
        if self.held:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot use {folder}: {reason}. Check that you may write to it.").format(
                    folder=self.path.parent, reason=exc.strerror or exc
                )
            ) from exc
        try:
            _lock(descriptor)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                log.warning("no file locks on %s; opening without one", self.path)
            else:
                holder = _read_holder(descriptor)
                os.close(descriptor)
                raise DatabaseInUseError(
                    _(
                        "Bazaar POS is already open on {path} ({holder}). Close the other "
                        "window, or wait for the other command to finish, then try again."
                    ).format(path=self.database, holder=holder)
                ) from exc
        _write_holder(descriptor)
        self._descriptor = descriptor
        return self

    def release(self) -> None:
        """Let the lock go; the file stays, so no other process can race on a new one."""
        if self._descriptor is None:
            return
        descriptor, self._descriptor = self._descriptor, None
        try:
            _unlock(descriptor)
        finally:
            os.close(descriptor)

    def __enter__(self) -> DatabaseLock:
        """Acquire the lock for a ``with`` block."""
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Release the lock at the end of the ``with`` block."""
        self.release()


def _holder_text() -> str:
    return f"{os.getpid()} {socket.gethostname()}"


# lseek with read/write rather than pread/pwrite, which Windows lacks.
def _write_holder(descriptor: int) -> None:
    try:
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, _holder_text().encode())
    except OSError:  # pragma: no cover - informative only
        pass


def _read_holder(descriptor: int) -> str:
    """Describe the process holding the lock, as far as its note says."""
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        pid, _sep, host = os.read(descriptor, 200).decode(errors="replace").partition(" ")
    except OSError:  # pragma: no cover - informative only
        pid, host = "", ""
    if pid.strip().isdigit():
        return _("process {pid} on {host}").format(pid=pid.strip(), host=host.strip() or "?")
    return _("another process")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(descriptor: int) -> None:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

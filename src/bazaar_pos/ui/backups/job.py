"""A backup run on the thread pool, so the till never waits for the disk."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from bazaar_pos.errors import UserError
from bazaar_pos.services.safety.backups import BackupService


class BackupJob(QObject):
    """One backup in the background; reports back by signal in the GUI thread."""

    finished = Signal(object)
    """The backup is made; carries the BackupResult."""
    failed = Signal(str)
    """The backup could not be made; carries the reason for people."""

    def __init__(self, backups: BackupService, kind: str, parent: QObject | None = None) -> None:
        """Prepare a backup of ``kind`` (``daily``, ``manual``…) with ``backups``."""
        super().__init__(parent)
        self.setObjectName("backupJob")
        self._backups = backups
        self.kind = kind

    def start(self, pool: QThreadPool | None = None) -> None:
        """Run the backup on ``pool`` (the global pool by default)."""
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def run(self) -> None:
        """Make the backup here and now (the pool calls this off the GUI thread)."""
        try:
            result = self._backups.back_up(self.kind)
        except UserError as exc:
            self.failed.emit(exc.message)
        else:
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, job: BackupJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()

"""The main window's backups: daily and on request in the background, on closing; restores."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.progress import Cancelled, Progress
from bazaar_pos.services.safety.backups import BackupResult, PreparedRestore, local_time
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.common.dialogs import Icon, Notice
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.progress import Reports, run_with_progress

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 30 * 60 * 1000
"""How often the window checks whether the daily backup is due."""
FIRST_CHECK_MS = 1500
"""The daily backup starts this long after the till shows, so it never slows the first sale."""


class WindowBackups:
    """Backups for the main window: the job runner, the half-hourly check, the status bar label.

    ``made`` is called with each backup made in the background, ``restored``
    with what a restore changed.
    """

    def __init__(
        self,
        window: QMainWindow,
        shop: Shop,
        made: Callable[[BackupResult], None],
        restored: Callable[[Changes], None],
    ) -> None:
        """Make backups of ``shop``'s database, telling the person in ``window``."""
        self.window = window
        self.shop = shop
        self._made = made
        self._restored = restored
        self.jobs = Jobs(window)
        self.automatic = False
        self.timer = QTimer(window)
        self.timer.setObjectName("backupTimer")
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setAccessibleName(_("Last backup"))
        self._reports = Reports(window)
        self._reports.reported.connect(self._show_progress)

    def start_automatic(self, *, first_check_ms: int = FIRST_CHECK_MS) -> None:
        """Back up soon if the daily backup is due, check again every half hour, and on close.

        The first check waits ``first_check_ms`` for the till to be on screen; a
        window closed before then still makes its closing backup.
        """
        self.automatic = True
        self.timer.start()
        QTimer.singleShot(first_check_ms, self.timer, self.back_up_if_due)

    def back_up_if_due(self) -> None:
        """Start the daily backup in the background when it is due."""
        if not self.jobs.busy and self.shop.backups.due():
            self._start("daily")

    def back_up_now(self) -> None:
        """Make a backup now with a progress window and Cancel (Shop → Back up now)."""
        if self.jobs.busy:
            self.window.statusBar().showMessage(_("A backup is already being made."), 5_000)
            return
        self.window.statusBar().showMessage(_("Backing up…"))
        run_with_progress(
            self.jobs,
            self.window,
            _("Backing up the shop"),
            lambda progress: self.shop.backups.back_up("manual", progress=progress),
            self._finished,
            self._failed,
        )

    def wait(self) -> None:
        """Block until any background backup has finished."""
        self.jobs.settle()

    def _start(self, kind: str) -> None:
        """The daily backup: behind the till, its progress in the status bar's label."""
        progress = Progress(self._reports.reported.emit)
        self.jobs.run(
            lambda: self.shop.backups.back_up(kind, progress=progress),
            self._finished,
            self._failed,
        )

    def _show_progress(self, _what: str, done: int, total: int) -> None:
        if total > 0:
            self.status.setText(_("Backing up… {percent}%").format(percent=100 * done // total))

    def _finished(self, result: BackupResult) -> None:
        self.show_last()
        if result.problems:
            self.window.statusBar().showMessage(" ".join(result.problems), 15_000)
        else:
            made = Path(result.made[0])
            # The file's name: a whole path runs under the status bar's other parts.
            self.window.statusBar().showMessage(
                _("Backed up to {path}").format(path=made.name), 8_000
            )
            self.status.setToolTip(str(made))
        self._made(result)

    def _failed(self, reason: str) -> None:
        self.show_last()
        if reason == Cancelled().message:
            self.window.statusBar().showMessage(reason, 8_000)
            return
        Notice.ask(self.window, _("The backup failed"), reason, name="backupFailedNotice")

    def show_last(self) -> None:
        """Show when the last backup was made in the status bar's label."""
        try:
            last = self.shop.backups.last_backup_at()
        except UserError:
            last = None
        self.status.setText(
            _("Last backup: {when}").format(when=local_time(last)) if last else _("No backup yet")
        )

    def restore(self) -> None:
        """Choose a backup, preview it and put it in place of the shop's database.

        The backup is checked and copied off the GUI thread, with a progress
        window whose Cancel keeps the shop as it was; putting the copy in place
        is a few renames, done here, and cannot be cancelled.
        """
        from bazaar_pos.ui.backups.restore_dialog import RestoreDialog

        chosen = RestoreDialog.ask(self.window, self.shop.backups)
        if chosen is None:
            return
        self.wait()
        self.window.statusBar().showMessage(_("Restoring…"))
        run_with_progress(
            self.jobs,
            self.window,
            _("Restoring the backup"),
            lambda progress: self.shop.backups.prepare_restore(chosen, progress=progress),
            self._put_in_place,
            self._restore_failed,
        )

    def _put_in_place(self, prepared: PreparedRestore) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.shop.backups.put_in_place(prepared)
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            self._restore_failed(exc.message)
            return
        QApplication.restoreOverrideCursor()
        self.window.statusBar().clearMessage()
        self._restored(result.changes)
        self.show_last()
        kept = (
            _("The replaced database was kept as {path}.").format(path=result.replaced)
            if result.replaced
            else ""
        )
        Notice.ask(
            self.window,
            _("Backup restored"),
            " ".join(
                [
                    _("The shop now holds the backup made {when}.").format(
                        when=local_time(result.restored.made_at)
                    ),
                    kept,
                ]
            ).strip(),
            icon=Icon.Information,
            name="restoredNotice",
        )

    def _restore_failed(self, reason: str) -> None:
        if reason == Cancelled().message:
            self.window.statusBar().showMessage(reason, 8_000)
            return
        self.window.statusBar().clearMessage()
        Notice.ask(self.window, _("The backup was not restored"), reason, name="restoreFailed")

    def close(self) -> None:
        """On closing: stop checking, wait for any backup, make the closing one if automatic."""
        self.timer.stop()
        self.wait()
        if not self.automatic:
            return
        self.automatic = False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.shop.backups.back_up("close")
        except UserError as exc:
            log.warning("closing backup failed: %s", exc.message)
            QApplication.restoreOverrideCursor()
            Notice.ask(self.window, _("The backup failed"), exc.message, name="backupFailedNotice")
        else:
            QApplication.restoreOverrideCursor()

"""The main window: navigation between the Till, Products, Stock, Reports and Settings."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from bazaar_pos import __version__
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.backups import BackupResult, local_time
from bazaar_pos.services.location import LocationRisk, location_risk
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.backups.job import BackupJob
from bazaar_pos.ui.backups.restore_dialog import RestoreDialog
from bazaar_pos.ui.notice import Icon, Notice
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher
from bazaar_pos.ui.printing.status import PrintStatus
from bazaar_pos.ui.products.screen import ProductsScreen
from bazaar_pos.ui.reports.screen import ReportsScreen
from bazaar_pos.ui.settings.screen import SettingsScreen
from bazaar_pos.ui.setup.wizard import SetupOutcome, SetupWizard
from bazaar_pos.ui.stock.screen import StockScreen
from bazaar_pos.ui.till.screen import TillScreen

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 30 * 60 * 1000
"""How often the window checks whether the daily backup is due."""


class MainWindow(QMainWindow):
    """The app's window; Ctrl+1 to Ctrl+5 switch screens.

    Sales completed or reprinted at the till (``till``) go to the print queue
    through ``printing``.
    """

    data_changed = Signal(object)
    """Data changed under every screen (a restore); carries a Changes. Screens refresh."""
    backup_made = Signal(object)
    """A backup was made in the background; carries the BackupResult."""

    def __init__(self, shop: Shop) -> None:
        """Build the screens over ``shop``."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.shop = shop
        self.backup_pool = QThreadPool(self)
        self.backup_pool.setMaxThreadCount(1)
        self._jobs: set[BackupJob] = set()
        self._automatic_backups = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setObjectName("backupTimer")
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.back_up_if_due)
        settings = shop.settings.load()
        self.printing = PrintDispatcher(shop.print_queue, self)
        self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Screens"))
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.till = TillScreen(shop)
        self.products = ProductsScreen(shop)
        self.stock = StockScreen(shop)
        self.reports = ReportsScreen(shop)
        self.settings_screen = SettingsScreen(shop)
        self.settings_screen.setup_requested.connect(self.run_setup)
        self.till.sale_completed.connect(self.printing.print_sale)
        self.till.sale_completed.connect(lambda _uuid: self.reports.mark_stale())
        self.till.reprint_requested.connect(self.printing.reprint_sale)
        self.products.products_changed.connect(self.stock.refresh)
        self.stock.stock_changed.connect(lambda _changes: self.products.refresh())
        self.reports.salesMerged.connect(lambda _summary: self.products.refresh())
        screens: list[tuple[str, QWidget]] = [
            (_("Till"), self.till),
            (_("Products"), self.products),
            (_("Stock"), self.stock),
            (_("Reports"), self.reports),
            (_("Settings"), self.settings_screen),
        ]
        for number, (label, screen) in enumerate(screens, start=1):
            item = QListWidgetItem(f"{label}   Ctrl+{number}")
            self.navigation.addItem(item)
            self.stack.addWidget(screen)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.show_screen(row))
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menu()
        self.location_risk: LocationRisk | None = (
            location_risk(shop.db.path) if shop.db.path is not None else None
        )
        self.location_warning = QLabel()
        self.location_warning.setObjectName("locationWarning")
        self.location_warning.setAccessibleName(_("Database location warning"))
        self.location_warning.setVisible(self.location_risk is not None)
        if self.location_risk is not None:
            self.location_warning.setText(
                _("⚠ Database in {service}: keep only backups there").format(
                    service=self.location_risk.service
                )
            )
            self.location_warning.setToolTip(self.location_risk.message(shop.db.path))
        self.backup_status = QLabel()
        self.backup_status.setObjectName("backupStatus")
        self.backup_status.setAccessibleName(_("Last backup"))
        self.statusBar().addPermanentWidget(self.location_warning)
        self.statusBar().addPermanentWidget(self.backup_status)
        self.statusBar().showMessage(
            _("Database: {path}").format(path=shop.db.path or shop.db.engine.url)
        )
        self.print_status = PrintStatus(self.printing)
        self.statusBar().addPermanentWidget(self.print_status, 1)
        self.data_changed.connect(self._refresh_screens)
        self._show_last_backup()
        self.show_screen(0)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.setObjectName("fileMenu")
        self.backup_action = QAction(_("&Back up now"), self)
        self.backup_action.setObjectName("backupAction")
        self.backup_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(_("&Restore from a backup…"), self)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(self.restore_from_backup)
        quit_action = QAction(_("&Quit"), self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    def show_screen(self, row: int) -> None:
        """Switch to the screen at ``row`` in the navigation."""
        self.navigation.setCurrentRow(row)

    def run_setup(self) -> SetupOutcome:
        """Run the first-time setup again (Settings); refresh what it changed."""
        outcome = SetupWizard.ask(self, self.shop, first_run=False)
        if outcome.finished:
            settings = self.shop.settings.load()
            self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
            self.data_changed.emit(
                Changes(products=outcome.demo_loaded, stock=outcome.demo_loaded, settings=True)
            )
        return outcome

    def focus_till(self) -> None:
        """Show the till with the keyboard in its scan field."""
        self.show_screen(0)
        self.activateWindow()
        self.till.scan.setFocus()

    # Backups -----------------------------------------------------------------

    def start_automatic_backups(self) -> None:
        """Back up now if the daily backup is due, check again every half hour, and on close."""
        self._automatic_backups = True
        self._backup_timer.start()
        self.back_up_if_due()

    def back_up_if_due(self) -> None:
        """Start the daily backup in the background when it is due."""
        if not self._jobs and self.shop.backups.due():
            self._start_backup("daily")

    def back_up_now(self) -> None:
        """Start a backup in the background (File → Back up now)."""
        if self._jobs:
            self.statusBar().showMessage(_("A backup is already being made."), 5_000)
            return
        self.statusBar().showMessage(_("Backing up…"))
        self._start_backup("manual")

    def wait_for_backups(self) -> None:
        """Block until any background backup has finished."""
        self.backup_pool.waitForDone()
        QApplication.sendPostedEvents(self)

    def _start_backup(self, kind: str) -> None:
        job = BackupJob(self.shop.backups, kind)
        self._jobs.add(job)
        job.finished.connect(lambda result, job=job: self._backup_finished(job, result))
        job.failed.connect(lambda reason, job=job: self._backup_failed(job, reason))
        job.start(self.backup_pool)

    def _backup_finished(self, job: BackupJob, result: BackupResult) -> None:
        self._jobs.discard(job)
        self._show_last_backup()
        if result.problems:
            self.statusBar().showMessage(" ".join(result.problems), 15_000)
        else:
            self.statusBar().showMessage(
                _("Backed up to {path}").format(path=result.made[0]), 8_000
            )
        self.backup_made.emit(result)

    def _backup_failed(self, job: BackupJob, reason: str) -> None:
        self._jobs.discard(job)
        self._show_last_backup()
        Notice.ask(self, _("The backup failed"), reason, name="backupFailedNotice")

    def _show_last_backup(self) -> None:
        try:
            last = self.shop.backups.last_backup_at()
        except UserError:
            last = None
        self.backup_status.setText(
            _("Last backup: {when}").format(when=local_time(last)) if last else _("No backup yet")
        )

    def restore_from_backup(self) -> None:
        """Choose a backup, preview it and put it in place of the shop's database."""
        chosen = RestoreDialog.ask(self, self.shop.backups)
        if chosen is None:
            return
        self.wait_for_backups()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.shop.backups.restore(chosen)
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            Notice.ask(self, _("The backup was not restored"), exc.message, name="restoreFailed")
            return
        QApplication.restoreOverrideCursor()
        self.data_changed.emit(result.changes)
        self._show_last_backup()
        kept = (
            _("The replaced database was kept as {path}.").format(path=result.replaced)
            if result.replaced
            else ""
        )
        Notice.ask(
            self,
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

    def _refresh_screens(self, changes: Changes) -> None:
        for index in range(self.stack.count()):
            refresh = getattr(self.stack.widget(index), "refresh", None)
            if callable(refresh):
                refresh()

    # The database's folder ----------------------------------------------------

    def warn_about_location(self) -> None:
        """Explain once per database path why a synced or network folder is risky."""
        path = self.shop.db.path
        if self.location_risk is None or path is None:
            return
        if self.shop.settings.load().location_warning_seen == str(path):
            return
        Notice.ask(
            self,
            _("Move the database to this computer"),
            self.location_risk.message(path),
            name="locationNotice",
        )
        self.shop.settings.update(location_warning_seen=str(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let a receipt being printed finish, make the closing backup, then close."""
        self.printing.wait()
        self.reports.background.wait()
        self._backup_timer.stop()
        self.wait_for_backups()
        if self._automatic_backups:
            self._automatic_backups = False
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.shop.backups.back_up("close")
            except UserError as exc:
                log.warning("closing backup failed: %s", exc.message)
                QApplication.restoreOverrideCursor()
                Notice.ask(self, _("The backup failed"), exc.message, name="backupFailedNotice")
            else:
                QApplication.restoreOverrideCursor()
        super().closeEvent(event)

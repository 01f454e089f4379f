"""The main window: sign-in, then the Till, Products, Stock, Reports and Settings screens."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from bazaar_pos import __version__
from bazaar_pos.domain.access import Actor, Permission, role_label
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.safety.backups import BackupResult, local_time
from bazaar_pos.services.safety.location import LocationRisk, location_risk
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.idle import IdleWatcher
from bazaar_pos.ui.access.sign_in import SignInScreen
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import Icon, Notice, TextDialog
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.operations import change_hub
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher
from bazaar_pos.ui.printing.status import PrintStatus
from bazaar_pos.ui.shortcuts import bind_each, sequence
from bazaar_pos.ui.till.screen import TillScreen

if TYPE_CHECKING:  # the other screens and the dialogs load when first opened
    from bazaar_pos.ui.audit.dialog import AuditDialog
    from bazaar_pos.ui.events.dialog import EventsDialog
    from bazaar_pos.ui.products.screen import ProductsScreen
    from bazaar_pos.ui.reports.screen import ReportsScreen
    from bazaar_pos.ui.settings.screen import SettingsScreen
    from bazaar_pos.ui.setup.wizard import SetupOutcome
    from bazaar_pos.ui.shifts.shift_dialog import ShiftDialog
    from bazaar_pos.ui.stock.screen import StockScreen

log = logging.getLogger(__name__)

SIGN_IN_PAGE, WORK_PAGE = 0, 1
TILL, PRODUCTS, STOCK, REPORTS, SETTINGS = range(5)
"""The screens' rows in the navigation and pages in the stack."""
BACKUP_CHECK_MS = 30 * 60 * 1000
"""How often the window checks whether the daily backup is due."""
WINDOW_SIZE = QSize(1280, 760)
"""The window's size on a screen with room to spare; smaller screens get it maximised."""


class MainWindow(QMainWindow):
    """The app's window; Ctrl+1 to Ctrl+5 switch screens.

    The till is built with the window; the other screens when first shown or
    first asked for (``products``, ``stock``, ``reports``, ``settings_screen``),
    so the till is ready sooner. Until then a screen's page in ``stack`` is an
    empty placeholder, and nothing needs refreshing or resetting there.

    A shop with users opens on the sign-in page, and goes back to it when the
    person signs out (Ctrl+U, to switch user), locks (Ctrl+L) or leaves the
    till idle for the owner's set minutes. Sales completed or reprinted at the
    till (``till``) go to the print queue through ``printing``.
    """

    data_changed = Signal(object)
    """Data changed under every screen (a restore); carries a Changes. Screens refresh."""
    backup_made = Signal(object)
    """A backup was made in the background; carries the BackupResult."""
    temporary_shop = False
    """The shop lives in a temporary folder (the demo): a cart in progress is lost on quitting."""

    def __init__(self, shop: Shop) -> None:
        """Build the screens over ``shop``."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.shop = shop
        self.backup_jobs = Jobs(self)
        self._automatic_backups = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setObjectName("backupTimer")
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.back_up_if_due)
        settings = shop.settings.load()
        self.approvals = Approvals(shop.access, self)
        self.printing = PrintDispatcher(shop.print_queue, self)
        self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Screens"))
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.till = TillScreen(shop)
        self._products: ProductsScreen | None = None
        self._stock: StockScreen | None = None
        self._reports: ReportsScreen | None = None
        self._settings: SettingsScreen | None = None
        self.till.sale_completed.connect(self.printing.print_sale)
        self.till.sale_completed.connect(self._sales_changed)
        self.till.reprint_requested.connect(self.printing.reprint_sale)
        self.till.shift_requested.connect(self.open_shift)
        labels = [_("Till"), _("Products"), _("Stock"), _("Reports"), _("Settings")]
        for number, label in enumerate(labels, start=1):
            item = QListWidgetItem(f"{label}   Ctrl+{number}")
            self.navigation.addItem(item)
            self.stack.addWidget(self.till if number == 1 else QWidget())
        bind_each("window.screen", self, self.show_screen)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.navigation.clicked.connect(lambda index: self.show_screen(index.row()))
        self.navigation.setFixedWidth(
            max(180, self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 8)
        )
        workspace = QWidget()
        workspace.setObjectName("workspace")
        layout = QHBoxLayout(workspace)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.sign_in = SignInScreen(shop)
        self.sign_in.signed_in.connect(self._signed_in)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.sign_in)
        self.pages.addWidget(workspace)
        self.setCentralWidget(self.pages)
        self.statusBar().showMessage(
            _("Database: {path}").format(path=shop.db.path or shop.db.engine.url)
        )
        self.who = QLabel()
        self.who.setObjectName("whoIsSignedIn")
        self.who.setAccessibleName(_("Signed in"))
        self.statusBar().addPermanentWidget(self.who)
        self.print_status = PrintStatus(self.printing)
        self.print_status.setup_requested.connect(self.show_printer_settings)
        self.print_status.no_printer_requested.connect(self.sell_without_printer)
        self.statusBar().addPermanentWidget(self.print_status, 1)
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
        self.data_changed.connect(self._refresh_screens)
        change_hub().changed.connect(self._changes_made)
        self._show_last_backup()
        self.actions_when_signed_in: list[QAction] = []
        self._build_menus()
        self._background = Jobs(self)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self.shift_dialog: ShiftDialog | None = None
        self.events_dialog: EventsDialog | None = None
        self.audit_dialog: AuditDialog | None = None
        self._last_user: str | None = None
        self.show_screen(0)
        if shop.access.actor is None:
            self._show_sign_in()
        else:
            self._show_work()

    # -- menus ---------------------------------------------------------------

    def _build_menus(self) -> None:
        shop_menu = self.menuBar().addMenu(_("&Shop"))
        self._action(
            shop_menu, "switchUser", _("&Switch user"), self.switch_user, "window.switchUser"
        )
        self._action(shop_menu, "lock", _("&Lock the till"), self.lock, "window.lock")
        shop_menu.addSeparator()
        self._action(shop_menu, "auditLog", _("&Audit log..."), self.open_audit, "window.auditLog")
        shop_menu.addSeparator()
        self.backup_action = self._action(
            shop_menu, "backupAction", _("&Back up now"), self.back_up_now, "window.backUp"
        )
        self.restore_action = self._action(
            shop_menu, "restoreAction", _("&Restore from a backup…"), self.restore_from_backup, None
        )
        shop_menu.addSeparator()
        # No Ctrl+Q: the till uses it for the QRIS payments to confirm.
        quit_action = shop_menu.addAction(_("&Quit"))
        quit_action.setObjectName("quit")
        quit_action.triggered.connect(self.quit_app)
        cash_menu = self.menuBar().addMenu(_("&Cash"))
        self._action(
            cash_menu,
            "cashShift",
            _("Cash &drawer and shift..."),
            self.open_shift,
            "window.cashShift",
        )
        self._action(
            cash_menu, "noSale", _("&No sale: open the drawer..."), self.no_sale, "window.noSale"
        )
        events_menu = self.menuBar().addMenu(_("&Events"))
        self._action(
            events_menu, "bazaarEvents", _("&Bazaar events..."), self.open_events, "window.events"
        )

    def _action(
        self, menu: object, name: str, text: str, slot: object, shortcut: str | None
    ) -> QAction:
        """A menu item named ``name``; ``shortcut`` is its action in the table of shortcuts."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(sequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        self.addAction(action)
        self.actions_when_signed_in.append(action)
        return action

    # -- signing in and out --------------------------------------------------

    def lock(self) -> None:
        """Ctrl+L (and after the idle minutes): back to the sign-in page, the cart kept."""
        self._leave(locked=True)

    def switch_user(self) -> None:
        """Ctrl+U: sign out so someone else can sign in; the cart is kept."""
        self._leave(locked=False)

    def _leave(self, *, locked: bool) -> None:
        if not self.shop.access.sign_in_required():
            self.statusBar().showMessage(
                _("Nobody signs in yet: add users under Settings > Users first."), 8000
            )
            return
        if self.pages.currentIndex() == SIGN_IN_PAGE:
            return
        actor = self.shop.access.actor
        self._last_user = actor.name if actor is not None else None
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.shop.access.sign_out(locked=locked)
        self._show_sign_in()

    def _signed_in(self, actor: Actor) -> None:
        for screen in (self._products, self._stock, self._reports, self.events_dialog):
            if screen is not None:  # a screen not built yet has shown nobody anything
                screen.access_changed()
        self._show_work()
        self.statusBar().showMessage(_("Signed in as {name}.").format(name=actor.label), 5000)

    def _show_sign_in(self) -> None:
        self.idle.stop()
        for action in self.actions_when_signed_in:
            action.setEnabled(False)
        self.sign_in.reload(self._last_user)
        self.pages.setCurrentIndex(SIGN_IN_PAGE)
        self.print_status.set_locked(True)
        self.sign_in.pin.setFocus()
        self.refresh_status()

    def _show_work(self) -> None:
        for action in self.actions_when_signed_in:
            action.setEnabled(True)
        self.pages.setCurrentIndex(WORK_PAGE)
        self.print_status.set_locked(False)
        if self._settings is not None:
            self._settings.refresh_access()
        self._apply_idle_lock()
        self.refresh_status()
        if self.stack.currentWidget() is self.till:
            self.till.scan.setFocus()

    def _apply_idle_lock(self) -> None:
        if self.shop.access.sign_in_required() and self.pages.currentIndex() == WORK_PAGE:
            self.idle.set_minutes(self.shop.access.settings().lock_after_minutes)
        else:
            self.idle.stop()

    def refresh_status(self) -> None:
        """Show who is signed in, the open shift and the open event in the status bar."""
        actor = self.shop.access.actor
        parts = []
        if actor is None:
            parts.append(_("Locked"))
        else:
            role = role_label(actor.role)
            parts.append(role if actor.label == role else f"{actor.label} · {role}")
        shift = self.shop.shifts.current()
        parts.append(
            _("Shift {number}").format(number=shift.number) if shift else _("No shift open")
        )
        event = self.shop.events.current()
        if event is not None:
            parts.append(_("Event: {name}").format(name=event.name))
        self.who.setText("   |   ".join(parts))

    # -- dialogs -------------------------------------------------------------

    def open_shift(self) -> None:
        """F11: the cash drawer and shift: open, pay in or out, close with a count, reports."""
        if self.shift_dialog is None:
            from bazaar_pos.ui.shifts.shift_dialog import ShiftDialog

            self.shift_dialog = ShiftDialog(self.shop, self.approvals, self)
            self.shift_dialog.changed.connect(self.refresh_status)
            self.shift_dialog.no_sale_requested.connect(self.no_sale)
            self.shift_dialog.finished.connect(lambda _r: self._back_to_work())
        self.shift_dialog.reload()
        self.shift_dialog.open()

    def open_events(self) -> None:
        """F10: bazaar events: add, open for selling, close, and their reports."""
        if self.events_dialog is None:
            from bazaar_pos.ui.events.dialog import EventsDialog

            self.events_dialog = EventsDialog(self.shop, self.approvals, self)
            self.events_dialog.changed.connect(self.refresh_status)
            self.events_dialog.finished.connect(lambda _r: self._back_to_work())
        self.events_dialog.reload()
        self.events_dialog.open()

    def open_audit(self) -> None:
        """Ctrl+Shift+A: the audit log, for the owner (or with the owner's approval)."""
        from bazaar_pos.ui.audit.dialog import AuditDialog

        granted = self.approvals.granted(*AuditDialog.NEEDS, tell=self._tell)
        if granted is None:
            return
        if self.audit_dialog is None:
            self.audit_dialog = AuditDialog(self.shop, self.approvals, self)
            self.audit_dialog.finished.connect(lambda _r: self._back_to_work())
        self.audit_dialog.start(granted.approval)
        self.audit_dialog.open()

    def no_sale(self) -> None:
        """Ctrl+Shift+D: open the cash drawer without a sale (the owner's, and logged)."""
        reason = TextDialog.ask(
            self, _("No sale"), _("Why open the drawer without a sale? (optional)")
        )
        if reason is None:
            return
        granted = self.approvals.granted(Permission.OPEN_DRAWER, tell=self._tell)
        if granted is None:
            return
        self.statusBar().showMessage(_("Opening the drawer..."))
        self._background.run(
            lambda: self.shop.printer.open_drawer(reason=reason, approval=granted.approval),
            lambda _result: self.statusBar().showMessage(_("Drawer opened."), 8000),
            lambda message: self.statusBar().showMessage(message, 15000),
        )

    def show_printer_settings(self) -> None:
        """Settings > Receipt printer, with the keyboard in the printer's address."""
        self.show_screen(SETTINGS)
        screen = self.settings_screen
        screen.tabs.setCurrentWidget(screen.printer)
        screen.printer.uri.setFocus()

    def sell_without_printer(self) -> None:
        """After a question, stop keeping receipts to print; those waiting are dropped."""
        waiting = len(self.printing.failed_jobs())
        question = _(
            "Sell without a receipt printer? Sales will no longer keep a receipt to print "
            "({count} waiting now). Any receipt can still be printed or saved as a PDF from "
            "the sales history (F9). Choose a printer under Settings > Receipt printer later."
        ).format(count=waiting)
        if not dialogs.confirm(self, _("No receipt printer"), question):
            return
        try:
            self.approvals.run(
                lambda approval: self.shop.printer.configure(approval=approval, no_printer=True)
            )
        except UserError as exc:
            self._tell(exc.message)
            return
        self.printing.cancel_failed()
        if self._settings is not None:
            self._settings.printer.load()
        self._tell(_("Selling without a receipt printer."))

    def _tell(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _back_to_work(self) -> None:
        self.refresh_status()
        if self.pages.currentIndex() == WORK_PAGE and self.stack.currentWidget() is self.till:
            self.activateWindow()
            self.till.scan.setFocus()

    # -- the screens ---------------------------------------------------------

    def show_screen(self, row: int) -> None:
        """Switch to the screen at ``row`` in the navigation; the till gets the keyboard back."""
        self.navigation.setCurrentRow(row)
        if row == TILL and self.pages.currentIndex() == WORK_PAGE:
            self.till.scan.setFocus()

    def screen_at(self, row: int) -> QWidget:
        """The screen at ``row`` in the navigation, built if it was not yet."""
        screens = (
            lambda: self.till,
            lambda: self.products,
            lambda: self.stock,
            lambda: self.reports,
            lambda: self.settings_screen,
        )
        return screens[row]()

    @property
    def products(self) -> ProductsScreen:
        """The Products screen, built on first use."""
        if self._products is None:
            from bazaar_pos.ui.products.screen import ProductsScreen

            self._products = ProductsScreen(self.shop)
            self._products.products_changed.connect(self._products_changed)
            self._put(PRODUCTS, self._products)
        return self._products

    @property
    def stock(self) -> StockScreen:
        """The Stock screen, built on first use."""
        if self._stock is None:
            from bazaar_pos.ui.stock.screen import StockScreen

            self._stock = StockScreen(self.shop)
            self._stock.stock_changed.connect(self._stock_changed)
            self._put(STOCK, self._stock)
        return self._stock

    @property
    def reports(self) -> ReportsScreen:
        """The Reports screen, built on first use."""
        if self._reports is None:
            from bazaar_pos.ui.reports.screen import ReportsScreen

            self._reports = ReportsScreen(self.shop)
            self._put(REPORTS, self._reports)
        return self._reports

    @property
    def settings_screen(self) -> SettingsScreen:
        """The Settings screen, built on first use."""
        if self._settings is None:
            from bazaar_pos.ui.settings.screen import SettingsScreen

            self._settings = SettingsScreen(self.shop)
            self._settings.setup_requested.connect(self.run_setup)
            self._settings.users_changed.connect(self.refresh_status)
            self._settings.users_changed.connect(self._apply_idle_lock)
            self._settings.printer.saved.connect(self.printing.printer_changed)
            self._put(SETTINGS, self._settings)
        return self._settings

    def _put(self, row: int, screen: QWidget) -> None:
        """Put a newly built screen in place of its placeholder in the stack."""
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, screen)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.screen_at(row)
        self.stack.setCurrentIndex(row)

    def _products_changed(self, changes: Changes) -> None:
        if self._stock is not None:
            self._stock.refresh(changes)

    def _stock_changed(self, _changes: object) -> None:
        """Stock moved (or sales were merged): the products' stock figures changed."""
        if self._products is not None:
            self._products.refresh()

    def _changes_made(self, changes: Changes) -> None:
        """An operation changed data: refresh the screens built so far that show it."""
        if changes.products or changes.stock:
            self._products_changed(changes)
            self._stock_changed(changes)
        if changes.sales:
            self._sales_changed(None)

    def _sales_changed(self, _sale_uuid: object) -> None:
        if self._reports is not None:
            self._reports.mark_stale()

    def _built_screens(self) -> list[QWidget]:
        screens = (self.till, self._products, self._stock, self._reports, self._settings)
        return [screen for screen in screens if screen is not None]

    # -- the window ----------------------------------------------------------

    def run_setup(self) -> SetupOutcome:
        """Run the first-time setup again (Settings); refresh what it changed."""
        from bazaar_pos.ui.setup.wizard import SetupWizard

        outcome = SetupWizard.ask(self, self.shop, first_run=False)
        if outcome.finished:
            settings = self.shop.settings.load()
            self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
            self.data_changed.emit(
                Changes(products=outcome.demo_loaded, stock=outcome.demo_loaded, settings=True)
            )
        return outcome

    def show_fitted(self) -> None:
        """Show the window within the screen's free area (above a taskbar, below a title bar).

        On a laptop-sized screen (1366x768 and the like) the window opens maximised,
        so the status bar with the printer's messages is never off the screen; on a
        larger one at a comfortable size, centred.
        """
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry()
        if opens_maximised(available.size()):
            # Without a window manager nothing maximises: take the free area outright.
            self.setGeometry(available)
            self.showMaximized()
            return
        size = QSize(
            min(WINDOW_SIZE.width(), available.width()),
            min(WINDOW_SIZE.height(), available.height()),
        )
        self.resize(size)
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())
        self.show()

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
        if not self.backup_jobs.busy and self.shop.backups.due():
            self._start_backup("daily")

    def back_up_now(self) -> None:
        """Start a backup in the background (Shop → Back up now)."""
        if self.backup_jobs.busy:
            self.statusBar().showMessage(_("A backup is already being made."), 5_000)
            return
        self.statusBar().showMessage(_("Backing up…"))
        self._start_backup("manual")

    def wait_for_backups(self) -> None:
        """Block until any background backup has finished."""
        self.backup_jobs.settle()

    def _start_backup(self, kind: str) -> None:
        self.backup_jobs.run(
            lambda: self.shop.backups.back_up(kind), self._backup_finished, self._backup_failed
        )

    def _backup_finished(self, result: BackupResult) -> None:
        self._show_last_backup()
        if result.problems:
            self.statusBar().showMessage(" ".join(result.problems), 15_000)
        else:
            made = Path(result.made[0])
            # The file's name: a whole path runs under the status bar's other parts.
            self.statusBar().showMessage(_("Backed up to {path}").format(path=made.name), 8_000)
            self.backup_status.setToolTip(str(made))
        self.backup_made.emit(result)

    def _backup_failed(self, reason: str) -> None:
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
        from bazaar_pos.ui.backups.restore_dialog import RestoreDialog

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
        for screen in self._built_screens():
            refresh = getattr(screen, "refresh", None)
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

    def quit_app(self) -> None:
        """Shop > Quit: close the window, asking first while a cart is being rung up."""
        if self.till.parking.may_quit(temporary=self.temporary_shop):
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let a receipt being printed finish, make the closing backup, then close.

        Closed by the person (the title bar's close button), it asks first while a
        cart is being rung up, as Shop > Quit does.
        """
        if event.spontaneous() and not self.till.parking.may_quit(temporary=self.temporary_shop):
            event.ignore()
            return
        if len(self.till.cart):
            self.till.parking.save_snapshot()
        self.idle.stop()
        self.sign_in.detach_filters()
        self._background.wait()
        self.printing.wait()
        if self._reports is not None:
            self._reports.background.wait()
        if self.audit_dialog is not None:
            self.audit_dialog.background.wait()  # a CSV being written
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


def opens_maximised(available: QSize) -> bool:
    """Whether a screen's free area is too small for the window at its usual size and a frame.

    A title bar (about 30 pixels) and borders come on top of the window's own size.
    """
    return available.width() < WINDOW_SIZE.width() + 80 or available.height() < (
        WINDOW_SIZE.height() + 80
    )

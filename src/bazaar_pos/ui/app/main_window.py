"""The main window: sign-in, then the Till and the other screens, built when first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from bazaar_pos import __version__
from bazaar_pos.domain.access import Actor, role_label
from bazaar_pos.i18n import _
from bazaar_pos.services.safety.location import LocationRisk, location_risk
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.idle import IdleWatcher
from bazaar_pos.ui.access.sign_in import SignInScreen
from bazaar_pos.ui.app.backups import BACKUP_CHECK_MS, WindowBackups
from bazaar_pos.ui.app.hub_sync import WindowHubSync
from bazaar_pos.ui.app.menus import build_menus
from bazaar_pos.ui.app.printer import open_drawer_without_sale, sell_without_printer, tell
from bazaar_pos.ui.app.screens import (
    CUSTOMERS,
    PRODUCTS,
    REPORTS,
    SETTINGS,
    STOCK,
    TILL,
    Screens,
)
from bazaar_pos.ui.common.dialogs import Notice
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.operations import change_hub
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher
from bazaar_pos.ui.printing.status import PrintStatus
from bazaar_pos.ui.shortcuts import bind_each
from bazaar_pos.ui.till.counter_devices import CounterDevices
from bazaar_pos.ui.till.screen import TillScreen

if TYPE_CHECKING:  # the other screens and the dialogs load when first opened
    from bazaar_pos.ui.audit.dialog import AuditDialog
    from bazaar_pos.ui.customers.screen import CustomersScreen
    from bazaar_pos.ui.events.dialog import EventsDialog
    from bazaar_pos.ui.orders.dialog import OrdersDialog
    from bazaar_pos.ui.products.screen import ProductsScreen
    from bazaar_pos.ui.reports.screen import ReportsScreen
    from bazaar_pos.ui.settings.screen import SettingsScreen
    from bazaar_pos.ui.setup.wizard import SetupOutcome
    from bazaar_pos.ui.shifts.shift_dialog import ShiftDialog
    from bazaar_pos.ui.stock.screen import StockScreen

__all__ = [
    "BACKUP_CHECK_MS",
    "CUSTOMERS",
    "PRODUCTS",
    "REPORTS",
    "SETTINGS",
    "SIGN_IN_PAGE",
    "STOCK",
    "TILL",
    "WORK_PAGE",
    "MainWindow",
    "opens_maximised",
]

SIGN_IN_PAGE, WORK_PAGE = 0, 1
"""The window's pages: the sign-in page, and the navigation beside the screens."""
WINDOW_SIZE = QSize(1280, 760)
"""The window's size on a screen with room to spare; smaller screens get it maximised."""


class MainWindow(QMainWindow):
    """The app's window; Ctrl+1 to Ctrl+6 switch screens.

    The till is built with the window; the other screens when first shown or
    first asked for (``products``, ``stock``, ``reports``, ``settings_screen``,
    ``customers``), so the till is ready sooner. Until then a screen's page in ``stack`` is an
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
        self.backups = WindowBackups(self, shop, self.backup_made.emit, self.data_changed.emit)
        self.backup_jobs = self.backups.jobs
        settings = shop.settings.load()
        self.approvals = Approvals(shop.access, self)
        self.printing = PrintDispatcher(shop.print_queue, self)
        self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
        self.till = TillScreen(shop)
        self.screens = Screens(shop, self.till, self._connect_settings)
        self.navigation: QListWidget = self.screens.navigation
        self.stack: QStackedWidget = self.screens.stack
        self.till.sale_completed.connect(self.printing.print_sale)
        self.till.sale_completed.connect(self.screens.sales_changed)
        self.till.reprint_requested.connect(self.printing.reprint_sale)
        self.till.shift_requested.connect(self.open_shift)
        self.counter_devices = CounterDevices(self.till)
        bind_each("window.screen", self, self.show_screen)
        self.navigation.clicked.connect(lambda index: self.show_screen(index.row()))
        self.screens.fit_navigation()
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
        self.backup_status = self.backups.status
        self.statusBar().addPermanentWidget(self.location_warning)
        self.statusBar().addPermanentWidget(self.backup_status)
        self.hub_sync = WindowHubSync(self, shop, self.data_changed.emit)
        self.statusBar().addPermanentWidget(self.hub_sync.notices)
        self.statusBar().addPermanentWidget(self.hub_sync.status)
        self.till.sale_completed.connect(lambda _uuid: self.hub_sync.sync_now())
        self.data_changed.connect(self._refresh_screens)
        change_hub().changed.connect(self._changes_made)
        self.backups.show_last()
        menus = build_menus(self, self)
        self.backup_action: QAction = menus.backup_action
        self.restore_action: QAction = menus.restore_action
        self.actions_when_signed_in: list[QAction] = menus.when_signed_in
        self._background = Jobs(self)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self.shift_dialog: ShiftDialog | None = None
        self.events_dialog: EventsDialog | None = None
        self.audit_dialog: AuditDialog | None = None
        self.orders_dialog: OrdersDialog | None = None
        self._last_user: str | None = None
        self.show_screen(0)
        if shop.access.actor is None:
            self._show_sign_in()
        else:
            self._show_work()

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
        screens = self.screens
        built = (
            screens.built_products,
            screens.built_stock,
            screens.built_reports,
            screens.built_customers,
        )
        for screen in (*built, self.events_dialog):
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
        if self.screens.built_settings is not None:
            self.screens.built_settings.refresh_access()
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

    def open_orders(self) -> None:
        """Ctrl+Shift+O: pre-orders with their down payments, from ordering to pickup."""
        if self.orders_dialog is None:
            from bazaar_pos.ui.orders.dialog import OrdersDialog

            self.orders_dialog = OrdersDialog(self.shop, self.approvals, self)
            self.orders_dialog.sale_completed.connect(self.printing.print_sale)
            self.orders_dialog.sale_completed.connect(self.screens.sales_changed)
            self.orders_dialog.changed.connect(self._changes_made)
            self.orders_dialog.finished.connect(lambda _r: self._back_to_work())
        self.orders_dialog.reload()
        self.orders_dialog.open()

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
        open_drawer_without_sale(self, self.shop, self.approvals, self._background)

    def show_printer_settings(self) -> None:
        """Settings > Receipt printer, with the keyboard in the printer's address."""
        self.show_screen(SETTINGS)
        screen = self.settings_screen
        screen.tabs.setCurrentWidget(screen.printer)
        screen.printer.uri.setFocus()

    def sell_without_printer(self) -> None:
        """After a question, stop keeping receipts to print; those waiting are dropped."""
        settings = self.screens.built_settings
        sell_without_printer(self, self.shop, self.approvals, self.printing, settings)

    def _tell(self, message: str) -> None:
        tell(self, message)

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
        return self.screens.at(row)

    @property
    def products(self) -> ProductsScreen:
        """The Products screen, built on first use."""
        return self.screens.products

    @property
    def stock(self) -> StockScreen:
        """The Stock screen, built on first use."""
        return self.screens.stock

    @property
    def reports(self) -> ReportsScreen:
        """The Reports screen, built on first use."""
        return self.screens.reports

    @property
    def customers(self) -> CustomersScreen:
        """The Customers screen, built on first use."""
        return self.screens.customers

    @property
    def settings_screen(self) -> SettingsScreen:
        """The Settings screen, built on first use."""
        return self.screens.settings

    def _changes_made(self, changes: Changes) -> None:
        """An operation changed data: refresh the screens built so far that show it.

        Connected here, not to ``screens``: the hub outlives the window, and Qt drops
        a connection to a window's method when the window goes.
        """
        self.screens.changes_made(changes)

    def _connect_settings(self, screen: SettingsScreen) -> None:
        """Wire a newly built Settings screen to the window."""
        screen.setup_requested.connect(self.run_setup)
        screen.users_changed.connect(self.refresh_status)
        screen.users_changed.connect(self._apply_idle_lock)
        screen.printer.saved.connect(self.printing.printer_changed)
        screen.devices.saved.connect(self.counter_devices.reload)
        screen.hub.joined.connect(self.hub_sync.start)

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

    def warm_up(self) -> None:
        """Once the till shows: set up the ORM and load the till's dialogs, ready for first use."""
        self.shop.warm_up()
        self.till.warm_up()

    def fit_to_style(self) -> None:
        """Measure again what is sized by fonts: for a style sheet set after the window is built."""
        self.ensurePolished()
        self.screens.fit_navigation()
        self.till.fit_to_style()
        self.sign_in.fit_to_style()

    def focus_till(self) -> None:
        """Show the till with the keyboard in its scan field."""
        self.show_screen(0)
        self.activateWindow()
        self.till.scan.setFocus()

    # Backups -----------------------------------------------------------------

    def start_automatic_backups(self) -> None:
        """Back up now if the daily backup is due, check again every half hour, and on close.

        A till joined to a shop hub starts syncing with it too.
        """
        self.backups.start_automatic()
        self.hub_sync.start()

    def back_up_if_due(self) -> None:
        """Start the daily backup in the background when it is due."""
        self.backups.back_up_if_due()

    def back_up_now(self) -> None:
        """Start a backup in the background (Shop → Back up now)."""
        self.backups.back_up_now()

    def wait_for_backups(self) -> None:
        """Block until any background backup has finished."""
        self.backups.wait()

    def restore_from_backup(self) -> None:
        """Choose a backup, preview it and put it in place of the shop's database."""
        self.backups.restore()

    def _refresh_screens(self, changes: Changes) -> None:
        for screen in self.screens.built():
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
        self.counter_devices.close()
        if self.screens.built_reports is not None:
            self.screens.built_reports.background.wait()
        if self.audit_dialog is not None:
            self.audit_dialog.background.wait()  # a CSV being written
        if self.screens.built_settings is not None:
            self.screens.built_settings.hub.background.wait()
        self.hub_sync.close()
        self.backups.close()
        super().closeEvent(event)


def opens_maximised(available: QSize) -> bool:
    """Whether a screen's free area is too small for the window at its usual size and a frame.

    A title bar (about 30 pixels) and borders come on top of the window's own size.
    """
    return available.width() < WINDOW_SIZE.width() + 80 or available.height() < (
        WINDOW_SIZE.height() + 80
    )

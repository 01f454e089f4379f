"""The devices at the counter following the till: customer window, pole display, scale key.

The customer window shows the cart, the payment and the QRIS on the screen
chosen in Settings. The pole display shows the last item and the total, the
total and the change once paid, and the shop's name when idle. The scale key
(Ctrl+W) reads the counter scale and hands the grams to the till. Serial work
runs off the GUI thread; a display that fails never stops a sale.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.i18n import _
from bazaar_pos.services.devices import DeviceSettings, two_sides
from bazaar_pos.services.views import SaleResult
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.customer_display.state import DisplayState
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.till.customer_state import display_state

if TYPE_CHECKING:
    from bazaar_pos.ui.customer_display.window import CustomerDisplayWindow
    from bazaar_pos.ui.till.payment.dialog import PaymentDialog
    from bazaar_pos.ui.till.screen import TillScreen

log = logging.getLogger(__name__)

PAID_SHOWN_MS = 30_000
"""How long the paid total and change stay up before the displays go back to idle."""


def screens_by_key() -> dict[str, QScreen]:
    """The screens connected now, each under its name (or ``#2`` when it has none)."""
    return {
        screen.name() or f"#{number}": screen
        for number, screen in enumerate(QGuiApplication.screens(), start=1)
    }


class CounterDevices(QObject):
    """Keeps the customer window and the pole display in step with ``till``; reads the scale."""

    def __init__(self, till: TillScreen) -> None:
        """Follow ``till`` (its cart, payment and sales) with the devices set up in Settings."""
        super().__init__(till)
        self._till = till
        self._service = till.shop.devices
        self.settings = DeviceSettings()
        self.window: CustomerDisplayWindow | None = None
        self.state = DisplayState("")
        self.pole_jobs = Jobs(self)
        self.scale_jobs = Jobs(self)
        self._pole_waiting: tuple[str, str] | None = None
        self._pole_failing = False
        self._paid = False
        self._back_to_idle = QTimer(self)
        self._back_to_idle.setSingleShot(True)
        self._back_to_idle.setInterval(PAID_SHOWN_MS)
        self._back_to_idle.timeout.connect(self._idle_after_sale)
        till.cart_shown.connect(self.cart_changed)
        till.payment_opened.connect(self.payment_opened)
        till.sale_paid.connect(self.sale_paid)
        till.weigh_requested.connect(self.weigh)
        bind("till.weigh", till, self.weigh, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)
        self.reload()

    # -- settings ----------------------------------------------------------------

    def reload(self) -> None:
        """Use the device settings as stored now (after Settings saved them)."""
        self.settings = self._service.settings()
        self._till.adding.scale_ready = bool(self.settings.scale_port)
        self._pole_failing = False
        self.cart_changed("")
        self.place_window()

    def place_window(self) -> None:
        """Show the customer window on the chosen screen, or hide it when none is chosen."""
        screen = screens_by_key().get(self.settings.customer_screen)
        if not self.settings.customer_screen or screen is None:
            if self.window is not None:
                self.window.hide()
            return
        if self.window is None:
            from bazaar_pos.ui.customer_display.window import CustomerDisplayWindow

            self.window = CustomerDisplayWindow(self._till)
        self.window.show_state(self.state)
        self.window.present(screen)

    def _screens_changed(self, _screen: QScreen) -> None:
        self.place_window()

    def close(self) -> None:
        """Let the last device work end and take the customer window away."""
        self.pole_jobs.wait(3_000)
        self.scale_jobs.wait(3_000)
        if self.window is not None:
            self.window.close()

    # -- following the till --------------------------------------------------------

    def cart_changed(self, latest_key: str) -> None:
        """The till's cart changed; ``latest_key`` names the line added or changed."""
        if self._paid and not len(self._till.cart):
            return  # the paid total and change stay up until the next sale starts
        self._paid = False
        self._back_to_idle.stop()
        self._show(self._cart_state(latest_key))
        if self.state.idle:
            self._pole_idle()
        elif self.state.latest is not None:
            latest, total = self.state.latest, self.state.total
            self._pole(two_sides(latest.name, latest.amount), two_sides(_("TOTAL"), total))

    def payment_opened(self, dialog: PaymentDialog) -> None:
        """Payment started: the pole shows the total; the customer window follows the QRIS."""
        dialog.qris_changed.connect(self.qris_changed)
        dialog.rejected.connect(lambda: self.cart_changed(""))  # back to the cart, unpaid
        self._pole(two_sides(_("TOTAL"), self.state.total), "")

    def qris_changed(self, payload: str, amount: MinorUnits) -> None:
        """The QRIS shown for payment (``payload`` carrying ``amount``), or none ("")."""
        if self._paid:
            return
        money = self._till._money
        self._show(
            replace(self.state, qris_payload=payload, qris_amount=money(amount) if payload else "")
        )

    def sale_paid(self, result: SaleResult, paid: MinorUnits) -> None:
        """The cart was paid with ``paid`` in all; show the total, the payment and the change."""
        state = display_state(
            self._shop_name(),
            self._till.cart,
            self._till._money,
            self._till.quantity_text,
            paid=paid,
            change=result.change,
        )
        state = replace(state, total=self._till._money(result.total + result.rounding))
        self._paid = True
        self._show(state)
        self._pole(two_sides(_("TOTAL"), state.total), two_sides(_("CHANGE"), state.change))
        self._back_to_idle.start()

    def _idle_after_sale(self) -> None:
        if self._paid and not len(self._till.cart):
            self._paid = False
            self.cart_changed("")

    def _cart_state(self, latest_key: str) -> DisplayState:
        return display_state(
            self._shop_name(),
            self._till.cart,
            self._till._money,
            self._till.quantity_text,
            latest_key=latest_key or None,
        )

    def _shop_name(self) -> str:
        return self._till.shop.settings.load().shop_name

    def _show(self, state: DisplayState) -> None:
        self.state = state
        if self.window is not None and self.window.isVisible():
            self.window.show_state(state)

    # -- the pole display ------------------------------------------------------------

    def _pole_idle(self) -> None:
        self._pole(self._shop_name(), _("Welcome!"))

    def _pole(self, upper: str, lower: str) -> None:
        """Show two lines on the pole display, off the GUI thread; only the newest waits."""
        if not self.settings.display_port:
            return
        if self.pole_jobs.busy:
            self._pole_waiting = (upper, lower)
            return
        settings = self.settings
        self.pole_jobs.run(
            lambda: self._service.show(upper, lower, settings),
            lambda _shown: self._pole_done(),
            self._pole_failed,
        )

    def _pole_done(self) -> None:
        self._pole_failing = False
        self._pole_next()

    def _pole_failed(self, message: str) -> None:
        if not self._pole_failing:
            self._pole_failing = True
            log.warning("the pole display does not answer: %s", message)
            if not self._till.message.isVisible():  # never over a message about the sale
                self._till.say(
                    _("The pole display is not answering; selling goes on without it. {reason}")
                    .format(reason=message),
                    "info",
                )
        self._pole_next()

    def _pole_next(self) -> None:
        waiting, self._pole_waiting = self._pole_waiting, None
        if waiting is not None:
            self._pole(*waiting)

    # -- the counter scale ---------------------------------------------------------

    def weigh(self) -> None:
        """Ctrl+W: read the counter scale off the GUI thread; the till takes the grams."""
        if self.scale_jobs.busy:
            return
        if not self.settings.scale_port:
            self._till.say(_("No counter scale is set up (Settings > Devices)."), "error")
            return
        self._till.say(_("Reading the scale…"))
        settings = self.settings
        self.scale_jobs.run(
            lambda: self._service.read_weight(settings),
            self._till.adding.apply_weight_grams,
            lambda message: self._till.say(message, "error"),
        )

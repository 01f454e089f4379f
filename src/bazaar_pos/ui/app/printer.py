"""The main window's printer actions: the drawer opened without a sale; selling without one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from bazaar_pos.domain.access import Permission
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import TextDialog
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher

if TYPE_CHECKING:  # the Settings screen loads when first opened
    from bazaar_pos.ui.settings.screen import SettingsScreen


def tell(window: QMainWindow, message: str) -> None:
    """Say ``message`` in the window's status bar for a few seconds."""
    window.statusBar().showMessage(message, 8000)


def open_drawer_without_sale(
    window: QMainWindow, shop: Shop, approvals: Approvals, jobs: Jobs
) -> None:
    """Ask why, then open the cash drawer on ``jobs`` (the owner's, and logged)."""
    reason = TextDialog.ask(
        window, _("No sale"), _("Why open the drawer without a sale? (optional)")
    )
    if reason is None:
        return
    granted = approvals.granted(Permission.OPEN_DRAWER, tell=lambda message: tell(window, message))
    if granted is None:
        return
    window.statusBar().showMessage(_("Opening the drawer..."))
    jobs.run(
        lambda: shop.printer.open_drawer(reason=reason, approval=granted.approval),
        lambda _result: window.statusBar().showMessage(_("Drawer opened."), 8000),
        lambda message: window.statusBar().showMessage(message, 15000),
    )


def sell_without_printer(
    window: QMainWindow,
    shop: Shop,
    approvals: Approvals,
    printing: PrintDispatcher,
    settings: SettingsScreen | None,
) -> None:
    """After a question, stop keeping receipts to print; those waiting are dropped.

    ``settings`` is the Settings screen if built, whose printer page then shows the change.
    """
    waiting = len(printing.failed_jobs())
    question = _(
        "Sell without a receipt printer? Sales will no longer keep a receipt to print "
        "({count} waiting now). Any receipt can still be printed or saved as a PDF from "
        "the sales history (F9). Choose a printer under Settings > Receipt printer later."
    ).format(count=waiting)
    if not dialogs.confirm(window, _("No receipt printer"), question):
        return
    try:
        approvals.run(lambda approval: shop.printer.configure(approval=approval, no_printer=True))
    except UserError as exc:
        tell(window, exc.message)
        return
    printing.cancel_failed()
    if settings is not None:
        settings.printer.load()
    tell(window, _("Selling without a receipt printer."))

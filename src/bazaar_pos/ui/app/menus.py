"""The main window's menus: Shop, Cash and Events, their items and their shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from bazaar_pos.i18n import _
from bazaar_pos.ui.shortcuts import sequence


class MenuHost(Protocol):
    """What the menus' items call in the main window."""

    def switch_user(self) -> None: ...
    def lock(self) -> None: ...
    def open_audit(self) -> None: ...
    def back_up_now(self) -> None: ...
    def restore_from_backup(self) -> None: ...
    def quit_app(self) -> None: ...
    def open_shift(self) -> None: ...
    def no_sale(self) -> None: ...
    def open_events(self) -> None: ...
    def open_orders(self) -> None: ...


@dataclass
class Menus:
    """The items the window keeps: the backup ones, and those that only work signed in."""

    backup_action: QAction
    restore_action: QAction
    when_signed_in: list[QAction] = field(default_factory=list)


def build_menus(window: QMainWindow, host: MenuHost) -> Menus:
    """Fill ``window``'s menu bar with items calling ``host`` (the window itself)."""
    when_signed_in: list[QAction] = []

    def add(
        menu: QMenu, name: str, text: str, slot: Callable[[], None], shortcut: str | None
    ) -> QAction:
        """A menu item named ``name``; ``shortcut`` is its action in the table of shortcuts."""
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(sequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        window.addAction(action)
        when_signed_in.append(action)
        return action

    shop_menu = window.menuBar().addMenu(_("&Shop"))
    add(shop_menu, "switchUser", _("&Switch user"), host.switch_user, "window.switchUser")
    add(shop_menu, "lock", _("&Lock the till"), host.lock, "window.lock")
    shop_menu.addSeparator()
    add(shop_menu, "auditLog", _("&Audit log..."), host.open_audit, "window.auditLog")
    add(shop_menu, "customerOrders", _("&Orders..."), host.open_orders, "window.orders")
    shop_menu.addSeparator()
    backup_action = add(
        shop_menu, "backupAction", _("&Back up now"), host.back_up_now, "window.backUp"
    )
    restore_action = add(
        shop_menu, "restoreAction", _("&Restore from a backup…"), host.restore_from_backup, None
    )
    shop_menu.addSeparator()
    # No Ctrl+Q: the till uses it for the QRIS payments to confirm.
    quit_action = shop_menu.addAction(_("&Quit"))
    quit_action.setObjectName("quit")
    quit_action.triggered.connect(host.quit_app)
    cash_menu = window.menuBar().addMenu(_("&Cash"))
    add(cash_menu, "cashShift", _("Cash &drawer and shift..."), host.open_shift, "window.cashShift")
    add(cash_menu, "noSale", _("&No sale: open the drawer..."), host.no_sale, "window.noSale")
    events_menu = window.menuBar().addMenu(_("&Events"))
    add(events_menu, "bazaarEvents", _("&Bazaar events..."), host.open_events, "window.events")
    return Menus(backup_action, restore_action, when_signed_in)

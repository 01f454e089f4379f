"""The main window's sync with the shop hub: after each sale and every few seconds, off-thread.

The status bar label says how the till stands: in step, records waiting, or
offline since a time. Nothing here waits for the network on the GUI thread, and
a sale never does: it is in the till's own file before any sync starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMainWindow,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.hub import state as hub_link
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.common.jobs import Jobs

if TYPE_CHECKING:
    # The hub's service (and PostgreSQL's dialect with it) loads only on a till that joined one.
    from bazaar_pos.services.hub.apply import Applied
    from bazaar_pos.services.hub.service import HubStatus

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 10_000
"""How often the till syncs with its hub while the app is open."""


def describe_status(status: HubStatus) -> str:
    """The status bar's words for ``status`` (empty when the till joined no hub)."""
    if not status.joined:
        return ""
    if status.offline_since is not None:
        text = _("Hub: offline since {time}").format(
            time=status.offline_since.astimezone().strftime("%H:%M")
        )
    elif status.waiting:
        text = ngettext(
            "Hub: {count} record waiting", "Hub: {count} records waiting", status.waiting
        ).format(count=status.waiting)
    else:
        text = _("Hub: in step")
    if status.refused:
        text = ngettext(
            "{status} · {count} refused", "{status} · {count} refused", len(status.refused)
        ).format(status=text, count=len(status.refused))
    return text


class HubNotices(QToolButton):
    """A status bar button saying how many things a sync wants the owner to see; it opens them.

    Shown when a sync replaced an edit made on this till by a later one from another
    till, or flagged a one-of-a-kind piece sold on two tills at once; hidden again
    once the owner has read them.
    """

    def __init__(self, parent: QWidget) -> None:
        """An empty, hidden notice button."""
        super().__init__(parent)
        self.setObjectName("hubNotices")
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.items: list[str] = []
        self.dialog: QDialog | None = None
        self.clicked.connect(self.open_list)
        self.setVisible(False)

    def add(self, notices: list[str]) -> None:
        """Keep ``notices`` to be read, and say how many wait."""
        if not notices:
            return
        self.items.extend(notices)
        self.setText(
            ngettext(
                "{count} hub notice", "{count} hub notices", len(self.items)
            ).format(count=len(self.items))
        )
        self.setToolTip(_("Open the notices from the last syncs"))
        self.setVisible(True)

    def open_list(self) -> None:
        """Show the notices in a small list; once closed they are read."""
        dialog = QDialog(self.window())
        dialog.setObjectName("hubNoticeDialog")
        dialog.setWindowTitle(_("Shop hub notices"))
        listing = QListWidget(dialog)
        listing.setObjectName("hubNoticeList")
        listing.addItems(self.items)
        listing.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(
            QLabel(_("The audit log keeps the details of each of these."), dialog)
        )
        layout.addWidget(listing)
        layout.addWidget(buttons)
        dialog.resize(520, 280)
        dialog.finished.connect(self._read)
        self.dialog = dialog
        dialog.open()

    def _read(self) -> None:
        self.items.clear()
        self.setVisible(False)
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


class WindowHubSync:
    """Sync for the main window: the job runner, the timer and the status bar label.

    ``received`` is called with what records from other tills changed here.
    """

    def __init__(
        self, window: QMainWindow, shop: Shop, received: Callable[[Changes], None]
    ) -> None:
        """Sync ``shop`` with its hub while ``window`` is open."""
        self.shop = shop
        self._window = window
        self._received = received
        self.jobs = Jobs(window)
        self._again = False
        self.timer = QTimer(window)
        self.timer.setObjectName("hubSyncTimer")
        self.timer.setInterval(SYNC_EVERY_MS)
        self.timer.timeout.connect(self.sync_now)
        self.status = QLabel()
        self.status.setObjectName("hubStatus")
        self.status.setAccessibleName(_("Shop hub"))
        self.notices = HubNotices(window)
        self.status.setVisible(False)
        if self.joined():
            self.show(shop.hub.status())

    def joined(self) -> bool:
        """Whether this till joined a hub (read without loading the hub's service)."""
        return hub_link.load(self.shop.db).joined

    def start(self) -> None:
        """Sync now and every few seconds, if this till joined a hub."""
        if self.joined():
            self.timer.start()
            self.sync_now()

    def sync_now(self) -> None:
        """Start a sync in the background (or once more after the one running)."""
        if not self.timer.isActive():
            return
        if self.jobs.busy:
            self._again = True
            return
        self.jobs.run(self._sync, self._finished, self._failed)

    def _sync(self) -> tuple[Changes, HubStatus, Applied]:
        result = self.shop.hub.sync()
        return result.changes, self.shop.hub.status(), result.applied

    def _finished(self, outcome: tuple[Changes, HubStatus, Applied]) -> None:
        changes, status, applied = outcome
        oversold = applied.oversold
        self.show(status)
        self.notices.add(
            [
                _("Your change to {name} was replaced by a later change from another till.")
                .format(name=name)
                for name in applied.replaced
            ]
            + [
                _("{sku} was sold on two tills at once; its stock is now below zero.").format(
                    sku=sku
                )
                for sku in oversold
            ]
            + applied.clashes
        )
        if oversold:
            self._window.statusBar().showMessage(
                _("Sold on two tills at once, stock now below zero: {skus}").format(
                    skus=", ".join(oversold)
                ),
                30_000,
            )
        if changes != Changes():
            self._received(changes)
        self._next()

    def _failed(self, message: str) -> None:
        log.info("sync with the hub failed: %s", message)
        self.show(self.shop.hub.status())
        self.status.setToolTip(message)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()

    def show(self, status: HubStatus) -> None:
        """Show ``status`` in the label (hidden when the till joined no hub)."""
        self.status.setText(describe_status(status))
        self.status.setToolTip(status.last_error or status.hub)
        self.status.setVisible(status.joined)

    def close(self) -> None:
        """Stop syncing and wait for a sync under way."""
        self.timer.stop()
        self.jobs.settle()

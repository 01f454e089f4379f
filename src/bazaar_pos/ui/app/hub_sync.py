"""The main window's sync with the shop hub: after each sale and every few seconds, off-thread.

The status bar label says how the till stands: in step, records waiting, or
offline since a time. Nothing here waits for the network on the GUI thread, and
a sale never does: it is in the till's own file before any sync starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.hub.service import HubStatus
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.common.jobs import Jobs

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
        self.show(shop.hub.status())

    def start(self) -> None:
        """Sync now and every few seconds, if this till joined a hub."""
        if self.shop.hub.status().joined:
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

    def _sync(self) -> tuple[Changes, HubStatus, list[str]]:
        result = self.shop.hub.sync()
        return result.changes, self.shop.hub.status(), result.applied.oversold

    def _finished(self, outcome: tuple[Changes, HubStatus, list[str]]) -> None:
        changes, status, oversold = outcome
        self.show(status)
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

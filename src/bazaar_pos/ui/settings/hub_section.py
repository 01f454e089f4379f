"""Settings > Shop hub: the hub's address, this till's name, a connection test and joining."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from bazaar_pos.domain.access import Permission
from bazaar_pos.i18n import _
from bazaar_pos.services.hub.service import HubService, SyncResult
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.app.hub_sync import describe_status
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.progress import run_with_progress
from bazaar_pos.ui.widgets.fields import button, line_edit

URL_FORM = "postgresql://USER@HOST:PORT/DBNAME"


class HubSection(QWidget):
    """Join this till to the shop's hub; the work that needs the network runs off the GUI thread.

    Signals:
        joined(): this till joined a hub (the window starts syncing).
    """

    joined = Signal()

    def __init__(self, hub: HubService, approvals: Approvals | None = None) -> None:
        """Join through ``hub``; a cashier asks ``approvals`` for an owner's PIN."""
        super().__init__()
        self.setObjectName("hubSection")
        self.setAccessibleName(_("Shop hub settings"))
        self._hub = hub
        self._approvals = approvals
        self.background = Jobs(self)
        self.url = line_edit("hubUrl", _("Hub address"))
        self.url.setPlaceholderText(URL_FORM)
        self.url.setToolTip(_("The hub's address as the owner set it up, without the password"))
        self.password = line_edit("hubPassword", _("Hub password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip(
            _("Kept in a file beside the shop's database that only you can read; never shown")
        )
        self.till_name = line_edit("hubTillName", _("This till's name"))
        self.till_name.setMaxLength(40)
        self.test_button = button("testHub", _("Test connection"), self.test_connection)
        self.join_button = button("joinHub", _("Join the hub"), self.join)
        self.background.hold(self.test_button, self.join_button)
        self.state = QLabel()
        self.state.setObjectName("hubState")
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("hubMessage")
        self.message.setWordWrap(True)
        explanation = QLabel(
            _(
                "Several tills of one shop share their products, sales and stock through a "
                "hub: a PostgreSQL database on a computer of the shop. Each till keeps "
                "selling on its own when the hub cannot be reached, and catches up later."
            )
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Hub address:"), self.url)
        form.addRow(_("Password:"), self.password)
        form.addRow(_("This till's name:"), self.till_name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.join_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        """Show the hub this till joined, if any, and how it stands."""
        status = self._hub.status()
        if status.joined:
            self.url.setText(status.hub)
            self.till_name.setText(status.till_name)
        when = (
            status.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if status.last_sync_at
            else _("never")
        )
        self.state.setText(
            _("{status}. Last sync: {when}.").format(status=describe_status(status), when=when)
            if status.joined
            else _("This till has not joined a shop hub.")
        )

    def test_connection(self) -> None:
        """Reach the hub at the address typed and say whether it is ready."""
        url, password = self.url.text(), self.password.text()
        self.message.setText(_("Connecting…"))
        self.background.run(
            lambda: self._hub.test(url, password),
            lambda hub: self.message.setText(_("The hub {hub} is ready.").format(hub=hub)),
            self.message.setText,
        )

    def join(self) -> None:
        """Join this till to the hub at the address typed, then send what it holds."""
        granted = (
            self._approvals.granted(Permission.EXPORT, tell=self.message.setText)
            if self._approvals is not None
            else None
        )
        if self._approvals is not None and granted is None:
            return
        approval = granted.approval if granted is not None else None
        url, password, name = self.url.text(), self.password.text(), self.till_name.text()
        self.message.setText(_("Joining…"))
        # The first sync may send a long history: a window says how far it got. Each
        # batch is whole on both sides, so Cancel stops between two and the next sync
        # carries on from there.
        run_with_progress(
            self.background,
            self,
            _("Joining the hub"),
            lambda progress: self._hub.join(
                url, name, password=password, approval=approval, progress=progress
            ),
            self._joined,
            self._join_failed,
        )

    def _join_failed(self, problem: str) -> None:
        """Say what went wrong; a till that joined but could not sync yet syncs from now on."""
        self.message.setText(problem)
        self.load()
        if self._hub.status().joined:
            self.password.clear()
            self.joined.emit()

    def _joined(self, result: SyncResult) -> None:
        self.message.setText(
            _("Joined. Sent: {sent}. Received from other tills: {received}.").format(
                sent=result.sent, received=result.received
            )
        )
        self.password.clear()
        self.load()
        self.joined.emit()

"""Settings > Users: the owner adds cashiers, sets PINs, disables users, and sets the rules."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission, role_label
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.people.users import UserView
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals, NotApproved
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.settings.user_dialogs import UserDialog
from bazaar_pos.ui.widgets.fields import button


class UsersSection(QGroupBox):
    """The users, with Add, New PIN and Disable/Enable, and the owner's rules below.

    Signals:
        changed(): users or rules changed (the first owner, say: sign-in is now required).
    """

    changed = Signal()

    def __init__(self, shop: Shop, approvals: Approvals, parent: QWidget | None = None) -> None:
        """Manage the users of ``shop``; a cashier's changes need the owner's approval."""
        super().__init__(parent)
        self.setObjectName("usersSection")
        self.setAccessibleName(_("Users"))
        self._shop = shop
        self._approvals = approvals
        self._background = Jobs(self)
        self.users: list[UserView] = []
        self.hint = QLabel()
        self.hint.setObjectName("screenNote")
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("usersTable")
        self.table.setAccessibleName(_("Users"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.table.itemSelectionChanged.connect(self._enable)
        self.add_button = button("addUser", _("&Add a user..."), self.add_user)
        self.pin_button = button("setPin", _("New &PIN..."), self.set_pin)
        self.active_button = button("toggleUser", _("&Disable"), self.toggle_active)
        buttons = QHBoxLayout()
        for each in (self.add_button, self.pin_button, self.active_button):
            buttons.addWidget(each)
        buttons.addStretch(1)
        self.discount_limit = QSpinBox()
        self.discount_limit.setObjectName("discountLimit")
        self.discount_limit.setAccessibleName(_("Largest discount a cashier may give"))
        self.discount_limit.setRange(0, 100)
        self.discount_limit.setSuffix(" %")
        self.discount_limit.setFixedWidth(110)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockAfterMinutes")
        self.lock_minutes.setAccessibleName(_("Lock the till after minutes idle"))
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(_(" min"))
        self.lock_minutes.setSpecialValueText(_("never"))
        self.lock_minutes.setFixedWidth(110)
        self.save_rules_button = button("saveRules", _("Sa&ve the rules"), self.save_rules)
        rules = QFormLayout()
        rules.addRow(_("Largest discount without the owner:"), self.discount_limit)
        rules.addRow(_("Lock the till when idle for:"), self.lock_minutes)
        rules_row = QHBoxLayout()
        rules_row.addWidget(self.save_rules_button)
        rules_row.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("shopSettingsMessage")
        self.message.setWordWrap(True)
        rules_title = QLabel(_("The owner's rules"))
        rules_title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(rules_title)
        layout.addLayout(rules)
        layout.addLayout(rules_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        """Show the users and the rules as stored."""
        self.users = self._shop.users.users()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            state = _("active") if user.active else _("disabled")
            if user.locked_until is not None:
                state = _("locked out until {time}").format(
                    time=user.locked_until.astimezone().strftime("%H:%M")
                )
            for column, text in enumerate((user.name, role_label(user.role), state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.users:
            self.table.selectRow(0)
            self.hint.setText(
                _(
                    "Each person signs in with their own PIN. Cashiers sell; what only the "
                    "owner may do (refunds, voids, big discounts, stock, exports, settings) "
                    "asks for an owner's PIN on the spot."
                )
            )
        else:
            self.hint.setText(
                _(
                    "No users yet: the till opens straight to you, the owner. Add yourself "
                    "first to require a PIN, then your cashiers."
                )
            )
        rules = self._shop.access.settings()
        self.discount_limit.setValue(rules.discount_limit_percent)
        self.lock_minutes.setValue(rules.lock_after_minutes)
        self._enable()

    def current(self) -> UserView | None:
        """The user selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def add_user(self) -> None:
        """Add a user: name, role and a PIN typed twice."""
        answer = UserDialog.ask(self, first=not self.users)
        if answer is None:
            return
        name, role, pin = answer
        self._slow(
            Permission.MANAGE_USERS,
            lambda approval: self._shop.users.add(name, role, pin, approval=approval),
            _("{name} was added.").format(name=name),
        )

    def set_pin(self) -> None:
        """Give the selected user a new PIN (also lifts a lockout)."""
        user = self.current()
        if user is None:
            return
        pin = UserDialog.ask_pin(self, user.name)
        if pin is None:
            return
        actor = self._shop.access.actor
        own = actor is not None and actor.user_id == user.id
        self._slow(
            None if own else Permission.MANAGE_USERS,
            lambda approval: self._shop.users.set_pin(user.name, pin, approval=approval),
            _("The PIN of {name} was changed.").format(name=user.name),
        )

    def toggle_active(self) -> None:
        """Disable the selected user, or enable them again."""
        user = self.current()
        if user is None:
            return
        call = self._shop.users.disable if user.active else self._shop.users.enable
        try:
            self._approvals.run(lambda approval: call(user.name, approval=approval))
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.load()
        self.changed.emit()
        show_message(
            self.message,
            (
                _("{name} can no longer sign in.")
                if user.active
                else _("{name} can sign in again.")
            ).format(name=user.name),
        )

    def save_rules(self) -> None:
        """Store the discount limit and the idle lock."""
        limit, minutes = self.discount_limit.value(), self.lock_minutes.value()
        try:
            self._approvals.run(
                lambda approval: self._shop.access.configure(
                    approval=approval, discount_limit_percent=limit, lock_after_minutes=minutes
                )
            )
        except UserError as exc:
            if isinstance(exc, NotApproved):  # refused: show the rules that still hold
                rules = self._shop.access.settings()
                self.discount_limit.setValue(rules.discount_limit_percent)
                self.lock_minutes.setValue(rules.lock_after_minutes)
            show_message(self.message, str(exc), "error")
            return
        self.changed.emit()
        show_message(self.message, _("Saved."))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until a PIN being hashed is stored (for tests)."""
        return self._background.wait(msecs)

    def _slow(
        self, permission: Permission | None, work: Callable[[Approval | None], object], done: str
    ) -> None:
        """Hashing a PIN takes a moment: get any approval first, then work off the GUI thread."""
        granted = self._approvals.granted(
            *([permission] if permission else []),
            tell=lambda message: show_message(self.message, message, "error"),
        )
        if granted is None:
            return
        self._set_busy(True)
        show_message(self.message, _("Saving..."))
        self._background.run(
            lambda: work(granted.approval), lambda _r: self._saved(done), self._failed
        )

    def _saved(self, done: str) -> None:
        self._set_busy(False)
        self.load()
        self.changed.emit()
        show_message(self.message, done)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        show_message(self.message, message, "error")

    def _set_busy(self, busy: bool) -> None:
        for each in (self.add_button, self.pin_button, self.active_button):
            each.setEnabled(not busy)
        if not busy:
            self._enable()

    def _enable(self) -> None:
        user = self.current()
        actor = self._shop.access.actor
        myself = user is not None and actor is not None and actor.user_id == user.id
        self.pin_button.setEnabled(user is not None)
        self.active_button.setEnabled(user is not None and not myself)
        self.active_button.setText(_("&Disable") if user is None or user.active else _("E&nable"))

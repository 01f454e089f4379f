"""The sign-in screen: choose who you are, type your PIN, Enter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Actor, role_label
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.widgets.fields import pin_field


class SignInScreen(QWidget):
    """Who is at the till: a list of users and a PIN field; the PIN is checked off the GUI thread.

    Signals:
        signed_in(Actor): the PIN was right; the person is signed in.
    """

    signed_in = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Sign people in to ``shop``."""
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self.setAccessibleName(_("Sign in"))
        self._shop = shop
        self._background = Jobs(self)
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        prompt = QLabel(_("Who is at the till?"))
        prompt.setObjectName("signInPrompt")
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.users = QListWidget()
        self.users.setObjectName("signInUsers")
        self.users.setAccessibleName(_("Users"))
        self.users.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin = pin_field("signInPin", _("PIN"))
        self.users.itemClicked.connect(lambda _item: self.pin.setFocus())
        self.pin.setPlaceholderText(_("PIN"))
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.returnPressed.connect(self.submit)
        self.pin.installEventFilter(self)
        self.button = QPushButton(_("Sign in  Enter"))
        self.button.setObjectName("signInButton")
        self.button.setAccessibleName(_("Sign in"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(_("↑ ↓ choose who you are · type your PIN · Enter"))
        hint.setObjectName("signInHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        card = QFrame()
        card.setObjectName("signInCard")
        card.setFixedWidth(460)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(prompt)
        inner.addWidget(self.users)
        pin_caption = QLabel(_("Your &PIN"))
        pin_caption.setObjectName("signInPrompt")
        pin_caption.setBuddy(self.pin)
        inner.addWidget(pin_caption)
        inner.addWidget(self.pin)
        inner.addWidget(self.button)
        inner.addWidget(self.message)
        inner.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def fit_to_style(self) -> None:
        """Make the list of users as tall as up to six of its rows in the style's font."""
        self.users.ensurePolished()
        row_height = max(self.users.sizeHintForRow(0), 24)
        rows = min(max(len(self), 1), 6)
        self.users.setFixedHeight(rows * row_height + 2 * self.users.frameWidth() + 4)

    def reload(self, preferred: str | None = None) -> None:
        """List the active users, selecting ``preferred`` (or the first), and clear the PIN."""
        self.title.setText(self._shop.settings.load().shop_name)
        self.users.clear()
        for user in self._shop.users.users(include_disabled=False):
            item = QListWidgetItem(f"{user.name}   ·   {role_label(user.role)}")
            item.setData(Qt.ItemDataRole.UserRole, user.name)
            self.users.addItem(item)
        names = [self.users.item(row).data(Qt.ItemDataRole.UserRole) for row in range(len(self))]
        self.users.setCurrentRow(names.index(preferred) if preferred in names else 0)
        self.fit_to_style()
        self.pin.clear()
        self._busy(False)
        show_message(self.message, "")
        self.pin.setFocus()

    def __len__(self) -> int:
        """How many users are listed."""
        return self.users.count()

    def chosen(self) -> str | None:
        """The name of the user chosen."""
        item = self.users.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def submit(self) -> None:
        """Check the PIN of the user chosen, in the background."""
        name, pin = self.chosen(), self.pin.text()
        if name is None or not pin or not self.pin.isEnabled():
            return
        self._busy(True)
        show_message(self.message, _("Checking..."))
        self._background.run(
            lambda: self._shop.access.sign_in(name, pin), self._done, self._refused
        )

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the PIN check is done (for tests)."""
        return self._background.wait(msecs)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the PIN field choose the user."""
        if (
            watched is self.pin
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and len(self)
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self.users.setCurrentRow(min(max(self.users.currentRow() + step, 0), len(self) - 1))
            self.pin.clear()
            return True
        return super().eventFilter(watched, event)

    def detach_filters(self) -> None:
        """Stop watching the PIN field's keys (the window is closing)."""
        self.pin.removeEventFilter(self)

    def _done(self, actor: Actor) -> None:
        self._busy(False)
        self.pin.clear()
        show_message(self.message, "")
        self.signed_in.emit(actor)

    def _refused(self, message: str) -> None:
        self._busy(False)
        self.pin.clear()
        show_message(self.message, message, "error")
        self.pin.setFocus()

    def _busy(self, busy: bool) -> None:
        self.pin.setEnabled(not busy)
        self.button.setEnabled(not busy)

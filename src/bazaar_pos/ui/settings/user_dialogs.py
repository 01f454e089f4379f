"""Adding a user and choosing a PIN: the PIN is typed twice and never shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Role, name_problems, pin_problems, role_label
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.dialogs import ok_cancel
from bazaar_pos.ui.widgets.fields import pin_field


class UserDialog(QDialog):
    """A new user's name, role and PIN (twice); the first user of a shop is its owner."""

    def __init__(self, parent: QWidget, *, name: str | None = None, first: bool = False) -> None:
        """Ask for a new user, or only a new PIN for ``name``."""
        super().__init__(parent)
        self._pin_only = name is not None
        title = _("New PIN for {name}").format(name=name) if name else _("Add a user")
        self.setObjectName("userDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.name = QLineEdit(name or "")
        self.name.setObjectName("userName")
        self.name.setAccessibleName(_("Name"))
        self.role = QComboBox()
        self.role.setObjectName("userRole")
        self.role.setAccessibleName(_("Role"))
        roles = (Role.OWNER,) if first else (Role.CASHIER, Role.OWNER)
        for role in roles:
            self.role.addItem(role_label(role), role)
        self.pin = pin_field("userPin", _("PIN"))
        self.again = pin_field("userPinAgain", _("The same PIN again"))
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        if not self._pin_only:
            form.addRow(_("&Name:"), self.name)
            form.addRow(_("&Role:"), self.role)
        form.addRow(_("&PIN (4-6 digits):"), self.pin)
        form.addRow(_("PIN &again:"), self.again)
        note = QLabel(
            _(
                "The PIN is never stored as typed, so nobody can read it from the shop's "
                "file. Choose one that is not 1234."
            )
        )
        note.setObjectName("screenNote")
        note.setWordWrap(True)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        if first:
            intro = QLabel(
                _(
                    "You are the owner. Once you have a PIN, the till asks who is "
                    "working when it starts and after it locks."
                )
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Close only with a good name and two equal, good PINs."""
        problems = [] if self._pin_only else name_problems(self.name.text())
        problems += pin_problems(self.pin.text())
        if self.pin.text() != self.again.text():
            problems.append(_("The two PINs differ."))
        if problems:
            self.problem.setText("\n".join(problems))
            self.again.clear()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, *, first: bool = False) -> tuple[str, Role, str] | None:
        """The new user's name, role and PIN, or None when cancelled."""
        dialog = cls(parent, first=first)
        dialog.name.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.name.text().strip(), Role(dialog.role.currentData()), dialog.pin.text()

    @classmethod
    def ask_pin(cls, parent: QWidget, name: str) -> str | None:
        """A new PIN for ``name``, or None when cancelled."""
        dialog = cls(parent, name=name)
        dialog.pin.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.pin.text()

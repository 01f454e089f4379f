"""Small modal questions with an ``ask()`` entry point that tests can drive or patch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _


class ConfirmDialog:
    """A yes-or-no question."""

    @classmethod
    def ask(
        cls, parent: QWidget, title: str, text: str, yes: str, no: str, *, min_width: int = 0
    ) -> bool:
        """Ask ``text``; True when the person chooses ``yes``. Esc means no.

        A ``min_width`` (pixels) keeps a long text, such as a list, from wrapping narrow.
        """
        box = QMessageBox(parent)
        box.setObjectName("confirmDialog")
        box.setAccessibleName(title)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names typed by people are never markup
        box.setText(text)
        if min_width:
            box.setStyleSheet(f"QLabel#qt_msgbox_label {{ min-width: {min_width}px; }}")
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button)
        box.setEscapeButton(no_button)
        box.exec()
        return box.clickedButton() is yes_button


class TextDialog(QDialog):
    """One line of text typed in answer to a question."""

    def __init__(
        self, parent: QWidget, title: str, label: str, text: str, *, required: bool
    ) -> None:
        """Ask ``label``, starting from ``text``; a ``required`` answer cannot be empty."""
        super().__init__(parent)
        self.setObjectName("textDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        prompt = QLabel(label)
        prompt.setWordWrap(True)
        self.field = QLineEdit(text)
        self.field.setObjectName("textDialogField")
        self.field.setAccessibleName(label)
        prompt.setBuddy(self.field)
        buttons = ok_cancel(self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if required:
            self.field.textChanged.connect(lambda value: ok.setEnabled(bool(value.strip())))
            ok.setEnabled(bool(text.strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    @classmethod
    def ask(
        cls, parent: QWidget, title: str, label: str, text: str = "", *, required: bool = False
    ) -> str | None:
        """The text typed, or None when cancelled."""
        dialog = cls(parent, title, label, text, required=required)
        dialog.field.selectAll()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.field.text().strip()


def ok_cancel(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    """OK and Cancel buttons accepting or rejecting ``dialog``; OK says ``ok_text`` if given."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or _("OK  Enter"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel  Esc"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons

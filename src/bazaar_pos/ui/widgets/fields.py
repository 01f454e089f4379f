"""Named form fields and buttons: every widget built here has an objectName and accessible name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPushButton, QWidget

from bazaar_pos.domain.access import PIN_LENGTHS
from bazaar_pos.ui.shortcuts import bind, key_text

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str) -> W:
    """``widget`` with its objectName and accessible name set."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def line_edit(name: str, accessible: str) -> QLineEdit:
    """An empty named line edit."""
    return named(QLineEdit(), name, accessible)


def pin_field(name: str, accessible: str) -> QLineEdit:
    """A named field for a PIN: digits, six at most, shown as dots."""
    field = line_edit(name, accessible)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(max(PIN_LENGTHS))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return field


def combo(name: str, accessible: str, items: Iterable[tuple[str, object]] = ()) -> QComboBox:
    """A named combo box holding ``items`` as (label, data) pairs."""
    box = named(QComboBox(), name, accessible)
    for label, data in items:
        box.addItem(label, data)
    return box


def date_edit(name: str, accessible: str, day: date | None = None) -> QDateEdit:
    """A named date field written ``yyyy-MM-dd`` with a calendar to pick from, showing ``day``."""
    edit = QDateEdit() if day is None else QDateEdit(QDate(day.year, day.month, day.day))
    named(edit, name, accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def picked_day(edit: QDateEdit) -> date:
    """The day a date field shows, as a Python ``date``."""
    day = edit.date()
    return date(day.year(), day.month(), day.day())


def spoken(text: str) -> str:
    """A button's text as a screen reader says it: no ``&``, key hint or trailing dots."""
    return text.split("  ")[0].replace("&", "").rstrip(".…")


def button(
    name: str,
    text: str,
    slot: Callable[[], object],
    *,
    accessible: str | None = None,
    shortcut: str = "",
    shortcuts_on: QWidget | None = None,
    focus: bool = True,
) -> QPushButton:
    """A named button calling ``slot``; the table's ``shortcut`` presses it within ``shortcuts_on``.

    A shortcut presses the button, so it does nothing while the button is
    disabled. Without ``focus`` the button takes no keyboard focus (its
    shortcut is its keyboard path).
    """
    widget = named(QPushButton(text), name, spoken(text) if accessible is None else accessible)
    if not focus:
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.clicked.connect(slot)
    if shortcut:  # click() does nothing while the button is disabled
        bind(shortcut, shortcuts_on or widget, widget.click)
        widget.setToolTip(key_text(shortcut))
    return widget

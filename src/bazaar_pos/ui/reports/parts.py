"""Small widgets the Reports screen and its dialogs share: named labels and report tables."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from bazaar_pos.ui.reports.models import RowsModel


def label(text: str, name: str, buddy: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    """A label with an object name; with a ``buddy``, its ``&`` mnemonic focuses that widget."""
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setAccessibleName(text.replace("&", ""))
    widget.setWordWrap(wrap)
    if buddy is not None:
        widget.setBuddy(buddy)
        # Room for ink beyond the measured width (a kerned "To" would lose its "o").
        widget.setMinimumWidth(widget.sizeHint().width() + 4)
    return widget


def table(name: str, accessible: str, model: RowsModel, *, stretch: int = 0) -> QTableView:
    """A read-only table of whole rows over ``model``; column ``stretch`` takes the spare room."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view

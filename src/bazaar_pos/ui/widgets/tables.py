"""Read-only tables of whole rows over a model, named for tests and screen readers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bazaar_pos.ui.widgets.fields import named


def list_table(
    name: str,
    accessible: str,
    model: QAbstractItemModel,
    *,
    single: bool = True,
    alternating: bool = False,
) -> QTableView:
    """A table of ``model``'s rows, not editable; columns fit their texts, the last stretches.

    A ``single`` table selects one row at a time; ``alternating`` shades every other row.
    """
    view = named(QTableView(), name, accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view

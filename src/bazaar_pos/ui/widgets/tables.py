"""Read-only tables (over a model, or of text cells), named for tests and screen readers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget

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


def cell_table(
    name: str, accessible: str, headers: list[str], *, stretch: int, rows: bool = False
) -> QTableWidget:
    """A read-only table of text cells under ``headers``; column ``stretch`` takes the room left.

    With ``rows``, a click selects one whole row. Columns otherwise fit their texts.
    """
    table = named(QTableWidget(0, len(headers)), name, accessible)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table

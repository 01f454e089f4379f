"""A table model over a list of rows: headings, row and column counts, numbers right-aligned."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
"""Roles as plain numbers: Qt asks a visible cell for a dozen roles at every paint."""


class ListTableModel(QAbstractTableModel, Generic[T]):
    """One row per item of a list; subclasses say how an item reads in each column.

    ``numeric_columns`` are right-aligned; other roles go to ``item_data``.
    """

    numeric_columns: frozenset[int] = frozenset()

    def __init__(self, headers: Sequence[str]) -> None:
        """An empty table with the column titles ``headers``."""
        super().__init__()
        self._headers = list(headers)
        self._items: list[T] = []

    def set_items(self, items: Iterable[T]) -> None:
        """Replace the rows shown."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> T:
        """The item on ``row``."""
        return self._items[row]

    def row_where(self, wanted: Callable[[T], bool]) -> int:
        """The first row whose item is ``wanted``, or -1."""
        return next((row for row, item in enumerate(self._items) if wanted(item)), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per item."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One column per title."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text (and its tooltip), numbers right-aligned, anything else from ``item_data``."""
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        role = int(role)
        if role == _DISPLAY:
            return self.text(item, index.row(), column)
        if role == _ALIGNMENT and column in self.numeric_columns:
            return RIGHT
        found = self.item_data(item, column, role)
        if found is None and role == _TOOLTIP:
            return self.text(item, index.row(), column) or None  # whole, where a column cuts it
        return found

    def text(self, item: T, row: int, column: int) -> str:
        """What ``item`` on ``row`` shows in ``column``."""
        raise NotImplementedError

    def item_data(self, item: T, column: int, role: int) -> object:
        """Any other role of a cell: nothing unless a subclass says so."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

"""The Count tab: count the whole shop or a category, review the variances, then apply them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.quantity import PER_UNIT, QuantityError, Unit, parse_quantity
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import N_, _, ngettext
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.stock.service import CountLine, Variance
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import Formats, QuantityText

Index = QModelIndex | QPersistentModelIndex
COUNTED_COLUMN = 4
_HEADERS = (N_("SKU"), N_("Name"), N_("Category"), N_("Expected"), N_("Counted"), N_("Difference"))
_SHORT = QBrush(QColor("#b42318"))
_OVER = QBrush(QColor("#1c6fb4"))


def signed(quantity: QuantityText, milli: int, unit: Unit) -> str:
    """A difference with its sign: ``+2``, ``-0,25 kg``, ``0``."""
    return ("+" if milli > 0 else "") + quantity(milli, unit)


class CountModel(QAbstractTableModel):
    """A count sheet: what the ledger expects and, once typed or scanned, what was counted.

    Counts are thousandths of each product's unit, like the stock.
    """

    def __init__(self, formats: Formats) -> None:
        """An empty sheet; quantities are written as ``formats`` writes them."""
        super().__init__()
        self._formats = formats
        self.lines: list[CountLine] = []
        self.counted: dict[int, int] = {}
        self._rows: dict[int, int] = {}
        self._headers = [_(h) for h in _HEADERS]

    def load(self, lines: list[CountLine]) -> None:
        """Start a new count over ``lines``; nothing is counted yet."""
        self.beginResetModel()
        self.lines = lines
        self.counted = {}
        self._rows = {line.product_id: row for row, line in enumerate(lines)}
        self.endResetModel()

    def row_of(self, product_id: int) -> int | None:
        """The row of a product on the sheet."""
        return self._rows.get(product_id)

    def add_one(self, product_id: int) -> int | None:
        """Count one more of a product (a scan); the row, or None if it is not on the sheet.

        Goods kept by weight or length are weighed, not scanned: their row is
        returned to type the count in, and nothing is added.
        """
        row = self._rows.get(product_id)
        if row is not None and self.lines[row].unit.counted:
            self.set_count(row, self.counted.get(product_id, 0) + PER_UNIT)
        return row

    def set_count(self, row: int, count: int | None) -> None:
        """Set (or, with None, clear) the count on ``row``."""
        product_id = self.lines[row].product_id
        if count is None:
            self.counted.pop(product_id, None)
        else:
            self.counted[product_id] = count
        self.dataChanged.emit(self.index(row, COUNTED_COLUMN), self.index(row, COUNTED_COLUMN + 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per product on the sheet."""
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """SKU, name, category, expected, counted, difference."""
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The counted column can be typed in."""
        flags = super().flags(index)
        if index.isValid() and index.column() == COUNTED_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text; differences in red (missing) or blue (extra)."""
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        counted = self.counted.get(line.product_id)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            quantity = self._formats.quantity
            if column == COUNTED_COLUMN:
                return "" if counted is None else quantity(counted, line.unit)
            if column == COUNTED_COLUMN + 1:
                if counted is None:
                    return ""
                return signed(quantity, counted - line.expected, line.unit)
            expected = quantity(line.expected, line.unit)
            return (line.sku, line.name, line.category, expected)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and counted is not None:
            if counted < line.expected:
                return _SHORT
            if counted > line.expected:
                return _OVER
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Type a count (``12``, ``2,5``, ``750 g``), or nothing to clear it."""
        if not index.isValid() or index.column() != COUNTED_COLUMN:
            return False
        text = str(value).strip()
        if not text:
            self.set_count(index.row(), None)
            return True
        if text in ("0", "0,0", "0.0"):
            self.set_count(index.row(), 0)
            return True
        try:
            counted = parse_quantity(text, self.lines[index.row()].unit)
        except QuantityError:
            return False
        self.set_count(index.row(), counted)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class VarianceDialog(QDialog):
    """The differences a count found, shown before anything changes.

    Their value at cost shows only with ``costs`` (someone who may see costs).
    """

    def __init__(
        self,
        variances: list[Variance],
        counted: int,
        formats: Formats,
        parent: QWidget | None,
        *,
        costs: bool = True,
    ) -> None:
        """Show ``variances`` out of ``counted`` products counted."""
        super().__init__(parent)
        self.setObjectName("varianceDialog")
        self.setAccessibleName(_("Variances"))
        self.setWindowTitle(_("Apply the stock count?"))
        headers = [_("SKU"), _("Name"), _("Expected"), _("Counted"), _("Difference")]
        if costs:
            headers.append(_("At cost"))
        table = QTableWidget(len(variances), len(headers))
        table.setObjectName("varianceTable")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, v in enumerate(variances):
            cells = (
                v.sku,
                v.name,
                formats.quantity(v.expected, v.unit),
                formats.quantity(v.counted, v.unit),
                signed(formats.quantity, v.difference, v.unit),
                *((formats.money(v.value),) if costs else ()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        table.resizeColumnsToContents()
        wide_enough = header.length() + table.verticalScrollBar().sizeHint().width() + 48
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        total = sum(v.value for v in variances)
        if costs:
            text = ngettext(
                "{counted} product counted; {count} differs from the stock on record "
                "({value} at cost). Applying sets the stock to what was counted.",
                "{counted} products counted; {count} differ from the stock on record "
                "({value} at cost). Applying sets the stock to what was counted.",
                counted,
            ).format(counted=counted, count=len(variances), value=formats.money(total))
        else:
            text = ngettext(
                "{counted} product counted; {count} differs from the stock on record. "
                "Applying sets the stock to what was counted.",
                "{counted} products counted; {count} differ from the stock on record. "
                "Applying sets the stock to what was counted.",
                counted,
            ).format(counted=counted, count=len(variances))
        summary = QLabel(text)
        summary.setObjectName("varianceSummary")
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry().width() - 40
        self.resize(min(max(720, wide_enough), room), 420)  # names whole where the screen allows

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        variances: list[Variance],
        counted: int,
        formats: Formats,
        *,
        costs: bool = True,
    ) -> bool:
        """Show the variances; True when the person applies them."""
        dialog = cls(variances, counted, formats, parent, costs=costs)
        return dialog.exec() == QDialog.DialogCode.Accepted


class CountTab(QWidget):
    """A stock count: load a sheet, type or scan counts, review, apply.

    Anyone may count; applying the count adjusts stock, so a cashier applies
    it with the owner's PIN. Values at cost show only to someone who may see
    costs, or with the owner's approval kept in ``looking``.

    Signals:
        stock_changed(object): a Changes after a count was applied.
    """

    stock_changed = Signal(object)

    def __init__(
        self,
        shop: Shop,
        looking: LookingApproval,
        approvals: Approvals,
        parent: QWidget | None = None,
    ) -> None:
        """Count the stock of ``shop``; ``approvals`` asks the owner to apply a cashier's count."""
        super().__init__(parent)
        self.setObjectName("stockCountTab")
        self.setAccessibleName(_("Stock count"))
        self._shop = shop
        self._looking = looking
        self._approvals = approvals
        self._formats = Formats(shop.settings.load())
        self.scope = QComboBox()
        self.scope.setObjectName("countScope")
        self.scope.setAccessibleName(_("What to count"))
        start = QPushButton(_("S&tart count"))
        start.setObjectName("countStart")
        start.clicked.connect(self.start)
        self.scan = QLineEdit()
        self.scan.setObjectName("countScan")
        self.scan.setAccessibleName(_("Scan or type a code"))
        self.scan.setPlaceholderText(_("Scan or type a barcode or SKU: each scan counts one"))
        self.scan.returnPressed.connect(self._scanned)
        self.model = CountModel(self._formats)
        self.table = QTableView()
        self.table.setObjectName("countTable")
        self.table.setAccessibleName(_("Count sheet"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # variants differ at the end
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # headers whole
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.review = QPushButton(_("&Review and apply…"))
        self.review.setObjectName("countReview")
        self.review.clicked.connect(self.apply)
        self.message = QLabel(
            _("Choose what to count and start. Products left blank are not changed.")
        )
        self.message.setObjectName("countMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Count")))
        top.addWidget(self.scope, 1)
        top.addWidget(start)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.review)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scan)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        """Offer the whole shop and each category."""
        current = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(_("The whole shop"), None)
        for category in self._shop.catalogue.categories():
            self.scope.addItem(category, category)
        self.scope.setCurrentIndex(max(self.scope.findData(current), 0))
        self.review.setEnabled(bool(self.model.lines))

    def start(self) -> None:
        """Load a fresh count sheet for the chosen scope."""
        self.model.load(self._shop.stock.count_sheet(self.scope.currentData()))
        self.review.setEnabled(bool(self.model.lines))
        dialogs.show_message(
            self.message,
            ngettext(
                "{count} product on the sheet. Type counts or scan items.",
                "{count} products on the sheet. Type counts or scan items.",
                len(self.model.lines),
            ).format(count=len(self.model.lines)),
        )
        self.scan.setFocus()

    def apply(self) -> None:
        """Show the variances; apply them when confirmed."""
        counts = dict(self.model.counted)
        try:
            variances = self._shop.stock.variances(counts)
        except UserError as problem:
            dialogs.show_message(self.message, dialogs.describe(problem), "error")
            return
        costs = self._looking.allowed()
        if not VarianceDialog.ask(self, variances, len(counts), self._formats, costs=costs):
            return
        note = _("stock count")
        try:
            result = self._approvals.run(
                lambda approval: self._shop.stock.apply_count(counts, note=note, approval=approval)
            )
        except UserError as problem:
            dialogs.show_message(self.message, dialogs.describe(problem), "error")
            return
        self.model.load([])
        self.review.setEnabled(False)
        if costs:
            text = _("Count applied: {count} products changed ({value} at cost).").format(
                count=len(result.variances), value=self._formats.money(result.value)
            )
        else:
            text = ngettext(
                "Count applied: {count} product changed.",
                "Count applied: {count} products changed.",
                len(result.variances),
            ).format(count=len(result.variances))
        dialogs.show_message(self.message, text)
        self.stock_changed.emit(Changes(stock=True, products=True))

    def access_changed(self) -> None:
        """Someone else signed in: forget what the last message said (it may hold costs)."""
        dialogs.show_message(self.message, "")

    def _scanned(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if not code:
            return
        product = self._shop.catalogue.find_by_code(code)
        row = self.model.add_one(product.id) if product else None
        if row is None:
            # Stands out, with a beep: a scanner user looks at the goods, not the screen.
            QApplication.beep()
            dialogs.show_message(
                self.message, _("{code} is not on this count sheet.").format(code=code), "warn"
            )
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        line = self.model.lines[row]
        if not line.unit.counted:
            dialogs.show_message(
                self.message,
                _("{name} is kept by weight or length: type what the scale says.").format(
                    name=line.name
                ),
            )
            return
        count = self._formats.quantity(self.model.counted[line.product_id], line.unit)
        dialogs.show_message(
            self.message, _("{name}: {count} counted.").format(name=line.name, count=count)
        )

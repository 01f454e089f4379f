"""The Stock tab: pick a product, see its stock and history, receive or adjust it."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.quantity import Unit, line_amount
from bazaar_pos.i18n import _
from bazaar_pos.services.products.search import ProductQuery
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes, ProductView
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.products.model import NAME_COLUMN, ProductTableModel
from bazaar_pos.ui.shortcuts import bind, key_text
from bazaar_pos.ui.stock.dialogs import Move, StockMoveDialog

HISTORY_ROWS = 500
COST_COLUMN = 4


class MovementsTab(QWidget):
    """Products on the left; the chosen product's stock, actions and history on the right.

    Costs show only to someone who may see them, or with the owner's approval
    kept in ``looking``.

    Signals:
        stock_changed(object): a Changes after a movement was recorded here.
    """

    stock_changed = Signal(object)

    def __init__(self, shop: Shop, looking: LookingApproval, parent: QWidget | None = None) -> None:
        """Show the stock of ``shop``'s products; ``looking`` says whether costs show."""
        super().__init__(parent)
        self.setObjectName("stockMovementsTab")
        self.setAccessibleName(_("Stock of a product"))
        self._shop = shop
        self._looking = looking
        self._formats = Formats(shop.settings.load())
        self.product: ProductView | None = None
        self.model = ProductTableModel.over_catalogue(
            shop.catalogue, self._formats.money, quantity=self._formats.quantity
        )
        self.filter = QLineEdit()
        self.filter.setObjectName("stockFilter")
        self.filter.setAccessibleName(_("Find a product"))
        self.filter.setPlaceholderText(_("Find by name, SKU or barcode"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.refresh)
        self.filter.returnPressed.connect(self._first_match)
        self.archived = QCheckBox(_("Archived too"))
        self.archived.setObjectName("stockShowArchived")
        self.archived.toggled.connect(self.refresh)
        self.table = QTableView()
        self.table.setObjectName("stockProductTable")
        self.table.setAccessibleName(_("Products"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        for column in (2, 3, 4):
            self.table.setColumnHidden(column, True)
        # "Kemeja Tenun Lurik (L / Merah)": variants differ at the end, so cut the middle.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 130)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        find_row = QHBoxLayout()
        find_row.addWidget(self.filter, 1)
        find_row.addWidget(self.archived)
        left_layout.addLayout(find_row)
        left_layout.addWidget(self.table, 1)

        self.heading = QLabel(_("Choose a product on the left."))
        self.heading.setObjectName("stockProductName")
        self.heading.setWordWrap(True)
        self.on_hand = QLabel()
        self.on_hand.setObjectName("stockOnHand")
        self.reserved = QLabel()
        self.reserved.setObjectName("stockReserved")
        self.reserved.setAccessibleName(_("Reserved for orders"))
        self.reserved.hide()
        self.details = QLabel()
        self.details.setObjectName("stockDetails")
        self.details.setWordWrap(True)
        self.buttons: dict[Move, QPushButton] = {}
        actions = QHBoxLayout()
        for move, text, shortcut in (
            (Move.RECEIVE, _("&Receive…"), "stock.receive"),
            (Move.ADJUST, _("Ad&just…"), "stock.adjust"),
            (Move.CONSIGN_IN, _("From c&onsignor…"), "stock.consignIn"),
            (Move.CONSIGN_RETURN, _("Re&turn to consignor…"), "stock.consignReturn"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"stock_{move.value}")
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setToolTip(key_text(shortcut))
            button.clicked.connect(lambda _checked=False, m=move: self.move_stock(m))
            bind(shortcut, self, partial(self.move_stock, move))
            self.buttons[move] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.history = QTableWidget(0, 6)
        self.history.setObjectName("stockHistory")
        self.history.setAccessibleName(_("Movement history"))
        self.history.setHorizontalHeaderLabels(
            [_("When"), _("Reason"), _("Stock change"), _("After"), _("Cost each"), _("Note")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        history_header = self.history.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("stockMessage")
        self.message.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.on_hand)
        right_layout.addWidget(self.reserved)
        right_layout.addWidget(self.details)
        right_layout.addLayout(actions)
        right_layout.addWidget(QLabel(_("History (newest first)")))
        right_layout.addWidget(self.history, 1)
        right_layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([430, 570])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        looking.changed.connect(lambda: self.show_product(self.product))
        self.refresh()

    def refresh(self) -> None:
        """Reload the product list and the chosen product."""
        query = ProductQuery(
            self.filter.text(), include_inactive=self.archived.isChecked(), stocked_only=True
        )
        # No count shown here: pages are read by key as the list scrolls.
        self.model.set_query(replace(query, sort=self.model.query.sort), count=False)
        chosen = self.product.id if self.product else None
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is None and self.model.rowCount():
            row, chosen = 0, self.model.product(0).id
        if row is not None:
            self.table.selectRow(row)
        self.show_product(self._shop.catalogue.get(chosen) if chosen is not None else None)

    def choose(self, product_id: int) -> None:
        """Show the product with ``product_id``."""
        self.show_product(self._shop.catalogue.get(product_id))
        row = self.model.row_of(product_id)
        if row is not None:
            self.table.selectRow(row)

    def _show_reserved(self, product: ProductView) -> None:
        """What open and ready pre-orders keep of the product, and what is left to sell."""
        reserved = self._shop.stock.reserved([product.id]).get(product.id, 0)
        self.reserved.setVisible(bool(reserved))
        if reserved:
            self.reserved.setText(
                _("{reserved} reserved for orders, {available} available").format(
                    reserved=self._formats.quantity(reserved, product.unit),
                    available=self._formats.quantity(product.stock_milli - reserved, product.unit),
                )
            )

    def show_product(self, product: ProductView | None) -> None:
        """Show ``product``'s stock, details and history."""
        self.product = product
        for move, button in self.buttons.items():
            consigned = product is not None and product.consignor_id is not None
            wanted = consigned if move in (Move.CONSIGN_IN, Move.CONSIGN_RETURN) else True
            button.setEnabled(product is not None and wanted and product.active)
        if product is None:
            self.heading.setText(_("Choose a product on the left."))
            self.on_hand.clear()
            self.reserved.hide()
            self.details.clear()
            self.history.setRowCount(0)
            return
        fmt = self._formats
        costs = self._looking.allowed()
        self.history.setColumnHidden(COST_COLUMN, not costs)
        self.heading.setText(f"{product.name}  ·  {product.sku}")
        self.on_hand.setText(
            _("{count} {unit} in stock").format(
                count=fmt.quantity(product.stock_milli, Unit.PCS), unit=product.unit.value
            )
        )
        self._show_reserved(product)
        facts = []
        if costs:
            facts.append(
                _("Cost {cost} each, {value} in all").format(
                    cost=fmt.money(product.cost),
                    value=fmt.money(line_amount(max(product.stock_milli, 0), product.cost)),
                )
            )
        facts.append(_("Price {price}").format(price=fmt.money(product.price)))
        if product.low_stock_milli is not None:
            level = fmt.quantity(product.low_stock_milli, product.unit)
            facts.append(_("Low-stock level {level}").format(level=level))
        if product.consignor_id is not None:
            maker = self._shop.consignment.get_consignor(product.consignor_id)
            facts.append(_("Consigned by {name}").format(name=maker.name))
        if product.one_of_a_kind:
            facts.append(_("One of a kind"))
        if not product.active:
            facts.append(_("Archived"))
        self.details.setText("   ·   ".join(facts))
        movements = self._shop.stock.history(product.id, limit=HISTORY_ROWS)
        self.history.setRowCount(len(movements))
        for row, m in enumerate(movements):
            note = "  ".join(part for part in (m.document, m.note) if part)
            cells = (
                fmt.moment(m.created_at),
                m.reason_text,
                ("+" if m.quantity_milli > 0 else "") + fmt.quantity(m.quantity_milli, m.unit),
                fmt.quantity(m.balance, m.unit),
                "" if m.unit_cost is None or not costs else fmt.money(m.unit_cost),
                note,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3, COST_COLUMN):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.history.setItem(row, column, item)

    def move_stock(self, move: Move) -> None:
        """Open the dialog for ``move`` on the chosen product."""
        product = self.product
        if product is None or not self.buttons[move].isEnabled():
            return
        stock = StockMoveDialog.ask(self, self._shop, product, move)
        if stock is None:
            return
        self.message.setText(
            _("{name}: {count} in stock now.").format(name=product.name, count=stock)
        )
        self.refresh()
        self.stock_changed.emit(Changes(stock=True, products=True))

    def _row_changed(self, current: object, _previous: object) -> None:
        row = current.row() if isinstance(current, QModelIndex) else -1
        self.show_product(self.model.product(row) if row >= 0 else None)

    def _first_match(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

"""The quick-pick grid: a coloured tile per favourite product, for goods without a barcode."""

from __future__ import annotations

import zlib
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.common.formatting import MoneyText
from bazaar_pos.ui.shortcuts import bind_each, key_text

COLUMNS = 2
SHORTCUT_TILES = 9
TILE_COLOURS = (
    "#e8f3ee",
    "#fdf1dc",
    "#e6eefb",
    "#fbe7e9",
    "#efe8fa",
    "#e3f4f6",
    "#f4f1de",
    "#f0ece6",
)


TILES_STYLE = "QLabel { background: transparent; }\n" + "".join(
    f'QPushButton#quickPickTile[tone="{tone}"] {{ background: {colour}; }}\n'
    for tone, colour in enumerate(TILE_COLOURS)
)
"""The tiles' colours, set once on the grid: a style sheet per tile costs a millisecond each."""


def tile_tone(category: str) -> int:
    """Which of the soft colours every product of a category gets."""
    return zlib.crc32(category.encode()) % len(TILE_COLOURS)


class QuickPickGrid(QWidget):
    """Tiles of favourite products; Alt+1 to Alt+9 pick the first nine."""

    picked = Signal(object)
    """A ProductView was picked."""

    def __init__(self, money: MoneyText, parent: QWidget | None = None) -> None:
        """Show prices with ``money``."""
        super().__init__(parent)
        self.setObjectName("quickPick")
        self.setAccessibleName(_("Favourite products"))
        self.setStyleSheet(TILES_STYLE)
        self._money = money
        self._products: list[ProductView] = []
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(6)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        for column in range(COLUMNS):
            self._layout.setColumnStretch(column, 1)
        self.tiles: list[QPushButton] = []
        bind_each("till.pick", self, self.pick)
        self.empty = QLabel(
            _("Mark products as favourites (Ctrl+D on a cart line) to pick them here.")
        )
        self.empty.setObjectName("quickPickEmpty")
        self.empty.setWordWrap(True)
        self._layout.addWidget(self.empty, 0, 0, 1, COLUMNS)

    def set_products(self, products: list[ProductView]) -> None:
        """Show one tile per product (the tiles shown stay when the products are the same)."""
        if list(products) == self._products:
            return
        for tile in self.tiles:
            self._layout.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        self._products = list(products)
        self.empty.setVisible(not products)
        for row, product in enumerate(products):
            key = key_text("till.pick", row) if row < SHORTCUT_TILES else ""
            tile = _tile(product.name, self._money(product.price), key)
            tile.setProperty("tone", str(tile_tone(product.category)))
            tile.clicked.connect(lambda _checked=False, r=row: self.pick(r))
            self._layout.addWidget(tile, row // COLUMNS, row % COLUMNS)
            self.tiles.append(tile)

    def pick(self, row: int) -> None:
        """Pick the product on tile ``row`` (nothing when there is no such tile)."""
        if 0 <= row < len(self._products) and self.isVisible():
            self.picked.emit(self._products[row])


def _tile(name: str, price: str, key: str) -> QPushButton:
    """A button showing the name (wrapped, cut if longer than fits), then price and shortcut.

    The price and the shortcut have their own line at the bottom, so a long name
    never pushes "Alt+3" out of the tile.
    """
    tile = QPushButton()
    tile.setObjectName("quickPickTile")
    tile.setAccessibleName(name)
    tile.setToolTip(f"{name}\n{price}  {key}".strip())
    tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tile.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    tile.setFixedHeight(66)
    text = QLabel(f"<b>{escape(name)}</b>")
    text.setObjectName("quickPickText")
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    price_label = QLabel(price)
    price_label.setObjectName("quickPickPrice")
    key_label = QLabel(key)
    key_label.setObjectName("quickPickKey")
    bottom = QHBoxLayout()
    bottom.setContentsMargins(0, 0, 0, 0)
    bottom.addWidget(price_label)
    bottom.addStretch(1)
    bottom.addWidget(key_label)
    for label in (price_label, key_label):
        label.setTextFormat(Qt.TextFormat.PlainText)
    for label in (text, price_label, key_label):
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    inner = QVBoxLayout(tile)
    inner.setContentsMargins(8, 4, 8, 4)
    inner.setSpacing(0)
    inner.addWidget(text, 1)
    inner.addLayout(bottom)
    return tile

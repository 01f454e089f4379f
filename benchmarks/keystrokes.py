"""Keystroke latency at full size: the real screens offscreen against bare Qt widgets.

Each timed event is one key sent with QTest, the work it starts, the events
it posts, and a synchronous repaint of the whole window: the time until the
change is on screen. The baselines are a bare QLineEdit with a QTableView (or
a QListWidget) answering the same keys with one raw indexed SELECT each.

The till waits ``SEARCH_DELAY_MS`` after a keystroke before it searches (so a
scanner's burst never searches); that deliberate pause is not counted: the
search is started as the timer would start it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QAbstractTableModel,
    QMessageLogContext,
    QModelIndex,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.scale_barcodes import DEFAULT_LAYOUTS, ScaleValue
from bazaar_pos.domain.text import search_words
from bazaar_pos.services.products.search import like_pattern
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.app.style import STYLE_SHEET
from bazaar_pos.ui.products.screen import ProductsScreen
from bazaar_pos.ui.till.screen import TillScreen
from benchmarks.shop_data import ZONE, BuiltShop
from benchmarks.stats import Row, Sample, Target, seconds

SEARCHES = ("kopi gayo", "tenun merah", "gelang perak", "pk-04213", "batik tulis", "sabun sereh")
"""Typed at the till: names, a SKU, and one that finds nothing (the slowest kind)."""
FILTERS = ("keramik", "tas rotan", "pk-0777", "madu", "jati hitam", "zzz")
"""Typed in the Products filter."""
LINES_PER_SALE = 20
SCALE_PRODUCTS = 24
"""Products sold by weight with a PLU, scanned by their label scale codes."""
SIZE = (1366, 768)


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Leave out the offscreen platform's note that it cannot resize to size hints."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def styled_application() -> QApplication:
    """The application as the app sets it up (its style sheet), quiet about size hints."""
    qInstallMessageHandler(_quiet)
    app = application()
    app.setStyleSheet(STYLE_SHEET)
    return app


def application() -> QApplication:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    return app


def _on_screen(app: QApplication, window: QWidget) -> None:
    app.processEvents()
    window.repaint()


class _Bare(QWidget):
    """A line edit over a table (or a list): the least a Qt window can do per key."""

    def __init__(self, with_list: bool = False) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.model = QStandardItemModel(0, 4)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.list = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.list if with_list else self.table, 1)
        self.resize(*SIZE)


class _RowsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[Any, ...]] = []

    def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 6

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column() + 1])
        return None


def _word_conditions(text: str) -> tuple[str, list[str]]:
    words = search_words(text)
    sql = "".join(" AND search_key LIKE ? ESCAPE '\\'" for _ in words)
    return sql, [like_pattern(w) for w in words]


def _type(
    app: QApplication,
    window: QWidget,
    field: QLineEdit,
    texts: Sequence[str],
    after_key: Callable[[], None],
    clear: Callable[[], None],
) -> list[float]:
    """Milliseconds from each key to the window repainted, typing ``texts`` one by one."""
    timings = []
    for text in texts:
        clear()
        _on_screen(app, window)
        for char in text:

            def key(char: str = char) -> None:
                QTest.keyClicks(field, char)
                after_key()
                _on_screen(app, window)

            timings.append(seconds(key) * 1000)
    return timings


def scanning(built: BuiltShop, shop: Shop, con: sqlite3.Connection, scans: int) -> list[Row]:
    """Scan to the line on screen: the Till against a bare line edit and table."""
    app = application()
    till = TillScreen(shop)
    till.resize(*SIZE)
    till.show()
    _on_screen(app, till)
    bare = _Bare()
    bare.show()

    def bare_scan() -> None:
        code = bare.field.text()
        bare.field.clear()
        found = con.execute(
            "SELECT sku, name, price_minor FROM products WHERE active AND barcode = ?", (code,)
        ).fetchone()
        if found:
            bare.model.appendRow([QStandardItem(str(v)) for v in (*found, 1)])
            bare.table.scrollToBottom()

    bare.field.returnPressed.connect(bare_scan)
    codes = built.barcodes
    ours, base = _time_scans(
        app, till, bare, [codes[(n * 7) % len(codes)] for n in range(scans + 5)]
    )
    till.cart.clear()
    till.parking.save_snapshot()
    _close(app, till, bare)
    return _latency_rows(
        "Scan to line on screen",
        ours,
        base,
        "bare QLineEdit + QTableView, raw SELECT by barcode",
        16,
    )


@contextmanager
def sold_by_weight(con: sqlite3.Connection, count: int = SCALE_PRODUCTS) -> Iterator[list[str]]:
    """PLUs of products sold by the kilo; a few products get one for the while if none have.

    The benchmark shop sells by the piece, so ``count`` active products
    (coffee, tea and food first) get the unit kg and PLUs 1, 2, ... as a shop
    with a label scale would give them, and their own unit back afterwards (the
    other figures scan them by their barcodes, and a weighed product would ask
    for its weight).
    """
    found = [
        str(plu)
        for (plu,) in con.execute(
            "SELECT plu FROM products WHERE active AND plu IS NOT NULL AND unit = 'kg'"
            " AND price_minor > 0 ORDER BY id LIMIT ?",
            (count,),
        )
    ]
    if found:
        yield found
        return
    chosen = con.execute(
        "SELECT id, unit FROM products WHERE active AND plu IS NULL AND price_minor > 0"
        " ORDER BY category IN ('Kopi & Teh', 'Makanan') DESC, id LIMIT ?",
        (count,),
    ).fetchall()
    with con:
        con.executemany(
            "UPDATE products SET unit = 'kg', plu = ? WHERE id = ?",
            [(str(plu), pid) for plu, (pid, _unit) in enumerate(chosen, start=1)],
        )
    try:
        yield [str(plu) for plu in range(1, len(chosen) + 1)]
    finally:
        with con:
            con.executemany(
                "UPDATE products SET unit = ?, plu = NULL WHERE id = ?",
                [(unit, pid) for pid, unit in chosen],
            )


def scale_labels(plus: Sequence[str], count: int) -> list[str]:
    """Codes label scales print: weight labels (``21``, grams) and price labels (``23``)."""
    weight, price = DEFAULT_LAYOUTS
    codes = []
    for n in range(count):
        plu = plus[(n * 7) % len(plus)]
        if n % 3 == 2:
            codes.append(price.code_for(plu, 5_000 + 500 * (n % 40)))
        else:
            codes.append(weight.code_for(plu, 100 + 25 * (n % 60)))
    return codes


def scale_scanning(shop: Shop, con: sqlite3.Connection, scans: int) -> list[Row]:
    """A label scale's code to the line on screen: the Till against a bare line edit and table.

    The baseline reads the code's PLU and value by the default layouts and
    finds the product with one raw SELECT by PLU.
    """
    with sold_by_weight(con) as plus:
        return _scale_scanning(shop, con, scale_labels(plus, scans + 5))


def _scale_scanning(shop: Shop, con: sqlite3.Connection, codes: list[str]) -> list[Row]:
    app = application()
    till = TillScreen(shop)
    till.resize(*SIZE)
    till.show()
    _on_screen(app, till)
    bare = _Bare()
    bare.show()
    layouts = {layout.prefix: layout for layout in DEFAULT_LAYOUTS}

    def bare_scan() -> None:
        code = bare.field.text()
        bare.field.clear()
        layout = layouts.get(code[:2])
        if layout is None or not layout.matches(code):
            return
        reading = layout.read(code)
        found = con.execute(
            "SELECT sku, name, price_minor FROM products WHERE active AND plu = ?",
            (reading.plu.lstrip("0"),),
        ).fetchone()
        if found:
            sku, name, price = found
            if reading.kind is ScaleValue.WEIGHT:
                grams, amount = reading.value, (reading.value * price + 500) // 1000
            else:
                amount = reading.value
                grams = (amount * 1000 + price // 2) // price
            row = (sku, name, price, f"{grams} g", amount)
            bare.model.appendRow([QStandardItem(str(v)) for v in row])
            bare.table.scrollToBottom()

    bare.field.returnPressed.connect(bare_scan)
    ours, base = _time_scans(app, till, bare, codes)
    lines = len(till.cart)
    till.cart.clear()
    till.parking.save_snapshot()
    _close(app, till, bare)
    if not lines:
        raise RuntimeError("the till added no line for the scale labels")
    return _latency_rows(
        "Scale label scan to line on screen",
        ours,
        base,
        "bare QLineEdit + QTableView, the label read by its layout, raw SELECT by PLU",
        16,
    )


def searching(shop: Shop, con: sqlite3.Connection, rounds: int) -> list[Row]:
    """Search as you type at the till against a bare line edit and list."""
    app = application()
    till = TillScreen(shop)
    till.resize(*SIZE)
    till.show()
    bare = _Bare(with_list=True)
    bare.show()

    def search_now() -> None:
        if till._search_timer.isActive():
            till._search_timer.stop()
            till._search_now()

    def bare_search() -> None:
        words, params = _word_conditions(bare.field.text())
        bare.list.clear()
        if len(bare.field.text()) >= 2:
            rows = con.execute(
                f"SELECT id, name FROM products WHERE active{words} LIMIT 8", params
            ).fetchall()
            bare.list.addItems([name for _id, name in rows])

    texts = list(SEARCHES) * rounds
    ours = _type(app, till, till.scan, texts, search_now, till._escape)
    base = _type(app, bare, bare.field, texts, bare_search, bare.field.clear)
    _close(app, till, bare)
    return _latency_rows(
        "Till search per keystroke",
        ours,
        base,
        "bare QLineEdit + QListWidget, raw SELECT over the search index, 8 rows",
        50,
    )


def filtering(shop: Shop, con: sqlite3.Connection, rounds: int) -> list[Row]:
    """The Products filter per keystroke against a bare line edit and table over raw SQL."""
    app = application()
    screen = ProductsScreen(shop)
    screen.resize(*SIZE)
    screen.show()
    bare = _Bare()
    model = _RowsModel()
    bare.table.setModel(model)
    bare.show()

    def bare_filter() -> None:
        words, params = _word_conditions(bare.field.text())
        rows = con.execute(
            "SELECT id, sku, name, category, barcode, price_minor, stock_milli FROM products"
            f" WHERE active{words} ORDER BY name, id LIMIT 200",
            params,
        ).fetchall()
        con.execute(f"SELECT count(*) FROM products WHERE active{words}", params).fetchone()
        model.set_rows(rows)

    bare.field.textChanged.connect(bare_filter)
    texts = list(FILTERS) * rounds
    ours = _type(app, screen, screen.filter, texts, lambda: None, screen.filter.clear)
    base = _type(app, bare, bare.field, texts, lambda: None, bare.field.clear)
    _close(app, screen, bare)
    return _latency_rows(
        "Products filter per keystroke",
        ours,
        base,
        "bare QLineEdit + QTableView, raw SELECT of the first 200 rows and the count",
        50,
    )


def _time_scans(
    app: QApplication, till: TillScreen, bare: _Bare, codes: list[str]
) -> tuple[list[float], list[float]]:
    """Each code scanned at the till and in the bare window: milliseconds to the screen.

    A new sale starts every ``LINES_PER_SALE`` scans; the first five are a warm-up.
    """
    ours, base = [], []
    for n, code in enumerate(codes):
        if n % LINES_PER_SALE == 0:
            till.cart.clear()
            till._cart_changed(persist=False)
            bare.model.removeRows(0, bare.model.rowCount())
        QTest.keyClicks(till.scan, code)
        mine = seconds(
            lambda: (QTest.keyClick(till.scan, Qt.Key.Key_Return), _on_screen(app, till))
        )
        if till._snapshot_timer.isActive():  # the pause before the next scan keeps the cart
            till.parking.save_snapshot()
        QTest.keyClicks(bare.field, code)
        theirs = seconds(
            lambda: (QTest.keyClick(bare.field, Qt.Key.Key_Return), _on_screen(app, bare))
        )
        if n >= 5:
            ours.append(mine * 1000)
            base.append(theirs * 1000)
    return ours, base


def _close(app: QApplication, *windows: QWidget) -> None:
    for window in windows:
        window.close()
        window.deleteLater()
    app.processEvents()


def _latency_rows(
    figure: str, ours: list[float], base: list[float], baseline: str, limit: float
) -> list[Row]:
    mine, theirs = Sample.of(ours), Sample.of(base)
    return [
        Row(
            f"{figure}, median",
            "ms",
            mine.median,
            theirs.median,
            baseline,
            Target(limit),
            len(ours),
        ),
        Row(f"{figure}, p95", "ms", mine.p95, theirs.p95, baseline, Target(limit), len(ours)),
    ]


def open_shop(path: Path) -> tuple[Shop, sqlite3.Connection]:
    """The app's services and a raw connection on the same file."""
    return Shop.open(path, zone=ZONE), sqlite3.connect(path)

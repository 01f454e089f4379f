"""Marketplace order exports read as they are: Shopee, TikTok Shop, Tokopedia and Lazada.

Each file is recognised by its headers, with no option to give: Shopee's
``Order.all...xlsx`` (sheet ``orders``), TikTok Shop's ``OrderSKUList`` as xlsx or csv
(English headers, a description row under them, Tokopedia's orders marked in
``Purchase Channel``), Tokopedia's older "Laporan Penjualan" (its header under a
preamble) and Lazada's order export (camelCase headers, one row per unit, each unit
with its own status, ``15000.00`` money). Headers are found by name, never by
position; every column is read by its own rule (:mod:`bazaar_pos.domain.marketplace`);
order totals repeated on every line are never read; order ids stay text. Problems are
collected with their line and the column as the file spells it, and the caller refuses
the whole file when there are any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from bazaar_pos.domain.marketplace import (
    Channel,
    OrderState,
    lazada_returned,
    lazada_state,
    order_state,
    parse_count,
    parse_decimal_rupiah,
    parse_order_time,
    parse_rupiah,
)
from bazaar_pos.domain.text import header_key
from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import csv_records
from bazaar_pos.exports.xlsx_io import cell_text, open_workbook
from bazaar_pos.i18n import _

HEADER_SEARCH_ROWS = 12
"""How far down a header row is looked for (Tokopedia's sits under a four-row preamble)."""

Row = tuple[int, list[str]]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One product line of a marketplace order, as the file states it."""

    line: int
    """The row in the file, as a spreadsheet numbers it."""
    channel: Channel
    order_id: str
    status: str
    state: OrderState
    ordered_at: datetime
    """Local time, as the marketplace wrote it (no zone)."""
    sku: str
    name: str
    variation: str
    quantity: int
    amount: int
    """What the line sold for after the seller's own discounts, in Rupiah."""
    returned: int = 0
    """Pieces the buyer sent back (Shopee's ``Returned quantity``, TikTok's return count)."""


@dataclass(frozen=True, slots=True)
class Shape:
    """A kind of order file: how it is recognised and where each field is."""

    name: str
    channel: Channel
    recognised_by: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]
    """Each field and the headers it may have (newest names first)."""
    sheets: tuple[str, ...] = ()
    description_row: bool = False
    """True when the row under the header explains each column (TikTok)."""
    carries_down: bool = False
    """True when an order's later lines leave its id, status and time blank (Tokopedia)."""
    optional: frozenset[str] = frozenset(
        {"variation", "returned", "channel", "parent_sku", "seller_discount"}
    )
    money: Callable[[str], int] = parse_rupiah
    """How the file writes Rupiah."""
    state: Callable[[str], OrderState] = order_state
    """What a status means for the stock."""
    per_unit: bool = False
    """True when every unit is a row of its own, with its own status (Lazada)."""


SHOPEE = Shape(
    "Shopee",
    Channel.SHOPEE,
    ("no. pesanan", "status pesanan"),
    {
        "order_id": ("no. pesanan",),
        "status": ("status pesanan",),
        "time": ("waktu pesanan dibuat",),
        "sku": ("nomor referensi sku",),
        "parent_sku": ("sku induk",),
        "name": ("nama produk",),
        "variation": ("nama variasi",),
        "quantity": ("jumlah",),
        "unit_price": ("harga setelah diskon",),
        "returned": ("returned quantity",),
    },
    sheets=("orders",),
)
SHOPEE_ENGLISH = Shape(
    "Shopee",
    Channel.SHOPEE,
    ("order id", "sku reference no."),
    {
        "order_id": ("order id",),
        "status": ("order status",),
        "time": ("order creation date",),
        "sku": ("sku reference no.",),
        "parent_sku": ("parent sku reference no.",),
        "name": ("product name",),
        "variation": ("variation name",),
        "quantity": ("quantity",),
        "unit_price": ("deal price",),
        "returned": ("returned quantity",),
    },
    sheets=("orders",),
)
TIKTOK = Shape(
    "TikTok Shop",
    Channel.TIKTOK,
    ("order id", "seller sku"),
    {
        "order_id": ("order id",),
        "status": ("order status",),
        "time": ("created time",),
        "sku": ("seller sku",),
        "name": ("product name",),
        "variation": ("variation",),
        "quantity": ("quantity",),
        "line_before_discount": ("sku subtotal before discount",),
        "seller_discount": ("sku seller discount",),
        "returned": ("sku quantity of return",),
        "channel": ("purchase channel",),
    },
    sheets=("OrderSKUList",),
    description_row=True,
)
TOKOPEDIA = Shape(
    "Tokopedia",
    Channel.TOKOPEDIA,
    ("nomor invoice", "status terakhir"),
    {
        "order_id": ("nomor invoice",),
        "status": ("status terakhir",),
        "time": ("tanggal pembayaran",),
        "sku": ("nomor sku",),
        "name": ("nama produk",),
        "quantity": ("jumlah produk dibeli",),
        "unit_price": ("harga jual (idr)",),
    },
    sheets=("Laporan Penjualan",),
    carries_down=True,
)
LAZADA = Shape(
    "Lazada",
    Channel.LAZADA,
    ("orderitemid", "ordernumber"),
    {
        "order_id": ("ordernumber",),
        "status": ("status",),
        "time": ("createtime",),
        "sku": ("sellersku",),
        "name": ("itemname",),
        "variation": ("variation",),
        "unit_price": ("unitprice",),
        "seller_discount": ("sellerdiscounttotal",),
    },
    money=parse_decimal_rupiah,
    state=lazada_state,
    per_unit=True,
)
SHAPES = (SHOPEE, SHOPEE_ENGLISH, TIKTOK, TOKOPEDIA, LAZADA)


@dataclass
class OrderFile:
    """What was read from one order file."""

    shape: Shape
    lines: list[OrderLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_order_file(path: Path) -> OrderFile:
    """Read a marketplace order export; raise UserError when it is none of the known kinds."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return _read(path, [list(csv_records(path))])
    if suffix in (".xlsx", ".xlsm"):
        found = _read_xlsx(path, read_only=True)
        if isinstance(found, OrderFile):
            return found
        # Some exports put every cell in a row of its own; a full read puts them back together.
        again = _read_xlsx(path, read_only=False)
        if isinstance(again, OrderFile):
            return again
        raise _unknown(path)
    raise UserError(_("{path} is not a CSV or XLSX file.").format(path=path))


def is_order_file(path: Path) -> bool:
    """Whether ``path`` looks like a marketplace order export, by the headers of its first rows.

    A workbook always counts (the simple sales import reads CSV only), so that an
    unknown one is refused with the order import's message; a CSV counts when one
    of the known header rows is among its first rows.
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return True
    if suffix != ".csv":
        return False
    head: list[list[str]] = []
    for _number, cells in csv_records(path):
        head.append(cells)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    return any(
        all(k in keys for k in shape.recognised_by)
        for keys in ([header_key(c) for c in cells] for cells in head)
        for shape in SHAPES
    )


def _unknown(path: Path) -> UserError:
    return UserError(
        _(
            "{path} is not an order export Bazaar POS knows (Shopee, TikTok Shop, "
            "Tokopedia or Lazada)."
        ).format(path=path)
    )


def _read_xlsx(path: Path, *, read_only: bool) -> OrderFile | None:
    workbook = open_workbook(path, read_only=read_only)
    try:
        named = {sheet.title.casefold(): sheet for sheet in workbook.worksheets}
        preferred = list(
            dict.fromkeys(
                named[name.casefold()]
                for shape in SHAPES
                for name in shape.sheets
                if name.casefold() in named
            )
        )
        sheets = [*preferred, *(s for s in workbook.worksheets if s not in preferred)]
        tables = [
            [
                (number, [cell_text(c) for c in cells])
                for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
                if any(c is not None for c in cells)
            ]
            for sheet in sheets
        ]
    finally:
        workbook.close()
    try:
        return _read(path, tables)
    except UserError:
        return None


def _read(path: Path, tables: Iterable[Sequence[Row]]) -> OrderFile:
    for rows in tables:
        for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
            keys = [header_key(c) for c in cells]
            for shape in SHAPES:
                if all(k in keys for k in shape.recognised_by):
                    return _ShapeReader(shape, cells, keys).read(rows[index + 1 :])
    raise _unknown(path)


class _ShapeReader:
    """Reads the data rows of one file of a known shape."""

    def __init__(self, shape: Shape, header: list[str], keys: list[str]) -> None:
        self.shape = shape
        self.found = OrderFile(shape)
        self.where: dict[str, int] = {}
        self.spelled: dict[str, str] = {}
        for role, names in shape.columns.items():
            for name in names:
                if name in keys:
                    self.where[role] = keys.index(name)
                    self.spelled[role] = header[keys.index(name)].strip()
                    break
        self.missing = [
            shape.columns[role][0]
            for role in shape.columns
            if role not in self.where and role not in shape.optional
        ]

    def read(self, rows: Sequence[Row]) -> OrderFile:
        if self.missing:
            self.found.problems.append(
                _("The file has no column {names}.").format(names=", ".join(self.missing))
            )
            return self.found
        carried: dict[str, str] = {}
        for position, (number, cells) in enumerate(rows):
            order_id = self._text(cells, "order_id")
            if position == 0 and self.shape.description_row and not order_id.isdigit():
                continue  # TikTok explains each column in the row under the header
            self._line(number, cells, carried)
        if self.shape.per_unit:
            self.found.lines = units_as_lines(self.found.lines)
        return self.found

    def _text(self, cells: list[str], role: str) -> str:
        index = self.where.get(role)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def _line(self, number: int, cells: list[str], carried: dict[str, str]) -> None:
        values = {role: self._text(cells, role) for role in self.where}
        for role in ("order_id", "status", "time"):
            if values[role]:
                carried[role] = values[role]
            elif self.shape.carries_down:
                values[role] = carried.get(role, "")
        problems = len(self.found.problems)
        order_id = self._required(number, values, "order_id")
        channel = self.shape.channel
        if values.get("channel", "").casefold() == "tokopedia":
            channel = Channel.TOKOPEDIA
        ordered_at = self._parsed(
            number, values, "time", lambda text: parse_order_time(text, self.shape.channel)
        )
        if self.shape.per_unit:
            quantity: int | None = 1
            returned: int | None = int(lazada_returned(values["status"]))
        else:
            quantity = self._parsed(number, values, "quantity", parse_count)
            returned = self._parsed(number, values, "returned", parse_count, default=0)
        amount = self._amount(number, values, quantity)
        sku = values.get("sku") or values.get("parent_sku", "")
        if len(self.found.problems) > problems or ordered_at is None or quantity is None:
            return
        self.found.lines.append(
            OrderLine(
                number,
                channel,
                order_id,
                values["status"],
                self.shape.state(values["status"]),
                ordered_at,
                sku,
                values.get("name", ""),
                values.get("variation", ""),
                quantity,
                amount or 0,
                returned or 0,
            )
        )

    def _required(self, number: int, values: dict[str, str], role: str) -> str:
        if not values.get(role):
            self._problem(number, role, _("is empty"))
        return values.get(role, "")

    def _parsed(
        self,
        number: int,
        values: dict[str, str],
        role: str,
        parse: Callable[[str], _T],
        default: _T | None = None,
    ) -> _T | None:
        text = values.get(role, "")
        if not text:
            if default is None:
                self._problem(number, role, _("is empty"))
            return default
        try:
            return parse(text)
        except ValueError as refused:
            self._problem(number, role, str(refused))
            return None

    def _amount(self, number: int, values: dict[str, str], quantity: int | None) -> int | None:
        money = self.shape.money
        if "unit_price" in self.where:
            unit = self._parsed(number, values, "unit_price", money)
            off = self._parsed(
                number, values, "seller_discount", lambda t: money(t.lstrip("-")), default=0
            )
            if unit is None or off is None or quantity is None:
                return None
            return (unit - off) * quantity
        before = self._parsed(number, values, "line_before_discount", money)
        discount = self._parsed(number, values, "seller_discount", money, default=0)
        return None if before is None or discount is None else before - discount

    def _problem(self, number: int, role: str, reason: str) -> None:
        column = self.spelled.get(role, self.shape.columns[role][0])
        self.found.problems.append(
            _("Line {line}, column {column}: {problem}").format(
                line=number, column=column, problem=reason
            )
        )



def units_as_lines(units: list[OrderLine]) -> list[OrderLine]:
    """A file's one-row-per-unit orders (Lazada) as order lines with quantities.

    Only the live units count: in a partly cancelled order the cancelled units
    drop out. Once any unit is sold, the whole order is (Lazada takes one payment
    per order, so its ``pending`` units are to be packed, not unpaid). Units of the
    same SKU, variation and price make one line, whatever each unit's later status:
    a returned unit counts on its line as returned. An order with no live unit
    stays cancelled; one with only ``pending`` units stays unpaid.
    """
    orders: dict[str, list[OrderLine]] = {}
    for unit in units:
        orders.setdefault(unit.order_id, []).append(unit)
    lines: list[OrderLine] = []
    for order in orders.values():
        live = [u for u in order if u.state is not OrderState.CANCELLED]
        sold = [u for u in live if u.state is OrderState.SOLD]
        kept = live or order
        state = OrderState.SOLD if sold else kept[0].state
        status = (sold or kept)[0].status
        grouped: dict[tuple[str, str, int], OrderLine] = {}
        for unit in kept:
            key = (unit.sku, unit.variation, unit.amount)
            seen = grouped.get(key)
            if seen is None:
                grouped[key] = replace(unit, status=status, state=state)
            else:
                grouped[key] = replace(
                    seen,
                    quantity=seen.quantity + unit.quantity,
                    amount=seen.amount + unit.amount,
                    returned=seen.returned + unit.returned,
                )
        lines.extend(grouped.values())
    return lines

"""A Loyverse items export read as the app's own product columns: variants, stores, Y/N flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bazaar_pos.domain.variants import Choice, OptionAxis, format_axes, format_choice, variant_name
from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import CsvRow, CsvTable
from bazaar_pos.i18n import _

_PER_STORE = re.compile(r"^(available for sale|price|in stock|low stock) \[(.+)\]$")
OPEN_PRICES = frozenset({"", "variable"})
"""Price cells Loyverse writes for an item whose price is typed at the sale."""
_OPTIONS = 3


def is_loyverse(table: CsvTable) -> bool:
    """True when the header is a Loyverse items export's (per store, or the older Default price)."""
    header = set(table.header)
    priced = "default price" in header or any(_PER_STORE.match(c) for c in header)
    return {"handle", "name"} <= header and priced


def stores_of(table: CsvTable) -> tuple[str, ...]:
    """The stores the export has columns for, as it spells them, in the file's order."""
    names: list[str] = []
    for column in table.header:
        match = _PER_STORE.match(column)
        if match:
            spelled = table.spelled.get(column, column)
            name = spelled[spelled.index("[") + 1 : spelled.rindex("]")].strip()
            if name.casefold() not in (n.casefold() for n in names):
                names.append(name)
    return tuple(names)


class StoreNeeded(UserError):
    """An export with several stores was given no store to read."""

    def __init__(self, stores: tuple[str, ...]) -> None:
        """Name the ``stores`` to choose from."""
        super().__init__(
            _("The file has prices and stock for several stores: {stores}. Choose one.").format(
                stores=", ".join(stores)
            )
        )
        self.stores = stores


def pick_store(stores: tuple[str, ...], wanted: str | None) -> str | None:
    """The store to read: ``wanted``, or the only one; UserError listing them otherwise."""
    if wanted is not None:
        for store in stores:
            if store.casefold() == wanted.strip().casefold():
                return store
        raise UserError(
            _("The file has no store {store!r}. Its stores: {stores}.").format(
                store=wanted, stores=", ".join(stores) or "-"
            )
        )
    if len(stores) > 1:
        raise StoreNeeded(stores)
    return stores[0] if stores else None


@dataclass(slots=True)
class LoyverseTable:
    """The export in the app's columns, with what was noticed on the way."""

    table: CsvTable
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, column as the file spells it, problem) for cells the app's columns cannot hold."""
    notes: dict[int, list[str]] = field(default_factory=dict)
    """What a line becomes that the preview should say (an open price, parts not kept)."""


def translate(table: CsvTable, store: str | None) -> LoyverseTable:
    """The export's rows as the app's product rows; items with options become variants.

    Rows sharing a ``Handle`` are one item: it becomes a product whose SKU is
    the handle, with options, and each row one of its variants.
    """
    reader = _Translator(table, store)
    groups: dict[str, list[CsvRow]] = {}
    for row in table.rows:
        handle = row.get("handle") or f"\0{row.line}"
        groups.setdefault(handle.casefold(), []).append(row)
    rows: list[CsvRow] = []
    for group in groups.values():
        rows.extend(reader.item(group))
    spelled = {app: table.spelled.get(col, col) for app, col in reader.columns.items()}
    header = tuple(dict.fromkeys([*_APP_COLUMNS, *reader.columns]))
    return LoyverseTable(CsvTable(header, tuple(rows), spelled), reader.problems, reader.notes)


_APP_COLUMNS = ("sku", "name", "price", "category", "cost", "barcode", "stock", "unit")


class _Translator:
    """Turns one item's rows into app rows, noting problems with the file's own column names."""

    def __init__(self, table: CsvTable, store: str | None) -> None:
        self.spelled = table.spelled
        self.problems: list[tuple[int, str, str]] = []
        self.notes: dict[int, list[str]] = {}
        suffix = f" [{store.casefold()}]" if store is not None else ""
        header = set(table.header)

        def column(name: str) -> str | None:
            return name if name in header else None

        self.price_column = column(f"price{suffix}") or column("default price")
        self.stock_column = column(f"in stock{suffix}")
        self.low_column = column(f"low stock{suffix}")
        self.sale_column = column(f"available for sale{suffix}")
        self.tracks = "track stock" in header
        """Whether Track stock says which items' stock to read (else every item's)."""
        self.columns: dict[str, str] = {
            "sku": "sku",
            "name": "name",
            "category": "category",
            "cost": "cost",
            "barcode": "barcode",
            "price": self.price_column or "price",
            "unit": "sold by weight",
            "stock": self.stock_column or "in stock",
            "parent_sku": "handle",
            "options": "option 1 value",
        }
        for app, source in (
            ("low_stock", self.low_column),
            ("active", self.sale_column),
            ("notes", column("description")),
        ):
            if source is not None:
                self.columns[app] = source

    def item(self, rows: list[CsvRow]) -> list[CsvRow]:
        """One item's rows: a product, or a product with options and one row per variant."""
        first = rows[0]
        handle = first.get("handle")[:64]
        name = next((r.get("name") for r in rows if r.get("name")), "")
        numbered = self._axes(rows)
        axes = tuple(axis for _number, axis in numbered)
        common = {
            "category": next((r.get("category") for r in rows if r.get("category")), ""),
            "unit": self._flag(first, "sold by weight", "kg"),
        }
        if "notes" in self.columns:
            common["notes"] = first.get(self.columns["notes"])
        if not axes:
            return [self._row(r, {**common, "sku": r.get("sku") or handle}) for r in rows]
        parent = {
            **common,
            "sku": handle,
            "name": name,
            "price": self._price(first, note=False),
            "options": format_axes(axes),
        }
        if self.sale_column is not None:
            parent["active"] = "Y" if any(self._on_sale(r) for r in rows) else "N"
        out = [CsvRow(first.line, parent)]
        for row in rows:
            choice = self._choice(row, numbered)
            values = {
                **common,
                "parent_sku": handle,
                "options": format_choice(choice),
                "name": variant_name(name, choice) if choice else name,
            }
            out.append(self._row(row, values))
        return out

    def _row(self, row: CsvRow, values: dict[str, str]) -> CsvRow:
        """The variant-level cells of ``row`` added to ``values``."""
        values.setdefault("sku", row.get("sku"))
        values.setdefault("name", row.get("name"))
        values["price"] = self._price(row, note=True)
        values["cost"] = row.get("cost")
        values["barcode"] = row.get("barcode")
        tracked = self._flag(row, "track stock", "Y") == "Y" or not self.tracks
        if tracked and self.stock_column is not None:
            values["stock"] = row.get(self.stock_column)
        if self.low_column is not None:
            values["low_stock"] = row.get(self.low_column)
        if self.sale_column is not None:
            values["active"] = row.get(self.sale_column)
        if row.get("sku of included item"):
            self._note(row, _("made of other items in Loyverse: imported as one product"))
        return CsvRow(row.line, values)

    def _price(self, row: CsvRow, *, note: bool) -> str:
        """The price cell; an empty or ``variable`` price is an open price, kept as 0."""
        text = row.get(self.price_column) if self.price_column else ""
        if text.casefold() in OPEN_PRICES:
            if note:
                self._note(row, _("open price: the till asks for it"))
            return "0"
        return text

    def _on_sale(self, row: CsvRow) -> bool:
        return self.sale_column is not None and row.get(self.sale_column).upper() != "N"

    def _flag(self, row: CsvRow, column: str, yes: str) -> str:
        """``yes`` for a ``Y`` cell, "" for ``N`` or nothing; anything else is a problem."""
        text = row.get(column).upper()
        if text in ("", "N"):
            return ""
        if text == "Y":
            return yes
        self._problem(row, column, _("{text!r} is not Y or N").format(text=row.get(column)))
        return ""

    def _axes(self, rows: list[CsvRow]) -> list[tuple[int, OptionAxis]]:
        """The item's options by their number: a name and the values in the order rows give."""
        axes: list[tuple[int, OptionAxis]] = []
        for number in range(1, _OPTIONS + 1):
            name_column, value_column = f"option {number} name", f"option {number} value"
            name = next((r.get(name_column) for r in rows if r.get(name_column)), "")
            values: list[str] = []
            for row in rows:
                value = row.get(value_column)
                if _bad_value(value):
                    self._problem(
                        row, value_column, _("an option value cannot hold , or ;")
                    )
                elif value and value.casefold() not in (v.casefold() for v in values):
                    values.append(value)
            if name and values:
                axes.append((number, OptionAxis(name, tuple(values))))
        return axes

    def _choice(self, row: CsvRow, axes: list[tuple[int, OptionAxis]]) -> Choice:
        """The variant's value of each option it has."""
        values = ((axis.name, row.get(f"option {number} value")) for number, axis in axes)
        return tuple((name, value) for name, value in values if value and not _bad_value(value))

    def _problem(self, row: CsvRow, column: str, problem: str) -> None:
        self.problems.append((row.line, self.spelled.get(column, column), problem))

    def _note(self, row: CsvRow, note: str) -> None:
        self.notes.setdefault(row.line, []).append(note)


def _bad_value(value: str) -> bool:
    """True for a value the app's options cannot hold (they are written ``Size: S, M; ...``)."""
    return "," in value or ";" in value

"""Reading a product file's rows: one checked ProductRow per row, one message per bad cell."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bazaar_pos.domain.barcodes import is_printable_code
from bazaar_pos.domain.consignment import Commission, parse_commission
from bazaar_pos.domain.money import Currency, MinorUnits
from bazaar_pos.domain.quantity import PER_UNIT, Unit
from bazaar_pos.domain.scale_barcodes import PLU_DIGITS, plu_key
from bazaar_pos.domain.variants import (
    Choice,
    OptionAxis,
    parse_axes,
    parse_choice,
)
from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import CsvRow, CsvTable, read_csv
from bazaar_pos.exports.xlsx_io import read_xlsx
from bazaar_pos.i18n import _
from bazaar_pos.services.products.files.columns import (
    _EXTRA_COLUMNS,
    HEADER_ALIASES,
    REQUIRED_COLUMNS,
)
from bazaar_pos.services.products.files.csv_rules import (
    RowProblems,
    amount_parser,
    decimal_quantity,
    require_columns,
    unit_cell,
    yes_no,
)


@dataclass(slots=True)
class ProductRow:
    """One valid product row of an import file; None means "leave as it is"."""

    line: int
    sku: str
    name: str
    price: MinorUnits
    cost: MinorUnits | None = None
    barcode: str | None = None
    category: str | None = None
    stock: int | None = None
    """Thousandths of the product's unit, like the stock it sets."""
    unit: Unit | None = None
    taxable: bool | None = None
    low_stock: int | None = None
    """Thousandths of the product's unit."""
    online_buffer: int | None = None
    """Thousandths of the product's unit kept back from online shops (blank: left as it is)."""
    favourite: bool | None = None
    active: bool | None = None
    one_of_a_kind: bool | None = None
    consignor: str | None = None
    commission: Commission | None = None
    parent_sku: str | None = None
    axes: tuple[OptionAxis, ...] = ()
    choice: Choice = ()
    notes: str | None = None
    plu: str | None = None
    """The number a label scale knows the product by (up to 5 digits)."""


def read_table(path: Path) -> CsvTable:
    """Read a CSV or XLSX product file, renaming Indonesian and other known headers."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, HEADER_ALIASES)
    if path.suffix.lower() == ".xls":
        raise UserError(
            _("{path} is an old Excel file (.xls). Save it as .xlsx or CSV first.").format(
                path=path
            )
        )
    return read_csv(path, HEADER_ALIASES)


def parse_product_rows(
    table: CsvTable,
    cur: Currency,
    path: object,
    problems: RowProblems | None = None,
    *,
    decimal_point: bool = False,
) -> list[ProductRow]:
    """Read every row; with ``problems`` given, note bad cells there, else raise ValidationError.

    ``decimal_point``: the file writes quantities with a point before the
    decimals only (``1.000`` is one), as other POS apps export them.
    """
    require_columns(table, REQUIRED_COLUMNS, path)
    collect = problems if problems is not None else RowProblems(table.spelled)
    reader = _RowReader(table, cur, collect, decimal_point=decimal_point)
    rows = [reader.read(row) for row in table.rows]
    if problems is None:
        collect.raise_if_any(path)
    return rows


class _RowReader:
    """Reads and checks rows one at a time, remembering SKUs and barcodes seen."""

    def __init__(
        self, table: CsvTable, cur: Currency, problems: RowProblems, *, decimal_point: bool
    ) -> None:
        self.header = set(table.header)
        self.cur = cur
        self.problems = problems
        self.price = amount_parser(cur, required=True)
        self.cost = amount_parser(cur, required=False)
        self.stock = decimal_quantity(minimum=0, decimal_point=decimal_point)
        self.has_plu = "plu" in self.header
        self.seen_plu: dict[str, int] = {}
        self.has_extras = not self.header.isdisjoint(_EXTRA_COLUMNS)
        self.has_category = "category" in self.header
        self.seen_sku: dict[str, int] = {}
        self.seen_barcode: dict[str, int] = {}

    def text(self, row: CsvRow, column: str) -> str | None:
        """A text cell: None when the column is absent (leave as is)."""
        return row.get(column) if column in self.header else None

    def read(self, row: CsvRow) -> ProductRow:
        """Check one row and return what could be read from it (problems in column order)."""
        problems = self.problems
        values = row.values
        sku = (values.get("sku") or "").strip()
        name = (values.get("name") or "").strip()
        barcode = (values.get("barcode") or "").strip()
        self._check_sku(row, sku)
        if barcode:
            self._check_barcode(row, barcode)
        if not name:
            problems.add(row, "name", _("the name is empty"))
        elif len(name) > 200:
            problems.add(row, "name", _("the name is longer than 200 characters"))
        price = problems.check(row, "price", self.price)
        cost = problems.check(row, "cost", self.cost)
        stock = problems.check(row, "stock", self.stock)
        category = (values.get("category") or "").strip() if self.has_category else None
        if category and len(category) > 100:
            problems.add(row, "category", _("the category is longer than 100 characters"))
        unit = problems.check(row, "unit", unit_cell)
        product = ProductRow(
            row.line,
            sku,
            name,
            price or 0,
            cost,
            barcode or None,
            category,
            stock,
            unit,
            notes=self.text(row, "notes"),
            plu=self._plu(row) if self.has_plu else None,
        )
        if self.has_extras:
            self._read_extras(row, product)
        return product

    def _read_extras(self, row: CsvRow, product: ProductRow) -> None:
        """The less common cells, read only when the file has such columns."""
        problems = self.problems
        stock = product.stock
        product.taxable = problems.check(row, "taxable", yes_no)
        product.low_stock = problems.check(row, "low_stock", self.stock)
        product.online_buffer = problems.check(row, "online_buffer", self.stock)
        product.favourite = problems.check(row, "favourite", yes_no)
        product.active = problems.check(row, "active", yes_no)
        product.one_of_a_kind = problems.check(row, "one_of_a_kind", yes_no)
        if product.one_of_a_kind and stock is not None and stock > PER_UNIT:
            problems.add(row, "stock", _("a one-of-a-kind piece has a stock of 1 at most"))
        product.consignor = row.get("consignor") or None
        product.commission = problems.check(
            row, "commission", lambda text: parse_commission(text, self.cur)
        )
        if product.commission is not None and not product.consignor:
            problems.add(row, "commission", _("a commission needs a consignor"))
        product.parent_sku = row.get("parent_sku") or None
        if product.parent_sku:
            product.choice = problems.check(row, "options", parse_choice) or ()
            if not product.choice:
                problems.add(row, "options", _("a variant needs its options, like 'Size: M'"))
        else:
            product.axes = problems.check(row, "options", parse_axes) or ()
        if product.axes and stock:
            problems.add(row, "stock", _("stock is kept on each variant, not on the product"))

    def _plu(self, row: CsvRow) -> str | None:
        """The PLU cell: up to five digits, each used once in the file ("" clears it)."""
        plu = (row.get("plu") or "").strip()
        if not plu:
            return ""
        if not plu.isdigit() or len(plu) > PLU_DIGITS:
            self.problems.add(row, "plu", _("a PLU is 1 to 5 digits"))
            return None
        plu = plu_key(plu)
        if plu in self.seen_plu:
            self.problems.add(
                row,
                "plu",
                _("PLU {plu} repeats line {line}").format(plu=plu, line=self.seen_plu[plu]),
            )
            return None
        self.seen_plu[plu] = row.line
        return plu

    def _check_sku(self, row: CsvRow, sku: str) -> None:
        if not sku:
            self.problems.add(row, "sku", _("the SKU is empty"))
        elif len(sku) > 64:
            self.problems.add(row, "sku", _("the SKU is longer than 64 characters"))
        elif sku.lower() in self.seen_sku:
            self.problems.add(
                row,
                "sku",
                _("SKU {sku} repeats line {line}").format(sku=sku, line=self.seen_sku[sku.lower()]),
            )
        else:
            self.seen_sku[sku.lower()] = row.line

    def _check_barcode(self, row: CsvRow, barcode: str) -> None:
        if not is_printable_code(barcode):
            self.problems.add(
                row, "barcode", _("a barcode is up to 48 letters, digits or signs, no spaces")
            )
        elif barcode in self.seen_barcode:
            self.problems.add(
                row,
                "barcode",
                _("barcode {barcode} repeats line {line}").format(
                    barcode=barcode, line=self.seen_barcode[barcode]
                ),
            )
        else:
            self.seen_barcode[barcode] = row.line

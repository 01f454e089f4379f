"""Importing sales made elsewhere (a marketplace, a notebook during a power cut)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Row, select

from bazaar_pos.domain.cart import Cart, CartCustomer, CartLine
from bazaar_pos.domain.dates import parse_local_datetime
from bazaar_pos.domain.payment import TILL_METHODS, PaymentMethod
from bazaar_pos.domain.quantity import PER_UNIT, Unit, parse_quantity, unit_of
from bazaar_pos.domain.scale_barcodes import (
    ScaleCodeError,
    ScaleReading,
    plu_key,
    read_scale_code,
    scale_quantity,
)
from bazaar_pos.errors import NotFoundError, UserError
from bazaar_pos.exports.csv_io import CsvRow, read_csv
from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress, quiet
from bazaar_pos.services.customers.directory import CustomerService
from bazaar_pos.services.products.files.csv_rules import (
    RowProblems,
    amount_parser,
    require_columns,
)
from bazaar_pos.services.selling.checkout import MAX_SALE_TOTAL, CheckoutService, PastSale
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product, Sale

REQUIRED_COLUMNS = ("order_ref", "date", "sku", "qty")
_PRODUCTS = Product.core_table()
_READ = ("id", "sku", "name", "barcode", "plu", "unit", "price_minor", "cost_minor")
"""The columns of a product a sales file's line needs."""
DEFAULT_CHANNEL = "import"


@dataclass(slots=True)
class _Order:
    channel: str
    order_ref: str
    sold_at: datetime
    method: PaymentMethod
    customer: CartCustomer | None = None
    lines: list[CartLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SalesImportSummary:
    """What a sales import did."""

    imported: int
    lines: int
    skipped: int
    below_zero: tuple[str, ...]
    dry_run: bool = False
    """True when the file was only checked: ``imported`` says what an import would add."""


def _payment_method(text: str) -> PaymentMethod:
    try:
        method = PaymentMethod((text or PaymentMethod.CASH.value).lower())
        if method not in TILL_METHODS:
            raise ValueError(method)
        return method
    except ValueError:
        choices = ", ".join(m.value for m in TILL_METHODS)
        raise ValueError(
            _("{text!r} is not a payment method ({choices})").format(text=text, choices=choices)
        ) from None


def _is_one(text: str) -> bool:
    try:
        return parse_quantity(text, Unit.PCS) == PER_UNIT
    except ValueError:
        return False


class _Products:
    """The shop's products, found by barcode, SKU (any case) or scale PLU."""

    def __init__(self, products: Sequence[Row[Any]]) -> None:
        self._by_sku = {p.sku.lower(): p for p in products}
        self._by_barcode = {p.barcode: p for p in products if p.barcode}
        self._by_plu = {p.plu: p for p in products if p.plu}

    def by_code(self, code: str) -> Row[Any] | None:
        """The product whose barcode (first) or SKU is ``code``."""
        return self._by_barcode.get(code) or self._by_sku.get(code.lower())

    def by_plu(self, plu: str) -> Row[Any] | None:
        """The product with the scale PLU ``plu`` (leading zeros do not count)."""
        return self._by_plu.get(plu_key(plu))


class SalesImportService:
    """Validates a sales file whole, then commits each new order through checkout."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        checkout: CheckoutService,
        zone: tzinfo,
        customers: CustomerService,
    ) -> None:
        """Import into ``db`` through ``checkout``; dates without a zone are on ``zone``'s clock.

        The optional ``customer`` column names a customer of ``customers`` by
        name or phone; the payment ``account`` (kasbon) needs one.
        """
        self._db = db
        self._zone = zone
        self._settings = settings
        self._checkout = checkout
        self._customers = customers
        self._found: dict[str, CartCustomer | str] = {}
        self._moments: dict[str, datetime] = {}

    def import_csv(
        self, path: Path, *, dry_run: bool = False, progress: Progress | None = None
    ) -> SalesImportSummary:
        """Import the orders in ``path`` not imported before.

        Any bad row refuses the whole file before anything is written. Each
        order is then one sale, recorded whole, hundreds to a transaction; an
        order already in the database (same channel and order_ref) is skipped,
        so a file cut short (a crash, Cancel on ``progress``) can be imported
        again and carries on. With ``dry_run`` every check runs and the summary
        says what an import would do, writing nothing.
        """
        progress = progress or quiet()
        progress.begin(_("Checking {file}").format(file=Path(path).name))
        shop = self._settings.load()
        table = read_csv(path)
        require_columns(table, REQUIRED_COLUMNS, path)
        products = self._products_by_code()
        problems = RowProblems(table.spelled)
        orders: dict[tuple[str, str], _Order] = {}
        self._found, self._moments = {}, {}
        for row in table.rows:
            self._read_row(row, products, shop, problems, orders)
        for order in orders.values():
            subtotal = sum(line.gross for line in order.lines)
            if subtotal > MAX_SALE_TOTAL:
                problems.messages.append(
                    _("Order {ref} adds up to more than one sale can record.").format(
                        ref=order.order_ref
                    )
                )
        problems.raise_if_any(path)
        done = self._already_imported(list(orders))
        if dry_run:
            return self._would_import([o for k, o in orders.items() if k not in done], len(done))
        new = [order for key, order in orders.items() if key not in done]
        progress.begin(_("Importing sales"), len(new))
        results = self._checkout.record_sales([self._past_sale(shop, o) for o in new], progress)
        below_zero = {sku for result in results for sku in result.below_zero}
        lines = sum(len(order.lines) for order in new)
        return SalesImportSummary(len(new), lines, len(done), tuple(sorted(below_zero)))

    @staticmethod
    def _past_sale(shop: ShopSettings, order: _Order) -> PastSale:
        """The sale an order of the file becomes, paid in full as the file says."""
        cart = Cart(shop.currency, shop.tax_rule)
        cart.customer = order.customer
        for line in order.lines:
            cart.add(line)
        return PastSale(cart, order.method, order.channel, order.order_ref, order.sold_at)

    def _would_import(self, new: list[_Order], skipped: int) -> SalesImportSummary:
        """What importing the ``new`` orders would do: sales, lines, stock going below zero."""
        taken: dict[int, int] = {}
        for order in new:
            for line in order.lines:
                if line.product_id is not None:
                    taken[line.product_id] = taken.get(line.product_id, 0) + line.quantity_milli
        with self._db.reading() as session:
            rows = session.execute(
                select(Product.id, Product.sku, Product.stock_milli).where(
                    Product.id.in_(list(taken))
                )
            ).all()
        below = tuple(sorted(sku for pid, sku, stock in rows if stock - taken[pid] < 0))
        lines = sum(len(order.lines) for order in new)
        return SalesImportSummary(len(new), lines, skipped, below, dry_run=True)

    def _read_row(
        self,
        row: CsvRow,
        products: _Products,
        shop: ShopSettings,
        problems: RowProblems,
        orders: dict[tuple[str, str], _Order],
    ) -> None:
        order_ref = row.get("order_ref")
        if not order_ref:
            problems.add(row, "order_ref", _("the order reference is empty"))
        sold_at = problems.check(row, "date", self._moment)
        code = row.get("sku")
        product = products.by_code(code)
        reading = None if product is not None else read_scale_code(code, shop.scale_layouts)
        if reading is not None:
            product = products.by_plu(reading.plu)
            if product is None:
                problems.add(
                    row,
                    "sku",
                    _("no product has the PLU {plu} of the scale code {code}").format(
                        plu=plu_key(reading.plu), code=code
                    ),
                )
        elif product is None:
            problems.add(row, "sku", _("no product has SKU or barcode {code!r}").format(code=code))
        unit = unit_of(product.unit) if product is not None else Unit.PCS
        price = problems.check(row, "unit_price", amount_parser(shop.currency, required=False))
        qty = None
        priced = None
        if reading is not None:
            price_bad = price is None and bool(row.get("unit_price"))
            if product is not None and not price_bad:
                scaled = self._scale_quantity(row, reading, product, price, shop, problems)
                if scaled is not None:
                    qty, priced = scaled
        elif not row.get("qty"):
            problems.add(row, "qty", _("a quantity is required"))
        else:
            qty = problems.check(row, "qty", lambda text: parse_quantity(text, unit))
        method = problems.check(row, "payment", _payment_method)
        customer = self._customer(row, problems)
        if method is PaymentMethod.ACCOUNT and customer is None and not row.get("customer"):
            problems.add(
                row, "payment", _("kasbon (account) needs a customer in the customer column")
            )
            return
        channel = (row.get("channel") or DEFAULT_CHANNEL).lower()
        if not (order_ref and sold_at and product and qty and method):
            return
        if row.get("customer") and customer is None:
            return
        order = orders.setdefault(
            (channel, order_ref), _Order(channel, order_ref, sold_at, method, customer)
        )
        if order.sold_at != sold_at or order.method is not method or order.customer != customer:
            problems.add(
                row,
                "order_ref",
                _("order {ref} has another date, payment or customer on an earlier line").format(
                    ref=order_ref
                ),
            )
            return
        order.lines.append(
            CartLine(
                sku=product.sku,
                name=product.name,
                unit_price=product.price_minor if price is None else price,
                quantity_milli=qty,
                unit_cost=product.cost_minor,
                product_id=product.id,
                unit=unit_of(product.unit),
                priced=priced,
            )
        )

    def _moment(self, text: str) -> datetime:
        """The local time ``text`` names, read once per file (an order's lines repeat it)."""
        found = self._moments.get(text)
        if found is None:
            found = self._moments[text] = parse_local_datetime(text, self._zone)
        return found

    def _customer(self, row: CsvRow, problems: RowProblems) -> CartCustomer | None:
        """The customer named (by name or phone) in the row's ``customer`` column, if any."""
        text = row.get("customer")
        if not text:
            return None
        key = text.lower()
        if key not in self._found:
            try:
                found = self._customers.named(text)
                self._found[key] = CartCustomer(found.id, found.name, found.group_name)
            except NotFoundError:
                self._found[key] = _("no customer has the name or phone {text!r}").format(text=text)
            except UserError as exc:
                self._found[key] = exc.message
        known = self._found[key]
        if isinstance(known, str):
            problems.add(row, "customer", known)
            return None
        return known

    @staticmethod
    def _scale_quantity(
        row: CsvRow,
        reading: ScaleReading,
        product: Row[Any],
        price: int | None,
        shop: ShopSettings,
        problems: RowProblems,
    ) -> tuple[int, int | None] | None:
        """The quantity and printed amount of a scale code in the sku column, or None."""
        if row.get("qty") and not _is_one(row.get("qty")):
            problems.add(
                row,
                "qty",
                _("a scale code carries its own weight or price: leave qty empty or 1"),
            )
            return None
        try:
            return scale_quantity(
                reading,
                product.name,
                unit_of(product.unit),
                product.price_minor if price is None else price,
                shop.currency,
                shop.money_locale,
            )
        except ScaleCodeError as exc:
            problems.add(row, "sku", str(exc))
            return None

    def _products_by_code(self) -> _Products:
        # Only what a line needs, without the ORM: a shop may have 100,000 products.
        with self._db.reading_rows() as connection:
            products = connection.execute(select(*(_PRODUCTS.c[name] for name in _READ))).all()
        return _Products(products)

    def _already_imported(self, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        refs = sorted({ref for _channel, ref in keys})
        found: set[tuple[str, str]] = set()
        with self._db.reading() as session:
            for start in range(0, len(refs), 500):
                query = select(Sale.channel, Sale.external_ref).where(
                    Sale.external_ref.in_(refs[start : start + 500])
                )
                found.update((c, r) for c, r in session.execute(query) if r is not None)
        return found & set(keys)

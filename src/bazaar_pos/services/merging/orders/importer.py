"""Marketplace order files into sales: planned whole first, then written order by order.

Each order is one sale keyed by its channel and order id, so importing a file
again, or a later export overlapping it, adds nothing twice. The order's status
decides the stock: unpaid and cancelled orders make no sale; a cancelled order
sold in an earlier import is reversed (its goods back in stock) exactly once;
goods the marketplace says came back wait in a list until the seller confirms
the parcel arrived (returns.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import tzinfo
from pathlib import Path

from sqlalchemy import select

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.marketplace import OrderState
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import PER_UNIT, Unit, unit_of
from bazaar_pos.domain.text import header_key
from bazaar_pos.errors import UserError
from bazaar_pos.exports.order_files import OrderLine, read_order_file
from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress, quiet
from bazaar_pos.services.merging.orders.mappings import (
    line_code,
    read_map_file,
    remember,
    remembered,
)
from bazaar_pos.services.merging.orders.plan import (
    OrderImportPlan,
    OrderImportSummary,
    PlannedReturn,
    PlannedReversal,
    PlannedSale,
)
from bazaar_pos.services.merging.orders.returns import drop_waiting_returns
from bazaar_pos.services.selling.checkout import MAX_SALE_TOTAL, CheckoutService, PastSale
from bazaar_pos.services.selling.refunds import RefundService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import Changes
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import MarketplaceReturn, Product, Refund, Sale, SaleLine

PAID_BY = PaymentMethod.TRANSFER
"""How an imported order counts as paid: the marketplace pays the seller out by transfer."""


class OrderImportService:
    """Reads a marketplace order export, plans it, and writes the plan."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        checkout: CheckoutService,
        refunds: RefundService,
        zone: tzinfo,
    ) -> None:
        """Import into ``db``; the files' local times are on ``zone``'s clock."""
        self._db = db
        self._settings = settings
        self._checkout = checkout
        self._refunds = refunds
        self._zone = zone

    def plan(
        self,
        path: Path,
        *,
        map_file: Path | None = None,
        mapped: Mapping[str, str] | None = None,
    ) -> OrderImportPlan:
        """Read ``path`` (and a mapping file) and work out what importing it would do.

        ``mapped`` gives more mappings, marketplace code -> the shop's SKU or barcode
        (as a person picks them in the preview). Nothing is written. Raises
        UserError for a file that is no known export.
        """
        if self._settings.load().currency.code != "IDR":
            raise UserError(_("Marketplace orders are in Rupiah; the shop keeps another currency."))
        found = read_order_file(path)
        plan = OrderImportPlan(Path(path), found.shape.name, rows=len(found.lines))
        plan.problems.extend(found.problems)
        find, kept = self._products()
        if map_file is not None:
            mapped_file = read_map_file(map_file, find)
            plan.problems.extend(mapped_file.problems)
            plan.mappings = mapped_file.products
        for code, shop_code in (mapped or {}).items():
            product = find(shop_code)
            if product is None:
                plan.problems.append(
                    _("No product has SKU or barcode {code!r} (for {marketplace!r}).").format(
                        code=shop_code, marketplace=code
                    )
                )
            else:
                plan.mappings[header_key(code)] = product
        known = kept | plan.mappings
        orders: dict[tuple[str, str], list[OrderLine]] = {}
        for line in found.lines:
            orders.setdefault((line.channel.value, line.order_id), []).append(line)
        plan.orders = len(orders)
        existing = self._existing(list(orders))
        for (channel, order_id), lines in orders.items():
            products = []
            for line in lines:
                if line.quantity == 0 or line.amount < 0 or line.returned > line.quantity:
                    plan.problems.append(_bad_line(line))
                code = line_code(line)
                product = find(code) if line.sku else None
                product = product or known.get(header_key(code))
                if product is None:
                    plan.unknown.setdefault(code, []).append(line.line)
                elif _not_sellable(product) is not None:
                    plan.problems.append(
                        _("Line {line}: {problem}").format(
                            line=line.line, problem=_not_sellable(product)
                        )
                    )
                    product = None
                products.append(product)
            state = lines[0].state
            sale = existing.get((channel, order_id))
            if sale is None:
                if state is OrderState.UNPAID:
                    plan.unpaid += 1
                elif state is OrderState.CANCELLED:
                    plan.cancelled += 1
                elif all(products):
                    self._plan_sale(plan, channel, order_id, lines, products)
                continue
            if state is OrderState.CANCELLED and sale.refunded and not sale.reversed:
                plan.attention.append(
                    _(
                        "Order {ref} was cancelled after part of sale {number} was refunded: "
                        "refund the rest by hand if the goods came back."
                    ).format(ref=order_id, number=sale.number)
                )
                continue
            if state is OrderState.CANCELLED and not sale.reversed:
                plan.reversals.append(
                    PlannedReversal(channel, order_id, sale.uuid, sale.number, lines[0].status)
                )
                continue
            before = len(plan.returns)
            if state is OrderState.SOLD and not sale.reversed:
                self._plan_returns(plan, channel, order_id, lines, sale)
                pieces = sum(line.quantity for line in lines) * PER_UNIT
                if pieces < sale.pieces and not sale.refunded:
                    plan.attention.append(
                        _(
                            "Order {ref} now has fewer pieces than sale {number}: some were "
                            "cancelled after it was imported; refund them by hand."
                        ).format(ref=order_id, number=sale.number)
                    )
            if len(plan.returns) == before:
                plan.unchanged += 1
        return plan

    def import_file(
        self,
        path: Path,
        *,
        map_file: Path | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> OrderImportSummary:
        """Import ``path``: refuse it whole (UserError) when any line has a problem.

        With ``dry_run`` every check runs and the summary says what would
        happen, but nothing is written.
        """
        progress = progress or quiet()
        progress.begin(_("Checking {file}").format(file=Path(path).name))
        plan = self.plan(path, map_file=map_file)
        if not plan.ready:
            problems = plan.all_problems()
            raise UserError(
                _("{path} was not imported:\n{problems}").format(
                    path=path, problems="\n".join(problems)
                )
            )
        if dry_run:
            return plan.summary(written=False)
        return self.write(plan, progress=progress)

    def write(
        self, plan: OrderImportPlan, *, progress: Progress | None = None
    ) -> OrderImportSummary:
        """Write a plan with no problems: mappings, new sales, reversals, returns to confirm.

        The sales are recorded whole, hundreds to a transaction, so a file cut
        short by a crash or by Cancel on ``progress`` can be imported again and
        carries on where it stopped. ``progress`` counts orders.
        """
        if not plan.ready:
            raise UserError(_("The file has problems; nothing was imported."))
        progress = progress or quiet()
        remember(self._db, plan.mappings)
        shop = self._settings.load()
        progress.begin(_("Importing orders"), len(plan.sales) + len(plan.reversals))
        pasts = []
        for sale in plan.sales:
            cart = Cart(shop.currency, shop.tax_rule)
            for line, product in sale.lines:
                cart.append(_cart_line(line, product))  # one sale line per order line
            sold_at = sale.lines[0][0].ordered_at.replace(tzinfo=self._zone)
            pasts.append(PastSale(cart, PAID_BY, sale.channel, sale.order_id, sold_at))
        results = self._checkout.record_sales(pasts, progress)
        below_zero = {sku for result in results for sku in result.below_zero}
        planned_returns = list(plan.returns)
        planned_returns.extend(
            ret
            for sale, result in zip(plan.sales, results, strict=True)
            if sale.returns
            for ret in self._new_sale_returns(sale, result.id)
        )
        done = len(plan.sales)
        for reversal in plan.reversals:
            self._refunds.void_order(
                reversal.sale_uuid,
                _("Cancelled on {channel}: {status}").format(
                    channel=reversal.channel, status=reversal.status
                ),
            )
            drop_waiting_returns(self._db, reversal.sale_uuid)
            done += 1
            progress.reach(done)
        if planned_returns:
            with self._db.writing() as session:
                for ret in planned_returns:
                    session.add(
                        MarketplaceReturn(
                            channel=ret.channel,
                            order_id=ret.order_id,
                            line_key=ret.line_key,
                            sale_id=ret.sale_id,
                            sale_line_id=ret.sale_line_id,
                            quantity_milli=ret.quantity_milli,
                        )
                    )
        changed = bool(plan.sales or plan.reversals or planned_returns)
        return replace(
            plan.summary(written=True),
            below_zero=tuple(sorted(below_zero)),
            changes=Changes(stock=changed, sales=changed, products=bool(below_zero)),
        )

    # Planning ---------------------------------------------------------------------

    def _plan_sale(
        self,
        plan: OrderImportPlan,
        channel: str,
        order_id: str,
        lines: list[OrderLine],
        products: list[Product | None],
    ) -> None:
        pairs = tuple((line, p) for line, p in zip(lines, products, strict=True) if p is not None)
        sale = PlannedSale(
            channel,
            order_id,
            pairs,
            tuple(
                (index, key, line.returned)
                for index, (key, line) in enumerate(zip(line_keys(lines), lines, strict=True))
                if line.returned
            ),
        )
        if sale.total > MAX_SALE_TOTAL:
            plan.problems.append(
                _("Order {ref} adds up to more than one sale can record.").format(ref=order_id)
            )
            return
        plan.sales.append(sale)

    def _plan_returns(
        self,
        plan: OrderImportPlan,
        channel: str,
        order_id: str,
        lines: list[OrderLine],
        sale: _Existing,
    ) -> None:
        for index, (key, line) in enumerate(zip(line_keys(lines), lines, strict=True)):
            noted = sale.returned.get(key, 0)
            more = line.returned * PER_UNIT - noted
            if more > 0 and index < len(sale.line_ids):
                plan.returns.append(
                    PlannedReturn(
                        channel, order_id, key, sale.id, sale.line_ids[index], more, line.sku
                    )
                )

    def _products(self) -> tuple[Callable[[str], Product | None], dict[str, Product]]:
        with self._db.reading() as session:
            products = session.scalars(select(Product)).all()
            kept = remembered(session)
        by_sku = {p.sku.casefold(): p for p in products}
        by_barcode = {p.barcode: p for p in products if p.barcode}
        return (lambda code: by_barcode.get(code) or by_sku.get(code.casefold())), kept

    def _existing(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], _Existing]:
        refs = sorted({ref for _channel, ref in keys})
        wanted = set(keys)
        found: dict[tuple[str, str], _Existing] = {}
        with self._db.reading() as session:
            for start in range(0, len(refs), 500):
                chunk = refs[start : start + 500]
                sales = session.scalars(select(Sale).where(Sale.external_ref.in_(chunk))).all()
                for sale in sales:
                    key = (sale.channel, sale.external_ref or "")
                    if key not in wanted:
                        continue
                    kinds = set(
                        session.scalars(select(Refund.kind).where(Refund.sale_id == sale.id))
                    )
                    returned = Counter[str]()
                    for ret in session.scalars(
                        select(MarketplaceReturn).where(MarketplaceReturn.sale_id == sale.id)
                    ):
                        returned[ret.line_key] += ret.quantity_milli
                    found[key] = _Existing(
                        sale.id,
                        sale.uuid,
                        sale.number,
                        "void" in kinds,
                        bool(kinds - {"void"}),
                        tuple(line.id for line in sale.lines),
                        dict(returned),
                        sum(line.quantity_milli for line in sale.lines),
                    )
        return found

    def _new_sale_returns(self, sale: PlannedSale, sale_id: int) -> list[PlannedReturn]:
        with self._db.reading() as session:
            line_ids = session.scalars(
                select(SaleLine.id).where(SaleLine.sale_id == sale_id).order_by(SaleLine.position)
            ).all()
        return [
            PlannedReturn(
                sale.channel,
                sale.order_id,
                key,
                sale_id,
                line_ids[index],
                pieces * PER_UNIT,
                sale.lines[index][0].sku,
            )
            for index, key, pieces in sale.returns
        ]


@dataclass(frozen=True, slots=True)
class _Existing:
    id: int
    uuid: str
    number: str
    reversed: bool
    refunded: bool
    line_ids: tuple[int, ...]
    returned: dict[str, int]
    pieces: int
    """The pieces the sale sold, in thousandths."""


def line_keys(lines: list[OrderLine]) -> list[str]:
    """Each line's key within its order: SKU, variation and amount, counted when repeated.

    Shopee can list one SKU twice in an order at different prices, and the same
    twice at the same price, so the count keeps them apart.
    """
    seen: Counter[str] = Counter()
    keys = []
    for line in lines:
        base = f"{line_code(line)}|{line.variation}|{line.amount}"
        seen[base] += 1
        keys.append(f"{base}|{seen[base]}")
    return keys


def _bad_line(line: OrderLine) -> str:
    if line.quantity == 0:
        problem = _("the quantity is zero")
    elif line.amount < 0:
        problem = _("the amount is below zero")
    else:
        problem = _("more pieces came back than were sold")
    return _("Line {line}: {problem}").format(line=line.line, problem=problem)


def _not_sellable(product: Product) -> str | None:
    """Why an order line cannot sell ``product``, or None when it can."""
    if product.option_axes:
        return _("{sku} is sold as its variants: map the line to one of them").format(
            sku=product.sku
        )
    if unit_of(product.unit) is not Unit.PCS:
        return _(
            "{sku} is sold by the {unit}; marketplace orders count pieces: map the line to a "
            "product sold by the piece"
        ).format(sku=product.sku, unit=product.unit)
    return None


def _cart_line(line: OrderLine, product: Product) -> CartLine:
    """The order line at the price it sold for: a unit price, less the odd Rupiah as a discount."""
    unit_price = -(-line.amount // line.quantity)
    extra = unit_price * line.quantity - line.amount
    return CartLine(
        sku=product.sku,
        name=product.name,
        unit_price=unit_price,
        quantity_milli=line.quantity * PER_UNIT,
        unit_cost=product.cost_minor,
        product_id=product.id,
        discount=Discount.amount(extra) if extra else None,
        unit=unit_of(product.unit),
    )

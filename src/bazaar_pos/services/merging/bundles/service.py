"""Merging tills without a server: export this till's records to a bundle, import others'.

Importing is all or nothing and can be repeated: every bundle is verified
before anything is written, everything is written in one transaction, and
records already present (known by their UUID) are skipped. A product the
receiving database does not know (by SKU) is created as an archived stub
with the name, category, price and cost the bundle gives, so the merged sales
report under the right product and category without showing the product at
the till.

Version 2 bundles also carry every customer, customer group and group price,
marketplace mapping and return, and the till's kasbon entries and pre-orders;
they are applied by the code the shop hub shares (``linked_apply``): what
cannot be placed (a record naming a sale this database lacks) is left out and
said, and merges once the bundle that has it was imported.

A product this database knows whose name differs from the bundle's (case and
accents aside) is reported on ``BundleInfo.renamed``: the merge would count the
two as one product, so importing refuses unless the caller accepts those SKUs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bazaar_pos import __version__
from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.text import fold
from bazaar_pos.exports.bundle_file import (
    LINKED_MEMBERS,
    BundleError,
    read_bundle,
    write_bundle,
)
from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress, quiet
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.merging.bundles.apply import (
    apply_movements,
    apply_sales,
    products_by_sku,
    products_for,
    skus_used,
)
from bazaar_pos.services.merging.bundles.clashes import CHUNK, _known, _refuse_clashes
from bazaar_pos.services.merging.bundles.customer_apply import link_customers
from bazaar_pos.services.merging.bundles.customer_records import (
    customers_of_sales,
    product_skus,
    till_records,
)
from bazaar_pos.services.merging.bundles.linked_apply import (
    Records,
    apply_after_sales,
    apply_before_sales,
)
from bazaar_pos.services.merging.bundles.merge_context import MergeContext
from bazaar_pos.services.merging.bundles.records import (
    _movement_record,
    _optional_date,
    _product_record,
    _sale_record,
    _timestamp,
)
from bazaar_pos.services.merging.bundles.verify import _checked, _unique_by_uuid, _Verified
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.views import Changes
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product, Sale, StockMovement, Till
from bazaar_pos.store.types import new_uuid, utcnow

MERGE_STEP = 500
"""Sales or stock movements merged between two progress reports."""
BEFORE_SALES = ("customer_group", "customer", "customer_group_price")
"""The kinds of linked record merged before the sales (see ``linked_apply``)."""


@dataclass(frozen=True, slots=True)
class BundleExportSummary:
    """A bundle written: where, and what it holds."""

    path: Path
    sales: int
    lines: int
    movements: int


@dataclass(frozen=True, slots=True)
class RenamedProduct:
    """A SKU that names one product here and another in a bundle, by their names."""

    sku: str
    name_here: str
    name_in_bundle: str


@dataclass(frozen=True, slots=True)
class BundleInfo:
    """What a verified bundle holds, and how much of it this database lacks."""

    path: Path
    till_id: str
    till_code: str
    shop_name: str
    app_version: str
    created_at: datetime
    first: date | None
    last: date | None
    sales: int
    new_sales: int
    movements: int
    new_movements: int
    own_till: bool
    renamed: tuple[RenamedProduct, ...] = ()
    """SKUs the bundle's new records use whose product here has another name, by SKU."""


class RenamedProductsError(BundleError):
    """Bundles whose SKUs name other products here; merging would count each pair as one."""

    def __init__(self, skus: Sequence[str]) -> None:
        """Refuse the merge because of ``skus``, which the caller did not accept."""
        super().__init__(
            _(
                "These SKUs name a product here with another name than in the bundles: {skus}. "
                "Merging would count each of them as one product; nothing was imported."
            ).format(skus=", ".join(skus))
        )
        self.skus = tuple(skus)


@dataclass(frozen=True, slots=True)
class BundleImportSummary:
    """What importing bundles changed."""

    bundles: int
    sales_added: int
    sales_known: int
    movements_added: int
    movements_known: int
    products_created: tuple[str, ...]
    changes: Changes
    linked: dict[str, int] = field(default_factory=dict)
    """Customers, groups, prices, kasbon entries, pre-orders, mappings, returns, by kind."""
    clashes: tuple[str, ...] = ()
    """Codes mapped to two products (the first was kept), returns confirmed on two tills."""
    left_out: tuple[str, ...] = ()
    """Records that name what this database lacks, with why: import the bundle that has it."""
    linked_total: dict[str, int] = field(default_factory=dict)
    """Customers, kasbon entries, pre-orders, mappings, returns the bundles hold, by kind."""
    linked_held: dict[str, int] = field(default_factory=dict)
    """Of those, how many were left out (see ``left_out``), by kind."""
    dry_run: bool = False
    """Only checked: the merge was run and rolled back, so nothing was written."""


class _CheckedOnly(Exception):
    """Raised inside the merge's transaction to roll a dry run back, carrying its summary."""

    def __init__(self, summary: BundleImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


class BundleService:
    """Writes this till's bundle and merges bundles from other tills."""

    def __init__(self, db: Database, settings: SettingsService, zone: tzinfo) -> None:
        """Merge into ``db``; ``zone`` reads --from/--to as local days."""
        self._db = db
        self._settings = settings
        self._zone = zone

    # -- export --------------------------------------------------------------------------

    def export(
        self,
        path: Path,
        first: date | None = None,
        last: date | None = None,
        *,
        approval: Approval | None = None,
    ) -> BundleExportSummary:
        """Write this till's sales and stock movements (all, or from ``first`` to ``last``).

        A bundle carries every sale and cost: exporting one is an owner's job, or
        a cashier's with an owner's ``approval``.
        """
        with self._settings.access.permit(Permission.EXPORT, approval=approval):
            return self._export(path, first, last)

    def _export(self, path: Path, first: date | None, last: date | None) -> BundleExportSummary:
        settings = self._settings.load()
        period_filter = []
        if first is not None or last is not None:
            start, end = Period(first or date(1970, 1, 1), last or date(9999, 12, 30)).utc_range(
                self._zone
            )
            period_filter = [start, end]
        with self._db.reading() as session:
            sales_query = (
                select(Sale)
                .where(Sale.till_id == settings.till_id)
                .options(selectinload(Sale.lines), selectinload(Sale.payments))
                .order_by(Sale.sequence)
            )
            movements_query = (
                select(StockMovement, Product.sku)
                .join(Product, Product.id == StockMovement.product_id)
                .where(StockMovement.till_id == settings.till_id)
                .order_by(StockMovement.id)
            )
            if period_filter:
                start, end = period_filter
                sales_query = sales_query.where(Sale.created_at >= start, Sale.created_at < end)
                movements_query = movements_query.where(
                    StockMovement.created_at >= start, StockMovement.created_at < end
                )
            sale_rows = list(session.scalars(sales_query))
            buyers = customers_of_sales(session, sale_rows)
            sales = [
                _sale_record(sale, sale.lines, sale.payments) | {"customer": buyers.get(sale.id)}
                for sale in sale_rows
            ]
            movements = [
                _movement_record(movement, sku)
                for movement, sku in session.execute(movements_query)
            ]
            skus = {line["sku"] for sale in sales for line in sale["lines"] if line["product"]}
            skus |= {movement["sku"] for movement in movements}
            linked = till_records(session, settings.till_id, *(period_filter or (None, None)))
            skus |= product_skus(linked)
            products = [
                _product_record(product) for product in products_by_sku(session, skus).values()
            ]
        header = {
            "bundle_id": new_uuid(),
            "created_at": _timestamp(utcnow()),
            "app_version": __version__,
            "till": {
                "till_id": settings.till_id,
                "till_code": settings.till_code,
                "shop_name": settings.shop_name,
            },
            "currency": settings.currency_code,
            "period": {
                "from": first.isoformat() if first else None,
                "to": last.isoformat() if last else None,
            },
        }
        write_bundle(
            path,
            header,
            {"products.json": products, "sales.json": sales, "stock_movements.json": movements}
            | {member: linked[kind] for member, kind in LINKED_MEMBERS.items()},
        )
        return BundleExportSummary(
            Path(path), len(sales), sum(len(s["lines"]) for s in sales), len(movements)
        )

    # -- import --------------------------------------------------------------------------

    def inspect(self, path: Path) -> BundleInfo:
        """Verify ``path`` and say what it holds and how much of it is new here."""
        settings = self._settings.load()
        bundle = self._verify(path, settings)
        with self._db.reading() as session:
            known_sales = _known(session, Sale.uuid, [s["uuid"] for s in bundle.sales])
            known_moves = _known(session, StockMovement.uuid, [m["uuid"] for m in bundle.movements])
            renamed = _renamed(session, bundle, known_sales, known_moves)
        period = bundle.contents.manifest.get("period") or {}
        return BundleInfo(
            path=Path(path),
            till_id=bundle.till_id,
            till_code=bundle.till_code,
            shop_name=bundle.shop_name,
            app_version=bundle.app_version,
            created_at=bundle.created_at,
            first=_optional_date(period.get("from")),
            last=_optional_date(period.get("to")),
            sales=len(bundle.sales),
            new_sales=len(bundle.sales) - len(known_sales),
            movements=len(bundle.movements),
            new_movements=len(bundle.movements) - len(known_moves),
            own_till=bundle.till_id == settings.till_id,
            renamed=renamed,
        )

    def import_files(
        self,
        paths: Sequence[Path],
        *,
        approval: Approval | None = None,
        accept_renamed: Collection[str] = (),
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> BundleImportSummary:
        """Merge the bundles at ``paths`` into this database in one transaction.

        Every bundle is verified first; if any is damaged, altered, from a newer
        version, in another currency, or clashes with what is here, nothing is
        imported. Records already here are skipped, so importing twice adds nothing.
        A SKU whose product here has another name than in a bundle (see
        ``BundleInfo.renamed``) is refused with RenamedProductsError unless it is
        in ``accept_renamed``; the audit event names the SKUs accepted.
        Merging moves stock: a cashier needs an owner's ``approval``.

        With ``dry_run`` the very same merge runs, every check and refusal
        included, and its transaction is rolled back at the end, so the summary
        (marked ``dry_run``) says exactly what importing would do and nothing is
        written: no record, no till remembered, no audit event, and an approval
        is not spent. One code path rather than a second one that counts without
        applying, because what is left out or clashes is only known by applying
        the records in order (a kasbon entry needs its customer, a return its sale).
        Nothing here writes outside that transaction (no file, no backup).

        ``progress`` hears the bundles checked, then the records merged; a cancel
        rolls the one transaction back, so nothing is written (Cancelled).
        """
        try:
            return self._import(paths, approval, accept_renamed, dry_run, progress or quiet())
        except _CheckedOnly as checked:
            return checked.summary

    def _import(
        self,
        paths: Sequence[Path],
        approval: Approval | None,
        accept_renamed: Collection[str],
        dry_run: bool,
        progress: Progress,
    ) -> BundleImportSummary:
        settings = self._settings.load()
        progress.begin(_("Checking the bundles"), len(paths))
        bundles = []
        for path in paths:
            bundles.append(self._verify(path, settings))
            progress.advance()
        with (
            self._settings.access.permit(Permission.ADJUST_STOCK, approval=approval) as grant,
            self._db.writing() as session,
        ):
            sales = _unique_by_uuid(s for b in bundles for s in b.sales)
            movements = _unique_by_uuid(m for b in bundles for m in b.movements)
            known_sales = _known(session, Sale.uuid, list(sales))
            known_moves = _known(session, StockMovement.uuid, list(movements))
            new_sales = [sale for uuid, sale in sales.items() if uuid not in known_sales]
            new_moves = [move for uuid, move in movements.items() if uuid not in known_moves]
            _refuse_clashes(session, new_sales, bundles)
            renamed = sorted(
                {r.sku for b in bundles for r in _renamed(session, b, known_sales, known_moves)}
            )
            refused = sorted(set(renamed) - set(accept_renamed))
            if refused:
                raise RenamedProductsError(refused)
            descriptions: dict[str, dict[str, Any]] = {}
            for bundle in bundles:
                descriptions.update(bundle.products)
            linked: Records = {
                kind: [record for b in bundles for record in b.linked[kind]]
                for kind in LINKED_MEMBERS.values()
            }
            products, created = products_for(
                session, skus_used(new_sales, new_moves) | product_skus(linked), descriptions
            )
            for bundle in bundles:
                if bundle.till_id != settings.till_id:
                    _remember_till(session, bundle)
            left_out: list[str] = []
            kinds = {id(record): kind for kind, records in linked.items() for record in records}
            held: Counter[str] = Counter()

            def hold(data: dict[str, Any], why: str) -> None:
                left_out.append(why)
                held[kinds.get(id(data), "sale")] += 1

            context = MergeContext(session, "bundle", hold)
            before = sum(len(linked[kind]) for kind in BEFORE_SALES)
            progress.begin(
                _("Merging records"),
                len(new_sales) + len(new_moves) + sum(map(len, linked.values())),
            )
            apply_before_sales(context, linked)
            progress.advance(before)
            for first in range(0, len(new_sales), MERGE_STEP):
                step = new_sales[first : first + MERGE_STEP]
                apply_sales(session, step, products)
                progress.advance(len(step))
            for first in range(0, len(new_moves), MERGE_STEP):
                step = new_moves[first : first + MERGE_STEP]
                apply_movements(session, step, products)
                progress.advance(len(step))
            link_customers(context, list(sales.values()))
            apply_after_sales(context, linked)
            progress.advance(sum(map(len, linked.values())) - before)
            progress.check()  # the last moment a cancel rolls the merge back
            merged = context.merged
            totals = {kind: len(_unique_by_uuid(records)) for kind, records in linked.items()}
            totals = {kind: count for kind, count in totals.items() if count}
            if not (new_sales or new_moves or merged.counts or merged.clashes):
                summary = replace(
                    _nothing_new(len(bundles), len(known_sales), len(known_moves), left_out),
                    linked_total=totals,
                    linked_held=dict(held),
                    dry_run=dry_run,
                )
                if dry_run:
                    raise _CheckedOnly(summary)
                return summary
            record_event(
                session,
                "bundle.imported",
                actor=grant.actor.name,
                entity="bundle",
                entity_ref=",".join(b.contents.manifest.get("bundle_id", "") for b in bundles),
                details={
                    "files": [b.contents.path.name for b in bundles],
                    "sales_added": len(new_sales),
                    "movements_added": len(new_moves),
                    "products_created": created,
                    "renamed_accepted": renamed,
                    "records_added": dict(merged.counts),
                }
                | grant.details(),
            )
            session.flush()
            summary = BundleImportSummary(
                bundles=len(bundles),
                sales_added=len(new_sales),
                sales_known=len(known_sales),
                movements_added=len(new_moves),
                movements_known=len(known_moves),
                products_created=tuple(created),
                changes=Changes(
                    products=bool(created) or bool(new_moves),
                    stock=bool(new_moves),
                    sales=bool(new_sales) or bool(merged.counts),
                ),
                linked=dict(merged.counts),
                clashes=tuple(merged.clashes),
                left_out=tuple(sorted(set(left_out))),
                linked_total=totals,
                linked_held=dict(held),
                dry_run=dry_run,
            )
            if dry_run:
                raise _CheckedOnly(replace(summary, changes=Changes()))
        return summary

    def _verify(self, path: Path, settings: ShopSettings) -> _Verified:
        contents = read_bundle(path)
        name = Path(path).name
        try:
            verified = _checked(contents)
        except (KeyError, TypeError, ValueError) as exc:
            raise BundleError(
                _("{name} is not a valid bundle ({reason}); nothing was imported.").format(
                    name=name, reason=exc
                )
            ) from None
        currency = contents.manifest.get("currency")
        if currency != settings.currency_code:
            raise BundleError(
                _(
                    "{name} holds sales in {theirs}, but this shop counts in {ours}; "
                    "nothing was imported."
                ).format(name=name, theirs=currency, ours=settings.currency_code)
            )
        return verified


# -- records in and out --------------------------------------------------------------------


def _renamed(
    session: Session, bundle: _Verified, known_sales: set[str], known_moves: set[str]
) -> tuple[RenamedProduct, ...]:
    """The SKUs the bundle's records new here use whose product here has another name.

    Names are compared as search folds them (case, accents and spacing aside);
    SKUs this database lacks are left out: they become archived stubs.
    """
    skus = {
        line["sku"]
        for sale in bundle.sales
        if sale["uuid"] not in known_sales
        for line in sale["lines"]
        if line["product"]
    }
    skus |= {move["sku"] for move in bundle.movements if move["uuid"] not in known_moves}
    theirs = {sku: bundle.products[sku]["name"] for sku in skus if sku in bundle.products}
    ordered = sorted(theirs)
    here: dict[str, str] = {}
    for first in range(0, len(ordered), CHUNK):
        query = select(Product.sku, Product.name).where(
            Product.sku.in_(ordered[first : first + CHUNK])
        )
        here.update((sku, name) for sku, name in session.execute(query))
    return tuple(
        RenamedProduct(sku, here[sku], theirs[sku])
        for sku in sorted(here)
        if fold(here[sku]) != fold(theirs[sku])
    )


def _remember_till(session: Session, bundle: _Verified) -> None:
    till = session.get(Till, bundle.till_id)
    if till is None:
        session.add(
            Till(
                till_id=bundle.till_id,
                code=bundle.till_code[:16],
                shop_name=bundle.shop_name[:200],
                app_version=bundle.app_version[:32],
                last_bundle_at=bundle.created_at,
            )
        )
        return
    if bundle.created_at >= till.last_bundle_at:
        till.code = bundle.till_code[:16]
        till.shop_name = bundle.shop_name[:200]
        till.app_version = bundle.app_version[:32]
        till.last_bundle_at = bundle.created_at


def _nothing_new(
    bundles: int, sales_known: int, movements_known: int, left_out: list[str]
) -> BundleImportSummary:
    return BundleImportSummary(
        bundles=bundles,
        sales_added=0,
        sales_known=sales_known,
        movements_added=0,
        movements_known=movements_known,
        products_created=(),
        changes=Changes(),
        left_out=tuple(sorted(set(left_out))),
    )


def describe(summary: BundleImportSummary) -> str:
    """What an import did: a sentence, then a line for each thing a person should look at."""
    lines = [
        _(
            "Sales merged: {sales}. Stock movements merged: {moves}. Sales already here: {known}."
        ).format(
            sales=summary.sales_added, moves=summary.movements_added, known=summary.sales_known
        )
    ]
    if summary.linked:
        lines.append(
            _(
                "Customers, kasbon entries, pre-orders, marketplace mappings and returns "
                "merged: {count}."
            ).format(count=sum(summary.linked.values()))
        )
    lines.extend(summary.clashes)
    if summary.left_out:
        lines.append(
            _("Left out until the bundle that has what they need is imported: {why}.").format(
                why="; ".join(summary.left_out)
            )
        )
    return "\n".join(lines)


def renamed_lines(bundles: Iterable[BundleInfo], limit: int | None = None) -> list[str]:
    """One line per product with another name here than in ``bundles``, for a person to read.

    With a ``limit``, that many lines at most and then one saying how many more.
    """
    lines = [
        _("{sku}: “{here}” here, “{there}” in {file}").format(
            sku=renamed.sku,
            here=renamed.name_here,
            there=renamed.name_in_bundle,
            file=info.path.name,
        )
        for info in bundles
        for renamed in info.renamed
    ]
    if limit is not None and len(lines) > limit:
        lines = [*lines[:limit], _("and {count} more").format(count=len(lines) - limit)]
    return lines

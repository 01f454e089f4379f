"""The catalogue: creating, changing, finding and browsing products, their variants and photos."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, func, literal, select, tuple_
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.barcodes import DEFAULT_PREFIX, is_printable_code, next_internal_ean13
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.products import next_sku, sku_stem
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.domain.text import fold, search_key, search_words
from bazaar_pos.domain.variants import OptionAxis, variant_name
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.products.photos import PhotoStore
from bazaar_pos.services.products.variants import apply_options
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock.ledger import record_movement
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Consignor, Product

PAGE_SIZE = 200


class ProductSort(enum.StrEnum):
    """The columns the product list can be sorted by."""

    SKU = "sku"
    NAME = "name"
    CATEGORY = "category"
    BARCODE = "barcode"
    PRICE = "price"
    STOCK = "stock"


@dataclass(frozen=True, slots=True)
class ProductQuery:
    """Which products a list shows and in what order."""

    text: str = ""
    include_inactive: bool = False
    category: str | None = None
    sort: ProductSort = ProductSort.NAME
    descending: bool = False
    low_stock_only: bool = False
    stocked_only: bool = False
    """Leave out products sold only as their variants (they hold no stock)."""


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """The fields a person types to create or change a product."""

    sku: str
    name: str
    price: MinorUnits
    cost: MinorUnits | None = 0
    """None keeps the stored cost (it was not shown to the person editing); a new product: 0."""
    barcode: str | None = None
    category: str = ""
    active: bool = True
    favourite: bool = False
    taxable: bool = True
    unit: str = "pcs"
    low_stock_level: int | None = None
    notes: str = ""
    one_of_a_kind: bool = False
    consignor_id: int | None = None
    commission: Commission | None = None
    photo: Path | None = None
    """A new photo to copy in; None keeps the current one."""
    remove_photo: bool = False

    @classmethod
    def from_view(cls, product: ProductView) -> ProductDraft:
        """A draft holding a product's current values, to change a few of them."""
        return cls(
            sku=product.sku,
            name=product.name,
            price=product.price,
            cost=product.cost,
            barcode=product.barcode,
            category=product.category,
            active=product.active,
            favourite=product.favourite,
            taxable=product.taxable,
            unit=product.unit,
            low_stock_level=product.low_stock_level,
            notes=product.notes,
            one_of_a_kind=product.one_of_a_kind,
            consignor_id=product.consignor_id,
            commission=product.commission,
        )

    def problems(self) -> list[str]:
        """Every rule the draft breaks, as translated messages."""
        found = []
        if not self.sku.strip():
            found.append(_("The SKU is empty."))
        elif len(self.sku.strip()) > 64:
            found.append(_("The SKU is longer than 64 characters."))
        if not self.name.strip():
            found.append(_("The name is empty."))
        elif len(self.name.strip()) > 200:
            found.append(_("The name is longer than 200 characters."))
        if len(self.category.strip()) > 100:
            found.append(_("The category is longer than 100 characters."))
        if self.price < 0:
            found.append(_("The price cannot be negative."))
        if self.cost is not None and self.cost < 0:
            found.append(_("The cost cannot be negative."))
        barcode = (self.barcode or "").strip()
        if barcode and not is_printable_code(barcode):
            found.append(
                _("The barcode can hold up to 48 letters, digits or signs, without spaces.")
            )
        if not self.unit.strip() or len(self.unit.strip()) > 20:
            found.append(_("The unit must be 1 to 20 characters, like pcs or meter."))
        if self.low_stock_level is not None and self.low_stock_level < 0:
            found.append(_("The low-stock level cannot be negative."))
        if self.commission is not None and self.consignor_id is None:
            found.append(_("A commission needs a consignor."))
        return found


class CatalogueService:
    """Products: create, update, archive, look up, browse; variants, barcodes and photos."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Serve the catalogue of ``db``; photos live in a folder next to the database file."""
        self._db = db
        self._settings = settings
        self._access = self._settings.access
        folder = Path(db.path).parent if db.path else Path.cwd()
        self.photos = PhotoStore(folder / "photos")

    # Changing products

    def create(self, draft: ProductDraft) -> ProductView:
        """Add a product; stock starts at zero, or at one for a one-of-a-kind piece."""
        self._validate(draft)
        till_id = self._settings.load().till_id
        photo = self.photos.add(draft.photo, "p") if draft.photo else ""
        try:
            with self._db.writing() as session:
                self._refuse_taken(session, draft, product_id=None)
                self._check_consignor(session, draft.consignor_id)
                columns = {"cost_minor": 0} | _columns(draft)
                product = Product(stock_on_hand=0, photo=photo, **columns)
                session.add(product)
                session.flush()
                if draft.one_of_a_kind:
                    record_movement(
                        session,
                        product,
                        1,
                        StockReason.OPENING,
                        till_id=till_id,
                        note=_("one-of-a-kind piece"),
                        unit_cost=product.cost_minor,
                    )
                record_event(
                    session,
                    "product.created",
                    entity="product",
                    entity_ref=product.uuid,
                    details={"sku": product.sku},
                )
                session.flush()
                return ProductView.of(product)
        except BaseException:
            self._discard_unused(photo)
            raise

    def update(
        self, product_id: int, draft: ProductDraft, *, approval: Approval | None = None
    ) -> ProductView:
        """Change a product's details (not its stock, which moves through the ledger).

        A product with variants passes its category, unit, tax rule and
        consignor on to them, and a new name or price to those that still
        carry the old one. A new price is an owner's decision, written to the
        audit log; a cashier needs an owner's ``approval`` to change one. A
        draft without a cost (None) keeps the cost stored.
        """
        self._validate(draft)
        photo = self.photos.add(draft.photo, "p") if draft.photo else None
        old_photo = ""
        try:
            with self._db.writing() as session:
                product = _get(session, product_id)
                self._refuse_taken(session, draft, product_id=product_id)
                self._check_consignor(session, draft.consignor_id)
                if draft.one_of_a_kind and product.stock_on_hand > 1:
                    raise ValidationError(
                        _("The product cannot be saved."),
                        [_("A one-of-a-kind piece has a stock of 1 at most.")],
                    )
                if draft.one_of_a_kind and product.option_axes:
                    raise ValidationError(
                        _("The product cannot be saved."),
                        [_("A product with variants cannot be one of a kind.")],
                    )
                before = ProductView.of(product)
                needed = (Permission.CHANGE_PRICE,) if draft.price != before.price else ()
                with self._access.permit(*needed, approval=approval) as grant:
                    for key, value in _columns(draft).items():
                        setattr(product, key, value)
                if needed:
                    record_event(
                        session,
                        "price.changed",
                        actor=grant.actor.name,
                        entity="product",
                        entity_ref=product.sku,
                        details={"old_price": before.price, "new_price": draft.price}
                        | grant.details(),
                    )
                if photo is not None or draft.remove_photo:
                    old_photo, product.photo = product.photo, photo or ""
                if product.option_axes:
                    _pass_on_to_variants(session, before, product)
                record_event(
                    session,
                    "product.updated",
                    entity="product",
                    entity_ref=product.uuid,
                    details={"sku": product.sku},
                )
                session.flush()
                view = ProductView.of(product)
        except BaseException:
            self._discard_unused(photo or "")
            raise
        if old_photo and old_photo != view.photo:
            self._discard_unused(old_photo)
        return view

    def set_active(self, product_id: int, active: bool) -> ProductView:
        """Archive a product (it leaves the till, its history stays) or bring it back.

        Products are never deleted: sales and the stock ledger point at them.
        Archiving a product with variants archives the variants too.
        """
        with self._db.writing() as session:
            product = _get(session, product_id)
            product.active = active
            if product.option_axes:
                for variant in session.scalars(
                    select(Product).where(Product.parent_id == product.id)
                ):
                    variant.active = active
            record_event(
                session,
                "product.restored" if active else "product.archived",
                entity="product",
                entity_ref=product.uuid,
                details={"sku": product.sku},
            )
            session.flush()
            return ProductView.of(product)

    def set_favourite(self, product_id: int, favourite: bool) -> ProductView:
        """Mark a product as a favourite for the till's quick-pick grid, or unmark it."""
        with self._db.writing() as session:
            product = _get(session, product_id)
            product.favourite = favourite
            session.flush()
            return ProductView.of(product)

    def set_options(self, parent_id: int, axes: Sequence[OptionAxis]) -> list[ProductView]:
        """Give a product options (size x colour ...) and generate the variants missing.

        Each new variant is a product of its own with the parent's price,
        cost, category and photo, a SKU built from the parent's and an
        internal EAN-13 barcode. Variants whose combination is dropped are
        archived, never deleted. Returns the active variants.
        """
        with self._db.writing() as session:
            parent = _get(session, parent_id)
            highest = _highest_internal(session)
            apply_options(session, parent, tuple(axes), highest)
            record_event(
                session,
                "product.options",
                entity="product",
                entity_ref=parent.uuid,
                details={"sku": parent.sku, "options": [[a.name, list(a.values)] for a in axes]},
            )
            session.flush()
        return self.variants_of(parent_id)

    def assign_barcodes(self, product_ids: Sequence[int] | None = None) -> list[ProductView]:
        """Give products without a barcode an internal EAN-13 (prefix 20) and return them.

        ``None`` means every active product without one (products sold only
        as their variants are left out: they are never scanned).
        """
        with self._db.writing() as session:
            query = (
                select(Product)
                .where(Product.barcode.is_(None), Product.option_axes == "")
                .order_by(Product.id)
            )
            if product_ids is None:
                query = query.where(Product.active)
            else:
                query = query.where(Product.id.in_(list(product_ids)))
            highest = _highest_internal(session)
            assigned = []
            for product in session.scalars(query).all():
                highest = next_internal_ean13(highest, DEFAULT_PREFIX)
                product.barcode = highest
                refresh_search_key(product)
                assigned.append(product)
            if assigned:
                record_event(
                    session,
                    "product.barcodes_assigned",
                    entity="product",
                    details={"count": len(assigned)},
                )
            session.flush()
            return [ProductView.of(p) for p in assigned]

    # Reading products

    def get(self, product_id: int) -> ProductView:
        """The product with ``product_id``, or NotFoundError."""
        with self._db.reading() as session:
            return ProductView.of(_get(session, product_id))

    def find_by_code(self, code: str) -> ProductView | None:
        """The active product whose barcode or SKU is ``code`` (SKU case-insensitive)."""
        code = code.strip()
        if not code:
            return None
        with self._db.reading() as session:
            product = session.scalar(
                select(Product).where(Product.active, Product.barcode == code)
            ) or session.scalar(
                select(Product).where(Product.active, func.lower(Product.sku) == code.lower())
            )
            return ProductView.of(product) if product else None

    def get_by_sku(self, sku: str) -> ProductView | None:
        """The product with SKU ``sku`` (any case), archived or not."""
        with self._db.reading() as session:
            product = session.scalar(
                select(Product).where(func.lower(Product.sku) == sku.strip().lower())
            )
            return ProductView.of(product) if product else None

    def search(
        self, text: str = "", *, limit: int = 50, include_inactive: bool = False
    ) -> list[ProductView]:
        """Products whose name, SKU, barcode or category contain every word of ``text``, by name."""
        return self.browse(ProductQuery(text, include_inactive=include_inactive), limit=limit)

    def browse(
        self, query: ProductQuery, *, after: ProductView | None = None, limit: int = PAGE_SIZE
    ) -> list[ProductView]:
        """One page of the products ``query`` matches, in its order, after the row ``after``.

        Pages are read by key (the sort value and the id of the last row
        shown), so the thousandth page costs what the first does.
        """
        sort = _sort_expression(query.sort)
        words = bool(search_words(query.text))
        if words and query.sort in _INDEXED:
            # With words to find, scanning the filter's index once beats walking
            # the sort index past every product that does not match.
            sort = sort + ""
        statement = select(Product.id if words else Product).where(*_conditions(query))
        if after is not None:
            key = tuple_(sort, Product.id)
            start = tuple_(literal(_sort_value(query.sort, after)), literal(after.id))
            statement = statement.where(key < start if query.descending else key > start)
        if query.descending:
            statement = statement.order_by(sort.desc(), Product.id.desc())
        else:
            statement = statement.order_by(sort, Product.id)
        with self._db.reading() as session:
            found = list(session.scalars(statement.limit(limit)))
            if not words:
                return [ProductView.of(p) for p in found]
            # The ids came from the index alone; now read just those rows.
            rows = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(found)))}
            return [ProductView.of(rows[i]) for i in found]

    def count_matching(self, query: ProductQuery) -> int:
        """How many products ``query`` matches."""
        with self._db.reading() as session:
            return session.scalar(select(func.count(Product.id)).where(*_conditions(query))) or 0

    def quick_search(self, text: str, *, limit: int = 20) -> list[ProductView]:
        """Active products whose name, SKU or barcode contain every typed word.

        Case and accents are ignored ("kopi gayo" finds "Kopi Gayō"). Names
        that start with the text come first, then other matches by name. Both
        queries read the folded ``search_key`` index and stop at ``limit``
        rows, so the time stays flat as the catalogue grows.
        """
        words = search_words(text)
        if not words:
            return []
        start = fold(text)
        starts_with = (
            select(Product.id)
            .where(Product.search_key >= start, Product.search_key < start + "\U0010ffff")
            .where(Product.active)
            .order_by(Product.search_key)
            .limit(limit)
        )
        contains = (
            select(Product.id)
            .where(*(Product.search_key.like(like_pattern(w), escape="\\") for w in words))
            .where(Product.active)
            .limit(limit)
        )
        with self._db.reading() as session:
            first = list(session.scalars(starts_with))
            ids = first + [i for i in session.scalars(contains) if i not in first]
            ids = ids[:limit]
            found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
            rank = {product_id: position for position, product_id in enumerate(first)}
            ordered = sorted(
                found.values(), key=lambda p: (rank.get(p.id, len(rank)), p.search_key, p.id)
            )
            return [ProductView.of(p) for p in ordered]

    def favourites(self, *, limit: int = 60) -> list[ProductView]:
        """Active favourite products, by name, for the till's quick-pick grid."""
        query = (
            select(Product)
            .where(Product.active, Product.favourite)
            .order_by(Product.name, Product.id)
            .limit(limit)
        )
        with self._db.reading() as session:
            return [ProductView.of(p) for p in session.scalars(query)]

    def count(self) -> int:
        """How many products there are, active or not."""
        with self._db.reading() as session:
            return session.scalar(select(func.count(Product.id))) or 0

    def categories(self) -> list[str]:
        """Every category in use, sorted."""
        with self._db.reading() as session:
            return list(
                session.scalars(
                    select(Product.category)
                    .where(Product.category != "")
                    .distinct()
                    .order_by(Product.category)
                )
            )

    def variants_of(self, parent_id: int, *, include_inactive: bool = False) -> list[ProductView]:
        """The variants of a product, in the order its options list them (for the till's picker)."""
        with self._db.reading() as session:
            query = select(Product).where(Product.parent_id == parent_id).order_by(Product.id)
            if not include_inactive:
                query = query.where(Product.active)
            return [ProductView.of(p) for p in session.scalars(query)]

    def suggest_sku(self, category: str, name: str) -> str:
        """A free SKU built from the category and the name, e.g. ``KAI-SON-003``."""
        stem = sku_stem(category, name)
        with self._db.reading() as session:
            taken = session.scalars(select(Product.sku).where(Product.sku.like(f"{stem}-%"))).all()
        return next_sku(stem, taken)

    def next_barcode(self) -> str:
        """The next free internal EAN-13 code (prefix 20)."""
        with self._db.reading() as session:
            return next_internal_ean13(_highest_internal(session), DEFAULT_PREFIX)

    def photo_path(self, product: ProductView) -> Path | None:
        """The product's photo file, or None when it has none (or the file has gone)."""
        return self.photos.path_of(product.photo)

    # Helpers

    @staticmethod
    def _validate(draft: ProductDraft) -> None:
        problems = draft.problems()
        if problems:
            raise ValidationError(_("The product cannot be saved."), problems)

    @staticmethod
    def _refuse_taken(session: Session, draft: ProductDraft, product_id: int | None) -> None:
        problems = []
        sku = draft.sku.strip()
        same_sku = session.scalar(select(Product.id).where(func.lower(Product.sku) == sku.lower()))
        if same_sku is not None and same_sku != product_id:
            problems.append(_("The SKU {sku} is already used.").format(sku=sku))
        barcode = (draft.barcode or "").strip()
        if barcode:
            same_code = session.scalar(select(Product.id).where(Product.barcode == barcode))
            if same_code is not None and same_code != product_id:
                problems.append(_("The barcode {barcode} is already used.").format(barcode=barcode))
        if problems:
            raise ValidationError(_("The product cannot be saved."), problems)

    @staticmethod
    def _check_consignor(session: Session, consignor_id: int | None) -> None:
        if consignor_id is not None and session.get(Consignor, consignor_id) is None:
            raise NotFoundError(_("No consignor with id {id}.").format(id=consignor_id))

    def _discard_unused(self, photo: str) -> None:
        if not photo:
            return
        with self._db.reading() as session:
            used = session.scalar(select(Product.id).where(Product.photo == photo).limit(1))
        if used is None:
            self.photos.discard(photo)


def refresh_search_key(product: Product) -> None:
    """Recompute the text the filter looks in after a name, SKU, barcode or category change."""
    product.search_key = search_key(product.name, product.sku, product.barcode, product.category)


def _get(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFoundError(_("No product with id {id}.").format(id=product_id))
    return product


def like_pattern(word: str) -> str:
    """``%word%`` with LIKE's wildcards in ``word`` taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _columns(draft: ProductDraft) -> dict[str, object]:
    sku, name = draft.sku.strip(), draft.name.strip()
    barcode = (draft.barcode or "").strip() or None
    category = draft.category.strip()
    commission = draft.commission if draft.consignor_id is not None else None
    cost = {} if draft.cost is None else {"cost_minor": draft.cost}
    return cost | {
        "sku": sku,
        "name": name,
        "price_minor": draft.price,
        "barcode": barcode,
        "category": category,
        "active": draft.active,
        "favourite": draft.favourite,
        "taxable": draft.taxable,
        "unit": draft.unit.strip(),
        "low_stock_level": draft.low_stock_level,
        "notes": draft.notes.strip(),
        "one_of_a_kind": draft.one_of_a_kind,
        "consignor_id": draft.consignor_id,
        "commission_kind": commission.kind.value if commission else "",
        "commission_value": commission.value if commission else 0,
        "search_key": search_key(name, sku, barcode, category),
    }


def _pass_on_to_variants(session: Session, before: ProductView, parent: Product) -> None:
    for variant in session.scalars(select(Product).where(Product.parent_id == parent.id)):
        variant.category = parent.category
        variant.unit = parent.unit
        variant.taxable = parent.taxable
        variant.consignor_id = parent.consignor_id
        variant.commission_kind = parent.commission_kind
        variant.commission_value = parent.commission_value
        if variant.price_minor == before.price:
            variant.price_minor = parent.price_minor
        if variant.cost_minor == before.cost:
            variant.cost_minor = parent.cost_minor
        choice = ProductView.of(variant).choice
        if variant.name == variant_name(before.name, choice):
            variant.name = variant_name(parent.name, choice)
        if not variant.photo or variant.photo == before.photo:
            variant.photo = parent.photo
        refresh_search_key(variant)


def _highest_internal(session: Session) -> str | None:
    pattern = f"{DEFAULT_PREFIX:02d}" + "_" * 11
    codes = session.scalars(
        select(Product.barcode)
        .where(Product.barcode.like(pattern))
        .order_by(Product.barcode.desc())
    )
    return next((c for c in codes if c and c.isdigit()), None)


_INDEXED = frozenset({ProductSort.SKU, ProductSort.NAME, ProductSort.CATEGORY})


def _sort_expression(sort: ProductSort) -> ColumnElement[object]:
    columns: dict[ProductSort, ColumnElement[object]] = {
        ProductSort.SKU: Product.sku,
        ProductSort.NAME: Product.name,
        ProductSort.CATEGORY: Product.category,
        ProductSort.BARCODE: func.coalesce(Product.barcode, ""),
        ProductSort.PRICE: Product.price_minor,
        ProductSort.STOCK: Product.stock_on_hand,
    }
    return columns[sort]


def _sort_value(sort: ProductSort, product: ProductView) -> object:
    values: dict[ProductSort, object] = {
        ProductSort.SKU: product.sku,
        ProductSort.NAME: product.name,
        ProductSort.CATEGORY: product.category,
        ProductSort.BARCODE: product.barcode or "",
        ProductSort.PRICE: product.price,
        ProductSort.STOCK: product.stock,
    }
    return values[sort]


def _conditions(query: ProductQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not query.include_inactive:
        conditions.append(Product.active)
    if query.category is not None:
        conditions.append(Product.category == query.category)
    if query.low_stock_only:
        conditions.append(Product.low_stock_level.is_not(None))
        conditions.append(Product.stock_on_hand <= Product.low_stock_level)
    if query.stocked_only:
        conditions.append(Product.option_axes == "")
    for term in search_words(query.text):
        conditions.append(Product.search_key.like(like_pattern(term), escape="\\"))
    return conditions

"""The catalogue: creating and changing products, their variants, barcodes and photos."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.barcodes import is_printable_code, next_internal_ean13
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.products import next_sku, sku_stem
from bazaar_pos.domain.quantity import PER_UNIT, Unit, format_quantity, unit_of
from bazaar_pos.domain.scale_barcodes import PLU_DIGITS, plu_key
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.domain.text import search_key
from bazaar_pos.domain.variants import OptionAxis, variant_name
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.products.photos import PhotoStore
from bazaar_pos.services.products.search import CatalogueSearch
from bazaar_pos.services.products.variants import apply_options
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock.ledger import record_movement
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Consignor, Product


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
    unit: Unit = Unit.PCS
    """What the price is per and the stock counts in: pcs, kg, g, m, cm or l."""
    low_stock_milli: int | None = None
    """The low-stock level in thousandths of ``unit``."""
    notes: str = ""
    one_of_a_kind: bool = False
    consignor_id: int | None = None
    commission: Commission | None = None
    photo: Path | None = None
    """A new photo to copy in; None keeps the current one."""
    remove_photo: bool = False
    plu: str = ""
    """The product's number on the shop's label scale (1 to 5 digits), or ""."""
    online_buffer_milli: int | None = None
    """Thousandths of ``unit`` kept back from online shops; None: the shop's setting."""

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
            low_stock_milli=product.low_stock_milli,
            notes=product.notes,
            one_of_a_kind=product.one_of_a_kind,
            consignor_id=product.consignor_id,
            commission=product.commission,
            plu=product.plu or "",
            online_buffer_milli=product.online_buffer_milli,
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
        if self.low_stock_milli is not None and self.low_stock_milli < 0:
            found.append(_("The low-stock level cannot be negative."))
        elif self.unit.counted and (self.low_stock_milli or 0) % PER_UNIT:
            found.append(_("The low-stock level of a product sold by the piece is whole pieces."))
        if self.online_buffer_milli is not None and self.online_buffer_milli < 0:
            found.append(_("The stock kept back from online shops cannot be negative."))
        elif self.unit.counted and (self.online_buffer_milli or 0) % PER_UNIT:
            found.append(
                _(
                    "The stock kept back from online shops of a product sold by the piece "
                    "is whole pieces."
                )
            )
        plu = self.plu.strip()
        if plu and (not plu.isdigit() or not plu.isascii() or len(plu) > PLU_DIGITS):
            found.append(_("The PLU is 1 to 5 digits, as the label scale numbers the product."))
        if self.commission is not None and self.consignor_id is None:
            found.append(_("A commission needs a consignor."))
        return found


class CatalogueService(CatalogueSearch):
    """Products: create, update, archive, look up, browse; variants, barcodes and photos."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Serve the catalogue of ``db``; photos live in a folder next to the database file."""
        super().__init__(db)
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
                product = Product(stock_milli=0, photo=photo, **columns)
                session.add(product)
                session.flush()
                if draft.one_of_a_kind:
                    record_movement(
                        session,
                        product,
                        PER_UNIT,
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
                if draft.one_of_a_kind and product.stock_milli > PER_UNIT:
                    raise ValidationError(
                        _("The product cannot be saved."),
                        [_("A one-of-a-kind piece has a stock of 1 at most.")],
                    )
                if unit_of(product.unit) is not draft.unit and product.stock_milli:
                    stock = format_quantity(product.stock_milli, unit_of(product.unit), "en")
                    raise ValidationError(
                        _("The product cannot be saved."),
                        [
                            _(
                                "It holds {stock} in stock: bring its stock to 0 before "
                                "changing the unit."
                            ).format(stock=stock)
                        ],
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
            prefix = self._settings.load().internal_prefix
            highest = _highest_internal(session, prefix)
            apply_options(session, parent, tuple(axes), highest, prefix)
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
            prefix = self._settings.load().internal_prefix
            highest = _highest_internal(session, prefix)
            assigned = []
            for product in session.scalars(query).all():
                highest = next_internal_ean13(highest, prefix)
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

    def suggest_sku(self, category: str, name: str) -> str:
        """A free SKU built from the category and the name, e.g. ``KAI-SON-003``."""
        stem = sku_stem(category, name)
        with self._db.reading() as session:
            taken = session.scalars(select(Product.sku).where(Product.sku.like(f"{stem}-%"))).all()
        return next_sku(stem, taken)

    def next_barcode(self) -> str:
        """The next free internal EAN-13 code, with a prefix no label scale layout takes (20)."""
        prefix = self._settings.load().internal_prefix
        with self._db.reading() as session:
            return next_internal_ean13(_highest_internal(session, prefix), prefix)

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
        plu = plu_key(draft.plu) if draft.plu.strip() else ""
        if plu:
            same_plu = session.scalar(select(Product.id).where(Product.plu == plu))
            if same_plu is not None and same_plu != product_id:
                problems.append(_("The PLU {plu} is already used.").format(plu=plu))
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
        "unit": draft.unit.value,
        "plu": plu_key(draft.plu) if draft.plu.strip() else None,
        "low_stock_milli": draft.low_stock_milli,
        "online_buffer_milli": draft.online_buffer_milli,
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


def _highest_internal(session: Session, prefix: int) -> str | None:
    pattern = f"{prefix:02d}" + "_" * 11
    codes = session.scalars(
        select(Product.barcode)
        .where(Product.barcode.like(pattern))
        .order_by(Product.barcode.desc())
    )
    return next((c for c in codes if c and c.isdigit()), None)

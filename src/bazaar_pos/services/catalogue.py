"""The catalogue: creating, changing and finding products."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.text import fold, search_words
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.access import AccessControl, Approval
from bazaar_pos.services.audit import record_event
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """The fields a person types to create or change a product."""

    sku: str
    name: str
    price: MinorUnits
    cost: MinorUnits = 0
    barcode: str | None = None
    category: str = ""
    active: bool = True

    def problems(self) -> list[str]:
        """Every rule the draft breaks, as translated messages."""
        found = []
        if not self.sku.strip():
            found.append(_("The SKU is empty."))
        if not self.name.strip():
            found.append(_("The name is empty."))
        if self.price < 0:
            found.append(_("The price cannot be negative."))
        if self.cost < 0:
            found.append(_("The cost cannot be negative."))
        return found


class CatalogueService:
    """Products: create, update and look up by barcode, SKU or name."""

    def __init__(self, db: Database, access: AccessControl | None = None) -> None:
        """Serve the catalogue of ``db``; ``access`` says who may change prices."""
        self._db = db
        self._access = access or AccessControl(db)

    def create(self, draft: ProductDraft) -> ProductView:
        """Add a product; its stock starts at zero (receive stock to add some)."""
        self._validate(draft)
        with self._db.writing() as session:
            self._refuse_taken(session, draft, product_id=None)
            product = Product(**_columns(draft))
            session.add(product)
            session.flush()
            return ProductView.of(product)

    def update(
        self, product_id: int, draft: ProductDraft, *, approval: Approval | None = None
    ) -> ProductView:
        """Change a product's details (not its stock, which moves through the ledger).

        A new price is an owner's decision, written to the audit log; a cashier
        needs an owner's ``approval`` to change one.
        """
        self._validate(draft)
        with self._db.writing() as session:
            product = _get(session, product_id)
            self._refuse_taken(session, draft, product_id=product_id)
            old_price = product.price_minor
            needed = (Permission.CHANGE_PRICE,) if draft.price != old_price else ()
            with self._access.permit(*needed, approval=approval) as grant:
                for key, value in _columns(draft).items():
                    setattr(product, key, value)
                session.flush()
                if needed:
                    record_event(
                        session,
                        "price.changed",
                        actor=grant.actor.name,
                        entity="product",
                        entity_ref=product.sku,
                        details={"old_price": old_price, "new_price": draft.price}
                        | grant.details(),
                    )
            return ProductView.of(product)

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

    def search(
        self, text: str = "", *, limit: int = 50, include_inactive: bool = False
    ) -> list[ProductView]:
        """Products whose name, SKU, barcode or category contains ``text``, by name."""
        query = select(Product).order_by(Product.name, Product.id).limit(limit)
        if not include_inactive:
            query = query.where(Product.active)
        if text.strip():
            pattern = f"%{text.strip().lower()}%"
            query = query.where(
                or_(
                    func.lower(Product.name).like(pattern),
                    func.lower(Product.sku).like(pattern),
                    Product.barcode.like(pattern),
                    func.lower(Product.category).like(pattern),
                )
            )
        with self._db.reading() as session:
            return [ProductView.of(p) for p in session.scalars(query)]

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

    def set_favourite(self, product_id: int, favourite: bool) -> ProductView:
        """Put a product on the till's quick-pick grid, or take it off."""
        with self._db.writing() as session:
            product = _get(session, product_id)
            product.favourite = favourite
            session.flush()
            return ProductView.of(product)

    def count(self) -> int:
        """How many products there are, active or not."""
        with self._db.reading() as session:
            return session.scalar(select(func.count(Product.id))) or 0

    @staticmethod
    def _validate(draft: ProductDraft) -> None:
        problems = draft.problems()
        if problems:
            raise ValidationError(_("The product cannot be saved."), problems)

    @staticmethod
    def _refuse_taken(session: Session, draft: ProductDraft, product_id: int | None) -> None:
        problems = []
        same_sku = session.scalar(select(Product.id).where(Product.sku == draft.sku.strip()))
        if same_sku is not None and same_sku != product_id:
            problems.append(_("The SKU {sku} is already used.").format(sku=draft.sku))
        if draft.barcode:
            same_code = session.scalar(select(Product.id).where(Product.barcode == draft.barcode))
            if same_code is not None and same_code != product_id:
                problems.append(
                    _("The barcode {barcode} is already used.").format(barcode=draft.barcode)
                )
        if problems:
            raise ValidationError(_("The product cannot be saved."), problems)


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
    return {
        "sku": draft.sku.strip(),
        "name": draft.name.strip(),
        "price_minor": draft.price,
        "cost_minor": draft.cost,
        "barcode": (draft.barcode or "").strip() or None,
        "category": draft.category.strip(),
        "active": draft.active,
    }

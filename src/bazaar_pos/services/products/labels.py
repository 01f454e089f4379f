"""Printing product labels: choosing products, giving them barcodes, writing the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.money import format_money
from bazaar_pos.domain.quantity import PER_UNIT
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.exports.labels import (
    DEFAULT_TEMPLATE,
    TEMPLATES,
    Label,
    LabelTemplate,
    write_labels,
)
from bazaar_pos.i18n import _
from bazaar_pos.progress import Progress
from bazaar_pos.services.products.catalogue import CatalogueService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """Which products get labels, how many each, and on what."""

    skus: tuple[str, ...] = ()
    category: str | None = None
    product_ids: tuple[int, ...] = ()
    template: str = DEFAULT_TEMPLATE
    copies: int = 1
    per_stock: bool = False
    """One label per item in stock instead of ``copies``."""
    skip: int = 0
    outline: bool = False


@dataclass(frozen=True, slots=True)
class LabelResult:
    """A label PDF written."""

    path: Path
    labels: int
    products: int
    pages: int
    barcodes_assigned: tuple[str, ...]
    """SKUs that had no barcode and were given an internal EAN-13 for their labels."""


def templates() -> list[LabelTemplate]:
    """The label templates, sheets first."""
    return sorted(TEMPLATES.values(), key=lambda t: (t.is_roll, t.name))


class LabelService:
    """Writes label PDFs; products without a barcode get an internal EAN-13 first."""

    def __init__(
        self, db: Database, settings: SettingsService, catalogue: CatalogueService
    ) -> None:
        """Print labels for the products of ``db``."""
        self._db = db
        self._settings = settings
        self._catalogue = catalogue

    def choose(self, request: LabelRequest) -> list[ProductView]:
        """The products a request names: by SKU, by id, by category; none of these = all active.

        Products sold only as their variants are replaced by their variants.
        Raises NotFoundError naming any SKU that does not exist.
        """
        with self._db.reading() as session:
            query = select(Product).order_by(Product.category, Product.name, Product.id)
            if request.skus:
                wanted = {s.strip().lower() for s in request.skus if s.strip()}
                found = list(session.scalars(query.where(func.lower(Product.sku).in_(wanted))))
                missing = wanted - {p.sku.lower() for p in found}
                if missing:
                    raise NotFoundError(
                        _("No product has SKU {skus}.").format(skus=", ".join(sorted(missing)))
                    )
            elif request.product_ids:
                found = list(session.scalars(query.where(Product.id.in_(request.product_ids))))
            else:
                query = query.where(Product.active)
                if request.category is not None:
                    query = query.where(func.lower(Product.category) == request.category.lower())
                found = list(session.scalars(query))
            return [ProductView.of(p) for p in _with_variants(session, found)]

    def write(
        self, request: LabelRequest, path: Path, *, progress: Progress | None = None
    ) -> LabelResult:
        """Write labels for the chosen products to a PDF at ``path``.

        Products without a barcode get an internal EAN-13 first (stored, so
        the scanner finds them); with ``per_stock`` a product with no stock
        gets no label. ``progress`` hears each label drawn; a cancel leaves no file
        (barcodes already given stay: they are the products' own from then on).
        """
        template = TEMPLATES.get(request.template)
        if template is None:
            raise ValidationError(
                _("There is no label template {name}. Choose one of: {names}.").format(
                    name=request.template, names=", ".join(TEMPLATES)
                )
            )
        if request.copies < 1 or request.copies > 1000:
            raise ValidationError(_("Print 1 to 1000 labels of each product."))
        products = self.choose(request)
        if not products:
            raise ValidationError(_("No products to print labels for."))
        assigned = self._catalogue.assign_barcodes([p.id for p in products if not p.barcode])
        if assigned:
            by_id = {p.id: p for p in assigned}
            products = [by_id.get(p.id, p) for p in products]
        shop = self._settings.load()
        labels = []
        for product in products:
            count = labels_in_stock(product) if request.per_stock else request.copies
            price = format_money(product.price, shop.currency, shop.money_locale)
            assert product.barcode is not None
            labels += [Label(product.name, price, product.barcode)] * count
        if not labels:
            raise ValidationError(_("None of these products is in stock: no labels to print."))
        pages = write_labels(
            path,
            labels,
            template,
            skip=request.skip,
            outline=request.outline,
            title=_("Labels"),
            progress=progress,
        )
        return LabelResult(
            Path(path),
            len(labels),
            len(products),
            pages,
            tuple(p.sku for p in assigned),
        )


def _with_variants(session: Session, found: list[Product]) -> list[Product]:
    """``found`` with each product sold as variants replaced, in its place, by its variants.

    Each product comes once: a category or the whole catalogue holds the variants
    as well as their parent, and a variant already chosen is not chosen again.
    """
    parents = [p.id for p in found if p.option_axes]
    variants: dict[int, list[Product]] = {}
    if parents:
        for variant in session.scalars(
            select(Product)
            .where(Product.parent_id.in_(parents), Product.active)
            .order_by(Product.parent_id, Product.id)
        ):
            variants.setdefault(variant.parent_id or 0, []).append(variant)
    chosen: dict[int, Product] = {}
    for product in found:
        for one in variants.get(product.id, []) if product.option_axes else [product]:
            chosen.setdefault(one.id, one)
    return list(chosen.values())


def labels_in_stock(product: ProductView) -> int:
    """One label per piece in stock; one for goods kept by weight or length, if any."""
    if product.stock_milli <= 0:
        return 0
    return product.stock_milli // PER_UNIT if product.unit.counted else 1

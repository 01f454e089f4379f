"""Finding products: by barcode or SKU, by typed words, and the product list page by page."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, func, literal, select, tuple_

from bazaar_pos.domain.text import fold, search_words
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product

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


def like_pattern(word: str) -> str:
    """``%word%`` with LIKE's wildcards in ``word`` taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class CatalogueSearch:
    """Finding products: by code, by typed words, page by page in a chosen order."""

    def __init__(self, db: Database) -> None:
        """Search the products of ``db``."""
        self._db = db

    def find_by_code(self, code: str) -> ProductView | None:
        """The active product whose barcode or SKU is ``code`` (SKU case-insensitive)."""
        code = code.strip()
        if not code:
            return None
        products = Product.core_table()  # Core: the till asks at every scan
        active = select(products).where(products.c.active)
        with self._db.reading_rows() as connection:
            product = connection.execute(active.where(products.c.barcode == code)).first()
            if product is None:
                by_sku = active.where(func.lower(products.c.sku) == code.lower())
                product = connection.execute(by_sku).first()
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
                return [ProductView.of(p) for p in cast("list[Product]", found)]
            # The ids came from the index alone; now read just those rows.
            ids = cast("list[int]", found)
            rows = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
            return [ProductView.of(rows[i]) for i in ids]

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
        # A Core query: the till's first screen waits for no ORM mapper set-up.
        products = Product.core_table()
        query = (
            select(products)
            .where(products.c.active, products.c.favourite)
            .order_by(products.c.name, products.c.id)
            .limit(limit)
        )
        with self._db.reading_rows() as connection:
            return [ProductView.of(row) for row in connection.execute(query)]

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


_INDEXED = frozenset({ProductSort.SKU, ProductSort.NAME, ProductSort.CATEGORY})


def _sort_expression(sort: ProductSort) -> ColumnElement[Any]:
    columns: dict[ProductSort, ColumnElement[Any]] = {
        ProductSort.SKU: Product.sku.expression,
        ProductSort.NAME: Product.name.expression,
        ProductSort.CATEGORY: Product.category.expression,
        ProductSort.BARCODE: func.coalesce(Product.barcode, ""),
        ProductSort.PRICE: Product.price_minor.expression,
        ProductSort.STOCK: Product.stock_milli.expression,
    }
    return columns[sort]


def _sort_value(sort: ProductSort, product: ProductView) -> object:
    values: dict[ProductSort, object] = {
        ProductSort.SKU: product.sku,
        ProductSort.NAME: product.name,
        ProductSort.CATEGORY: product.category,
        ProductSort.BARCODE: product.barcode or "",
        ProductSort.PRICE: product.price,
        ProductSort.STOCK: product.stock_milli,
    }
    return values[sort]


def _conditions(query: ProductQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not query.include_inactive:
        conditions.append(Product.active.expression)
    if query.category is not None:
        conditions.append(Product.category == query.category)
    if query.low_stock_only:
        conditions.append(Product.low_stock_milli.is_not(None))
        conditions.append(Product.stock_milli <= Product.low_stock_milli)
    if query.stocked_only:
        conditions.append(Product.option_axes == "")
    for term in search_words(query.text):
        conditions.append(Product.search_key.like(like_pattern(term), escape="\\"))
    return conditions

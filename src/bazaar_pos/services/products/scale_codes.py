"""Label-scale barcodes read against the catalogue: which product, how much, at what price."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bazaar_pos.domain.scale_barcodes import (
    ScaleCodeError,
    ScaleReading,
    plu_key,
    read_scale_code,
    scale_quantity,
)
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.services.views import ProductView
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product


@dataclass(frozen=True, slots=True)
class ScaleItem:
    """What a scale code puts in the cart: a product, its quantity and the printed amount."""

    product: ProductView
    quantity_milli: int
    """Thousandths of the product's unit."""
    priced: int | None
    """The amount a price label printed (the line comes to it exactly), or None."""
    reading: ScaleReading


class ScaleCodeProblem(UserError):
    """A label-scale code that cannot be sold as it is: unknown PLU, wrong kind of product."""


def unknown_plu(reading: ScaleReading, code: str) -> str:
    """The message for a scale code whose PLU no product has."""
    return _("No product has the PLU {plu} (scale code {code}).").format(
        plu=plu_key(reading.plu), code=code
    )


def scale_item(
    reading: ScaleReading, product: ProductView, settings: ShopSettings
) -> ScaleItem:
    """The cart item ``reading`` gives ``product``; ScaleCodeError says why it cannot."""
    quantity, priced = scale_quantity(
        reading,
        product.name,
        product.unit,
        product.price,
        settings.currency,
        settings.money_locale,
    )
    return ScaleItem(product, quantity, priced, reading)


class ScaleCodes:
    """Reads scanned codes with the shop's label scale layouts."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Find products in ``db`` with the layouts kept in ``settings``."""
        self._db = db
        self._settings = settings

    def read(self, code: str) -> ScaleItem | None:
        """The item a label-scale code stands for; None when ``code`` is no scale code.

        A product's own barcode is looked up before this (a code equal to one
        stays that product's). Raises :class:`ScaleCodeProblem` for an unknown
        PLU, a weight label on goods not sold by weight, and the like.
        """
        settings = self._settings.load()
        reading = read_scale_code(code.strip(), settings.scale_layouts)
        if reading is None:
            return None
        with self._db.reading() as session:
            product = session.scalar(
                select(Product).where(Product.active, Product.plu == plu_key(reading.plu))
            )
            found = ProductView.of(product) if product is not None else None
        if found is None:
            raise ScaleCodeProblem(unknown_plu(reading, code.strip()))
        try:
            return scale_item(reading, found, settings)
        except ScaleCodeError as exc:
            raise ScaleCodeProblem(str(exc)) from None

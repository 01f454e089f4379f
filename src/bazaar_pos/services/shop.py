"""The shop: one open database and every service over it, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bazaar_pos.services.catalogue import CatalogueService
from bazaar_pos.services.check import check_database
from bazaar_pos.services.checkout import CheckoutService
from bazaar_pos.services.consignment import ConsignmentService
from bazaar_pos.services.labels import LabelService
from bazaar_pos.services.product_files import ProductFileService
from bazaar_pos.services.sales_import import SalesImportService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.stock import StockService
from bazaar_pos.store.database import Database


@dataclass(frozen=True)
class Shop:
    """Everything the GUI and the CLI need to work on one shop database."""

    db: Database
    settings: SettingsService
    catalogue: CatalogueService
    stock: StockService
    checkout: CheckoutService
    product_files: ProductFileService
    sales_import: SalesImportService
    consignment: ConsignmentService
    labels: LabelService

    @classmethod
    def over(cls, db: Database) -> Shop:
        """Build the services over an open database and give it a till identity."""
        settings = SettingsService(db)
        settings.ensure_till_identity()
        checkout = CheckoutService(db, settings)
        catalogue = CatalogueService(db, settings)
        return cls(
            db=db,
            settings=settings,
            catalogue=catalogue,
            stock=StockService(db, settings),
            checkout=checkout,
            product_files=ProductFileService(db, settings),
            sales_import=SalesImportService(db, settings, checkout),
            consignment=ConsignmentService(db, settings),
            labels=LabelService(db, settings, catalogue),
        )

    @classmethod
    def open(cls, path: Path) -> Shop:
        """Open (creating or upgrading) the database at ``path``."""
        return cls.over(Database.open(path))

    def check(self) -> list[str]:
        """Every problem in the database; empty when all holds."""
        return check_database(self.db)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

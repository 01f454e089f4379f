"""The shop: one open database and every service over it, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bazaar_pos.services.access import AccessControl
from bazaar_pos.services.audit_log import AuditLog
from bazaar_pos.services.catalogue import CatalogueService
from bazaar_pos.services.check import check_database
from bazaar_pos.services.checkout import CheckoutService
from bazaar_pos.services.events import EventService
from bazaar_pos.services.parked_carts import ParkedCartService
from bazaar_pos.services.print_queue import PrintQueue
from bazaar_pos.services.printer import PrinterService
from bazaar_pos.services.product_files import ProductFileService
from bazaar_pos.services.receipts import ReceiptService
from bazaar_pos.services.refunds import RefundService
from bazaar_pos.services.sales_history import SalesHistoryService
from bazaar_pos.services.sales_import import SalesImportService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.shifts import ShiftService
from bazaar_pos.services.stock import StockService
from bazaar_pos.services.users import UsersService
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
    printer: PrinterService
    receipts: ReceiptService
    print_queue: PrintQueue
    parked_carts: ParkedCartService
    refunds: RefundService
    sales_history: SalesHistoryService
    access: AccessControl
    users: UsersService
    shifts: ShiftService
    events: EventService
    audit: AuditLog

    @classmethod
    def over(cls, db: Database) -> Shop:
        """Build the services over an open database and give it a till identity.

        Every service asks the one ``access`` who is signed in and what they may do.
        """
        access = AccessControl(db)
        settings = SettingsService(db, access)
        settings.ensure_till_identity()
        checkout = CheckoutService(db, settings)
        printer = PrinterService(db, access)
        receipts = ReceiptService(db, settings, printer)
        return cls(
            db=db,
            settings=settings,
            catalogue=CatalogueService(db, access),
            stock=StockService(db, settings),
            checkout=checkout,
            product_files=ProductFileService(db, settings),
            sales_import=SalesImportService(db, settings, checkout),
            printer=printer,
            receipts=receipts,
            print_queue=PrintQueue(db, receipts, printer),
            parked_carts=ParkedCartService(db, settings),
            refunds=RefundService(db, settings),
            sales_history=SalesHistoryService(db, settings),
            access=access,
            users=UsersService(db, access),
            shifts=ShiftService(db, settings, printer),
            events=EventService(db, settings),
            audit=AuditLog(db, access),
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

"""The shop: one open database and every service over it, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from bazaar_pos.domain.periods import local_zone
from bazaar_pos.services.access import AccessControl
from bazaar_pos.services.audit_log import AuditLog
from bazaar_pos.services.backups import BackupService
from bazaar_pos.services.bundles import BundleService
from bazaar_pos.services.catalogue import CatalogueService
from bazaar_pos.services.check import check_database
from bazaar_pos.services.checkout import CheckoutService
from bazaar_pos.services.consignment import ConsignmentService
from bazaar_pos.services.events import EventService
from bazaar_pos.services.labels import LabelService
from bazaar_pos.services.parked_carts import ParkedCartService
from bazaar_pos.services.payment_confirmation import PaymentConfirmationService
from bazaar_pos.services.print_queue import PrintQueue
from bazaar_pos.services.printer import PrinterService
from bazaar_pos.services.product_files import ProductFileService
from bazaar_pos.services.receipts import ReceiptService
from bazaar_pos.services.refunds import RefundService
from bazaar_pos.services.report_files import ReportFileService
from bazaar_pos.services.reports import ReportService
from bazaar_pos.services.sales_history import SalesHistoryService
from bazaar_pos.services.sales_import import SalesImportService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.shifts import ShiftService
from bazaar_pos.services.stock import StockService
from bazaar_pos.services.turnover import TurnoverService
from bazaar_pos.services.users import UsersService
from bazaar_pos.services.zreport import ZReportService
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
    backups: BackupService
    reports: ReportService
    turnover: TurnoverService
    zreports: ZReportService
    report_files: ReportFileService
    bundles: BundleService
    payment_confirmation: PaymentConfirmationService
    consignment: ConsignmentService
    labels: LabelService
    access: AccessControl
    users: UsersService
    shifts: ShiftService
    events: EventService
    audit: AuditLog

    @classmethod
    def over(cls, db: Database, *, zone: tzinfo | None = None) -> Shop:
        """Build the services over an open database and give it a till identity.

        Reports follow the local clock of ``zone`` (default: this computer's).
        Every service asks the one ``access`` who is signed in and what they may do.
        """
        zone = zone or local_zone()
        access = AccessControl(db)
        settings = SettingsService(db, access)
        settings.ensure_till_identity()
        checkout = CheckoutService(db, settings)
        printer = PrinterService(db, access)
        receipts = ReceiptService(db, settings, printer)
        reports = ReportService(db, settings, zone)
        turnover = TurnoverService(db, settings, zone)
        zreports = ZReportService(db, settings, zone)
        catalogue = CatalogueService(db, settings)
        return cls(
            db=db,
            settings=settings,
            catalogue=catalogue,
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
            backups=BackupService(db, settings),
            reports=reports,
            turnover=turnover,
            zreports=zreports,
            report_files=ReportFileService(db, settings, reports, printer, turnover, zreports),
            bundles=BundleService(db, settings, zone),
            payment_confirmation=PaymentConfirmationService(db),
            consignment=ConsignmentService(db, settings),
            labels=LabelService(db, settings, catalogue),
            access=access,
            users=UsersService(db, access),
            shifts=ShiftService(db, settings, printer),
            events=EventService(db, settings),
            audit=AuditLog(db, access),
        )

    @classmethod
    def open(cls, path: Path, *, zone: tzinfo | None = None) -> Shop:
        """Open (creating or upgrading) the database at ``path``."""
        return cls.over(Database.open(path), zone=zone)

    def check(self) -> list[str]:
        """Every problem in the database; empty when all holds."""
        return check_database(self.db)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

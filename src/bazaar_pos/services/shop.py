"""The shop: one open database and every service over it, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import configure_mappers

from bazaar_pos.domain.periods import local_zone
from bazaar_pos.services.people.access import AccessControl
from bazaar_pos.services.printer.queue import PrintQueue
from bazaar_pos.services.printer.receipts import ReceiptService
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.products.catalogue import CatalogueService
from bazaar_pos.services.safety.backups import BackupService
from bazaar_pos.services.selling.parked_carts import ParkedCartService
from bazaar_pos.services.selling.payment_confirmation import PaymentConfirmationService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.shifts.events import EventService
from bazaar_pos.services.shifts.shifts import ShiftService
from bazaar_pos.store.database import Database

if TYPE_CHECKING:
    from bazaar_pos.services.customers.accounts import AccountService
    from bazaar_pos.services.customers.directory import CustomerService
    from bazaar_pos.services.customers.files import AccountFiles
    from bazaar_pos.services.devices import DeviceService
    from bazaar_pos.services.hub.service import HubService
    from bazaar_pos.services.merging.bundles.service import BundleService
    from bazaar_pos.services.merging.orders.importer import OrderImportService
    from bazaar_pos.services.merging.orders.returns import MarketplaceReturns
    from bazaar_pos.services.merging.sales_import import SalesImportService
    from bazaar_pos.services.merging.settlement import SettlementService
    from bazaar_pos.services.orders.service import OrderService
    from bazaar_pos.services.orders.slip import OrderSlips
    from bazaar_pos.services.people.audit_log import AuditLog
    from bazaar_pos.services.people.users import UsersService
    from bazaar_pos.services.printer.repayments import RepaymentReceipts
    from bazaar_pos.services.products.files.service import ProductFileService
    from bazaar_pos.services.products.labels import LabelService
    from bazaar_pos.services.products.scale_codes import ScaleCodes
    from bazaar_pos.services.reports.files import ReportFileService
    from bazaar_pos.services.reports.service import ReportService
    from bazaar_pos.services.reports.turnover import TurnoverService
    from bazaar_pos.services.reports.zreport import ZReportService
    from bazaar_pos.services.selling.checkout import CheckoutService
    from bazaar_pos.services.selling.refunds import RefundService
    from bazaar_pos.services.selling.sales_history import SalesHistoryService
    from bazaar_pos.services.stock.consignment.service import ConsignmentService
    from bazaar_pos.services.stock.service import StockService


@dataclass(frozen=True)
class Shop:
    """Everything the GUI and the CLI need to work on one shop database.

    The services the till and the sign-in read as they show are built with the
    shop. The others (the checkout and the stock, built in the warm-up just
    after the till shows; files, history, reports, bundles, consignment,
    labels, the audit log) are built, and their modules loaded, when first
    used, so the till is ready sooner.
    """

    db: Database
    zone: tzinfo
    """The local clock that reports follow."""
    settings: SettingsService
    access: AccessControl
    catalogue: CatalogueService
    printer: PrinterService
    receipts: ReceiptService
    print_queue: PrintQueue
    parked_carts: ParkedCartService
    payment_confirmation: PaymentConfirmationService
    backups: BackupService
    shifts: ShiftService
    events: EventService

    @classmethod
    def over(cls, db: Database, *, zone: tzinfo | None = None) -> Shop:
        """Build the services over an open database and give it a till identity.

        Reports follow the local clock of ``zone`` (default: this computer's).
        Every service asks the one ``access`` who is signed in and what they may do.
        """
        access = AccessControl(db)
        settings = SettingsService(db, access)
        settings.ensure_till_identity()
        printer = PrinterService(db, access)
        receipts = ReceiptService(db, settings, printer)
        zone = zone or local_zone()
        return cls(
            db=db,
            zone=zone,
            settings=settings,
            access=access,
            catalogue=CatalogueService(db, settings),
            printer=printer,
            receipts=receipts,
            print_queue=PrintQueue(db, receipts, printer),
            parked_carts=ParkedCartService(db, settings),
            payment_confirmation=PaymentConfirmationService(db),
            backups=BackupService(db, settings),
            shifts=ShiftService(db, settings, printer, zone),
            events=EventService(db, settings),
        )

    @classmethod
    def open(cls, path: Path, *, zone: tzinfo | None = None) -> Shop:
        """Open (creating or upgrading) the database at ``path``."""
        return cls.over(Database.open(path), zone=zone)

    # The services built when first used ------------------------------------------

    @cached_property
    def checkout(self) -> CheckoutService:
        """Sales made and paid (built in the warm-up just after the till shows)."""
        from bazaar_pos.services.selling.checkout import CheckoutService

        return CheckoutService(self.db, self.settings, self.zone)

    @cached_property
    def stock(self) -> StockService:
        """Stock counted, received and moved (built in the warm-up)."""
        from bazaar_pos.services.stock.service import StockService

        return StockService(self.db, self.settings)

    @cached_property
    def users(self) -> UsersService:
        """The shop's users and their PINs."""
        from bazaar_pos.services.people.users import UsersService

        return UsersService(self.db, self.access)

    @cached_property
    def product_files(self) -> ProductFileService:
        """Products to and from CSV and XLSX files."""
        from bazaar_pos.services.products.files.service import ProductFileService

        return ProductFileService(self.db, self.settings)

    @cached_property
    def scale_codes(self) -> ScaleCodes:
        """Label-scale barcodes read against the catalogue."""
        from bazaar_pos.services.products.scale_codes import ScaleCodes

        return ScaleCodes(self.db, self.settings)

    @cached_property
    def sales_import(self) -> SalesImportService:
        """Sales read from files."""
        from bazaar_pos.services.merging.sales_import import SalesImportService

        return SalesImportService(
            self.db, self.settings, self.checkout, self.zone, self.customers
        )

    @cached_property
    def order_import(self) -> OrderImportService:
        """Orders from the marketplaces' own export files."""
        from bazaar_pos.services.merging.orders.importer import OrderImportService

        return OrderImportService(self.db, self.settings, self.checkout, self.refunds, self.zone)

    @cached_property
    def settlement(self) -> SettlementService:
        """QRIS settlement reports matched against the till's QRIS payments."""
        from bazaar_pos.services.column_presets import ColumnPresets
        from bazaar_pos.services.merging.settlement import SettlementService

        return SettlementService(self.payment_confirmation, ColumnPresets(self.db, {}), self.zone)

    @cached_property
    def marketplace_returns(self) -> MarketplaceReturns:
        """Goods sent back through a marketplace, waiting for the seller to see the parcel."""
        from bazaar_pos.services.merging.orders.returns import MarketplaceReturns

        return MarketplaceReturns(self.db, self.settings, self.refunds)

    @cached_property
    def refunds(self) -> RefundService:
        """Refunds and voids of past sales."""
        from bazaar_pos.services.selling.refunds import RefundService

        return RefundService(self.db, self.settings)

    @cached_property
    def sales_history(self) -> SalesHistoryService:
        """Past sales, found and read."""
        from bazaar_pos.services.selling.sales_history import SalesHistoryService

        return SalesHistoryService(self.db, self.settings)

    @cached_property
    def reports(self) -> ReportService:
        """Sales summaries over a period."""
        from bazaar_pos.services.reports.service import ReportService

        return ReportService(self.db, self.settings, self.zone)

    @cached_property
    def turnover(self) -> TurnoverService:
        """Turnover by month over a year."""
        from bazaar_pos.services.reports.turnover import TurnoverService

        return TurnoverService(self.db, self.settings, self.zone)

    @cached_property
    def zreports(self) -> ZReportService:
        """The day's Z reports."""
        from bazaar_pos.services.reports.zreport import ZReportService

        return ZReportService(self.db, self.settings, self.zone)

    @cached_property
    def report_files(self) -> ReportFileService:
        """Reports written to PDF, CSV and XLSX files."""
        from bazaar_pos.services.reports.files import ReportFileService

        return ReportFileService(
            self.db, self.settings, self.reports, self.printer, self.turnover, self.zreports
        )

    @cached_property
    def bundles(self) -> BundleService:
        """Till bundles: exported here, merged from other tills."""
        from bazaar_pos.services.merging.bundles.service import BundleService

        return BundleService(self.db, self.settings, self.zone)

    @cached_property
    def hub(self) -> HubService:
        """Syncing with the shop hub (PostgreSQL)."""
        from bazaar_pos.services.hub.service import HubService

        return HubService(self.db, self.settings)

    @cached_property
    def consignment(self) -> ConsignmentService:
        """Goods consigned by makers, and their settlements."""
        from bazaar_pos.services.stock.consignment.service import ConsignmentService

        return ConsignmentService(self.db, self.settings)

    @cached_property
    def customers(self) -> CustomerService:
        """Customers and their groups with member prices."""
        from bazaar_pos.services.customers.directory import CustomerService

        return CustomerService(self.db, self.settings, self.access)

    @cached_property
    def accounts(self) -> AccountService:
        """Kasbon: what customers owe, repayments and write-offs."""
        from bazaar_pos.services.customers.accounts import AccountService

        return AccountService(self.db, self.settings, self.access, self.zone)

    @cached_property
    def account_files(self) -> AccountFiles:
        """Kasbon statements and the receivables, written to files."""
        from bazaar_pos.services.customers.files import AccountFiles

        return AccountFiles(self.accounts, self.settings, self.access, self.zone)

    @cached_property
    def orders(self) -> OrderService:
        """Pre-orders (pesanan): down payments, pickups, cancellations."""
        from bazaar_pos.services.orders.service import OrderService

        return OrderService(self.db, self.settings, self.access, self.checkout)

    @cached_property
    def order_slips(self) -> OrderSlips:
        """The slips of pre-orders: printed and as PDF."""
        from bazaar_pos.services.orders.slip import OrderSlips

        return OrderSlips(self.orders, self.settings, self.printer, self.zone)

    @cached_property
    def repayment_receipts(self) -> RepaymentReceipts:
        """Receipts of kasbon paid back."""
        from bazaar_pos.services.printer.repayments import RepaymentReceipts

        return RepaymentReceipts(self.db, self.settings, self.printer, self.zone)

    @cached_property
    def labels(self) -> LabelService:
        """Barcode labels for products."""
        from bazaar_pos.services.products.labels import LabelService

        return LabelService(self.db, self.settings, self.catalogue)

    @cached_property
    def devices(self) -> DeviceService:
        """The counter scale, the pole display and the customer screen."""
        from bazaar_pos.services.devices import DeviceService

        return DeviceService(self.db, self.access)

    @cached_property
    def audit(self) -> AuditLog:
        """The audit log, read."""
        from bazaar_pos.services.people.audit_log import AuditLog

        return AuditLog(self.db, self.access)

    def check(self) -> list[str]:
        """Every problem in the database; empty when all holds."""
        from bazaar_pos.services.safety.check import check_database

        return check_database(self.db)

    def warm_up(self) -> None:
        """Set up the ORM's mappers and the selling services now, once the till shows.

        What the till reads as it starts is read without the ORM, so this is the
        first time the mappers are needed; the checkout and the stock are first
        needed at the first scan or sale, which should not wait for them.
        """
        configure_mappers()
        _ = self.checkout, self.stock

    def close(self) -> None:
        """Close the database."""
        self.db.close()

"""Repayment receipts: kasbon paid back, read from the ledger, printed, shown or saved as PDF."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from sqlalchemy import func, select

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.receipt import ShopHeader
from bazaar_pos.domain.receipt_layout import LaidLine
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.domain.repayment_receipt import RepaymentReceipt, layout_repayment
from bazaar_pos.errors import NotFoundError
from bazaar_pos.i18n import _
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import AccountEntry, Customer


def receipt_number(entry_uuid: str) -> str:
    """A repayment's short number on its receipt, from its UUID (``R-1A2B3C4D``)."""
    return "R-" + entry_uuid.replace("-", "")[:8].upper()


class RepaymentReceipts:
    """The receipt of any stored repayment, by the entry's UUID, laid out and printed."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        printer: PrinterService,
        local_zone: tzinfo | None = None,
    ) -> None:
        """Read repayments from ``db``; times are shown in ``local_zone``."""
        self._db = db
        self._settings = settings
        self._printer = printer
        self._zone = local_zone

    def for_entry(self, entry_uuid: str) -> RepaymentReceipt:
        """The receipt of the repayment ``entry_uuid``; NotFoundError if there is none."""
        shop = self._settings.load()
        printer = self._printer.settings()
        with self._db.reading() as session:
            entry = session.scalar(select(AccountEntry).where(AccountEntry.uuid == entry_uuid))
            if entry is None or entry.kind != EntryKind.REPAYMENT.value:
                raise NotFoundError(_("There is no repayment {ref}.").format(ref=entry_uuid))
            customer = session.get(Customer, entry.customer_id)
            assert customer is not None  # entries point at stored customers
            earlier = (AccountEntry.created_at < entry.created_at) | (
                (AccountEntry.created_at == entry.created_at) & (AccountEntry.id < entry.id)
            )
            before = session.scalar(
                select(func.coalesce(func.sum(AccountEntry.amount_minor), 0)).where(
                    AccountEntry.customer_id == entry.customer_id, earlier
                )
            )
            return RepaymentReceipt(
                shop=ShopHeader(shop.shop_name, shop.address, shop.phone),
                number=receipt_number(entry.uuid),
                paid_at=entry.created_at.astimezone(self._zone),
                cashier=entry.recorded_by,
                customer=customer.name,
                phone=display_phone(customer.phone),
                currency=currency(shop.currency_code),
                amount=-entry.amount_minor,
                method=PaymentMethod(entry.method),
                reference=entry.reference,
                owed_before=int(before or 0),
                money_locale=shop.money_locale,
                footer=_("Thank you!") if printer.footer is None else printer.footer,
            )

    def lines(self, receipt: RepaymentReceipt, columns: int | None = None) -> tuple[LaidLine, ...]:
        """The receipt laid out for the printer's paper (or ``columns`` characters)."""
        return layout_repayment(receipt, columns or self._printer.settings().columns)

    def print(self, entry_uuid: str) -> None:
        """Print the repayment's receipt; slow: not on the GUI thread."""
        self._printer.print_lines(self.lines(self.for_entry(entry_uuid)))

    def write_pdf(self, receipt: RepaymentReceipt, path: Path) -> Path:
        """Write the receipt as a PDF laid out as the printer prints it."""
        from bazaar_pos.exports.receipt_pdf import write_lines_pdf  # ReportLab, when needed

        settings = self._printer.settings()
        return write_lines_pdf(
            self.lines(receipt, settings.columns),
            path,
            settings.paper_mm,
            settings.columns,
            title=_("Repayment {number}").format(number=receipt.number),
            author=receipt.shop.name,
        )

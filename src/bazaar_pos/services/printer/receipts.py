"""Receipts built from stored sales: as data, as text lines and as a PDF."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bazaar_pos.domain.money import Currency, currency, format_money
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.qris import QrisError, merchant_of, with_amount
from bazaar_pos.domain.quantity import priced_amount, unit_of, whole
from bazaar_pos.domain.receipt import Receipt, ReceiptItem, ReceiptPayment, ShopHeader
from bazaar_pos.domain.receipt_layout import LaidLine, layout_receipt
from bazaar_pos.domain.whatsapp_receipt import whatsapp_receipt_text
from bazaar_pos.errors import NotFoundError
from bazaar_pos.i18n import _
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import AccountEntry, AuditEvent, Customer, Sale


class ReceiptService:
    """Builds the receipt of any stored sale, by UUID or number, and renders it."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        printer: PrinterService,
        local_zone: tzinfo | None = None,
    ) -> None:
        """Read sales from ``db``; times are shown in ``local_zone`` (the computer's by default)."""
        self._db = db
        self._settings = settings
        self._printer = printer
        self._zone = local_zone

    def for_sale(self, ref: str) -> Receipt:
        """The receipt of the sale with UUID or number ``ref``; NotFoundError if there is none."""
        with self._db.reading() as session:
            sale = _find_sale(session, ref)
            return replace(self._receipt(sale), **_customer_part(session, sale))

    def for_whatsapp(self, ref: str) -> tuple[str, str]:
        """The phone of the sale's customer ("" when none) and the receipt as a chat message."""
        with self._db.reading() as session:
            sale = _find_sale(session, ref)
            receipt = replace(self._receipt(sale), **_customer_part(session, sale))
            phone = ""
            if sale.customer_id is not None:
                phone = (
                    session.scalar(select(Customer.phone).where(Customer.id == sale.customer_id))
                    or ""
                )
        return phone, whatsapp_receipt_text(receipt)

    def last_sale_ref(self) -> str:
        """The UUID of the most recent sale; NotFoundError when there are no sales yet."""
        with self._db.reading() as session:
            uuid = session.scalar(
                select(Sale.uuid).order_by(Sale.created_at.desc(), Sale.id.desc())
            )
        if uuid is None:
            raise NotFoundError(_("There are no sales yet."))
        return uuid

    def lines(self, receipt: Receipt, columns: int | None = None) -> tuple[LaidLine, ...]:
        """The receipt laid out for the printer's paper (or ``columns`` characters)."""
        return layout_receipt(receipt, columns or self._printer.settings().columns)

    def write_pdf(self, receipt: Receipt, path: Path, paper_mm: int | None = None) -> Path:
        """Write the receipt as a PDF laid out as the printer prints it (or for ``paper_mm``)."""
        from bazaar_pos.exports.receipt_pdf import write_receipt_pdf  # ReportLab, when needed

        if paper_mm:
            return write_receipt_pdf(receipt, path, paper_mm)
        settings = self._printer.settings()
        return write_receipt_pdf(receipt, path, settings.paper_mm, settings.columns)

    def sample(self) -> Receipt:
        """A made-up receipt with the shop's details, to preview the settings."""
        settings = self._settings.load()
        items = (
            ReceiptItem(_("Iced sweet tea"), whole(2), 5_000),
            ReceiptItem(_("Batik tote bag, hand-drawn parang motif"), whole(1), 85_000),
        )
        subtotal = sum(item.amount for item in items)
        return Receipt(
            **self._decoration(),
            number=f"{settings.till_code}-000123",
            sold_at=datetime.now(UTC).astimezone(self._zone),
            cashier=_("Sari"),
            items=items,
            subtotal=subtotal,
            discount=0,
            tax=0,
            tax_inclusive=True,
            total=subtotal,
            rounding=0,
            payments=(ReceiptPayment(PaymentMethod.CASH, 100_000, 100_000 - subtotal),),
        )

    def _receipt(self, sale: Sale) -> Receipt:
        decoration = self._decoration(sale.currency)
        qris_paid = sum(p.amount_minor for p in sale.payments if p.method == PaymentMethod.QRIS)
        if qris_paid:
            decoration.update(self._qris_slot(sale.currency, qris_paid))
        return Receipt(
            **decoration,
            number=sale.number,
            sold_at=sale.created_at.astimezone(self._zone),
            cashier=sale.cashier,
            items=tuple(
                ReceiptItem(
                    line.name,
                    line.quantity_milli,
                    line.unit_price_minor,
                    unit_of(line.unit),
                    priced_amount(
                        line.quantity_milli,
                        line.unit_price_minor,
                        line.line_total_minor + line.discount_minor,
                    ),
                )
                for line in sale.lines
            ),
            subtotal=sale.subtotal_minor,
            discount=sale.discount_minor,
            tax=sale.tax_minor,
            tax_inclusive=sale.tax_inclusive,
            total=sale.total_minor,
            rounding=sale.rounding_minor,
            payments=tuple(
                ReceiptPayment(PaymentMethod(p.method), p.tendered_minor, p.change_minor)
                for p in sale.payments
            ),
        )

    def _qris_slot(self, currency_code: str, amount: int) -> _QrSlot:
        """The shop's QRIS carrying ``amount`` for the QR slot, when the printer settings ask."""
        shop = self._settings.load()
        if not (self._printer.settings().qris_on_receipt and shop.qris_payload):
            return _QrSlot()
        if currency_code != "IDR":
            return _QrSlot()
        try:
            qris = with_amount(shop.qris_payload, amount)
        except QrisError:
            return _QrSlot()
        paid = format_money(amount, currency(currency_code), shop.money_locale)
        caption = _("QRIS {name} {amount}").format(name=merchant_of(qris).name, amount=paid)
        return _QrSlot(qr_data=qris, qr_caption=caption)

    def _decoration(self, currency_code: str | None = None) -> _Decoration:
        """The parts of a receipt that come from the settings, not from the sale."""
        shop = self._settings.load()
        printer = self._printer.settings()
        return _Decoration(
            shop=ShopHeader(shop.shop_name, shop.address, shop.phone, printer.social),
            currency=currency(currency_code or shop.currency_code),
            money_locale=shop.money_locale,
            footer=_("Thank you for shopping with us!")
            if printer.footer is None
            else printer.footer,
            qr_data=printer.qr_data,
            logo_path=printer.logo_path,
        )


class _QrSlot(TypedDict, total=False):
    """What the receipt's QR slot shows instead of the printer settings' link."""

    qr_data: str
    qr_caption: str


class _Decoration(_QrSlot):
    """The receipt fields that come from the settings, not from the sale."""

    shop: ShopHeader
    currency: Currency
    money_locale: str
    footer: str
    logo_path: str


class _CustomerPart(TypedDict, total=False):
    """What a receipt says of the sale's customer."""

    customer: str
    member_group: str
    member_saving: int
    kasbon_due: date | None


def _customer_part(session: Session, sale: Sale) -> _CustomerPart:
    """The sale's customer's name, the group prices and saving it had, and its kasbon due date.

    The group and saving are read from the sale's audit event, as they were at the sale.
    """
    if sale.customer_id is None:
        return _CustomerPart()
    name = session.scalar(select(Customer.name).where(Customer.id == sale.customer_id)) or ""
    stored = session.scalar(
        select(AuditEvent.details).where(
            AuditEvent.action == "sale.completed", AuditEvent.entity_ref == sale.uuid
        )
    )
    details = json.loads(stored) if stored else {}
    due = session.scalar(
        select(AccountEntry.due_on).where(
            AccountEntry.sale_id == sale.id, AccountEntry.kind == "charge"
        )
    )
    return _CustomerPart(
        customer=name,
        member_group=str(details.get("customer_group", "")),
        member_saving=int(details.get("member_saving", 0)),
        kasbon_due=due,
    )


def _find_sale(session: Session, ref: str) -> Sale:
    ref = ref.strip()
    query = select(Sale).options(selectinload(Sale.lines), selectinload(Sale.payments))
    sale = session.scalar(query.where(Sale.uuid == ref.lower()))
    if sale is None:
        sale = session.scalar(
            query.where(Sale.number == ref.upper()).order_by(Sale.created_at.desc()).limit(1)
        )
    if sale is None:
        raise NotFoundError(_("There is no sale {ref}.").format(ref=ref))
    return sale

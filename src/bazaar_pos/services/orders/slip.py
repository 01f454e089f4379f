"""The order slip (tanda terima DP) of a stored order: as data, printed, or as a PDF."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.order_slip import OrderSlip, SlipLine, SlipPayment, layout_order_slip
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.receipt import ShopHeader
from bazaar_pos.domain.receipt_layout import PAPER_COLUMNS, LaidLine
from bazaar_pos.i18n import _
from bazaar_pos.services.orders.service import OrderService
from bazaar_pos.services.orders.views import OrderStatus, OrderView, PaymentKind
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.settings import SettingsService


class OrderSlips:
    """Builds, prints and saves the slip a customer takes home with their order."""

    def __init__(
        self,
        orders: OrderService,
        settings: SettingsService,
        printer: PrinterService,
        zone: tzinfo | None = None,
    ) -> None:
        """Slips of ``orders``' orders; times in ``zone`` (the computer's by default)."""
        self._orders = orders
        self._settings = settings
        self._printer = printer
        self._zone = zone

    def slip(self, order_id: int) -> OrderSlip:
        """The slip of the stored order as it stands now."""
        return self.of(self._orders.get(order_id))

    def of(self, order: OrderView) -> OrderSlip:
        """The slip of ``order``."""
        shop = self._settings.load()
        printer = self._printer.settings()
        status = "" if order.status.waiting else order.status.label
        if order.status is OrderStatus.CANCELLED and order.deposit_outcome:
            status = (
                _("Cancelled, DP refunded")
                if order.deposit_outcome == "refunded"
                else _("Cancelled, DP kept")
            )
        return OrderSlip(
            shop=ShopHeader(shop.shop_name, shop.address, shop.phone, printer.social),
            number=order.number,
            ordered_at=order.created_at.astimezone(self._zone),
            customer=order.customer_name,
            phone=display_phone(order.customer_phone) if order.customer_phone else "",
            pickup_on=order.pickup_on,
            lines=tuple(
                SlipLine(line.name, line.quantity_milli, line.unit, line.unit_price, line.total)
                for line in order.lines
            ),
            total=order.total,
            deposits=tuple(
                SlipPayment(p.created_at.astimezone(self._zone), p.method, p.amount)
                for p in order.payments
                if p.kind is PaymentKind.DEPOSIT
            ),
            currency=currency(shop.currency_code),
            money_locale=shop.money_locale,
            note=order.note,
            status=status,
            logo_path=printer.logo_path,
        )

    def lines(self, slip: OrderSlip, columns: int | None = None) -> tuple[LaidLine, ...]:
        """The slip laid out for the printer's paper (or ``columns`` characters)."""
        return layout_order_slip(slip, columns or self._printer.settings().columns)

    def print_slip(self, order_id: int) -> None:
        """Print the order's slip; slow (not on the GUI thread), PrinterError when it cannot."""
        self._printer.print_lines(self.lines(self.slip(order_id)))

    def write_pdf(self, order_id: int, path: Path, paper_mm: int | None = None) -> Path:
        """Write the slip as a PDF laid out as the printer prints it (or for ``paper_mm``)."""
        from bazaar_pos.exports.receipt_pdf import write_lines_pdf  # ReportLab, when needed

        slip = self.slip(order_id)
        settings = self._printer.settings()
        paper = paper_mm or settings.paper_mm
        columns = settings.columns if paper == settings.paper_mm else PAPER_COLUMNS[paper]
        return write_lines_pdf(
            layout_order_slip(slip, columns),
            path,
            paper,
            columns,
            title=_("Order {number}").format(number=slip.number),
            author=slip.shop.name,
        )

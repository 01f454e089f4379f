"""The "nota titip jual": a settlement or statement as a PDF slip for the maker."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from babel.dates import format_date, format_datetime

from bazaar_pos.domain.money import format_money
from bazaar_pos.domain.quantity import format_quantity
from bazaar_pos.i18n import _
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.services.stock.consignment.views import SettlementView


def write_slip(settlement: SettlementView, shop: ShopSettings, path: Path) -> Path:
    """Write the slip listing what sold, the commission and what the maker is owed."""
    from bazaar_pos.exports.statement_pdf import Statement, write_statement  # ReportLab

    cur, locale = shop.currency, shop.money_locale

    def money(minor: int) -> str:
        return format_money(minor, cur, locale)

    def day(moment: datetime) -> str:
        return format_date(moment.astimezone(), "medium", locale=locale)

    last_day = settlement.period_end - timedelta(microseconds=1)
    details = [
        (_("Consignor"), settlement.consignor.name),
        (_("Phone"), settlement.consignor.phone or "-"),
        (_("Period"), f"{day(settlement.period_start)} – {day(last_day)}"),
    ]
    if settlement.settled and settlement.created_at is not None:
        details.insert(0, (_("Number"), settlement.number))
        details.append(
            (
                _("Settled on"),
                format_datetime(settlement.created_at.astimezone(), "medium", locale=locale),
            )
        )
    if settlement.note:
        details.append((_("Note"), settlement.note))
    statement = Statement(
        title=_("Consignment slip"),
        subtitle=_("Nota titip jual")
        if settlement.settled
        else _("Nota titip jual — statement, not settled yet"),
        shop_lines=[line for line in (shop.shop_name, shop.address, shop.phone) if line],
        details=details,
        columns=[
            _("Date"),
            _("Sale"),
            _("Item"),
            _("Qty"),
            _("Sold for"),
            _("Commission"),
            _("Owed"),
        ],
        numeric_columns=frozenset({3, 4, 5, 6}),
        rows=[
            [
                day(line.sold_at),
                line.sale_number,
                f"{line.name} ({line.sku})",
                format_quantity(line.quantity_milli, line.unit, locale),
                money(line.amount),
                money(line.commission),
                money(line.owed),
            ]
            for line in settlement.lines
        ],
        empty_text=_("Nothing sold in this period."),
        totals=[
            (_("Items sold"), str(settlement.items)),
            (_("Sold for"), money(settlement.sales)),
            (_("Shop's commission"), money(settlement.commission)),
            (_("Owed to the maker"), money(settlement.owed)),
        ],
        signatures=[_("Received by (maker)"), _("Paid by (shop)")],
        footer=_("Printed by Bazaar POS."),
    )
    return write_statement(path, statement)

"""The sales summary PDF for a cooperative, a bank or a partner: figures, charts, tables."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from bazaar_pos import __version__
from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.report import Amounts, BreakdownRow, Dimension, SalesReport, ratio
from bazaar_pos.domain.turnover import EXEMPT_PER_YEAR_IDR, SCHEME_CAP_IDR, TurnoverYear
from bazaar_pos.exports.pdf_parts import (
    Column,
    PageFrame,
    bar_chart,
    build_pdf,
    column_chart,
    data_table,
    figure_grid,
    labelled,
    text,
)
from bazaar_pos.exports.receivables_pdf import Receivables, receivables_section
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.progress import Progress

TOP_PRODUCTS = 15
ROOM_FOR_A_TABLE = 55 * mm
"""Below this much room a section starts on the next page; with more, its table begins here
and continues overleaf under its repeated header, so no page is left half empty."""


def _flowing(heading: str, *parts: Flowable) -> list[Flowable]:
    """A section whose table may continue on the next page: never a lone heading, no big gap."""
    title = text(heading, "h2")
    title.keepWithNext = False  # a table kept with its heading would jump whole to a new page
    return [CondPageBreak(ROOM_FOR_A_TABLE), title, *parts]


def write_sales_summary(
    path: Path,
    report: SalesReport,
    turnover: TurnoverYear | None,
    language: str,
    receivables: Receivables | None = None,
    *,
    progress: Progress | None = None,
) -> int:
    """Write the summary of ``report`` (the year's UMKM turnover, kasbon owed) to ``path``.

    Returns the page count. ``progress`` hears each page laid out; a cancel
    leaves no file.
    """
    fmt = Formats(report.shop, language)
    period = fmt.period(report.period)
    generated = fmt.datetime(report.generated_at)
    frame = PageFrame(
        header_left=report.shop.name,
        header_right=_("Sales summary · {period}").format(period=period),
        footer_left=_("Generated {moment} ({zone}) by Bazaar POS {version}").format(
            moment=generated, zone=report.zone, version=__version__
        ),
        page_of=lambda page, total: _("Page {page} of {total}").format(page=page, total=total),
    )
    story = _heading(report, fmt, period, generated)
    story += _key_figures(report, fmt)
    if report.figures.lines.sales:
        story += _day_chart(report, fmt)
        story += _payments(report, fmt)
        story += _products(report, fmt)
        story += _categories(report, fmt)
        story += _by_hour(report, fmt)
        story += _people_and_places(report, fmt)
        story += _day_table(report, fmt)
    else:
        story += [Spacer(1, 4 * mm), text(_("No sales in this period."), "subtitle")]
    if turnover is not None:
        story += turnover_section(turnover, fmt)
    if receivables is not None:
        story += receivables_section(receivables, fmt)
    story += _notes(report)
    title = _("Sales summary {period}").format(period=period)
    return build_pdf(path, story, frame, title=title, author=report.shop.name, progress=progress)


def _heading(report: SalesReport, fmt: Formats, period: str, generated: str) -> list[Flowable]:
    contact = " · ".join(part for part in (report.shop.address, report.shop.phone) if part)
    story: list[Flowable] = [text(report.shop.name, "shop")]
    if contact:
        story.append(text(contact, "address"))
    story += [
        text(_("Sales summary"), "title"),
        text(_("Period: {period}").format(period=period), "subtitle"),
        text(
            _("Generated {moment}. Times are local ({zone}).").format(
                moment=generated, zone=report.zone
            ),
            "note",
        ),
        Spacer(1, 5 * mm),
    ]
    return story


def _key_figures(report: SalesReport, fmt: Formats) -> list[Flowable]:
    f = report.figures
    figures = [
        (_("Gross sales"), fmt.money(f.gross)),
        (_("Discounts"), fmt.money(f.discounts)),
        (_("Refunds"), fmt.money(f.refunded)),
        (_("Net sales"), fmt.money(f.net)),
        (_("Tax"), fmt.money(f.tax)),
        (_("Number of sales"), fmt.count(f.sale_count)),
        (_("Average sale"), fmt.money(f.average_sale)),
        (_("Items sold"), fmt.count(f.items)),
        (_("Cost of goods"), fmt.money(f.cost)),
        (_("Gross profit"), fmt.money(f.profit)),
        (_("Margin"), fmt.percent(f.margin)),
        (_("Payments received"), fmt.money(f.collected)),
    ]
    return [text(_("Key figures"), "h2"), figure_grid(figures)]


def _share(part: int, whole: int, fmt: Formats) -> str:
    return fmt.percent(ratio(part, whole))


def _sale_rows(rows: Sequence[BreakdownRow], fmt: Formats, total: int) -> list[list[str]]:
    return [
        [
            row.label,
            fmt.count(row.amounts.sales),
            fmt.money(row.amounts.net),
            fmt.money(_average(row.amounts)),
            _share(row.amounts.net, total, fmt),
        ]
        for row in rows
    ]


def _average(amounts: Amounts) -> int:
    return round_half_up(Fraction(amounts.net, amounts.sales)) if amounts.sales else 0


def _day_chart(report: SalesReport, fmt: Formats) -> list[Flowable]:
    days = report.rows(Dimension.DAY)
    if len(days) < 2:
        return []
    chart = column_chart(
        [row.key[-2:].lstrip("0") for row in days],
        [row.amounts.net for row in days],
        fmt.compact,
        caption=_("Net sales per day"),
    )
    return [text(_("Sales by day"), "h2"), chart]


def _day_table(report: SalesReport, fmt: Formats) -> list[Flowable]:
    days = report.rows(Dimension.DAY)
    trading = [row for row in days if row.amounts.sales or row.amounts.net or row.amounts.refunds]
    columns = [
        Column(_("Day"), 2.2, numeric=False),
        Column(_("Sales"), 1),
        Column(_("Gross sales"), 1.6),
        Column(_("Discounts"), 1.4),
        Column(_("Refunds"), 1.4),
        Column(_("Net sales"), 1.6),
        Column(_("Average sale"), 1.6),
    ]
    rows = [
        [
            row.label,
            fmt.count(row.amounts.sales),
            fmt.money(row.amounts.gross),
            fmt.money(row.amounts.discount),
            fmt.money(row.amounts.refunds),
            fmt.money(row.amounts.net),
            fmt.money(_average(row.amounts)),
        ]
        for row in trading
    ]
    total = sum((row.amounts for row in days), Amounts())
    totals = [
        _("Total"),
        fmt.count(total.sales),
        fmt.money(total.gross),
        fmt.money(total.discount),
        fmt.money(total.refunds),
        fmt.money(total.net),
        fmt.money(_average(total)),
    ]
    story: list[Flowable] = [
        text(_("Sales day by day"), "h2"),
        data_table(columns, rows, totals),
    ]
    quiet = len(days) - len(trading)
    if quiet:
        story.append(
            text(
                ngettext(
                    "{count} day without sales is not listed.",
                    "{count} days without sales are not listed.",
                    quiet,
                ).format(count=quiet),
                "note",
            )
        )
    return story


def _payments(report: SalesReport, fmt: Formats) -> list[Flowable]:
    total = sum(p.kept for p in report.payments)
    columns = [
        Column(_("Payment method"), 2.4, numeric=False),
        Column(_("Sales"), 1),
        Column(_("Received"), 1.6),
        Column(_("Paid back"), 1.6),
        Column(_("Net received"), 1.6),
        Column(_("Share"), 1),
    ]
    rows = [
        [
            p.label,
            fmt.count(p.sales),
            fmt.money(p.amount),
            fmt.money(p.paid_back),
            fmt.money(p.kept),
            _share(p.kept, total, fmt),
        ]
        for p in report.payments
    ]
    totals = [
        _("Total"),
        "",
        fmt.money(sum(p.amount for p in report.payments)),
        fmt.money(sum(p.paid_back for p in report.payments)),
        fmt.money(total),
        _share(total, total, fmt),
    ]
    chart = bar_chart(
        [p.label for p in report.payments], [p.kept for p in report.payments], fmt.compact
    )
    return [
        KeepTogether(
            [
                text(_("Payment methods"), "h2"),
                data_table(columns, rows, totals),
                Spacer(1, 2 * mm),
                chart,
            ]
        )
    ]


def _product_columns(first: str) -> list[Column]:
    return [
        Column(first, 3.6, numeric=False),
        Column(_("Items"), 0.9),
        Column(_("Refunds"), 1.4),
        Column(_("Net sales"), 1.6),
        Column(_("Cost"), 1.5),
        Column(_("Gross profit"), 1.6),
        Column(_("Margin"), 1),
        Column(_("Share"), 1),
    ]


def _product_row(
    label: str | Flowable, amounts: Amounts, total: int, fmt: Formats, sold: str = ""
) -> list[str | Flowable]:
    return [
        label,
        sold or fmt.count(amounts.items),
        fmt.money(amounts.refunds),
        fmt.money(amounts.net),
        fmt.money(amounts.cost),
        fmt.money(amounts.profit),
        fmt.percent(amounts.margin),
        _share(amounts.net, total, fmt),
    ]


def _products(report: SalesReport, fmt: Formats) -> list[Flowable]:
    products = report.rows(Dimension.PRODUCT)
    total = sum((row.amounts for row in products), Amounts())
    top, rest = products[:TOP_PRODUCTS], products[TOP_PRODUCTS:]
    rows = [
        _product_row(
            labelled(row.label, row.code), row.amounts, total.net, fmt, fmt.items_sold(row)
        )
        for row in top
    ]
    if rest:
        others = sum((row.amounts for row in rest), Amounts())
        label = _("Other products ({count})").format(count=fmt.count(len(rest)))
        rows.append(_product_row(label, others, total.net, fmt))
    totals = _product_row(_("Total"), total, total.net, fmt)
    chart = bar_chart(
        [row.label for row in top[:8]],
        [row.amounts.net for row in top[:8]],
        fmt.compact,
        caption=_("Best sellers by net sales"),
    )
    heading = (
        _("Products (top {count} of {all})").format(count=len(top), all=fmt.count(len(products)))
        if rest
        else _("Products")
    )
    return [
        text(heading, "h2"),
        chart,
        Spacer(1, 3 * mm),
        data_table(_product_columns(_("Product")), rows, totals),
    ]


def _categories(report: SalesReport, fmt: Formats) -> list[Flowable]:
    return _line_level(report.rows(Dimension.CATEGORY), _("Categories"), _("Category"), fmt)


def _line_level(
    rows: Sequence[BreakdownRow], heading: str, first: str, fmt: Formats
) -> list[Flowable]:
    total = sum((row.amounts for row in rows), Amounts())
    body = [_product_row(row.label, row.amounts, total.net, fmt) for row in rows]
    totals = _product_row(_("Total"), total, total.net, fmt)
    return _flowing(heading, data_table(_product_columns(first), body, totals))


def _by_hour(report: SalesReport, fmt: Formats) -> list[Flowable]:
    hours = {int(row.key): row for row in report.rows(Dimension.HOUR)}
    if not hours:
        return []
    span = range(min(hours), max(hours) + 1)
    chart = column_chart(
        [f"{hour:02d}" for hour in span],
        [hours[h].amounts.net if h in hours else 0 for h in span],
        fmt.compact,
        height=45 * mm,
        caption=_("Net sales by hour of day"),
    )
    rows = report.rows(Dimension.HOUR)
    total = sum((row.amounts for row in rows), Amounts())
    return [
        KeepTogether([text(_("Sales by hour of day"), "h2"), chart]),
        Spacer(1, 3 * mm),
        _sale_table(rows, _("Hour"), total, fmt),
    ]


def _sale_table(rows: Sequence[BreakdownRow], first: str, total: Amounts, fmt: Formats) -> Flowable:
    columns = [
        Column(first, 3, numeric=False),
        Column(_("Sales"), 1),
        Column(_("Net sales"), 1.6),
        Column(_("Average sale"), 1.6),
        Column(_("Share"), 1),
    ]
    totals = [
        _("Total"),
        fmt.count(total.sales),
        fmt.money(total.net),
        fmt.money(_average(total)),
        _share(total.net, total.net, fmt),
    ]
    return data_table(columns, _sale_rows(rows, fmt, total.net), totals)


def _people_and_places(report: SalesReport, fmt: Formats) -> list[Flowable]:
    story: list[Flowable] = []
    for dimension, heading, first in (
        (Dimension.TILL, _("Tills"), _("Till")),
        (Dimension.CASHIER, _("Cashiers"), _("Cashier")),
        (Dimension.CHANNEL, _("Sales channels"), _("Channel")),
    ):
        rows = report.rows(dimension)
        total = sum((row.amounts for row in rows), Amounts())
        story.append(KeepTogether([text(heading, "h2"), _sale_table(rows, first, total, fmt)]))
    story += _consignors(report, fmt)
    return story


def _consignors(report: SalesReport, fmt: Formats) -> list[Flowable]:
    """Each maker's goods sold: items, money, the shop's commission and what the maker is owed."""
    rows = report.rows(Dimension.CONSIGNOR)
    total = sum((row.amounts for row in rows), Amounts())
    columns = [
        Column(_("Consignor"), 3.6, numeric=False),
        Column(_("Items"), 0.9),
        Column(_("Refunds"), 1.4),
        Column(_("Net sales"), 1.6),
        Column(_("Shop's earnings"), 1.6),
        Column(_("Owed to consignor"), 1.7),
        Column(_("Share"), 1),
    ]

    def cells(label: str, amounts: Amounts, owed: bool) -> list[str | Flowable]:
        return [
            label,
            fmt.count(amounts.items),
            fmt.money(amounts.refunds),
            fmt.money(amounts.net),
            fmt.money(amounts.profit),
            fmt.money(amounts.consigned) if owed else "",
            _share(amounts.net, total.net, fmt),
        ]

    body = [cells(row.label, row.amounts, row.key != "") for row in rows]
    totals = cells(_("Total"), total, True)
    note = text(
        _(
            "For consigned goods the shop's earnings are its commission; the rest is owed "
            "to the maker. For the shop's own goods they are the gross profit."
        ),
        "note",
    )
    return [KeepTogether([text(_("Consignors"), "h2"), data_table(columns, body, totals), note])]


def turnover_section(turnover: TurnoverYear, fmt: Formats) -> list[Flowable]:
    """The UMKM turnover table with the PP 55/2022 thresholds, for any PDF."""
    columns = [
        Column(_("Month"), 1.6, numeric=False),
        Column(_("Gross sales"), 1.7),
        Column(_("Discounts"), 1.4),
        Column(_("Refunds"), 1.3),
        Column(_("Gross turnover"), 1.7),
        Column(_("Year to date"), 1.8),
        Column(_("Est. 0.5% (individual)"), 1.7),
        Column(_("Est. 0.5% (business)"), 1.7),
    ]
    estimates = turnover.estimates()
    rows = [
        [
            fmt.month_name(turnover.year, e.month.month),
            fmt.money(e.month.gross),
            fmt.money(e.month.discounts),
            fmt.money(e.month.refunds),
            fmt.money(e.month.turnover),
            fmt.money(e.year_to_date),
            fmt.money(e.tax_individual),
            fmt.money(e.tax_business),
        ]
        for e in estimates
    ]
    totals = [
        _("Total"),
        fmt.money(sum(e.month.gross for e in estimates)),
        fmt.money(sum(e.month.discounts for e in estimates)),
        fmt.money(sum(e.month.refunds for e in estimates)),
        fmt.money(turnover.total),
        "",
        fmt.money(sum(e.tax_individual for e in estimates)),
        fmt.money(sum(e.tax_business for e in estimates)),
    ]
    heading = _("UMKM turnover {year} (PP 55/2022 final tax)").format(year=turnover.year)
    story: list[Flowable] = [
        text(
            _("Gross turnover from 1 January to {day}: {amount}").format(
                day=fmt.date(turnover.through), amount=fmt.money(turnover.total)
            ),
            "body",
        ),
    ]
    if turnover.thresholds_apply:
        story += [
            text(
                _("Individual exemption of {limit}: {used} used, {left} left this year.").format(
                    limit=fmt.money(EXEMPT_PER_YEAR_IDR),
                    used=fmt.percent(turnover.exempt_used),
                    left=fmt.money(turnover.exempt_left),
                ),
                "body",
            ),
            text(
                _("Scheme limit of {limit} a year: {used} reached.").format(
                    limit=fmt.money(SCHEME_CAP_IDR), used=fmt.percent(turnover.cap_used)
                ),
                "body",
            ),
        ]
        if turnover.over_cap:
            story.append(
                text(
                    _(
                        "Turnover is above the scheme limit: from next year the 0.5% final "
                        "tax no longer applies. Talk to your tax adviser."
                    ),
                    "body",
                )
            )
    return [
        *_flowing(heading, *story),
        Spacer(1, 2 * mm),
        data_table(columns, rows, totals),
        _turnover_note(),
    ]


def _turnover_note() -> Flowable:
    return text(
        _(
            "Gross turnover is sales before discounts, less refunds, from every till and "
            "channel in this database. The 0.5% figures are estimates to discuss with your "
            "accountant, not a tax assessment: individuals pay nothing on the first "
            "Rp500.000.000 of a year; businesses pay on all of it."
        ),
        "note",
    )


def _notes(report: SalesReport) -> list[Flowable]:
    lines = [
        _("Gross sales are quantities times prices before discounts."),
        _("Net sales are gross sales less discounts and refunds; they include tax when prices do."),
        _(
            "Gross profit is net sales without tax less the cost of goods, taken from each "
            "product's cost when it was sold."
        ),
        _("Payments received include cash rounding, less the money paid back."),
        _(
            "A refund or a void counts in the period, day, hour, till and cashier where the "
            "money went back, and under the product, category and consignor of the line."
        ),
        _(
            "Consigned goods count under the maker they belonged to when sold; their cost "
            "is what the maker is owed, so their gross profit is the shop's commission."
        ),
    ]
    if not (report.figures.refunds.count or report.figures.voids.count):
        lines.append(_("No refunds or voided sales were recorded in this period."))
    notes: list[Flowable] = [text(_("How these figures are counted"), "h2")]
    return notes + [text(line, "note") for line in lines]

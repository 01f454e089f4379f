"""The Z report as a one-page PDF to file with the day's cash."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from bazaar_pos import __version__
from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.money_in import other_label
from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.report import ratio
from bazaar_pos.domain.zreport import ZReport
from bazaar_pos.exports.pdf_parts import (
    ACCENT,
    ACCENT_LIGHT,
    BOLD,
    RULE,
    WIDTH,
    Column,
    PageFrame,
    build_pdf,
    data_table,
    figure_grid,
    text,
)
from bazaar_pos.i18n import _


def write_zreport_pdf(path: Path, z: ZReport, language: str) -> int:
    """Write the Z report to ``path``; return the page count."""
    fmt = Formats(z.shop, language)
    f = z.figures
    day = fmt.date(z.day)
    frame = PageFrame(
        header_left=z.shop.name,
        header_right=_("Z report · {day} · till {till}").format(day=day, till=z.till_code),
        footer_left=_("Printed {moment} by Bazaar POS {version}").format(
            moment=fmt.datetime(z.generated_at), version=__version__
        ),
        page_of=lambda page, total: _("Page {page} of {total}").format(page=page, total=total),
    )
    contact = " · ".join(part for part in (z.shop.address, z.shop.phone) if part)
    story: list[Flowable] = [text(z.shop.name, "shop")]
    if contact:
        story.append(text(contact, "address"))
    story += [
        text(_("Z report"), "title"),
        text(_("{day} · till {till}").format(day=day, till=z.till_code), "subtitle"),
    ]
    if z.first_sale:
        story.append(
            text(_("Sales {first} to {last}").format(first=z.first_sale, last=z.last_sale), "note")
        )
    story += [
        Spacer(1, 4 * mm),
        figure_grid(
            [
                (_("Number of sales"), fmt.count(f.sale_count)),
                (_("Items sold"), fmt.count(f.items)),
                (_("Net sales"), fmt.money(f.net)),
                (_("Cash expected"), fmt.money(z.cash_expected)),
                (_("Tax in the sales"), fmt.money(f.tax)),
                (_("Cash rounding"), fmt.money(f.rounding)),
                (
                    _("Refunds ({count})").format(count=fmt.count(f.refunds.count)),
                    fmt.money(f.refunded),
                ),
                (
                    _("Voided sales ({count})").format(count=fmt.count(f.voids.count)),
                    fmt.money(f.voids.amount),
                ),
            ]
        ),
        text(_("Totals"), "h2"),
        data_table(
            [Column(_("Figure"), 3, numeric=False), Column(_("Amount"), 1.5)],
            [
                [_("Gross sales"), fmt.money(f.gross)],
                [_("Discounts"), fmt.money(-f.discounts)],
                [_("Refunds"), fmt.money(-f.refunded)],
            ],
            [_("Net sales"), fmt.money(f.net)],
        ),
        text(_("Payment split"), "h2"),
    ]
    total = sum(p.amount for p in z.payments)
    story.append(
        data_table(
            [
                Column(_("Payment method"), 2.2, numeric=False),
                Column(_("Sales"), 0.8),
                Column(_("Amount"), 1.5),
                Column(_("Share"), 0.8),
            ],
            [
                [
                    p.label,
                    fmt.count(p.sales),
                    fmt.money(p.amount),
                    fmt.percent(ratio(p.amount, total)),
                ]
                for p in z.payments
            ],
            [_("Total received"), "", fmt.money(f.collected), fmt.percent(ratio(total, total))],
        )
    )
    if z.not_yet_paid:
        story.append(
            text(
                _("Of the total received, {amount} is not yet paid (kasbon).").format(
                    amount=fmt.money(z.not_yet_paid)
                ),
                "note",
            )
        )
    if z.paid_earlier:
        story.append(
            text(
                _("Of the total received, {amount} was paid earlier as down payments.").format(
                    amount=fmt.money(z.paid_earlier)
                ),
                "note",
            )
        )
    if z.other_money:
        story += [
            text(_("Money in besides sales"), "h2"),
            data_table(
                [Column(_("Money"), 3, numeric=False), Column(_("Amount"), 1.5)],
                [
                    [other_label(item, method_label), fmt.money(item.signed)]
                    for item in z.other_money
                ],
            ),
        ]
    story += [
        KeepTogether(
            [text(_("Cash drawer"), "h2"), _cash_table(z, fmt), Spacer(1, 10 * mm), _signatures()]
        ),
    ]
    return build_pdf(
        path, story, frame, title=_("Z report {day}").format(day=day), author=z.shop.name
    )


def _cash_table(z: ZReport, fmt: Formats) -> Table:
    cash = next((p for p in z.payments if p.method == "cash"), None)
    rows = [
        [_("Cash handed over by customers"), fmt.money(cash.tendered if cash else 0)],
        [_("Change given"), fmt.money(-(cash.change if cash else 0))],
        [_("Cash sales"), fmt.money(z.cash_sales)],
        [_("Cash paid out (refunds, voids)"), fmt.money(-z.cash_paid_out)],
    ]
    if z.other_cash:
        rows.append([_("Kasbon repaid and down payments"), fmt.money(z.other_cash)])
    rows += [
        [_("Cash expected in the drawer"), fmt.money(z.cash_expected)],
        [_("Cash counted"), ""],
        [_("Difference"), ""],
    ]
    expected = len(rows) - 3 + 1  # the header row comes first
    table = data_table([Column(_("Cash"), 3, numeric=False), Column(_("Amount"), 1.5)], rows)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, expected), (-1, expected), BOLD, 9),
                ("BACKGROUND", (0, expected), (-1, expected), ACCENT_LIGHT),
                ("LINEABOVE", (0, expected), (-1, expected), 0.9, ACCENT),
                ("LINEBELOW", (1, expected + 1), (1, expected + 2), 0.6, RULE),
            ]
        )
    )
    return table


def _signatures() -> Table:
    line = "_" * 34
    table = Table(
        [[line, line], [_("Counted by"), _("Checked by")]],
        colWidths=[WIDTH / 2] * 2,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8.5), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return table

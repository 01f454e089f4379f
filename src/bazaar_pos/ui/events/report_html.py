"""An event's report as simple HTML for a text browser: the money beside what sold best."""

from __future__ import annotations

from html import escape

from bazaar_pos.domain.quantity import format_quantity
from bazaar_pos.i18n import _
from bazaar_pos.services.shifts.events import EventReport
from bazaar_pos.ui.common.formatting import MoneyText, method_label


def event_report_html(report: EventReport, money: MoneyText, locale: str = "id_ID") -> str:
    """The report of one event, money written with ``money``, quantities as ``locale`` does."""

    def row(label: str, value: str, *, strong: bool = False) -> str:
        cells = f"<td>{escape(label)}</td><td align='right'>{escape(value)}</td>"
        return f"<tr style='font-weight:600'>{cells}</tr>" if strong else f"<tr>{cells}</tr>"

    event = report.event
    rows = [
        row(_("Sales ({count})").format(count=report.sales_count), money(report.sales_total)),
        row(_("Refunds"), money(-report.refunds_total)),
        row(_("Takings"), money(report.takings), strong=True),
    ]
    if report.tax:
        rows.append(row(_("Tax in the takings"), money(-report.tax)))
    rows += [
        row(_("Cost of the goods sold"), money(-report.cost_of_goods)),
        row(_("Booth fee"), money(-event.booth_fee)),
        row(_("Other costs"), money(-event.other_costs)),
        row(
            _("Earned at the event") if report.net >= 0 else _("Lost at the event"),
            money(report.net),
            strong=True,
        ),
    ]
    methods = "".join(row(method_label(m), money(a)) for m, a in report.by_method)
    sellers = "".join(
        f"<tr><td width='32' style='white-space:nowrap'>{position}.</td><td>{escape(b.name)}</td>"
        f"<td align='right'>{escape(format_quantity(b.quantity_milli, b.unit, locale))}</td>"
        f"<td align='right'>{escape(money(b.revenue))}</td></tr>"
        for position, b in enumerate(report.best_sellers, start=1)
    )
    # The texts are translated outside the f-strings: strings inside them are not extracted.
    title = _("How {name} went").format(name=event.name)
    nothing = _("Nothing sold yet.")
    costs = _("Costs: {note}").format(note=event.costs_note)
    by_method = _("By payment method")
    best = _("What sold best ({items} items in all)").format(items=report.items_sold)
    product, sold, takings = _("Product"), _("Sold"), _("Takings")
    if not sellers:
        sellers = f"<tr><td colspan='4'>{escape(nothing)}</td></tr>"
    note = f"<p><i>{escape(costs)}</i></p>" if event.costs_note else ""
    money_side = (
        f"<table width='100%' cellpadding='3'>{''.join(rows)}</table>{note}"
        f"<h4>{escape(by_method)}</h4>"
        f"<table width='100%' cellpadding='3'>{methods}</table>"
    )
    goods_side = (
        f"<h4>{escape(best)}</h4><table width='100%' cellpadding='3'>"
        f"<tr><th width='32'></th><th align='left'>{escape(product)}</th>"
        f"<th align='right'>{escape(sold)}</th><th align='right'>{escape(takings)}</th>"
        f"</tr>{sellers}</table>"
    )
    # Side by side, so the whole report shows at once in the events window.
    return (
        f"<h3>{escape(title)}</h3>"
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='44%' valign='top'>{money_side}</td><td width='3%'></td>"
        f"<td width='53%' valign='top'>{goods_side}</td></tr></table>"
    )

"""An order in words: its details as the Orders window shows them, and the WhatsApp text."""

from __future__ import annotations

from html import escape

from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.i18n import _
from bazaar_pos.services.orders.views import OrderStatus, OrderView, PaymentKind
from bazaar_pos.ui.common.formatting import Formats

KINDS = {
    PaymentKind.DEPOSIT: lambda: _("Down payment"),
    PaymentKind.REFUND: lambda: _("DP refunded"),
    PaymentKind.KEPT: lambda: _("DP kept"),
}


def order_html(order: OrderView, fmt: Formats) -> str:
    """The order's customer, pickup, lines, money and note as a small HTML page."""
    pickup = fmt.day(order.pickup_on) if order.pickup_on else _("to be agreed")
    head = _("{number} for {customer}, pickup {day}: {status}").format(
        number=order.number, customer=order.customer_name, day=pickup, status=order.status.label
    )
    rows = "".join(
        "<tr><td>{name}{made}</td><td align='right'>{qty}</td>"
        "<td align='right'>{amount}</td></tr>".format(
            name=escape(line.name),
            made=" <i>({})</i>".format(escape(_("made to order"))) if line.made_to_order else "",
            qty=escape(fmt.quantity(line.quantity_milli, line.unit)),
            amount=escape(fmt.money(line.total)),
        )
        for line in order.lines
    )
    money = "".join(
        "<tr><td>{kind} · {method} · {when}</td><td align='right'>{amount}</td></tr>".format(
            kind=escape(KINDS[p.kind]()),
            method=escape(method_label(p.method) if p.method else "-"),
            when=escape(fmt.moment(p.created_at)),
            amount=escape(fmt.money(p.amount)),
        )
        for p in order.payments
    )
    totals = "<p>{}</p>".format(
        escape(
            _("Total {total} · DP paid {deposit} · Balance {balance}").format(
                total=fmt.money(order.total),
                deposit=fmt.money(order.deposit),
                balance=fmt.money(order.balance),
            )
        )
    )
    note = (
        "<p>{}</p>".format(escape(_("Note: {note}").format(note=order.note)))
        if order.note
        else ""
    )
    phone = f"<p>{escape(display_phone(order.customer_phone))}</p>" if order.customer_phone else ""
    return (
        f"<h3>{escape(head)}</h3>{phone}<table width='100%'>{rows}</table>{totals}"
        f"<table width='100%'>{money}</table>{note}"
    )


def whatsapp_text(order: OrderView, shop_name: str, fmt: Formats) -> str:
    """What the customer is told: ready to pick up with the rest to pay, or where the order is."""
    if order.status is OrderStatus.READY:
        return _(
            "Hello {name}, your order {number} at {shop} is ready to pick up. "
            "Balance to pay: {balance}."
        ).format(
            name=order.customer_name,
            number=order.number,
            shop=shop_name,
            balance=fmt.money(order.balance),
        )
    pickup = fmt.day(order.pickup_on) if order.pickup_on else _("to be agreed")
    return _(
        "Hello {name}, your order {number} at {shop}: total {total}, down payment {deposit}, "
        "balance to pay {balance}. Pickup: {day}."
    ).format(
        name=order.customer_name,
        number=order.number,
        shop=shop_name,
        total=fmt.money(order.total),
        deposit=fmt.money(order.deposit),
        balance=fmt.money(order.balance),
        day=pickup,
    )

"""``bazaar-pos orders list [--due-this-week]``: the pre-orders waiting for their pickup."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.money import format_money
from bazaar_pos.i18n import _
from bazaar_pos.services.orders.views import OrderStatus
from bazaar_pos.services.shop import Shop

WEEK = 7


def register(commands: Subparsers) -> None:
    """Add the ``orders`` sub-command."""
    orders = commands.add_parser("orders", help=_("list pre-orders (pesanan)"))
    actions = orders.add_subparsers(dest="action", metavar="ACTION", required=True)
    lister = actions.add_parser(
        "list", help=_("list the orders waiting for pickup, by pickup day")
    )
    lister.add_argument(
        "--due-this-week",
        action="store_true",
        help=_("only orders to pick up within seven days, and those overdue"),
    )
    lister.add_argument(
        "--status",
        choices=[status.value for status in OrderStatus],
        help=_("orders in this status instead of those waiting"),
    )
    lister.set_defaults(run=_list)


def _list(shop: Shop, args: argparse.Namespace) -> int:
    settings = shop.settings.load()
    today = date.today()
    due_by = today + timedelta(WEEK - 1) if args.due_this_week else None
    status = OrderStatus(args.status) if args.status else None
    orders = shop.orders.orders(status, due_by=due_by)
    if not orders:
        print(_("No orders."))
    for order in orders:
        money = [
            format_money(amount, settings.currency, settings.money_locale)
            for amount in (order.total, order.deposit, order.balance)
        ]
        state = order.status.label
        if order.due_by(today - timedelta(1)):
            state = _("{status}, overdue").format(status=state)
        pickup = order.pickup_on.isoformat() if order.pickup_on else "-"
        print("\t".join([order.number, pickup, order.customer_name, state, *money]))
    return EXIT_OK

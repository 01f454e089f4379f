"""``bazaar-pos stock list|receive|adjust|export``: stock on hand in each product's unit.

Quantities are written with a point and no grouping (``12.5``), as scripts read them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.money import parse_money
from bazaar_pos.domain.quantity import QuantityError, parse_quantity, plain_quantity
from bazaar_pos.domain.stock import ADJUSTMENT_REASONS, StockReason
from bazaar_pos.errors import NotFoundError, UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView


def register(commands: Subparsers) -> None:
    """Add the ``stock`` sub-command."""
    stock = commands.add_parser("stock", help=_("list, receive or adjust stock"))
    actions = stock.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("stock on hand of every product, in its unit"))
    listing.add_argument("--low", action="store_true", help=_("only products low on stock"))
    listing.set_defaults(run=_list, shared=True)
    receive = actions.add_parser("receive", help=_("add received goods to stock"))
    receive.add_argument("code", help=_("SKU or barcode"))
    receive.add_argument("quantity", help=_("in the product's unit: 12, 2.5, 750 g, 1,5 m"))
    receive.add_argument("--cost", help=_("cost per unit, e.g. 110000"))
    receive.add_argument("--note", default="")
    receive.set_defaults(run=_receive)
    adjust = actions.add_parser("adjust", help=_("correct stock up or down with a reason"))
    adjust.add_argument("code", help=_("SKU or barcode"))
    adjust.add_argument("quantity", help=_("the change, e.g. -0.25 or -2 (a negative takes away)"))
    adjust.add_argument(
        "--reason",
        choices=[StockReason.ADJUST.value, *(r.value for r in ADJUSTMENT_REASONS)],
        default=StockReason.ADJUST.value,
    )
    adjust.add_argument("--note", default="")
    adjust.set_defaults(run=_adjust)
    export = actions.add_parser(
        "export", help=_("the stock to publish on Shopee, TikTok Shop or Tokopedia, as a file")
    )
    export.add_argument(
        "--online",
        action="store_true",
        required=True,
        help=_("on hand, less parked carts and the buffer, never below zero"),
    )
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv|.xlsx")
    export.add_argument(
        "--buffer",
        type=int,
        help=_("whole units of each product kept back (the setting if not given)"),
    )
    export.set_defaults(run=_export, shared=True)


def _list(shop: Shop, args: argparse.Namespace) -> int:
    products = shop.stock.low_stock() if args.low else shop.catalogue.search(limit=100_000)
    for product in products:
        if product.has_variants:
            continue
        stock = plain_quantity(product.stock_milli)
        print(f"{product.sku}\t{stock}\t{product.unit.value}\t{product.name}")
    return EXIT_OK


def _export(shop: Shop, args: argparse.Namespace) -> int:
    count = shop.stock.export_online(args.output, buffer=args.buffer)
    print(
        _("Wrote the online stock of {count} products to {file}.").format(
            count=count, file=args.output
        )
    )
    return EXIT_OK


def _product(shop: Shop, code: str) -> ProductView:
    product = shop.catalogue.find_by_code(code)
    if product is None:
        raise NotFoundError(_("No product has SKU or barcode {code!r}.").format(code=code))
    return product


def _quantity(text: str, product: ProductView) -> int:
    sign, body = (-1, text[1:]) if text.startswith("-") else (1, text)
    try:
        return sign * parse_quantity(body, product.unit)
    except QuantityError as problem:
        raise UserError(str(problem)) from None


def _receive(shop: Shop, args: argparse.Namespace) -> int:
    product = _product(shop, args.code)
    cost = None
    if args.cost is not None:
        try:
            cost = parse_money(args.cost, shop.settings.load().currency)
        except ValueError as problem:
            raise UserError(_("--cost: {problem}").format(problem=problem)) from None
    quantity = _quantity(args.quantity, product)
    after = shop.stock.receive(product.id, quantity, unit_cost=cost, note=args.note)
    _say_stock(product, after)
    return EXIT_OK


def _adjust(shop: Shop, args: argparse.Namespace) -> int:
    product = _product(shop, args.code)
    change = _quantity(args.quantity, product)
    after = shop.stock.adjust(product.id, change, reason=StockReason(args.reason), note=args.note)
    _say_stock(product, after)
    return EXIT_OK


def _say_stock(product: ProductView, stock_milli: int) -> None:
    stock = f"{plain_quantity(stock_milli)} {product.unit.value}"
    print(
        _("{name} ({sku}): {stock} in stock.").format(
            name=product.name, sku=product.sku, stock=stock
        )
    )

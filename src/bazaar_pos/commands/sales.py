"""``bazaar-pos sales import|returns``: sales made elsewhere, from CSV or a marketplace's export."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.progress import TerminalProgress
from bazaar_pos.domain.money import format_money
from bazaar_pos.domain.quantity import format_quantity, unit_of
from bazaar_pos.errors import UserError
from bazaar_pos.exports.order_files import is_order_file
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``sales`` sub-command."""
    sales = commands.add_parser("sales", help=_("import sales made elsewhere"))
    actions = sales.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser(
        "import",
        help=_(
            "import sales from CSV, or orders from a Shopee, TikTok Shop, Tokopedia or Lazada "
            "export"
        ),
    )
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--map",
        type=Path,
        metavar="FILE",
        help=_("CSV of marketplace_sku,sku: the shop's product for each marketplace SKU"),
    )
    importer.add_argument(
        "--dry-run", action="store_true", help=_("check the file without changing anything")
    )
    importer.set_defaults(run=_import)
    returns = actions.add_parser(
        "returns", help=_("list goods sent back through a marketplace, or confirm a parcel")
    )
    returns.add_argument(
        "what", nargs="?", choices=["list", "confirm"], default="list", metavar="list|confirm"
    )
    returns.add_argument(
        "ids", nargs="*", metavar="ID", help=_("the returns whose parcel came back")
    )
    returns.add_argument("--all", action="store_true", help=_("list confirmed returns too"))
    returns.set_defaults(run=_returns)


def _import(shop: Shop, args: argparse.Namespace) -> int:
    if is_order_file(args.file):
        return _import_orders(shop, args)
    if args.map is not None:
        raise UserError(
            _("--map is for marketplace order files; {file} is a sales CSV.").format(
                file=args.file
            )
        )
    with TerminalProgress() as progress:
        summary = shop.sales_import.import_csv(args.file, dry_run=args.dry_run, progress=progress)
    if summary.dry_run:
        print(_("Checked {file}: it can be imported. Nothing was changed.").format(file=args.file))
    print(
        _("{sales} sales imported ({lines} lines); {skipped} already imported, skipped.").format(
            sales=summary.imported, lines=summary.lines, skipped=summary.skipped
        )
    )
    if summary.below_zero:
        print(_("Stock is now below zero for: {skus}").format(skus=", ".join(summary.below_zero)))
    return EXIT_OK


def _import_orders(shop: Shop, args: argparse.Namespace) -> int:
    from bazaar_pos.services.merging.orders.plan import describe

    with TerminalProgress() as progress:
        summary = shop.order_import.import_file(
            args.file, map_file=args.map, dry_run=args.dry_run, progress=progress
        )
    settings = shop.settings.load()
    for line in describe(
        summary, lambda amount: format_money(amount, settings.currency, settings.money_locale)
    ):
        print(line)
    return EXIT_OK


def _returns(shop: Shop, args: argparse.Namespace) -> int:
    returns = shop.marketplace_returns
    if args.what == "confirm":
        if not args.ids:
            raise UserError(_("Name the returns to confirm (their ID from the list)."))
        for uuid in args.ids:
            done = returns.confirm(uuid)
            print(
                _("Return {id} confirmed: refund {number}, the goods are back in stock.").format(
                    id=done.uuid[:8], number=done.refund_number
                )
            )
        return EXIT_OK
    listed = returns.listed(waiting_only=not args.all)
    locale = shop.settings.load().money_locale
    if not listed:
        print(_("No returns wait for their parcel."))
        return EXIT_OK
    print(ngettext("{count} return:", "{count} returns:", len(listed)).format(count=len(listed)))
    for ret in listed:
        status = {"waiting": _("waiting"), "received": _("received")}.get(
            ret.status, _("order cancelled")
        )
        print(
            _("{id}  {channel} {order}  {sku} {name}  {quantity}  sale {sale}  {status}").format(
                id=ret.uuid[:8],
                channel=ret.channel,
                order=ret.order_id,
                sku=ret.sku,
                name=ret.name,
                quantity=format_quantity(ret.quantity_milli, unit_of(ret.unit), locale),
                sale=ret.sale_number,
                status=status,
            )
        )
    return EXIT_OK

"""``bazaar-pos bundle export|import``: merge tills through one file, without a server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.dates import local_date
from bazaar_pos.commands.progress import TerminalProgress
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.merging.bundles.dry_run import describe_check
from bazaar_pos.services.merging.bundles.service import describe, renamed_lines
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``bundle`` sub-command."""
    bundle = commands.add_parser(
        "bundle", help=_("export this till's sales to a bundle, or merge bundles from other tills")
    )
    actions = bundle.add_subparsers(dest="action", metavar="ACTION", required=True)
    exporter = actions.add_parser("export", help=_("write this till's sales and stock movements"))
    exporter.add_argument("-o", "--output", type=Path, required=True, help=_("the bundle file"))
    exporter.add_argument("--from", dest="first", type=local_date, help=_("first day"))
    exporter.add_argument("--to", dest="last", type=local_date, help=_("last day, included"))
    exporter.set_defaults(run=_export)
    importer = actions.add_parser("import", help=_("merge bundles into this database"))
    importer.add_argument("files", type=Path, nargs="+", metavar="FILE")
    importer.add_argument(
        "--accept-renamed",
        action="store_true",
        help=_(
            "merge even where a SKU names a product with another name here "
            "(the same product, renamed)"
        ),
    )
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check the bundles and say what merging would do, without writing anything"),
    )
    importer.set_defaults(run=_import)


def _export(shop: Shop, args: argparse.Namespace) -> int:
    if args.first and args.last and args.last < args.first:
        raise UserError(_("--to is before --from."))
    summary = shop.bundles.export(args.output, args.first, args.last)
    print(
        _("Wrote {path}: {sales} sales ({lines} lines), {moves} stock movements.").format(
            path=summary.path, sales=summary.sales, lines=summary.lines, moves=summary.movements
        )
    )
    return EXIT_OK


def _import(shop: Shop, args: argparse.Namespace) -> int:
    infos = [shop.bundles.inspect(path) for path in args.files]
    renamed = {product.sku for info in infos for product in info.renamed}
    if renamed:
        print(
            _("Warning: these SKUs name a product here with another name than in the bundle:"),
            file=sys.stderr,
        )
        for line in renamed_lines(infos):
            print(f"  {line}", file=sys.stderr)
        if not args.accept_renamed:
            raise UserError(
                _(
                    "Merging counts each of them as one product, so nothing was imported. If "
                    "they are different products, give the product here another SKU "
                    "(Products > Edit), then import again. If it is the same product renamed, "
                    "import again with --accept-renamed."
                )
            )
    with TerminalProgress() as progress:
        summary = shop.bundles.import_files(
            args.files,
            accept_renamed=renamed if args.accept_renamed else (),
            dry_run=args.dry_run,
            progress=progress,
        )
    if summary.dry_run:
        print("\n".join(describe_check(summary)))
        return EXIT_OK
    print(describe(summary))
    if summary.products_created:
        print(
            _("Products new to this shop, added as archived: {skus}").format(
                skus=", ".join(summary.products_created)
            )
        )
    return EXIT_OK

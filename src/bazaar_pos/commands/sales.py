"""``bazaar-pos sales import``: sales made elsewhere, from CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``sales`` sub-command."""
    sales = commands.add_parser("sales", help=_("import sales made elsewhere"))
    actions = sales.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser("import", help=_("import sales from CSV"))
    importer.add_argument("file", type=Path)
    importer.set_defaults(run=_import)


def _import(shop: Shop, args: argparse.Namespace) -> int:
    summary = shop.sales_import.import_csv(args.file)
    print(
        _("{sales} sales imported ({lines} lines); {skipped} already imported, skipped.").format(
            sales=summary.imported, lines=summary.lines, skipped=summary.skipped
        )
    )
    if summary.below_zero:
        print(_("Stock is now below zero for: {skus}").format(skus=", ".join(summary.below_zero)))
    return EXIT_OK

"""``bazaar-pos products import|export``: the product list as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.products.files.columns import HeaderLanguage
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``products`` sub-command."""
    products = commands.add_parser("products", help=_("import or export the product list"))
    actions = products.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser("import", help=_("import products from CSV or XLSX"))
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--dry-run", action="store_true", help=_("check the file without changing anything")
    )
    importer.set_defaults(run=_import)
    exporter = actions.add_parser(
        "export", help=_("export products to CSV or XLSX (by the file's extension)")
    )
    exporter.add_argument("file", type=Path)
    exporter.add_argument(
        "--headers",
        choices=[h.value for h in HeaderLanguage],
        default=HeaderLanguage.ENGLISH.value,
        help=_("header language: en (sku, name, ...) or id (kode, nama, ...)"),
    )
    exporter.set_defaults(run=_export, shared=True)


def _import(shop: Shop, args: argparse.Namespace) -> int:
    summary = shop.product_files.import_csv(args.file, dry_run=args.dry_run)
    if summary.dry_run:
        print(_("Checked {file}: it can be imported. Nothing was changed.").format(file=args.file))
    print(
        _("{created} products added, {updated} updated, stock set for {stock}.").format(
            created=summary.created, updated=summary.updated, stock=summary.stock_set
        )
    )
    return EXIT_OK


def _export(shop: Shop, args: argparse.Namespace) -> int:
    count = shop.product_files.export_file(args.file, headers=HeaderLanguage(args.headers))
    message = ngettext(
        "Exported {count} product to {file}.", "Exported {count} products to {file}.", count
    )
    print(message.format(count=count, file=args.file))
    return EXIT_OK

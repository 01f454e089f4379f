"""The command line: with no sub-command it opens the GUI; sub-commands run headless jobs."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bazaar_pos import __version__
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import LANGUAGES, _, ngettext, set_language, system_language
from bazaar_pos.logs import setup_logging
from bazaar_pos.paths import default_database_path
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM, EXIT_BUG = 0, 1, 70


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``bazaar-pos``."""
    parser = argparse.ArgumentParser(
        prog="bazaar-pos",
        description=_("Bazaar POS: point of sale and stock for market stalls."),
    )
    parser.add_argument("--version", action="version", version=f"Bazaar POS {__version__}")
    parser.add_argument(
        "--db", type=Path, help=_("the shop database file (default: in your user data folder)")
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of the app"))
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open a fresh demo shop in a temporary folder"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    products = commands.add_parser("products", help=_("import or export the product list"))
    product_commands = products.add_subparsers(dest="action", metavar="ACTION", required=True)
    product_import = product_commands.add_parser("import", help=_("import products from CSV"))
    product_import.add_argument("file", type=Path)
    product_import.add_argument(
        "--dry-run", action="store_true", help=_("check the file without changing anything")
    )
    product_import.set_defaults(run=_products_import)
    product_export = product_commands.add_parser("export", help=_("export products to CSV"))
    product_export.add_argument("file", type=Path)
    product_export.set_defaults(run=_products_export)

    sales = commands.add_parser("sales", help=_("import sales made elsewhere"))
    sales_commands = sales.add_subparsers(dest="action", metavar="ACTION", required=True)
    sales_import = sales_commands.add_parser("import", help=_("import sales from CSV"))
    sales_import.add_argument("file", type=Path)
    sales_import.set_defaults(run=_sales_import)

    check = commands.add_parser("check", help=_("verify the database"))
    check.set_defaults(run=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``bazaar-pos`` with ``argv`` and return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    args = build_parser().parse_args(argv)
    log_path = setup_logging()
    db_path = _database_path(args)
    if args.command is None:
        from bazaar_pos.app import run_gui

        return run_gui(db_path, demo=args.demo)
    try:
        shop = Shop.open(db_path)
        try:
            if args.demo:
                load_demo_shop(shop)
            run: Callable[[Shop, argparse.Namespace], int] = args.run
            return run(shop, args)
        finally:
            shop.close()
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except Exception:
        log.exception("command %s failed", args.command)
        print(
            _("Something went wrong. Details are in {path}").format(path=log_path),
            file=sys.stderr,
        )
        return EXIT_BUG


def _language_from(argv: list[str]) -> str:
    """The --lang value if given (read before parsing, so --help is translated)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return system_language()


def _database_path(args: argparse.Namespace) -> Path:
    if args.demo:
        folder = Path(tempfile.mkdtemp(prefix="bazaar-pos-demo-"))
        return folder / "demo-shop.sqlite"
    return args.db or default_database_path()


def _products_import(shop: Shop, args: argparse.Namespace) -> int:
    summary = shop.product_files.import_csv(args.file, dry_run=args.dry_run)
    if summary.dry_run:
        print(_("Checked {file}: it can be imported. Nothing was changed.").format(file=args.file))
    print(
        _("{created} products added, {updated} updated, stock set for {stock}.").format(
            created=summary.created, updated=summary.updated, stock=summary.stock_set
        )
    )
    return EXIT_OK


def _products_export(shop: Shop, args: argparse.Namespace) -> int:
    count = shop.product_files.export_csv(args.file)
    print(
        ngettext(
            "Exported {count} product to {file}.", "Exported {count} products to {file}.", count
        ).format(count=count, file=args.file)
    )
    return EXIT_OK


def _sales_import(shop: Shop, args: argparse.Namespace) -> int:
    summary = shop.sales_import.import_csv(args.file)
    print(
        _("{sales} sales imported ({lines} lines); {skipped} already imported, skipped.").format(
            sales=summary.imported, lines=summary.lines, skipped=summary.skipped
        )
    )
    if summary.below_zero:
        print(_("Stock is now below zero for: {skus}").format(skus=", ".join(summary.below_zero)))
    return EXIT_OK


def _check(shop: Shop, args: argparse.Namespace) -> int:
    problems = shop.check()
    if not problems:
        print(_("All checks passed."))
        return EXIT_OK
    for problem in problems:
        print(problem)
    return EXIT_PROBLEM

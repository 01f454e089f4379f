"""``bazaar-pos receipt [NUMBER | --last] [--print] [--pdf FILE] [--text]``: any sale's receipt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.receipt_layout import as_text
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``receipt`` sub-command."""
    receipt = commands.add_parser("receipt", help=_("show, print or save the receipt of a sale"))
    which = receipt.add_mutually_exclusive_group(required=True)
    which.add_argument("number", nargs="?", help=_("the sale's number (e.g. A-000042) or UUID"))
    which.add_argument("--last", action="store_true", help=_("the most recent sale"))
    receipt.add_argument("--print", action="store_true", help=_("print it on the receipt printer"))
    receipt.add_argument("--pdf", type=Path, metavar="FILE", help=_("save it as a PDF"))
    receipt.add_argument(
        "--text", action="store_true", help=_("show it as text (the default with no other action)")
    )
    receipt.set_defaults(run=_receipt)


def _receipt(shop: Shop, args: argparse.Namespace) -> int:
    ref = shop.receipts.last_sale_ref() if args.last else args.number
    receipt = shop.receipts.for_sale(ref)
    if args.text or not (args.print or args.pdf):
        sys.stdout.write(as_text(shop.receipts.lines(receipt)))
    if args.pdf:
        shop.receipts.write_pdf(receipt, args.pdf)
        print(_("Saved {file}.").format(file=args.pdf))
    if args.print:
        shop.printer.print_receipt(receipt)
        print(_("Receipt {number} printed.").format(number=receipt.number))
    return EXIT_OK

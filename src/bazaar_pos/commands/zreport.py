"""``bazaar-pos zreport``: close a day at this till."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.dates import local_date
from bazaar_pos.i18n import _
from bazaar_pos.services.reports.files import RECEIPT_WIDTHS
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``zreport`` sub-command."""
    zreport = commands.add_parser(
        "zreport", help=_("the Z report of a day: totals, payments, cash expected")
    )
    zreport.add_argument("--date", type=local_date, help=_("the day (default: today)"))
    zreport.add_argument("-o", "--output", type=Path, help=_("write it as PDF to this file"))
    zreport.add_argument("--print", action="store_true", help=_("print it on the receipt printer"))
    zreport.add_argument(
        "--width",
        type=int,
        choices=RECEIPT_WIDTHS,
        help=_("receipt width in characters (default: the receipt printer's paper)"),
    )
    zreport.set_defaults(run=_zreport)


def _zreport(shop: Shop, args: argparse.Namespace) -> int:
    day = args.date or shop.zreports.today()
    width = args.width or shop.printer.settings().columns
    if args.output:
        written = shop.report_files.write_zreport_pdf(day, args.output)
        print(_("Wrote {path}.").format(path=written.path))
    if args.print:
        shop.report_files.print_zreport(day, width)
        print(_("Printed the Z report."))
    if not (args.output or args.print):
        print("\n".join(shop.report_files.zreport_text(day, width)))
    return EXIT_OK

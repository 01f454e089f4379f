"""``bazaar-pos printer set|show|test|drawer``: set up the receipt printer and try it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.i18n import _
from bazaar_pos.services.printer.settings import PAPER_OF_COLUMNS
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``printer`` sub-command."""
    printer = commands.add_parser("printer", help=_("set up the receipt printer and try it"))
    actions = printer.add_subparsers(dest="action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help=_("choose the printer and its paper"))
    setter.add_argument(
        "uri",
        help=_(
            "network://HOST:PORT, usb://VID:PID, serial://PORT?baud=9600, "
            "file:///dev/usb/lp0, win32://NAME or cups://QUEUE"
        ),
    )
    setter.add_argument("--width", type=int, choices=(58, 80), help=_("paper width in mm"))
    setter.add_argument(
        "--columns",
        type=int,
        choices=sorted(PAPER_OF_COLUMNS),
        help=_(
            "characters a line: 32 on 58 mm; 48 on 80 mm, or 42 for a printer in "
            "42-column mode (default: the usual for the paper)"
        ),
    )
    setter.add_argument("--profile", help=_("printer profile, e.g. POS-5890 or TM-T20II"))
    setter.add_argument(
        "--drawer",
        choices=("on", "off"),
        help=_("open the cash drawer when a sale is paid in cash"),
    )
    setter.add_argument(
        "--logo", metavar="FILE", help=_("an image printed at the top of receipts ('' for none)")
    )
    setter.set_defaults(run=_set)
    actions.add_parser("show", help=_("show the printer settings")).set_defaults(run=_show)
    actions.add_parser("test", help=_("print a test page")).set_defaults(run=_test)
    actions.add_parser("drawer", help=_("open the cash drawer")).set_defaults(run=_drawer)
    actions.add_parser("detect", help=_("list printers found on this computer")).set_defaults(
        run=_detect
    )


def _set(shop: Shop, args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {"uri": args.uri}
    if args.width:
        changes["paper_mm"] = args.width
    if args.columns:
        changes["columns"] = args.columns
        changes.setdefault("paper_mm", PAPER_OF_COLUMNS[args.columns])
    if args.profile is not None:
        changes["profile"] = args.profile
    if args.drawer:
        changes["drawer_on_cash"] = args.drawer == "on"
    if args.logo is not None:
        changes["logo_path"] = str(Path(args.logo).resolve()) if args.logo else ""
    shop.printer.configure(**changes)
    return _show(shop, args)


def _show(shop: Shop, args: argparse.Namespace) -> int:
    settings = shop.printer.settings()
    rows = [
        (_("Printer"), settings.uri or _("(none)")),
        (
            _("Paper"),
            _("{paper} mm, {columns} characters a line").format(
                paper=settings.paper_mm, columns=settings.columns
            ),
        ),
        (_("Profile"), settings.profile_name),
        (_("Drawer opens on cash sales"), _("yes") if settings.drawer_on_cash else _("no")),
        (_("Logo"), settings.logo_path or _("(none)")),
    ]
    for label, value in rows:
        print(f"{label}: {value}")
    return EXIT_OK


def _test(shop: Shop, args: argparse.Namespace) -> int:
    shop.printer.print_test_page()
    print(_("Test page sent to {uri}.").format(uri=shop.printer.settings().uri))
    return EXIT_OK


def _drawer(shop: Shop, args: argparse.Namespace) -> int:
    shop.printer.open_drawer()
    print(_("Drawer opened."))
    return EXIT_OK


def _detect(shop: Shop, args: argparse.Namespace) -> int:
    notes: list[str] = []
    found = shop.printer.detect(notes)
    for note in notes:
        print(note, file=sys.stderr)
    if not found:
        print(_("No printers found. Network printers are not searched: enter their address."))
    for printer in found:
        print(f"{printer.uri}\t{printer.label}")
    return EXIT_OK

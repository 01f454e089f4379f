"""``bazaar-pos turnover``: monthly gross turnover for the UMKM final tax."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.formats import Formats
from bazaar_pos.i18n import _, current_language
from bazaar_pos.services.reports import shop_header
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``turnover`` sub-command."""
    turnover = commands.add_parser(
        "turnover", help=_("monthly gross turnover against the UMKM final tax thresholds")
    )
    turnover.add_argument("--year", type=int, help=_("the year (default: this year)"))
    turnover.add_argument("-o", "--output", type=Path, help=_("also write it as CSV"))
    turnover.set_defaults(run=_turnover)


def _turnover(shop: Shop, args: argparse.Namespace) -> int:
    year = args.year or shop.reports.today().year
    result = shop.turnover.year(year)
    fmt = Formats(shop_header(shop.settings.load()), current_language())
    width = max(len(fmt.money(e.year_to_date)) for e in result.estimates()) + 2
    print(
        f"{_('Month'):<12}{_('Turnover'):>{width}}{_('Year to date'):>{width}}"
        f"{_('Est. 0.5%'):>{width}}"
    )
    for e in result.estimates():
        print(
            f"{fmt.month_name(year, e.month.month):<12}{fmt.money(e.month.turnover):>{width}}"
            f"{fmt.money(e.year_to_date):>{width}}{fmt.money(e.tax_individual):>{width}}"
        )
    if result.thresholds_apply:
        print(
            _("Individual exemption: {used} used, {left} left.").format(
                used=fmt.percent(result.exempt_used), left=fmt.money(result.exempt_left)
            )
        )
        print(_("Scheme limit: {used} reached.").format(used=fmt.percent(result.cap_used)))
    if args.output:
        written = shop.report_files.write_turnover_csv(year, args.output)
        print(_("Wrote {path}.").format(path=written.path))
    return EXIT_OK

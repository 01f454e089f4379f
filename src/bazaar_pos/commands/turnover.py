"""``bazaar-pos turnover``: monthly gross turnover for the UMKM final tax."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.formats import Formats
from bazaar_pos.i18n import _, current_language
from bazaar_pos.services.reports.queries import shop_header
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
    estimates = result.estimates()
    headings = (_("Turnover"), _("Year to date"), _("Est. 0.5% (individual)"))
    rows = [
        (
            fmt.month_name(year, e.month.month),
            fmt.money(e.month.turnover),
            fmt.money(e.year_to_date),
            fmt.money(e.tax_individual),
        )
        for e in estimates
    ]
    first = max(len(_("Month")), *(len(row[0]) for row in rows)) + 2
    widths = [
        max(len(heading), *(len(row[n + 1]) for row in rows)) + 3
        for n, heading in enumerate(headings)
    ]
    print(
        _("Month").ljust(first) + "".join(h.rjust(w) for h, w in zip(headings, widths, strict=True))
    )
    for month, *amounts in rows:
        print(
            month.ljust(first) + "".join(a.rjust(w) for a, w in zip(amounts, widths, strict=True))
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

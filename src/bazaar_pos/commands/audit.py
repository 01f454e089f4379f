"""``bazaar-pos audit export -o FILE.csv``: the audit log as CSV, filtered by date, user, action."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.dates import local_date
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.people.audit_log import AuditFilter
from bazaar_pos.services.selling.sales_history import local_days
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``audit`` sub-command."""
    audit = commands.add_parser("audit", help=_("export the audit log"))
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    exporter = actions.add_parser("export", help=_("write the audit log to a CSV file"))
    exporter.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv")
    exporter.add_argument(
        "--from", dest="first", type=local_date, metavar="DATE", help=_("first day")
    )
    exporter.add_argument("--to", dest="last", type=local_date, metavar="DATE", help=_("last day"))
    exporter.add_argument("--user", help=_("only what this user did"))
    exporter.add_argument("--action", dest="kind", help=_("only this action, e.g. sale.refunded"))
    exporter.set_defaults(run=_export)


def _export(shop: Shop, args: argparse.Namespace) -> int:
    start = local_days(args.first, args.first)[0] if args.first else None
    end = local_days(args.last, args.last)[1] if args.last else None
    where = AuditFilter(start=start, end=end, actor=args.user, action=args.kind)
    count = shop.audit.export_csv(args.output, where)
    message = ngettext(
        "Exported {count} event to {file}.", "Exported {count} events to {file}.", count
    )
    print(message.format(count=count, file=args.output))
    return EXIT_OK

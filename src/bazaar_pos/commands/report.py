"""``bazaar-pos report``: the sales summary PDF, or sale lines as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.dates import local_date
from bazaar_pos.commands.progress import TerminalProgress
from bazaar_pos.domain.periods import Period
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.reports.files import FileFormat
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``report`` sub-command."""
    report = commands.add_parser(
        "report", help=_("write a sales summary (PDF) or the sale lines (CSV, XLSX)")
    )
    report.add_argument(
        "--from", dest="first", type=local_date, required=True, help=_("first day (YYYY-MM-DD)")
    )
    report.add_argument(
        "--to", dest="last", type=local_date, help=_("last day, included (default: --from)")
    )
    report.add_argument(
        "--format",
        choices=[f.value for f in FileFormat],
        help=_("file format (default: from the file name)"),
    )
    report.add_argument("-o", "--output", type=Path, required=True, help=_("the file to write"))
    report.set_defaults(run=_report)


def _report(shop: Shop, args: argparse.Namespace) -> int:
    last = args.last or args.first
    if last < args.first:
        raise UserError(_("--to is before --from."))
    file_format = FileFormat(args.format or _format_of(args.output))
    with TerminalProgress() as progress:
        written = shop.report_files.write(
            Period(args.first, last), args.output, file_format, progress=progress
        )
    if written.format is FileFormat.PDF:
        message = ngettext(
            "Wrote {path} ({count} page).", "Wrote {path} ({count} pages).", written.count
        )
    else:
        message = ngettext(
            "Wrote {path} ({count} sale line).", "Wrote {path} ({count} sale lines).", written.count
        )
    print(message.format(path=written.path, count=written.count))
    return EXIT_OK


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in {f.value for f in FileFormat}:
        return suffix
    raise UserError(
        _("Say which format to write with --format pdf, csv or xlsx ({name} does not say).").format(
            name=path.name
        )
    )

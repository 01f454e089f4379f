"""``bazaar-pos backup`` and ``bazaar-pos restore``: copies of the database and their return."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.progress import TerminalProgress
from bazaar_pos.domain.periods import local_time
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.safety.backups import inspect_backup, preview_lines, restore_database
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``backup`` and ``restore`` sub-commands."""
    backup = commands.add_parser(
        "backup", help=_("back up the database now (it may stay open in the app)")
    )
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("write the backup to FILE, or into the folder FILE, instead of the backup folders"),
    )
    backup.add_argument(
        "--list", action="store_true", help=_("list the backups instead of making one")
    )
    backup.add_argument(
        "--second-folder",
        metavar="FOLDER",
        help=_("from now on also back up into FOLDER, e.g. a USB stick ('' to stop)"),
    )
    backup.add_argument(
        "--keep", type=int, metavar="N", help=_("from now on keep the newest N backups")
    )
    backup.set_defaults(run=_backup, shared=True)
    restore = commands.add_parser(
        "restore", help=_("replace the database with a backup, keeping the replaced file")
    )
    restore.add_argument("file", type=Path, help=_("the backup to restore"))
    restore.set_defaults(run_file=_restore)


def _backup(shop: Shop, args: argparse.Namespace) -> int:
    _change_settings(shop, args)
    if args.list:
        backups = shop.backups.list_backups()
        for found in backups:
            print(f"{local_time(found.made_at)}  {found.kind:<15} {found.path}")
        if not backups:
            print(_("No backups yet in {folder}.").format(folder=shop.backups.folder))
        return EXIT_OK
    if args.output is not None:
        with TerminalProgress() as progress:
            path = shop.backups.back_up_to(args.output, progress=progress)
        print(_("Backed up to {path}.").format(path=path))
        return EXIT_OK
    with TerminalProgress() as progress:
        result = shop.backups.back_up("manual", progress=progress)
    for path in result.made:
        print(_("Backed up to {path}.").format(path=path))
    if result.removed:
        count = len(result.removed)
        print(
            ngettext("Removed {count} old backup.", "Removed {count} old backups.", count).format(
                count=count
            )
        )
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return EXIT_OK


def _change_settings(shop: Shop, args: argparse.Namespace) -> None:
    if args.keep is not None:
        if args.keep < 1:
            raise ValidationError(_("Keep at least one backup."))
        shop.settings.update(backup_keep=args.keep)
        print(_("From now on the newest {count} backups are kept.").format(count=args.keep))
    if args.second_folder is not None:
        folder = Path(args.second_folder).expanduser()
        if args.second_folder and not folder.is_dir():
            raise ValidationError(_("Folder not found: {folder}").format(folder=folder))
        shop.settings.update(backup_folder=str(folder.resolve()) if args.second_folder else "")
        if args.second_folder:
            print(_("From now on backups also go to {folder}.").format(folder=folder.resolve()))
        else:
            print(_("Backups no longer go to a second folder."))


def _restore(database: Path, args: argparse.Namespace) -> int:
    info = inspect_backup(args.file)
    print(_("Restoring {file}:").format(file=args.file))
    for line in preview_lines(info):
        print(f"  {line}")
    with TerminalProgress() as progress:
        result = restore_database(database, args.file, progress=progress)
    print(_("Restored {database}.").format(database=database))
    if result.replaced is not None:
        print(_("The replaced database was kept as {path}.").format(path=result.replaced))
    return EXIT_OK

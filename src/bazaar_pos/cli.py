"""The command line: with no sub-command it opens the GUI; sub-commands run headless jobs.

Opening the GUI (or ``--version``) loads no sub-command's module: the options
are read first without them, and the sub-commands load only when one is named
or help is asked for.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from importlib import import_module
from pathlib import Path
from typing import NoReturn

from bazaar_pos import __version__
from bazaar_pos.cli_parser import Parser
from bazaar_pos.commands import EXIT_BUG, EXIT_PROBLEM, FileRunner, Runner
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import LANGUAGES, _, set_language, system_language
from bazaar_pos.logs import setup_logging
from bazaar_pos.paths import default_database_path
from bazaar_pos.store.lock import DatabaseLock

log = logging.getLogger(__name__)

COMMAND_MODULES = (
    "products",
    "stock",
    "labels",
    "sales",
    "payments",
    "orders",
    "receipt",
    "printer",
    "report",
    "zreport",
    "turnover",
    "customers",
    "bundle",
    "hub",
    "users",
    "audit",
    "check",
    "backups",
)
"""The modules of ``bazaar_pos.commands`` that register sub-commands, in help order."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``bazaar-pos``, with every sub-command."""
    parser = Parser(
        prog="bazaar-pos",
        description=_("Bazaar POS: point of sale and stock for market stalls."),
    )
    _add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"bazaar_pos.commands.{name}").register(commands)
    return parser


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` only opens the GUI (or asks the version), else None.

    Read without the sub-commands, so their modules do not load. Anything
    else (a sub-command, ``--help``, a wrong or unknown option) is left to the
    full parser, which also says what is wrong.
    """
    parser = _GuiOptionsParser(prog="bazaar-pos", add_help=False, exit_on_error=False)
    _add_options(parser)
    parser.set_defaults(command=None)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


class _GuiOptionsParser(argparse.ArgumentParser):
    """Reads the GUI options only; says nothing and leaves every mistake to the full parser."""

    def error(self, message: str) -> NoReturn:
        """Raise instead of printing (argparse reports an ambiguous option this way)."""
        raise argparse.ArgumentError(None, message)


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version",
        action="version",
        version=f"Bazaar POS {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--db", type=Path, help=_("the shop database file (default: in your user data folder)")
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of the app"))
    parser.add_argument(
        "--demo", action="store_true", help=_("open a fresh demo shop in a temporary folder")
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``bazaar-pos`` with ``argv`` and return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    args = gui_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    log_path = setup_logging()
    db_path = _database_path(args)
    if args.command is None:
        from bazaar_pos.launch import open_gui  # Qt loads only when the GUI opens

        return open_gui(db_path, demo=args.demo, log_path=log_path, language=args.lang)
    return _run_command(args, db_path, log_path)


def _run_command(args: argparse.Namespace, db_path: Path, log_path: Path) -> int:
    """Run a sub-command headless on the shop at ``db_path``; return the exit code."""
    from bazaar_pos.domain.access import COMMAND_LINE
    from bazaar_pos.services.demo import load_demo_shop
    from bazaar_pos.services.safety.location import location_risk
    from bazaar_pos.services.settings import speak_shop_language
    from bazaar_pos.services.shop import Shop

    try:
        with _lock_for(args, db_path):
            if not args.demo and (risk := location_risk(db_path)) is not None:
                print(
                    _("Warning: {message}").format(message=risk.message(db_path)), file=sys.stderr
                )
            run_file: FileRunner | None = getattr(args, "run_file", None)
            if run_file is not None:
                return run_file(db_path, args)
            shop = Shop.open(db_path)
            if not args.lang:
                speak_shop_language(shop.settings)
            # The command line is run by the person who owns the laptop: it acts as the owner.
            shop.access.act_as(COMMAND_LINE)
            try:
                if args.demo:
                    load_demo_shop(shop)
                run: Runner = args.run
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


def _lock_for(args: argparse.Namespace, db_path: Path) -> AbstractContextManager[object]:
    """The one-app-per-database lock, unless the command only reads."""
    return nullcontext() if getattr(args, "shared", False) else DatabaseLock(db_path)


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
        return Path(tempfile.mkdtemp(prefix="bazaar-pos-demo-")) / "demo-shop.sqlite"
    return args.db or default_database_path()

"""``bazaar-pos check``: verify the database."""

from __future__ import annotations

import argparse

from bazaar_pos.commands import EXIT_OK, EXIT_PROBLEM, Subparsers
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``check`` sub-command."""
    check = commands.add_parser("check", help=_("verify the database"))
    check.set_defaults(run=_check, shared=True)


def _check(shop: Shop, args: argparse.Namespace) -> int:
    problems = shop.check()
    if not problems:
        print(_("All checks passed."))
        return EXIT_OK
    for problem in problems:
        print(problem)
    return EXIT_PROBLEM

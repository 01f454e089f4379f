"""``bazaar-pos users add|list|disable|enable|set-pin``: who may work the till.

PINs are never taken on the command line (they would stay in the shell's
history): they are asked twice without echo, or read one per line from
standard input when it is not a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.access import Role, role_label
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``users`` sub-command."""
    users = commands.add_parser("users", help=_("add owners and cashiers, set PINs"))
    actions = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    adder = actions.add_parser("add", help=_("add a user; the PIN is asked, never typed here"))
    adder.add_argument("name")
    adder.add_argument(
        "--role", choices=[r.value for r in Role], default=Role.CASHIER.value, help=_("the role")
    )
    adder.set_defaults(run=_add)
    actions.add_parser("list", help=_("list the users")).set_defaults(run=_list)
    for name, help_text, runner in (
        ("disable", _("stop a user from signing in"), _disable),
        ("enable", _("let a disabled user sign in again"), _enable),
        ("set-pin", _("give a user a new PIN (also lifts a lockout)"), _set_pin),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("name")
        action.set_defaults(run=runner)


def ask_pin(name: str) -> str:
    """The new PIN for ``name``, typed twice without echo (or two lines of piped input)."""
    if sys.stdin.isatty():
        first = getpass.getpass(_("New PIN for {name} (4-6 digits): ").format(name=name))
        second = getpass.getpass(_("The same PIN again: "))
    else:
        first, second = sys.stdin.readline().strip(), sys.stdin.readline().strip()
    if first != second:
        raise ValidationError(_("The two PINs differ; nothing was changed."))
    return first


def _add(shop: Shop, args: argparse.Namespace) -> int:
    pin = ask_pin(args.name)
    user = shop.users.add(args.name, Role(args.role), pin)
    print(_("Added {name} ({role}).").format(name=user.name, role=role_label(user.role)))
    return EXIT_OK


def _list(shop: Shop, args: argparse.Namespace) -> int:
    users = shop.users.users()
    if not users:
        print(_("No users: the app opens straight to the till as the owner."))
    for user in users:
        state = _("active") if user.active else _("disabled")
        if user.locked_until is not None:
            state = _("locked out until {time}").format(
                time=user.locked_until.astimezone().strftime("%Y-%m-%d %H:%M")
            )
        print(f"{user.name}\t{role_label(user.role)}\t{state}")
    return EXIT_OK


def _disable(shop: Shop, args: argparse.Namespace) -> int:
    shop.users.disable(args.name)
    print(_("{name} can no longer sign in.").format(name=args.name))
    return EXIT_OK


def _enable(shop: Shop, args: argparse.Namespace) -> int:
    shop.users.enable(args.name)
    print(_("{name} can sign in again.").format(name=args.name))
    return EXIT_OK


def _set_pin(shop: Shop, args: argparse.Namespace) -> int:
    shop.users.set_pin(args.name, ask_pin(args.name))
    print(_("The PIN of {name} was changed.").format(name=args.name))
    return EXIT_OK

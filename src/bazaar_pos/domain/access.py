"""Who may do what: roles, permissions, PIN rules and the discount limit, as pure rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from bazaar_pos.domain.cart import CartTotals
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.i18n import N_, _

PIN_LENGTHS = range(4, 7)
"""A PIN has 4 to 6 digits."""

NAME_MAX = 40


class Role(enum.StrEnum):
    """An owner may do everything; a cashier sells and asks the owner for the rest."""

    OWNER = "owner"
    CASHIER = "cashier"


class Permission(enum.StrEnum):
    """Things a cashier may do only when an owner approves on the spot with their PIN."""

    VIEW_COST = "view_cost"
    CHANGE_PRICE = "change_price"
    DISCOUNT_ABOVE_LIMIT = "discount_above_limit"
    REFUND = "refund"
    VOID = "void"
    ADJUST_STOCK = "adjust_stock"
    EXPORT = "export"
    OPEN_DRAWER = "open_drawer"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    KASBON_OVER_LIMIT = "kasbon_over_limit"
    CHANGE_CREDIT_LIMIT = "change_credit_limit"
    WRITE_OFF_DEBT = "write_off_debt"
    CANCEL_ORDER = "cancel_order"


LOOKING = frozenset({Permission.VIEW_COST, Permission.VIEW_AUDIT})
"""Permissions to look, not to act: an owner's approval of these lasts its few minutes."""

PERMISSION_LABELS = {
    Permission.VIEW_COST: N_("see costs and profit"),
    Permission.CHANGE_PRICE: N_("change a price"),
    Permission.DISCOUNT_ABOVE_LIMIT: N_("give a discount above the limit"),
    Permission.REFUND: N_("refund a sale"),
    Permission.VOID: N_("void a sale"),
    Permission.ADJUST_STOCK: N_("adjust stock"),
    Permission.EXPORT: N_("export data to a file"),
    Permission.OPEN_DRAWER: N_("open the cash drawer without a sale"),
    Permission.VIEW_AUDIT: N_("read the audit log"),
    Permission.MANAGE_USERS: N_("add or change users"),
    Permission.CHANGE_SETTINGS: N_("change the settings"),
    Permission.KASBON_OVER_LIMIT: N_("give kasbon above the customer's limit"),
    Permission.CHANGE_CREDIT_LIMIT: N_("change a customer's credit limit"),
    Permission.WRITE_OFF_DEBT: N_("write off a customer's debt"),
    Permission.CANCEL_ORDER: N_("cancel a pre-order and decide on its down payment"),
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.CASHIER: frozenset(),
}

ROLE_LABELS = {Role.OWNER: N_("Owner"), Role.CASHIER: N_("Cashier")}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is working the till now: a user's name and role.

    A shop with no users is worked by its owner alone, whose name is empty.
    """

    name: str
    role: Role
    user_id: int | None = None

    def may(self, permission: Permission) -> bool:
        """Whether this actor may do ``permission`` without anyone's approval."""
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def label(self) -> str:
        """The name shown on screen: the user's name, or "Owner" for a shop without users."""
        return self.name or _(ROLE_LABELS[self.role])


SHOP_OWNER = Actor("", Role.OWNER)
"""The actor of a shop that has no users: the maker working alone."""

COMMAND_LINE = Actor("@cli", Role.OWNER)
"""The command line acts as the owner: it is run by the person who owns the laptop."""


def role_label(role: Role | str) -> str:
    """The translated name of a role."""
    return _(ROLE_LABELS[Role(role)])


def describe(permissions: frozenset[Permission] | set[Permission]) -> str:
    """The permissions as a phrase: "refund a sale, void a sale"."""
    ordered = [p for p in Permission if p in permissions]
    return ", ".join(_(PERMISSION_LABELS[p]) for p in ordered)


def pin_problems(pin: str) -> list[str]:
    """Every rule a new PIN breaks: 4 to 6 digits, not all one digit, not a straight run."""
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        return [_("A PIN is 4 to 6 digits.")]
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    if steps in ({0}, {1}, {-1}):
        return [_("That PIN is too easy to guess; avoid one digit repeated or a run like 1234.")]
    return []


def name_problems(name: str) -> list[str]:
    """Every rule a user's name breaks: not empty, not too long, no leading @."""
    found = []
    if not name.strip():
        found.append(_("The name is empty."))
    if len(name.strip()) > NAME_MAX:
        found.append(_("A name has at most {count} characters.").format(count=NAME_MAX))
    if name.strip().startswith("@"):
        found.append(_("A name cannot start with @."))
    return found


def largest_discount_share(totals: CartTotals) -> Fraction:
    """The largest part of any line's price taken off by discounts (line and cart together)."""
    shares = [Fraction(t.discount, t.gross) for t in totals.lines if t.gross > 0]
    return max(shares, default=Fraction(0))


def discount_above_limit(totals: CartTotals, limit_percent: int) -> bool:
    """Whether any line is discounted by more than ``limit_percent`` of its price."""
    return largest_discount_share(totals) * 100 > limit_percent


def percent_text(share: Fraction) -> str:
    """A share as a percentage with one decimal: ``Fraction(1, 8)`` -> ``12.5``."""
    tenths = round_half_up(share * 1000)
    return f"{tenths // 10}.{tenths % 10}"


def lockout_seconds(lockouts: int, *, first: int = 60, longest: int = 3600) -> int:
    """How long the ``lockouts``-th lockout lasts: one minute, doubling, at most an hour."""
    if lockouts < 1:
        return 0
    return min(first * 2 ** (lockouts - 1), longest)

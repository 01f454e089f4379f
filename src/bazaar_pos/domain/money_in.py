"""Money a till takes or gives back besides sales: kasbon repaid, pre-order down payments."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.i18n import N_, _


class OtherKind(enum.StrEnum):
    """Why money came in or went out without a sale."""

    REPAYMENT = "repayment"
    """A customer paid back kasbon."""
    DEPOSIT = "deposit"
    """A down payment (DP) taken on a pre-order."""
    DEPOSIT_REFUND = "deposit_refund"
    """A cancelled pre-order's down payment paid back."""


OTHER_LABELS = {
    OtherKind.REPAYMENT: N_("Kasbon repaid: {method}"),
    OtherKind.DEPOSIT: N_("Down payments taken: {method}"),
    OtherKind.DEPOSIT_REFUND: N_("Down payments refunded: {method}"),
}


@dataclass(frozen=True, slots=True)
class OtherMoney:
    """What one kind of money besides sales came to by one method (always positive)."""

    kind: OtherKind
    method: str
    amount: MinorUnits

    @property
    def signed(self) -> MinorUnits:
        """The amount as it moves the till's money: positive in, negative out."""
        return -self.amount if self.kind is OtherKind.DEPOSIT_REFUND else self.amount


def other_label(item: OtherMoney, method_label: Callable[[str], str]) -> str:
    """``Kasbon repaid: Cash`` and the like, with the method named by ``method_label``."""
    return _(OTHER_LABELS[item.kind]).format(method=method_label(item.method))


def other_cash(items: Iterable[OtherMoney]) -> MinorUnits:
    """What the money besides sales put into the cash drawer (less what it took out)."""
    return sum(item.signed for item in items if item.method == PaymentMethod.CASH.value)

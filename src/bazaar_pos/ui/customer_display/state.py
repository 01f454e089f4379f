"""What the customer's screen shows, as plain texts already written for people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One cart line as the customer reads it: ``Kopi Gayo``, ``2``, ``Rp190.000``."""

    name: str
    quantity: str
    amount: str


@dataclass(frozen=True, slots=True)
class DisplayState:
    """Everything the customer's screen shows at one moment.

    No lines and no total is the idle screen (the shop's name only). ``paid`` and
    ``change`` are set once a sale is paid. ``qris_payload`` (with
    ``qris_amount``) is the QRIS carrying the amount, shown while the customer
    pays by QRIS. ``latest`` is the line added or changed last (the pole display
    shows it).
    """

    shop_name: str
    lines: tuple[DisplayLine, ...] = ()
    total: str = ""
    paid: str = ""
    change: str = ""
    qris_payload: str = ""
    qris_amount: str = ""
    latest: DisplayLine | None = None

    @property
    def idle(self) -> bool:
        """Whether there is nothing to show but the shop's name."""
        return not self.lines and not self.paid and not self.qris_payload

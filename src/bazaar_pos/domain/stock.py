"""Why stock moves: the reasons a stock ledger row can carry."""

import enum

from bazaar_pos.i18n import N_, _


class StockReason(enum.StrEnum):
    """The reason behind one stock movement."""

    OPENING = "opening"
    RECEIVE = "receive"
    SALE = "sale"
    REFUND = "refund"
    VOID = "void"
    ADJUST = "adjust"
    COUNT = "count"
    DAMAGED = "damaged"
    LOST = "lost"
    GIFT = "gift"
    CORRECTION = "correction"
    CONSIGN_IN = "consign_in"
    CONSIGN_RETURN = "consign_return"


ADJUSTMENT_REASONS = (
    StockReason.DAMAGED,
    StockReason.LOST,
    StockReason.GIFT,
    StockReason.CORRECTION,
)
"""The reasons a person picks when correcting stock by hand."""

OUTGOING_ONLY = frozenset({StockReason.DAMAGED, StockReason.LOST, StockReason.GIFT})
"""Reasons that can only take stock away."""

_LABELS = {
    StockReason.OPENING: N_("Opening stock"),
    StockReason.RECEIVE: N_("Received"),
    StockReason.SALE: N_("Sale"),
    StockReason.REFUND: N_("Refund"),
    StockReason.VOID: N_("Void"),
    StockReason.ADJUST: N_("Adjustment"),
    StockReason.COUNT: N_("Stock count"),
    StockReason.DAMAGED: N_("Damaged"),
    StockReason.LOST: N_("Lost"),
    StockReason.GIFT: N_("Gift"),
    StockReason.CORRECTION: N_("Correction"),
    StockReason.CONSIGN_IN: N_("Received from consignor"),
    StockReason.CONSIGN_RETURN: N_("Returned to consignor"),
}


def reason_label(reason: StockReason) -> str:
    """The reason in words, in the current language."""
    return _(_LABELS[reason])

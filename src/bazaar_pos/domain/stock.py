"""Why stock moves: the reasons a stock ledger row can carry."""

import enum


class StockReason(enum.StrEnum):
    """The reason behind one stock movement."""

    OPENING = "opening"
    RECEIVE = "receive"
    SALE = "sale"
    REFUND = "refund"
    VOID = "void"
    ADJUST = "adjust"
    COUNT = "count"

"""The kinds of money given back on a sale, as ``refunds.kind`` stores them."""

REFUND = "refund"
"""Some of the sale's lines (or part of a weighed one) given back."""
VOID = "void"
"""The whole sale undone."""

"""Printer problems a person can fix, with messages that name the printer and the problem."""

from __future__ import annotations

from bazaar_pos.errors import UserError, ValidationError


class PrinterError(UserError):
    """The printer could not print: offline, out of paper, unplugged, refused, too slow."""


class PrinterAddressError(ValidationError):
    """A printer address (URI) that cannot be understood."""

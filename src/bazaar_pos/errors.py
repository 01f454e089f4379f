"""The UserError family: problems a person can fix, with translated messages."""

from __future__ import annotations


class UserError(Exception):
    """Something the person at the keyboard can put right; the message says what."""

    def __init__(self, message: str) -> None:
        """Keep the translated ``message`` for display."""
        super().__init__(message)
        self.message = message


class DatabaseError(UserError):
    """The database file cannot be used (not ours, too new, damaged, unwritable)."""


class DatabaseInUseError(DatabaseError):
    """Another Bazaar POS window or command already has the database open."""


class NotFoundError(UserError):
    """A product, sale or other record that was asked for does not exist."""


class ValidationError(UserError):
    """Input that breaks a rule; ``problems`` lists every one found."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        """Keep the summary ``message`` and each problem found."""
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        """The summary followed by one problem per line."""
        return "\n".join([self.message, *self.problems])

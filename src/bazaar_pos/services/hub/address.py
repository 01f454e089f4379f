"""A hub's address: the URL read, shown without its password, and the password kept apart.

The URL a till keeps in its database never holds the password. The password is
written to a PostgreSQL password file beside the database (``FILE.hubpass``,
readable by its owner only), which the driver reads when it connects; it is
never logged, shown or put in a bundle.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DEFAULT_PORT = 5432


class HubAddressError(UserError):
    """The hub URL cannot be read."""


@dataclass(frozen=True)
class HubAddress:
    """Where the hub is; ``password`` stays out of every text made from it."""

    url: URL
    """The URL for SQLAlchemy's psycopg driver, without the password."""
    password: str = ""

    @classmethod
    def parse(cls, text: str, password: str = "") -> HubAddress:
        """Read ``postgresql://USER:PASSWORD@HOST:PORT/DBNAME?sslmode=...``.

        A ``password`` given apart (a password field) takes the place of the URL's.
        """
        try:
            url = make_url(text.strip())
            url.port  # noqa: B018 - a port that is not a number fails here, not later
        except (ArgumentError, ValueError):
            raise HubAddressError(
                _("That is not a hub address. Write it as {form}.").format(
                    form="postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
                )
            ) from None
        if url.host and "@" in url.host:
            raise HubAddressError(
                _(
                    "The address has a second @: write an @ in the password as %40, or put the "
                    "password in its own field."
                )
            )
        if url.drivername not in SCHEMES or not url.host or not url.database:
            raise HubAddressError(
                _("That is not a hub address. Write it as {form}.").format(
                    form="postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
                )
            )
        given = password or ("" if url.password is None else str(url.password))
        return cls(url.set(drivername="postgresql+psycopg", password=None), given)

    def shown(self) -> str:
        """The address for people and logs: no password, ever."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)

    def redact(self, text: str) -> str:
        """``text`` with the password (should a library repeat it) blotted out."""
        return text.replace(self.password, "***") if self.password else text

    def write_password_file(self, path: Path) -> None:
        """Keep the password in ``path`` (PostgreSQL's password file form), for the owner only."""
        fields = [
            self.url.host or "*",
            str(self.url.port or DEFAULT_PORT),
            self.url.database or "*",
            self.url.username or "*",
            self.password,
        ]
        line = ":".join(field.replace("\\", "\\\\").replace(":", "\\:") for field in fields)
        temporary = path.with_name(path.name + ".new")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)


def password_file(database: Path) -> Path:
    """Where the hub password of the till whose database is ``database`` is kept."""
    return database.with_name(database.name + ".hubpass")

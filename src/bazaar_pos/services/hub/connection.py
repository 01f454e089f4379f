"""Connecting to the hub so that a dead network fails in seconds, with the password kept out.

psycopg 3 through SQLAlchemy (``postgresql+psycopg``): a connect timeout,
TCP keepalives and a TCP user timeout for a link that goes silent, a statement
timeout on the server, and a watchdog that shuts the socket when a hub
transaction takes longer than its deadline (a hub that accepts bytes but never
answers). No pool: every sync opens a fresh connection.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.hub.address import HubAddress

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5
"""Seconds to reach the hub and sign in."""
STATEMENT_TIMEOUT_MS = 15_000
DEADLINE = 20.0
"""Seconds one hub transaction may take before its socket is shut."""
CERTIFICATE_REFUSED = ("does not match host name", "certificate verify failed")
"""libpq's words when ``sslmode=verify-ca``/``verify-full`` refuses the hub's certificate."""


class HubUnreachable(UserError):
    """The hub could not be reached or stopped answering; nothing was lost, sync again later."""


class HubRefused(UserError):
    """The hub is there but will not take this till (another shop, a newer schema, a taken name)."""


def hub_engine(address: HubAddress, passfile: Path | None = None) -> Engine:
    """An engine for the hub at ``address``; the password comes from ``passfile`` or the address."""
    arguments: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "keepalives": 1,
        "keepalives_idle": 2,
        "keepalives_interval": 1,
        "keepalives_count": 3,
        "tcp_user_timeout": 5000,
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        "application_name": "bazaar-pos",
    }
    if address.password:
        arguments["password"] = address.password
    elif passfile is not None:
        arguments["passfile"] = str(passfile)
    return create_engine(address.url, connect_args=arguments, poolclass=NullPool)


@contextmanager
def hub_connection(engine: Engine, address: HubAddress) -> Iterator[Connection]:
    """A connection to the hub; a network or server failure becomes HubUnreachable.

    The message says what failed, without the password.
    """
    try:
        with engine.connect() as connection:
            yield connection
    except DBAPIError as exc:
        if not exc.connection_invalidated and not _is_network(exc):
            raise
        reason = address.redact(str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc))
        log.warning("hub %s unreachable: %s", address.shown(), reason)
        if any(sign in reason for sign in CERTIFICATE_REFUSED):
            raise HubRefused(
                _(
                    "The shop hub {hub} showed a certificate this till does not trust, so "
                    "nothing was sent: {reason}. Check the host name in the address and the "
                    "root certificate (sslrootcert)."
                ).format(hub=address.shown(), reason=reason)
            ) from None
        if "authentication failed" in reason:
            raise HubRefused(
                _("The shop hub {hub} refused the user name or password: {reason}").format(
                    hub=address.shown(), reason=reason
                )
            ) from None
        raise HubUnreachable(
            _("The shop hub {hub} cannot be reached: {reason}").format(
                hub=address.shown(), reason=reason
            )
        ) from None


def _is_network(exc: DBAPIError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.OperationalError | psycopg.InterfaceError)


@contextmanager
def watchdog(connection: Connection, seconds: float | None = None) -> Iterator[None]:
    """Shut ``connection``'s socket if what runs inside takes longer than ``seconds``.

    The default is DEADLINE.

    A hub that accepts bytes and never answers would otherwise hold the sync
    for as long as TCP keeps a live link open; shutting the socket makes the
    driver fail at once, and the outcome counts as unknown (retried).
    """
    raw = connection.connection.dbapi_connection
    descriptor = raw.pgconn.socket if raw is not None else -1

    def shut() -> None:
        try:
            with socket.socket(fileno=socket.dup(descriptor)) as handle:
                handle.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    timer = threading.Timer(DEADLINE if seconds is None else seconds, shut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()

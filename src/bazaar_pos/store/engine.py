"""SQLite engines and connections: pragmas, writes that lock up front, clear errors."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import NullPool

from bazaar_pos.errors import DatabaseError
from bazaar_pos.i18n import N_, _

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024
"""Page cache per connection: a filter over 100,000 products stays in memory."""

# SQLite failures a person can act on, matched on SQLite's own message. This
# table is the one place they become clear messages, for the CLI and the GUI.
_FRIENDLY_ERRORS = (
    (
        "database or disk is full",
        N_(
            "The disk holding {path} is full, so the change was not saved and nothing "
            "was changed. Free some space, then try again."
        ),
    ),
    (
        "readonly database",
        N_(
            "{path} is read-only, so nothing can be saved. Move it to a folder you may "
            "write to, or change the file's permissions."
        ),
    ),
    (
        "unable to open database file",
        N_(
            "Cannot open {path}. Check that the drive is connected and that you may "
            "write to its folder."
        ),
    ),
    (
        "disk i/o error",
        N_(
            "Reading or writing {path} failed (disk I/O error). Check the drive; if this "
            "happens again, restore a backup."
        ),
    ),
    ("database disk image is malformed", N_("{path} is damaged. Restore a backup.")),
    ("file is not a database", N_("{path} is not a Bazaar POS database.")),
    (
        "database is locked",
        N_("{path} is busy in another program. Close that program, then try again."),
    ),
)


def database_error(exc: BaseException, path: object = None) -> DatabaseError | None:
    """The clear DatabaseError for a SQLite failure a person can act on; None for a bug.

    Accepts ``sqlite3`` errors and SQLAlchemy's wrappers of them.
    """
    original = getattr(exc, "orig", None) or exc
    if not isinstance(original, sqlite3.DatabaseError):
        return None
    reason = str(original).lower()
    for fragment, message in _FRIENDLY_ERRORS:
        if fragment in reason:
            return DatabaseError(_(message).format(path=path or _("the database")))
    return None


def _on_error(context: ExceptionContext) -> None:
    """Turn SQLite failures a person can act on into DatabaseError, wherever they happen."""
    path = context.engine.url.database if context.engine is not None else None
    error = database_error(context.original_exception, path)
    if error is not None:
        log.warning("database %s: %s", path, context.original_exception)
        raise error from context.original_exception


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # SQLAlchemy must not issue its own BEGIN: _begin below does, so that
    # writes can take the lock up front with BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    with closing(dbapi_connection.cursor()) as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("bazaar_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on a SQLite file with WAL, full sync, foreign keys and a busy timeout.

    The pool hands out the connection returned last: the GUI thread keeps reading
    through the one whose page cache is warm, instead of taking turns with those
    background work opened, which would fill every connection's cache.
    """
    engine = create_engine(f"sqlite:///{path}", pool_use_lifo=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "handle_error", _on_error)
    return engine


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A plain SQLite connection that can only read the file at ``path``."""
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)


def read_only_engine(path: Path) -> Engine:
    """An engine that only reads ``path``, for looking into backups and other files."""
    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path), poolclass=NullPool)
    event.listen(engine, "handle_error", _on_error)
    return engine

"""Records kept as keys and values in the settings table, remembered until written.

The shop's, the access rules' and the printer's settings are each a frozen
dataclass stored field by field under a prefix (``shop.``, ``access.``,
``printer.``). They are read once and remembered in ``db.memo`` until a write
through :func:`writing_settings` forgets them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bazaar_pos.store.database import Database
from bazaar_pos.store.memo import SETTINGS
from bazaar_pos.store.models import Setting

Record = TypeVar("Record")


def load_record(db: Database, prefix: str, record_type: type[Record]) -> Record:
    """A settings dataclass stored under ``prefix``, with defaults for anything never set.

    The record (a frozen dataclass) is read once and remembered until settings
    are written through :func:`writing_settings`, or the database is closed.
    """
    return db.memo.recall(
        SETTINGS, (prefix, record_type), lambda: _read_record(db, prefix, record_type)
    )


_SETTINGS = Setting.core_table()


def _read_record(db: Database, prefix: str, record_type: type[Record]) -> Record:
    # A Core query: the first settings read (at start-up) waits for no ORM mapper set-up.
    query = select(_SETTINGS.c.key, _SETTINGS.c.value).where(_SETTINGS.c.key.startswith(prefix))
    with db.reading_rows() as connection:
        stored = {
            key.removeprefix(prefix): json.loads(value)
            for key, value in connection.execute(query)
        }
    known = {f.name for f in fields(record_type)}  # type: ignore[arg-type]
    return record_type(**{k: v for k, v in stored.items() if k in known})


@contextmanager
def writing_settings(db: Database) -> Iterator[Session]:
    """A write transaction that changes settings; remembered settings are read again after it.

    Every write of the shop, access or printer settings goes through here, so
    :func:`load_record` never returns a record older than the last change.
    """
    try:
        with db.writing() as session:
            yield session
    finally:
        db.memo.forget(SETTINGS)


def save_record(db: Database, prefix: str, record: Any) -> None:
    """Store every field of the settings dataclass ``record`` under ``prefix``."""
    with writing_settings(db) as session:
        for key, value in asdict(record).items():
            session.merge(Setting(key=prefix + key, value=json.dumps(value)))


def save_record_fields(db: Database, prefix: str, **values: object) -> None:
    """Store only the named fields under ``prefix``, leaving the others as they are."""
    with writing_settings(db) as session:
        for key, value in values.items():
            session.merge(Setting(key=prefix + key, value=json.dumps(value)))


def load_value(db: Database, key: str) -> Any:
    """The JSON value stored under ``key``, or None; remembered until settings are written."""
    return db.memo.recall(SETTINGS, ("value", key), lambda: _read_value(db, key))


def _read_value(db: Database, key: str) -> Any:
    with db.reading() as session:
        stored = session.get(Setting, key)
        return None if stored is None else json.loads(stored.value)


def save_value(db: Database, key: str, value: object) -> None:
    """Store ``value`` as JSON under ``key``."""
    with writing_settings(db) as session:
        session.merge(Setting(key=key, value=json.dumps(value)))

"""Fast Core paths: statements compiled once and run on the driver, executemany for bulk."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import BindParameter, Column, Connection, Dialect, Table, bindparam, insert
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.types import TypeEngine

from bazaar_pos.store.engine import database_error

log = logging.getLogger(__name__)


def execute_many(
    session: Session,
    statement: ClauseElement,
    params: Sequence[Mapping[str, object]] | Sequence[Sequence[object]],
    *,
    order: Sequence[str] | None = None,
) -> None:
    """Run ``statement`` once per parameter set with one driver ``executemany``.

    For imports of many thousand rows: it skips SQLAlchemy's per-row work, so
    values must already be what the database stores (str, int, bool, None);
    turn anything else into that once with :func:`stored_value`. Parameter
    sets are mappings by bind name, or tuples in the bind names' ``order``.
    """
    if not params:
        return
    connection = session.connection()
    compiled = cast(SQLCompiler, statement.compile(dialect=connection.dialect))
    keys = list(compiled.positiontup or ()) if compiled.positional else None
    rows: list[Any]
    if order is not None:
        index = {name: i for i, name in enumerate(order)}
        if keys == list(order):
            rows = list(params)
        elif keys is None:
            rows = [{k: p[index[k]] for k in order} for p in params]  # type: ignore[index]
        else:
            rows = [tuple(p[index[k]] for k in keys) for p in params]  # type: ignore[index]
    elif keys is None:
        rows = list(params)
    else:
        rows = [tuple(p[k] for k in keys) for p in params]  # type: ignore[call-overload]
    connection.exec_driver_sql(str(compiled), rows)


class Prepared:
    """A Core statement compiled once per dialect, then run on the driver's own connection.

    For the few small rows of a sale at the till, where SQLAlchemy's work per
    statement (context, events, result set-up: tens of microseconds) costs
    more than SQLite's own. The statement runs inside the transaction the
    ``Connection`` holds (one is begun if it holds none), and returns the
    driver's cursor: rows, ``lastrowid`` and ``rowcount``, untyped, as the
    driver gives them. Parameters are tuples in the order of ``names`` and
    must already be what the database stores (str, int, bool, None; turn
    timestamps into text with :func:`stored_value`). A driver error is raised
    as SQLAlchemy raises it, or as the clear DatabaseError for what a person
    can act on (a full disk, a read-only file), as everywhere else.
    """

    def __init__(self, statement: ClauseElement, names: Sequence[str]) -> None:
        """Prepare ``statement``, whose bind parameters are ``names``."""
        self.statement = statement
        self.names = tuple(names)
        self._compiled: dict[tuple[str, str], tuple[str, Callable[[Sequence[object]], Any]]] = {}

    @classmethod
    def insert(cls, table: Table, columns: Sequence[str]) -> Prepared:
        """An ``INSERT`` of ``columns`` into ``table``; parameters in the order of ``columns``."""
        return cls(insert(table).values(values_of(table, columns)), [f"v_{c}" for c in columns])

    def execute(self, connection: Connection, values: Sequence[object]) -> DBAPICursor:
        """Run the statement once with ``values``; the driver's cursor holds what it returned."""
        sql, shape = self._for(connection.dialect)
        parameters = shape(values)
        cursor = self._cursor(connection)
        try:
            cursor.execute(sql, parameters)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _driver_error(connection, exc, sql, parameters, many=False) from exc
        return cursor

    def execute_many(self, connection: Connection, rows: Sequence[Sequence[object]]) -> None:
        """Run the statement once per row of values, in one driver ``executemany``."""
        if not rows:
            return
        sql, shape = self._for(connection.dialect)
        parameters = [shape(row) for row in rows]
        cursor = self._cursor(connection)
        try:
            cursor.executemany(sql, parameters)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _driver_error(connection, exc, sql, parameters, many=True) from exc
        finally:
            cursor.close()

    @staticmethod
    def _cursor(connection: Connection) -> DBAPICursor:
        if not connection.in_transaction():
            connection.begin()
        return connection.connection.cursor()

    def _for(self, dialect: Dialect) -> tuple[str, Callable[[Sequence[object]], Any]]:
        key = (dialect.name, dialect.paramstyle)
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> tuple[str, Callable[[Sequence[object]], Any]]:
        """The SQL, and how to turn values into the driver's parameters.

        Bind parameters not in ``names`` (a literal such as ``status == 'open'``,
        or a ``LIMIT``) keep the plain value the statement gave them. Columns
        with a Python default (``default=``, ``onupdate=``) must be given.
        """
        compiled = cast(SQLCompiler, self.statement.compile(dialect=dialect))
        defaults = [c.name for c in (*compiled.insert_prefetch, *compiled.update_prefetch)]
        if defaults:  # nobody would run the columns' Python defaults: refuse, give them
            raise ValueError(f"a prepared statement needs values for {', '.join(defaults)}")
        index = {name: n for n, name in enumerate(self.names)}
        fixed = {
            name: bind.effective_value for name, bind in compiled.binds.items() if name not in index
        }
        if not compiled.positional:

            def by_name(values: Sequence[object]) -> dict[str, object]:
                return dict(zip(self.names, values, strict=True)) | fixed

            return str(compiled), by_name
        order = list(compiled.positiontup or ())
        if order == list(self.names):
            return str(compiled), tuple
        picks = [(index[name], None) if name in index else (None, fixed[name]) for name in order]

        def in_order(values: Sequence[object]) -> tuple[object, ...]:
            return tuple(constant if n is None else values[n] for n, constant in picks)

        return str(compiled), in_order


def _driver_error(
    connection: Connection, exc: Exception, sql: str, parameters: Any, *, many: bool
) -> BaseException:
    """What SQLAlchemy would raise for a driver error met by :class:`Prepared`."""
    path = connection.engine.url.database
    friendly = database_error(exc, path)
    if friendly is not None:
        log.warning("database %s: %s", path, exc)
        return friendly
    dialect = connection.dialect
    return DBAPIError.instance(
        sql, parameters, exc, dialect.loaded_dbapi.Error, dialect=dialect, ismulti=many
    )


def values_of(table: Table, columns: Sequence[str]) -> dict[str, BindParameter[Any]]:
    """Bind parameters ``v_<column>`` for an INSERT or UPDATE run by :func:`execute_many`."""
    return {c: bindparam(f"v_{c}", type_=table.c[c].type) for c in columns}


def stored_value(session: Session | Connection, column: Column[Any], value: object) -> object:
    """``value`` as the database stores it in ``column`` (a timestamp as text on SQLite)."""
    connection = session if isinstance(session, Connection) else session.connection()
    processor = _bind_processor(column.type, connection.dialect)
    return processor(value) if processor else value


@lru_cache(maxsize=64)
def _bind_processor(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """How ``type_`` turns a value into what the driver stores (looked up once per type)."""
    return type_.dialect_impl(dialect).bind_processor(dialect)

"""SQL expressions for the local hour and day of a stored UTC timestamp, per database dialect.

Timestamps are stored in UTC; reports group them by the shop's local clock.
The offset is passed in minutes and stays constant over the rows queried
(services split periods where daylight saving changes it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, String, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class local_hour(FunctionElement[int]):
    """The hour (0-23) on the local clock of a UTC timestamp: ``local_hour(column, minutes)``."""

    type = Integer()
    inherit_cache = True
    name = "local_hour"


class local_day(FunctionElement[str]):
    """The local date of a UTC timestamp as ``YYYY-MM-DD`` text: ``local_day(column, minutes)``."""

    type = String()
    inherit_cache = True
    name = "local_day"


def _parts(element: FunctionElement[Any]) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    column, minutes = element.clauses
    return column, minutes


def _sqlite_modifier(minutes: ColumnElement[Any]) -> ColumnElement[Any]:
    return minutes.cast(String) + literal(" minutes")


def _sqlite_seconds(column: ColumnElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    """The stored text cut to whole seconds.

    SQLite rounds fractions to the millisecond, which would carry 23:59:59.9999
    over into the next day while the period's range still counts it in this one.
    """
    return f"substr({compiler.process(column, **kw)}, 1, 19)"


@compiles(local_hour, "sqlite")
def _sqlite_hour(element: local_hour, compiler: SQLCompiler, **kw: Any) -> str:
    column, minutes = _parts(element)
    modifier = compiler.process(_sqlite_modifier(minutes), **kw)
    seconds = _sqlite_seconds(column, compiler, **kw)
    return f"CAST(strftime('%H', {seconds}, {modifier}) AS INTEGER)"


@compiles(local_day, "sqlite")
def _sqlite_day(element: local_day, compiler: SQLCompiler, **kw: Any) -> str:
    column, minutes = _parts(element)
    modifier = compiler.process(_sqlite_modifier(minutes), **kw)
    return f"date({_sqlite_seconds(column, compiler, **kw)}, {modifier})"


def _postgres_shifted(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    column, minutes = _parts(element)
    interval = f"make_interval(mins => {compiler.process(minutes, **kw)})"
    return f"({compiler.process(column, **kw)} + {interval})"


@compiles(local_hour, "postgresql")
def _postgres_hour(element: local_hour, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(EXTRACT(HOUR FROM {_postgres_shifted(element, compiler, **kw)}) AS INTEGER)"


@compiles(local_day, "postgresql")
def _postgres_day(element: local_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({_postgres_shifted(element, compiler, **kw)}, 'YYYY-MM-DD')"

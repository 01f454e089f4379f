"""What an import wrote, read back from the database, and written again with raw sqlite3.

The baseline of an import figure: every row the import added (and every
column it changed) is found by comparing the database after the import with
a copy of it from before, table by table, whatever tables the import
touches. The rows are then written into another copy of the pre-import
database with plain ``executemany`` in one ``BEGIN IMMEDIATE .. COMMIT``, with
the app's pragmas and the same schema (its triggers fire there too): parent
rows first (sales before their lines), each new id read back and mapped into
the rows that point at it. The result is checked to have the same row counts
as the app's, so the baseline stays honest when the import changes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PRAGMAS = ("busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON")
"""The app's pragmas (store/engine.py) but its cache size."""
FIRST = ("sales",)
"""Tables written before the others when nothing else decides the order."""
_INSERT_INTO = re.compile(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+[\"`]?(\w+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Insert:
    """New rows of one table, in the order the import gave them their ids."""

    table: str
    columns: tuple[str, ...]
    """The columns written (the id column left out when the table numbers its rows)."""
    rows: list[tuple[Any, ...]]
    ids: list[int] | None
    """The ids the import gave them, when the table numbers its rows (mapped on replay)."""
    references: dict[int, str]
    """Column position -> the table it points at (its id), for the mapping."""


@dataclass(frozen=True, slots=True)
class Update:
    """Columns the import changed in existing rows of one table."""

    table: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    """The new values, then the rowid."""


@dataclass(slots=True)
class Changes:
    """Everything an import wrote, and the row counts it left."""

    inserts: list[Insert] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    by_triggers: tuple[str, ...] = ()
    """Tables whose new rows the schema's triggers write (not replayed: they fire again)."""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(len(i.rows) for i in self.inserts) + sum(len(u.rows) for u in self.updates)

    def describe(self) -> str:
        """The tables written, with their counts: ``sales 20,000, sale_lines 50,000, ...``."""
        parts = [f"{i.table} {len(i.rows):,}" for i in self.inserts]
        parts += [
            f"{u.table} {len(u.rows):,} updated ({', '.join(u.columns)})" for u in self.updates
        ]
        parts += [f"{t} (by triggers)" for t in self.by_triggers]
        return ", ".join(parts)


def _tables(con: sqlite3.Connection, schema: str = "main") -> list[str]:
    return [
        name
        for (name,) in con.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _columns(con: sqlite3.Connection, table: str) -> tuple[list[str], str | None]:
    """The columns of ``table`` and its id column when that is the rowid (INTEGER PRIMARY KEY)."""
    info = con.execute(f'PRAGMA main.table_info("{table}")').fetchall()
    names = [row[1] for row in info]
    keys = [row for row in info if row[5]]
    rowid = keys[0][1] if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER" else None
    return names, rowid


def _trigger_targets(con: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table -> the tables its triggers insert into."""
    found: dict[str, set[str]] = {}
    for table, sql in con.execute(
        "SELECT tbl_name, sql FROM main.sqlite_master WHERE type = 'trigger'"
    ):
        found.setdefault(table, set()).update(_INSERT_INTO.findall(sql or ""))
    return found


def changes(before: Path, after: Path) -> Changes:
    """What was written to ``after`` since it was the database at ``before``."""
    con = sqlite3.connect(after)
    try:
        con.execute("ATTACH DATABASE ? AS pre", (f"{before.absolute().as_uri()}?mode=ro",))
        found = Changes()
        tables = _tables(con)
        if set(_tables(con, "pre")) != set(tables):
            raise RuntimeError("the import changed the schema: the baseline cannot replay that")
        for table in tables:
            _read_table(con, table, found)
        written = {i.table for i in found.inserts} | {u.table for u in found.updates}
        fed = set().union(*(t for s, t in _trigger_targets(con).items() if s in written))
        found.by_triggers = tuple(i.table for i in found.inserts if i.table in fed)
        found.inserts = _parents_first([i for i in found.inserts if i.table not in fed])
        return found
    finally:
        con.close()


def _read_table(con: sqlite3.Connection, table: str, found: Changes) -> None:
    names, rowid = _columns(con, table)
    quoted = ", ".join(f'"{n}"' for n in names)
    (count,) = con.execute(f'SELECT count(*) FROM main."{table}"').fetchone()
    (was, last) = con.execute(
        f'SELECT count(*), coalesce(max(rowid), 0) FROM pre."{table}"'
    ).fetchone()
    found.counts[table] = count
    new = con.execute(
        f'SELECT {quoted} FROM main."{table}" WHERE rowid > ? ORDER BY rowid', (last,)
    ).fetchall()
    if count - was != len(new):
        raise RuntimeError(f"{table}: rows were deleted or numbered below the last one")
    if new:
        references = {
            names.index(ref[3]): ref[2]
            for ref in con.execute(f'PRAGMA main.foreign_key_list("{table}")')
            if ref[4] in (None, "id") and ref[2] != table
        }
        if rowid is None:
            found.inserts.append(Insert(table, tuple(names), new, None, references))
        else:
            at = names.index(rowid)
            kept = [i for i in range(len(names)) if i != at]
            found.inserts.append(
                Insert(
                    table,
                    tuple(names[i] for i in kept),
                    [tuple(row[i] for i in kept) for row in new],
                    [row[at] for row in new],
                    {kept.index(i): t for i, t in references.items()},
                )
            )
    changed = con.execute(
        f'SELECT rowid, {quoted} FROM main."{table}" WHERE rowid <= ?'
        f' EXCEPT SELECT rowid, {quoted} FROM pre."{table}"',
        (last,),
    ).fetchall()
    if not changed:
        return
    olds = {
        row[0]: row
        for row in con.execute(
            f'SELECT rowid, {quoted} FROM pre."{table}" WHERE rowid IN'
            f" ({','.join('?' * len(changed))})",
            [row[0] for row in changed],
        )
    }
    touched = sorted(
        {i for row in changed for i in range(1, len(row)) if row[i] != olds[row[0]][i]}
    )
    found.updates.append(
        Update(
            table,
            tuple(names[i - 1] for i in touched),
            [(*(row[i] for i in touched), row[0]) for row in changed],
        )
    )


def _parents_first(inserts: list[Insert]) -> list[Insert]:
    """The inserts ordered so that every table comes after the new tables it points at."""
    waiting = {i.table: i for i in inserts}
    order: list[Insert] = []
    while waiting:
        ready = [
            i for i in waiting.values() if not any(t in waiting for t in i.references.values())
        ]
        if not ready:
            raise RuntimeError(f"the new rows point at each other in a cycle: {sorted(waiting)}")
        ready.sort(key=lambda i: (i.table not in FIRST, i.table))
        chosen = ready[0]
        order.append(chosen)
        del waiting[chosen.table]
    return order


def connect(path: Path) -> sqlite3.Connection:
    """A raw connection with the app's pragmas, transactions by hand."""
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        con.execute(f"PRAGMA {pragma}")
    return con


def replay(found: Changes, path: Path) -> None:
    """Write ``found`` into the pre-import database at ``path`` in one transaction."""
    con = connect(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        mapped: dict[str, dict[int, int]] = {}
        for insert in found.inserts:
            rows: Sequence[tuple[Any, ...]] = insert.rows
            maps = [(at, mapped[t]) for at, t in insert.references.items() if t in mapped]
            if maps:
                rows = [_mapped(row, maps) for row in rows]
            columns = ", ".join(f'"{c}"' for c in insert.columns)
            marks = ", ".join("?" * len(insert.columns))
            if insert.ids is None:
                con.executemany(f'INSERT INTO "{insert.table}" ({columns}) VALUES ({marks})', rows)
                continue
            (last,) = con.execute(
                f'SELECT coalesce(max(rowid), 0) FROM "{insert.table}"'
            ).fetchone()
            con.executemany(f'INSERT INTO "{insert.table}" ({columns}) VALUES ({marks})', rows)
            new = [
                rowid
                for (rowid,) in con.execute(
                    f'SELECT rowid FROM "{insert.table}" WHERE rowid > ? ORDER BY rowid', (last,)
                )
            ]
            mapped[insert.table] = dict(zip(insert.ids, new, strict=True))
        for update in found.updates:
            sets = ", ".join(f'"{c}" = ?' for c in update.columns)
            con.executemany(f'UPDATE "{update.table}" SET {sets} WHERE rowid = ?', update.rows)
        con.execute("COMMIT")
    finally:
        con.close()


def _mapped(row: tuple[Any, ...], maps: list[tuple[int, dict[int, int]]]) -> tuple[Any, ...]:
    values = list(row)
    for at, ids in maps:
        if values[at] is not None:
            values[at] = ids.get(values[at], values[at])
    return tuple(values)


def check(found: Changes, path: Path) -> None:
    """Raise when the replayed database at ``path`` has other row counts than the import left."""
    con = sqlite3.connect(path)
    try:
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in found.counts}
    finally:
        con.close()
    differ = {t: (n, counts[t]) for t, n in found.counts.items() if counts[t] != n}
    if differ:
        raise RuntimeError(f"the raw replay wrote other rows than the import: {differ}")

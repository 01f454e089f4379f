"""Checks of a database file before it is opened, and the migration revisions this app knows."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bazaar_pos.errors import DatabaseError
from bazaar_pos.i18n import _
from bazaar_pos.store.engine import connect_read_only, database_error

if TYPE_CHECKING:
    from alembic.config import Config

APPLICATION_ID = 0x42415A52  # "BAZR": marks a SQLite file as a Bazaar POS database
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config  # Alembic loads to migrate, not at every start

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


_REVISION_LINE = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:"([^"]*)"|'([^']*)'|None)\s*$""",
    re.MULTILINE,
)


@cache
def _revision_graph() -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the migration files.

    Reading the two lines keeps Alembic (a tenth of a second to import, more
    to load every migration) out of the app's start: it loads only to migrate.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = {
            name: double or single or None
            for name, double, single in _REVISION_LINE.findall(path.read_text(encoding="utf-8"))
        }
        revision = values.get("revision")
        if revision:
            graph[revision] = values.get("down_revision")
    return graph


@cache
def head_revision() -> str:
    """The newest migration this version of the app knows (read once; they ship with it)."""
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory  # a layout the two lines do not explain

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    """Every migration revision this version of the app knows."""
    return frozenset(_revision_graph())


def inspect_file(path: Path, *, full_check: bool = True) -> str | None:
    """Check that ``path`` can be opened as our database and return its revision.

    Returns None for a missing, empty or blank file (a new database). Raises
    DatabaseError for a file that is not ours, damaged, or too new.

    ``full_check`` reads every page (``PRAGMA quick_check``): a second or more
    for a year of sales. Opening the shop skips it; reading the schema still
    refuses a file shorter than its header says (SQLite counts the pages), and
    every page is read before an upgrade, by each backup (the daily one starts
    with the app) and by ``bazaar-pos check``.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file.").format(path=path))
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseError(_("{path} is not a Bazaar POS database.").format(path=path))
    try:
        with closing(connect_read_only(path)) as connection:
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            ok = connection.execute("PRAGMA quick_check").fetchone()[0] if full_check else "ok"
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and (known := database_error(exc, path)):
            raise known from exc
        raise DatabaseError(
            _("{path} is damaged or not a database ({reason}).").format(path=path, reason=exc)
        ) from exc
    if not tables:
        return None
    if app_id != APPLICATION_ID:
        raise DatabaseError(_("{path} is not a Bazaar POS database.").format(path=path))
    if ok != "ok":
        raise DatabaseError(
            _("{path} is damaged ({reason}). Restore a backup.").format(path=path, reason=ok)
        )
    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            _(
                "{path} was made by a newer version of Bazaar POS. "
                "Update the app to open it; the file was not changed."
            ).format(path=path)
        )
    return revision

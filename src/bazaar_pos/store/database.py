"""The database: opening and checking the file, SQLite pragmas, migrations and sessions.

This is the only module that speaks SQLite-specific SQL; everything else uses
portable SQLAlchemy so the same models and migrations run on PostgreSQL.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    BindParameter,
    Column,
    Connection,
    Dialect,
    Engine,
    Table,
    bindparam,
    create_engine,
    event,
    insert,
    text,
)
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.types import TypeEngine

from bazaar_pos.errors import DatabaseError
from bazaar_pos.files import atomic_path, make_folder
from bazaar_pos.i18n import N_, _
from bazaar_pos.paths import backup_folder
from bazaar_pos.store.memo import Memo

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

APPLICATION_ID = 0x42415A52  # "BAZR": marks a SQLite file as a Bazaar POS database
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
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


class Database:
    """An open shop database: sessions for reading and for writing."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        """Wrap ``engine``; use :meth:`open` to check and migrate a file first."""
        self.engine = engine
        self.path = path
        self.memo = Memo()
        """Reads the services keep until they write (settings, whether there are users)."""
        self._write_engine = engine.execution_options(bazaar_write=True)
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(bind=self._write_engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path, *, migrate: bool = True) -> Database:
        """Open the shop database at ``path``, creating or upgrading it as needed.

        Raises DatabaseError, leaving the file untouched, when it is not a
        Bazaar POS database, is damaged, was made by a newer version, or
        cannot be written (a read-only file or folder, a full disk).
        """
        path = Path(path)
        revision = inspect_file(path, full_check=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot create the folder {folder}: {reason}").format(
                    folder=path.parent, reason=exc.strerror
                )
            ) from exc
        engine = create_sqlite_engine(path)
        database = cls(engine, path)
        try:
            if migrate and revision != head_revision():
                if revision is not None:
                    backup_before_migration(path, revision)
                database.upgrade()
            database.check_writable()
        except BaseException:
            database.close()
            raise
        return database

    def check_writable(self) -> None:
        """Raise DatabaseError now, not at the first sale, if nothing could be saved.

        Creates a table in a write transaction and rolls it back, so the file
        is left exactly as it was.
        """
        with (
            self.engine.connect().execution_options(bazaar_write=True) as connection,
            connection.begin() as transaction,
        ):
            connection.execute(text("CREATE TABLE bazaar_write_probe (x INTEGER)"))
            transaction.rollback()

    def upgrade(self) -> None:
        """Bring the schema to the newest migration and mark the file as ours."""
        from alembic import command

        config = alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if self.engine.dialect.name == "sqlite":
                connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")

    def current_revision(self) -> str | None:
        """The migration revision the database is at."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; nothing it changes is committed."""
        with self._read() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in one durable transaction, committed on success, rolled back on error."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def writing_rows(self) -> Iterator[Connection]:
        """A connection in one durable transaction, for Core statements on the hottest paths.

        The same transaction as :meth:`writing` (``BEGIN IMMEDIATE``, committed on
        success, rolled back on error) without the ORM's session: a sale at the
        till writes its rows with Core statements here.
        """
        with self._write_engine.begin() as connection:
            yield connection

    def close(self) -> None:
        """Release every connection and forget what was remembered of the file."""
        self.memo.forget_all()
        self.engine.dispose()


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A plain SQLite connection that can only read the file at ``path``."""
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)


def read_only_engine(path: Path) -> Engine:
    """An engine that only reads ``path``, for looking into backups and other files."""
    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path), poolclass=NullPool)
    event.listen(engine, "handle_error", _on_error)
    return engine


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


def backup_before_migration(path: Path, revision: str) -> Path:
    """Copy the database into its backup folder before it is upgraded."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_folder(path) / f"{path.stem}-{stamp}-before-upgrade-{revision}{path.suffix}"
    copy_database(path, target)
    log.info("backed up %s to %s before upgrading", path, target)
    return target


def copy_database(source: Path, target: Path, *, live: bool = False) -> Path:
    """Copy a database, even one in use, to ``target`` whole or not at all.

    Uses SQLite's online backup API, so the copy is a consistent snapshot
    even while sales are being written. The copy is one self-contained file
    (a backup in rollback journal mode; with ``live``, a database to put in
    place of the shop's, in WAL mode: opening it then writes no rollback
    journal, which a power cut could leave behind to stop the app) and passes
    ``integrity_check``; :func:`bazaar_pos.files.atomic_path` then syncs it,
    gives it its name and syncs the folder (made, synced, if it is new). The
    copy's own syncs are off: until it has its name it is only a temporary
    file, thrown away if anything fails. Raises DatabaseError, leaving no
    partial file.
    """
    source, target = Path(source), Path(target)
    try:
        make_folder(target.parent)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot write {path}: {reason}").format(path=target, reason=exc.strerror or exc)
        ) from exc
    try:
        with atomic_path(target, error=DatabaseError) as partial:
            try:
                _copy(source, partial, "WAL" if live else "DELETE")
            finally:
                for ending in ("-journal", "-wal", "-shm"):
                    _remove(partial.with_name(partial.name + ending))
    except sqlite3.Error as exc:
        raise database_error(exc, source) or DatabaseError(
            _("Cannot copy {path}: {reason}").format(path=source, reason=exc)
        ) from exc
    return target


def _copy(source: Path, partial: Path, journal_mode: str) -> None:
    """SQLite's online backup of ``source`` into the empty file ``partial``, checked."""
    with (
        closing(connect_read_only(source)) as reader,
        closing(sqlite3.connect(partial)) as writer,
    ):
        reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        writer.execute("PRAGMA synchronous = OFF")
        reader.backup(writer)
        writer.execute(f"PRAGMA journal_mode = {journal_mode}")
        verdict = writer.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise DatabaseError(
            _("The copy of {path} failed its check ({reason}).").format(path=source, reason=verdict)
        )


def _remove(path: Path) -> None:
    """Delete a partial file if there is one; a folder that is gone is fine too."""
    with suppress(OSError):
        path.unlink(missing_ok=True)

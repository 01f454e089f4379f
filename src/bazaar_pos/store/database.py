"""The database: opening, upgrading and checking the file, and sessions to read and write it.

The SQLite engine and its pragmas are in engine.py, the checks of a file and the
migration revisions in inspection.py, copying a file in copying.py and the fast
Core paths in prepared.py; everything else uses portable SQLAlchemy so the same
models and migrations run on PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bazaar_pos.errors import DatabaseError
from bazaar_pos.i18n import _
from bazaar_pos.paths import backup_folder
from bazaar_pos.store.copying import copy_database
from bazaar_pos.store.engine import create_sqlite_engine
from bazaar_pos.store.inspection import (
    APPLICATION_ID,
    alembic_config,
    head_revision,
    inspect_file,
)
from bazaar_pos.store.memo import Memo

log = logging.getLogger(__name__)


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
    def reading_rows(self) -> Iterator[Connection]:
        """A connection for Core reads: no ORM, so nothing waits for the mappers' set-up.

        For what the till shows as it starts (settings, favourites, counts).
        """
        with self.engine.connect() as connection:
            yield connection

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


def backup_before_migration(path: Path, revision: str) -> Path:
    """Copy the database into its backup folder before it is upgraded."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_folder(path) / f"{path.stem}-{stamp}-before-upgrade-{revision}{path.suffix}"
    copy_database(path, target)
    log.info("backed up %s to %s before upgrading", path, target)
    return target

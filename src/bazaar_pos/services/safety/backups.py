"""Backups of the shop database: automatic, rotated, previewed, and restored safely.

Every backup is a whole, checked copy made with SQLite's online backup API
(:func:`bazaar_pos.store.copying.copy_database`), so it can be made while
the till is selling. Backups live in ``backups/`` beside the database and,
when the owner sets one, also in a second folder such as a USB stick. Names
carry the time and the reason: ``shop-20261122T101500Z-daily.sqlite``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bazaar_pos.domain.periods import local_time
from bazaar_pos.errors import DatabaseError
from bazaar_pos.files import make_folder, move_durably, sync_folder
from bazaar_pos.i18n import N_, _, ngettext
from bazaar_pos.paths import backup_folder
from bazaar_pos.progress import Cancelled, Progress, quiet
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import Changes
from bazaar_pos.store.copying import copy_database
from bazaar_pos.store.database import Database
from bazaar_pos.store.engine import read_only_engine
from bazaar_pos.store.inspection import inspect_file
from bazaar_pos.store.models import Product, Sale
from bazaar_pos.store.types import utcnow

log = logging.getLogger(__name__)

DAILY = timedelta(hours=24)
ROTATED_KINDS = ("close", "daily", "manual")
"""Backups the rotation may delete; upgrade and restore copies are kept."""
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
EVERYTHING = Changes(products=True, stock=True, sales=True, settings=True)
"""A restore changes everything a screen may show."""
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<kind>[A-Za-z0-9-]+)$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A backup file found in a backup folder, known from its name alone."""

    path: Path
    made_at: datetime
    kind: str
    size: int


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup holds, for the preview before restoring it."""

    path: Path
    made_at: datetime
    kind: str
    size: int
    revision: str | None
    sales: int
    products: int
    last_sale_number: str | None
    last_sale_at: datetime | None


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What one backup run made, removed by rotation, and any folder it could not use."""

    made: tuple[Path, ...]
    removed: tuple[Path, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A restore: the backup now in use, where the replaced database was kept, what changed."""

    restored: BackupInfo
    replaced: Path | None
    changes: Changes = EVERYTHING


def backup_name(database: Path, made_at: datetime, kind: str) -> str:
    """The file name of a backup of ``database`` made at ``made_at`` for ``kind``."""
    stamp = made_at.astimezone(UTC).strftime(STAMP_FORMAT)
    return f"{database.stem}-{stamp}-{kind}{database.suffix or '.sqlite'}"


def read_backup_name(path: Path) -> tuple[str, datetime, str] | None:
    """The database stem, time and kind in a backup's name; None for any other name."""
    match = _NAME.match(path.stem)
    if match is None:
        return None
    made_at = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    return match["stem"], made_at, re.sub(r"-\d+$", "", match["kind"])


def find_backups(folder: Path, database: Path) -> list[BackupFile]:
    """The backups of ``database`` in ``folder``, newest first."""
    found = []
    try:
        candidates = list(folder.glob(f"{database.stem}-*{database.suffix or '.sqlite'}"))
    except OSError:
        return []
    for path in candidates:
        named = read_backup_name(path)
        if named is None or named[0] != database.stem or not path.is_file():
            continue
        found.append(BackupFile(path, named[1], named[2], path.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def inspect_backup(path: Path) -> BackupInfo:
    """Look into a backup file without changing it; DatabaseError if it is not one of ours."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(_("File not found: {path}").format(path=path))
    revision = inspect_file(path)
    if revision is None:
        raise DatabaseError(_("{path} is not a Bazaar POS database.").format(path=path))
    engine = read_only_engine(path)
    try:
        with engine.connect() as connection:
            sales = connection.scalar(select(func.count()).select_from(Sale)) or 0
            products = connection.scalar(select(func.count()).select_from(Product)) or 0
            last = connection.execute(
                select(Sale.number, Sale.created_at)
                .order_by(Sale.created_at.desc(), Sale.id.desc())
                .limit(1)
            ).first()
    finally:
        engine.dispose()
    named = read_backup_name(path)
    stat = path.stat()
    made_at = named[1] if named else datetime.fromtimestamp(stat.st_mtime, UTC)
    return BackupInfo(
        path=path,
        made_at=made_at,
        kind=named[2] if named else "",
        size=stat.st_size,
        revision=revision,
        sales=sales,
        products=products,
        last_sale_number=last[0] if last else None,
        last_sale_at=last[1] if last else None,
    )


@dataclass(frozen=True, slots=True)
class PreparedRestore:
    """A backup checked and copied beside the database, ready to take its place.

    Nothing of the shop has changed yet: :func:`put_in_place` makes it the
    database, :meth:`discard` throws the copy away.
    """

    database: Path
    info: BackupInfo
    incoming: Path

    def discard(self) -> None:
        """Throw the copy away; the database stays as it is."""
        self.incoming.unlink(missing_ok=True)


def prepare_restore(
    database: Path, backup: Path, *, progress: Progress | None = None
) -> PreparedRestore:
    """Check ``backup`` and copy it beside ``database``, changing nothing of the shop yet.

    A file that is not a Bazaar POS backup is refused. ``progress`` hears the
    check and how far the copy got; a cancel stops it and leaves no file. The
    database may stay open meanwhile.
    """
    database, backup = Path(database), Path(backup)
    progress = progress or quiet()
    _refuse_the_database_itself(database, backup)
    progress.begin(_("Checking the backup"))
    info = inspect_backup(backup)
    progress.begin(_("Copying the backup"))
    incoming = copy_database(
        backup, database.with_name(f".{database.name}.restoring"), live=True, progress=progress
    )
    prepared = PreparedRestore(database, info, incoming)
    try:
        progress.check()  # the last moment a cancel keeps the shop as it was
    except Cancelled:
        prepared.discard()
        raise
    return prepared


def put_in_place(prepared: PreparedRestore, *, now: datetime | None = None) -> RestoreResult:
    """Put the prepared copy in place of the database, keeping the replaced file.

    The database must not be open (hold its DatabaseLock; the GUI closes its
    connections first). The replaced database, with its ``-wal`` file, is
    renamed into the backup folder as ``…-replaced.sqlite``; an older backup
    is then upgraded (after its own before-upgrade copy). This cannot be
    cancelled: it is a few renames, and the upgrade.
    """
    database, incoming = prepared.database, prepared.incoming
    now = now or utcnow()
    replaced: Path | None = None
    try:
        if database.exists():
            # The replaced file is safe in the backup folder (synced) before the
            # database's folder, synced once at the end, shows the restored one.
            replaced = _unique(backup_folder(database) / backup_name(database, now, "replaced"))
            make_folder(replaced.parent)
            os.replace(database, replaced)
            for ending in ("-wal", "-journal"):
                companion = database.with_name(database.name + ending)
                if companion.exists():
                    os.replace(companion, replaced.with_name(replaced.name + ending))
            sync_folder(replaced.parent)
            database.with_name(database.name + "-shm").unlink(missing_ok=True)
        move_durably(incoming, database)
    except OSError as exc:
        prepared.discard()
        raise DatabaseError(
            _("Cannot replace {path}: {reason}. Close every other program using it.").format(
                path=database, reason=exc.strerror or exc
            )
        ) from exc
    log.info("restored %s from %s; the replaced file is %s", database, prepared.info.path, replaced)
    Database.open(database).close()  # upgrades an older backup and proves it opens
    return RestoreResult(prepared.info, replaced)


def restore_database(
    database: Path,
    backup: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Put a copy of ``backup`` in place of ``database``, keeping the replaced file.

    :func:`prepare_restore`, then :func:`put_in_place`: the database must not
    be open. ``progress`` hears the check and the copy, and a cancel during
    them changes nothing; once the copy is whole the restore runs to its end.
    """
    return put_in_place(prepare_restore(database, backup, progress=progress), now=now)


class BackupService:
    """Makes, rotates, lists and restores the backups of one shop database."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """Back up ``db``; ``clock`` gives the time (tests pass a fixed one)."""
        self._db = db
        self._settings = settings
        self._clock = clock

    @property
    def database(self) -> Path:
        """The database file being backed up."""
        if self._db.path is None:
            raise DatabaseError(_("This database is not a file, so it cannot be backed up."))
        return self._db.path

    @property
    def folder(self) -> Path:
        """The main backup folder: ``backups`` beside the database."""
        return backup_folder(self.database)

    def second_folder(self) -> Path | None:
        """The extra backup folder from the settings (a USB stick), or None."""
        configured = self._settings.load().backup_folder.strip()
        return Path(configured).expanduser() if configured else None

    def back_up(self, kind: str = "manual", *, progress: Progress | None = None) -> BackupResult:
        """Back up now into the backup folder and the second folder, then rotate.

        Raises DatabaseError when the main backup cannot be made. A missing
        or unwritable second folder is reported in ``problems`` instead.
        ``progress`` hears how far each copy got; a cancel keeps no file.
        """
        settings = self._settings.load()
        made_at = self._clock()
        progress = progress or quiet()
        progress.begin(_("Backing up the shop"))
        main = copy_database(
            self.database,
            _unique(self.folder / backup_name(self.database, made_at, kind)),
            progress=progress,
        )
        made, problems = [main], []
        removed = self._rotate(self.folder, settings.backup_keep)
        second = self.second_folder()
        if second is not None:
            if not second.is_dir():
                problems.append(
                    _(
                        "The second backup folder {folder} is not there (is the USB stick "
                        "plugged in?). The backup is in {main}."
                    ).format(folder=second, main=self.folder)
                )
            else:
                try:
                    progress.begin(_("Copying the backup to {folder}").format(folder=second))
                    made.append(copy_database(main, _unique(second / main.name), progress=progress))
                    removed += self._rotate(second, settings.backup_keep)
                except DatabaseError as exc:
                    problems.append(exc.message)
        for problem in problems:
            log.warning("backup: %s", problem)
        log.info("backed up %s to %s", self.database, ", ".join(map(str, made)))
        return BackupResult(tuple(made), tuple(removed), tuple(problems))

    def back_up_to(self, target: Path, *, progress: Progress | None = None) -> Path:
        """Back up to a file the person chose (``bazaar-pos backup -o FILE``)."""
        target = Path(target)
        if target.is_dir():
            target = target / backup_name(self.database, self._clock(), "manual")
        if target.exists() and target.resolve() == self.database.resolve():
            raise DatabaseError(_("Choose another file than the database itself."))
        return copy_database(self.database, target, progress=progress)

    def due(self) -> bool:
        """Whether the daily backup is due: no backup in the last 24 hours."""
        last = self.last_backup_at()
        return last is None or self._clock() - last >= DAILY

    def back_up_if_due(self) -> BackupResult | None:
        """Make the daily backup if it is due; None when it is not."""
        return self.back_up("daily") if self.due() else None

    def last_backup_at(self) -> datetime | None:
        """When the newest backup in the main folder was made, or None."""
        backups = self.list_backups(include_second=False)
        return backups[0].made_at if backups else None

    def list_backups(self, *, include_second: bool = True) -> list[BackupFile]:
        """Every backup of this database in the backup folders, newest first."""
        folders = [self.folder]
        second = self.second_folder() if include_second else None
        if second is not None and second.is_dir():
            folders.append(second)
        found = [b for folder in folders for b in find_backups(folder, self.database)]
        return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)

    def inspect(self, path: Path) -> BackupInfo:
        """Preview a backup (date, number of sales, last sale) without changing anything."""
        return inspect_backup(path)

    def restore(self, backup: Path, *, progress: Progress | None = None) -> RestoreResult:
        """Replace the open database with ``backup`` and carry on with the restored one.

        :meth:`prepare_restore`, then :meth:`put_in_place`; ``progress`` hears
        the check and the copy, and a cancel during them changes nothing.
        """
        return self.put_in_place(self.prepare_restore(backup, progress=progress))

    def prepare_restore(self, backup: Path, *, progress: Progress | None = None) -> PreparedRestore:
        """Check ``backup`` and copy it beside the database, which stays open and unchanged.

        The long part of a restore, safe off the GUI thread and to cancel (no
        file is left); a bad file is refused before anything is closed.
        """
        return prepare_restore(self.database, backup, progress=progress)

    def put_in_place(self, prepared: PreparedRestore) -> RestoreResult:
        """Put a prepared backup in place of the open database and carry on with it.

        Closes this database's connections first; the services reconnect to
        the restored file on their next call. The caller holds the lock.
        """
        self._db.close()
        result = put_in_place(prepared, now=self._clock())
        self._settings.ensure_till_identity()
        return result

    def _rotate(self, folder: Path, keep: int) -> list[Path]:
        """Delete the oldest rotated backups in ``folder`` beyond ``keep``."""
        rotated = [b for b in find_backups(folder, self.database) if b.kind in ROTATED_KINDS]
        removed = []
        for old in rotated[max(keep, 1) :]:
            try:
                old.path.unlink()
                removed.append(old.path)
            except OSError as exc:
                log.warning("cannot remove old backup %s: %s", old.path, exc)
        return removed


def _refuse_the_database_itself(database: Path, backup: Path) -> None:
    if database.exists() and backup.exists() and backup.resolve() == database.resolve():
        raise DatabaseError(_("{path} is the database in use, not a backup.").format(path=backup))


def _unique(path: Path) -> Path:
    """``path``, or the same name with ``-2``, ``-3``… when it is taken."""
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


_KIND_LABELS = {
    "close": N_("made when the app closed"),
    "daily": N_("daily backup"),
    "manual": N_("made by hand"),
    "before-upgrade": N_("made before an upgrade"),
    "replaced": N_("the database a restore replaced"),
}


def kind_label(kind: str) -> str:
    """Why a backup was made, for people; the raw kind for names we do not know."""
    return _(_KIND_LABELS[kind]) if kind in _KIND_LABELS else kind


def preview_lines(info: BackupInfo) -> list[str]:
    """What a person should see before restoring ``info``: when, how many sales, the last."""
    made = _("Made: {when}").format(when=local_time(info.made_at))
    if info.kind:
        made = f"{made} ({kind_label(info.kind)})"
    if info.last_sale_number and info.last_sale_at:
        last = _("Last sale: {number} on {when}").format(
            number=info.last_sale_number, when=local_time(info.last_sale_at)
        )
    else:
        last = _("Last sale: none")
    return [
        made,
        ngettext("{count} sale", "{count} sales", info.sales).format(count=info.sales),
        last,
        ngettext("{count} product", "{count} products", info.products).format(count=info.products),
        _("File: {path}").format(path=info.path),
    ]

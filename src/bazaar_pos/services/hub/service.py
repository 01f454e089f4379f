"""HubService: join this till to the shop hub, sync with it, and say how things stand."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from string import ascii_uppercase

from sqlalchemy import Connection, Row, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Permission
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.progress import Cancelled, Progress, quiet
from bazaar_pos.services.hub import outbox, state
from bazaar_pos.services.hub.address import HubAddress, password_file
from bazaar_pos.services.hub.apply import Applied, apply_pulled, decode
from bazaar_pos.services.hub.connection import (
    HubRefused,
    HubUnreachable,
    hub_connection,
    hub_engine,
    watchdog,
)
from bazaar_pos.services.hub.outbox import Refusal
from bazaar_pos.services.hub.push import check_member, push_batch
from bazaar_pos.services.hub.schema import (
    agree_currency,
    check_schema,
    hub_currency,
    shop_id,
)
from bazaar_pos.services.people.access import Approval, writing_users
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import Changes
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import HubRecord, HubTill, Till
from bazaar_pos.store.types import utcnow

log = logging.getLogger(__name__)

PUSH_BATCH = 500
PULL_BATCH = 1000
NAME_LENGTH = 40


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one sync sent, refused and received."""

    sent: int
    refused: int
    received: int
    applied: Applied
    changes: Changes


class SyncStopped(Cancelled):
    """A person stopped a sync between two batches; what was sent and received is kept."""

    def __init__(self, sent: int, received: int) -> None:
        """Say how far the sync got and that the next one carries on from there."""
        UserError.__init__(
            self,
            _(
                "Sync stopped. Sent: {sent}. Received from other tills: {received}. "
                "These are kept; the next sync carries on from there."
            ).format(sent=sent, received=received),
        )
        self.sent = sent
        self.received = received


@dataclass(slots=True)
class _Tally:
    """How far a sync got, counted as it goes."""

    sent: int = 0
    refused: int = 0
    received: int = 0


@dataclass(frozen=True, slots=True)
class HubStatus:
    """How this till stands with its hub, for ``hub status`` and the status bar."""

    joined: bool
    hub: str
    till_name: str
    waiting: int
    refused: tuple[Refusal, ...]
    held: tuple[Refusal, ...]
    """Records from other tills that cannot be applied here yet, with why (tried each sync)."""
    last_sync_at: datetime | None
    last_error: str
    offline_since: datetime | None


class HubService:
    """The shop hub as this till sees it: join, sync, status."""

    def __init__(self, db: Database, settings: SettingsService) -> None:
        """Sync the till whose database is ``db``."""
        self._db = db
        self._settings = settings

    # -- joining ---------------------------------------------------------------------------

    def join(
        self,
        url: str,
        till_name: str,
        *,
        password: str = "",
        approval: Approval | None = None,
        progress: Progress | None = None,
    ) -> SyncResult:
        """Register this till in the hub at ``url`` as ``till_name``, then send what it holds.

        Every sale and cost goes to the hub: joining is an owner's job, or a
        cashier's with an owner's ``approval``. ``progress`` hears the joining
        and the first sync (see :meth:`sync`, and how a cancel stops it).
        """
        progress = progress or quiet()
        progress.begin(_("Joining the hub"))
        with self._settings.access.permit(Permission.EXPORT, approval=approval):
            self._join(HubAddress.parse(url, password), till_name)
        return self.sync(progress=progress)

    def _join(self, address: HubAddress, till_name: str) -> None:
        name = till_name.strip()
        if not name or len(name) > NAME_LENGTH:
            raise UserError(_("A till name has 1 to {count} characters.").format(count=NAME_LENGTH))
        self._settings.ensure_till_identity()
        link = state.load(self._db)
        engine = hub_engine(address)
        try:
            with (
                hub_connection(engine, address) as connection,
                watchdog(connection),
                connection.begin(),
            ):
                shop, code = self._enrol(connection, address, link, name)
        finally:
            engine.dispose()
        if code != self._settings.load().till_code:
            self._settings.update(till_code=code)
        if self._db.path is not None and address.password:
            address.write_password_file(password_file(self._db.path))
        with self._db.writing() as session:
            row = state.row(session)
            row.url = address.url.render_as_string()
            row.till_name = name
            row.shop_id = shop
            row.joined_at = utcnow()
            row.last_error = ""
        log.info("joined the hub %s as %s", address.shown(), name)

    def _enrol(
        self, connection: Connection, address: HubAddress, link: state.Link, name: str
    ) -> tuple[str, str]:
        """Register this till in the hub (inside the caller's transaction).

        Returns the hub's shop id and this till's code: its own, or the first
        letter no other till of the hub uses, so receipt numbers never collide.
        """
        settings = self._settings.load()
        check_schema(connection, address)
        shop = self._register(connection, link, name, settings.till_id)
        agree_currency(connection, settings.currency_code)
        tills = HubTill.core_table()
        taken = set(
            connection.scalars(select(tills.c.code).where(tills.c.till_id != settings.till_id))
        )
        code = settings.till_code
        if code in taken:
            free = [letter for letter in ascii_uppercase if letter not in taken]
            if not free:
                raise HubRefused(_("Every till code from A to Z is taken in this hub."))
            code = free[0]
        values = {"name": name, "code": code[:16]}
        found = connection.scalar(
            select(tills.c.till_id).where(tills.c.till_id == settings.till_id)
        )
        if found is None:
            connection.execute(
                tills.insert().values(till_id=settings.till_id, joined_at=utcnow(), **values)
            )
        else:
            connection.execute(
                update(tills).where(tills.c.till_id == settings.till_id).values(**values)
            )
        return shop, code

    @staticmethod
    def _register(connection: Connection, link: state.Link, name: str, till_id: str) -> str:
        shop = shop_id(connection)
        if link.shop_id and link.shop_id != shop:
            raise HubRefused(
                _(
                    "This till belongs to another shop's hub, so it cannot join this one. "
                    "A till joins one shop only."
                )
            )
        taken = connection.scalar(select(HubTill.till_id).where(HubTill.name == name))
        if taken is not None and taken != till_id:
            raise HubRefused(
                _("Another till in this hub is called {name}. Choose another name.").format(
                    name=name
                )
            )
        return shop

    def test(self, url: str, password: str = "") -> str:
        """Reach the hub at ``url`` and check it is set up; the hub as people see it.

        Raises HubUnreachable or HubRefused (with what to do) otherwise.
        """
        address = HubAddress.parse(url, password)
        engine = hub_engine(address)
        try:
            with (
                hub_connection(engine, address) as connection,
                watchdog(connection),
                connection.begin(),
            ):
                check_schema(connection, address)
        finally:
            engine.dispose()
        return address.shown()

    # -- syncing ---------------------------------------------------------------------------

    def address(self) -> HubAddress:
        """The hub this till joined; UserError when it joined none."""
        link = state.load(self._db)
        if not link.joined:
            raise UserError(
                _("This till has not joined a shop hub. Join one first: {command}").format(
                    command="bazaar-pos hub join URL --till NAME"
                )
            )
        return HubAddress(make_url(link.url))

    def sync(self, *, progress: Progress | None = None) -> SyncResult:
        """Send every waiting record, then receive and apply what other tills sent.

        Raises HubUnreachable (nothing lost; sync again later) or HubRefused; the
        error is kept for ``status``. ``progress`` hears the records sent and
        received. Each batch is whole on both sides once it is counted (a record
        is marked sent only after the hub's COMMIT; received ones are applied
        with the cursor in one transaction), so a cancel stops between batches
        with SyncStopped, keeping them, and the next sync carries on.
        """
        progress = progress or quiet()
        address = self.address()
        link = state.load(self._db)
        till_id = self._settings.load().till_id
        passfile = password_file(self._db.path) if self._db.path is not None else None
        engine = hub_engine(address, passfile if passfile and passfile.exists() else None)
        tally = _Tally()
        try:
            with hub_connection(engine, address) as connection:
                with watchdog(connection), connection.begin():
                    check_schema(connection, address)
                    check_member(connection, till_id, link.shop_id)
                    currency = hub_currency(connection)
                progress.begin(_("Sending records to the hub"), outbox.waiting_count(self._db))
                while batch := outbox.next_batch(self._db, PUSH_BATCH):
                    with watchdog(connection):
                        pushed = push_batch(connection, till_id, link.shop_id, currency, batch)
                    outbox.mark(self._db, pushed.sent, pushed.refused)
                    tally.sent += len(pushed.sent)
                    tally.refused += len(pushed.refused)
                    progress.advance(len(batch))
                applied = self._pull(connection, till_id, progress, tally)
        except Cancelled:
            log.info("sync stopped: %d sent, %d received", tally.sent, tally.received)
            raise SyncStopped(tally.sent, tally.received) from None
        except (HubUnreachable, HubRefused) as exc:
            self._remember_failure(exc)
            raise
        except Exception as exc:  # a bug or a record this till cannot take: say so, not "in step"
            log.exception("the sync with the shop hub failed")
            self._remember_failure(
                UserError(
                    _("The last sync failed ({problem}); see the log file.").format(
                        problem=type(exc).__name__
                    )
                )
            )
            raise
        finally:
            engine.dispose()
        with self._db.writing() as session:
            row = state.row(session)
            row.last_sync_at = utcnow()
            row.last_error = ""
            row.offline_since = None
        changes = Changes(
            products=bool(applied.products or applied.movements or applied.consignors),
            stock=bool(applied.movements),
            sales=bool(
                applied.sales
                or applied.refunds
                or applied.settlements
                or applied.shifts
                or applied.linked
            ),
        )
        return SyncResult(tally.sent, tally.refused, tally.received, applied, changes)

    def _pull(
        self, connection: Connection, till_id: str, progress: Progress, tally: _Tally
    ) -> Applied:
        records = HubRecord.core_table()
        total = Applied()
        first = True
        with watchdog(connection), connection.begin():
            waiting = connection.scalar(
                select(func.count())
                .select_from(records)
                .where(records.c.seq > state.load(self._db).cursor, records.c.till_id != till_id)
            )
        progress.begin(_("Receiving records from other tills"), waiting or 0)
        while True:
            cursor = state.load(self._db).cursor
            held = outbox.held_uuids(self._db)
            with watchdog(connection), connection.begin():
                rows = connection.execute(
                    select(
                        records.c.seq,
                        records.c.uuid,
                        records.c.kind,
                        records.c.till_id,
                        records.c.payload,
                    )
                    .where(records.c.seq > cursor, records.c.till_id != till_id)
                    .order_by(records.c.seq)
                    .limit(PULL_BATCH)
                ).all()
                tills = connection.execute(
                    select(HubTill.till_id, HubTill.name, HubTill.code)
                ).all()
                again = (
                    connection.execute(
                        select(
                            records.c.seq,
                            records.c.uuid,
                            records.c.kind,
                            records.c.till_id,
                            records.c.payload,
                        )
                        .where(records.c.uuid.in_(held))
                        .order_by(records.c.seq)
                    ).all()
                    if held and (rows or first)
                    else []
                )
            first = False
            if not rows and not again:
                return total
            retried = {row.uuid for row in again}
            pulled = [decode(*row) for row in again] + [
                decode(*row) for row in rows if row.uuid not in retried
            ]
            with writing_users(self._db) as session:  # users may come too
                row = state.row(session)
                row.applying = True
                session.flush()
                applied = apply_pulled(session, pulled)
                _remember_tills(session, tills, till_id)
                if rows:
                    row.cursor = rows[-1].seq
                row.applying = False
            tally.received += len(rows)
            total.add(applied)
            if not rows:
                return total
            progress.advance(len(rows))  # the batch is in: a cancel stops here, keeping it

    def _remember_failure(self, exc: UserError) -> None:
        with self._db.writing() as session:
            row = state.row(session)
            row.last_error = exc.message
            if isinstance(exc, HubUnreachable) and row.offline_since is None:
                row.offline_since = utcnow()

    # -- status ----------------------------------------------------------------------------

    def status(self) -> HubStatus:
        """How this till stands with its hub."""
        link = state.load(self._db)
        hub = HubAddress(make_url(link.url)).shown() if link.url else ""
        return HubStatus(
            joined=link.joined,
            hub=hub,
            till_name=link.till_name,
            waiting=outbox.waiting_count(self._db),
            refused=tuple(outbox.refusals(self._db)),
            held=tuple(outbox.refusals(self._db, outbox.HELD)),
            last_sync_at=link.last_sync_at,
            last_error=link.last_error,
            offline_since=link.offline_since,
        )


def _remember_tills(session: Session, tills: Sequence[Row[str, str, str]], own: str) -> None:
    """Name the other tills in ``tills`` here, so reports by till show their codes."""
    for till_id, name, code in tills:
        if till_id == own:
            continue
        till = session.get(Till, till_id)
        if till is None:
            session.add(Till(till_id=till_id, code=code, shop_name=name, last_bundle_at=utcnow()))
        else:
            till.code, till.shop_name = code, name

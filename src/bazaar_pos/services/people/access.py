"""Who is signed in and what they may do: PIN sign-in with lockout, owner approvals.

The shop holds one ``AccessControl``. Services ask it, inside each call, whether
the person signed in may do what the call does (:meth:`AccessControl.permit`);
a cashier is refused with ``PermissionDenied`` unless the call carries an
``Approval`` an owner gave on the spot with their PIN (:meth:`AccessControl.approve`).
An approval is good for one call (or, to look at costs or the audit log, for a
few minutes), for the permissions it names.

A shop without users is worked by its owner alone: nobody signs in and
everything is allowed. Once a user exists, someone must sign in.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import (
    LOOKING,
    SHOP_OWNER,
    Actor,
    Permission,
    Role,
    describe,
    lockout_seconds,
)
from bazaar_pos.errors import NotFoundError, UserError, ValidationError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.pins import hash_pin, needs_rehash, verify_pin
from bazaar_pos.services.records import load_record, writing_settings
from bazaar_pos.store.database import Database
from bazaar_pos.store.memo import USERS
from bazaar_pos.store.models import Setting, User
from bazaar_pos.store.types import utcnow

MAX_TRIES = 5
"""Wrong PINs in a row before the user is locked out for a while."""
APPROVAL_MINUTES = 10
"""How long an owner's approval can wait to be used (a discount approved, then payment)."""

_PREFIX = "access."


@contextmanager
def writing_users(db: Database) -> Iterator[Session]:
    """A write transaction that adds or changes users; whether there are users is read again.

    Every write of the users table goes through here, so that
    :meth:`AccessControl.sign_in_required` never answers from before the change.
    """
    try:
        with db.writing() as session:
            yield session
    finally:
        db.memo.forget(USERS)


class SignInRequired(UserError):
    """Nobody is signed in, and the shop has users: someone must sign in first."""

    def __init__(self) -> None:
        """Say that someone must sign in."""
        super().__init__(_("Sign in first."))


class PermissionDenied(UserError):
    """The person signed in may not do this; ``needed`` says what an owner must approve."""

    def __init__(self, needed: frozenset[Permission], message: str | None = None) -> None:
        """Refuse for lack of ``needed``."""
        super().__init__(
            message
            or _("Only an owner may {what}. An owner can approve it here with their PIN.").format(
                what=describe(needed)
            )
        )
        self.needed = needed


class WrongPin(UserError):
    """The PIN typed is not the user's; ``tries_left`` before a lockout."""

    def __init__(self, tries_left: int) -> None:
        """Say the PIN is wrong and how many tries are left."""
        super().__init__(
            ngettext(
                "Wrong PIN. {count} more try before a lockout.",
                "Wrong PIN. {count} more tries before a lockout.",
                tries_left,
            ).format(count=tries_left)
        )
        self.tries_left = tries_left


class LockedOut(UserError):
    """Too many wrong PINs: the user cannot sign in or approve until ``until``."""

    def __init__(self, name: str, until: datetime) -> None:
        """Say who is locked out and until when (local time)."""
        super().__init__(
            _("Too many wrong PINs. {name} is locked out until {time}.").format(
                name=name, time=until.astimezone().strftime("%H:%M:%S")
            )
        )
        self.until = until


@dataclass(frozen=True, slots=True)
class AccessSettings:
    """The owner's rules: the largest discount a cashier may give, and the idle lock."""

    discount_limit_percent: int = 10
    lock_after_minutes: int = 5

    def problems(self) -> list[str]:
        """Every value that cannot be used."""
        found = []
        if not 0 <= self.discount_limit_percent <= 100:
            found.append(_("The discount limit is a percentage from 0 to 100."))
        if not 0 <= self.lock_after_minutes <= 24 * 60:
            found.append(_("Lock after 0 (never) to 1440 minutes."))
        return found


@dataclass(frozen=True, slots=True)
class Approval:
    """An owner's yes, given with their PIN, to one call needing ``permissions``."""

    token: str
    permissions: frozenset[Permission]
    owner: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Grant:
    """Who is doing a permitted call, and which owner approved it (if one had to)."""

    actor: Actor
    approver: str | None = None

    def details(self) -> dict[str, str]:
        """What to add to the call's audit event: the approving owner."""
        return {"approved_by": self.approver} if self.approver else {}


@dataclass(frozen=True, slots=True)
class _PinCheck:
    ok: bool
    actor: Actor
    tries_left: int
    locked_until: datetime | None


class AccessControl:
    """The person at the till, their permissions, and owner approvals, for one shop."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utcnow) -> None:
        """Guard ``db``; ``clock`` gives the time (tests move it on)."""
        self._db = db
        self.clock = clock
        self._actor: Actor | None = None
        self._approvals: dict[str, Approval] = {}
        self._lock = threading.Lock()

    # -- who is here ---------------------------------------------------------

    @property
    def actor(self) -> Actor | None:
        """Who is signed in; the owner of a shop without users; None when nobody is."""
        if self._actor is not None:
            return self._actor
        return None if self.sign_in_required() else SHOP_OWNER

    def sign_in_required(self) -> bool:
        """Whether the shop has active users, so that someone must sign in.

        Remembered until users are written through :func:`writing_users`.
        """
        return self._db.memo.recall(USERS, "active", self._has_active_users)

    def _has_active_users(self) -> bool:
        users = User.core_table()
        query = select(func.count(users.c.id)).where(users.c.active)
        with self._db.reading_rows() as connection:  # asked as the till starts: no ORM
            return bool(connection.scalar(query))

    def require_actor(self) -> Actor:
        """The person signed in; SignInRequired when nobody is."""
        actor = self.actor
        if actor is None:
            raise SignInRequired
        return actor

    def may(self, permission: Permission) -> bool:
        """Whether the person signed in may do ``permission`` without an approval."""
        actor = self.actor
        return actor is not None and actor.may(permission)

    def allows(self, *permissions: Permission, approval: Approval | None = None) -> bool:
        """Whether a call needing ``permissions`` would be let through now, with ``approval``.

        For screens deciding what to show; it spends no approval.
        """
        actor = self.actor
        if actor is None:
            return False
        missing = frozenset(p for p in permissions if not actor.may(p))
        if not missing:
            return True
        if approval is None:
            return False
        with self._lock:
            stored = self._approvals.get(approval.token)
        return (
            stored is not None
            and stored.expires_at > self.clock()
            and missing <= stored.permissions
        )

    def act_as(self, actor: Actor) -> None:
        """Work as ``actor`` without a PIN: the command line, or a new shop's first owner."""
        with self._lock:
            self._actor = actor
            self._approvals.clear()

    def sign_in(self, name: str, pin: str) -> Actor:
        """Check ``name``'s PIN and sign them in; WrongPin or LockedOut when it fails."""
        check = self._check_pin(name, pin, purpose="sign_in")
        self.act_as(check.actor)
        return check.actor

    def sign_out(self, *, locked: bool = False) -> None:
        """End the session: on leaving (``locked`` when the till locked itself when idle)."""
        actor = self._actor
        with self._lock:
            self._actor = None
            self._approvals.clear()
        if actor is not None and actor.user_id is not None:
            with self._db.writing() as session:
                record_event(
                    session,
                    "user.locked" if locked else "user.signed_out",
                    actor=actor.name,
                    entity="user",
                    entity_ref=actor.name,
                )

    # -- approvals -----------------------------------------------------------

    def owners(self) -> list[str]:
        """The names of the active owners, who can approve."""
        with self._db.reading() as session:
            return list(
                session.scalars(
                    select(User.name)
                    .where(User.active, User.role == Role.OWNER.value)
                    .order_by(User.name)
                )
            )

    def approve(
        self, pin: str, permissions: frozenset[Permission], *, owner: str | None = None
    ) -> Approval:
        """An owner's approval of ``permissions``, given by typing their PIN.

        With one owner, ``owner`` may be left out. A wrong PIN counts towards
        that owner's lockout, as at sign-in.
        """
        if owner is None:
            owners = self.owners()
            if len(owners) != 1:
                raise ValidationError(_("Choose which owner approves."))
            owner = owners[0]
        check = self._check_pin(owner, pin, purpose="approval", permissions=permissions)
        if check.actor.role is not Role.OWNER:
            raise PermissionDenied(permissions, _("Only an owner can approve."))
        approval = Approval(
            token=secrets.token_hex(16),
            permissions=frozenset(permissions),
            owner=check.actor.name,
            expires_at=self.clock() + timedelta(minutes=APPROVAL_MINUTES),
        )
        with self._lock:
            self._approvals[approval.token] = approval
        return approval

    @contextmanager
    def permit(self, *permissions: Permission, approval: Approval | None = None) -> Iterator[Grant]:
        """Let the block run if the person signed in may do ``permissions``, or an owner approved.

        Raises SignInRequired or PermissionDenied before the block runs. An
        approval is spent only when the block ends without an error, so a call
        that fails for another reason can be tried again with it. An approval
        only to look (costs, the audit log) is not spent: it lasts until it expires.
        """
        actor = self.require_actor()
        missing = frozenset(p for p in permissions if not actor.may(p))
        if not missing:
            yield Grant(actor)
            return
        if approval is None:
            raise PermissionDenied(missing)
        with self._lock:
            stored = self._approvals.get(approval.token)
        if stored is None or stored.expires_at <= self.clock():
            raise PermissionDenied(
                missing, _("That approval was already used or has expired. Ask again.")
            )
        if not missing <= stored.permissions:
            raise PermissionDenied(missing)
        yield Grant(actor, stored.owner)
        if not missing <= LOOKING:
            with self._lock:
                self._approvals.pop(approval.token, None)

    # -- the owner's rules ---------------------------------------------------

    def settings(self) -> AccessSettings:
        """The discount limit and the idle lock."""
        return load_record(self._db, _PREFIX, AccessSettings)

    def configure(self, *, approval: Approval | None = None, **changes: object) -> AccessSettings:
        """Change the discount limit or the idle lock (an owner's setting), audited."""
        before = self.settings()
        updated = replace(before, **changes)  # type: ignore[arg-type]
        problems = updated.problems()
        if problems:
            raise ValidationError(_("The settings were not saved."), problems)
        old, new = asdict(before), asdict(updated)
        changed = {key: value for key, value in new.items() if old[key] != value}
        needed = (Permission.CHANGE_SETTINGS,) if changed else ()
        with (
            self.permit(*needed, approval=approval) as grant,
            writing_settings(self._db) as session,
        ):
            for key, value in changed.items():
                session.merge(Setting(key=_PREFIX + key, value=json.dumps(value)))
            if changed:
                record_event(
                    session,
                    "settings.changed",
                    actor=grant.actor.name,
                    entity="settings",
                    details={key: old[key] for key in changed} | {"new": changed} | grant.details(),
                )
        return updated

    # -- PIN checks ----------------------------------------------------------

    def _check_pin(
        self,
        name: str,
        pin: str,
        *,
        purpose: str,
        permissions: frozenset[Permission] = frozenset(),
    ) -> _PinCheck:
        """Check a PIN against the lockout, record the outcome, raise when it is wrong."""
        now = self.clock()
        with self._db.reading() as session:
            user = session.scalar(select(User).where(User.name == name, User.active))
            if user is None:
                raise NotFoundError(_("There is no active user named {name}.").format(name=name))
            if user.locked_until is not None and user.locked_until > now:
                raise LockedOut(user.name, user.locked_until)
            stored = user.pin_hash
        ok = verify_pin(pin, stored)
        fresh_hash = hash_pin(pin) if ok and needs_rehash(stored) else None
        with writing_users(self._db) as session:
            check = _record_pin_check(
                session, name, ok, now, purpose, permissions, self._actor, fresh_hash
            )
        if check.locked_until is not None:
            raise LockedOut(name, check.locked_until)
        if not check.ok:
            raise WrongPin(check.tries_left)
        return check


def _record_pin_check(
    session: Session,
    name: str,
    ok: bool,
    now: datetime,
    purpose: str,
    permissions: frozenset[Permission],
    current: Actor | None,
    fresh_hash: str | None,
) -> _PinCheck:
    user = session.scalar(select(User).where(User.name == name))
    assert user is not None
    actor = Actor(user.name, Role(user.role), user.id)
    asked_by = current.name if current is not None else ""
    wanted = sorted(p.value for p in permissions)
    if ok:
        user.failed_pins, user.lockouts, user.locked_until = 0, 0, None
        if fresh_hash is not None:
            user.pin_hash = fresh_hash
        if purpose == "sign_in":
            record_event(session, "user.signed_in", actor=name, entity="user", entity_ref=name)
        else:
            record_event(
                session,
                "approval.granted",
                actor=asked_by,
                entity="user",
                entity_ref=name,
                details={"owner": name, "permissions": wanted},
            )
        return _PinCheck(True, actor, MAX_TRIES, None)
    user.failed_pins += 1
    locked_until = None
    details: dict[str, object] = {"failed_in_a_row": user.failed_pins}
    if purpose != "sign_in":
        details |= {"permissions": wanted}
    record_event(
        session,
        "user.sign_in_failed" if purpose == "sign_in" else "approval.refused",
        actor=name if purpose == "sign_in" else asked_by,
        entity="user",
        entity_ref=name,
        details=details,
    )
    if user.failed_pins >= MAX_TRIES:
        user.lockouts += 1
        user.failed_pins = 0
        seconds = lockout_seconds(user.lockouts)
        locked_until = now + timedelta(seconds=seconds)
        user.locked_until = locked_until
        record_event(
            session,
            "user.locked_out",
            actor=name,
            entity="user",
            entity_ref=name,
            details={"seconds": seconds, "lockouts": user.lockouts},
        )
    return _PinCheck(False, actor, MAX_TRIES - user.failed_pins, locked_until)

"""Users of the till: adding owners and cashiers, setting PINs, disabling (never deleting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.access import Actor, Permission, Role, name_problems, pin_problems
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import AccessControl, Approval, writing_users
from bazaar_pos.services.people.pins import hash_pin
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import User


@dataclass(frozen=True, slots=True)
class UserView:
    """A user as lists and commands show them; never the PIN or its hash."""

    id: int
    name: str
    role: Role
    active: bool
    locked_until: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserView:
        """Copy the fields of a stored user that may be shown."""
        return cls(
            id=user.id,
            name=user.name,
            role=Role(user.role),
            active=user.active,
            locked_until=user.locked_until,
            created_at=user.created_at,
        )


class UsersService:
    """Adds users, sets their PINs and disables them; an owner's job, audited."""

    def __init__(self, db: Database, access: AccessControl) -> None:
        """Keep the users of ``db``; ``access`` says who is asking."""
        self._db = db
        self._access = access

    def users(self, *, include_disabled: bool = True) -> list[UserView]:
        """Every user, owners first, then by name."""
        query = select(User).order_by(User.role.desc(), func.lower(User.name))
        if not include_disabled:
            query = query.where(User.active)
        with self._db.reading() as session:
            return [UserView.of(user) for user in session.scalars(query)]

    def add(self, name: str, role: Role, pin: str, *, approval: Approval | None = None) -> UserView:
        """Add a user with a PIN; the first user of a shop must be an owner.

        Adding the first owner signs them in: from then on the shop asks for a PIN.
        """
        name = name.strip()
        problems = name_problems(name) + pin_problems(pin)
        if problems:
            raise ValidationError(_("The user was not added."), problems)
        first = not self._access.sign_in_required()
        if first and role is not Role.OWNER:
            raise ValidationError(
                _("The user was not added."),
                [_("Add the owner first: an owner approves what cashiers may not do.")],
            )
        pin_hash = hash_pin(pin)
        with (
            self._access.permit(Permission.MANAGE_USERS, approval=approval) as grant,
            writing_users(self._db) as session,
        ):
            if _by_name(session, name, case_insensitive=True) is not None:
                raise ValidationError(
                    _("The user was not added."),
                    [_("There is already a user named {name}.").format(name=name)],
                )
            user = User(name=name, role=role.value, pin_hash=pin_hash, active=True)
            session.add(user)
            session.flush()
            record_event(
                session,
                "user.added",
                actor=grant.actor.name,
                entity="user",
                entity_ref=name,
                details={"role": role.value} | grant.details(),
            )
            view = UserView.of(user)
        if first:
            self._access.act_as(Actor(view.name, view.role, view.id))
        return view

    def set_pin(self, name: str, pin: str, *, approval: Approval | None = None) -> UserView:
        """Give a user a new PIN (anyone may change their own); it also lifts a lockout."""
        problems = pin_problems(pin)
        if problems:
            raise ValidationError(_("The PIN was not changed."), problems)
        actor = self._access.require_actor()
        needed = () if actor.name == name and actor.user_id else (Permission.MANAGE_USERS,)
        pin_hash = hash_pin(pin)
        with (
            self._access.permit(*needed, approval=approval) as grant,
            writing_users(self._db) as session,
        ):
            user = _get(session, name)
            user.pin_hash = pin_hash
            user.failed_pins, user.lockouts, user.locked_until = 0, 0, None
            record_event(
                session,
                "user.pin_changed",
                actor=grant.actor.name,
                entity="user",
                entity_ref=user.name,
                details=grant.details(),
            )
            return UserView.of(user)

    def disable(self, name: str, *, approval: Approval | None = None) -> UserView:
        """Stop a user from signing in; the last owner cannot be disabled, nor oneself."""
        with (
            self._access.permit(Permission.MANAGE_USERS, approval=approval) as grant,
            writing_users(self._db) as session,
        ):
            user = _get(session, name)
            if grant.actor.user_id == user.id:
                raise ValidationError(_("You cannot disable yourself; another owner can."))
            if user.role == Role.OWNER.value and user.active:
                owners = session.scalar(
                    select(func.count(User.id)).where(User.active, User.role == Role.OWNER.value)
                )
                if owners == 1:
                    raise ValidationError(_("{name} is the only owner.").format(name=user.name))
            return self._set_active(session, user, False, grant.actor.name, grant.details())

    def enable(self, name: str, *, approval: Approval | None = None) -> UserView:
        """Let a disabled user sign in again."""
        with (
            self._access.permit(Permission.MANAGE_USERS, approval=approval) as grant,
            writing_users(self._db) as session,
        ):
            user = _get(session, name)
            return self._set_active(session, user, True, grant.actor.name, grant.details())

    @staticmethod
    def _set_active(
        session: Session, user: User, active: bool, actor: str, details: dict[str, str]
    ) -> UserView:
        if user.active != active:
            user.active = active
            record_event(
                session,
                "user.enabled" if active else "user.disabled",
                actor=actor,
                entity="user",
                entity_ref=user.name,
                details=details,
            )
        session.flush()
        return UserView.of(user)


def _by_name(session: Session, name: str, *, case_insensitive: bool = False) -> User | None:
    if case_insensitive:
        return session.scalar(select(User).where(func.lower(User.name) == name.lower()))
    return session.scalar(select(User).where(User.name == name))


def _get(session: Session, name: str) -> User:
    user = _by_name(session, name)
    if user is None:
        raise NotFoundError(_("There is no user named {name}.").format(name=name))
    return user

"""Adding users, PINs and disabling, with the rules that keep a shop from locking itself out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bazaar_pos.domain.access import Permission, Role
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.people.access import LockedOut, PermissionDenied, WrongPin
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import AuditEvent
from tests.helpers.users import CASHIER, CASHIER_PIN, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def shop(db_path):
    opened = Shop.open(db_path)
    act_as(opened, OWNER)
    yield opened
    opened.close()


def actions(shop):
    with shop.db.reading() as session:
        return [
            (e.action, e.actor, e.entity_ref)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_users_are_listed_owners_first_without_their_pins(shop):
    users = shop.users.users()
    assert [(u.name, u.role, u.active) for u in users] == [
        (OWNER, Role.OWNER, True),
        (CASHIER, Role.CASHIER, True),
    ]
    assert not any(hasattr(u, "pin_hash") for u in users)


@pytest.mark.parametrize(
    ("name", "pin", "problem"),
    [
        ("Ani", "12", "A PIN is 4 to 6 digits."),
        ("Ani", "1234567", "A PIN is 4 to 6 digits."),
        ("Ani", "12a4", "A PIN is 4 to 6 digits."),
        ("Ani", "١٢٣٤", "A PIN is 4 to 6 digits."),
        ("Ani", "1111", "too easy to guess"),
        ("Ani", "123456", "too easy to guess"),
        ("Ani", "9876", "too easy to guess"),
        ("", "3690", "The name is empty."),
        ("@cli", "3690", "cannot start with @"),
        ("budi", "3690", "There is already a user named budi."),
    ],
)
def test_bad_names_and_weak_pins_are_refused(shop, name, pin, problem):
    with pytest.raises(ValidationError) as refused:
        shop.users.add(name, Role.CASHIER, pin)
    assert problem in str(refused.value)
    assert len(shop.users.users()) == 2


def test_a_disabled_user_cannot_sign_in_and_can_come_back(shop):
    shop.users.add("Ani", Role.CASHIER, "3690")
    assert shop.users.disable("Ani").active is False
    with pytest.raises(NotFoundError):
        shop.access.sign_in("Ani", "3690")
    shop.users.enable("Ani")
    assert shop.access.sign_in("Ani", "3690").name == "Ani"
    assert ("user.added", OWNER, "Ani") in actions(shop)
    assert ("user.disabled", OWNER, "Ani") in actions(shop)
    assert ("user.enabled", OWNER, "Ani") in actions(shop)


def test_the_only_owner_and_oneself_cannot_be_disabled(shop):
    with pytest.raises(ValidationError, match="cannot disable yourself"):
        shop.users.disable(OWNER)
    shop.users.add("Wayan", Role.OWNER, "2468")
    act_as(shop, "Wayan")
    shop.users.disable(OWNER)
    shop.users.enable(OWNER)
    act_as(shop, OWNER)
    shop.users.disable("Wayan")
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.MANAGE_USERS}))
    with pytest.raises(ValidationError, match="Sari is the only owner"):
        shop.users.disable(OWNER, approval=approval)


def test_cashiers_change_their_own_pin_only(shop):
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied):
        shop.users.set_pin(OWNER, "8642")
    shop.users.set_pin(CASHIER, "5791")
    with pytest.raises(WrongPin):
        shop.access.sign_in(CASHIER, CASHIER_PIN)
    assert shop.access.sign_in(CASHIER, "5791").name == CASHIER
    assert ("user.pin_changed", CASHIER, CASHIER) in actions(shop)


def test_a_new_pin_from_the_owner_lifts_a_lockout(shop):
    for _ in range(5):
        with pytest.raises((WrongPin, LockedOut)):
            shop.access.sign_in(CASHIER, "0000")
    with pytest.raises(LockedOut):
        shop.access.sign_in(CASHIER, CASHIER_PIN)
    act_as(shop, OWNER)
    shop.users.set_pin(CASHIER, "5791")
    assert shop.access.sign_in(CASHIER, "5791").name == CASHIER

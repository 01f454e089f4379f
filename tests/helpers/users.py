"""A shop with an owner and a cashier, made once per run (PIN hashing is slow on purpose)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bazaar_pos.domain.access import Actor, Role
from bazaar_pos.services.shop import Shop

OWNER, OWNER_PIN = "Sari", "2580"
CASHIER, CASHIER_PIN = "Budi", "1470"


@pytest.fixture(scope="session")
def staffed_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migrated template with the owner Sari (PIN 2580) and the cashier Budi (PIN 1470)."""
    path = tmp_path_factory.mktemp("staffed") / "staffed.sqlite"
    shutil.copyfile(template_db, path)
    shop = Shop.open(path)
    try:
        shop.users.add(OWNER, Role.OWNER, OWNER_PIN)
        shop.users.add(CASHIER, Role.CASHIER, CASHIER_PIN)
    finally:
        shop.close()
    return path


@pytest.fixture
def staffed_db_path(staffed_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the shop with an owner and a cashier; nobody is signed in."""
    path = tmp_path / "staffed.sqlite"
    shutil.copyfile(staffed_template, path)
    return path


@pytest.fixture
def staffed(staffed_db_path: Path):
    """The shop with an owner and a cashier, opened; nobody is signed in."""
    opened = Shop.open(staffed_db_path)
    yield opened
    opened.close()


def act_as(shop: Shop, name: str) -> Actor:
    """Work as the user ``name`` without typing a PIN (sign-in itself is tested apart)."""
    (user,) = [u for u in shop.users.users() if u.name == name]
    actor = Actor(user.name, user.role, user.id)
    shop.access.act_as(actor)
    return actor

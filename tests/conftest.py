"""Test set-up: offscreen Qt, English text, and a fresh migrated database file per test."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from bazaar_pos.i18n import set_language
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.database import Database

pytest_plugins = [
    "tests.helpers.sales",
    "tests.helpers.fixtures",
    "tests.helpers.emupos",
    "tests.helpers.receipts",
    "tests.helpers.users",
    "tests.helpers.qt",
    "tests.helpers.postgres",
]


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per run; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    Database.open(path).close()
    return path


@pytest.fixture
def db_path(request: pytest.FixtureRequest, template_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the migrated template database.

    Tests marked ``staffed`` get a copy of the one with an owner and a cashier
    (``tests.helpers.users``).
    """
    staffed = request.node.get_closest_marker("staffed") is not None
    template = request.getfixturevalue("staffed_template") if staffed else template_db
    path = tmp_path / "shop.sqlite"
    shutil.copyfile(template, path)
    return path


JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def shop(db_path: Path) -> Iterator[Shop]:
    """The services over a fresh database; reports follow Jakarta's clock (UTC+7)."""
    opened = Shop.open(db_path, zone=JAKARTA)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def collected_after_widgets(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that drove widgets, free what it left behind while nothing else runs.

    Otherwise Python's collector may free a finished test's Qt objects in the
    middle of a later one, inside a nested event loop while a worker thread
    checks a PIN, which can crash the Qt bindings.
    """
    yield
    if "qtbot" in request.fixturenames:
        gc.collect()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Run every test in English unless it switches language itself."""
    set_language("en")
    yield
    set_language("en")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that drive widgets as gui tests."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)

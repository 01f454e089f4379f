"""The dependency rules of docs/ARCHITECTURE.md, checked on the source."""

import ast
from pathlib import Path

import pytest

import bazaar_pos

PACKAGE = Path(bazaar_pos.__file__).parent

FORBIDDEN = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "bazaar_pos.store",
        "bazaar_pos.services",
        "bazaar_pos.ui",
        "escpos",
        "reportlab",
    ),
    "store": ("PySide6", "bazaar_pos.services", "bazaar_pos.ui"),
    "services": ("PySide6", "bazaar_pos.ui"),
    "exports": ("PySide6", "bazaar_pos.ui"),
    "printing": ("PySide6", "bazaar_pos.ui"),
    "commands": ("PySide6", "bazaar_pos.ui"),
    "ui": ("sqlalchemy", "alembic", "bazaar_pos.store"),
}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    offending = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offending == []


def test_qt_is_imported_only_by_the_gui():
    allowed = {"ui", "app.py"}
    offending = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in allowed
        and any(name.startswith("PySide6") for name in imported_modules(path))
    ]
    assert offending == []


def test_every_module_has_a_docstring():
    missing = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "versions" not in path.parts and not ast.get_docstring(ast.parse(path.read_text()))
    ]
    assert missing == []


def test_only_the_services_that_forget_what_was_remembered_touch_settings_and_users():
    """A new writer of settings or users elsewhere would leave what is remembered stale.

    They are remembered (store/memo.py) until written through writing_settings
    or writing_users.
    """
    allowed = {
        "services/records.py",  # writing_settings
        "services/settings.py",  # writing_settings
        "services/people/access.py",  # writing_settings, writing_users
        "services/people/users.py",  # writing_users
        "services/selling/parked_carts.py",  # the cart snapshot: a settings row nobody remembers
    }
    offending = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith("store/") or where in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offending += [
            f"{where} imports {alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "bazaar_pos.store.models"
            for alias in node.names
            if alias.name in {"Setting", "User"}
        ]
    assert offending == []

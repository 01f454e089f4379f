"""The dependency rules of docs/ARCHITECTURE.md, checked on the source.

The import rules are import-linter contracts in pyproject.toml; this module runs them, and
checks what they cannot say: docstrings, and who may write the remembered tables.
"""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

import bazaar_pos

PACKAGE = Path(bazaar_pos.__file__).parent

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"


def test_the_import_contracts_hold(capsys):
    """The layers, forbidden imports and acyclic siblings of [tool.importlinter] in pyproject.toml.

    The same check as running ``lint-imports``; a broken contract prints what breaks it.
    """
    broken = lint_imports(str(PYPROJECT), no_cache=True, no_logo=True)
    assert broken == 0, capsys.readouterr().out


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

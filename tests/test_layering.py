"""The dependency rules of docs/ARCHITECTURE.md, checked on the source.

The import rules are import-linter contracts in pyproject.toml; this module runs them, and
checks what they cannot say: docstrings, and who may write the remembered tables.
"""

import ast
import subprocess
import sys
from pathlib import Path

import bazaar_pos

PACKAGE = Path(bazaar_pos.__file__).parent

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"
LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(sys.argv[1], no_cache=True, no_logo=True))"
)


def test_the_import_contracts_hold():
    """The layers, forbidden imports and acyclic siblings of [tool.importlinter] in pyproject.toml.

    The same check as running ``lint-imports``, in a process of its own: import-linter sets up
    logging as a command does, which would silence the app's loggers for later tests.
    """
    run = subprocess.run(
        [sys.executable, "-c", LINT, str(PYPROJECT)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


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
        "services/column_presets.py",  # writing_settings
        "services/hub/schema.py",  # the hub's own settings rows, on PostgreSQL
        "services/hub/payloads.py",  # reads users to send them
        "services/hub/apply.py",  # users pulled from the hub, inside writing_users
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

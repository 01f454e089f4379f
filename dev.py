#!/usr/bin/env python3
"""Developer entry point: sets up .venv on first use, then runs the app or the tests.

python3 dev.py run --demo     start the app on a fresh demo shop
python3 dev.py test           run the whole test suite (and lint)
python3 dev.py bench          run the benchmarks (python -m benchmarks; --help for options)
python3 dev.py ARGS...        any bazaar-pos command, e.g. `python3 dev.py check`
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the app with its test tools when pyproject.toml changed."""
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp():
        return
    print("Installing Bazaar POS and its test tools into .venv ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(_wanted_stamp())


def run_tests(extra: list[str]) -> int:
    """Lint, type-check, run every test with coverage, and hold the domain to full branch coverage.

    The import rules (import-linter's contracts) run inside the tests (tests/test_layering.py).
    """
    lint_paths = [
        p for p in ("src", "tests", "benchmarks", "scripts", "dev.py") if (ROOT / p).exists()
    ]
    steps = [
        [str(PYTHON), "-m", "ruff", "check", *lint_paths],
        [str(PYTHON), "-m", "mypy"],  # src/, as [tool.mypy] in pyproject.toml says
        [str(PYTHON), "-m", "pytest", "--cov=bazaar_pos", "--cov-report=", *extra],
        [
            str(PYTHON),
            "-m",
            "coverage",
            "report",
            "--fail-under=100",
            "--show-missing",
            "--include=*/bazaar_pos/domain/*",
        ],
    ]
    for step in steps:
        code = subprocess.run(step, cwd=ROOT).returncode
        if code:
            return code
    return 0


def update_translations() -> int:
    """Extract every marked string into the template, merge it into id.po, compile the .mo."""
    folder = ROOT / "resources" / "translations"
    template = folder / "bazaar_pos.pot"
    pybabel = [str(PYTHON), "-m", "babel.messages.frontend"]
    extract = [
        *pybabel,
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_",
        "-k",
        "N_",
        "-k",
        "ngettext:1,2",
        "--no-location",
        "--sort-output",
        "--project",
        "Bazaar POS",
        "-o",
        str(template),
        "src",
    ]
    catalogue = folder / "id.po"
    update = [*pybabel, "update", "--no-fuzzy-matching", "--ignore-obsolete"]
    if not catalogue.exists():
        update = [*pybabel, "init"]
    update += ["-i", str(template), "-o", str(catalogue), "-l", "id"]
    compile_mo = [
        str(PYTHON),
        "-c",
        "import sys, pathlib; from bazaar_pos.i18n import compile_catalogues; "
        "compile_catalogues(pathlib.Path(sys.argv[1]))",
        str(folder),
    ]
    for step in (extract, update, compile_mo):
        code = subprocess.run(step, cwd=ROOT).returncode
        if code:
            return code
    return 0


def main(argv: list[str]) -> int:
    """Dispatch ``run``, ``test``, ``bench``, ``i18n`` or any bazaar-pos command."""
    ensure_environment()
    if argv[:1] == ["test"]:
        return run_tests(argv[1:])
    if argv[:1] == ["i18n"]:
        return update_translations()
    if argv[:1] == ["bench"]:
        return subprocess.run([str(PYTHON), "-m", "benchmarks", *argv[1:]], cwd=ROOT).returncode
    args = argv[1:] if argv[:1] == ["run"] else argv
    return subprocess.run([str(PYTHON), "-m", "bazaar_pos", *args], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

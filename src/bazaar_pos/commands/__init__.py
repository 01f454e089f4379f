"""Headless sub-commands of ``bazaar-pos``; each module registers its own parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the GUI and --version load no sub-command, nor the shop for them
    from bazaar_pos.services.shop import Shop

Runner = Callable[["Shop", argparse.Namespace], int]
"""A sub-command run on the open shop: ``set_defaults(run=...)``."""
FileRunner = Callable[[Path, argparse.Namespace], int]
"""A sub-command run on the database file, never opened first: ``set_defaults(run_file=...)``.

Sub-commands hold the one-app-per-database lock unless they only read and
say ``set_defaults(shared=True)``.
"""
Subparsers = argparse._SubParsersAction

EXIT_OK, EXIT_PROBLEM, EXIT_BUG = 0, 1, 70

"""Headless sub-commands of ``bazaar-pos``; each module registers its own parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bazaar_pos.services.shop import Shop

Runner = Callable[[Shop, argparse.Namespace], int]
Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]

EXIT_OK, EXIT_PROBLEM, EXIT_BUG = 0, 1, 70

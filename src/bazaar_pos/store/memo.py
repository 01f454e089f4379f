"""Values read from the database and kept until a write says they changed.

The one-app-per-database lock (``store/lock.py``) means only this process
writes the shop, so what it read stays true until it writes again itself. A
service that writes one of the remembered topics calls :meth:`Memo.forget`
after its transaction, and closing the database (a restore puts another file
in its place) forgets everything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

Value = TypeVar("Value")

SETTINGS = "settings"
"""The settings table: shop, access and printer settings."""
USERS = "users"
"""The users table: whether the shop has users, so that someone must sign in."""


class Memo:
    """Remembered reads, grouped by topic; safe to share between threads."""

    def __init__(self) -> None:
        """Start with nothing remembered."""
        self._lock = threading.Lock()
        self._versions: dict[str, int] = {}
        self._values: dict[tuple[str, Hashable], tuple[int, object]] = {}

    def recall(self, topic: str, key: Hashable, read: Callable[[], Value]) -> Value:
        """The value remembered under ``key``, or what ``read`` returns, remembered.

        A value read while a write of ``topic`` was being forgotten is returned
        but not kept, so it is read again next time.
        """
        with self._lock:
            version = self._versions.setdefault(topic, 0)
            kept = self._values.get((topic, key))
        if kept is not None and kept[0] == version:
            return kept[1]  # type: ignore[return-value]
        value = read()
        with self._lock:
            if self._versions[topic] == version:
                self._values[(topic, key)] = (version, value)
        return value

    def forget(self, topic: str) -> None:
        """Forget every value of ``topic``: the database changed under it."""
        with self._lock:
            self._versions[topic] = self._versions.get(topic, 0) + 1
            for stored in [k for k in self._values if k[0] == topic]:
                del self._values[stored]

    def forget_all(self) -> None:
        """Forget everything (the database was closed, or replaced by a restore)."""
        with self._lock:
            for topic in self._versions:
                self._versions[topic] += 1
            self._values.clear()

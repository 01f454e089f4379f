"""Long work telling how far it got, and stopping at a safe point when a person cancels.

A service doing something that can take more than a second takes a
:class:`Progress`: it says what it is doing (``begin``) and moves on
(``advance``); each step is also where a cancel is honoured, by raising
:class:`Cancelled` before anything of the step is kept, so the transaction
around the work rolls back. Reports are thinned out to a few dozen a second,
so a step costs next to nothing when nobody watches.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

Report = Callable[[str, int, int], None]
"""Called with what is being done, how many steps are done and how many there are (0: unknown)."""

REPORT_EVERY_S = 0.04
"""Reports come at most this often, besides the first and the last of each stage."""


class Cancelled(UserError):
    """The person stopped the work; nothing of it was kept."""

    def __init__(self) -> None:
        """Say that the work was stopped and nothing was kept."""
        super().__init__(_("Cancelled: nothing was changed."))


class Progress:
    """How far a long job got, passed to whoever shows it; cancelled from any thread."""

    def __init__(
        self, report: Report | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Send reports to ``report`` (None: nobody watches)."""
        self._report = report
        self._clock = clock
        self._stopping = threading.Event()
        self._what = ""
        self._done = 0
        self._total = 0
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        """Whether a person asked the work to stop."""
        return self._stopping.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (safe from any thread)."""
        self._stopping.set()

    def begin(self, what: str, total: int = 0) -> None:
        """Start a stage: ``what`` is being done, in ``total`` steps (0 when not known)."""
        self.check()
        self._what, self._done, self._total = what, 0, max(total, 0)
        self._send(force=True)

    def advance(self, steps: int = 1) -> None:
        """``steps`` more are done; stops here (Cancelled) if a person cancelled."""
        self.check()
        self._done += steps
        self._send(force=self._done >= self._total > 0)

    def reach(self, done: int, total: int | None = None) -> None:
        """``done`` steps are done in all (of ``total``, once known); stops if cancelled."""
        self.check()
        if total is not None:
            self._total = max(total, 0)
        self._done = done
        self._send(force=self._done >= self._total > 0)

    def check(self) -> None:
        """Raise Cancelled if a person asked the work to stop."""
        if self._stopping.is_set():
            raise Cancelled()

    def _send(self, *, force: bool) -> None:
        if self._report is None:
            return
        now = self._clock()
        if force or now - self._last >= REPORT_EVERY_S:
            self._last = now
            self._report(self._what, self._done, self._total)


def quiet() -> Progress:
    """Progress nobody watches and nobody cancels."""
    return Progress()

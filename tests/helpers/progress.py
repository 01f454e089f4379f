"""A Progress that hears every report, for tests of long jobs' stages and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from bazaar_pos.progress import Progress

Heard = list[tuple[str, int, int]]


def every_report(
    heard: Heard, then: Callable[[str, int, int], object] | None = None
) -> Progress:
    """A Progress that adds every report to ``heard`` (no thinning: its clock jumps).

    ``then`` is called after each report, e.g. to cancel at a chosen step.
    """

    def report(what: str, done: int, total: int) -> None:
        heard.append((what, done, total))
        if then is not None:
            then(what, done, total)

    return Progress(report, clock=iter(range(10**6)).__next__)


def stage(heard: Heard, what: str) -> list[tuple[int, int]]:
    """(done, total) of each report of the stage ``what``."""
    return [(done, total) for said, done, total in heard if said == what]

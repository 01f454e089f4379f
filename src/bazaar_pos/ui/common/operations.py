"""Service calls that change the shop: run off the GUI thread, then tell every screen what changed.

An operation is a call into the services that returns :class:`Changes`, or a
result carrying them as ``changes`` (a merge, a restore, a sale). When it
succeeds, :func:`run_operation` broadcasts those changes on the one
:class:`ChangeHub` of the application before the caller's own callback runs, so
the main window can refresh the screens that show what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from bazaar_pos.services.views import Changes
from bazaar_pos.ui.common.jobs import Done, Failed, Jobs


class ChangeHub(QObject):
    """The one object screens listen to for data changed under them.

    Signals:
        changed(Changes): an operation changed these kinds of data.
    """

    changed = Signal(object)


_hub: ChangeHub | None = None


def change_hub() -> ChangeHub:
    """The application's hub, made on first use and kept as long as the application."""
    global _hub
    if _hub is None:
        _hub = ChangeHub(QCoreApplication.instance())
        _hub.setObjectName("changeHub")
        _hub.destroyed.connect(_forget_hub)
    return _hub


def _forget_hub(*_args: object) -> None:
    global _hub
    _hub = None


def changes_of(result: object) -> Changes:
    """The changes a service call's ``result`` reports (none if it reports none)."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else Changes()


def run_operation(
    jobs: Jobs,
    work: Callable[[], Any],
    done: Done,
    failed: Failed,
    *,
    changes: Callable[[Any], Changes] = changes_of,
) -> None:
    """Run ``work`` on ``jobs``; on success broadcast its ``changes``, then call ``done``."""
    jobs.run(work, announcing(done, changes), failed)


def announcing(done: Done, changes: Callable[[Any], Changes] = changes_of) -> Done:
    """``done``, called once the ``changes`` of the result it gets are broadcast.

    For an operation run some other way, such as with a progress window.
    """

    def succeeded(result: Any) -> None:
        what = changes(result)
        if what != Changes():
            change_hub().changed.emit(what)
        done(result)

    return succeeded

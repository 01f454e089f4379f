"""The Qt binding keeps Python's reference counts: a till emits signals all day long.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()`` made
from Python. On Python 3.11, where ``True`` is an ordinary object, the count
runs down with each emit until the interpreter aborts with "bool_dealloc" —
after some thousands of scans and sales in one run of the app, or at exit.
pyproject.toml keeps that release out; this test refuses any binding that
does it again.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

EMITS = 1000


class _Sender(QObject):
    said = Signal(object)
    flag = Signal(bool)


def _references_to_true_after(work: object) -> int:
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(EMITS):
        work()  # type: ignore[operator]
    gc.collect()
    return sys.getrefcount(True) - before


def test_emitting_a_signal_keeps_the_references_to_true(qapp):
    sender = _Sender()
    received: list[object] = []
    sender.said.connect(received.append)
    lost = _references_to_true_after(lambda: sender.said.emit(1))
    lost += _references_to_true_after(lambda: sender.flag.emit(False))
    assert len(received) == EMITS
    assert lost >= 0, f"{-lost} references to True lost in {2 * EMITS} emits"

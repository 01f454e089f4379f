"""A device at the far end of a pseudo-terminal: tests play a scale or read a pole display."""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class SerialPeer:
    """The device side of a pty pair; the app opens :attr:`port` as if it were ``/dev/ttyUSB0``."""

    def __init__(self) -> None:
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line editing: bytes pass as they are
        self.port = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def read(self, seconds: float = 2.0, until: bytes | None = None) -> bytes:
        """What the app wrote, gathered for ``seconds`` or until ``until`` arrives."""
        received = b""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                received += os.read(self.master, 4096)
                if until is not None and until in received:
                    break
        return received

    def send(self, data: bytes) -> None:
        """Bytes from the device to the app."""
        os.write(self.master, data)

    def answer(self, reply: Callable[[bytes], bytes | None]) -> None:
        """Answer each request the app sends with ``reply(request)`` until the peer closes."""

        def serve() -> None:
            while not self._stop.is_set():
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if ready:
                    answer = reply(os.read(self.master, 4096))
                    if answer:
                        self.send(answer)

        self._start(serve)

    def stream(self, line: bytes, every: float = 0.05) -> None:
        """Send ``line`` over and over, as a continuous-output scale does."""

        def serve() -> None:
            while not self._stop.is_set():
                self.send(line)
                time.sleep(every)

        self._start(serve)

    def _start(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self._threads.append(thread)

    def close(self) -> None:
        """Stop answering and close both ends."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        os.close(self.master)
        os.close(self._slave)


@contextmanager
def serial_peer() -> Iterator[SerialPeer]:
    """A :class:`SerialPeer` for the length of a ``with`` block."""
    peer = SerialPeer()
    try:
        yield peer
    finally:
        peer.close()

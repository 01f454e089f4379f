"""A TCP proxy on 127.0.0.1 between a till and PostgreSQL that breaks the link on cue.

Faults, each for the next time its cue passes through (then the proxy passes
bytes again):

- ``lose_reply_after``: forward the client's message containing the cue (say
  ``COMMIT``) to the server, let the server act on it, then cut both sides
  before the answer reaches the client: the outcome is unknown to the client.
- ``reset_at``: cut both sides (with a TCP reset) instead of forwarding the
  ``n``-th message containing the cue: the server never sees it.
- ``blackhole``: accept connections and bytes but forward nothing either way,
  until ``heal``.

Sockets are shut with ``shutdown(SHUT_RDWR)``, which wakes a thread blocked
reading them (a bare ``close`` does not).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field


@dataclass
class _Fault:
    kind: str = ""
    cue: bytes = b""
    countdown: int = 0


@dataclass
class FaultProxy:
    """Listens on ``port`` and forwards to ``target``."""

    target: tuple[str, int]
    host: str = "127.0.0.1"
    port: int = 0
    fault: _Fault = field(default_factory=_Fault)
    blackholed: bool = False
    muted: bool = False
    triggered: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _sockets: list[socket.socket] = field(default_factory=list)
    _closed: bool = False

    def start(self) -> None:
        """Listen and serve in a daemon thread."""
        self._server = socket.create_server((self.host, 0))
        self.port = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        """Stop listening and cut every link."""
        self._closed = True
        _shut(self._server)
        self._server.close()
        for sock in list(self._sockets):
            _shut(sock)
            sock.close()

    def lose_reply_after(self, cue: bytes, nth: int = 1) -> None:
        """Let the ``nth`` message with ``cue`` reach the server, then lose its answer."""
        with self._lock:
            self.fault = _Fault("lose_reply", cue, nth)

    def reset_at(self, cue: bytes, nth: int = 1) -> None:
        """Reset both sides instead of forwarding the ``nth`` message with ``cue``."""
        with self._lock:
            self.fault = _Fault("reset", cue, nth)

    def blackhole(self) -> None:
        """Forward nothing, either way, until :meth:`heal`."""
        self.blackholed = True

    def heal(self) -> None:
        """Pass bytes again."""
        self.blackholed = False

    # -- the plumbing -----------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _address = self._server.accept()
            except OSError:
                return
            self._sockets.append(client)
            if self.blackholed:
                continue  # held open, never answered
            upstream = socket.create_connection(self.target)
            self._sockets.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                if self.blackholed or (self.muted and not from_client):
                    continue
                if from_client and self._cue_in(data):
                    kind = self.fault.kind
                    self.fault = _Fault()
                    self.triggered += 1
                    if kind == "reset":
                        _reset(source)
                        _reset(sink)
                        return
                    self.muted = True
                    sink.sendall(data)
                    time.sleep(0.5)  # the server commits; its answer is then lost
                    _reset(source)
                    _reset(sink)
                    self.muted = False
                    return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _shut(source)
            _shut(sink)

    def _cue_in(self, data: bytes) -> bool:
        with self._lock:
            if not self.fault.kind or self.fault.cue not in data:
                return False
            self.fault.countdown -= 1
            return self.fault.countdown <= 0


def _reset(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _shut(sock)
    sock.close()


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def fault_proxy(host: str, port: int) -> Iterator[FaultProxy]:
    """A started proxy to ``host:port``, closed afterwards."""
    proxy = FaultProxy((host, port))
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.close()

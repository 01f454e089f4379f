"""Counter scales on a serial port: the weight in grams, or a clear reason why there is none.

Two kinds of scale are spoken to:

- ``toledo8217``: the Mettler Toledo 8217 request and answer (many price-computing
  scales offer it, usually at 9600 7E1). The till sends ``W``; the scale answers
  ``STX`` + the weight in kg with three decimals + ``CR``, or ``STX ? status CR``
  when it has no weight to give (bit 0: still moving, bit 4: below zero, bit 5:
  over capacity; bits 2, 3 and 6: a fault inside the scale).
- ``continuous``: scales that keep sending lines such as ``ST,GS,+  0.250kg``
  (``ST`` stable, ``US`` unstable, ``OL`` overload; ``GS`` gross, ``NT`` net),
  usually at 9600 8N1. The newest complete line counts.
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

import serial

from bazaar_pos.devices.serial_line import DeviceError, SerialLine
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.i18n import _

STX, CR = b"\x02", b"\r"
READ_SECONDS = 2.0
_TOLEDO_WEIGHT = re.compile(rb"\x02\s*([0-9]+(?:\.[0-9]+)?)\s*N?\r")
_TOLEDO_STATUS = re.compile(rb"\x02\?(.)\r", re.S)
_CONTINUOUS_LINE = re.compile(
    r"^(ST|US|OL),(GS|NT|TR|G|N),?\s*([+-]?)\s*([0-9]+(?:\.[0-9]+)?)\s*(kg|g|lb)?\s*$", re.I
)
_MOVING, _AT_ZERO, _RAM, _EEPROM, _UNDER, _OVER, _ROM = (1 << bit for bit in range(7))
GRAMS_PER = {"kg": Decimal(1000), "g": Decimal(1)}


class ScaleProtocol(enum.StrEnum):
    """How the scale talks."""

    TOLEDO_8217 = "toledo8217"
    CONTINUOUS = "continuous"


class UnstableWeight(DeviceError):
    """The scale is still moving; the person waits a moment and presses again."""


class ScaleOverload(DeviceError):
    """Too much on the scale, or less than nothing (an empty tray after taring)."""


def read_weight(
    line: SerialLine, protocol: ScaleProtocol, *, seconds: float = READ_SECONDS
) -> int:
    """Ask the scale on ``line`` for the weight on it, in whole grams (halves rounded up)."""
    with line.open(timeout=min(seconds, 0.5)) as port:
        port.reset_input_buffer()
        if protocol is ScaleProtocol.TOLEDO_8217:
            port.write(b"W")
            port.flush()
            return _toledo_answer(_read_until(port, _toledo_done, seconds))
        return _continuous_answer(_read_until(port, _continuous_done, seconds))


def _read_until(port: serial.Serial, done: Callable[[bytes], bool], seconds: float) -> bytes:
    """Bytes from ``port`` until ``done(received)`` or ``seconds`` pass."""
    received = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        received += port.read(max(1, port.in_waiting))
        if done(received):
            return received
    if not received:
        raise DeviceError(
            _("The scale did not answer. Is it switched on, and is the port and speed right?")
        )
    return received


def _toledo_done(received: bytes) -> bool:
    return STX in received and received.rstrip(b"\n").endswith(CR)


def _continuous_done(received: bytes) -> bool:
    return received.count(b"\n") + received.count(b"\r") >= 2  # one whole line after a partial


def _toledo_answer(answer: bytes) -> int:
    weight = _TOLEDO_WEIGHT.search(answer)
    if weight:
        return _grams(weight.group(1).decode("ascii"), "kg")
    status = _TOLEDO_STATUS.search(answer)
    if status is None:
        raise _garbled(answer)
    bits = status.group(1)[0]
    if bits & (_RAM | _EEPROM | _ROM):
        raise DeviceError(_("The scale reports a fault. Switch it off and on again."))
    if bits & _OVER:
        raise ScaleOverload(_("Too much on the scale: it is over its capacity."))
    if bits & _UNDER:
        raise ScaleOverload(_("The scale reads below zero. Empty it and set it to zero."))
    if bits & _MOVING:
        raise UnstableWeight(_("The weight is not steady yet. Wait a moment and read again."))
    if bits & _AT_ZERO:
        return 0
    raise _garbled(answer)


def _continuous_answer(received: bytes) -> int:
    lines = received.decode("ascii", errors="replace").replace("\r", "\n").split("\n")
    complete = [line.strip() for line in lines[:-1] if line.strip()]
    for text in reversed(complete):
        match = _CONTINUOUS_LINE.match(text)
        if match is None:
            continue
        state, _kind, sign, number, unit = match.groups()
        if state.upper() == "OL":
            raise ScaleOverload(_("Too much on the scale: it is over its capacity."))
        if state.upper() == "US":
            raise UnstableWeight(_("The weight is not steady yet. Wait a moment and read again."))
        if sign == "-":
            raise ScaleOverload(_("The scale reads below zero. Empty it and set it to zero."))
        return _grams(number, (unit or "kg").lower())
    raise _garbled(received)


def _grams(number: str, unit: str) -> int:
    per = GRAMS_PER.get(unit)
    if per is None:
        raise DeviceError(
            _("The scale weighs in {unit}. Set it to kilograms.").format(unit=unit)
        )
    try:
        return round_half_up(Decimal(number) * per)
    except InvalidOperation as exc:  # pragma: no cover - the patterns allow digits only
        raise _garbled(number.encode()) from exc


def _garbled(answer: bytes) -> DeviceError:
    return DeviceError(
        _(
            "The scale's answer cannot be read ({answer}). Check the protocol and the "
            "serial settings (speed, 7E1 or 8N1)."
        ).format(answer=answer[:40].decode("ascii", errors="replace").strip() or "-")
    )

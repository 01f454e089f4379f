"""A 2x20 customer pole display (VFD) on a serial port: the last item and the total.

Two command sets are spoken. ``cd5220`` (most cheap poles): ``ESC Q A`` + the
upper line + ``CR`` and ``ESC Q B`` + the lower line + ``CR``. ``escpos`` (Epson
DM-D style): ``ESC @`` resets, ``FF`` clears, ``VT`` goes home, and the 40
characters that follow fill both lines. Text is ASCII, as the displays' code
pages disagree.
"""

from __future__ import annotations

import enum

import serial

from bazaar_pos.devices.serial_line import DeviceError, SerialLine
from bazaar_pos.domain.receipt_layout import to_ascii
from bazaar_pos.i18n import _

WIDTH = 20
ESC, CR, FF, VT = b"\x1b", b"\r", b"\x0c", b"\x0b"


class DisplayCommands(enum.StrEnum):
    """The command set the pole display understands."""

    CD5220 = "cd5220"
    ESCPOS = "escpos"


def fit(text: str) -> str:
    """``text`` as the display can show it: ASCII, at most 20 characters, padded."""
    plain = to_ascii(text)
    return plain[:WIDTH].ljust(WIDTH)


def two_sides(left: str, right: str) -> str:
    """``left`` and ``right`` on one 20-character line, the right part kept whole."""
    right = to_ascii(right)[:WIDTH]
    room = WIDTH - len(right) - (1 if right else 0)
    left = to_ascii(left)[: max(room, 0)]
    return (left.ljust(max(room, 0)) + (" " if right else "") + right)[:WIDTH]


def frames(upper: str, lower: str, commands: DisplayCommands) -> bytes:
    """The bytes that show ``upper`` and ``lower`` on a display of ``commands``."""
    top, bottom = fit(upper).encode("ascii"), fit(lower).encode("ascii")
    if commands is DisplayCommands.CD5220:
        return FF + ESC + b"QA" + top + CR + ESC + b"QB" + bottom + CR
    return ESC + b"@" + FF + VT + top + bottom


class PoleDisplay:
    """Shows two lines on the pole display on ``line``."""

    def __init__(self, line: SerialLine, commands: DisplayCommands) -> None:
        """Talk to the display on ``line`` with ``commands``."""
        self.line = line
        self.commands = commands

    def show(self, upper: str, lower: str) -> None:
        """Replace what the display shows with ``upper`` and ``lower``."""
        data = frames(upper, lower, self.commands)
        try:
            with self.line.open(timeout=1.0) as port:
                port.write(data)
                port.flush()
        except serial.SerialTimeoutException as exc:
            raise DeviceError(
                _("The customer display on {port} does not take data.").format(port=self.line.port)
            ) from exc

"""Opening a serial or USB-serial port with the framing a device speaks (``9600 7E1``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import serial

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

_FRAMING = re.compile(r"^([5-8])([NEOMS])([12])$")
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


class DeviceError(UserError):
    """A scale or display that cannot be reached or answers nonsense; the message says which."""


@dataclass(frozen=True, slots=True)
class SerialLine:
    """Where a device is (``/dev/ttyUSB0``, ``COM3``) and how its bytes are framed."""

    port: str
    baud: int = 9600
    framing: str = "8N1"
    """Data bits, parity (N, E, O) and stop bits, as device manuals write it: ``7E1``."""

    def __post_init__(self) -> None:
        """Refuse settings no serial port takes."""
        if not self.port.strip():
            raise DeviceError(_("Choose the port the device is connected to."))
        if self.baud not in BAUD_RATES:
            raise DeviceError(_("{baud} is not a serial speed.").format(baud=self.baud))
        if not _FRAMING.match(self.framing.upper()):
            raise DeviceError(
                _("{framing!r} is not a serial framing such as 8N1 or 7E1.").format(
                    framing=self.framing
                )
            )

    def open(self, timeout: float) -> serial.Serial:
        """The open port, with reads and writes limited to ``timeout`` seconds."""
        bits, parity, stop = tuple(self.framing.upper())
        try:
            return serial.Serial(
                self.port,
                baudrate=self.baud,
                bytesize=int(bits),
                parity=parity,
                stopbits=int(stop),
                timeout=timeout,
                write_timeout=timeout,
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceError(
                _("The port {port} cannot be opened: is the device plugged in?").format(
                    port=self.port
                )
            ) from exc

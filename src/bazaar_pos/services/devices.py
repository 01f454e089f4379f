"""The devices around the till: the counter scale, the pole display and the customer screen.

Their settings are kept like the shop's and the printer's (a record under
``devices.``, changed by the owner). Reading the scale and writing to the pole
display are slow (up to two seconds): never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bazaar_pos.devices.pole_display import DisplayCommands, PoleDisplay, two_sides
from bazaar_pos.devices.scale import ScaleOverload, ScaleProtocol, UnstableWeight, read_weight
from bazaar_pos.devices.serial_line import BAUD_RATES, DeviceError, SerialLine
from bazaar_pos.domain.access import Permission
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.services.records import load_record, save_record
from bazaar_pos.store.database import Database

__all__ = [
    "BAUD_RATES",
    "DeviceError",
    "DeviceService",
    "DeviceSettings",
    "ScaleOverload",
    "UnstableWeight",
    "two_sides",
]

_PREFIX = "devices."

SCALE_PROTOCOLS = ("toledo8217", "continuous")
"""The scale protocols that can be chosen (``ScaleProtocol`` values)."""
DISPLAY_COMMANDS = ("cd5220", "escpos")
"""The pole display command sets that can be chosen (``DisplayCommands`` values)."""
FRAMINGS = ("8N1", "7E1", "7O1", "8E1", "8O1")
"""The serial framings offered, as scale and display manuals write them."""
USUAL_FRAMING = {"toledo8217": "7E1", "continuous": "8N1"}
"""The framing each scale protocol usually comes with."""


@dataclass(frozen=True, slots=True)
class DeviceSettings:
    """Where the counter scale and the pole display are, and the customer screen's name.

    An empty port means no such device; an empty ``customer_screen`` means no
    customer window. The screen is remembered by the name the system gives it.
    """

    scale_port: str = ""
    scale_baud: int = 9600
    scale_framing: str = "7E1"
    scale_protocol: str = "toledo8217"
    display_port: str = ""
    display_baud: int = 9600
    display_commands: str = "cd5220"
    customer_screen: str = ""

    @property
    def scale_line(self) -> SerialLine | None:
        """The scale's serial line, or None when no scale is set up."""
        if not self.scale_port:
            return None
        return SerialLine(self.scale_port, self.scale_baud, self.scale_framing)

    @property
    def display_line(self) -> SerialLine | None:
        """The pole display's serial line (always 8N1), or None when there is none."""
        if not self.display_port:
            return None
        return SerialLine(self.display_port, self.display_baud, "8N1")

    def problems(self) -> list[str]:
        """Every setting that cannot be used, as translated messages."""
        found = []
        if self.scale_protocol not in SCALE_PROTOCOLS:
            found.append(_("Unknown scale protocol {name}.").format(name=self.scale_protocol))
        if self.display_commands not in DISPLAY_COMMANDS:
            found.append(
                _("Unknown display command set {name}.").format(name=self.display_commands)
            )
        for port, baud, framing in (
            (self.scale_port, self.scale_baud, self.scale_framing),
            (self.display_port, self.display_baud, "8N1"),
        ):
            if port:
                try:
                    SerialLine(port, baud, framing)
                except DeviceError as exc:
                    found.append(str(exc))
        if self.scale_port and self.scale_port == self.display_port:
            found.append(
                _("The scale and the pole display cannot share the port {port}.").format(
                    port=self.scale_port
                )
            )
        return found


@dataclass(frozen=True, slots=True)
class SerialPort:
    """A serial port present on this computer, with what the system says it is."""

    device: str
    label: str


class DeviceService:
    """Reads and checks the device settings; reads the scale and writes to the pole display."""

    def __init__(self, db: Database, access: AccessControl) -> None:
        """Keep the device settings in ``db``; ``access`` says who may change them."""
        self._db = db
        self._access = access

    def settings(self) -> DeviceSettings:
        """The device settings as stored."""
        return load_record(self._db, _PREFIX, DeviceSettings)

    def configure(self, *, approval: Approval | None = None, **changes: object) -> DeviceSettings:
        """Change some device settings after checking them; raise ValidationError if wrong.

        Settings are an owner's job; a cashier needs an owner's ``approval`` (saving
        them unchanged needs none).
        """
        current = self.settings()
        updated = replace(current, **changes)  # type: ignore[arg-type]
        problems = updated.problems()
        if problems:
            raise ValidationError(_("The device settings are not right."), problems)
        needed = (Permission.CHANGE_SETTINGS,) if updated != current else ()
        with self._access.permit(*needed, approval=approval):
            save_record(self._db, _PREFIX, updated)
        return updated

    @staticmethod
    def ports() -> list[SerialPort]:
        """The serial and USB-serial ports present now (slow on some computers)."""
        from serial.tools import list_ports

        found = []
        for port in sorted(list_ports.comports(), key=lambda each: each.device):
            described = port.description and port.description.lower() not in {"n/a", port.device}
            label = (
                _("{port} ({description})").format(port=port.device, description=port.description)
                if described
                else port.device
            )
            found.append(SerialPort(port.device, label))
        return found

    def read_weight(self, settings: DeviceSettings | None = None) -> int:
        """The weight on the counter scale in whole grams; slow: never on the GUI thread.

        Raises UnstableWeight, ScaleOverload or DeviceError with words for the person.
        """
        settings = settings or self.settings()
        line = settings.scale_line
        if line is None:
            raise DeviceError(_("No counter scale is set up (Settings > Devices)."))
        return read_weight(line, ScaleProtocol(settings.scale_protocol))

    def show(self, upper: str, lower: str, settings: DeviceSettings | None = None) -> bool:
        """Show two lines on the pole display; False when none is set up. Slow: not on the GUI."""
        settings = settings or self.settings()
        line = settings.display_line
        if line is None:
            return False
        PoleDisplay(line, DisplayCommands(settings.display_commands)).show(upper, lower)
        return True

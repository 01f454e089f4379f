"""Settings > Devices: the counter scale, the pole display and the customer screen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import N_, _
from bazaar_pos.services.devices import (
    BAUD_RATES,
    DISPLAY_COMMANDS,
    FRAMINGS,
    SCALE_PROTOCOLS,
    USUAL_FRAMING,
    DeviceService,
    DeviceSettings,
    SerialPort,
)
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.settings.storing import store_or_explain
from bazaar_pos.ui.till.counter_devices import screens_by_key
from bazaar_pos.ui.widgets.fields import button, combo

PROTOCOL_NAMES = {
    "toledo8217": N_("Toledo 8217 (the till asks, the scale answers)"),
    "continuous": N_("Continuous (the scale keeps sending)"),
}
COMMAND_NAMES = {
    "cd5220": N_("CD5220 (most pole displays)"),
    "escpos": N_("ESC/POS (Epson-style displays)"),
}


class DevicesSection(QWidget):
    """The device settings, with Find ports, Test read, a greeting on the display and Save.

    Test read and the greeting use the settings shown, saved or not, off the GUI
    thread; Save stores them (an owner's job: a cashier is asked for an owner's PIN).

    Signals:
        saved(): the settings were stored.
    """

    saved = Signal()

    def __init__(
        self, devices: DeviceService, approvals: Approvals | None = None, shop_name: str = ""
    ) -> None:
        """Edit the settings of ``devices``; a cashier asks ``approvals``."""
        super().__init__()
        self.setObjectName("devicesSection")
        self.setAccessibleName(_("Device settings"))
        self._devices = devices
        self._approvals = approvals
        self._shop_name = shop_name
        self._ports_listed = False
        self.background = Jobs(self)
        self._build()
        self.load()

    def _build(self) -> None:
        self.scale_port = _port_box("scalePort", _("Scale port"))
        self.scale_speed = _speed_box("scaleSpeed", _("Scale speed"))
        self.scale_protocol = combo(
            "scaleProtocol",
            _("Scale protocol"),
            ((_(PROTOCOL_NAMES[name]), name) for name in SCALE_PROTOCOLS),
        )
        self.scale_protocol.activated.connect(self._usual_framing)
        self.scale_framing = combo(
            "scaleFraming", _("Scale framing"), ((name, name) for name in FRAMINGS)
        )
        self.scale_framing.setToolTip(
            _("Data bits, parity and stop bits, as the scale's manual writes them")
        )
        self.test_read_button = button("testScaleRead", _("&Test read"), self.test_read)
        self.find_button = button("findPorts", _("F&ind ports"), self.find_ports)
        scale_port_row = QHBoxLayout()
        scale_port_row.addWidget(self.scale_port, 1)
        scale_port_row.addWidget(self.find_button)
        scale = QGroupBox(_("Counter scale"))
        scale.setObjectName("scaleGroup")
        scale_form = QFormLayout(scale)
        _row(scale_form, _("Sca&le port:"), self.scale_port, scale_port_row)
        _row(scale_form, _("Spee&d:"), self.scale_speed)
        _row(scale_form, _("P&rotocol:"), self.scale_protocol)
        _row(
            scale_form,
            _("&Framing:"),
            self.scale_framing,
            _beside(self.scale_framing, self.test_read_button),
        )

        self.display_port = _port_box("displayPort", _("Pole display port"))
        self.display_speed = _speed_box("displaySpeed", _("Pole display speed"))
        self.display_commands = combo(
            "displayCommands",
            _("Pole display commands"),
            ((_(COMMAND_NAMES[name]), name) for name in DISPLAY_COMMANDS),
        )
        self.greet_button = button("testDisplay", _("S&how a greeting"), self.greet)
        display = QGroupBox(_("Pole display"))
        display.setObjectName("poleDisplayGroup")
        display_form = QFormLayout(display)
        _row(display_form, _("Display p&ort:"), self.display_port)
        _row(display_form, _("S&peed:"), self.display_speed)
        _row(
            display_form,
            _("Co&mmands:"),
            self.display_commands,
            _beside(self.display_commands, self.greet_button),
        )

        self.customer_screen = combo("customerScreen", _("Customer screen"))
        self.screen_note = QLabel()
        self.screen_note.setObjectName("customerScreenNote")
        self.screen_note.setWordWrap(True)
        screen = QGroupBox(_("Customer screen"))
        screen.setObjectName("customerScreenGroup")
        screen_form = QFormLayout(screen)
        _row(screen_form, _("Customer scree&n:"), self.customer_screen)
        screen_form.addRow("", self.screen_note)

        self.save_button = button(
            "saveDevices", _("Sa&ve"), self.save, shortcut="devices.save", shortcuts_on=self
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("devicesStatus")
        self.status.setAccessibleName(_("Device status"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scale)
        layout.addWidget(display)
        layout.addWidget(screen)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.background.hold(self.test_read_button, self.greet_button, self.find_button)

    def showEvent(self, event: QShowEvent) -> None:
        """List the serial ports the first time the section is shown."""
        if not self._ports_listed:
            self._ports_listed = True
            self.find_ports()
        super().showEvent(event)

    def load(self) -> None:
        """Show the stored settings."""
        settings = self._devices.settings()
        self.scale_port.setCurrentText(settings.scale_port)
        _choose(self.scale_speed, settings.scale_baud)
        _choose(self.scale_protocol, settings.scale_protocol)
        _choose(self.scale_framing, settings.scale_framing)
        self.display_port.setCurrentText(settings.display_port)
        _choose(self.display_speed, settings.display_baud)
        _choose(self.display_commands, settings.display_commands)
        self.list_screens(settings.customer_screen)

    def list_screens(self, chosen: str | None = None) -> None:
        """List the screens when there are two or more; a chosen one unplugged stays listed."""
        chosen = self.customer_screen.currentData() if chosen is None else chosen
        screens = screens_by_key()
        self.customer_screen.clear()
        self.customer_screen.addItem(_("Off"), "")
        for key, screen in screens.items() if len(screens) > 1 else ():
            size = screen.geometry()
            self.customer_screen.addItem(
                _("{name} ({width} x {height})").format(
                    name=key, width=size.width(), height=size.height()
                ),
                key,
            )
        if chosen and chosen not in screens:
            self.customer_screen.addItem(
                _("{name} (not connected)").format(name=chosen), chosen
            )
        _choose(self.customer_screen, chosen or "")
        primary = QGuiApplication.primaryScreen()
        self.screen_note.setText(
            _(
                "Choose the screen the customer looks at. The till stays on {screen}."
            ).format(screen=screens_key_of(primary))
            if len(screens) > 1
            else _(
                "Only one screen is connected. Connect a second monitor or a small "
                "customer screen to show the customer the cart."
            )
        )

    def shown_settings(self) -> DeviceSettings:
        """The settings as shown (not necessarily saved)."""
        return replace(
            self._devices.settings(),
            scale_port=self.scale_port.currentText().strip(),
            scale_baud=self.scale_speed.currentData(),
            scale_protocol=self.scale_protocol.currentData(),
            scale_framing=self.scale_framing.currentData(),
            display_port=self.display_port.currentText().strip(),
            display_baud=self.display_speed.currentData(),
            display_commands=self.display_commands.currentData(),
            customer_screen=self.customer_screen.currentData() or "",
        )

    def save(self) -> DeviceSettings | None:
        """Store the settings shown; say what is wrong instead when they cannot be."""
        shown = self.shown_settings()
        changes = {
            name: getattr(shown, name)
            for name in DeviceSettings.__dataclass_fields__  # every field, as shown
        }
        settings = store_or_explain(
            self._approvals,
            lambda approval: self._devices.configure(approval=approval, **changes),
            put_back=self.load,
            explain=lambda problem: self._say(problem, problem=True),
        )
        if settings is None:
            return None
        self._say(_("Saved."))
        self.saved.emit()
        return settings

    def test_read(self) -> None:
        """Read the scale with the settings shown, off the GUI thread, and show the weight."""
        settings = self.shown_settings()
        if not settings.scale_port:
            self._say(_("Choose the port the scale is connected to."), problem=True)
            return
        self._say(_("Reading the scale…"))
        self.background.run(
            lambda: self._devices.read_weight(settings),
            lambda grams: self._say(_("The scale reads {grams} g.").format(grams=grams)),
            lambda message: self._say(message, problem=True),
        )

    def greet(self) -> None:
        """Show a greeting on the pole display with the settings shown, off the GUI thread."""
        settings = self.shown_settings()
        if not settings.display_port:
            self._say(_("Choose the port the pole display is connected to."), problem=True)
            return
        self._say(_("Writing to the pole display…"))
        upper, lower = self._shop_name or "Bazaar POS", _("Welcome!")
        self.background.run(
            lambda: self._devices.show(upper, lower, settings),
            lambda _shown: self._say(
                _("The pole display should now show “{text}”.").format(text=lower)
            ),
            lambda message: self._say(message, problem=True),
        )

    def find_ports(self) -> None:
        """List the serial ports present now (off the GUI thread)."""
        self.background.run(self._devices.ports, self._show_ports, self._say_problem)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until background work is done (for tests)."""
        return self.background.wait(msecs)

    def _show_ports(self, ports: list[SerialPort]) -> None:
        for box in (self.scale_port, self.display_port):
            typed = box.currentText()
            box.clear()
            for port in ports:
                box.addItem(port.label, port.device)
            box.setCurrentText(typed)
        if not ports:
            self._say(_("No serial ports found. Plug the device in, then press Find ports."))

    def _usual_framing(self) -> None:
        _choose(self.scale_framing, USUAL_FRAMING[self.scale_protocol.currentData()])

    def _say_problem(self, message: str) -> None:
        self._say(message, problem=True)

    def _say(self, message: str, *, problem: bool = False) -> None:
        self.status.setProperty("problem", problem)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(message)


def screens_key_of(screen: object) -> str:
    """The key the customer screen list gives ``screen``."""
    return next((key for key, each in screens_by_key().items() if each is screen), "")


def _port_box(name: str, accessible: str) -> QComboBox:
    box = combo(name, accessible)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    field = box.lineEdit()
    if field is not None:
        field.setPlaceholderText(_("e.g. {example}").format(example="/dev/ttyUSB0 · COM3"))
    box.activated.connect(lambda index: box.setEditText(box.itemData(index) or ""))
    return box


def _beside(field: QWidget, action: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(action)
    return row


def _speed_box(name: str, accessible: str) -> QComboBox:
    return combo(name, accessible, ((str(baud), baud) for baud in BAUD_RATES))


def _row(form: QFormLayout, text: str, field: QWidget, row: object = None) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, row if row is not None else field)  # type: ignore[call-overload]


def _choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)

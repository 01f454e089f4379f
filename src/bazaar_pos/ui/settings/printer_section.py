"""Settings > Printer: where the receipt printer is, its paper, and a test page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.i18n import _
from bazaar_pos.services.printer.service import DetectedPrinter, PrinterService
from bazaar_pos.services.printer.settings import PAPER_CHOICES, PAPER_OF_COLUMNS, PrinterSettings
from bazaar_pos.ui.access.approval import Approvals, Granted
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.settings.storing import store_or_explain
from bazaar_pos.ui.widgets.fields import button, line_edit


class PrinterSection(QGroupBox):
    """The printer's settings, with Find printers, Save, Test page and Open drawer.

    A ``compact`` section (first-run setup) shows only the address, Find
    printers, the paper and the test page; the other settings keep their values.

    Signals:
        saved(): the settings were stored.
    """

    saved = Signal()

    def __init__(
        self,
        printer: PrinterService,
        approvals: Approvals | None = None,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        """Edit the settings of ``printer``; a cashier asks ``approvals``."""
        super().__init__(_("Receipt printer"), parent)
        self.setObjectName("printerSection")
        self.setAccessibleName(_("Receipt printer settings"))
        self._printer = printer
        self._approvals = approvals
        self._background = Jobs(self)
        self._build()
        if compact:
            self._show_essentials_only()
        self.load()

    def _show_essentials_only(self) -> None:
        self.setTitle("")
        self.setFlat(True)
        for field in (
            self.profile,
            self.no_printer,
            self.drawer,
            self.footer,
            self.social,
            self.qr_data,
            self.qris_on_receipt,
            self._logo_row,
        ):
            self._form.setRowVisible(field, False)
        for extra in (self.save_button, self.drawer_button):
            extra.hide()

    def _build(self) -> None:
        self.uri = line_edit("printerUri", _("Printer address"))
        self.uri.setPlaceholderText(_("e.g. {example}").format(example="network://192.168.1.50:9100"))
        self.detected = QComboBox()
        self.detected.setObjectName("detectedPrinters")
        self.detected.setAccessibleName(_("Printers found on this computer"))
        self.detected.addItem(_("Press Find printers to look for printers"), "")
        self.detected.activated.connect(self._pick_detected)
        self.find_button = button("findPrinters", _("F&ind printers"), self.find_printers)
        found_row = QHBoxLayout()
        found_row.addWidget(self.detected, 1)
        found_row.addWidget(self.find_button)
        self.paper = QComboBox()
        self.paper.setObjectName("paperWidth")
        self.paper.setAccessibleName(_("Paper width"))
        for columns, text in PAPER_CHOICES:
            self.paper.addItem(_(text), columns)
        self.paper.setToolTip(
            _("If the test page's ruler wraps on 80 mm paper, choose 80 mm, 42-column mode")
        )
        self.profile = QComboBox()
        self.profile.setObjectName("printerProfile")
        self.profile.setAccessibleName(_("Printer profile"))
        self.profile.addItem(_("Usual for the paper (POS-5890 or TM-T20II)"), "")
        self._profiles_listed = False
        self.no_printer = QCheckBox(_("Sell without a receipt printer"))
        self.no_printer.setObjectName("noPrinter")
        self.no_printer.setAccessibleName(_("Sell without a receipt printer"))
        self.no_printer.setToolTip(
            _(
                "Sales keep no receipt to print. A receipt can still be printed or saved "
                "as a PDF from the sales history (F9)."
            )
        )
        self.uri.textChanged.connect(
            lambda text: self.no_printer.setChecked(False) if text.strip() else None
        )
        self.drawer = QCheckBox(_("Open the cash drawer on cas&h sales"))
        self.drawer.setObjectName("drawerOnCash")
        self.drawer.setAccessibleName(_("Open the cash drawer on cash sales"))
        self.footer = line_edit("receiptFooter", _("Footer text"))
        self.social = line_edit("receiptSocial", _("Social media handle"))
        self.social.setPlaceholderText(_("e.g. {example}").format(example="@tokoanda"))
        self.qr_data = line_edit("receiptQr", _("Link for the QR code"))
        self.qr_data.setPlaceholderText(
            _("e.g. {example}").format(example="https://instagram.com/tokoanda")
        )
        self.qris_on_receipt = QCheckBox(_("Print the QRIS with the a&mount on the receipt"))
        self.qris_on_receipt.setObjectName("qrisOnReceipt")
        self.qris_on_receipt.setAccessibleName(_("Print the QRIS with the amount on the receipt"))
        self.qris_on_receipt.setToolTip(
            _(
                "For sales paid by QRIS, the receipt's QR code is your QRIS carrying the "
                "amount paid by QRIS, instead of the link"
            )
        )
        self.logo = line_edit("receiptLogo", _("Logo image"))
        browse = button("browseLogo", _("Bro&wse..."), self._browse_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        self._logo_row = logo_row
        form = QFormLayout()
        self._form = form
        form.addRow(_("Printer &address:"), self.uri)
        form.addRow("", self.no_printer)
        found_label = QLabel(_("Fo&und:"))
        found_label.setBuddy(self.detected)
        form.addRow(found_label, found_row)
        form.addRow(_("&Paper:"), self.paper)
        form.addRow(_("P&rofile:"), self.profile)
        form.addRow("", self.drawer)
        form.addRow(_("Footer te&xt:"), self.footer)
        form.addRow(_("S&ocial:"), self.social)
        form.addRow(_("&QR link:"), self.qr_data)
        form.addRow("", self.qris_on_receipt)
        logo_label = QLabel(_("&Logo:"))
        logo_label.setBuddy(self.logo)
        form.addRow(logo_label, logo_row)
        self.save_button = button(
            "savePrinter", _("Sa&ve"), self.save, shortcut="printer.save", shortcuts_on=self
        )
        self.test_button = button("testPage", _("Print a &test page"), self.test_page)
        self.drawer_button = button("openDrawer", _("Open &drawer"), self.open_drawer)
        buttons = QHBoxLayout()
        for each in (self.save_button, self.test_button, self.drawer_button):
            buttons.addWidget(each)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("printerStatus")
        self.status.setAccessibleName(_("Printer status"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def list_profiles(self) -> None:
        """Fill the profile list once: python-escpos loads then, not at the app's start."""
        if self._profiles_listed:
            return
        self._profiles_listed = True
        for name in self._printer.profiles():
            self.profile.addItem(name, name)

    def showEvent(self, event: QShowEvent) -> None:
        """List the printer profiles the first time the section is shown."""
        self.list_profiles()
        super().showEvent(event)

    def load(self) -> None:
        """Show the stored settings."""
        settings = self._printer.settings()
        self.uri.setText(settings.uri)
        self.paper.setCurrentIndex(self.paper.findData(settings.columns))
        if settings.profile:
            self.list_profiles()
        self.profile.setCurrentIndex(max(0, self.profile.findData(settings.profile)))
        self.no_printer.setChecked(settings.no_printer and not settings.uri)
        self.drawer.setChecked(settings.drawer_on_cash)
        self.footer.setText(
            _("Thank you for shopping with us!") if settings.footer is None else settings.footer
        )
        self.social.setText(settings.social)
        self.qr_data.setText(settings.qr_data)
        self.qris_on_receipt.setChecked(settings.qris_on_receipt)
        self.logo.setText(settings.logo_path)

    def save(self) -> PrinterSettings | None:
        """Store the settings shown; say what is wrong instead when they cannot be."""
        changes = {
            "uri": self.uri.text().strip(),
            "paper_mm": PAPER_OF_COLUMNS[self.paper.currentData()],
            "columns": self.paper.currentData(),
            "profile": self.profile.currentData(),
            "no_printer": self.no_printer.isChecked(),
            "drawer_on_cash": self.drawer.isChecked(),
            "footer": self.footer.text(),
            "social": self.social.text().strip(),
            "qr_data": self.qr_data.text().strip(),
            "qris_on_receipt": self.qris_on_receipt.isChecked(),
            "logo_path": self.logo.text().strip(),
        }
        settings = store_or_explain(
            self._approvals,
            lambda approval: self._printer.configure(approval=approval, **changes),
            put_back=self.load,
            explain=lambda problem: self._say(problem, problem=True),
        )
        if settings is None:
            return None
        self.uri.setText(settings.uri)
        self._say(_("Saved."))
        self.saved.emit()
        return settings

    def test_page(self) -> None:
        """Save, then print a test page in the background."""
        if self.save() is not None:
            self._busy(_("Printing a test page..."))
            self._background.run(
                self._printer.print_test_page,
                lambda _r: self._done(_("Test page printed.")),
                self._failed,
            )

    def open_drawer(self) -> None:
        """Save, then kick the cash drawer in the background (the owner's, and logged)."""
        if self.save() is None:
            return
        granted = (
            self._approvals.granted(
                Permission.OPEN_DRAWER, tell=lambda message: self._say(message, problem=True)
            )
            if self._approvals
            else Granted(None)
        )
        if granted is None:
            return
        approval = granted.approval
        self._busy(_("Opening the drawer..."))
        self._background.run(
            lambda: self._printer.open_drawer(reason=_("printer settings"), approval=approval),
            lambda _r: self._done(_("Drawer opened.")),
            self._failed,
        )

    def find_printers(self) -> None:
        """Look for printers in the background and list them."""
        self._busy(_("Looking for printers..."))
        notes: list[str] = []
        self._background.run(
            lambda: self._printer.detect(notes),
            lambda found: self._show_found(found, notes),
            self._failed,
        )

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until background work is done (for tests)."""
        return self._background.wait(msecs)

    def _show_found(self, found: list[DetectedPrinter], notes: list[str]) -> None:
        self.detected.clear()
        if not found:
            self.detected.addItem(_("None found; type the address of a network printer"), "")
        for printer in found:
            self.detected.addItem(printer.label, printer.uri)
        self._done(" ".join([_("{count} found.").format(count=len(found)), *notes]))

    def _pick_detected(self, index: int) -> None:
        uri = self.detected.itemData(index)
        if uri:
            self.uri.setText(uri)

    def _browse_logo(self) -> None:
        path = dialogs.open_file(
            self,
            _("Choose a logo"),
            _("Images (*.png *.jpg *.jpeg *.bmp *.gif)"),
            kind=dialogs.FileKind.PICTURE,
        )
        if path is not None:
            self.logo.setText(str(path))

    def _busy(self, message: str) -> None:
        for each in (self.test_button, self.drawer_button, self.find_button):
            each.setEnabled(False)
        self._say(message)

    def _done(self, message: str) -> None:
        for each in (self.test_button, self.drawer_button, self.find_button):
            each.setEnabled(True)
        self._say(message)

    def _failed(self, message: str) -> None:
        self._done(message)
        self._say(message, problem=True)

    def _say(self, message: str, *, problem: bool = False) -> None:
        self.status.setProperty("problem", problem)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(message)

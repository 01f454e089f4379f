"""Settings > Shop: name and contact, currency, language, tax (PPN), cash rounding and QRIS.

The QRIS code can be pasted as text or read from a photo or scan of the sticker.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import CURRENCIES, format_money
from bazaar_pos.domain.pricing import CashRounding
from bazaar_pos.domain.qris import QrisError, merchant_of
from bazaar_pos.i18n import LANGUAGES, _, current_language
from bazaar_pos.services.selling.qris_sticker import IMAGE_FILES, QrisSticker, read_qris_image
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.settings.storing import store_or_explain
from bazaar_pos.ui.widgets.fields import combo, line_edit

ROUNDING_STEPS = (0, 100, 500, 1000)


class ShopSection(QGroupBox):
    """The shop's own settings with a Save button; errors show under the form.

    The message and the Save button are in ``footer``, for the screen to place
    where they stay visible however far the form scrolls.

    Signals:
        saved(): the settings were stored.
    """

    saved = Signal()

    def __init__(
        self,
        settings: SettingsService,
        approvals: Approvals | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Edit the shop settings kept by ``settings``; a cashier asks ``approvals``."""
        super().__init__(parent)
        self.setObjectName("shopSection")
        self.setAccessibleName(_("Shop settings"))
        self._settings = settings
        self._background = Jobs(self)
        self._approvals = approvals
        self._build()
        self.load()

    def _build(self) -> None:
        self.shop_name = line_edit("shopName", _("Shop name"))
        self.address = line_edit("shopAddress", _("Address"))
        self.phone = line_edit("shopPhone", _("Phone"))
        self.currency = combo("currency", _("Currency"), [(code, code) for code in CURRENCIES])
        self.language = combo(
            "language", _("Language"), [(name, code) for code, name in LANGUAGES.items()]
        )
        self.tax_enabled = QCheckBox(_("Charge &PPN (VAT-registered shop, PKP)"))
        self.tax_enabled.setObjectName("taxEnabled")
        self.tax_rate = line_edit("taxRate", _("Tax rate in per cent"))
        self.tax_base = line_edit("taxBase", _("Part of the price taxed, e.g. 11/12"))
        self.tax_inclusive = QCheckBox(_("Prices &include the tax"))
        self.tax_inclusive.setObjectName("taxInclusive")
        self.tax_enabled.toggled.connect(self._enable_tax_fields)
        self.rounding = combo("cashRounding", _("Cash rounding"), [])
        self.rounding_mode = combo(
            "cashRoundingMode",
            _("Cash rounding direction"),
            [
                (_("to the nearest"), CashRounding.NEAREST.value),
                (_("down"), CashRounding.DOWN.value),
            ],
        )
        self.oversell = combo(
            "oversell",
            _("Selling more than in stock"),
            [(_("warn"), "warn"), (_("block"), "block")],
        )
        self.online_buffer = QSpinBox()
        self.online_buffer.setObjectName("onlineBuffer")
        self.online_buffer.setAccessibleName(_("Kept back from online shops"))
        self.online_buffer.setRange(0, 1000)
        self.online_buffer.setToolTip(
            _("Whole units of each product left out of the stock published to online shops.")
        )
        self.qris = QPlainTextEdit()
        self.qris.setObjectName("qrisPayload")
        self.qris.setAccessibleName(_("QRIS code text"))
        self.qris.setPlaceholderText(_("Paste the text of your QRIS sticker (starts with 000201)"))
        self.qris.setFixedHeight(64)
        self.qris.textChanged.connect(self._show_qris_merchant)
        self.qris_merchant = QLabel()
        self.qris_merchant.setObjectName("qrisMerchant")
        self.qris_merchant.setWordWrap(True)
        self.import_button = QPushButton(_("Import from i&mage..."))
        self.import_button.setObjectName("importQrisImage")
        self.import_button.setAccessibleName(_("Import the QRIS from a photo or scan"))
        self.import_button.setToolTip(
            _("Read the QRIS code from a photo or scan of your QRIS sticker (PNG or JPEG)")
        )
        self.import_button.clicked.connect(self.import_image)
        self.message = QLabel()
        self.message.setObjectName("shopSettingsMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(_("Sa&ve shop settings"))
        self.save_button.setObjectName("saveShopSettings")
        self.save_button.clicked.connect(self.save)

        rounding_row = QHBoxLayout()
        rounding_row.addWidget(self.rounding, 1)
        rounding_row.addWidget(self.rounding_mode, 1)
        form = QFormLayout()
        form.addRow(_("Sh&op name:"), self.shop_name)
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("P&hone:"), self.phone)
        form.addRow(_("C&urrency:"), self.currency)
        form.addRow(_("&Language:"), self.language)
        form.addRow("", self.tax_enabled)
        form.addRow(_("Tax &rate (%):"), self.tax_rate)
        form.addRow(_("Tax &base:"), self.tax_base)
        form.addRow("", self.tax_inclusive)
        rounding_label = QLabel(_("Cash roun&ding:"))
        rounding_label.setBuddy(self.rounding)  # a row of two fields: the & is the step's
        form.addRow(rounding_label, rounding_row)
        form.addRow(_("Selling beyond s&tock:"), self.oversell)
        form.addRow(_("Kept back from online shops:"), self.online_buffer)
        form.addRow(_("&QRIS:"), self.qris)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        form.addRow("", import_row)
        form.addRow("", self.qris_merchant)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # The message and Save live in ``footer``, which the screen keeps in view below the
        # scrolling form.
        self.footer = QWidget()
        self.footer.setObjectName("shopSettingsFooter")
        footer = QVBoxLayout(self.footer)
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        footer.addLayout(buttons)

    def load(self) -> None:
        """Show the stored settings."""
        shop = self._settings.load()
        self.shop_name.setText(shop.shop_name)
        self.address.setText(shop.address)
        self.phone.setText(shop.phone)
        _select(self.currency, shop.currency_code)
        _select(self.language, shop.language or current_language())
        self.tax_enabled.setChecked(shop.tax_enabled)
        self.tax_rate.setText(shop.tax_rate)
        self.tax_base.setText(shop.tax_base_fraction)
        self.tax_inclusive.setChecked(shop.tax_inclusive)
        self.rounding.clear()
        for step in ROUNDING_STEPS:
            label = format_money(step, shop.currency, shop.money_locale) if step else _("none")
            self.rounding.addItem(label, step)
        _select(self.rounding, shop.cash_rounding_step)
        _select(self.rounding_mode, shop.cash_rounding_mode)
        _select(self.oversell, shop.oversell)
        self.online_buffer.setValue(shop.online_buffer)
        self.qris.setPlainText(shop.qris_payload)
        self._enable_tax_fields(shop.tax_enabled)
        self.message.clear()

    def edited(self) -> ShopSettings:
        """The settings as the form shows them now."""
        return replace(
            self._settings.load(),
            shop_name=self.shop_name.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
            currency_code=self.currency.currentData(),
            language=self.language.currentData(),
            tax_enabled=self.tax_enabled.isChecked(),
            tax_rate=self.tax_rate.text().strip(),
            tax_base_fraction=self.tax_base.text().strip(),
            tax_inclusive=self.tax_inclusive.isChecked(),
            cash_rounding_step=int(self.rounding.currentData() or 0),
            cash_rounding_mode=self.rounding_mode.currentData(),
            oversell=self.oversell.currentData(),
            online_buffer=self.online_buffer.value(),
            qris_payload=self.qris.toPlainText().strip(),
        )

    def save(self) -> bool:
        """Store the form; show what is wrong instead when something is."""
        before = self._settings.load()
        edited = self.edited()
        stored = store_or_explain(
            self._approvals,
            lambda approval: self._settings.change(edited, approval=approval),
            put_back=self.load,
            explain=lambda problem: show_message(self.message, problem, "error"),
        )
        if stored is None:
            return False
        note = _("Saved.")
        if stored.language != (before.language or current_language()):
            note = _("Saved. The new language shows after the app restarts.")
        show_message(self.message, note)
        self.saved.emit()
        return True

    def import_image(self) -> None:
        """Choose a photo or scan of the QRIS sticker and read its code into the field."""
        path = ImageFileDialog.ask(self)
        if path is not None:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        """Read the QRIS code in the picture at ``path`` in the background, then show it."""
        self.import_button.setEnabled(False)
        show_message(self.message, _("Reading the QR code in {file}...").format(file=path.name))
        self._background.run(
            lambda: read_qris_image(path),
            lambda sticker: self._imported(sticker, path),
            self._import_failed,
        )

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until a picture being read is done (for tests)."""
        return self._background.wait(msecs)

    def _imported(self, sticker: QrisSticker, path: Path) -> None:
        self.import_button.setEnabled(True)
        self.qris.setPlainText(sticker.payload)
        show_message(
            self.message,
            _("Read the QRIS of {name} from {file}. Check the shop below it, then save.").format(
                name=sticker.merchant.name, file=path.name
            ),
        )

    def _import_failed(self, reason: str) -> None:
        self.import_button.setEnabled(True)
        show_message(self.message, reason, "error")

    def _enable_tax_fields(self, enabled: bool) -> None:
        for field in (self.tax_rate, self.tax_base, self.tax_inclusive):
            field.setEnabled(enabled)

    def _show_qris_merchant(self) -> None:
        text = self.qris.toPlainText().strip()
        if not text:
            self.qris_merchant.setText(_("No QRIS: customers scan your printed sticker."))
            return
        try:
            merchant = merchant_of(text)
        except QrisError as exc:
            self.qris_merchant.setText(_("Not a valid QRIS code: {reason}").format(reason=exc))
            return
        self.qris_merchant.setText(
            _("QRIS for {name}, {city} (NMID {nmid}). Check that this is your shop.").format(
                name=merchant.name, city=merchant.city, nmid=merchant.nmid or "-"
            )
        )


class ImageFileDialog:
    """Asks for a picture of the QRIS sticker."""

    @classmethod
    def ask(cls, parent: QWidget) -> Path | None:
        """The picture chosen, or None when cancelled."""
        return dialogs.open_file(
            parent,
            _("Choose a photo or scan of your QRIS sticker"),
            _("Pictures ({patterns})").format(patterns=" ".join(IMAGE_FILES)),
            kind=dialogs.FileKind.PICTURE,
        )


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))

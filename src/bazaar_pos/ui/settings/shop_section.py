"""Settings > Shop: name and contact, currency, language, tax (PPN), cash rounding and QRIS."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import CURRENCIES, format_money
from bazaar_pos.domain.pricing import CashRounding
from bazaar_pos.domain.qris import QrisError, merchant_of
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import LANGUAGES, _, current_language
from bazaar_pos.services.settings import SettingsService, ShopSettings
from bazaar_pos.ui.access.approval import Approvals

ROUNDING_STEPS = (0, 100, 500, 1000)


class ShopSection(QGroupBox):
    """The shop's own settings with a Save button; errors show under the form.

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
        self._approvals = approvals
        self._build()
        self.load()

    def _build(self) -> None:
        self.shop_name = _line("shopName", _("Shop name"))
        self.address = _line("shopAddress", _("Address"))
        self.phone = _line("shopPhone", _("Phone"))
        self.currency = _combo("currency", _("Currency"), [(code, code) for code in CURRENCIES])
        self.language = _combo(
            "language", _("Language"), [(name, code) for code, name in LANGUAGES.items()]
        )
        self.tax_enabled = QCheckBox(_("Charge &PPN (VAT-registered shop, PKP)"))
        self.tax_enabled.setObjectName("taxEnabled")
        self.tax_rate = _line("taxRate", _("Tax rate in per cent"))
        self.tax_base = _line("taxBase", _("Part of the price taxed, e.g. 11/12"))
        self.tax_inclusive = QCheckBox(_("Prices &include the tax"))
        self.tax_inclusive.setObjectName("taxInclusive")
        self.tax_enabled.toggled.connect(self._enable_tax_fields)
        self.rounding = _combo("cashRounding", _("Cash rounding"), [])
        self.rounding_mode = _combo(
            "cashRoundingMode",
            _("Cash rounding direction"),
            [
                (_("to the nearest"), CashRounding.NEAREST.value),
                (_("down"), CashRounding.DOWN.value),
            ],
        )
        self.oversell = _combo(
            "oversell",
            _("Selling more than in stock"),
            [(_("warn"), "warn"), (_("block"), "block")],
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
        form.addRow(_("Shop &name:"), self.shop_name)
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("P&hone:"), self.phone)
        form.addRow(_("C&urrency:"), self.currency)
        form.addRow(_("&Language:"), self.language)
        form.addRow("", self.tax_enabled)
        form.addRow(_("Tax &rate (%):"), self.tax_rate)
        form.addRow(_("Tax &base:"), self.tax_base)
        form.addRow("", self.tax_inclusive)
        form.addRow(_("Cash r&ounding:"), rounding_row)
        form.addRow(_("Selling beyond s&tock:"), self.oversell)
        form.addRow(_("&QRIS:"), self.qris)
        form.addRow("", self.qris_merchant)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

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
            qris_payload=self.qris.toPlainText().strip(),
        )

    def save(self) -> bool:
        """Store the form; show what is wrong instead when something is."""
        before = self._settings.load()
        edited = self.edited()
        try:
            if self._approvals is None:
                stored = self._settings.change(edited)
            else:
                stored = self._approvals.run(
                    lambda approval: self._settings.change(edited, approval=approval)
                )
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        note = _("Saved.")
        if stored.language != (before.language or current_language()):
            note = _("Saved. The new language shows after the app restarts.")
        self.message.setText(note)
        self.saved.emit()
        return True

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


def _line(name: str, accessible: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    return field


def _combo(name: str, accessible: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for label, data in items:
        combo.addItem(label, data)
    return combo


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))

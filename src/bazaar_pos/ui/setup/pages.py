"""The pages of first-run setup: language, shop, money and tax, receipt printer, and the end."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from bazaar_pos.domain.access import name_problems, pin_problems
from bazaar_pos.domain.money import CURRENCIES, currency, format_money
from bazaar_pos.i18n import LANGUAGES, _
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.settings.printer_section import PrinterSection

PPN_RATE = "12"
PPN_BASE = "11/12"
"""PPN as charged since 2025: 12% on a tax base of 11/12 of the price, 11% in effect."""


class SetupPage(QWizardPage):
    """A page under a large heading that reads its answers into the settings being drafted."""

    def __init__(self, name: str) -> None:
        """An empty page called ``name``; subclasses add to ``body``."""
        super().__init__()
        self.setObjectName(name)
        self.step = _wrapped("setupStep")
        self.heading = _wrapped("setupHeading")
        self.subheading = _wrapped("setupSubheading")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 12)
        outer.setSpacing(6)
        outer.addWidget(self.step)
        outer.addWidget(self.heading)
        outer.addWidget(self.subheading)
        outer.addSpacing(14)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        outer.addLayout(self.body)
        outer.addStretch(1)

    def set_heading(self, heading: str, subheading: str) -> None:
        """Show ``heading`` and ``subheading`` at the top of the page."""
        self.heading.setText(heading)
        self.heading.setAccessibleName(heading)
        self.subheading.setText(subheading)

    def collect(self, draft: ShopSettings) -> ShopSettings | None:
        """``draft`` with this page's answers, or None (and say why) when one is wrong."""
        return draft


class WelcomePage(SetupPage):
    """Welcome, and the language of the app.

    Signals:
        language_chosen(str): the person picked another language (its code).
    """

    language_chosen = Signal(str)

    def __init__(self, language: str, *, restart_needed: bool) -> None:
        """Offer the languages, ``language`` chosen; say a restart is needed if it is."""
        super().__init__("setupWelcomePage")
        self._restart_needed = restart_needed
        self.intro = _wrapped("setupWelcomeText")
        self.language = QComboBox()
        self.language.setObjectName("setupLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(
            lambda _index: self.language_chosen.emit(self.language.currentData())
        )
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.restart_note = _wrapped("setupRestartNote")
        self.restart_note.setVisible(False)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        layout = self.body
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        self.language_chosen.connect(self._note_restart)
        self.retranslate()

    def retranslate(self) -> None:
        """Put this page's text in the language now in use."""
        self.set_heading(
            _("Welcome to Bazaar POS"),
            _("A few questions to get your till ready. About two minutes."),
        )
        self.intro.setText(
            _(
                "Everything you answer here can be changed later under Settings. "
                "Press Enter for the next page, or Esc to skip the setup and go straight "
                "to the till."
            )
        )
        self.language_label.setText(_("&Language:"))
        self.language.setAccessibleName(_("Language"))
        self.restart_note.setText(_("The new language shows after the app restarts."))

    def _note_restart(self, _code: str) -> None:
        self.restart_note.setVisible(self._restart_needed)

    def collect(self, draft: ShopSettings) -> ShopSettings:
        """The draft in the chosen language."""
        return replace(draft, language=self.language.currentData())


class ShopPage(SetupPage):
    """The shop's name, address and phone, as printed at the top of receipts."""

    def __init__(self, draft: ShopSettings) -> None:
        """Start from the name and contact in ``draft``."""
        super().__init__("setupShopPage")
        self.set_heading(_("Your shop"), _("Printed at the top of every receipt and report."))
        self.shop_name = _line("setupShopName", _("Shop name"), draft.shop_name)
        self.shop_name.setPlaceholderText(_("e.g. Batik Sekar Jagad"))
        self.shop_name.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.address = _line("setupAddress", _("Address"), draft.address)
        self.address.setPlaceholderText(_("e.g. Jl. Malioboro No. 12, Yogyakarta"))
        self.phone = _line("setupPhone", _("Phone"), draft.phone)
        self.phone.setPlaceholderText(_("e.g. 0812-3456-7890"))
        hint = _wrapped("setupShopHint")
        hint.setText(_("Only the name is needed. Address and phone may stay empty."))
        form = QFormLayout()
        form.addRow(_("Sh&op name:"), self.shop_name)
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("P&hone:"), self.phone)
        layout = self.body
        layout.addLayout(form)
        layout.addWidget(hint)

    def isComplete(self) -> bool:
        """A shop needs a name to go on."""
        return bool(self.shop_name.text().strip())

    def collect(self, draft: ShopSettings) -> ShopSettings:
        """The draft with this shop's name and contact."""
        return replace(
            draft,
            shop_name=self.shop_name.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
        )


class MoneyPage(SetupPage):
    """The currency, and whether the shop charges PPN (off for most UMKM)."""

    def __init__(self, draft: ShopSettings, *, currency_locked: bool) -> None:
        """Start from ``draft``; a shop that already has prices keeps its currency."""
        super().__init__("setupMoneyPage")
        self.set_heading(
            _("Money and tax"), _("How prices are written, and whether you charge PPN.")
        )
        self.currency = QComboBox()
        self.currency.setObjectName("setupCurrency")
        self.currency.setAccessibleName(_("Currency"))
        for code in CURRENCIES:
            example = format_money(15_000 * 10 ** currency(code).exponent, currency(code))
            self.currency.addItem(_("{code}  (e.g. {example})").format(code=code, example=example))
            self.currency.setItemData(self.currency.count() - 1, code)
        self.currency.setCurrentIndex(max(0, self.currency.findData(draft.currency_code)))
        self.currency.setEnabled(not currency_locked)
        currency_note = _wrapped("setupCurrencyNote")
        currency_note.setText(
            _("The shop already has prices, so its currency stays as it is.")
            if currency_locked
            else _("Rupiah for shops in Indonesia.")
        )
        self.tax_enabled = QCheckBox(_("Charge &PPN (my shop is VAT-registered, PKP)"))
        self.tax_enabled.setObjectName("setupTaxEnabled")
        self.tax_enabled.setAccessibleName(_("Charge PPN"))
        self.tax_enabled.setChecked(draft.tax_enabled)
        tax_note = _wrapped("setupTaxNote")
        tax_note.setText(
            _(
                "Leave this off unless your shop is registered for VAT (PKP). Most small "
                "shops (UMKM) are not, and then they must not charge PPN: prices are just "
                "prices, and receipts show no tax line."
            )
        )
        self.rate_note = _wrapped("setupTaxRate")
        self.rate_note.setText(
            _("PPN is 12% on 11/12 of the price, which is 11% of the price in effect.")
        )
        self.inclusive = QRadioButton(_("Prices already &include PPN (usual in shops)"))
        self.inclusive.setObjectName("setupTaxInclusive")
        self.exclusive = QRadioButton(_("PPN is added &on top of the prices"))
        self.exclusive.setObjectName("setupTaxExclusive")
        group = QButtonGroup(self)
        for button in (self.inclusive, self.exclusive):
            button.setAccessibleName(button.text().replace("&", ""))
            group.addButton(button)
        (self.inclusive if draft.tax_inclusive else self.exclusive).setChecked(True)
        self.tax_box = QWidget()
        self.tax_box.setObjectName("setupTaxChoices")
        box = QVBoxLayout(self.tax_box)
        box.setContentsMargins(24, 0, 0, 0)
        for widget in (self.rate_note, self.inclusive, self.exclusive):
            box.addWidget(widget)
        self.tax_enabled.toggled.connect(self.tax_box.setEnabled)
        self.tax_box.setEnabled(draft.tax_enabled)
        form = QFormLayout()
        form.addRow(_("C&urrency:"), self.currency)
        form.addRow("", currency_note)
        layout = self.body
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.tax_enabled)
        layout.addWidget(tax_note)
        layout.addWidget(self.tax_box)

    def collect(self, draft: ShopSettings) -> ShopSettings:
        """The draft with the currency and the tax chosen (PPN 12% on 11/12 when on)."""
        taxed = self.tax_enabled.isChecked()
        return replace(
            draft,
            currency_code=self.currency.currentData(),
            tax_enabled=taxed,
            tax_rate=PPN_RATE if taxed else draft.tax_rate,
            tax_base_fraction=PPN_BASE if taxed else draft.tax_base_fraction,
            tax_inclusive=self.inclusive.isChecked(),
        )


class PrinterPage(SetupPage):
    """Where the receipt printer is, with Find printers and a test page."""

    def __init__(self, printer: PrinterService) -> None:
        """Set up the receipt printer of ``printer``."""
        super().__init__("setupPrinterPage")
        self.set_heading(_("Receipt printer"), _("Optional: the till works without one."))
        help_text = _wrapped("setupPrinterHelp")
        help_text.setText(
            _(
                "Switch the printer on and plug it in (pair a Bluetooth printer first), then "
                "press Find printers and pick it, or type the address of a network printer. "
                "Print a test page to check it. No printer yet? Leave the address empty and "
                "press Next."
            )
        )
        self.section = PrinterSection(printer, compact=True)
        for button in (self.section.find_button, self.section.test_button):
            button.setAutoDefault(False)  # Enter goes on to the next page
        layout = self.body
        layout.addWidget(help_text)
        layout.addWidget(self.section)

    def collect(self, draft: ShopSettings) -> ShopSettings | None:
        """Store the printer's address and paper; None when the address cannot be used."""
        return draft if self.section.save() is not None else None


class OwnerPage(SetupPage):
    """An optional owner PIN: with one, the till asks who is selling and guards refunds."""

    def __init__(self) -> None:
        """Ask the owner's name and a PIN twice; both PIN fields empty means no PIN."""
        super().__init__("setupOwnerPage")
        self.set_heading(
            _("Owner PIN"),
            _("Optional. Without a PIN the app opens straight to the till."),
        )
        self.owner_name = _line("setupOwnerName", _("Owner's name"), _("Owner"))
        self.pin = _line("setupOwnerPin", _("PIN"), "")
        self.pin_again = _line("setupOwnerPinAgain", _("PIN again"), "")
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(6)
        hint = _wrapped("setupOwnerHint")
        hint.setText(
            _(
                "With a PIN, everyone signs in, and cashiers added later need the owner's PIN "
                "for refunds, voids, big discounts and price changes. 4 to 6 digits."
            )
        )
        self.problem = _wrapped("setupOwnerProblem")
        form = QFormLayout()
        form.addRow(_("&Owner's name:"), self.owner_name)
        form.addRow(_("&PIN:"), self.pin)
        form.addRow(_("PIN &again:"), self.pin_again)
        layout = self.body
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)

    def answer(self) -> tuple[str, str] | None:
        """The owner's name and PIN chosen, or None for no PIN."""
        pin = self.pin.text()
        return (self.owner_name.text().strip(), pin) if pin else None

    def collect(self, draft: ShopSettings) -> ShopSettings | None:
        """Accept an empty PIN, or a good one typed twice; say what is wrong otherwise."""
        pin, again = self.pin.text(), self.pin_again.text()
        if not pin and not again:
            self.problem.clear()
            return draft
        problems = pin_problems(pin) + name_problems(self.owner_name.text().strip())
        if pin != again:
            problems.append(_("The two PINs are not the same."))
        if problems:
            self.problem.setText("\n".join(problems))
            return None
        self.problem.clear()
        return draft


class FinishPage(SetupPage):
    """What was chosen, and an offer of the demo shop to practise on (empty shops only)."""

    def __init__(self, *, demo_allowed: bool) -> None:
        """Offer the demo shop when ``demo_allowed``."""
        super().__init__("setupFinishPage")
        self.set_heading(_("Ready to sell"), _("Check your answers, then press Finish."))
        self.summary = _wrapped("setupSummary")
        self.demo = QCheckBox(_("Load the &demo shop to practise with"))
        self.demo.setObjectName("setupLoadDemo")
        self.demo.setAccessibleName(_("Load the demo shop"))
        demo_note = _wrapped("setupDemoNote")
        demo_note.setText(
            _(
                "Adds 28 craft products and two weeks of made-up sales, so every screen "
                "has something to show. The made-up sales stay in this shop's reports: "
                "for real selling, start with an empty shop."
            )
            if demo_allowed
            else _("The demo shop can only be loaded into an empty shop.")
        )
        self.demo.setVisible(demo_allowed)
        tips = _wrapped("setupTips")
        tips.setText(
            _(
                "At the till: scan a barcode or type a name, then press F12 to take payment. "
                "Ctrl+1 to Ctrl+6 switch between the Till, Products, Stock, Reports, "
                "Settings and Customers."
            )
        )
        layout = self.body
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addWidget(self.demo)
        layout.addWidget(demo_note)
        layout.addSpacing(12)
        layout.addWidget(tips)
        self.problem = _wrapped("dialogProblem")
        self.problem.setAccessibleName(_("Problem"))
        layout.addWidget(self.problem)

    def show_summary(self, draft: ShopSettings, printer_uri: str) -> None:
        """List the answers given."""
        tax = (
            (
                _("PPN 12% on 11/12, included in prices")
                if draft.tax_inclusive
                else _("PPN 12% on 11/12, added on top of prices")
            )
            if draft.tax_enabled
            else _("no PPN")
        )
        lines = [
            _("Shop: {name}").format(name=draft.shop_name),
            _("Language: {language}").format(language=LANGUAGES.get(draft.language, "")),
            _("Currency: {code}").format(code=draft.currency_code),
            _("Tax: {tax}").format(tax=tax),
            _("Receipt printer: {address}").format(address=printer_uri or _("none yet")),
        ]
        self.summary.setText("\n".join(lines))


def _wrapped(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _line(name: str, accessible: str, text: str) -> QLineEdit:
    field = QLineEdit(text)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    return field

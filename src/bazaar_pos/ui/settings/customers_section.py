"""Settings > Customers: kasbon due days, the default credit limit, the reminder, the DP."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.reminders import (
    PLACEHOLDERS,
    ReminderFacts,
    reminder_text,
    template_problems,
)
from bazaar_pos.i18n import _
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.settings.storing import store_or_explain
from bazaar_pos.ui.widgets.fields import button, named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit

SAMPLE_OWED = 150_000
"""What the sample customer of the reminder's preview owes, in minor units of rupiah."""
SAMPLE_DAYS_LEFT = 5


class CustomersSection(QGroupBox):
    """How kasbon and pre-orders work in this shop, and the WhatsApp reminder's text.

    Saving is the owner's job; a cashier is asked for an owner's PIN.

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
        """Edit the customer settings kept in ``settings``."""
        super().__init__(_("Customers and kasbon"), parent)
        self.setObjectName("customersSettings")
        self._settings = settings
        self._approvals = approvals
        stored = settings.load()
        self.due_days = named(QSpinBox(), "kasbonDueDays", _("Kasbon due after days"))
        self.due_days.setRange(0, 365)
        self.due_days.setSuffix(_(" days"))
        self.limit = named(
            MoneyEdit(stored.currency, stored.money_locale),
            "defaultCreditLimit",
            _("Credit limit for new customers"),
        )
        self.deposit = named(QSpinBox(), "orderDepositPercent", _("Suggested down payment"))
        self.deposit.setRange(0, 100)
        self.deposit.setSuffix(" %")
        self.template = named(QPlainTextEdit(), "reminderTemplate", _("Reminder text"))
        self.template.setTabChangesFocus(True)
        self.template.setFixedHeight(90)
        self.template.setPlaceholderText(
            _("Empty: the built-in text. You may use {placeholders}.").format(
                placeholders=", ".join("{" + name + "}" for name in PLACEHOLDERS)
            )
        )
        self.template.textChanged.connect(self.show_preview)
        self.preview = named(QLabel(), "reminderPreview", _("Reminder preview"))
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setObjectName("reminderPreview")
        self.status = named(QLabel(), "customersSettingsStatus", _("Message"))
        self.status.setWordWrap(True)
        self.save_button = button("saveCustomerSettings", _("Save c&ustomer settings"), self.save)
        form = QFormLayout()
        for text, field in (
            (_("Kasbon due &after:"), self.due_days),
            (_("Credit limit for &new customers:"), self.limit),
            (_("Suggested &DP for pre-orders:"), self.deposit),
            (_("&Reminder by WhatsApp:"), self.template),
            (_("Preview:"), self.preview),
        ):
            label = QLabel(text)
            if "&" in text:
                label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        self.load()

    def load(self) -> None:
        """Show the settings as stored."""
        stored = self._settings.load()
        self.due_days.setValue(stored.kasbon_due_days)
        self.limit.set_value(stored.credit_limit)
        self.deposit.setValue(stored.order_deposit_percent)
        self.template.setPlainText(stored.reminder_template)
        self.show_preview()

    def show_preview(self) -> None:
        """The reminder as a customer would get it, or what is wrong with the template."""
        stored = self._settings.load()
        formats = Formats(stored)
        template = self.template.toPlainText()
        problems = template_problems(template)
        if problems:
            show_message(self.preview, "\n".join(problems), "error")
            return
        today = date.today()
        due = today + timedelta(days=SAMPLE_DAYS_LEFT)
        facts = ReminderFacts(
            name=_("Ani"),
            amount=formats.money(SAMPLE_OWED),
            due=due,
            due_text=formats.day(due),
            shop=stored.shop_name,
            today=today,
        )
        show_message(self.preview, reminder_text(template, facts))

    def save(self) -> bool:
        """Store the fields; say what is wrong instead when they cannot be."""
        limit = self.limit.value()
        if limit is None and self.limit.text().strip():
            show_message(self.status, _("The credit limit is not an amount."), "error")
            return False
        changed = replace(
            self._settings.load(),
            kasbon_due_days=self.due_days.value(),
            credit_limit=limit or 0,
            order_deposit_percent=self.deposit.value(),
            reminder_template=self.template.toPlainText().strip(),
        )
        stored = store_or_explain(
            self._approvals,
            lambda approval: self._settings.change(changed, approval=approval),
            put_back=self.load,
            explain=lambda problem: show_message(self.status, problem, "error"),
        )
        if stored is None:
            return False
        show_message(self.status, _("Saved."))
        self.saved.emit()
        return True

"""The first-run setup wizard: Enter goes on, Esc skips, Finish stores the answers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget, QWizard

from bazaar_pos.domain.access import Role
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, current_language, set_language
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.dialogs import describe, show_message
from bazaar_pos.ui.setup.pages import (
    FinishPage,
    MoneyPage,
    OwnerPage,
    PrinterPage,
    SetupPage,
    ShopPage,
    WelcomePage,
)


class Step(IntEnum):
    """The pages in order; OWNER shows only while the shop has no users."""

    WELCOME = 0
    SHOP = 1
    MONEY = 2
    PRINTER = 3
    OWNER = 4
    FINISH = 9


@dataclass(frozen=True, slots=True)
class SetupOutcome:
    """How the setup ended: finished or skipped, the language chosen, the demo loaded."""

    finished: bool
    language: str
    demo_loaded: bool = False


class SetupWizard(QWizard):
    """Asks the language, the shop, money and tax, the printer, and offers the demo shop.

    On the ``first_run`` (before the main window exists) a new language applies
    at once; reopened from Settings, it applies after a restart. Esc skips the
    setup: it does not show again unless reopened from Settings.
    """

    def __init__(self, shop: Shop, *, first_run: bool, parent: QWidget | None = None) -> None:
        """Set up ``shop``."""
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setAccessibleName(_("First-time setup"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(760, 560)
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            pressed = self.button(which)
            if isinstance(pressed, QPushButton):
                pressed.setAutoDefault(False)  # Enter always means Next or Finish
        self._shop = shop
        self._first_run = first_run
        self._original_language = current_language()
        self._demo_allowed = shop.settings.is_empty()
        self._owner_allowed = not shop.users.users()
        stored = shop.settings.load()
        self.draft = replace(
            stored,
            language=stored.language or current_language(),
            shop_name="" if stored.shop_name == ShopSettings().shop_name else stored.shop_name,
        )
        self.outcome = SetupOutcome(finished=False, language=self.draft.language)
        self.welcome = WelcomePage(self.draft.language, restart_needed=not first_run)
        self.welcome.language_chosen.connect(self._language_chosen)
        self.setPage(Step.WELCOME, self.welcome)
        self._add_pages()
        self.currentIdChanged.connect(self._entered)
        self._retranslate()

    # -- building ------------------------------------------------------------

    def _add_pages(self) -> None:
        self.shop_page = ShopPage(self.draft)
        self.money_page = MoneyPage(self.draft, currency_locked=not self._demo_allowed)
        self.printer_page = PrinterPage(self._shop.printer)
        self.owner_page = OwnerPage()
        self.finish_page = FinishPage(demo_allowed=self._demo_allowed)
        self.setPage(Step.SHOP, self.shop_page)
        self.setPage(Step.MONEY, self.money_page)
        self.setPage(Step.PRINTER, self.printer_page)
        if self._owner_allowed:
            self.setPage(Step.OWNER, self.owner_page)
        self.setPage(Step.FINISH, self.finish_page)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("First-time setup — Bazaar POS"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >  Enter"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish  Enter"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Skip setup  Esc"))
        self.welcome.retranslate()
        steps = self.pageIds()
        for number, step in enumerate(steps, start=1):
            page = self.page(step)
            assert isinstance(page, SetupPage)
            page.step.setText(_("Step {number} of {count}").format(number=number, count=len(steps)))

    def _language_chosen(self, code: str) -> None:
        """Keep the choice; on the first run, show every page in that language at once."""
        self.draft = replace(self.draft, language=code)
        if not self._first_run:
            return
        set_language(code)
        for step in (Step.SHOP, Step.MONEY, Step.PRINTER, Step.OWNER, Step.FINISH):
            old = self.page(step)
            if old is None:
                continue
            self.removePage(step)
            old.deleteLater()
        self._add_pages()
        self._retranslate()

    # -- moving between pages -----------------------------------------------

    def validateCurrentPage(self) -> bool:
        """Read the page's answers into the draft; stay on the page when one is wrong."""
        page = self.currentPage()
        if isinstance(page, SetupPage):
            collected = page.collect(self.draft)
            if collected is None:
                return False
            self.draft = collected
        return super().validateCurrentPage()

    def _entered(self, step: int) -> None:
        if step == Step.FINISH:
            self.finish_page.show_summary(self.draft, self._shop.printer.settings().uri)

    # -- closing -------------------------------------------------------------

    def accept(self) -> None:
        """Finish: load the demo shop if asked, then store the answers as the shop's settings."""
        demo = self._demo_allowed and self.finish_page.demo.isChecked()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if demo and self._shop.settings.is_empty():
                load_demo_shop(self._shop)
            owner = self.owner_page.answer() if self._owner_allowed else None
            if owner is not None:
                self._shop.users.add(owner[0], Role.OWNER, owner[1])
            self._store(self._shop.settings.load())
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            show_message(self.finish_page.problem, describe(exc), "error")
            return
        QApplication.restoreOverrideCursor()
        self.outcome = SetupOutcome(finished=True, language=self.draft.language, demo_loaded=demo)
        super().accept()

    def _store(self, stored: ShopSettings) -> None:
        """The answers over what is stored (the demo's QRIS and rounding stay)."""
        d = self.draft
        self._shop.settings.change(
            replace(
                stored,
                language=d.language,
                shop_name=d.shop_name,
                address=d.address,
                phone=d.phone,
                currency_code=d.currency_code,
                tax_enabled=d.tax_enabled,
                tax_rate=d.tax_rate,
                tax_base_fraction=d.tax_base_fraction,
                tax_inclusive=d.tax_inclusive,
                setup_done=True,
            )
        )

    def reject(self) -> None:
        """Skip: remember it (and a language picked), so the setup does not show again."""
        language = self.welcome.language.currentData()
        if self._first_run and language != (self._shop.settings.load().language or ""):
            self._shop.settings.update(language=language)
        self._shop.settings.mark_set_up()
        self.outcome = SetupOutcome(finished=False, language=language)
        super().reject()

    def wait(self) -> bool:
        """Block until the printer page's background work is done (for tests)."""
        return self.printer_page.section.wait()

    @classmethod
    def ask(cls, parent: QWidget | None, shop: Shop, *, first_run: bool) -> SetupOutcome:
        """Run the setup until it is finished or skipped; how it ended."""
        wizard = cls(shop, first_run=first_run, parent=parent)
        wizard.exec()
        wizard.wait()
        return wizard.outcome

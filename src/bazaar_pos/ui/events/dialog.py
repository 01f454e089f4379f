"""Bazaar events (F10): add and change events, open one for selling, and see how each went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from babel.dates import format_date
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import parse_money
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, current_language
from bazaar_pos.services.shifts.events import EventDraft, EventView
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.events.report_html import event_report_html
from bazaar_pos.ui.widgets.fields import button, date_edit, line_edit, picked_day


def event_line(event: EventView) -> str:
    """An event in the list: name, dates, place and whether sales are tagged with it."""
    language = current_language()
    days = format_date(event.starts_on, "d MMM y", locale=language)
    if event.ends_on != event.starts_on:
        first = format_date(event.starts_on, "d MMM", locale=language)
        days = f"{first} – {format_date(event.ends_on, 'd MMM y', locale=language)}"
    status = {
        "planned": _("planned"),
        "open": _("selling now"),
        "closed": _("closed"),
    }.get(event.status, event.status)
    place = f" · {event.place}" if event.place else ""
    return f"{event.name}\n{days}{place} · {status}"


class EventsDialog(QDialog):
    """The events on the left; the one selected on the right, with its report below.

    Signals:
        changed(): an event was added, changed, opened or closed.
    """

    changed = Signal()

    def __init__(self, shop: Shop, approvals: Approvals, parent: QWidget | None = None) -> None:
        """Work on the events of ``shop``."""
        super().__init__(parent)
        self.setObjectName("eventsDialog")
        self.setAccessibleName(_("Bazaar events"))
        self.setWindowTitle(_("Bazaar events"))
        self.resize(1200, 720)
        self._shop = shop
        self._approvals = approvals
        self._settings = shop.settings.load()
        self._money = money_text(self._settings)
        self.looking = LookingApproval(shop.access, Permission.VIEW_COST, self)
        """The owner's approval to see the costs, kept until it runs out or someone signs in."""
        self.looking.changed.connect(self._show_report_or_hint)
        self.events: list[EventView] = []
        self.list = QListWidget()
        self.list.setObjectName("eventList")
        self.list.setAccessibleName(_("Events"))
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.name = line_edit("eventName", _("Name"))
        self.place = line_edit("eventPlace", _("Place"))
        self.starts = date_edit("eventStarts", _("First day"))
        self.ends = date_edit("eventEnds", _("Last day"))
        self.booth_fee = line_edit("eventBoothFee", _("Booth fee"))
        self.other_costs = line_edit("eventOtherCosts", _("Other costs"))
        self.costs_note = line_edit("eventCostsNote", _("About the costs"))
        self.costs_note.setPlaceholderText(_("e.g. parking, transport, ice"))
        for field in (self.booth_fee, self.other_costs):
            field.setPlaceholderText(_("e.g. 1500000 or 1,5jt"))
        form = QFormLayout()
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Place:"), self.place)
        days = QHBoxLayout()
        days.addWidget(self.starts)
        days.addWidget(QLabel(_("to")))
        days.addWidget(self.ends)
        days.addStretch(1)
        days_label = QLabel(_("&Days:"))
        days_label.setBuddy(self.starts)
        form.addRow(days_label, days)
        form.addRow(_("&Booth fee:"), self.booth_fee)
        form.addRow(_("&Other costs:"), self.other_costs)
        form.addRow(_("About the &costs:"), self.costs_note)
        self.new_button = button(
            "newEvent", _("New event  Ctrl+N"), self.new, shortcut="events.new", shortcuts_on=self
        )
        self.save_button = button(
            "saveEvent", _("Save  Ctrl+S"), self.save, shortcut="events.save", shortcuts_on=self
        )
        self.open_button = button(
            "sellAtEvent",
            _("Sell at this event  Ctrl+O"),
            self.open_event,
            shortcut="events.open",
            shortcuts_on=self,
        )
        self.close_button = button(
            "closeEvent",
            _("End selling here  Ctrl+E"),
            self.close_event,
            shortcut="events.close",
            shortcuts_on=self,
        )
        self.report_button = button(
            "showEventReport",
            _("Show the report  Ctrl+R"),
            self.show_report,
            shortcut="events.report",
            shortcuts_on=self,
        )
        done = button("closeEvents", _("Close  Esc"), self.reject)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.report = QTextBrowser()
        self.report.setObjectName("eventReport")
        self.report.setAccessibleName(_("Event report"))
        self.report.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.report.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        actions = QHBoxLayout()
        for each in (self.save_button, self.open_button, self.close_button, self.report_button):
            actions.addWidget(each)
        actions.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(actions)
        right.addWidget(self.message)
        right.addWidget(self.report, 1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    # -- acting ----------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """List the events; select ``select`` (an id), the open one, or the first."""
        current = self.current()
        self.events = self._shop.events.events()
        ids = [event.id for event in self.events]
        wanted = select or (current.id if current else None)
        if wanted not in ids:
            wanted = next((e.id for e in self.events if e.is_open), ids[0] if ids else None)
        self.list.blockSignals(True)
        self.list.clear()
        for event in self.events:
            item = QListWidgetItem(event_line(event))
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if wanted is None:
            self.new()
        else:
            self.list.setCurrentRow(ids.index(wanted))

    def current(self) -> EventView | None:
        """The event selected (None while a new one is being typed)."""
        row = self.list.currentRow()
        return self.events[row] if 0 <= row < len(self.events) else None

    def new(self) -> None:
        """Ctrl+N: an empty form for a new event, from today."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        today = date.today()
        self._fill(EventDraft("", today, today))
        self.report.setHtml("<p>" + _("Save the event to start.") + "</p>")
        self._enable(None)
        self.name.setFocus()

    def draft(self) -> EventDraft:
        """The event as the form shows it; ValueError when an amount cannot be read."""
        return EventDraft(
            name=self.name.text().strip(),
            place=self.place.text().strip(),
            starts_on=picked_day(self.starts),
            ends_on=picked_day(self.ends),
            booth_fee=self._amount(self.booth_fee),
            other_costs=self._amount(self.other_costs),
            costs_note=self.costs_note.text().strip(),
        )

    def save(self) -> None:
        """Ctrl+S: add the new event, or store the changes to the one selected."""
        current = self.current()
        try:
            draft = self.draft()
            saved = (
                self._shop.events.update(current.id, draft)
                if current is not None
                else self._shop.events.create(draft)
            )
        except ValueError:
            show_message(self.message, _("Type fees as amounts, e.g. 1500000 or 1,5jt."), "error")
            return
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.reload(saved.id)
        self.changed.emit()
        show_message(self.message, _("Saved."))

    def open_event(self) -> None:
        """Ctrl+O: tag the sales rung up from now on with the event selected."""
        current = self.current()
        if current is None:
            return
        self._act(lambda: self._shop.events.open(current.id), _("Sales are now tagged with it."))

    def close_event(self) -> None:
        """Ctrl+E: stop tagging sales with the event selected."""
        current = self.current()
        if current is None:
            return
        self._act(lambda: self._shop.events.close(current.id), _("Selling here has ended."))

    def show_report(self) -> None:
        """Ctrl+R: how the event went; it shows costs, so it is the owner's (or approved)."""
        if self.looking.allowed():
            self._show_report_or_hint()
        else:  # once approved, the approval's change shows the report
            self.looking.ask(self._approvals, tell=lambda m: show_message(self.message, m, "error"))

    def access_changed(self) -> None:
        """Someone else signed in: forget the approval to see costs, and hide the report."""
        self.looking.drop()

    # -- keeping things in step ------------------------------------------------

    def _show_report_or_hint(self) -> None:
        current = self.current()
        if current is None:
            return
        if not self.looking.allowed():
            self.report.setHtml(
                "<p>"
                + _(
                    "The report shows costs and profit, for the owner. "
                    "Ctrl+R asks for the owner's PIN."
                )
                + "</p>"
            )
            return
        try:
            report = self._shop.events.report(current.id, approval=self.looking.approval)
        except UserError as exc:
            show_message(self.message, exc.message, "error")
            return
        self.report.setHtml(
            event_report_html(report, self._money, self._settings.money_locale)
        )

    def _act(self, work: Callable[[], EventView], done: str) -> None:
        try:
            event = work()
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.reload(event.id)
        self.changed.emit()
        show_message(self.message, done)

    def _show_current(self) -> None:
        current = self.current()
        show_message(self.message, "")
        if current is None:
            self.new()
            return
        self._fill(
            EventDraft(
                current.name,
                current.starts_on,
                current.ends_on,
                current.place,
                current.booth_fee,
                current.other_costs,
                current.costs_note,
            )
        )
        self._enable(current)
        self._show_report_or_hint()

    def _fill(self, draft: EventDraft) -> None:
        self.name.setText(draft.name)
        self.place.setText(draft.place)
        self.starts.setDate(QDate(draft.starts_on.year, draft.starts_on.month, draft.starts_on.day))
        self.ends.setDate(QDate(draft.ends_on.year, draft.ends_on.month, draft.ends_on.day))
        self.booth_fee.setText(self._money(draft.booth_fee) if draft.booth_fee else "")
        self.other_costs.setText(self._money(draft.other_costs) if draft.other_costs else "")
        self.costs_note.setText(draft.costs_note)

    def _enable(self, event: EventView | None) -> None:
        self.open_button.setEnabled(event is not None and not event.is_open)
        self.close_button.setEnabled(event is not None and event.is_open)
        self.report_button.setEnabled(event is not None)

    def _amount(self, field: QLineEdit) -> int:
        text = field.text().strip()
        return parse_money(text, self._settings.currency) if text else 0

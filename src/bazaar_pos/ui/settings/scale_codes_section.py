"""Settings > Devices > Label scale barcodes: the layouts of the codes the shop's scales print."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.scale_barcodes import (
    CODE_LENGTH,
    DEFAULT_LAYOUTS,
    ScaleLayout,
    ScaleValue,
)
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.dialogs import describe, show_message
from bazaar_pos.ui.settings.storing import store_or_explain
from bazaar_pos.ui.widgets.fields import button, combo

PREFIX, PLU, VALUE_DIGITS, HOLDS = range(4)


class ScaleCodesSection(QGroupBox):
    """A table of label scale layouts (prefix, PLU digits, value digits, what the value is).

    The value digits follow from the others (a code has 12 digits before its
    check digit). Save stores the layouts in the shop settings: an owner's
    job, so a cashier is asked for an owner's PIN. Layouts that overlap, that
    leave no prefix from 20 to 29 for the shop's own codes, or that take a
    prefix the shop's products already have codes in, are refused.

    Signals:
        saved(): the layouts were stored.
    """

    saved = Signal()

    def __init__(
        self,
        settings: SettingsService,
        approvals: Approvals | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Edit the layouts kept in ``settings``; a cashier asks ``approvals``."""
        super().__init__(_("Label scale barcodes"), parent)
        self.setObjectName("scaleCodesSection")
        self.setAccessibleName(_("Label scale barcodes"))
        self._settings = settings
        self._approvals = approvals
        self._filling = False
        self._build()
        self.load()

    def _build(self) -> None:
        intro = QLabel(
            _(
                "A label scale prints a barcode holding the product's PLU and its weight "
                "or price. Set the layouts your scales print (see the scale's manual)."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("scaleLayouts")
        self.table.setAccessibleName(_("Scale code layouts"))
        self.table.setHorizontalHeaderLabels(
            [_("Prefix"), _("PLU digits"), _("Value digits"), _("Value")]
        )
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (PREFIX, PLU, VALUE_DIGITS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HOLDS, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._recount)
        self.add_button = button("addScaleLayout", _("&Add layout"), self.add_layout)
        self.remove_button = button(
            "removeScaleLayout", _("Remove layo&ut"), self.remove_layout
        )
        self.save_button = button("saveScaleLayouts", _("Save scale &barcodes"), self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.note = QLabel()
        self.note.setObjectName("scaleCodesNote")
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("scaleCodesStatus")
        self.status.setAccessibleName(_("Scale code status"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.status)

    def load(self) -> None:
        """Show the stored layouts."""
        settings = self._settings.load()
        self.table.setRowCount(0)
        for layout in settings.scale_layouts:
            self._append(layout)
        self._say_prefix(settings.internal_prefix)

    def add_layout(self) -> None:
        """Add a row for another layout (a price code with prefix 22 to start from)."""
        taken = {self._text(row, PREFIX) for row in range(self.table.rowCount())}
        prefix = next((str(p) for p in range(22, 30) if str(p) not in taken), "2")
        self._append(ScaleLayout(prefix, ScaleValue.PRICE))
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, PREFIX)
        self.table.setFocus()

    def remove_layout(self) -> None:
        """Remove the selected layout's row."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def shown_layouts(self) -> tuple[str, ...]:
        """The layouts as shown, as the settings keep them; ValidationError for bad rows."""
        texts, problems = [], []
        for row in range(self.table.rowCount()):
            prefix, plu = self._text(row, PREFIX), self._text(row, PLU)
            if not plu.isdigit():
                problems.append(
                    _("Row {row}: the PLU digits must be a number.").format(row=row + 1)
                )
                continue
            try:
                layout = ScaleLayout(
                    prefix,
                    ScaleValue(self._holds(row).currentData()),
                    int(plu),
                    CODE_LENGTH - 1 - len(prefix) - int(plu),
                )
            except ValueError as exc:
                problems.append(
                    _("Row {row}: {problem}").format(row=row + 1, problem=exc)
                )
                continue
            texts.append(layout.text)
        if problems:
            raise ValidationError(_("The scale codes were not saved."), problems)
        return tuple(texts)

    def save(self) -> bool:
        """Store the layouts shown; say what is wrong instead when they cannot be."""
        try:
            layouts = self.shown_layouts()
        except UserError as exc:
            show_message(self.status, describe(exc), "error")
            return False
        stored = store_or_explain(
            self._approvals,
            lambda approval: self._settings.change(
                replace(self._settings.load(), scale_codes=layouts), approval=approval
            ),
            put_back=self.load,
            explain=lambda problem: show_message(self.status, problem, "error"),
        )
        if stored is None:
            return False
        self._say_prefix(stored.internal_prefix)
        show_message(self.status, _("Saved."))
        self.saved.emit()
        return True

    def _append(self, layout: ScaleLayout) -> None:
        self._filling = True
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, PREFIX, QTableWidgetItem(layout.prefix))
        self.table.setItem(row, PLU, QTableWidgetItem(str(layout.plu_digits)))
        counted = QTableWidgetItem(str(layout.value_digits))
        counted.setFlags(counted.flags() & ~Qt.ItemFlag.ItemIsEditable)
        counted.setToolTip(_("A code has 12 digits before its check digit"))
        self.table.setItem(row, VALUE_DIGITS, counted)
        holds = combo(
            f"scaleLayoutValue{row}",
            _("What the value is"),
            (
                (_("Weight in grams"), ScaleValue.WEIGHT.value),
                (
                    _("Price in whole {currency}").format(
                        currency=self._settings.load().currency_code
                    ),
                    ScaleValue.PRICE.value,
                ),
            ),
        )
        holds.setCurrentIndex(holds.findData(layout.value.value))
        self.table.setCellWidget(row, HOLDS, holds)
        self._filling = False

    def _recount(self, item: QTableWidgetItem) -> None:
        """Show the value digits that the prefix and PLU digits leave."""
        if self._filling or item.column() not in (PREFIX, PLU):
            return
        row = item.row()
        prefix, plu = self._text(row, PREFIX), self._text(row, PLU)
        left = CODE_LENGTH - 1 - len(prefix) - int(plu) if plu.isdigit() else 0
        shown = self.table.item(row, VALUE_DIGITS)
        if shown is not None:
            self._filling = True
            shown.setText(str(left) if left > 0 else "-")
            self._filling = False

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _holds(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, HOLDS)
        assert isinstance(widget, QComboBox)
        return widget

    def _say_prefix(self, prefix: int) -> None:
        self.note.setText(
            _(
                "The barcodes this app makes for your products start with {prefix}, "
                "which no scale layout uses. The defaults are {weight} (weight) and "
                "{price} (price)."
            ).format(
                prefix=prefix,
                weight=DEFAULT_LAYOUTS[0].prefix,
                price=DEFAULT_LAYOUTS[1].prefix,
            )
        )

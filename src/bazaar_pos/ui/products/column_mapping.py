"""The column mapping panel: each header of a file and the product field it holds, with presets."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _
from bazaar_pos.ui.widgets.fields import named


class ColumnMappingPanel(QGroupBox):
    """Maps each file header onto a field (or none); a preset fills the choices at once.

    ``mapping_changed`` carries the mapping after a person changes a choice or
    picks a preset; ``save_requested`` asks for the mapping to be kept as a preset.
    """

    mapping_changed = Signal(dict)
    preset_chosen = Signal(str)
    save_requested = Signal()

    def __init__(self, fields: Mapping[str, str], parent: QWidget | None = None) -> None:
        """Offer ``fields`` (field -> its name for people) for each header."""
        super().__init__(_("Columns of the file"), parent)
        self.setObjectName("importMapping")
        self.setAccessibleName(_("Columns of the file"))
        self._fields = dict(fields)
        self._filling = False
        self.preset = named(QComboBox(), "importPreset", _("Preset"))
        self.preset.activated.connect(self._preset_picked)
        preset_label = QLabel(_("&Preset:"))
        preset_label.setBuddy(self.preset)
        self.save = named(QPushButton(_("Sa&ve preset…")), "importSavePreset", _("Save preset"))
        self.save.clicked.connect(self.save_requested)
        top = QHBoxLayout()
        top.addWidget(preset_label)
        top.addWidget(self.preset, 1)
        top.addWidget(self.save)
        self.table = named(QTableWidget(0, 2), "importMappingTable", _("Columns of the file"))
        self.table.setHorizontalHeaderLabels([_("Column in the file"), _("Product field")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hint = QLabel(_("Choose the field each column holds. SKU, Name and Price are needed."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)

    def show_file(
        self,
        headers: tuple[str, ...],
        mapping: Mapping[str, str],
        presets: list[str],
        preset: str | None,
    ) -> None:
        """Show ``headers`` with the fields ``mapping`` gives them; ``preset`` chosen if any."""
        self._filling = True
        try:
            self.preset.clear()
            self.preset.addItem(_("(your own choice)"), "")
            for name in presets:
                self.preset.addItem(name, name)
            self.preset.setCurrentIndex(max(0, self.preset.findData(preset or "")))
            if self._headers() == headers and self.mapping() == dict(mapping):
                return  # what the person chose is shown already: keep the focus where it is
            self.table.setRowCount(len(headers))
            for row, header in enumerate(headers):
                self.table.setItem(row, 0, QTableWidgetItem(header))
                box = named(QComboBox(), f"importField{row}", header)
                box.addItem(_("(not imported)"), "")
                for field, label in self._fields.items():
                    box.addItem(label, field)
                box.setCurrentIndex(max(0, box.findData(mapping.get(header, ""))))
                box.currentIndexChanged.connect(self._changed)
                self.table.setCellWidget(row, 1, box)
        finally:
            self._filling = False

    def mapping(self) -> dict[str, str]:
        """Each header with the field chosen for it (headers not imported left out)."""
        chosen = {}
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 1)
            header = self.table.item(row, 0)
            if isinstance(box, QComboBox) and header is not None and box.currentData():
                chosen[header.text()] = str(box.currentData())
        return chosen

    def _headers(self) -> tuple[str, ...]:
        items = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        return tuple(item.text() for item in items if item is not None)

    def field_box(self, header: str) -> QComboBox:
        """The field chooser of ``header``'s row."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            box = self.table.cellWidget(row, 1)
            if item is not None and item.text() == header and isinstance(box, QComboBox):
                return box
        raise KeyError(header)

    def _changed(self) -> None:
        if self._filling:
            return
        self._filling = True
        self.preset.setCurrentIndex(0)
        self._filling = False
        self.mapping_changed.emit(self.mapping())

    def _preset_picked(self, index: int) -> None:
        name = self.preset.itemData(index)
        if name:
            self.preset_chosen.emit(str(name))

"""A settlement report's columns chosen by hand, one per field; kept as a preset if named."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.settlement_report import FIELDS, missing_fields
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.dialogs import ok_cancel


class SettlementColumnsDialog(QDialog):
    """One chooser of the file's headers per field; OK once a time and an amount are chosen."""

    def __init__(
        self, headers: list[str], mapping: dict[str, str], parent: QWidget | None = None
    ) -> None:
        """Offer ``headers``, starting from ``mapping`` where its headers are among them."""
        super().__init__(parent)
        self.setObjectName("settlementColumnsDialog")
        self.setWindowTitle(_("Columns of the report"))
        self.setAccessibleName(_("Columns of the report"))
        intro = QLabel(
            _(
                "Choose the column that holds each field. A bank mutation has Money in "
                "(credit) instead of Amount. Give a name to keep these columns for next time."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.choosers: dict[str, QComboBox] = {}
        for field, label in FIELDS.items():
            chooser = QComboBox()
            chooser.setObjectName(f"column_{field}")
            chooser.setAccessibleName(_(label))
            chooser.addItem(_("(none)"), "")
            for header in headers:
                chooser.addItem(header, header)
            found = chooser.findData(mapping.get(field, ""))
            chooser.setCurrentIndex(max(found, 0))
            chooser.currentIndexChanged.connect(lambda _i: self._enable())
            self.choosers[field] = chooser
            form.addRow(_(label), chooser)
        self.name = QLineEdit()
        self.name.setObjectName("columnsPresetName")
        self.name.setAccessibleName(_("Keep as"))
        self.name.setPlaceholderText(_("optional, e.g. my-bank"))
        form.addRow(_("Keep as"), self.name)
        self.buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._enable()

    @classmethod
    def ask(
        cls, parent: QWidget | None, headers: list[str], mapping: dict[str, str]
    ) -> tuple[dict[str, str], str] | None:
        """The mapping chosen and the name to keep it under ("" for none), or None if cancelled."""
        dialog = cls(headers, mapping, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.mapping(), dialog.name.text().strip()

    def mapping(self) -> dict[str, str]:
        """Field -> header, for the fields given a column."""
        return {f: c.currentData() for f, c in self.choosers.items() if c.currentData()}

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not missing_fields(self.mapping()))

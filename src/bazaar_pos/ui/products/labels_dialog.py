"""The labels dialog: which products, which sheet or roll, how many; the PDF is made off-thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.products.labels import LabelRequest, LabelResult, templates
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.progress import run_with_progress


class LabelsDialog(QDialog):
    """Choose products and a label template, then save the PDF."""

    def __init__(self, shop: Shop, selected: list[int], parent: QWidget | None = None) -> None:
        """Offer labels for the ``selected`` product ids, a category, or every product."""
        super().__init__(parent)
        self.setObjectName("labelsDialog")
        self.setAccessibleName(_("Print labels"))
        self.setWindowTitle(_("Print labels"))
        self._shop = shop
        self._selected = selected
        self.jobs = Jobs(self)
        self.result_labels: LabelResult | None = None

        self.pick_selected = QRadioButton(
            ngettext(
                "The &selected product", "The &selected {count} products", len(selected)
            ).format(count=len(selected))
        )
        self.pick_selected.setObjectName("labelsSelected")
        self.pick_selected.setEnabled(bool(selected))
        self.pick_category = QRadioButton(_("Every product in the &category"))
        self.pick_category.setObjectName("labelsCategory")
        self.category = QComboBox()
        self.category.setObjectName("labelsCategoryName")
        self.category.setAccessibleName(_("Category"))
        self.category.addItems(shop.catalogue.categories())
        self.pick_category.setEnabled(self.category.count() > 0)
        self.pick_all = QRadioButton(_("Every &active product"))
        self.pick_all.setObjectName("labelsAll")
        group = QButtonGroup(self)
        for button in (self.pick_selected, self.pick_category, self.pick_all):
            group.addButton(button)
        (self.pick_selected if selected else self.pick_all).setChecked(True)
        self.template = QComboBox()
        self.template.setObjectName("labelsTemplate")
        self.template.setAccessibleName(_("Label sheet or roll"))
        for template in templates():
            self.template.addItem(_(template.description), template.name)
        self.copies = QSpinBox()
        self.copies.setObjectName("labelsCopies")
        self.copies.setAccessibleName(_("Labels per product"))
        self.copies.setRange(1, 1000)
        self.per_stock = QCheckBox(_("One label per item in stock"))
        self.per_stock.setObjectName("labelsPerStock")
        self.per_stock.toggled.connect(lambda on: self.copies.setEnabled(not on))
        self.skip = QSpinBox()
        self.skip.setObjectName("labelsSkip")
        self.skip.setAccessibleName(_("Labels already used on the first sheet"))
        self.skip.setRange(0, 200)
        self.outline = QCheckBox(_("Draw the label edges (to test on plain paper)"))
        self.outline.setObjectName("labelsOutline")
        self.status = QLabel(_("Products without a barcode get an internal EAN-13 code."))
        self.status.setObjectName("labelsStatus")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("&Template"), self.template)
        form.addRow(_("Co&pies"), self.copies)
        form.addRow("", self.per_stock)
        form.addRow(_("S&kip labels"), self.skip)
        form.addRow("", self.outline)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save PDF…"))
        self.jobs.hold(self.save_button)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Labels for")))
        layout.addWidget(self.pick_selected)
        layout.addWidget(self.pick_category)
        layout.addWidget(self.category)
        layout.addWidget(self.pick_all)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, shop: Shop, selected: list[int]) -> LabelResult | None:
        """Show the dialog; the labels written, or None when closed without writing."""
        dialog = cls(shop, selected, parent)
        dialog.exec()
        return dialog.result_labels

    def request(self) -> LabelRequest:
        """The labels the dialog asks for."""
        return LabelRequest(
            product_ids=tuple(self._selected) if self.pick_selected.isChecked() else (),
            category=self.category.currentText() if self.pick_category.isChecked() else None,
            template=str(self.template.currentData()),
            copies=self.copies.value(),
            per_stock=self.per_stock.isChecked(),
            skip=self.skip.value(),
            outline=self.outline.isChecked(),
        )

    def save(self) -> None:
        """Ask where to save, then write the PDF off the GUI thread."""
        path = dialogs.save_file(
            self, _("Save labels"), _("labels.pdf"), "PDF (*.pdf)", kind=dialogs.FileKind.DOCUMENT
        )
        if path is None:
            return
        request = self.request()
        self.status.setText(_("Writing {file}…").format(file=path.name))
        run_with_progress(
            self.jobs,
            self,
            _("Writing labels"),
            lambda progress: self._shop.labels.write(request, path, progress=progress),
            self._done,
            self._failed,
        )

    def _done(self, result: LabelResult) -> None:
        self.result_labels = result
        self.status.setText(
            _("Saved {labels} labels on {pages} page(s) to {file}.").format(
                labels=result.labels, pages=result.pages, file=result.path
            )
        )

    def _failed(self, message: str) -> None:
        self.status.setText(message)

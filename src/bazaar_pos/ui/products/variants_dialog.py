"""The variants dialog: a product's options (size x colour ...) and the variants they make."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.variants import (
    OptionAxis,
    choice_key,
    combinations,
    format_axes,
    parse_axes,
    variant_name,
    variant_sku,
)
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.common import dialogs


class VariantsDialog(QDialog):
    """Type the options one per line; the table shows the variants kept, added and archived."""

    def __init__(self, shop: Shop, product: ProductView, parent: QWidget | None = None) -> None:
        """Edit the options of ``product``."""
        super().__init__(parent)
        self.setObjectName("variantsDialog")
        self.setAccessibleName(_("Variants"))
        self.setWindowTitle(_("Variants of {name}").format(name=product.name))
        self._shop = shop
        self._product = product
        self._existing = shop.catalogue.variants_of(product.id, include_inactive=True)
        self.result_variants: list[ProductView] | None = None
        self._axes: tuple[OptionAxis, ...] = product.option_axes

        intro = QLabel(
            _(
                "One option per line, values separated by commas, for example\n"
                "Size: S, M, L\nColour: Merah, Biru\n"
                "Each variant gets its own SKU, barcode, price and stock."
            )
        )
        intro.setWordWrap(True)
        self.options = QPlainTextEdit()
        self.options.setObjectName("variantOptions")
        self.options.setAccessibleName(_("Options"))
        self.options.setTabChangesFocus(True)
        self.options.setFixedHeight(90)
        self.options.setPlainText(format_axes(product.option_axes).replace("; ", "\n"))
        self.options.textChanged.connect(self._preview)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("variantPreview")
        self.table.setAccessibleName(_("Variants that will exist"))
        self.table.setHorizontalHeaderLabels([_("Variant"), _("SKU"), _("What happens")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("variantSummary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Save variants"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.options)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(640, 520)
        self._preview()

    @classmethod
    def ask(
        cls, parent: QWidget | None, shop: Shop, product: ProductView
    ) -> list[ProductView] | None:
        """Show the dialog; the product's variants once saved, or None when cancelled."""
        dialog = cls(shop, product, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_variants
        return None

    def save(self) -> None:
        """Store the options and generate the variants, in one service call."""
        try:
            self.result_variants = self._shop.catalogue.set_options(self._product.id, self._axes)
        except UserError as problem:
            self.summary.setText(dialogs.describe(problem))
            return
        self.accept()

    def _preview(self) -> None:
        try:
            self._axes = parse_axes(self.options.toPlainText())
        except ValueError as problem:
            self.summary.setText(str(problem))
            self.ok.setEnabled(False)
            return
        existing = {choice_key(v.choice): v for v in self._existing}
        wanted = combinations(self._axes)
        rows: list[tuple[str, str, str]] = []
        for choice in wanted:
            known = existing.get(choice_key(choice))
            if known is None:
                sku = variant_sku(self._product.sku, choice)
                rows.append((variant_name(self._product.name, choice), sku, _("new")))
            else:
                what = _("kept") if known.active else _("brought back")
                rows.append((known.name, known.sku, what))
        keys = {choice_key(c) for c in wanted}
        dropped = [v for v in self._existing if v.active and choice_key(v.choice) not in keys]
        rows += [(v.name, v.sku, _("archived")) for v in dropped]
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary.setText(
            _("{count} variants; {new} new, {archived} archived.").format(
                count=len(wanted),
                new=sum(r[2] == _("new") for r in rows),
                archived=len(dropped),
            )
        )
        self.ok.setEnabled(True)

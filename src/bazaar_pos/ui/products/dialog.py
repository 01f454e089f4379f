"""The product dialog: create or edit one product, with its photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.consignment import parse_commission
from bazaar_pos.domain.quantity import (
    QuantityError,
    Unit,
    parse_quantity,
    typed_quantity,
    unit_of,
)
from bazaar_pos.domain.scale_barcodes import PLU_DIGITS
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import N_, _
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import uses_decimal_comma
from bazaar_pos.ui.widgets.fields import named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit
from bazaar_pos.ui.widgets.thumbnails import thumbnail

PHOTO_SIZE = 200
UNIT_LABELS = {
    Unit.PCS: N_("pcs (by the piece)"),
    Unit.KG: N_("kg (by weight)"),
    Unit.G: N_("g (by weight, per gram)"),
    Unit.M: N_("m (by length)"),
    Unit.CM: N_("cm (by length, per centimetre)"),
    Unit.L: N_("l (by volume)"),
}
"""The units a product is sold in, as the unit list shows them."""
PHOTO_FILTER = N_("Photos (*.jpg *.jpeg *.png *.webp *.gif *.bmp)")


class ProductDialog(QDialog):
    """Every field of a product; saving is one service call, problems stay in the dialog.

    A cashier who changes a price saves with the owner's PIN, asked on the
    spot. Someone who may not see costs edits a product without its cost
    (hidden, and kept as it is); a new product may take a cost typed in.
    """

    def __init__(
        self, shop: Shop, product: ProductView | None, parent: QWidget | None = None
    ) -> None:
        """Edit ``product``, or make a new one when it is None."""
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.setAccessibleName(_("Product"))
        self.setWindowTitle(_("New product") if product is None else _("Edit product"))
        self._shop = shop
        self._product = product
        self._new_photo: Path | None = None
        self._remove_photo = False
        self._sku_touched = product is not None
        self.result_product: ProductView | None = None
        self.approvals = Approvals(shop.access, self)
        self.shows_cost = product is None or shop.access.may(Permission.VIEW_COST)
        settings = shop.settings.load()
        self._currency = settings.currency
        self._decimal_comma = uses_decimal_comma(settings.money_locale)

        self.name = named(QLineEdit(), "productName", _("Name"))
        self.sku = named(QLineEdit(), "productSku", _("SKU"))
        self.sku.textEdited.connect(self._sku_edited)
        suggest = named(QPushButton(_("Suggest")), "suggestSku", _("Suggest a SKU"))
        suggest.clicked.connect(self._suggest_sku)
        self.barcode = named(QLineEdit(), "productBarcode", _("Barcode"))
        self.barcode.setPlaceholderText(_("scan it, or leave empty"))
        generate = named(QPushButton(_("New code")), "generateBarcode", _("New internal barcode"))
        generate.clicked.connect(lambda: self.barcode.setText(shop.catalogue.next_barcode()))
        self.category = named(QComboBox(), "productCategory", _("Category"))
        self.category.setEditable(True)
        self.category.addItems(["", *shop.catalogue.categories()])
        self.price = named(
            MoneyEdit(settings.currency, settings.money_locale), "productPrice", _("Price")
        )
        self.cost = named(
            MoneyEdit(settings.currency, settings.money_locale), "productCost", _("Cost")
        )
        self.taxable = named(QCheckBox(_("Taxable")), "productTaxable", _("Taxable"))
        self.unit = named(QComboBox(), "productUnit", _("Unit"))
        for unit, label in UNIT_LABELS.items():
            self.unit.addItem(_(label), unit)
        self.unit.setToolTip(_("The price is per this unit, and the stock is counted in it."))
        self.low_stock = named(QLineEdit(), "productLowStock", _("Low-stock level"))
        self.low_stock.setPlaceholderText(_("empty: no alert"))
        self.online_buffer = named(
            QLineEdit(), "productOnlineBuffer", _("Keep back from online shops")
        )
        self.online_buffer.setPlaceholderText(
            _("empty: the shop's setting ({count})").format(count=settings.online_buffer)
        )
        self.online_buffer.setToolTip(
            _(
                "How many are never offered on the marketplaces, so the last ones "
                "are not sold twice. Leave it empty to use the shop's setting."
            )
        )
        self.plu = named(QLineEdit(), "productPlu", _("PLU on the label scale"))
        self.plu.setPlaceholderText(_("1 to 5 digits, only for goods weighed on a label scale"))
        self.plu.setMaxLength(PLU_DIGITS)
        self.plu.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}")))
        self.consignor = named(QComboBox(), "productConsignor", _("Consignor"))
        self.consignor.addItem(_("— the shop's own goods —"), None)
        for maker in shop.consignment.consignors(include_inactive=True):
            self.consignor.addItem(maker.name, maker.id)
        self.consignor.currentIndexChanged.connect(self._consignor_changed)
        self.commission = named(QLineEdit(), "productCommission", _("Commission"))
        self.commission.setPlaceholderText(_("e.g. 20% or 5.000 per item"))
        self.active = named(QCheckBox(_("Active (sold at the till)")), "productActive", _("Active"))
        self.favourite = named(
            QCheckBox(_("Favourite (quick pick at the till)")), "productFavourite", _("Favourite")
        )
        self.one_of_a_kind = named(
            QCheckBox(_("One of a kind (a single piece)")), "productOneOfAKind", _("One of a kind")
        )
        self.one_of_a_kind.toggled.connect(self._update_photo_hint)
        self.notes = named(QPlainTextEdit(), "productNotes", _("Notes"))
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&SKU"), _row(self.sku, suggest))
        form.addRow(_("&Barcode"), _row(self.barcode, generate))
        form.addRow(_("&Category"), self.category)
        self.price_label = QLabel(_("&Price"))
        self.price_label.setBuddy(self.price)
        form.addRow(self.price_label, self.price)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.cost_label = QLabel(_("C&ost"))
        self.cost_label.setBuddy(self.cost)
        form.addRow(self.cost_label, self.cost)
        self.cost_label.setVisible(self.shows_cost)
        self.cost.setVisible(self.shows_cost)
        form.addRow(_("&Unit"), self.unit)
        form.addRow(_("&Low-stock level"), self.low_stock)
        form.addRow(_("&Keep back from online shops"), self.online_buffer)
        form.addRow(_("PLU"), self.plu)
        form.addRow(_("Consi&gnor"), self.consignor)
        form.addRow(_("Co&mmission"), self.commission)
        form.addRow("", self.taxable)
        form.addRow("", self.active)
        form.addRow("", self.favourite)
        form.addRow("", self.one_of_a_kind)
        form.addRow(_("No&tes"), self.notes)

        self.photo = named(QLabel(), "productPhoto", _("Photo"))
        self.photo.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_hint = QLabel()
        self.photo_hint.setObjectName("photoHint")
        self.photo_hint.setWordWrap(True)
        self.photo_hint.setMaximumWidth(PHOTO_SIZE)
        choose = named(QPushButton(_("C&hoose photo…")), "choosePhoto", _("Choose photo"))
        choose.clicked.connect(self._choose_photo)
        self.remove = named(QPushButton(_("Remove photo")), "removePhoto", _("Remove photo"))
        self.remove.clicked.connect(self._drop_photo)
        photo_box = QVBoxLayout()
        photo_box.addWidget(self.photo)
        photo_box.addWidget(self.photo_hint)
        photo_box.addWidget(choose)
        photo_box.addWidget(self.remove)
        photo_box.addStretch(1)

        self.problems = QLabel()
        self.problems.setObjectName("dialogProblems")
        self.problems.setAccessibleName(_("Problems"))
        self.problems.setWordWrap(True)
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("dialogButtons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        columns = QHBoxLayout()
        columns.addLayout(photo_box)
        columns.addSpacing(12)
        columns.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        self._fill(product)
        self.name.textChanged.connect(self._maybe_suggest)
        self.category.currentTextChanged.connect(self._maybe_suggest)
        self.setMinimumWidth(700)
        self.name.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, shop: Shop, product: ProductView | None = None
    ) -> ProductView | None:
        """Show the dialog; the product saved, or None when cancelled."""
        dialog = cls(shop, product, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_product
        return None

    def draft(self) -> ProductDraft:
        """What the fields hold, as a draft; raises UserError for a field that cannot be read."""
        problems = []
        price = self.price.value()
        if price is None:
            problems.append(
                _("The price is not an amount.") if self.price.text() else _("Enter a price.")
            )
        if self.shows_cost and not self.cost.is_valid():
            problems.append(_("The cost is not an amount."))
        consignor_id = self.consignor.currentData()
        commission = None
        if consignor_id is not None:
            try:
                commission = parse_commission(self.commission.text(), self._currency)
            except ValueError:
                problems.append(_("Write the commission as 20% or as an amount per item."))
        if problems:
            raise UserError("\n".join(problems))
        assert price is not None
        unit = unit_of(self.unit.currentData())
        level = self._low_stock_level(unit)
        kept_back = self._online_buffer(unit)
        return ProductDraft(
            sku=self.sku.text(),
            name=self.name.text(),
            price=price,
            cost=(self.cost.value() or 0) if self.shows_cost else None,
            barcode=self.barcode.text().strip() or None,
            category=self.category.currentText(),
            active=self.active.isChecked(),
            favourite=self.favourite.isChecked(),
            taxable=self.taxable.isChecked(),
            unit=unit,
            low_stock_milli=level,
            online_buffer_milli=kept_back,
            plu=self.plu.text().strip(),
            notes=self.notes.toPlainText(),
            one_of_a_kind=self.one_of_a_kind.isChecked(),
            consignor_id=consignor_id,
            commission=commission,
            photo=self._new_photo,
            remove_photo=self._remove_photo and self._new_photo is None,
        )

    def _low_stock_level(self, unit: Unit) -> int | None:
        """The typed low-stock level in thousandths of ``unit``, None when left empty."""
        text = self.low_stock.text().strip()
        if not text:
            return None
        try:
            return parse_quantity(text, unit)
        except QuantityError as problem:
            raise UserError(_("Low-stock level: {problem}").format(problem=problem)) from None

    def _online_buffer(self, unit: Unit) -> int | None:
        """The typed online buffer in thousandths of ``unit``, None (the shop's) when empty."""
        text = self.online_buffer.text().strip()
        if not text:
            return None
        try:
            return parse_quantity(text, unit)
        except QuantityError as problem:
            raise UserError(
                _("Keep back from online shops: {problem}").format(problem=problem)
            ) from None

    def save(self) -> None:
        """Save through the catalogue; show what is wrong, or close with the product saved."""
        try:
            draft = self.draft()
            if self._product is None:
                self.result_product = self._shop.catalogue.create(draft)
            else:
                product_id = self._product.id
                self.result_product = self.approvals.run(
                    lambda approval: self._shop.catalogue.update(
                        product_id, draft, approval=approval
                    )
                )
        except UserError as problem:
            self.problems.setText(dialogs.describe(problem))
            self.problems.show()
            return
        self.accept()

    # Filling and reacting

    def _unit_changed(self, _index: int = 0) -> None:
        """The price reads as per the unit chosen: ``Price per kg``."""
        unit = unit_of(self.unit.currentData())
        if unit.counted:
            self.price_label.setText(_("&Price"))
        else:
            self.price_label.setText(_("&Price per {unit}").format(unit=unit.value))

    def _fill(self, product: ProductView | None) -> None:
        if product is None:
            self.unit.setCurrentIndex(self.unit.findData(Unit.PCS))
            self.taxable.setChecked(True)
            self.active.setChecked(True)
            self.low_stock.clear()
            self.online_buffer.clear()
            self._show_photo(None)
            return
        self.name.setText(product.name)
        self.sku.setText(product.sku)
        self.barcode.setText(product.barcode or "")
        self.category.setCurrentText(product.category)
        self.price.set_value(product.price)
        if self.shows_cost:
            self.cost.set_value(product.cost)
        self.taxable.setChecked(product.taxable)
        self.unit.setCurrentIndex(self.unit.findData(product.unit))
        self.plu.setText(product.plu or "")
        if product.low_stock_milli is not None:
            self.low_stock.setText(typed_quantity(product.low_stock_milli, self._decimal_comma))
        if product.online_buffer_milli is not None:
            self.online_buffer.setText(
                typed_quantity(product.online_buffer_milli, self._decimal_comma)
            )
        index = self.consignor.findData(product.consignor_id)
        self.consignor.setCurrentIndex(max(index, 0))
        if product.commission is not None:
            self.commission.setText(product.commission.describe(self._currency))
        self.active.setChecked(product.active)
        self.favourite.setChecked(product.favourite)
        self.one_of_a_kind.setChecked(product.one_of_a_kind)
        self.one_of_a_kind.setEnabled(not product.has_variants)
        self.notes.setPlainText(product.notes)
        self._show_photo(self._shop.catalogue.photo_path(product))
        self._consignor_changed()

    def _sku_edited(self, _text: str) -> None:
        self._sku_touched = True

    def _maybe_suggest(self, _text: str = "") -> None:
        if not self._sku_touched and self.name.text().strip():
            self._suggest_sku()

    def _suggest_sku(self) -> None:
        self.sku.setText(
            self._shop.catalogue.suggest_sku(self.category.currentText(), self.name.text())
        )

    def _consignor_changed(self, _index: int = 0) -> None:
        consignor_id = self.consignor.currentData()
        self.commission.setEnabled(consignor_id is not None)
        if consignor_id is None:
            self.commission.clear()
        elif not self.commission.text():
            maker = self._shop.consignment.get_consignor(consignor_id)
            self.commission.setText(maker.commission.describe(self._currency))

    def _choose_photo(self) -> None:
        path = dialogs.open_file(
            self, _("Choose a photo"), _(PHOTO_FILTER), kind=dialogs.FileKind.PICTURE
        )
        if path is None:
            return
        if thumbnail(path, PHOTO_SIZE) is None:
            self.problems.setText(_("{name} cannot be read as a photo.").format(name=path.name))
            self.problems.show()
            return
        self._new_photo = path
        self._remove_photo = False
        self._show_photo(path)

    def _drop_photo(self) -> None:
        self._new_photo = None
        self._remove_photo = True
        self._show_photo(None)

    def _show_photo(self, path: Path | None) -> None:
        picture = thumbnail(path, PHOTO_SIZE - 4)
        if picture is None:
            self.photo.clear()
            self.photo.setText(_("No photo"))
        else:
            self.photo.setPixmap(picture)
        self.remove.setEnabled(picture is not None)
        self._update_photo_hint()

    def _update_photo_hint(self, _checked: bool = False) -> None:
        has_photo = self.remove.isEnabled()
        if self.one_of_a_kind.isChecked() and not has_photo:
            self.photo_hint.setText(_("A one-of-a-kind piece is found by its photo: add one."))
        else:
            self.photo_hint.setText("")


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for i, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if i == 0 else 0)
    return box

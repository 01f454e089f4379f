"""A cashier on the Products screen: a new price, an import or an export with the owner's PIN."""

from __future__ import annotations

import pytest

from bazaar_pos.domain.quantity import whole
from bazaar_pos.ui.products.dialog import ProductDialog
from bazaar_pos.ui.products.import_dialog import ImportDialog
from bazaar_pos.ui.products.screen import ProductsScreen
from tests.helpers.audit import audit
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def products_screen(qtbot, shop):
    widget = ProductsScreen(shop)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


# The product dialog


def test_a_cashier_changes_a_price_only_with_the_owners_pin_and_never_sees_the_cost(
    qtbot, shop, coffee
):
    act_as(shop, CASHIER)
    dialog = ProductDialog(shop, coffee)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.cost.isVisible()
    assert not dialog.cost_label.isVisible()
    assert dialog.cost.text() == ""
    dialog.price.set_value(99_000)

    reasons = owner_answers(qtbot, "0000")  # a wrong PIN, then Cancel
    dialog.save()
    assert reasons == [
        "Only an owner may change a price. An owner can approve it here with their PIN."
    ]
    assert dialog.problems.text() == NOT_APPROVED
    assert dialog.result_product is None
    assert shop.catalogue.get(coffee.id).price == 95_000
    assert audit(shop, "price.changed") == []
    assert audit(shop, "approval.refused")[0][0] == CASHIER

    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
    saved = shop.catalogue.get(coffee.id)
    assert (saved.price, saved.cost) == (99_000, 50_000)  # the hidden cost is kept
    assert audit(shop, "price.changed") == [
        (CASHIER, {"old_price": 95_000, "new_price": 99_000, "approved_by": OWNER})
    ]


def test_a_cashiers_other_changes_keep_the_cost_a_receipt_changed_meanwhile(
    qtbot, shop, coffee, never_asked
):
    act_as(shop, CASHIER)
    dialog = ProductDialog(shop, coffee)
    qtbot.addWidget(dialog)
    shop.stock.receive(coffee.id, whole(10), unit_cost=60_000)  # the average cost is now Rp55.000
    dialog.name.setText("Kopi Gayo Arabika")
    dialog.save()
    saved = shop.catalogue.get(coffee.id)
    assert (saved.name, saved.price, saved.cost) == ("Kopi Gayo Arabika", 95_000, 55_000)


def test_a_cashier_may_type_the_cost_of_a_new_product(qtbot, shop, never_asked):
    act_as(shop, CASHIER)
    dialog = ProductDialog(shop, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cost.isVisible()
    qtbot.keyClicks(dialog.name, "Teh Melati")
    qtbot.keyClicks(dialog.price, "20000")
    qtbot.keyClicks(dialog.cost, "12000")
    dialog.save()
    assert (dialog.result_product.price, dialog.result_product.cost) == (20_000, 12_000)


def test_an_owner_sees_the_cost_and_changes_prices_without_being_asked(
    qtbot, shop, coffee, never_asked
):
    act_as(shop, OWNER)
    dialog = ProductDialog(shop, coffee)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cost.isVisible()
    assert dialog.cost.value() == 50_000
    dialog.price.set_value(99_000)
    dialog.cost.set_value(52_000)
    dialog.save()
    saved = shop.catalogue.get(coffee.id)
    assert (saved.price, saved.cost) == (99_000, 52_000)
    assert audit(shop, "price.changed") == [(OWNER, {"old_price": 95_000, "new_price": 99_000})]


# Export and import


def test_a_cashier_exports_products_with_the_owners_pin_asked_before_the_file(
    qtbot, shop, coffee, products_screen, answers, tmp_path
):
    act_as(shop, CASHIER)
    answers.save_path = tmp_path / "produk.csv"
    reasons = owner_answers(qtbot)  # Cancel
    products_screen.buttons["export"].click()
    assert reasons == ["Only an owner may export data to a file."]
    assert products_screen.message.text() == NOT_APPROVED
    assert answers.asked == []  # no file was asked for
    assert not answers.save_path.exists()

    owner_answers(qtbot, OWNER_PIN)
    products_screen.buttons["export"].click()
    assert answers.asked == ["Export products"]
    qtbot.waitUntil(
        lambda: products_screen.message.text() == f"Exported 1 product to {answers.save_path}.",
        timeout=10_000,
    )
    assert "KOP-1,Kopi Gayo" in answers.save_path.read_text(encoding="utf-8")
    assert audit(shop, "approval.granted") == [
        (CASHIER, {"owner": OWNER, "permissions": ["export"]})
    ]
    act_as(shop, OWNER)
    products_screen.access_changed()
    assert products_screen.message.text() == ""


def test_an_owner_exports_without_being_asked(
    qtbot, shop, coffee, products_screen, answers, tmp_path, never_asked
):
    act_as(shop, OWNER)
    answers.save_path = tmp_path / "produk.xlsx"
    products_screen.export_file()
    qtbot.waitUntil(lambda: products_screen.message.text().startswith("Exported"), timeout=10_000)
    assert answers.save_path.exists()


def test_a_cashier_imports_with_the_owners_pin(qtbot, shop, coffee, write_csv):
    act_as(shop, CASHIER)
    dialog = ImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.load(write_csv("sku,name,price,stock\nKOP-1,Kopi Gayo,99000,12\nTEH-1,Teh,20000,\n"))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)

    reasons = owner_answers(qtbot, "0000")
    dialog.import_button.click()
    assert reasons == ["Only an owner may change a price, adjust stock."]
    assert dialog.summary.text() == NOT_APPROVED
    assert dialog.import_button.isEnabled()  # it can be tried again
    assert shop.catalogue.count() == 1
    assert shop.catalogue.get(coffee.id).price == 95_000

    owner_answers(qtbot, OWNER_PIN)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
    assert (dialog.result_summary.created, dialog.result_summary.updated) == (1, 1)
    assert shop.catalogue.get(coffee.id).price == 99_000
    assert shop.catalogue.get(coffee.id).stock_milli == whole(12)
    ((actor, details),) = audit(shop, "products.imported")
    assert (actor, details["approved_by"]) == (CASHIER, OWNER)


def test_an_owner_imports_without_being_asked(qtbot, shop, write_csv, never_asked):
    act_as(shop, OWNER)
    dialog = ImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.load(write_csv("sku,name,price\nTEH-1,Teh,20000\n"))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=10_000)
    ((actor, details),) = audit(shop, "products.imported")
    assert (actor, "approved_by" in details) == (OWNER, False)

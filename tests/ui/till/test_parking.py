from PySide6.QtCore import Qt

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog
from bazaar_pos.ui.till.small_dialogs import ParkedCartsDialog
from tests.helpers.qt import cart_rows, scan


def test_parked_carts_survive_a_restart_and_resume(
    qtbot, shop, db_path, products, open_till, monkeypatch
):
    till = open_till(shop)
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "Ibu baju merah"))
    scan(qtbot, till, "2*KOP-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_F7)
    assert len(till.cart) == 0
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: ""))
    scan(qtbot, till, "KRM-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_F7)
    till.close()
    shop.close()

    reopened = Shop.open(db_path)
    try:
        again = open_till(reopened)
        assert len(again.cart) == 0  # parking left no cart in progress to restore
        offered = []

        def choose_first(cls, parent, parked, money):
            offered.extend(p.label for p in parked)
            return parked[0].id

        monkeypatch.setattr(ParkedCartsDialog, "ask", classmethod(choose_first))
        scan(qtbot, again, "AKS-1")
        qtbot.keyClick(again.scan, Qt.Key.Key_F8)
        assert offered == ["Ibu baju merah", ""]
        assert cart_rows(again) == [("KOP-1", 2)]
        assert "the cart you had was parked" in again.message.text()
        assert [p.item_count for p in reopened.parked_carts.parked()] == [1, 1]
    finally:
        reopened.close()


def test_the_cart_in_progress_survives_a_crash(
    qtbot, shop, db_path, products, open_till, monkeypatch
):
    till = open_till(shop)
    scan(qtbot, till, "KOP-1")
    scan(qtbot, till, "3*KRM-1")
    qtbot.waitUntil(lambda: shop.parked_carts.load_current() is not None)
    qtbot.waitUntil(lambda: len(shop.parked_carts.load_current()) == 2)
    # The app dies here: nothing is closed or saved on the way out.
    questions = []
    monkeypatch.setattr(
        ConfirmDialog, "ask", classmethod(lambda cls, *a: questions.append(a[1:3]) or True)
    )
    survivor = Shop.open(db_path)
    try:
        again = open_till(survivor)
        qtbot.waitUntil(lambda: len(again.cart) == 2)
        assert cart_rows(again) == [("KOP-1", 1), ("KRM-1", 3)]
        assert questions[0][0] == "Restore the cart?"
        assert "4 items (Rp260.000)" in questions[0][1]
        assert again.totals.total.text() == "Rp260.000"
    finally:
        survivor.close()


def test_declining_to_restore_parks_the_cart_instead(
    qtbot, shop, products, open_till, monkeypatch, cart_of
):
    shop.parked_carts.save_current(cart_of((products["coffee"], 1)))
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a: False))
    till = open_till(shop)
    qtbot.waitUntil(lambda: bool(shop.parked_carts.parked()))
    assert len(till.cart) == 0
    assert [p.label for p in shop.parked_carts.parked()] == ["Recovered cart"]
    assert shop.parked_carts.load_current() is None


def test_a_completed_sale_leaves_nothing_to_restore(qtbot, till, shop):
    scan(qtbot, till, "KOP-1")
    qtbot.waitUntil(lambda: shop.parked_carts.load_current() is not None)
    till.complete_sale([Tender(PaymentMethod.CASH, 95_000)])
    assert shop.parked_carts.load_current() is None

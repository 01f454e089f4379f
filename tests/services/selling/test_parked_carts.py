import pytest

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.selling.parked_carts import CURRENT_CART_KEY
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Setting


def test_parked_carts_survive_a_restart_and_resume_in_full(shop, db_path, add_product, cart_of):
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000)
    bag = add_product("TAS-1", "Tas Pandan", 145_000)
    first = cart_of((coffee, 2))
    first.discount = Discount.percent(10)
    shop.parked_carts.park(first, "Ibu baju merah")
    shop.parked_carts.park(cart_of((bag, 1), (coffee, 1)))
    shop.close()

    reopened = Shop.open(db_path)
    try:
        parked = reopened.parked_carts.parked()
        assert [(p.label, p.item_count, p.total) for p in parked] == [
            ("Ibu baju merah", 2, 171_000),
            ("", 2, 240_000),
        ]
        cart = reopened.parked_carts.resume(parked[0].id)
        assert [(line.sku, line.quantity_milli) for line in cart] == [("KOP-1", 2000)]
        assert cart.discount == Discount.percent(10)
        assert [p.label for p in reopened.parked_carts.parked()] == [""]
        assert reopened.parked_carts.load_current().lines == cart.lines
        with pytest.raises(NotFoundError):
            reopened.parked_carts.resume(parked[0].id)
    finally:
        reopened.close()


def test_resuming_with_a_cart_in_progress_parks_that_cart(shop, add_product, cart_of):
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000)
    bag = add_product("TAS-1", "Tas Pandan", 145_000)
    parked = shop.parked_carts.park(cart_of((coffee, 1)), "first")
    cart = shop.parked_carts.resume(parked.id, park_current=cart_of((bag, 3)))
    assert [line.sku for line in cart] == ["KOP-1"]
    assert [(p.item_count, p.total) for p in shop.parked_carts.parked()] == [(3, 435_000)]


def test_an_empty_cart_cannot_be_parked(shop, cart_of):
    with pytest.raises(ValidationError, match="nothing to park"):
        shop.parked_carts.park(cart_of())


def test_the_cart_in_progress_is_kept_until_it_is_emptied(shop, db_path, add_product, cart_of):
    assert shop.parked_carts.load_current() is None
    cart = cart_of((add_product(), 2))
    cart.append(CartLine("", "Barang lain-lain", 12_500))
    shop.parked_carts.save_current(cart)
    shop.close()

    reopened = Shop.open(db_path)
    try:
        assert reopened.parked_carts.load_current().lines == cart.lines
        cart.clear()
        reopened.parked_carts.save_current(cart)
        assert reopened.parked_carts.load_current() is None
    finally:
        reopened.close()


def test_parking_clears_the_cart_in_progress(shop, add_product, cart_of):
    cart = cart_of((add_product(), 1))
    shop.parked_carts.save_current(cart)
    shop.parked_carts.park(cart)
    assert shop.parked_carts.load_current() is None


def test_an_unreadable_snapshot_is_ignored(shop):
    with shop.db.writing() as session:
        session.merge(Setting(key=CURRENT_CART_KEY, value='{"version": 99}'))
    assert shop.parked_carts.load_current() is None


def test_a_completed_sale_forgets_the_cart_snapshot_in_the_same_transaction(
    shop, add_product, cart_of, monkeypatch
):
    from bazaar_pos.domain.payment import PaymentMethod, Tender

    item = add_product(stock=3)
    cart = cart_of((item, 1))
    shop.parked_carts.save_current(cart)

    def fail(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr("bazaar_pos.services.selling.checkout.event_values", fail)
    with pytest.raises(RuntimeError):
        shop.checkout.complete_sale(
            cart, [Tender(PaymentMethod.QRIS, item.price)], forget_current_cart=True
        )
    assert shop.parked_carts.load_current() is not None  # sale rolled back: cart kept
    monkeypatch.undo()
    shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.QRIS, item.price)], forget_current_cart=True
    )
    assert shop.parked_carts.load_current() is None

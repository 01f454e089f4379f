from bazaar_pos.domain.cart import Cart, CartCustomer, CartLine
from bazaar_pos.domain.cart_snapshot import cart_from_data, cart_to_data
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.quantity import Unit

IDR = currency("IDR")


def _cart() -> Cart:
    cart = Cart(IDR)
    cart.add(CartLine("KOP-1", "Kopi", 95_000, 2000, product_id=1))
    cart.add(CartLine("GUL-1", "Gula aren", 40_000, 250, product_id=2, unit=Unit.KG, priced=10_100))
    cart.add(CartLine("", "Ongkos", 5_000))
    return cart


def test_group_prices_apply_to_lines_and_weighed_lines_follow_the_price_per_unit():
    cart = _cart()
    cart.reprice({1: 85_500, 2: 36_000})
    kopi, gula, other = cart.lines
    assert (kopi.unit_price, kopi.shop_price, kopi.member_saving) == (85_500, 95_000, 19_000)
    assert (gula.gross, gula.priced, gula.member_saving) == (9_000, None, 1_000)
    assert other.shop_price is None
    assert cart.member_saving == 20_000


def test_no_customer_puts_every_line_back_at_the_shops_price():
    cart = _cart()
    cart.reprice({1: 85_500})
    cart.reprice({})
    assert [(line.unit_price, line.shop_price) for line in cart] == [
        (95_000, None),
        (40_000, None),
        (5_000, None),
    ]
    assert cart.member_saving == 0


def test_a_price_typed_at_the_till_wins_over_the_group_price():
    cart = _cart()
    cart.reprice({1: 85_500})
    line = cart.set_unit_price(cart.lines[0].key, 90_000)
    assert (line.unit_price, line.shop_price) == (90_000, None)


def test_clearing_the_cart_forgets_its_customer():
    cart = _cart()
    cart.customer = CartCustomer(7, "Bu Rina", "Reseller")
    cart.clear()
    assert cart.customer is None


def test_a_parked_cart_keeps_its_customer_and_group_prices_and_old_snapshots_still_read():
    cart = _cart()
    cart.customer = CartCustomer(7, "Bu Rina", "Reseller")
    cart.reprice({1: 85_500})
    back = cart_from_data(cart_to_data(cart), IDR, None)
    assert back.customer == CartCustomer(7, "Bu Rina", "Reseller")
    assert back.lines[0].shop_price == 95_000
    old = cart_to_data(_cart())
    del old["customer"]
    for item in old["lines"]:
        del item["shop_price"]
    assert cart_from_data(old, IDR, None).customer is None


def test_the_same_product_added_again_at_a_group_price_adds_to_its_line():
    cart = _cart()
    cart.reprice({1: 85_500})
    cart.add(CartLine("KOP-1", "Kopi", 95_000, 1000, product_id=1))
    cart.reprice({1: 85_500})
    first = cart.lines[0]
    assert (first.sku, first.quantity_milli, first.unit_price) == ("KOP-1", 3000, 85_500)
    assert len(cart) == 3


def test_a_due_date_past_the_calendars_end_is_its_last_day():
    from datetime import date

    from bazaar_pos.domain.receivables import due_date

    assert due_date(date(9999, 12, 31), 30) == date.max
    assert due_date(date(2026, 12, 7), 30) == date(2027, 1, 6)

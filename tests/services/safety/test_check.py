from sqlalchemy import update

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.store.models import Payment, Product, SaleLine


def test_check_finds_sales_that_do_not_add_up_and_stock_off_the_ledger(shop, add_product, cart_of):
    item = add_product("KOP-1", stock=5)
    result = shop.checkout.complete_sale(cart_of((item, 1)), [Tender(PaymentMethod.CASH, 100_000)])
    assert shop.check() == []
    with shop.db.writing() as session:
        session.execute(update(SaleLine).values(line_total_minor=1))
        session.execute(update(Payment).values(amount_minor=2))
        session.execute(update(Product).values(stock_milli=99_000))
    problems = shop.check()
    assert f"Sale {result.number}: lines not quantity x price is 1, expected 0." in problems
    assert f"Sale {result.number}: total is 95000, expected 1." in problems
    assert f"Sale {result.number}: payments is 2, expected 95000." in problems
    assert "Product KOP-1: stock shows 99 but the stock ledger adds up to 4." in problems


def test_demo_shop_passes_every_check(shop):
    from bazaar_pos.services.demo import load_demo_shop

    load_demo_shop(shop)
    assert shop.catalogue.count() == 33
    assert shop.settings.load().shop_name == "Toko Kriya Nusantara"
    assert shop.check() == []


def test_the_demo_shop_has_a_qris_code_and_only_the_last_days_qris_awaits(shop):
    from bazaar_pos.domain.qris import merchant_of
    from bazaar_pos.services.demo import load_demo_shop

    load_demo_shop(shop, seed=7)
    assert merchant_of(shop.settings.load().qris_payload).nmid == "ID0000000000000"
    waiting = shop.payment_confirmation.awaiting()
    sales = shop.sales_history.find(limit=1000)
    last_day = max(sale.created_at for sale in sales).date()
    assert all(p.method == "qris" and p.sold_at.date() == last_day for p in waiting)
    qris_sales = [s for s in sales if "qris" in s.methods]
    assert 0 < len(waiting) < len(qris_sales)


def test_check_finds_a_part_of_a_piece_or_an_unknown_unit_on_a_sale_line(
    shop, add_product, cart_of
):
    item = add_product("KOP-1", stock=5)
    sale = shop.checkout.complete_sale(cart_of((item, 2)), [Tender(PaymentMethod.CASH, 190_000)])
    assert shop.check() == []
    with shop.db.writing() as session:
        session.execute(update(SaleLine).values(quantity_milli=1_500))
    assert f"Sale {sale.number}: Kopi Gayo 250 g is 1.5 pcs, not whole pieces of a known unit." in (
        shop.check()
    )
    with shop.db.writing() as session:
        session.execute(update(SaleLine).values(quantity_milli=2_000, unit="ons"))
    assert any("is 2 ons, not whole pieces of a known unit" in p for p in shop.check())

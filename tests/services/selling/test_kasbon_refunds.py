from sqlalchemy import select

from bazaar_pos.domain.cart import CartCustomer
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import AccountEntry, Refund


def _kasbon_sale(shop, add_product, cart_of, cash=50_000):
    coffee = add_product(stock=5)
    rina = shop.customers.add(CustomerDraft("Bu Rina", credit_limit=500_000))
    cart = cart_of((coffee, 2))
    cart.customer = CartCustomer(rina.id, rina.name)
    tenders = [Tender(PaymentMethod.ACCOUNT, 190_000 - cash)]
    if cash:
        tenders.insert(0, Tender(PaymentMethod.CASH, cash))
    sale = shop.checkout.complete_sale(cart, tenders)
    return rina, sale


def test_a_refund_of_a_kasbon_sale_comes_off_the_balance_before_any_cash_is_paid_out(
    shop, add_product, cart_of
):
    rina, sale = _kasbon_sale(shop, add_product, cart_of)  # 50.000 cash, 140.000 on account
    (line,) = shop.sales_history.detail(sale.uuid).lines
    first = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))], to_cash=True)
    assert first.paid_back == (("account", 95_000),)
    assert shop.customers.get(rina.id).owed == 45_000
    second = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    assert second.paid_back == (("account", 45_000), ("cash", 50_000))
    assert shop.customers.get(rina.id).owed == 0
    with shop.db.reading() as session:
        refunds = {r.number: r.id for r in session.scalars(select(Refund))}
        entries = session.execute(
            select(AccountEntry.kind, AccountEntry.amount_minor, AccountEntry.refund_id).where(
                AccountEntry.kind == "refund"
            )
        ).all()
        assert sorted(entries) == sorted(
            [
                ("refund", -95_000, refunds[first.number]),
                ("refund", -45_000, refunds[second.number]),
            ]
        )
    assert shop.check() == []


def test_voiding_a_kasbon_sale_takes_the_whole_charge_off_the_balance(shop, add_product, cart_of):
    rina, sale = _kasbon_sale(shop, add_product, cart_of, cash=0)
    result = shop.refunds.void(sale.uuid, "wrong customer")
    assert result.paid_back == (("account", 190_000),)
    assert shop.customers.get(rina.id).owed == 0

import json
from datetime import date

import pytest
from sqlalchemy import select

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.cart import CartCustomer
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.store.models import AccountEntry, AuditEvent, Payment, Sale
from tests.helpers.sales import utc
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as


def _customer(shop, name="Bu Rina", phone="0812 3456 7890", limit=None, group=None):
    return shop.customers.add(
        CustomerDraft(name, phone, group_id=group, credit_limit=limit)
    )


def _for(customer, group=""):
    return CartCustomer(customer.id, customer.name, group)


def test_part_cash_rest_on_account_writes_the_sale_and_a_charge_due_in_the_shops_days(
    shop, add_product, cart_of
):
    coffee = add_product(stock=5)
    rina = _customer(shop, limit=500_000)
    cart = cart_of((coffee, 2))
    cart.customer = _for(rina)
    result = shop.checkout.complete_sale(
        cart,
        [Tender(PaymentMethod.CASH, 50_000), Tender(PaymentMethod.ACCOUNT, 140_000)],
        sold_at=utc(2026, 11, 20, 18, 0),  # 21 November in Jakarta
    )
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        assert sale.customer_id == rina.id
        payments = session.execute(select(Payment.method, Payment.amount_minor)).all()
        assert sorted(payments) == [("account", 140_000), ("cash", 50_000)]
        entry = session.scalars(select(AccountEntry)).one()
        assert (entry.kind, entry.amount_minor, entry.sale_id) == ("charge", 140_000, result.id)
        assert entry.due_on == date(2026, 12, 21)
    assert shop.customers.get(rina.id).owed == 140_000


def test_kasbon_without_a_customer_is_refused_and_nothing_is_written(shop, add_product, cart_of):
    coffee = add_product(stock=5)
    cart = cart_of((coffee, 1))
    with pytest.raises(ValidationError, match="Kasbon needs a customer"):
        shop.checkout.complete_sale(cart, [Tender(PaymentMethod.ACCOUNT, 95_000)])
    assert shop.sales_history.find() == []


def test_a_due_date_chosen_at_the_till_is_kept(shop, add_product, cart_of):
    coffee = add_product(stock=5)
    rina = _customer(shop, limit=500_000)
    cart = cart_of((coffee, 1))
    cart.customer = _for(rina)
    shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.ACCOUNT, 95_000)], due_on=date(2027, 1, 5)
    )
    with shop.db.reading() as session:
        assert session.scalars(select(AccountEntry.due_on)).one() == date(2027, 1, 5)


@pytest.mark.staffed
def test_a_cashier_sells_on_kasbon_within_the_limit_and_needs_the_owner_beyond_it(
    shop, add_product, cart_of
):
    act_as(shop, OWNER)
    coffee = add_product(stock=5)
    rina = _customer(shop, limit=100_000)
    act_as(shop, CASHIER)
    cart = cart_of((coffee, 1))
    cart.customer = _for(rina)
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.ACCOUNT, 95_000)])
    cart = cart_of((coffee, 1))
    cart.customer = _for(rina)
    with pytest.raises(PermissionDenied):
        shop.checkout.complete_sale(cart, [Tender(PaymentMethod.ACCOUNT, 95_000)])
    assert shop.customers.get(rina.id).owed == 95_000
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.KASBON_OVER_LIMIT}))
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.ACCOUNT, 95_000)], approval=approval)
    assert shop.customers.get(rina.id).owed == 190_000
    with shop.db.reading() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "kasbon.over_limit")
        ).one()
        assert json.loads(event.details)["over_by"] == 90_000
        assert json.loads(event.details)["approved_by"] == OWNER


def test_group_prices_are_no_price_change_and_the_saving_is_in_the_audit(
    shop, add_product, cart_of
):
    coffee = add_product(stock=5)
    reseller = shop.customers.save_group(None, "Reseller", 1000)
    rina = _customer(shop, group=reseller.id)
    cart = cart_of((coffee, 2))
    cart.customer = _for(rina, "Reseller")
    cart.reprice(shop.customers.prices_for(rina.id, [coffee.id]))
    assert cart.totals().total == 171_000
    assert cart.member_saving == 19_000
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 171_000)])
    with shop.db.reading() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "sale.completed")
        ).one()
        assert json.loads(event.details)["customer_group"] == "Reseller"
        assert json.loads(event.details)["member_saving"] == 19_000
        actions = session.scalars(select(AuditEvent.action)).all()
        assert "price.override" not in actions

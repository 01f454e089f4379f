"""Sign-in, lockout and owner approvals through the real services over a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bazaar_pos.domain.access import SHOP_OWNER, Permission, Role
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.people.access import LockedOut, PermissionDenied, SignInRequired, WrongPin
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Refund, Sale, User
from bazaar_pos.store.types import utcnow
from tests.helpers.audit import audit_entries as audit
from tests.helpers.users import CASHIER, CASHIER_PIN, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def shop(db_path):
    opened = Shop.open(db_path)
    act_as(opened, OWNER)
    yield opened
    opened.close()


@pytest.fixture
def clock(shop):
    """Let a test move the shop's clock on."""
    now = [utcnow()]
    shop.access.clock = lambda: now[0]

    def move(**delta):
        now[0] += timedelta(**delta)

    return move


def test_a_shop_without_users_is_worked_by_its_owner(tmp_path):
    shop = Shop.open(tmp_path / "alone.sqlite")
    try:
        assert shop.access.actor == SHOP_OWNER
        assert not shop.access.sign_in_required()
        assert shop.access.may(Permission.REFUND)
        with pytest.raises(ValidationError, match="Add the owner first"):
            shop.users.add("Budi", Role.CASHIER, "1470")
        owner = shop.users.add("Sari", Role.OWNER, "2580")
        assert shop.access.sign_in_required()
        assert shop.access.actor.name == "Sari"  # the new owner is signed in
        assert owner.role is Role.OWNER
        with shop.db.reading() as session:
            stored = session.scalar(select(User.pin_hash).where(User.name == "Sari"))
        assert "2580" not in stored
        assert stored.startswith("scrypt$n=131072,r=8,p=1$")
    finally:
        shop.close()


def test_once_users_exist_nothing_is_sold_until_someone_signs_in(db_path, add_product, cart_of):
    fresh = Shop.open(db_path)
    try:
        assert fresh.access.actor is None
        product = add_product()
        cart = cart_of((product, 1))
        with pytest.raises(SignInRequired):
            fresh.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 95_000)])
        actor = fresh.access.sign_in(CASHIER, CASHIER_PIN)
        assert (actor.name, actor.role) == (CASHIER, Role.CASHIER)
        sale = fresh.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 95_000)])
        with fresh.db.reading() as session:
            assert session.scalar(select(Sale.cashier).where(Sale.uuid == sale.uuid)) == CASHIER
        assert audit(fresh, "user.signed_in") == [(CASHIER, CASHIER, {})]
        assert audit(fresh, "sale.completed")[0][0] == CASHIER
    finally:
        fresh.close()


def test_five_wrong_pins_lock_out_for_a_growing_time_that_survives_a_restart(shop, db_path, clock):
    for tries_left in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as wrong:
            shop.access.sign_in(CASHIER, "9999")
        assert wrong.value.tries_left == tries_left
    with pytest.raises(LockedOut):
        shop.access.sign_in(CASHIER, "9999")
    with pytest.raises(LockedOut):  # even the right PIN waits
        shop.access.sign_in(CASHIER, CASHIER_PIN)

    restarted = Shop.open(db_path)
    try:
        restarted.access.clock = shop.access.clock
        with pytest.raises(LockedOut, match="Budi is locked out until"):
            restarted.access.sign_in(CASHIER, CASHIER_PIN)
    finally:
        restarted.close()

    clock(seconds=61)
    for _ in range(5):
        with pytest.raises((WrongPin, LockedOut)):
            shop.access.sign_in(CASHIER, "9999")
    clock(seconds=61)  # the second lockout lasts two minutes
    with pytest.raises(LockedOut):
        shop.access.sign_in(CASHIER, CASHIER_PIN)
    clock(seconds=60)
    assert shop.access.sign_in(CASHIER, CASHIER_PIN).name == CASHIER
    with shop.db.reading() as session:
        user = session.scalar(select(User).where(User.name == CASHIER))
        assert (user.failed_pins, user.lockouts, user.locked_until) == (0, 0, None)
    assert [d["seconds"] for _a, _r, d in audit(shop, "user.locked_out")] == [60, 120]
    assert len(audit(shop, "user.sign_in_failed")) == 10


def test_a_cashiers_refund_is_refused_without_an_owner_and_done_with_one(shop, add_product, sell):
    coffee = add_product(stock=5)
    sale = sell((coffee, 2))
    (line,) = shop.sales_history.detail(sale.uuid).lines
    act_as(shop, CASHIER)

    with pytest.raises(PermissionDenied) as refused:
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))], reason="wrong size")
    assert refused.value.needed == {Permission.REFUND}
    assert "Only an owner may refund a sale" in refused.value.message
    with shop.db.reading() as session:
        assert session.scalar(select(func.count(Refund.id))) == 0

    with pytest.raises(WrongPin):
        shop.access.approve("0000", frozenset({Permission.REFUND}))
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.REFUND}))
    assert approval.owner == OWNER
    with pytest.raises(PermissionDenied):  # an approval to refund is not one to void
        shop.refunds.void(sale.uuid, "rang up twice", approval=approval)
    done = shop.refunds.refund(
        sale.uuid, [RefundItem(line.id, whole(1))], reason="wrong size", approval=approval
    )
    assert done.total == 95_000
    assert shop.catalogue.get(coffee.id).stock_milli == whole(4)
    (refunded,) = audit(shop, "sale.refunded")
    assert refunded[0] == CASHIER
    assert refunded[2]["approved_by"] == OWNER
    assert audit(shop, "approval.refused")[0][2]["permissions"] == ["refund"]
    assert audit(shop, "approval.granted")[0][:2] == (CASHIER, OWNER)

    with pytest.raises(PermissionDenied, match="already used"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))], approval=approval)


def test_an_approval_is_kept_when_the_call_fails_for_another_reason_and_expires(
    shop, add_product, sell, clock
):
    coffee = add_product(stock=5)
    sale = sell((coffee, 1))
    (line,) = shop.sales_history.detail(sale.uuid).lines
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.REFUND}))
    with pytest.raises(ValidationError, match="1 of 1 can still be refunded, not 2"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(2))], approval=approval)
    clock(minutes=11)
    with pytest.raises(PermissionDenied, match="expired"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))], approval=approval)


def test_discounts_above_the_limit_and_price_changes_need_an_owner(shop, add_product, cart_of):
    coffee = add_product(stock=10)
    act_as(shop, CASHIER)
    cart = cart_of((coffee, 1))
    cart.discount = Discount.percent(10)  # at the limit: fine
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 100_000)])

    cart = cart_of((coffee, 2))
    cart.set_line_discount(cart.lines[0].key, Discount.percent(25))
    with pytest.raises(PermissionDenied) as refused:
        shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 200_000)])
    assert refused.value.needed == {Permission.DISCOUNT_ABOVE_LIMIT}
    cart.set_unit_price(cart.lines[0].key, 90_000)
    with pytest.raises(PermissionDenied) as refused:
        shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 200_000)])
    assert refused.value.needed == {Permission.DISCOUNT_ABOVE_LIMIT, Permission.CHANGE_PRICE}
    # nothing sold by the refused tries
    assert shop.catalogue.get(coffee.id).stock_milli == whole(9)

    approval = shop.access.approve(
        OWNER_PIN, frozenset({Permission.DISCOUNT_ABOVE_LIMIT, Permission.CHANGE_PRICE})
    )
    sale = shop.checkout.complete_sale(
        cart, [Tender(PaymentMethod.CASH, 200_000)], approval=approval
    )
    assert sale.total == 135_000
    (override,) = audit(shop, "price.override")
    assert override[2] | {"number": ""} == {
        "number": "",
        "sku": "KOP-1",
        "name": "Kopi Gayo 250 g",
        "catalogue_price": 95_000,
        "sold_price": 90_000,
        "approved_by": OWNER,
    }
    (discount,) = audit(shop, "discount.above_limit")
    assert (discount[0], discount[2]["largest_percent"], discount[2]["limit_percent"]) == (
        CASHIER,
        "25.0",
        10,
    )


def test_the_owner_sets_the_limit_and_gives_big_discounts_that_are_still_logged(
    shop, add_product, cart_of
):
    coffee = add_product(stock=10)
    shop.access.configure(discount_limit_percent=30)
    assert audit(shop, "settings.changed")[-1][2] == {
        "discount_limit_percent": 10,
        "new": {"discount_limit_percent": 30},
    }
    cart = cart_of((coffee, 1))
    cart.discount = Discount.percent(50)
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 50_000)])
    (logged,) = audit(shop, "discount.above_limit")
    assert logged[0] == OWNER
    assert "approved_by" not in logged[2]
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied, match="change the settings"):
        shop.access.configure(lock_after_minutes=1)
    shop.access.configure(discount_limit_percent=30)  # nothing changes: nothing to refuse


@pytest.mark.parametrize(
    ("call", "permission"),
    [
        (lambda s, p, tmp: s.stock.adjust(p.id, whole(-1), note="broken"), Permission.ADJUST_STOCK),
        (lambda s, p, tmp: s.product_files.export_csv(tmp / "p.csv"), Permission.EXPORT),
        (lambda s, p, tmp: s.printer.open_drawer(), Permission.OPEN_DRAWER),
        (
            lambda s, p, tmp: s.settings.change(replace(s.settings.load(), shop_name="Toko")),
            Permission.CHANGE_SETTINGS,
        ),
        (lambda s, p, tmp: s.printer.configure(paper_mm=80), Permission.CHANGE_SETTINGS),
        (lambda s, p, tmp: s.users.add("Ani", Role.CASHIER, "3690"), Permission.MANAGE_USERS),
        (lambda s, p, tmp: s.events.report(0), Permission.VIEW_COST),
        (lambda s, p, tmp: s.stock.value(), Permission.VIEW_COST),
        (lambda s, p, tmp: s.audit.find(), Permission.VIEW_AUDIT),
    ],
)
def test_a_cashier_is_refused_what_only_an_owner_may_do(
    shop, add_product, tmp_path, call, permission
):
    product = add_product(stock=3)
    act_as(shop, CASHIER)
    before = len(audit(shop, "stock.adjusted"))
    with pytest.raises(PermissionDenied) as refused:
        call(shop, product, tmp_path)
    assert refused.value.needed == {permission}
    assert not (tmp_path / "p.csv").exists()
    assert len(audit(shop, "stock.adjusted")) == before


def test_a_stock_adjustment_approved_by_the_owner_is_logged(shop, add_product):
    product = add_product(stock=3)
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.ADJUST_STOCK}))
    assert shop.stock.adjust(product.id, whole(-1), note="dropped", approval=approval) == whole(2)
    (adjusted,) = audit(shop, "stock.adjusted")
    assert adjusted[0:2] == (CASHIER, "KOP-1")
    assert adjusted[2]["quantity"] == "-1"
    assert adjusted[2]["approved_by"] == OWNER
    assert shop.check() == []


def test_an_approval_to_look_lasts_for_its_minutes(shop, clock):
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.VIEW_AUDIT}))
    assert shop.audit.find(approval=approval)
    assert shop.audit.actions(approval=approval)
    clock(minutes=11)
    with pytest.raises(PermissionDenied, match="expired"):
        shop.audit.find(approval=approval)


def test_the_stock_value_shows_costs_so_a_cashier_looks_with_the_owners_approval(
    shop, add_product, clock
):
    add_product(stock=3)
    assert shop.stock.value().cost == 150_000
    act_as(shop, CASHIER)
    assert not shop.access.allows(Permission.VIEW_COST)
    with pytest.raises(PermissionDenied, match="see costs and profit"):
        shop.stock.value()
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.VIEW_COST}))
    assert shop.access.allows(Permission.VIEW_COST, approval=approval)
    assert not shop.access.allows(Permission.ADJUST_STOCK, approval=approval)
    assert shop.stock.value(approval=approval).cost == 150_000
    clock(minutes=9)
    assert shop.stock.value(approval=approval).cost == 150_000  # looking spends nothing
    clock(minutes=2)
    assert not shop.access.allows(Permission.VIEW_COST, approval=approval)
    with pytest.raises(PermissionDenied, match="expired"):
        shop.stock.value(approval=approval)


def test_allows_spends_nothing_and_knows_nobody_signed_in(shop):
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.ADJUST_STOCK}))
    assert shop.access.allows(Permission.ADJUST_STOCK, approval=approval)
    assert shop.access.allows(Permission.ADJUST_STOCK, approval=approval)
    shop.access.sign_out()
    assert not shop.access.allows()
    act_as(shop, OWNER)
    assert shop.access.allows(Permission.VIEW_COST, Permission.EXPORT)


def test_signing_out_forgets_approvals(shop):
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.VIEW_AUDIT}))
    shop.access.sign_out()
    assert shop.access.actor is None
    assert audit(shop, "user.signed_out") == [(CASHIER, CASHIER, {})]
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied, match="already used or has expired"):
        shop.audit.find(approval=approval)


def test_a_price_change_in_the_catalogue_needs_an_owner_and_is_logged(shop, add_product):
    from bazaar_pos.services.products.catalogue import ProductDraft

    product = add_product()
    draft = ProductDraft(sku=product.sku, name=product.name, price=99_000, cost=product.cost)
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied):
        shop.catalogue.update(product.id, draft)
    renamed = shop.catalogue.update(product.id, replace(draft, price=95_000, name="Kopi Gayo"))
    assert renamed.name == "Kopi Gayo"  # no new price: no owner needed
    act_as(shop, OWNER)
    assert shop.catalogue.update(product.id, draft).price == 99_000
    assert audit(shop, "price.changed") == [
        (OWNER, "KOP-1", {"old_price": 95_000, "new_price": 99_000})
    ]


def test_a_draft_without_a_cost_keeps_the_cost_stored(shop, add_product):
    from bazaar_pos.services.products.catalogue import ProductDraft

    product = add_product(cost=50_000)
    act_as(shop, CASHIER)
    draft = replace(ProductDraft.from_view(product), name="Kopi Gayo Arabika", cost=None)
    shop.stock.receive(product.id, whole(2), unit_cost=56_000)  # the cost moves on meanwhile
    saved = shop.catalogue.update(product.id, draft)
    assert (saved.name, saved.cost) == ("Kopi Gayo Arabika", 56_000)
    new = shop.catalogue.create(ProductDraft("TEH-1", "Teh", 20_000, cost=None))
    assert new.cost == 0

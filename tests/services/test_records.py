"""Settings and "are there users" are read once and remembered: every change is seen at once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bazaar_pos.domain.access import Role
from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.people.access import AccessControl, PermissionDenied, SignInRequired
from bazaar_pos.services.printer.service import PrinterService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.memo import SETTINGS
from bazaar_pos.store.models import AuditEvent

CASH = PaymentMethod.CASH


def test_the_settings_are_read_once_until_they_change(shop):
    first = shop.settings.load()
    assert shop.settings.load() is first  # remembered, not read again
    shop.settings.update(shop_name="Toko Batik Sari")
    changed = shop.settings.load()
    assert changed is not first
    assert changed.shop_name == "Toko Batik Sari"
    assert shop.settings.load() is changed


def test_every_way_of_changing_the_settings_is_seen_by_the_next_sale(shop, add_product, cart_of):
    item = add_product(stock=1)
    shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, item.price)])

    shop.settings.update(till_code="B")
    sale = shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, item.price)])
    assert sale.number == "B-000002"

    shop.settings.change(replace(shop.settings.load(), oversell="block"))
    with pytest.raises(ValidationError, match="in stock"):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, item.price)])

    shop.settings.save(replace(shop.settings.load(), oversell="warn", cash_rounding_step=20_000))
    result = shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, 100_000)])
    assert (result.total, result.rounding, result.change) == (95_000, 5_000, 0)

    assert not shop.settings.load().setup_done
    shop.settings.mark_set_up()
    assert shop.settings.load().setup_done


def test_a_changed_discount_limit_is_seen_by_the_next_sale(shop, add_product, cart_of):
    coffee = add_product(stock=10)
    cart = cart_of((coffee, 1))
    cart.discount = Discount.percent(20)
    shop.checkout.complete_sale(cart, [Tender(CASH, 76_000)])  # the owner: above 10%, logged
    assert shop.access.settings().discount_limit_percent == 10
    shop.access.configure(discount_limit_percent=25)
    assert shop.access.settings().discount_limit_percent == 25
    shop.checkout.complete_sale(cart, [Tender(CASH, 76_000)])
    with shop.db.reading() as session:
        logged = session.scalar(
            select(func.count()).where(AuditEvent.action == "discount.above_limit")
        )
    assert logged == 1  # 20% is within the new limit of 25%


def test_printer_settings_changes_are_seen_at_once(shop):
    assert shop.printer.settings().paper_mm == 58
    shop.printer.configure(paper_mm=80)
    assert shop.printer.settings().paper_mm == 80
    shop.printer.configure(paper_mm=58)
    assert shop.printer.settings().paper_mm == 58


def test_services_over_the_same_database_share_what_they_remember(shop):
    other = SettingsService(shop.db, shop.access)
    assert other.load().shop_name == shop.settings.load().shop_name
    other.update(shop_name="Stan Tenun Sumba")
    assert shop.settings.load().shop_name == "Stan Tenun Sumba"
    assert shop.printer.settings().paper_mm == 58
    PrinterService(shop.db).configure(paper_mm=80)
    assert shop.printer.settings().paper_mm == 80


def test_a_restore_forgets_the_settings_of_the_replaced_database(shop, tmp_path):
    shop.settings.update(shop_name="Before the backup")
    backup = shop.backups.back_up_to(tmp_path / "kept.sqlite")
    shop.settings.update(shop_name="After the backup", oversell="block")
    assert shop.settings.load().shop_name == "After the backup"
    shop.backups.restore(backup)
    restored = shop.settings.load()
    assert (restored.shop_name, restored.oversell) == ("Before the backup", "warn")


def test_closing_the_database_forgets_everything(shop):
    shop.settings.load()
    before = shop.db.memo.recall(SETTINGS, "probe", lambda: "remembered")
    assert shop.db.memo.recall(SETTINGS, "probe", lambda: "read again") == before
    shop.db.close()
    assert shop.db.memo.recall(SETTINGS, "probe", lambda: "read again") == "read again"


def test_once_a_user_is_added_a_sale_needs_someone_signed_in(tmp_path):
    shop = Shop.open(tmp_path / "alone.sqlite")
    try:
        guard = AccessControl(shop.db)  # another guard over the same database, as a service has
        assert not guard.sign_in_required()
        cart = Cart(shop.settings.load().currency)
        cart.add(CartLine(sku="", name="Kain tenun", unit_price=40_000))
        shop.checkout.complete_sale(cart, [Tender(CASH, 40_000)])  # the owner of a shop alone
        shop.users.add("Sari", Role.OWNER, "2580")
        assert guard.sign_in_required()
        assert guard.actor is None
        shop.access.sign_out()
        with pytest.raises(SignInRequired):
            shop.checkout.complete_sale(cart, [Tender(CASH, 40_000)])
        shop.access.sign_in("Sari", "2580")
        shop.users.add("Budi", Role.CASHIER, "1470")
        shop.access.sign_in("Budi", "1470")
        cart.discount = Discount.percent(50)
        with pytest.raises(PermissionDenied):
            shop.checkout.complete_sale(cart, [Tender(CASH, 20_000)])
    finally:
        shop.close()

"""The audit log's details read well: translated names, money as money, before → after."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bazaar_pos.domain.access import Role
from bazaar_pos.domain.cash_count import CashCount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.i18n import set_language
from bazaar_pos.services.people.audit_log import AuditEntry, AuditFilter
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.types import utcnow
from bazaar_pos.ui.audit.details import LONGEST, details_text
from bazaar_pos.ui.common.formatting import money_text

MONEY = money_text(ShopSettings())


def logged(shop: Shop, action: str) -> AuditEntry:
    """The newest entry of ``action``, read back through the audit log as the viewer does."""
    now = utcnow()
    where = AuditFilter(now - timedelta(minutes=5), now + timedelta(minutes=5), None, action)
    return shop.audit.find(where)[0]


def test_a_settings_change_reads_as_before_and_after(shop):
    settings = shop.settings.load()
    shop.settings.change(replace(settings, shop_name="Toko Batik Sari", tax_enabled=True))
    text = details_text(logged(shop, "settings.changed"), MONEY)
    assert "Shop name: Bazaar POS → Toko Batik Sari" in text
    assert "PPN charged: No → Yes" in text
    assert "new" not in text


def test_a_language_change_names_the_languages(shop):
    set_language("id")
    settings = shop.settings.load()
    shop.settings.change(replace(settings, language="en"))
    assert details_text(logged(shop, "settings.changed"), MONEY) == "Bahasa: — → English"
    shop.settings.change(replace(settings, language="id"))
    assert details_text(logged(shop, "settings.changed"), MONEY) == (
        "Bahasa: English → Bahasa Indonesia"
    )


def test_a_shift_counts_money_and_a_stock_count_counts_products(shop):
    shop.shifts.open(100_000)
    shop.shifts.close(CashCount.total_only(95_000))
    assert details_text(logged(shop, "shift.closed"), MONEY) == (
        "Expected: Rp100.000, Counted: Rp95.000, Difference: -Rp5.000"
    )
    product = shop.catalogue.create(ProductDraft("KOP-1", "Kopi", 95_000))
    shop.stock.apply_count({product.id: whole(4)})
    assert details_text(logged(shop, "stock.counted"), MONEY) == "Counted: 1, Differences: 1"


def test_codes_are_named_in_the_apps_language(shop):
    shop.users.add("Sari", Role.OWNER, "2580")
    shop.users.add("Budi", Role.CASHIER, "1470")
    entry = logged(shop, "user.added")
    assert details_text(entry, MONEY) == "Role: Cashier"
    set_language("id")
    assert details_text(entry, MONEY) == "Peran: Kasir"


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ({"method": "qris", "amount": 50_000}, "Amount: Rp50.000, Payment method: QRIS"),
        ({"permissions": ["refund", "void"]}, "For: refund a sale, void a sale"),
        (
            {"options": [["Size", ["S", "M"]], ["Colour", ["Biru"]]]},
            "Options: Size: S, M; Colour: Biru",
        ),
        ({"files": ["a.zip", "b.zip"]}, "Files: a.zip, b.zip"),
        ({"note": ""}, "Note: —"),
        ({"method": "voucher"}, "Payment method: voucher"),
        ({"mystery": {"a": 1}}, 'mystery: {"a": 1}'),
    ],
)
def test_values_are_written_for_people(details, expected):
    entry = AuditEntry(1, utcnow(), "Sari", "sale.completed", "sale", "x", details)
    assert details_text(entry, MONEY) == expected


def test_a_long_value_is_shortened_in_the_table():
    entry = AuditEntry(1, utcnow(), "Sari", "sale.refunded", "sale", "x", {"reason": "x" * 100})
    value = details_text(entry, MONEY).removeprefix("Reason: ")
    assert len(value) == LONGEST
    assert value.endswith("…")


def test_a_sale_for_a_customer_names_them_the_group_saving_and_kasbon(shop):
    from bazaar_pos.domain.cart import Cart, CartCustomer, CartLine
    from bazaar_pos.domain.payment import PaymentMethod, Tender
    from bazaar_pos.services.customers.views import CustomerDraft

    product = shop.catalogue.create(ProductDraft("KOP-1", "Kopi", 95_000))
    group = shop.customers.save_group(None, "Reseller", 1000)
    rina = shop.customers.add(CustomerDraft("Bu Rina", group_id=group.id, credit_limit=100_000))
    cart = Cart(shop.settings.load().currency)
    cart.add(CartLine("KOP-1", "Kopi", 95_000, product_id=product.id))
    cart.customer = CartCustomer(rina.id, rina.name, "Reseller")
    cart.reprice(shop.customers.prices_for(rina.id, [product.id]))
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.ACCOUNT, 85_500)])
    text = details_text(logged(shop, "sale.completed"), MONEY)
    assert "Customer: Bu Rina, Customer group: Reseller" in text
    assert "Saved by group prices: Rp9.500, On kasbon: Rp85.500" in text

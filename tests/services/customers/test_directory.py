"""Customers and groups in a real SQLite file: found by name or phone, limits kept by the owner."""

import pytest

from bazaar_pos.domain.access import Permission
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from tests.helpers.audit import audit
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as


def test_a_customer_is_kept_with_the_number_whatsapp_needs_and_found_by_any_part(shop):
    sari = shop.customers.add(CustomerDraft("  Bu  Sari ", "0812-3456-7890", notes="batik"))
    shop.customers.add(CustomerDraft("Pak Budi", "+62 813 1111 2222"))
    assert (sari.name, sari.phone, sari.owed) == ("Bu Sari", "6281234567890", 0)
    assert [c.name for c in shop.customers.find("0812")] == ["Bu Sari"]
    assert [c.name for c in shop.customers.find("3456 sari")] == ["Bu Sari"]
    assert [c.name for c in shop.customers.find("")] == ["Bu Sari", "Pak Budi"]
    assert shop.customers.named("bu sari") == sari
    assert shop.customers.named("0812 3456 7890") == sari
    with pytest.raises(NotFoundError, match="No customer called Bu Tini"):
        shop.customers.named("Bu Tini")


def test_bad_details_are_refused_with_every_reason_and_nothing_is_written(shop):
    shop.customers.add(CustomerDraft("Bu Sari", "081234567890"))
    with pytest.raises(ValidationError) as refused:
        shop.customers.add(CustomerDraft(" ", "08-12ab", credit_limit=-1))
    assert refused.value.problems == [
        "The customer needs a name.",
        "A phone number has only digits, spaces, dashes and a leading +.",
        "A credit limit cannot be negative.",
    ]
    with pytest.raises(ValidationError) as clash:
        shop.customers.add(CustomerDraft("Sari kedua", "+6281234567890"))
    assert clash.value.problems == ["Another customer already has the number 6281234567890."]
    assert [c.name for c in shop.customers.find("")] == ["Bu Sari"]


def test_two_customers_of_one_name_are_told_apart_by_their_phone(shop):
    shop.customers.add(CustomerDraft("Bu Sari", "081234567890"))
    shop.customers.add(CustomerDraft("Bu Sari", "081399998888"))
    with pytest.raises(ValidationError, match="2 customers are called Bu Sari"):
        shop.customers.named("Bu Sari")
    assert shop.customers.named("081399998888").phone == "6281399998888"


def test_a_new_customer_gets_the_shops_limit_and_only_the_owner_changes_it(staffed_db_path):
    shop = Shop.open(staffed_db_path)
    try:
        shop.settings.update(credit_limit=200_000)
        act_as(shop, CASHIER)
        sari = shop.customers.add(CustomerDraft("Bu Sari"))
        assert sari.credit_limit == 200_000
        with pytest.raises(PermissionDenied):
            shop.customers.update(sari.id, CustomerDraft("Bu Sari", credit_limit=1_000_000))
        shop.customers.update(sari.id, CustomerDraft("Bu Sari", notes="langganan"))
        approval = shop.access.approve(OWNER_PIN, frozenset({Permission.CHANGE_CREDIT_LIMIT}))
        raised = shop.customers.update(
            sari.id, CustomerDraft("Bu Sari", credit_limit=1_000_000), approval=approval
        )
        assert (raised.credit_limit, raised.notes) == (1_000_000, "")
        actor, details = audit(shop, "customer.changed")[-1]
        assert (actor, details["approved_by"]) == (CASHIER, OWNER)
        assert (details["credit_limit_before"], details["credit_limit"]) == (200_000, 1_000_000)
    finally:
        shop.close()


def test_a_group_pays_its_own_price_or_its_percentage_off(shop):
    kopi = shop.catalogue.create(ProductDraft("KOPI", "Kopi", 15_000))
    teh = shop.catalogue.create(ProductDraft("TEH", "Teh", 9_999))
    reseller = shop.customers.save_group(None, "Reseller", 1_000)
    toko = shop.customers.add(CustomerDraft("Toko Maju", group_id=reseller.id))
    assert shop.customers.prices_for(toko.id, [kopi.id, teh.id]) == {
        kopi.id: 13_500,
        teh.id: 8_999,
    }
    shop.customers.set_group_price(reseller.id, kopi.id, 12_000)
    assert shop.customers.prices_for(toko.id, [kopi.id])[kopi.id] == 12_000
    shop.customers.set_group_price(reseller.id, kopi.id, None)
    assert shop.customers.prices_for(toko.id, [kopi.id])[kopi.id] == 13_500
    assert shop.customers.get(toko.id).group_name == "Reseller"
    with pytest.raises(ValidationError, match="already a group"):
        shop.customers.save_group(None, "reseller", 500)


def test_the_list_shows_a_page_by_name_and_counts_the_rest(shop):
    for number in range(5):
        shop.customers.add(CustomerDraft(f"Toko {number}"))
    shop.customers.add(CustomerDraft("Bu Sari"))
    assert [c.name for c in shop.customers.find("", limit=3)] == ["Bu Sari", "Toko 0", "Toko 1"]
    assert (shop.customers.count(), shop.customers.count("toko")) == (6, 5)

"""Customers, kasbon, pre-orders, marketplace mappings and returns reach every till of the hub."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from bazaar_pos.errors import ValidationError
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.store.models import AuditEvent, Customer, Sale
from tests.helpers.customers import (
    entries,
    map_code,
    mappings,
    mark_ready_with_payment,
    marketplace_return,
    member,
    on_account,
    order_state,
    owed,
    pre_order,
    refunds,
)
from tests.helpers.sales import utc
from tests.services.hub.conftest import add


def in_step(*shops):
    for shop in (*shops, *shops):
        shop.hub.sync()


def test_a_charge_on_one_till_and_a_repayment_on_another_give_one_balance(hub, tills):
    first, second = tills("A"), tills("B")
    tulis = add(first, "BTK-T", "Batik tulis", 350_000, quantity=5)
    ani = member(first, "Bu Ani", "0812-3456-7890", group="Reseller")
    sale_uuid = on_account(first, utc(2026, 12, 7, 2), tulis, ani)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    there = second.customers.by_uuid(ani.uuid)
    assert (there.name, there.phone, there.group_name) == ("Bu Ani", "6281234567890", "Reseller")
    assert owed(second, ani.uuid) == 350_000
    second.accounts.repay(there.id, 100_000)
    in_step(second, first)
    assert owed(first, ani.uuid) == owed(second, ani.uuid) == 250_000
    assert entries(first) == entries(second)
    assert len(entries(first)) == 2
    with second.db.reading() as session:
        sale = session.scalar(select(Sale).where(Sale.uuid == sale_uuid))
        assert sale is not None
        assert sale.customer_id == there.id
    for shop in (first, second):
        assert shop.hub.sync().applied.linked == {}  # nothing twice
        assert shop.hub.status().held == ()
    assert owed(first, ani.uuid) == owed(second, ani.uuid) == 250_000


def test_a_customer_edited_on_two_tills_takes_the_later_edit_on_both(hub, tills):
    first, second = tills("A"), tills("B")
    ani = member(first, "Bu Ani", "081234567890")
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    there = second.customers.by_uuid(ani.uuid)
    first.customers.update(ani.id, CustomerDraft("Ibu Ani", "081234567890"))
    second.customers.update(there.id, CustomerDraft("Ani Lestari", "081299990000"))
    in_step(first, second)
    for shop in (first, second):
        found = shop.customers.by_uuid(ani.uuid)
        assert (found.name, found.phone) == ("Ani Lestari", "6281299990000")
    with first.db.reading() as session:
        lost = session.scalars(
            select(AuditEvent.entity_ref).where(AuditEvent.action == "hub.edit_superseded")
        ).all()
    assert "Ani Lestari" in lost


def test_one_phone_added_on_two_tills_apart_stays_two_customers(hub, tills):
    first, second = tills("A"), tills("B")
    member(first, "Pak Budi", "0813 1111 2222")
    member(second, "Budi", "+62 813-1111-2222")
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    for shop in (first, second):
        with shop.db.reading() as session:
            names = session.scalars(
                select(Customer.name).where(Customer.phone == "6281311112222").order_by("name")
            ).all()
        assert names == ["Budi", "Pak Budi"]


def test_a_pre_order_and_its_payments_travel_and_its_status_follows(hub, tills):
    first, second = tills("A"), tills("B")
    tulis = add(first, "BTK-T", "Batik tulis", 350_000, quantity=5)
    ani = member(first, "Bu Ani", "081234567890")
    order = pre_order(first, ani, tulis, 500_000)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    assert order_state(second, order) == order_state(first, order)
    assert order_state(second, order)[3] == [("deposit", 500_000)]
    mark_ready_with_payment(second, order, 200_000)
    in_step(second, first)
    assert order_state(first, order) == order_state(second, order)
    assert order_state(first, order)[0] == "ready"
    assert order_state(first, order)[3] == [("deposit", 200_000), ("deposit", 500_000)]


def test_mappings_travel_and_a_code_mapped_to_two_products_keeps_the_first(hub, tills):
    first, second = tills("A"), tills("B")
    add(first, "BTK-T", "Batik tulis", 350_000)
    add(first, "BTK-C", "Batik cap", 150_000)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    map_code(first, "batik biru", "BTK-T")
    map_code(first, "kain parang", "BTK-T")
    map_code(second, "kain parang", "BTK-C")  # mapped later, apart: a clash
    map_code(second, "batik merah", "BTK-C")
    first.hub.sync()
    clash = ["kain parang: mapped to BTK-T and to BTK-C; BTK-T was kept"]
    assert second.hub.sync().applied.clashes == clash
    assert first.hub.sync().applied.clashes == clash  # each till tells its people once
    for shop in (first, second):
        assert shop.hub.sync().applied.clashes == []
        with shop.db.reading() as session:
            details = session.scalar(
                select(AuditEvent.details).where(AuditEvent.action == "hub.mapping_clash")
            )
        assert json.loads(details or "") == {"kept": "BTK-T", "other": "BTK-C"}
    expected = {"batik biru": "BTK-T", "kain parang": "BTK-T", "batik merah": "BTK-C"}
    assert mappings(first) == mappings(second) == expected


def test_a_return_confirmed_on_one_till_is_refunded_once_and_not_confirmed_again(hub, tills):
    first, second = tills("A"), tills("B")
    tulis = add(first, "BTK-T", "Batik tulis", 350_000, quantity=5)
    _sale, returned = marketplace_return(first, utc(2026, 12, 7, 2), tulis)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    second.marketplace_returns.confirm(returned)
    in_step(second, first)
    assert first.marketplace_returns.listed() == []
    (confirmed,) = first.marketplace_returns.listed(waiting_only=False)
    assert confirmed.status == "received"
    with pytest.raises(ValidationError):
        first.marketplace_returns.confirm(returned)
    assert refunds(first) == refunds(second) == 1
    stock = [shop.catalogue.find_by_code("BTK-T").stock_milli for shop in (first, second)]
    assert stock == [5000, 5000]


def test_a_products_own_online_buffer_travels_with_the_product(hub, tills):
    first, second = tills("A"), tills("B")
    tulis = add(first, "BTK-T", "Batik tulis", 350_000, quantity=5)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    in_step(first, second)
    assert second.catalogue.find_by_code("BTK-T").online_buffer_milli is None
    first.catalogue.update(
        tulis.id, replace(ProductDraft.from_view(tulis), online_buffer_milli=2_000)
    )
    in_step(first, second)
    assert second.catalogue.find_by_code("BTK-T").online_buffer_milli == 2_000

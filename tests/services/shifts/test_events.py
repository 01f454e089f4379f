"""Bazaar events: sales tagged while open; the report of takings, costs, fees, best sellers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.shifts.events import EventDraft
from bazaar_pos.services.stock.consignment.views import ConsignorDraft
from bazaar_pos.store.models import AuditEvent, Sale

JAKCRAFT = EventDraft(
    name="Jakarta Craft Week",
    place="JCC Senayan",
    starts_on=date(2026, 12, 4),
    ends_on=date(2026, 12, 6),
    booth_fee=1_500_000,
    other_costs=250_000,
    costs_note="parking and ice",
)


def test_only_sales_made_while_an_event_is_open_are_tagged(shop, add_product, sell):
    coffee = add_product(stock=20)
    event = shop.events.create(JAKCRAFT)
    assert (event.status, shop.events.current()) == ("planned", None)
    before = sell((coffee, 1))
    shop.events.open(event.id)
    during = sell((coffee, 1))
    shop.events.close(event.id)
    after = sell((coffee, 1))
    with shop.db.reading() as session:
        tags = {s.uuid: s.event_id for s in session.scalars(select(Sale))}
    assert (tags[before.uuid], tags[during.uuid], tags[after.uuid]) == (None, event.id, None)


def test_opening_an_event_closes_the_one_open_before(shop):
    first = shop.events.create(JAKCRAFT)
    second = shop.events.create(EventDraft("Pasar Kangen", date(2026, 12, 12), date(2026, 12, 13)))
    shop.events.open(first.id)
    shop.events.open(second.id)
    assert shop.events.current().id == second.id
    assert shop.events.get(first.id).status == "closed"
    assert [e.name for e in shop.events.events()] == ["Pasar Kangen", "Jakarta Craft Week"]
    with shop.db.reading() as session:
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == [
        "event.created",
        "event.created",
        "event.opened",
        "event.closed",
        "event.opened",
    ]


def test_the_event_report_sets_takings_against_goods_and_fees(shop, add_product, sell):
    coffee = add_product(stock=20)  # price 95.000, cost 50.000
    glass = add_product("KRM-1", "Gelas Keramik", 55_000, cost=20_000, stock=10)
    event = shop.events.create(JAKCRAFT)
    shop.events.open(event.id)
    first = sell((coffee, 3), (glass, 1))
    sell((glass, 4), tenders=[Tender(PaymentMethod.QRIS, 220_000)])
    sell((coffee, 1))
    coffee_line = shop.sales_history.detail(first.uuid).lines[0]
    shop.refunds.refund(first.uuid, [RefundItem(coffee_line.id, whole(1))])  # back to stock
    shop.refunds.refund(first.uuid, [RefundItem(coffee_line.id, whole(1), damaged=True)])
    report = shop.events.report(event.id)
    assert (report.sales_count, report.sales_total) == (3, 285_000 + 55_000 + 220_000 + 95_000)
    assert report.refunds_total == 190_000
    assert report.takings == 465_000
    # sold 4 coffees (200.000) and 5 glasses (100.000); one coffee came back to stock
    assert report.cost_of_goods == 250_000
    assert report.event.fees == 1_750_000
    assert report.net == 465_000 - 250_000 - 1_750_000
    assert [(b.sku, b.quantity_milli // 1000, b.revenue) for b in report.best_sellers] == [
        ("KRM-1", 5, 275_000),
        ("KOP-1", 2, 190_000),
    ]
    assert report.items_sold == 7
    # each method less what it paid back, so they add up to the takings
    assert dict(report.by_method) == {"cash": 245_000, "qris": 220_000}
    assert sum(amount for _method, amount in report.by_method) == report.takings


def test_a_makers_goods_cost_the_event_what_the_maker_is_owed(shop, add_product, sell):
    maker = shop.consignment.add_consignor(
        ConsignorDraft("Bu Wayan", commission=Commission.percent(20))
    )
    necklace = shop.catalogue.create(
        ProductDraft("KLG-1", "Kalung Perak", 425_000, cost=300_000, consignor_id=maker.id)
    )
    shop.consignment.receive(necklace.id, whole(3))
    event = shop.events.create(JAKCRAFT)
    shop.events.open(event.id)
    sold = sell((shop.catalogue.get(necklace.id), 3))
    line = shop.sales_history.detail(sold.uuid).lines[0]
    shop.refunds.refund(sold.uuid, [RefundItem(line.id, whole(1))])
    report = shop.events.report(event.id)
    assert report.takings == 850_000
    assert report.cost_of_goods == 680_000  # two kept, 80% of Rp425.000 each to the maker
    assert dict(report.by_method) == {"cash": 850_000}


def test_event_drafts_are_checked(shop):
    with pytest.raises(ValidationError) as refused:
        shop.events.create(EventDraft(" ", date(2026, 12, 6), date(2026, 12, 4), booth_fee=-1))
    assert refused.value.problems == [
        "The event needs a name.",
        "The event cannot end before it starts.",
        "Fees and costs cannot be negative.",
    ]
    event = shop.events.create(JAKCRAFT)
    changed = shop.events.update(
        event.id, EventDraft("Jakcraft", JAKCRAFT.starts_on, JAKCRAFT.ends_on)
    )
    assert (changed.name, changed.booth_fee) == ("Jakcraft", 0)

"""Shifts, cash movements, events, consignors and settlements reach every till of the hub."""

from __future__ import annotations

import json
from datetime import date

import psycopg
from sqlalchemy import select

from bazaar_pos.domain.cash_count import CashCount
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub import state
from bazaar_pos.services.hub.apply import Pulled, apply_pulled
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.reports.service import Dimension
from bazaar_pos.services.shifts.events import EventDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.stock.consignment.views import ConsignorDraft
from bazaar_pos.store.models import (
    CashMovement,
    CashShift,
    ConsignmentSettlement,
    ConsignmentSettlementLine,
    Sale,
)
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import add

DAY = Period(date(2026, 12, 7), date(2026, 12, 7))
START, END = utc(2026, 12, 7, 0), utc(2026, 12, 8, 0)


def counts(shop: Shop) -> tuple[int, ...]:
    with shop.db.reading() as session:
        return tuple(
            len(session.scalars(select(model)).all())
            for model in (
                Sale,
                CashShift,
                CashMovement,
                ConsignmentSettlement,
                ConsignmentSettlementLine,
            )
        )


def a_day_at_the_bazaar(shop: Shop) -> tuple[str, int, int]:
    """A consignor's bowl and a batik sold at an event in a shift; the maker paid out."""
    maker = shop.consignment.add_consignor(
        ConsignorDraft("Ibu Sari", commission=Commission.percent(20))
    )
    bowl = shop.catalogue.create(ProductDraft("MKR-1", "Mangkok", 50_000, consignor_id=maker.id))
    shop.consignment.receive(bowl.id, whole(10))
    tulis = add(shop, "BTK-T", "Batik tulis", 350_000, quantity=20)
    event = shop.events.create(
        EventDraft("Pasar Malam", date(2026, 12, 7), date(2026, 12, 7), booth_fee=100_000)
    )
    shop.events.open(event.id)
    shift = shop.shifts.open(200_000)
    sell(shop, utc(2026, 12, 7, 2), [(shop.catalogue.get(bowl.id), 2), (tulis, 1)])
    shop.shifts.pay_out(20_000, "Parkir")
    shop.shifts.close(CashCount(other=630_000))
    shop.events.close(event.id)
    shop.consignment.settle(maker.id, START, END)
    return shift.uuid, event.id, maker.id


def event_report(shop: Shop) -> tuple[object, ...]:
    event = next(e for e in shop.events.events() if e.name == "Pasar Malam")
    report = shop.events.report(event.id)
    return (report.sales_count, report.sales_total, report.cost_of_goods, report.by_method)


def shift_report(shop: Shop, uuid: str) -> tuple[object, ...]:
    report = shop.shifts.report(uuid)
    totals = report.totals if hasattr(report, "totals") else report
    return (
        totals.float_amount,
        totals.sales_count,
        totals.sales_total,
        totals.pay_outs,
        totals.expected,
        report.shift.counted if hasattr(report, "shift") else None,
    )


def statement(shop: Shop) -> tuple[object, ...]:
    (settled,) = shop.consignment.settlements()
    return settled.number, settled.totals, [line.number for line in settled.lines]


def test_shifts_events_and_settlements_reach_every_till_and_their_reports_agree(hub, tills):
    first, second, third = tills("A"), tills("B"), tills("C")
    shift_uuid, _event, _maker = a_day_at_the_bazaar(first)
    for shop, name in ((first, "Depan"), (second, "Tengah"), (third, "Belakang")):
        shop.hub.join(hub, name)
    sell(second, utc(2026, 12, 7, 3), [(second.catalogue.find_by_code("BTK-T"), 1)])
    for shop in (second, third, first, third, second, third):
        shop.hub.sync()
    for shop in (second, third):
        assert shift_report(shop, shift_uuid) == shift_report(first, shift_uuid)
        assert event_report(shop) == event_report(first)
        assert statement(shop) == statement(first)
        assert shop.hub.status().held == ()
        assert shop.check() == []
    with third.db.reading() as session:
        (shift,) = session.scalars(select(CashShift)).all()
        assert shift.till_id == first.settings.load().till_id
        assert shift.counted_minor == 630_000
    by_till = {
        shop: sorted(
            (row.amounts.sales, row.amounts.net)
            for row in shop.reports.summary(DAY).breakdowns[Dimension.TILL]
        )
        for shop in (first, second, third)
    }
    assert by_till[first] == [(1, 350_000), (1, 450_000)]
    assert by_till[first] == by_till[second] == by_till[third]
    before = [counts(shop) for shop in (first, second, third)]
    assert before[0] == before[1] == before[2] == (2, 1, 1, 1, 1)
    for shop in (first, second, third):
        assert shop.hub.sync().applied.sales == 0
    assert [counts(shop) for shop in (first, second, third)] == before


def test_a_record_pulled_before_what_it_needs_is_held_and_applied_on_the_next_sync(
    hub, postgres_server, postgres_database, tills
):
    first, second = tills("A"), tills("B")
    a_day_at_the_bazaar(first)
    second.hub.join(hub, "Belakang")
    first.hub.join(hub, "Depan")
    with psycopg.connect(
        host=postgres_server.host,
        port=postgres_server.port,
        user=postgres_server.user,
        dbname=postgres_database,
    ) as hubdb:
        rows = hubdb.execute(
            "SELECT seq, uuid, kind, till_id, payload FROM hub_records ORDER BY seq"
        ).fetchall()
    pulled = [Pulled(seq, key, kind, till, json.loads(data)) for seq, key, kind, till, data in rows]
    late = {"consignor", "sale", "shift"}
    early = [record for record in pulled if record.kind not in late]
    with second.db.writing() as session:  # what a pull of half the records would do
        state.row(session).applying = True
        applied = apply_pulled(session, early)
        state.row(session).applying = False
    reasons = {record.kind: reason for record, reason in applied.held}
    assert reasons == {
        "product": "its consignor is not here yet",
        "cash_movement": "its shift is not here yet",
        "settlement": "its consignor is not here yet",
    }
    held = second.hub.status().held
    assert {item.kind for item in held} == {"product", "cash_movement", "settlement"}
    assert all(item.reason for item in held)
    second.hub.sync()
    assert second.hub.status().held == ()
    assert statement(second) == statement(first)
    assert counts(second) == counts(first)
    assert second.catalogue.find_by_code("MKR-1").consignor_id is not None

"""Three tills, one shop: the catalogue, users, sales and stock everywhere; later edits win."""

from __future__ import annotations

import json
from datetime import date, timedelta

import psycopg
import pytest
from sqlalchemy import text

from bazaar_pos.domain.access import Role
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.hub.address import HubAddress
from bazaar_pos.services.hub.connection import HubRefused
from bazaar_pos.services.hub.outbox import next_batch
from bazaar_pos.services.hub.schema import init_hub
from bazaar_pos.services.people.pins import verify_pin
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.shop import Shop
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import add, hub_url

DAY = Period(date(2026, 12, 7), date(2026, 12, 7))


def figures(shop: Shop, period: Period = DAY) -> tuple[int, int, int]:
    report = shop.reports.summary(period).figures
    return report.sale_count, report.net, report.tax


def test_three_tills_end_with_the_same_stock_and_the_same_report(hub, tills):
    first, second, third = tills("A"), tills("B"), tills("C")
    tulis = add(first, "BTK-T", "Batik tulis", 350_000, quantity=20)
    add(first, "BTK-C", "Batik cap", 120_000, quantity=40)
    for shop, name in ((first, "Depan"), (second, "Tengah"), (third, "Belakang")):
        shop.hub.join(hub, name)
    for shop in (second, third):
        shop.hub.sync()
    sell(first, utc(2026, 12, 7, 2), [(tulis, 1)])
    for hour, shop in ((3, second), (4, third)):
        here_tulis = shop.catalogue.find_by_code("BTK-T")
        here_cap = shop.catalogue.find_by_code("BTK-C")
        sell(shop, utc(2026, 12, 7, hour), [(here_tulis, 2), (here_cap, 5)])
    third.stock.receive(third.catalogue.find_by_code("BTK-C").id, whole(10))
    for shop in (first, second, third, first, second):
        shop.hub.sync()
    for shop in (first, second, third):
        assert shop.catalogue.find_by_code("BTK-T").stock_milli == whole(15)
        assert shop.catalogue.find_by_code("BTK-C").stock_milli == whole(40)
        assert figures(shop) == figures(first)
        assert shop.check() == []
    assert figures(first)[0] == 3
    labels = set(first.reports.till_labels().values())
    assert {"B · Tengah", "C · Belakang"} <= labels


def test_the_later_catalogue_edit_wins_on_every_till_and_the_other_is_in_the_audit_log(
    hub, tills
):
    first, second = tills("A"), tills("B")
    add(first, "SRG-1", "Sarung", 80_000)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    here = first.catalogue.find_by_code("SRG-1")
    there = second.catalogue.find_by_code("SRG-1")
    first.catalogue.update(here.id, ProductDraft("SRG-1", "Sarung", 85_000, 40_000))
    second.catalogue.update(there.id, ProductDraft("SRG-1", "Sarung", 90_000, 40_000))
    first.hub.sync()
    second.hub.sync()
    first.hub.sync()
    for shop in (first, second):
        assert shop.catalogue.find_by_code("SRG-1").price == 90_000
    with first.db.engine.connect() as till:
        details = till.execute(
            text("SELECT details FROM audit_events WHERE action = 'hub.edit_superseded'")
        ).scalars().all()
    assert [json.loads(d)["superseded"]["price"] for d in details] == [85_000]


def test_a_user_added_on_one_till_signs_in_on_another_with_the_pin_still_hashed(hub, tills):
    first, second = tills("A"), tills("B")
    first.users.add("Wulan", Role.OWNER, "4821")
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    with psycopg.connect(hub) as connection:
        payloads = connection.execute(
            "SELECT payload FROM hub_records WHERE kind = 'user'"
        ).fetchall()
    assert payloads
    assert all("4821" not in payload for (payload,) in payloads)
    with second.db.engine.connect() as till:
        stored = till.execute(text("SELECT pin_hash FROM users WHERE name = 'Wulan'")).scalar()
    assert verify_pin("4821", stored)


def test_a_till_of_one_shop_cannot_join_or_send_to_another_shops_hub(
    postgres_server, postgres_database, hub, tills
):
    till = tills("A")
    till.hub.join(hub, "Depan")
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{postgres_database}_x"')
    other = hub_url(postgres_server, f"{postgres_database}_x")
    try:
        init_hub(HubAddress.parse(other))
        with pytest.raises(HubRefused, match="another shop"):
            till.hub.join(other, "Depan")
        with till.db.writing() as session:  # pointed at the other hub by hand
            session.execute(
                text("UPDATE hub_state SET url = :url"),
                {"url": HubAddress.parse(other).url.render_as_string()},
            )
        with pytest.raises(HubRefused, match="another shop"):
            till.hub.sync()
    finally:
        with psycopg.connect(postgres_server.url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{postgres_database}_x" WITH (FORCE)')


def test_a_record_the_hub_refuses_is_kept_aside_with_its_reason(hub, tills):
    till = tills("A")
    batik = add(till, "BTK-1", "Batik", 100_000, quantity=3)
    till.hub.join(hub, "Depan")
    sale = sell(till, utc(2026, 12, 7, 3), [(batik, 1)])
    with till.db.writing() as session:  # a damaged sale: another currency
        session.execute(text("UPDATE sales SET currency = 'USD' WHERE uuid = :u"), {"u": sale.uuid})
    result = till.hub.sync()
    assert result.refused == 1
    status = till.hub.status()
    assert status.waiting == 0
    assert [(r.kind, r.uuid) for r in status.refused] == [("sale", sale.uuid)]
    assert "USD" in status.refused[0].reason
    till.hub.sync()
    assert len(till.hub.status().refused) == 1


def test_a_record_another_till_sent_under_the_same_uuid_is_refused_and_the_rest_sent(hub, tills):
    till = tills("A")
    batik = add(till, "BTK-1", "Batik", 100_000, quantity=5)
    till.hub.join(hub, "Depan")
    taken = sell(till, utc(2026, 12, 7, 3), [(batik, 1)])
    sell(till, utc(2026, 12, 7, 4), [(batik, 2)])
    sent = next(r for r in next_batch(till.db, 100) if json.loads(r.payload)["uuid"] == taken.uuid)
    with psycopg.connect(hub) as connection:  # another till got there first with this UUID
        connection.execute(
            "INSERT INTO hub_records (uuid, kind, till_id, payload, received_at)"
            " VALUES (%s, 'sale', %s, %s, now())",
            (sent.uuid, "f" * 32, sent.payload),
        )
    result = till.hub.sync()
    assert result.refused == 1
    refused = till.hub.status().refused
    assert [(r.kind, r.uuid) for r in refused] == [("sale", taken.uuid)]
    assert "Another till" in refused[0].reason
    with psycopg.connect(hub) as connection:
        held = dict(connection.execute("SELECT uuid, till_id FROM hub_records WHERE kind = 'sale'"))
    assert sorted(held.values()) == sorted(["f" * 32, till.settings.load().till_id])
    assert held[sent.uuid] == "f" * 32


def test_a_sale_writes_its_outbox_record_in_its_own_transaction_without_the_hub(tills):
    till = tills("A")
    batik = add(till, "BTK-1", "Batik", 100_000, quantity=3)
    with till.db.writing() as session:  # joined to a hub nobody runs
        session.execute(
            text("INSERT INTO hub_state (id, url, shop_id) VALUES (1, :url, 'x')"),
            {"url": "postgresql+psycopg://kasir@127.0.0.1:9/toko"},
        )
    sale = sell(till, utc(2026, 12, 7, 3), [(batik, 1)])
    with till.db.engine.connect() as connection:
        kinds = connection.execute(
            text("SELECT kind FROM outbox WHERE state = 'waiting' AND ref = :u"), {"u": sale.uuid}
        ).scalars().all()
    assert kinds == ["sale"]
    assert till.hub.status().waiting >= 3  # the sale, its stock movement, its audit event


def test_the_last_piece_sold_on_two_tills_at_once_is_flagged_not_hidden(hub, tills):
    first, second = tills("A"), tills("B")
    shop_piece = first.catalogue.create(
        ProductDraft("VAS-1", "Vas gerabah", 450_000, 200_000, one_of_a_kind=True)
    )
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    sell(first, utc(2026, 12, 7, 3), [(first.catalogue.get(shop_piece.id), 1)])
    sell(second, utc(2026, 12, 7, 3, 1), [(second.catalogue.find_by_code("VAS-1"), 1)])
    first.hub.sync()
    result = second.hub.sync()
    assert result.applied.oversold == ["VAS-1"]
    assert first.hub.sync().applied.oversold == ["VAS-1"]
    for shop in (first, second):
        with shop.db.engine.connect() as till:
            stock = till.execute(text("SELECT stock_milli FROM products WHERE sku = 'VAS-1'"))
            assert stock.scalar() == -1000
            flagged = till.execute(
                text("SELECT entity_ref FROM audit_events WHERE action = 'hub.oversold'")
            ).scalars().all()
        assert flagged == ["VAS-1"]


def test_refunds_and_voids_reach_every_till_and_the_reports_agree(hub, tills):
    first, second = tills("A"), tills("B")
    kain = add(first, "KN-1", "Kain lurik", 90_000, quantity=10)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    kept = sell(first, utc(2026, 12, 7, 3), [(kain, 3)])
    line = first.sales_history.detail(kept.uuid).lines[0]
    first.refunds.refund(kept.uuid, [RefundItem(line.id, whole(1))])  # back to stock
    voided = sell(first, utc(2026, 12, 7, 4), [(kain, 2)])
    first.refunds.void(voided.uuid, "salah ketik")
    here = second.catalogue.find_by_code("KN-1")
    sell(second, utc(2026, 12, 7, 5), [(here, 1)])
    first.hub.sync()
    result = second.hub.sync()
    first.hub.sync()
    assert result.applied.refunds == 2
    # Refunds and voids are dated when they are made: up to tomorrow, whatever the clock says.
    since_the_sales = Period(DAY.first, max(DAY.last, date.today() + timedelta(days=1)))
    report = second.reports.summary(since_the_sales).figures
    assert (report.refunds.count, report.voids.count) == (1, 1)
    assert figures(second, since_the_sales) == figures(first, since_the_sales)
    assert figures(first, since_the_sales)[0] == 2
    for shop in (first, second):
        assert shop.catalogue.find_by_code("KN-1").stock_milli == whole(7)
        assert shop.check() == []
    assert second.hub.sync().applied.refunds == 0


def test_a_sku_renamed_on_one_till_follows_on_the_others_and_sales_keep_going(hub, tills):
    first, second = tills("A"), tills("B")
    add(first, "KOP-1", "Kopi Gayo", 95_000, quantity=5)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    here = first.catalogue.find_by_code("KOP-1")
    first.catalogue.update(here.id, ProductDraft("KOP-1A", "Kopi Gayo", 95_000, 40_000))
    sell(first, utc(2026, 12, 7, 3, 0), [(first.catalogue.find_by_code("KOP-1A"), 2)])
    first.hub.sync()
    second.hub.sync()
    renamed = second.catalogue.find_by_code("KOP-1A")
    assert renamed is not None
    assert second.catalogue.find_by_code("KOP-1") is None
    assert renamed.stock_milli == whole(3)
    assert second.hub.status().last_error == ""
    assert second.check() == []

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.domain.text import search_key
from bazaar_pos.domain.variants import parse_axes
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shifts.events import EventDraft
from bazaar_pos.store.models import AuditEvent, Payment, Product, Sale, Setting, StockMovement

CASH, QRIS = PaymentMethod.CASH, PaymentMethod.QRIS


def test_a_sale_is_recorded_whole(shop, add_product, cart_of):
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, stock=10)
    cup = add_product("KRM-1", "Gelas Keramik", 55_000, cost=22_000, stock=5)
    cart = cart_of((coffee, 2), (cup, 1))
    cart.discount = Discount.amount(5_000)
    result = shop.checkout.complete_sale(cart, [Tender(CASH, 250_000)], cashier="Sari")
    assert result.number == "A-000001"
    assert result.total == 240_000
    assert result.change == 10_000
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        assert (sale.subtotal_minor, sale.discount_minor, sale.total_minor) == (
            245_000,
            5_000,
            240_000,
        )
        assert [
            (line.sku, line.quantity_milli // 1000, line.unit_cost_minor) for line in sale.lines
        ] == [
            ("KOP-1", 2, 50_000),
            ("KRM-1", 1, 22_000),
        ]
        assert sum(line.line_total_minor for line in sale.lines) == 240_000
        (payment,) = session.scalars(select(Payment)).all()
        assert (payment.amount_minor, payment.tendered_minor, payment.change_minor) == (
            240_000,
            250_000,
            10_000,
        )
        moves = session.scalars(
            select(StockMovement).where(StockMovement.reason == StockReason.SALE.value)
        ).all()
        assert sorted(m.quantity_milli for m in moves) == [whole(-2), whole(-1)]
        assert {m.reference for m in moves} == {f"sale:{sale.uuid}"}
        assert session.scalars(select(AuditEvent.action)).all()[-1] == "sale.completed"
    assert shop.catalogue.get(coffee.id).stock_milli == whole(8)
    assert shop.check() == []


def test_sale_numbers_count_up_per_till(shop, add_product, cart_of):
    item = add_product(stock=5)
    numbers = [
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(QRIS, item.price)]).number
        for _ in range(3)
    ]
    assert numbers == ["A-000001", "A-000002", "A-000003"]


def test_cash_rounding_from_the_settings(shop, add_product, cart_of):
    shop.settings.update(cash_rounding_step=100)
    item = add_product(price=15_050, stock=1)
    result = shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, 20_000)])
    assert (result.total, result.rounding, result.change) == (15_050, 50, 4_900)
    assert shop.check() == []


def test_short_payment_writes_nothing(shop, add_product, cart_of):
    item = add_product(stock=3)
    with pytest.raises(UserError, match="does not cover"):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, 1_000)])
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
    assert shop.catalogue.get(item.id).stock_milli == whole(3)


def test_empty_cart_is_refused(shop, cart_of):
    with pytest.raises(ValidationError, match="empty"):
        shop.checkout.complete_sale(cart_of(), [])


def test_overselling_warns_by_default_and_can_be_blocked(shop, add_product, cart_of):
    item = add_product(stock=1)
    result = shop.checkout.complete_sale(cart_of((item, 2)), [Tender(QRIS, 2 * item.price)])
    assert result.below_zero == (item.sku,)
    shop.settings.update(oversell="block")
    with pytest.raises(ValidationError, match="in stock"):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(QRIS, item.price)])
    assert shop.catalogue.get(item.id).stock_milli == whole(-1)


def test_open_price_items_move_no_stock(shop):
    from bazaar_pos.domain.cart import Cart

    cart = Cart(shop.settings.load().currency)
    cart.add(CartLine(sku="", name="Barang lain-lain", unit_price=40_000))
    result = shop.checkout.complete_sale(cart, [Tender(CASH, 50_000)])
    assert result.change == 10_000
    assert shop.check() == []


def test_a_failure_midway_rolls_the_whole_sale_back(shop, add_product, cart_of, monkeypatch):
    item = add_product(stock=4)

    def explode(*args, **kwargs):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr("bazaar_pos.services.selling.checkout.event_values", explode)
    with pytest.raises(RuntimeError):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(QRIS, item.price)])
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
        assert len(session.scalars(select(StockMovement)).all()) == 1  # only the receipt
    assert shop.catalogue.get(item.id).stock_milli == whole(4)


def test_a_till_sale_writes_every_row_in_full(shop, add_product, cart_of):
    """Each column of each row a till sale writes, in one transaction."""
    shop.settings.update(till_code="B")
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, cost=50_000, stock=10)
    piece = shop.catalogue.create(
        ProductDraft("GUC-1", "Guci Kasongan", 850_000, one_of_a_kind=True)
    )
    shift = shop.shifts.open(100_000)
    event = shop.events.create(EventDraft("Pasar Kangen", date(2026, 12, 12), date(2026, 12, 13)))
    shop.events.open(event.id)
    with shop.db.reading() as session:
        touched = {p.id: p.updated_at for p in session.scalars(select(Product))}
    cart = cart_of((coffee, 2), (piece, 1))
    cart.add(CartLine(sku="", name="Tas anyaman", unit_price=40_000))
    shop.parked_carts.save_current(cart)
    tenders = [Tender(QRIS, 500_000, reference="QR-77"), Tender(CASH, 600_000)]

    result = shop.checkout.complete_sale(cart, tenders, cashier="Sari", forget_current_cart=True)

    assert (result.number, result.total, result.rounding, result.change) == (
        "B-000001",
        1_080_000,
        0,
        20_000,
    )
    assert result.awaiting == (("qris", 500_000),)
    assert (result.below_zero, result.changes.products) == ((), False)
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        assert {
            column: getattr(sale, column)
            for column in (
                "id", "uuid", "number", "sequence", "till_id", "channel", "external_ref",
                "cashier", "currency", "subtotal_minor", "discount_minor", "tax_minor",
                "tax_inclusive", "total_minor", "rounding_minor", "note", "created_at",
                "shift_id", "event_id",
            )
        } == {
            "id": result.id, "uuid": result.uuid, "number": "B-000001", "sequence": 1,
            "till_id": shop.settings.load().till_id, "channel": "pos", "external_ref": None,
            "cashier": "Sari", "currency": "IDR", "subtotal_minor": 1_080_000,
            "discount_minor": 0, "tax_minor": 0, "tax_inclusive": True,
            "total_minor": 1_080_000, "rounding_minor": 0, "note": "",
            "created_at": result.created_at, "shift_id": shift.id, "event_id": event.id,
        }  # fmt: skip
        assert [
            (
                line.position, line.product_id, line.sku, line.name, line.quantity_milli // 1000,
                line.unit_price_minor, line.unit_cost_minor, line.discount_minor,
                line.tax_minor, line.line_total_minor,
            )
            for line in sale.lines
        ] == [
            (1, coffee.id, "KOP-1", "Kopi Gayo", 2, 95_000, 50_000, 0, 0, 190_000),
            (2, piece.id, "GUC-1", "Guci Kasongan", 1, 850_000, 0, 0, 0, 850_000),
            (3, None, "", "Tas anyaman", 1, 40_000, 0, 0, 0, 40_000),
        ]  # fmt: skip
        assert [
            (
                p.method, p.amount_minor, p.tendered_minor, p.change_minor, p.reference,
                p.status, p.confirmed_at, p.confirmed_by,
            )
            for p in sale.payments
        ] == [
            ("qris", 500_000, 500_000, 0, "QR-77", "awaiting", None, ""),
            ("cash", 580_000, 600_000, 20_000, "", "confirmed", result.created_at, "Sari"),
        ]  # fmt: skip
        moves = session.scalars(
            select(StockMovement).where(StockMovement.reason == "sale").order_by(StockMovement.id)
        ).all()
        assert [
            (
                m.product_id,
                m.quantity_milli // 1000,
                m.reference,
                m.note,
                m.unit_cost_minor,
                m.till_id,
            )
            for m in moves
        ] == [
            (coffee.id, -2, f"sale:{result.uuid}", "", None, sale.till_id),
            (piece.id, -1, f"sale:{result.uuid}", "", None, sale.till_id),
        ]
        assert {m.created_at for m in moves} == {result.created_at}
        assert len({m.uuid for m in moves} | {result.uuid}) == 3
        assert all(len(m.uuid) == 32 and m.uuid[12] == "4" for m in moves)
        products = {p.id: p for p in session.scalars(select(Product))}
        assert (products[coffee.id].stock_milli, products[coffee.id].active) == (whole(8), True)
        assert (products[piece.id].stock_milli, products[piece.id].active) == (0, False)
        assert products[coffee.id].updated_at > touched[coffee.id]
        assert products[piece.id].updated_at > touched[piece.id]
        assert products[coffee.id].search_key == touched_key(coffee)
        (event_row,) = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "sale.completed")
        ).all()
        assert (event_row.actor, event_row.entity, event_row.entity_ref) == (
            "Sari",
            "sale",
            result.uuid,
        )
        assert event_row.details == ('{"channel": "pos", "number": "B-000001", "total": 1080000}')
        assert event_row.created_at >= result.created_at
        assert session.get(Setting, "till.current_cart").value == "null"
    assert shop.parked_carts.load_current() is None
    assert shop.check() == []


def touched_key(product):
    return search_key(product.name, product.sku, product.barcode, product.category)


def test_a_sale_recorded_after_the_fact_keeps_its_time_and_is_not_tagged(
    shop, add_product, cart_of
):
    coffee = add_product(stock=1)
    shop.shifts.open(0)
    sold_at = datetime(2026, 11, 1, 3, 15, tzinfo=UTC)
    result = shop.checkout.complete_sale(
        cart_of((coffee, 2)),
        [Tender(CASH, 190_000)],
        channel="tokopedia",
        external_ref="INV/123",
        sold_at=sold_at,
        cash_rounding=False,
    )
    assert result.below_zero == (coffee.sku,)  # never refused away from the till
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        assert (sale.channel, sale.external_ref, sale.created_at) == (
            "tokopedia",
            "INV/123",
            sold_at,
        )
        assert (sale.shift_id, sale.event_id) == (None, None)
        (move,) = session.scalars(select(StockMovement).where(StockMovement.reason == "sale"))
        assert move.created_at == sold_at
        (payment,) = sale.payments
        assert payment.confirmed_at == sold_at
        logged = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "sale.completed")
        ).one()
        assert logged.created_at > sold_at  # when it was recorded, not when it was sold
    with pytest.raises(IntegrityError):  # the same order twice is refused whole
        shop.checkout.complete_sale(
            cart_of((coffee, 1)),
            [Tender(CASH, 95_000)],
            channel="tokopedia",
            external_ref="INV/123",
        )
    assert shop.catalogue.get(coffee.id).stock_milli == whole(-1)
    assert shop.check() == []


def test_one_product_on_two_lines_counts_down_its_stock_line_by_line(shop, add_product, cart_of):
    coffee = add_product(stock=3)
    cart = cart_of((coffee, 2))
    cart.append(CartLine(sku=coffee.sku, name=coffee.name, unit_price=coffee.price,
                         quantity_milli=whole(2), product_id=coffee.id))  # fmt: skip
    shop.settings.update(oversell="block")
    with pytest.raises(ValidationError, match="Only 1 of"):
        shop.checkout.complete_sale(cart, [Tender(CASH, 380_000)])
    shop.settings.update(oversell="warn")
    result = shop.checkout.complete_sale(cart, [Tender(CASH, 380_000)])
    assert result.below_zero == (coffee.sku,)
    assert shop.catalogue.get(coffee.id).stock_milli == whole(-1)
    assert shop.check() == []


def test_a_product_sold_as_its_variants_or_gone_is_refused_whole(shop, add_product, cart_of):
    coffee = add_product(stock=5)
    shirt = shop.catalogue.create(ProductDraft("KAOS", "Kaos Batik", 120_000))
    shop.catalogue.set_options(shirt.id, parse_axes("Size: S, M"))
    cart = cart_of((coffee, 1), (shop.catalogue.get(shirt.id), 1))
    with pytest.raises(ValidationError, match="each variant of Kaos Batik"):
        shop.checkout.complete_sale(cart, [Tender(CASH, 215_000)])
    gone = cart_of((coffee, 1))
    gone.add(CartLine(sku="X", name="Deleted", unit_price=1_000, product_id=999_999))
    with pytest.raises(ValidationError, match="no longer exists"):
        shop.checkout.complete_sale(gone, [Tender(CASH, 96_000)])
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
    assert shop.catalogue.get(coffee.id).stock_milli == whole(5)

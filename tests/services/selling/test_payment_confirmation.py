import pytest
from sqlalchemy import select, update

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.errors import NotFoundError, UserError
from bazaar_pos.store.models import Payment
from tests.helpers.audit import audit_entries as audit

CASH, QRIS, EWALLET, CARD, TRANSFER = (
    PaymentMethod.CASH,
    PaymentMethod.QRIS,
    PaymentMethod.EWALLET,
    PaymentMethod.CARD,
    PaymentMethod.TRANSFER,
)


@pytest.fixture
def coffee(add_product):
    return add_product("KOP-1", "Kopi Gayo 250 g", 95_000, stock=20)


def stored_payments(shop):
    with shop.db.reading() as session:
        return [
            (p.method, p.amount_minor, p.status, p.confirmed_at is not None, p.confirmed_by)
            for p in session.scalars(select(Payment).order_by(Payment.id))
        ]


def test_cash_card_and_transfer_are_confirmed_at_once_qris_and_ewallet_wait(shop, cart_of, coffee):
    cart = cart_of((coffee, 4))
    tenders = [
        Tender(QRIS, 100_000, "QR-1"),
        Tender(EWALLET, 80_000),
        Tender(CARD, 60_000),
        Tender(TRANSFER, 40_000),
        Tender(CASH, 100_000),
    ]
    result = shop.checkout.complete_sale(cart, tenders, cashier="Sari")
    assert result.awaiting == (("qris", 100_000), ("ewallet", 80_000))
    assert result.awaiting_total == 180_000
    assert stored_payments(shop) == [
        ("qris", 100_000, "awaiting", False, ""),
        ("ewallet", 80_000, "awaiting", False, ""),
        ("card", 60_000, "confirmed", True, "Sari"),
        ("transfer", 40_000, "confirmed", True, "Sari"),
        ("cash", 100_000, "confirmed", True, "Sari"),
    ]
    assert shop.payment_confirmation.count_awaiting() == 2
    assert shop.check() == []


def test_a_qris_payment_seen_arriving_is_confirmed_at_the_sale(shop, cart_of, coffee):
    result = shop.checkout.complete_sale(
        cart_of((coffee, 1)), [Tender(QRIS, 95_000, received=True)], cashier="Sari"
    )
    assert result.awaiting == ()
    assert stored_payments(shop) == [("qris", 95_000, "confirmed", True, "Sari")]
    assert shop.payment_confirmation.awaiting() == []


def test_awaiting_lists_the_oldest_first_with_their_sales(shop, sell, coffee):
    first = sell((coffee, 1), tenders=[Tender(QRIS, 95_000, "A1")])
    sell((coffee, 1))
    third = sell((coffee, 2), tenders=[Tender(EWALLET, 190_000)])
    waiting = shop.payment_confirmation.awaiting()
    assert [(p.sale_number, p.method, p.amount, p.reference, p.status) for p in waiting] == [
        (first.number, "qris", 95_000, "A1", "awaiting"),
        (third.number, "ewallet", 190_000, "", "awaiting"),
    ]
    assert waiting[0].sale_uuid == first.uuid
    assert waiting[0].currency == "IDR"
    assert waiting[0].sold_at == first.created_at


def test_confirming_records_who_and_when_and_is_audited(shop, sell, coffee):
    sale = sell((coffee, 1), tenders=[Tender(QRIS, 95_000)])
    (waiting,) = shop.payment_confirmation.awaiting()
    result = shop.payment_confirmation.confirm(waiting.id, "Budi", reference="DANA 8812")
    assert (result.status, result.by, result.sale_number, result.amount) == (
        "confirmed",
        "Budi",
        sale.number,
        95_000,
    )
    assert result.changes.sales
    assert shop.payment_confirmation.awaiting() == []
    with shop.db.reading() as session:
        payment = session.get(Payment, waiting.id)
        assert (payment.status, payment.confirmed_by, payment.reference) == (
            "confirmed",
            "Budi",
            "DANA 8812",
        )
        assert payment.confirmed_at == result.at
    assert audit(shop, "payment.confirmed") == [
        (
            "Budi",
            sale.uuid,
            {
                "payment": waiting.id,
                "number": sale.number,
                "method": "qris",
                "amount": 95_000,
                "was": "awaiting",
            },
        )
    ]
    assert shop.check() == []


def test_a_payment_cannot_be_confirmed_twice(shop, sell, coffee):
    sell((coffee, 1), tenders=[Tender(QRIS, 95_000)])
    (waiting,) = shop.payment_confirmation.awaiting()
    shop.payment_confirmation.confirm(waiting.id, "Budi")
    with pytest.raises(UserError, match="already confirmed"):
        shop.payment_confirmation.confirm(waiting.id, "Sari")
    with pytest.raises(UserError, match="already confirmed"):
        shop.payment_confirmation.not_received(waiting.id, "Sari")
    assert len(audit(shop, "payment.confirmed")) == 1


def test_cash_payments_are_not_in_the_list_and_cannot_be_confirmed(shop, sell, coffee):
    sell((coffee, 1))
    with shop.db.reading() as session:
        cash_id = session.scalar(select(Payment.id))
    with pytest.raises(UserError, match="already confirmed"):
        shop.payment_confirmation.confirm(cash_id, "Budi")
    with pytest.raises(NotFoundError):
        shop.payment_confirmation.confirm(9999, "Budi")


def test_not_received_keeps_the_sale_and_is_audited_with_the_note(shop, sell, coffee):
    sale = sell((coffee, 2), tenders=[Tender(QRIS, 190_000)])
    (waiting,) = shop.payment_confirmation.awaiting()
    result = shop.payment_confirmation.not_received(waiting.id, "Sari", note="customer left")
    assert result.status == "not_received"
    assert shop.payment_confirmation.awaiting() == []
    assert shop.payment_confirmation.count_awaiting() == 0
    (missing,) = shop.payment_confirmation.awaiting(include_not_received=True)
    assert (missing.id, missing.status) == (waiting.id, "not_received")
    detail = shop.sales_history.detail(sale.uuid)
    assert [(p.method, p.amount, p.status) for p in detail.payments] == [
        ("qris", 190_000, "not_received")
    ]
    assert detail.refundable
    (event,) = audit(shop, "payment.not_received")
    assert event[0:2] == ("Sari", sale.uuid)
    assert event[2]["note"] == "customer left"
    with pytest.raises(UserError, match="already marked as not received"):
        shop.payment_confirmation.not_received(waiting.id, "Sari")
    assert shop.check() == []


def test_money_that_turns_up_late_can_still_be_confirmed(shop, sell, coffee):
    sell((coffee, 1), tenders=[Tender(EWALLET, 95_000)])
    (waiting,) = shop.payment_confirmation.awaiting()
    shop.payment_confirmation.not_received(waiting.id, "Sari")
    shop.payment_confirmation.confirm(waiting.id, "Budi")
    assert stored_payments(shop) == [("ewallet", 95_000, "confirmed", True, "Budi")]
    assert audit(shop, "payment.confirmed")[0][2]["was"] == "not_received"


def test_check_finds_payments_whose_status_does_not_hold(shop, sell, coffee):
    sale = sell((coffee, 1))
    other = sell((coffee, 1), tenders=[Tender(QRIS, 95_000)])
    with shop.db.writing() as session:
        session.execute(update(Payment).where(Payment.method == "cash").values(status="awaiting"))
        session.execute(update(Payment).where(Payment.method == "qris").values(status="lost"))
    assert shop.check() == [
        f"Sale {sale.number}: a payment marked awaiting has the wrong confirmation time.",
        f"Sale {other.number}: a payment has the unknown status lost.",
    ]
    with shop.db.writing() as session:
        session.execute(update(Payment).where(Payment.method == "cash").values(confirmed_at=None))
    assert shop.check()[0] == f"Sale {sale.number}: a cash payment cannot be awaiting."

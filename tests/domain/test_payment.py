import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.payment import (
    CashRule,
    PaymentError,
    PaymentMethod,
    PaymentProgress,
    PaymentStatus,
    Tender,
    cash_due,
    initial_status,
    method_label,
    needs_confirmation,
    settle,
)
from bazaar_pos.domain.pricing import CashRounding

CASH, QRIS = PaymentMethod.CASH, PaymentMethod.QRIS
NO_ROUNDING = CashRule()


def test_cash_with_change():
    settlement = settle(112_500, [Tender(CASH, 150_000)], NO_ROUNDING)
    (payment,) = settlement.payments
    assert (payment.amount, payment.tendered, payment.change) == (112_500, 150_000, 37_500)
    assert settlement.change == 37_500
    assert settlement.due == 112_500


def test_cash_rounding_to_the_nearest_hundred():
    rule = CashRule(100, CashRounding.NEAREST)
    settlement = settle(15_050, [Tender(CASH, 20_000)], rule)
    assert settlement.rounding == 50
    assert settlement.due == 15_100
    assert settlement.change == 4_900
    assert cash_due(15_049, rule) == 15_000


def test_split_payment_qris_then_cash():
    settlement = settle(100_000, [Tender(CASH, 50_000), Tender(QRIS, 60_000, "REF1")], NO_ROUNDING)
    assert [(p.method, p.amount, p.reference) for p in settlement.payments] == [
        (QRIS, 60_000, "REF1"),
        (CASH, 40_000, ""),
    ]
    assert settlement.change == 10_000


def test_non_cash_only_pays_exactly():
    settlement = settle(100_000, [Tender(QRIS, 100_000)], CashRule(500))
    assert settlement.rounding == 0
    assert settlement.change == 0


@pytest.mark.parametrize(
    ("total", "tenders", "message"),
    [
        (100_000, [Tender(QRIS, 120_000)], "non-cash"),
        (100_000, [Tender(CASH, 90_000)], "cash given"),
        (100_000, [Tender(QRIS, 90_000)], "less than the total"),
        (100_000, [Tender(QRIS, 100_000), Tender(CASH, 5_000)], "nothing is left"),
        (-1, [], "negative"),
    ],
)
def test_payments_that_cannot_settle(total, tenders, message):
    with pytest.raises(PaymentError, match=message):
        settle(total, tenders, NO_ROUNDING)


def test_tenders_must_be_positive():
    with pytest.raises(PaymentError):
        Tender(CASH, 0)


def test_cash_references_are_kept():
    settlement = settle(10_000, [Tender(CASH, 5_000, "a"), Tender(CASH, 5_000)], NO_ROUNDING)
    assert settlement.payments[0].reference == "a"


@given(
    total=st.integers(min_value=1, max_value=10**9),
    qris_share=st.integers(min_value=0, max_value=100),
    extra=st.integers(min_value=0, max_value=10**6),
    step=st.sampled_from([0, 100, 500, 1000]),
    mode=st.sampled_from(CashRounding),
)
def test_payments_always_equal_total_plus_rounding(total, qris_share, extra, step, mode):
    rule = CashRule(step, mode)
    qris = total * qris_share // 100
    tenders = [Tender(QRIS, qris)] if qris else []
    if qris < total:
        tenders.append(Tender(CASH, rule.apply(total - qris) + extra or 1))
    settlement = settle(total, tenders, rule)
    assert sum(p.amount for p in settlement.payments) == settlement.total + settlement.rounding
    assert settlement.change >= 0


def test_payment_progress_for_cash_with_rounding():
    rule = CashRule(100)
    progress = PaymentProgress.of(95_050, [], rule)
    assert (progress.rest, progress.cash_due, progress.cash_left, progress.left) == (
        95_050,
        95_100,
        95_100,
        95_050,
    )
    assert not progress.covered
    assert progress.change == 0
    paid = PaymentProgress.of(95_050, [Tender(PaymentMethod.CASH, 100_000)], rule)
    assert paid.covered
    assert (paid.change, paid.cash_left, paid.left) == (4_900, 0, 0)


def test_payment_progress_for_split_payments():
    rule = CashRule()
    half = PaymentProgress.of(100_000, [Tender(PaymentMethod.QRIS, 60_000)], rule)
    assert (half.rest, half.left, half.cash_left, half.covered) == (40_000, 40_000, 40_000, False)
    full = PaymentProgress.of(
        100_000, [Tender(PaymentMethod.QRIS, 60_000), Tender(PaymentMethod.CARD, 40_000)], rule
    )
    assert full.covered
    assert full.cash_due == 0
    short_cash = PaymentProgress.of(
        100_000, [Tender(PaymentMethod.QRIS, 60_000), Tender(PaymentMethod.CASH, 30_000)], rule
    )
    assert not short_cash.covered
    assert short_cash.cash_left == 10_000
    cash_after_all_paid = PaymentProgress.of(
        100_000, [Tender(PaymentMethod.QRIS, 100_000), Tender(PaymentMethod.CASH, 5_000)], rule
    )
    assert not cash_after_all_paid.covered


@pytest.mark.parametrize(
    ("method", "received", "status"),
    [
        (PaymentMethod.CASH, False, PaymentStatus.CONFIRMED),
        (PaymentMethod.CARD, False, PaymentStatus.CONFIRMED),
        (PaymentMethod.TRANSFER, False, PaymentStatus.CONFIRMED),
        (PaymentMethod.QRIS, False, PaymentStatus.AWAITING),
        (PaymentMethod.EWALLET, False, PaymentStatus.AWAITING),
        (PaymentMethod.QRIS, True, PaymentStatus.CONFIRMED),
        (PaymentMethod.EWALLET, True, PaymentStatus.CONFIRMED),
    ],
)
def test_qris_and_ewallet_await_confirmation_unless_seen(method, received, status):
    assert initial_status(method, received=received) is status
    (payment,) = settle(50_000, [Tender(method, 50_000, received=received)], NO_ROUNDING).payments
    assert payment.status is status


def test_split_payments_keep_what_was_seen_per_payment():
    settlement = settle(
        100_000,
        [
            Tender(QRIS, 30_000),
            Tender(PaymentMethod.EWALLET, 20_000, received=True),
            Tender(CASH, 50_000),
        ],
        NO_ROUNDING,
    )
    assert [(p.method, p.status) for p in settlement.payments] == [
        (QRIS, PaymentStatus.AWAITING),
        (PaymentMethod.EWALLET, PaymentStatus.CONFIRMED),
        (CASH, PaymentStatus.CONFIRMED),
    ]
    assert [needs_confirmation(p.method) for p in settlement.payments] == [True, True, False]


def test_method_labels_name_known_methods_and_keep_unknown_codes():
    assert method_label("card") == "Card (EDC)"
    assert method_label(PaymentMethod.TRANSFER) == "Bank transfer"
    assert method_label("voucher") == "voucher"

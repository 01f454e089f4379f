"""The kasbon ledger as pure rules: balances, what stays open, aging, and what may be taken off."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.money import currency, format_money
from bazaar_pos.domain.receivables import (
    AccountError,
    AgeBucket,
    Entry,
    EntryKind,
    aging,
    balance,
    balance_text,
    bucket_of,
    check_reduction,
    due_date,
    entry_label,
    next_due,
    open_charges,
    over_limit,
    overdue,
    signed_amount,
)

START = date(2026, 1, 1)
IDR = currency("IDR")


def rupiah(minor: int) -> str:
    return format_money(minor, IDR)


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[Entry], date]:
    """A customer's entries, kept as the services keep them.

    Charges come with a due date 30 days on; repayments and write-offs never
    take more than is owed at the time (anything else is refused); goods given
    back may take what was charged and leave a credit.
    """
    entries: list[Entry] = []
    day = START
    owed = 0
    for _ in range(draw(st.integers(0, 25))):
        day += timedelta(days=draw(st.integers(0, 40)))
        kind = draw(st.sampled_from(EntryKind))
        if kind is EntryKind.CHARGE:
            amount = draw(st.integers(1, 2_000_000))
            entries.append(Entry(kind, signed_amount(kind, amount), day, due_date(day, 30)))
            owed += amount
            continue
        if kind is EntryKind.REFUND:
            charged = sum(e.amount for e in entries if e.amount > 0)
            if charged == 0:
                continue
            amount = draw(st.integers(1, charged))
        else:
            if owed <= 0:
                continue
            amount = draw(st.integers(1, owed))
        check_reduction(kind, amount, owed)
        entries.append(Entry(kind, signed_amount(kind, amount), day))
        owed -= amount
    today = day + timedelta(days=draw(st.integers(0, 200)))
    return entries, today


@given(ledgers())
def test_the_balance_is_the_sum_of_the_entries_and_the_open_charges(ledger):
    entries, _today = ledger
    owed = balance(entries)
    assert owed == sum(e.amount for e in entries)
    opened = open_charges(entries)
    assert all(charge.open > 0 for charge in opened)
    if owed >= 0:
        assert sum(charge.open for charge in opened) == owed
    else:
        assert opened == []


@given(ledgers())
def test_aging_buckets_add_up_to_the_balance_when_something_is_owed(ledger):
    entries, today = ledger
    buckets = aging(entries, today)
    assert set(buckets) == set(AgeBucket)
    assert all(amount >= 0 for amount in buckets.values())
    assert sum(buckets.values()) == max(balance(entries), 0)
    assert 0 <= overdue(entries, today) <= max(balance(entries), 0)


@given(ledgers())
def test_only_goods_given_back_leave_a_credit(ledger):
    entries, _today = ledger
    running = 0
    for entry in entries:
        before, running = running, running + entry.amount
        if entry.kind in (EntryKind.REPAYMENT, EntryKind.WRITE_OFF):
            assert running >= 0
        if running < 0:
            assert entry.kind is EntryKind.REFUND or before < 0


@given(ledgers(), st.integers(1, 5_000_000))
def test_a_repayment_above_the_balance_is_refused(ledger, extra):
    entries, _today = ledger
    owed = balance(entries)
    for kind in (EntryKind.REPAYMENT, EntryKind.WRITE_OFF):
        with pytest.raises(AccountError, match="more than the customer owes"):
            check_reduction(kind, max(owed, 0) + extra, owed)
        if owed > 0:
            check_reduction(kind, owed, owed)
    check_reduction(EntryKind.REFUND, max(owed, 0) + extra, owed)


def test_a_refund_may_make_a_credit_that_settles_the_next_charge():
    entries = [
        Entry(EntryKind.CHARGE, 100_000, START, date(2026, 1, 31)),
        Entry(EntryKind.REPAYMENT, -100_000, date(2026, 1, 5)),
        Entry(EntryKind.REFUND, -40_000, date(2026, 1, 6)),
    ]
    assert balance(entries) == -40_000
    assert open_charges(entries) == []
    assert aging(entries, date(2026, 3, 1)) == dict.fromkeys(AgeBucket, 0)
    assert balance_text(balance(entries), rupiah) == "credit Rp40.000"
    entries.append(Entry(EntryKind.CHARGE, 50_000, date(2026, 2, 1), date(2026, 3, 3)))
    [left] = open_charges(entries)
    assert (left.on, left.open, left.due_on) == (date(2026, 2, 1), 10_000, date(2026, 3, 3))
    entries.append(Entry(EntryKind.CHARGE, 20_000, date(2026, 2, 2)))
    assert [c.open for c in open_charges(entries)] == [10_000, 20_000]


def test_money_paid_back_settles_the_oldest_kasbon_first_and_ages_what_is_left():
    entries = [
        Entry(EntryKind.CHARGE, 300_000, date(2026, 1, 1), date(2026, 1, 31)),
        Entry(EntryKind.CHARGE, 200_000, date(2026, 3, 1), date(2026, 3, 31)),
        Entry(EntryKind.CHARGE, 100_000, date(2026, 4, 20), date(2026, 5, 20)),
        Entry(EntryKind.REPAYMENT, -250_000, date(2026, 4, 25)),
    ]
    today = date(2026, 5, 10)
    assert aging(entries, today) == {
        AgeBucket.UP_TO_30: 100_000,
        AgeBucket.UP_TO_60: 0,
        AgeBucket.UP_TO_90: 200_000,
        AgeBucket.OVER_90: 50_000,
    }
    assert overdue(entries, today) == 250_000
    assert next_due(entries) == date(2026, 1, 31)
    assert next_due([Entry(EntryKind.CHARGE, 5, START)]) is None
    assert next_due([]) is None


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, AgeBucket.UP_TO_30),
        (30, AgeBucket.UP_TO_30),
        (31, AgeBucket.UP_TO_60),
        (60, AgeBucket.UP_TO_60),
        (61, AgeBucket.UP_TO_90),
        (90, AgeBucket.UP_TO_90),
        (91, AgeBucket.OVER_90),
    ],
)
def test_the_age_buckets_edges(days, bucket):
    assert bucket_of(days) is bucket


def test_amounts_are_signed_by_kind_and_nothing_is_refused():
    assert signed_amount(EntryKind.CHARGE, 5_000) == 5_000
    for kind in (EntryKind.REPAYMENT, EntryKind.REFUND, EntryKind.WRITE_OFF):
        assert signed_amount(kind, 5_000) == -5_000
    for amount in (0, -1):
        with pytest.raises(AccountError, match="more than zero"):
            signed_amount(EntryKind.CHARGE, amount)
        with pytest.raises(AccountError, match="more than zero"):
            check_reduction(EntryKind.REPAYMENT, amount, 10_000)


def test_limits_due_dates_labels_and_balances_in_words():
    assert over_limit(owed=400_000, charge=200_000, limit=500_000) == 100_000
    assert over_limit(owed=-50_000, charge=200_000, limit=500_000) == 0
    assert due_date(date(2026, 11, 20), 30) == date(2026, 12, 20)
    assert due_date(date(2026, 11, 20), -3) == date(2026, 11, 20)
    assert entry_label("repayment") == "Repayment"
    assert entry_label("gift") == "gift"
    assert balance_text(305_000, rupiah) == "Rp305.000"
    assert balance_text(0, rupiah) == "Rp0"

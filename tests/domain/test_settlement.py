"""A QRIS settlement report against the till: certain pairs, choices for a person, and checks."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.settlement import ReportEntry, TillPayment, match_settlement

NOON = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)


def paid(ref, amount, minutes, confirmed=True):
    return TillPayment(ref, amount, NOON + timedelta(minutes=minutes), confirmed)


def entry(line, amount, minutes):
    return ReportEntry(line, amount, NOON + timedelta(minutes=minutes), f"RRN{line}")


def test_each_payment_is_found_once_by_amount_and_time():
    payments = [paid("a", 45_000, 0, confirmed=False), paid("b", 120_000, 3), paid("c", 45_000, 90)]
    entries = [entry(2, 45_000, 2), entry(3, 120_000, 4), entry(4, 45_000, 88)]
    result = match_settlement(payments, entries)
    assert [(p.ref, e.line) for p, e in result.matched] == [("a", 2), ("b", 3), ("c", 4)]
    assert (result.ambiguous, result.check, result.unknown) == ([], [], [])


def test_two_payments_of_one_amount_close_together_are_for_a_person_to_pick():
    payments = [paid("a", 50_000, 0), paid("b", 50_000, 5)]
    entries = [entry(2, 50_000, 3)]
    result = match_settlement(payments, entries)
    assert result.matched == []
    assert result.ambiguous == [(entries[0], (payments[0], payments[1]))]
    assert result.check == []  # offered to the person, not yet suspicious


def test_a_confirmed_payment_missing_from_the_report_is_to_be_checked():
    fake = paid("screenshot", 350_000, 10)
    result = match_settlement([paid("a", 45_000, 0), fake], [entry(2, 45_000, 1), entry(3, 9, 30)])
    assert result.check == [fake]
    assert result.unknown == [entry(3, 9, 30)]


def test_waiting_payments_outside_the_report_are_neither_matched_nor_suspicious():
    waiting = paid("w", 45_000, 0, confirmed=False)
    other_day = paid("old", 10_000, -3 * 24 * 60)
    result = match_settlement([waiting, other_day], [entry(2, 99_000, 0)])
    assert result.check == []
    assert result.unknown == [entry(2, 99_000, 0)]


def test_an_empty_report_settles_nothing():
    result = match_settlement([paid("a", 1, 0)], [])
    assert (result.matched, result.check) == ([], [])


def test_times_beyond_the_window_do_not_match():
    day = (NOON - timedelta(hours=5), NOON + timedelta(hours=19))
    result = match_settlement([paid("a", 45_000, 0)], [entry(2, 45_000, 16)], period=day)
    assert result.matched == []
    assert result.check == [paid("a", 45_000, 0)]


@given(
    st.lists(st.tuples(st.sampled_from([10_000, 25_000, 50_000]), st.integers(0, 120)), max_size=8),
    st.lists(st.tuples(st.sampled_from([10_000, 25_000, 50_000]), st.integers(0, 120)), max_size=8),
)
def test_every_entry_is_accounted_for_once_and_no_payment_is_used_twice(paid_at, reported_at):
    payments = [paid(f"p{i}", amount, minute) for i, (amount, minute) in enumerate(paid_at)]
    entries = [entry(i + 2, amount, minute) for i, (amount, minute) in enumerate(reported_at)]
    result = match_settlement(payments, entries)
    used = [p.ref for p, _e in result.matched]
    assert len(used) == len(set(used))
    for payment, found in result.matched:
        assert payment.amount == found.amount
        assert abs(payment.at - found.at) <= timedelta(minutes=15)
    seen = [e for _p, e in result.matched] + [e for e, _o in result.ambiguous] + result.unknown
    assert sorted(e.line for e in seen) == [e.line for e in entries]
    assert not {p.ref for p in result.check} & set(used)

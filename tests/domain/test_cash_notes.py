import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.cash_notes import DEFAULT_NOTES, NOTES, round_steps, suggested_tenders

IDR_NOTES = NOTES["IDR"]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (3_500, [4_000, 5_000, 10_000]),
        (12_000, [15_000, 20_000, 50_000]),
        (37_500, [40_000, 50_000, 100_000]),
        (45_000, [50_000, 60_000, 100_000]),
        (95_100, [100_000]),
        (100_000, []),
        (850_000, [900_000, 1_000_000]),
        (1_250_000, [1_300_000, 1_500_000, 2_000_000]),
        (2_750_000, [2_800_000, 3_000_000, 5_000_000]),
        (0, []),
    ],
)
def test_the_amounts_customers_hand_over_in_rupiah(due, expected):
    assert suggested_tenders(due, "IDR") == expected


def test_other_currencies_use_plain_notes():
    assert suggested_tenders(1_234, "USD") == [1_500, 2_000, 5_000]


def test_beyond_the_largest_note_amounts_round_to_five_and_ten_times_it():
    assert round_steps(850_000, IDR_NOTES) == [100_000, 500_000, 1_000_000]
    assert round_steps(3_500, IDR_NOTES) == list(IDR_NOTES)


@given(st.integers(min_value=1, max_value=50_000_000), st.sampled_from(["IDR", "USD"]))
def test_suggestions_are_few_round_distinct_and_more_than_due(due, code):
    notes = NOTES.get(code, DEFAULT_NOTES)
    amounts = suggested_tenders(due, code)
    assert len(amounts) <= 3
    assert amounts == sorted(set(amounts))
    assert all(due < amount <= max(notes[-1], 2 * due) for amount in amounts)
    assert all(amount % notes[0] == 0 for amount in amounts)


@given(st.integers(min_value=IDR_NOTES[-1] + 1, max_value=50_000_000))
def test_above_the_largest_note_its_next_stack_is_always_offered(due):
    largest = IDR_NOTES[-1]
    stack = -(-due // largest) * largest
    if stack != due:
        assert stack in suggested_tenders(due, "IDR")


@given(st.integers(min_value=1, max_value=5_000_000))
def test_no_round_amount_between_two_suggestions_is_skipped(due):
    amounts = suggested_tenders(due, "IDR")
    rounded = {-(-due // step) * step for step in round_steps(due, IDR_NOTES)}
    assert all(a in amounts for a in rounded if amounts and due < a <= amounts[-1])

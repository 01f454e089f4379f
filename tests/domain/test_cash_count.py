from hypothesis import given
from hypothesis import strategies as st

from bazaar_pos.domain.cash_count import RUPIAH, CashCount, Piece, denominations


def test_rupiah_notes_and_coins():
    values = [(d.value, d.piece) for d in denominations("IDR")]
    assert values[:7] == [
        (v, Piece.NOTE) for v in (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)
    ]
    assert values[7:] == [(v, Piece.COIN) for v in (1_000, 500, 200, 100)]
    assert denominations("USD") == ()


@given(
    st.lists(st.integers(0, 500), min_size=len(RUPIAH), max_size=len(RUPIAH)), st.integers(0, 10**6)
)
def test_a_cash_count_survives_storing(counts, other):
    count = CashCount.of(dict(zip(RUPIAH, counts, strict=True)), other)
    again = CashCount.from_data(count.as_data())
    assert again == count
    assert again.total == sum(d.value * n for d, n in zip(RUPIAH, counts, strict=True)) + other

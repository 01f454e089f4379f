from bazaar_pos.domain.stock import ADJUSTMENT_REASONS, OUTGOING_ONLY, StockReason, reason_label
from bazaar_pos.i18n import set_language


def test_every_reason_has_words():
    assert {reason_label(r) for r in StockReason} >= {"Damaged", "Returned to consignor"}
    assert len({reason_label(r) for r in StockReason}) == len(StockReason)


def test_adjustment_reasons():
    assert StockReason.CORRECTION in ADJUSTMENT_REASONS
    assert set(ADJUSTMENT_REASONS) > OUTGOING_ONLY


def test_labels_follow_the_language():
    set_language("id")
    assert reason_label(StockReason.SALE) in {"Sale", "Penjualan"}

import pytest

from bazaar_pos.domain.products import next_sku, sku_stem
from bazaar_pos.domain.text import fold, search_key, search_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Café  Bali", "cafe bali"),
        ("  KOPI Gayo ", "kopi gayo"),
        ("Señora Ñoño", "senora nono"),
        ("Tas\tPandan\n", "tas pandan"),
        ("", ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_search_key_holds_name_sku_barcode_and_category():
    assert search_key("Kopi Gayo Café", "KOP-1", None, "Kopi") == "kopi gayo cafe kop-1 kopi"
    assert search_key("Tas", "T-1", "899", "") == "tas t-1 899"


def test_search_words_are_folded_words():
    assert search_words("  Café   BALI ") == ["cafe", "bali"]
    assert search_words("") == []


@pytest.mark.parametrize(
    ("category", "name", "stem"),
    [
        ("Kain Tenun", "Songket Palembang", "KAI-SON"),
        ("Kopi", "Kopi Gayo 250 g", "KOP-GAY"),
        ("Kopi", "Kopi", "KOP"),
        ("", "Tas Pandan Besar", "TAS-PAN"),
        ("", "", "ITEM"),
        ("!!", "??", "ITEM"),
        ("Perhiasan", "Gelang Perak", "PER-GEL"),
        ("Écharpe", "Ñandú", "ECH-NAN"),
    ],
)
def test_sku_stem(category, name, stem):
    assert sku_stem(category, name) == stem


def test_next_sku_counts_past_the_highest_taken():
    assert next_sku("KOP-GAY", []) == "KOP-GAY-001"
    assert next_sku("KOP-GAY", ["kop-gay-001", "KOP-GAY-009", "KOP-GAY-X", "KOP-GAYO-050"]) == (
        "KOP-GAY-010"
    )

from bazaar_pos.domain.text import fold, search_key, search_words


def test_fold_ignores_case_accents_and_extra_spaces():
    assert fold("  Kopi   GAYŌ  Café ") == "kopi gayo cafe"


def test_search_key_joins_the_parts_that_are_there():
    assert search_key("Bros Wayang", "AKS-BRS-001", None) == "bros wayang aks-brs-001"
    assert search_key("Kain", "", "899123") == "kain 899123"


def test_search_words_split_the_folded_text():
    assert search_words("Batik  SUMBA") == ["batik", "sumba"]
    assert search_words("   ") == []

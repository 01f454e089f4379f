"""A file's headers mapped onto an import's fields, by name after trimming and case folding."""

from bazaar_pos.domain.column_mapping import (
    guess_mapping,
    mapping_problems,
    match_mapping,
)
from bazaar_pos.domain.text import header_key

FIELDS = ("sku", "name", "price", "cost", "category")
REQUIRED = ("sku", "name", "price")


def test_headers_are_compared_trimmed_case_folded_and_with_one_space():
    assert header_key("  Harga   JUAL ") == "harga jual"
    assert header_key("Straße") == header_key("STRASSE")


def test_a_preset_keeps_only_the_headers_the_file_has_spelled_as_the_file_does():
    preset = {"Kode Item": "sku", "Nama Item": "name", "Merek": "", "Harga Jual": "price"}
    headers = ["kode item", "NAMA ITEM", "Harga  Jual", "Kode Item"]
    assert match_mapping(preset, headers) == {
        "kode item": "sku",
        "NAMA ITEM": "name",
        "Harga  Jual": "price",
        "Kode Item": "sku",
    }
    assert match_mapping(preset, ["Stok"]) == {}


def test_a_guess_takes_each_field_by_its_first_known_header():
    aliases = {"Kode": "sku", "nama": "name", "harga": "price", "kode barang": "sku"}
    assert guess_mapping(["KODE", "Nama", "Kode Barang", "Warna"], aliases) == {
        "KODE": "sku",
        "Nama": "name",
    }


def test_a_good_mapping_has_no_problems():
    mapping = {"Kode": "sku", "Nama": "name", "Harga": "price", "Catatan": ""}
    assert mapping_problems(mapping, ["kode", "nama", "harga"], FIELDS, REQUIRED) == []


def test_each_problem_of_a_mapping_is_said():
    mapping = {
        "Kode": "sku",
        "Nama": "name",
        "Judul": "name",
        "Warna": "colour",
        "Rego": "price",
        "Modal": "cost",
    }
    headers = ["Kode", "Nama", "Judul", "Warna"]
    assert mapping_problems(mapping, headers, FIELDS, REQUIRED) == [
        "Columns 'Nama' and 'Judul' both hold name.",
        "'colour' is not a field; use one of: sku, name, price, cost, category.",
        "The file has no column 'Rego' (for price).",
    ]
    assert mapping_problems({}, headers, FIELDS, REQUIRED) == [
        "No column holds sku.",
        "No column holds name.",
        "No column holds price.",
    ]

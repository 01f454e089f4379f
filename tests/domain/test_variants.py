import pytest

from bazaar_pos.domain.variants import (
    MAX_VARIANTS,
    OptionAxis,
    choice_key,
    combinations,
    format_axes,
    format_choice,
    parse_axes,
    parse_choice,
    variant_name,
    variant_sku,
)

SIZE = OptionAxis("Size", ("S", "M", "L"))
COLOUR = OptionAxis("Colour", ("Merah", "Biru Nila"))


def test_options_read_from_lines_or_semicolons():
    expected = (SIZE, COLOUR)
    assert parse_axes("Size: S, M, L\nColour: Merah,  Biru   Nila") == expected
    assert parse_axes("Size:S,M,L; Colour: Merah, Biru Nila;") == expected
    assert parse_axes(format_axes(expected)) == expected
    assert parse_axes("   ") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Size S, M", "write an option as"),
        (": S, M", "write an option as"),
        ("Size: , ", "has no values"),
        ("Size: S; size: M", "given twice"),
        ("Size: S, s", "repeats a value"),
        (
            "A: 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15; B: 1,2,3,4,5,6,7,8,9,10,11,12,13,14",
            "more than",
        ),
    ],
)
def test_bad_options_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_axes(text)


def test_combinations_vary_the_last_option_fastest():
    assert combinations((SIZE, COLOUR))[:3] == [
        (("Size", "S"), ("Colour", "Merah")),
        (("Size", "S"), ("Colour", "Biru Nila")),
        (("Size", "M"), ("Colour", "Merah")),
    ]
    assert len(combinations((SIZE, COLOUR))) == 6
    assert combinations(()) == []
    assert MAX_VARIANTS == 200


def test_a_variant_has_one_value_per_option():
    choice = (("Size", "M"), ("Colour", "Biru Nila"))
    assert parse_choice("Size: M; Colour: Biru Nila") == choice
    assert parse_choice(format_choice(choice)) == choice
    with pytest.raises(ValueError, match="one value"):
        parse_choice("Size: M, L")


def test_variant_names_skus_and_keys():
    choice = (("Size", "M"), ("Colour", "Biru Nila"))
    assert variant_name("Kemeja Batik", choice) == "Kemeja Batik (M / Biru Nila)"
    assert variant_sku("KMJ-001", choice) == "KMJ-001-M-BIRUNILA"
    assert variant_sku("KMJ-001", (("Motif", "Parang Rusak Barong"), ("X", "!!"))) == (
        "KMJ-001-PARANGRU-X"
    )
    assert choice_key(choice) == choice_key((("size", "m"), ("COLOUR", "biru nila")))

"""Phone numbers as WhatsApp wants them, as people write them, and wa.me links."""

from urllib.parse import unquote

import pytest

from bazaar_pos.domain.phone import (
    LINK_LIMIT,
    PhoneError,
    display_phone,
    normalise_phone,
    phone_fragment,
    whatsapp_link,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("0812 3456 7890", "6281234567890"),
        ("(0812) 3456.7890", "6281234567890"),
        ("+62 812-3456-7890", "6281234567890"),
        ("+62 0812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("0062 812 3456 7890", "6281234567890"),
        ("812 3456 7890", "6281234567890"),
        ("+60 12-345 6789", "60123456789"),
        ("\u00a00274 512345 ", "62274512345"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_numbers_are_stored_as_international_digits(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["0812", "+62 81", "0812345678901234567"])
def test_too_short_or_too_long_is_refused_with_the_number(typed):
    with pytest.raises(PhoneError, match="too short or too long") as refused:
        normalise_phone(typed)
    assert typed.strip() in str(refused.value)


@pytest.mark.parametrize("typed", ["0812-ABCD-789", "+62 812 3456 789x", "０８１２３４５６７８９"])
def test_letters_are_refused(typed):
    with pytest.raises(PhoneError, match="only digits"):
        normalise_phone(typed)


def test_numbers_are_shown_as_people_here_write_them():
    assert display_phone("6281234567890") == "0812-3456-7890"
    assert display_phone("62274512345") == "0274-5123-45"
    assert display_phone("60123456789") == "+60123456789"
    assert display_phone("") == ""


def test_a_typed_part_of_a_number_finds_it_as_stored():
    assert phone_fragment("0812") == "62812"
    assert phone_fragment("+6281") == "6281"
    assert phone_fragment("3456") == "3456"


def test_the_whatsapp_link_of_an_indonesian_number_carries_the_text():
    link = whatsapp_link("0812-3456-7890", "Halo Bu Sari,\nkasbon Rp305.000 jatuh tempo 20 Des.")
    assert link == (
        "https://wa.me/6281234567890?text="
        "Halo%20Bu%20Sari%2C%0Akasbon%20Rp305.000%20jatuh%20tempo%2020%20Des."
    )
    assert whatsapp_link("", "Halo").startswith("https://wa.me/?text=Halo")
    with pytest.raises(PhoneError):
        whatsapp_link("08-abc", "Halo")


def test_a_long_text_is_cut_under_the_limit_at_a_line_break():
    lines = [f"{n}. Batik tulis parang 2 m — Rp1.250.000" for n in range(1, 200)]
    link = whatsapp_link("081234567890", "\n".join(lines))
    assert len(link) <= LINK_LIMIT
    text = unquote(link.split("?text=", 1)[1])
    assert text.startswith("1. Batik tulis parang 2 m — Rp1.250.000\n2. ")
    assert text.endswith("Rp1.250.000\n…")


def test_a_long_text_without_line_breaks_is_cut_too():
    link = whatsapp_link("081234567890", "kasbon " * 1000)
    assert len(link) <= LINK_LIMIT
    assert unquote(link).endswith("\n…")

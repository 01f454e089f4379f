"""The Bahasa Indonesia catalogue is complete and keeps every placeholder."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import bazaar_pos
from bazaar_pos.i18n import _, ngettext, set_language
from bazaar_pos.resources import resource_path

SOURCE = Path(bazaar_pos.__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def marked_messages():
    found = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found[message] = filename
    return found


@pytest.fixture(scope="module")
def catalogue():
    with resource_path("translations", "id.po").open("rb") as handle:
        return read_po(handle, locale="id")


def texts(value):
    return list(value) if isinstance(value, tuple) else [value]


def test_every_marked_string_has_an_indonesian_translation(catalogue):
    missing = [
        f"{where}: {message!r}"
        for message, where in marked_messages().items()
        if (entry := catalogue.get(message)) is None or not all(texts(entry.string))
    ]
    assert missing == []


def test_no_translation_is_fuzzy(catalogue):
    assert [entry.id for entry in catalogue if entry.id and entry.fuzzy] == []


def test_placeholders_line_breaks_and_mnemonics_are_kept(catalogue):
    broken = []
    for entry in catalogue:
        if not entry.id:
            continue
        source = " ".join(texts(entry.id))
        for text in texts(entry.string):
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                broken.append(f"placeholders: {entry.id!r}")
            if text.count("\n") != texts(entry.id)[0].count("\n"):
                broken.append(f"line breaks: {entry.id!r}")
            if ("&" in texts(entry.id)[0]) != ("&" in text):
                broken.append(f"mnemonic: {entry.id!r}")
    assert broken == []


def test_shop_words_read_as_indonesian_shops_say_them():
    set_language("id")
    assert [_("Till"), _("Cash"), _("Stock"), _("Reports")] == ["Kasir", "Tunai", "Stok", "Laporan"]
    assert _("Change") == "Kembalian"
    assert ngettext("{count} item", "{count} items", 3).format(count=3).endswith("barang")


def test_the_command_line_speaks_indonesian(capsys):
    from bazaar_pos.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "id", "--help"])
    assert "periksa database" in capsys.readouterr().out.lower()

"""The Bahasa Indonesia catalogue is complete and keeps every placeholder."""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import bazaar_pos
from bazaar_pos.i18n import _, ngettext, set_language
from bazaar_pos.resources import resource_path

SOURCE = Path(bazaar_pos.__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def marked_messages():
    found = {}
    for filename, _line, message, _comments, context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found[context, message] = filename
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
        for (context, message), where in marked_messages().items()
        if (entry := catalogue.get(message, context=context)) is None
        or not all(texts(entry.string))
    ]
    assert missing == []


def test_no_text_is_marked_for_translation_inside_an_f_string():
    """Babel does not look inside f-strings on Python 3.11: such a text would stay English."""
    hidden = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in {"_", "ngettext"}
                    and isinstance(call.args[0], ast.Constant)
                ):
                    hidden.append(f"{path.relative_to(SOURCE)}:{call.lineno}")
    assert hidden == []


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


def test_the_shop_language_from_settings_is_spoken_without_lang(db_path, capsys):
    from bazaar_pos.cli import main
    from bazaar_pos.services.shop import Shop

    shop = Shop.open(db_path)
    shop.settings.update(language="id")
    shop.close()
    assert main(["--db", str(db_path), "check"]) == 0
    assert capsys.readouterr().out.strip() == _("All checks passed.")
    assert _("All checks passed.") != "All checks passed."
    assert main(["--lang", "en", "--db", str(db_path), "check"]) == 0
    assert capsys.readouterr().out.strip() == "All checks passed."


def test_receipts_and_pdf_summaries_in_indonesian(shop, sell, add_product, tmp_path):

    from pypdf import PdfReader

    from bazaar_pos.domain.payment import PaymentMethod, Tender
    from bazaar_pos.domain.periods import Period
    from bazaar_pos.domain.receipt_layout import as_text

    set_language("id")
    coffee = add_product("KOP-1", "Kopi Gayō 250 g", 95_000, stock=5)
    sale = sell((coffee, 2), tenders=[Tender(PaymentMethod.CASH, 200_000)])
    text = as_text(shop.receipts.lines(shop.receipts.for_sale(sale.uuid), 32))
    assert "Kopi Gayo 250 g" in text
    assert "Tunai" in text
    assert "Kembalian" in text
    assert "Rp190.000" in text
    assert max(len(line) for line in text.splitlines()) <= 32
    pdf = tmp_path / "laporan.pdf"
    shop.report_files.write_summary_pdf(Period.day(shop.reports.today()), pdf)
    words = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Penjualan" in words
    assert "Rp190.000" in words


@pytest.fixture
def catalogue_folder(tmp_path, monkeypatch):
    """A copy of the translations folder that the app reads, each catalogue read afresh."""
    import shutil

    from bazaar_pos import i18n

    shutil.copyfile(resource_path("translations", "id.po"), tmp_path / "id.po")
    monkeypatch.setattr(i18n, "resource_path", lambda *parts: tmp_path.joinpath(*parts[1:]))
    i18n._read_catalogue.cache_clear()
    yield tmp_path
    i18n._read_catalogue.cache_clear()


def says_the_same(compiled, catalogue):
    """Every translated entry of the .po, as the compiled catalogue gives it back."""
    differences = []
    for entry in catalogue:
        if not entry.id or entry.fuzzy or not all(texts(entry.string)):
            continue
        if isinstance(entry.id, tuple):
            got = [compiled.ngettext(*entry.id, n) for n in (1, 2)]
        elif entry.context:
            got = [compiled.pgettext(entry.context, entry.id)]
        else:
            got = [compiled.gettext(entry.id)]
        if got != texts(entry.string):
            differences.append(entry.id)
    return differences


def test_the_compiled_catalogue_says_what_the_po_says(catalogue_folder, catalogue):
    import gettext

    from bazaar_pos.i18n import compile_catalogues

    assert compile_catalogues(catalogue_folder) == [catalogue_folder / "id.mo"]
    with (catalogue_folder / "id.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert says_the_same(compiled, catalogue) == []
    assert len(catalogue) > 1000


def test_a_start_reads_the_mo_and_falls_back_to_the_po(catalogue_folder, monkeypatch):
    import os

    from bazaar_pos import i18n

    assert i18n.load_catalogue("id").gettext("Cash") == "Tunai"  # no .mo yet: the .po
    i18n.compile_catalogues(catalogue_folder)
    i18n._read_catalogue.cache_clear()
    compiled = i18n.compiled_catalogue
    monkeypatch.setattr(i18n, "compiled_catalogue", lambda source: pytest.fail("read the .po"))
    assert i18n.load_catalogue("id").gettext("Cash") == "Tunai"
    assert i18n.load_catalogue("id") is i18n.load_catalogue("id")  # read once per run
    newer = (catalogue_folder / "id.mo").stat().st_mtime_ns + 1_000_000_000
    os.utime(catalogue_folder / "id.po", ns=(newer, newer))  # the .po edited after the build
    i18n._read_catalogue.cache_clear()
    read = []

    def compile_and_note(source):
        read.append(source)
        return compiled(source)

    monkeypatch.setattr(i18n, "compiled_catalogue", compile_and_note)
    assert i18n.load_catalogue("id").gettext("Cash") == "Tunai"
    assert read == [catalogue_folder / "id.po"]

from collections import Counter

import pytest
from pypdf import PdfReader

from bazaar_pos.domain.barcodes import internal_ean13
from bazaar_pos.exports.labels import TEMPLATES, Label, barcode_drawing, write_labels
from bazaar_pos.exports.pdf_text import safe_text
from bazaar_pos.progress import Cancelled, Progress
from tests.helpers.scanning import scan_labels, scan_pdf

CODES = [
    internal_ean13(1),  # EAN-13, our own prefix
    "4006381333931",  # EAN-13 from a manufacturer
    "96385074",  # EAN-8
    "KOP-GAY-250",  # anything else prints as Code 128
    "8991234500010",  # 13 digits with a wrong check digit: Code 128, exactly as stored
]


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_prints_barcodes_that_scan(tmp_path, name):
    template = TEMPLATES[name]
    labels = [
        Label(f"Tenun Ikat Sumba {i}", f"Rp{(i + 1) * 25}.000", code)
        for i, code in enumerate(CODES)
    ]
    pdf = tmp_path / f"{name}.pdf"
    pages = write_labels(pdf, labels, template, outline=True)
    assert pages == (len(labels) if template.is_roll else 1)
    assert scan_labels(pdf, template, len(labels)) == [[code] for code in CODES]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Tenun Ikat Sumba 0" in text
    assert "Rp125.000" in text


def test_a_full_sheet_of_65_scans_and_spills_onto_a_second_page(tmp_path):
    codes = [internal_ean13(n) for n in range(1, 71)]
    labels = [Label("Kopi Gayo 250 g", "Rp95.000", code) for code in codes]
    pdf = tmp_path / "sheet.pdf"
    assert write_labels(pdf, labels, TEMPLATES["a4-65"]) == 2
    assert scan_labels(pdf, TEMPLATES["a4-65"], len(codes), dpi=200) == [[c] for c in codes]


def test_skipping_used_labels_and_long_names(tmp_path):
    long_name = "Selendang Tenun Lurik Motif Kembang Jambu Warna Merah Marun Sangat Panjang"
    labels = [Label(long_name, "Rp185.000", internal_ean13(7))]
    pdf = tmp_path / "skip.pdf"
    write_labels(pdf, labels, TEMPLATES["a4-65"], skip=64)
    assert scan_pdf(pdf) == Counter([internal_ean13(7)])
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Selendang" in text
    assert "…" in text  # cut to fit the label
    assert "Sangat Panjang" not in text


def test_a_partly_written_file_never_replaces_a_good_one(tmp_path):
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(b"old")
    with pytest.raises(ValueError, match=r"Code 128|barcode|ascii|latin|character"):
        write_labels(pdf, [Label("X", "Rp1", "\u0100bad")], TEMPLATES["a4-65"])
    assert pdf.read_bytes() == b"old"
    assert list(tmp_path.glob(".labels.pdf.*")) == []


def test_barcode_drawings_fit_the_space_they_are_given():
    for code in CODES:
        drawing = barcode_drawing(code, 100, 40)
        assert drawing.width <= 100.5


def test_names_outside_the_pdf_fonts_are_transliterated(tmp_path):
    assert safe_text("Café Kopi") == "Café Kopi"  # in the built-in fonts already
    assert safe_text("Kain Ādat Ōsaka 🙂") == "Kain Adat Osaka "
    pdf = tmp_path / "names.pdf"
    write_labels(pdf, [Label("Kain Ādat", "Rp1.000", internal_ean13(3))], TEMPLATES["roll-50x30"])
    assert "Kain Adat" in PdfReader(pdf).pages[0].extract_text()


def test_labels_say_how_far_they_got_and_a_cancel_leaves_no_file(tmp_path):
    labels = [Label("Kopi Gayo 250 g", "Rp95.000", internal_ean13(n)) for n in range(1, 131)]
    pdf = tmp_path / "labels.pdf"
    heard = []
    write_labels(pdf, labels, TEMPLATES["a4-65"], progress=Progress(lambda *r: heard.append(r)))
    assert heard[0] == ("Labels", 0, 130)
    assert heard[-1] == ("Labels", 130, 130)

    def cancel_midway(what, done, total):
        if done >= 60:
            stopping.cancel()

    stopping = Progress(cancel_midway, clock=iter(range(10**6)).__next__)
    again = tmp_path / "again.pdf"
    with pytest.raises(Cancelled):
        write_labels(again, labels, TEMPLATES["a4-65"], progress=stopping)
    assert list(tmp_path.iterdir()) == [pdf]

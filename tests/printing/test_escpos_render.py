"""ESC/POS bytes from python-escpos's Dummy printer: fast checks of what is sent."""

from __future__ import annotations

from escpos.printer import Dummy

from bazaar_pos.domain.receipt_layout import LaidLine, LineStyle
from bazaar_pos.printing.connection import ASCII_ONLY
from bazaar_pos.printing.escpos_render import kick_drawer, render_lines

INIT, CUT, DRAWER_PIN_2 = b"\x1b@", b"\x1dV\x00", b"\x1bp\x0022"
BOLD_ON, BOLD_OFF, DOUBLE_HEIGHT = b"\x1bE\x01", b"\x1bE\x00", b"\x1b!\x10"
NATIVE_QR, RASTER_IMAGE, CODE_PAGE = b"\x1d(k", b"\x1dv0", b"\x1bt"

LINES = (
    LaidLine("Toko", LineStyle.TITLE),
    LaidLine("Kopi            Rp15.000"),
    LaidLine("TOTAL           Rp15.000", LineStyle.STRONG),
    LaidLine("https://example.com/toko", LineStyle.QR),
)


def printed(profile: str, lines=LINES, **options) -> bytes:
    printer = Dummy(profile=profile, magic_encode_args=dict(ASCII_ONLY))
    render_lines(printer, lines, width_dots=384, **options)
    return printer.output


def test_80mm_job_resets_prints_bold_total_native_qr_and_cuts():
    output = printed("TM-T20II")
    assert output.startswith(INIT)
    assert b"Kopi            Rp15.000\n" in output
    total_at = output.index(b"TOTAL")
    assert output.rindex(BOLD_ON, 0, total_at) > output.rindex(BOLD_OFF, 0, total_at)
    assert output.rindex(DOUBLE_HEIGHT, 0, total_at) > output.index(b"Kopi")
    assert NATIVE_QR in output
    assert b"https://example.com/toko" in output
    assert output.endswith(CUT)
    assert DRAWER_PIN_2 not in output
    assert CODE_PAGE not in output


def test_58mm_clone_gets_the_qr_as_an_image_and_no_cut_command():
    output = printed("POS-5890")
    assert RASTER_IMAGE in output
    assert NATIVE_QR not in output
    assert CUT not in output
    assert output.endswith(b"\x1bd\x06")  # the feed python-escpos sends instead of a cut


def test_drawer_kick_comes_first_when_asked():
    output = printed("TM-T20II", open_drawer=True)
    assert output.index(DRAWER_PIN_2) < output.index(b"Toko")


def test_a_missing_logo_is_left_out_and_the_receipt_still_prints(tmp_path):
    lines = (LaidLine(str(tmp_path / "gone.png"), LineStyle.LOGO), LaidLine("Kopi"))
    output = printed("TM-T20II", lines)
    assert RASTER_IMAGE not in output
    assert b"Kopi\n" in output


def test_logo_is_scaled_to_the_paper(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (1200, 300), (10, 120, 60, 255)).save(logo)
    output = printed("POS-5890", (LaidLine(str(logo), LineStyle.LOGO),))
    header = output.index(RASTER_IMAGE)
    width_bytes = int.from_bytes(output[header + 4 : header + 6], "little")
    height = int.from_bytes(output[header + 6 : header + 8], "little")
    assert (width_bytes * 8, height) == (384, 96)


def test_drawer_kick_alone():
    printer = Dummy()
    kick_drawer(printer)
    assert printer.output == DRAWER_PIN_2

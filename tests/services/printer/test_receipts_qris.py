import zxingcpp
from PIL import Image
from pypdf import PdfReader

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.qris import crc16, validate, with_amount
from bazaar_pos.domain.receipt_layout import LineStyle, as_text
from bazaar_pos.printing.images import qr_image
from tests.domain.test_qris import STATIC
from tests.helpers.qr_pictures import decode_qr
from tests.helpers.scanning import render_pages

QRIS_PART = 440_000


def paid_partly_by_qris(make_sale):
    return make_sale(
        Tender(PaymentMethod.QRIS, QRIS_PART, "QR-77"), Tender(PaymentMethod.CASH, 1_000_000)
    )


def test_the_receipt_carries_the_qris_with_the_amount_paid_by_qris(named_shop, make_sale):
    named_shop.settings.update(qris_payload=STATIC)
    named_shop.printer.configure(qr_data="https://sekar.id", qris_on_receipt=True)
    receipt = named_shop.receipts.for_sale(paid_partly_by_qris(make_sale).uuid)
    assert receipt.qr_data == with_amount(STATIC, QRIS_PART)
    assert receipt.qr_caption == "QRIS TOKO KRIYA NUSANTARA Rp440.000"
    lines = named_shop.receipts.lines(receipt, 32)
    assert [line.style for line in lines[-3:]] == [LineStyle.QR, LineStyle.PLAIN, LineStyle.PLAIN]
    assert [line.text for line in lines[-2:]] == [
        "QRIS TOKO KRIYA NUSANTARA".center(32).rstrip(),
        "Rp440.000".center(32).rstrip(),
    ]
    assert "https://sekar.id" not in as_text(lines)
    (printed,) = decode_qr(qr_image(receipt.qr_data, 384).convert("L"))
    values = dict(validate(printed))
    assert values["54"] == str(QRIS_PART)
    assert printed[-4:] == crc16(printed[:-4])


def test_the_pdf_receipt_shows_the_qris_caption(named_shop, make_sale, tmp_path):
    named_shop.settings.update(qris_payload=STATIC)
    named_shop.printer.configure(qris_on_receipt=True)
    receipt = named_shop.receipts.for_sale(paid_partly_by_qris(make_sale).uuid)
    pdf = named_shop.receipts.write_pdf(receipt, tmp_path / "receipt.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    assert "QRIS TOKO KRIYA NUSANTARA" in text
    assert "Rp440.000" in text


def test_the_pdf_receipt_qr_code_corrects_errors_like_the_printed_one(
    named_shop, make_sale, tmp_path
):
    named_shop.settings.update(qris_payload=STATIC)
    named_shop.printer.configure(qris_on_receipt=True)
    receipt = named_shop.receipts.for_sale(paid_partly_by_qris(make_sale).uuid)
    pdf = named_shop.receipts.write_pdf(receipt, tmp_path / "receipt.pdf")
    (page,) = render_pages(pdf, dpi=200)
    (code,) = zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.QRCode)
    (printed,) = zxingcpp.read_barcodes(qr_image(receipt.qr_data, 384).convert("L"))
    assert code.text == receipt.qr_data
    assert code.ec_level == printed.ec_level == "M"


def test_a_sale_without_qris_keeps_the_link(named_shop, make_sale):
    named_shop.settings.update(qris_payload=STATIC)
    named_shop.printer.configure(qr_data="https://sekar.id", qris_on_receipt=True)
    cash_only = named_shop.receipts.for_sale(make_sale().uuid)
    assert (cash_only.qr_data, cash_only.qr_caption) == ("https://sekar.id", "")


def test_with_the_setting_off_a_qris_sale_keeps_the_link(named_shop, make_sale):
    named_shop.settings.update(qris_payload=STATIC)
    named_shop.printer.configure(qr_data="https://sekar.id", qris_on_receipt=False)
    setting_off = named_shop.receipts.for_sale(paid_partly_by_qris(make_sale).uuid)
    assert (setting_off.qr_data, setting_off.qr_caption) == ("https://sekar.id", "")


def test_no_qris_code_set_up_means_no_qris_on_the_receipt(named_shop, make_sale):
    named_shop.printer.configure(qris_on_receipt=True)
    receipt = named_shop.receipts.for_sale(paid_partly_by_qris(make_sale).uuid)
    assert (receipt.qr_data, receipt.qr_caption) == ("", "")

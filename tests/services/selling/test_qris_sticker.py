import pytest
from PIL import Image

from bazaar_pos.domain.qris import with_amount
from bazaar_pos.errors import UserError
from bazaar_pos.services.selling.qris_sticker import read_qris_image
from tests.domain.test_qris import STATIC
from tests.helpers.qr_pictures import photo_of, save, sticker


def test_a_scanned_sticker_gives_its_qris_and_merchant(tmp_path):
    path = save(sticker(STATIC), tmp_path / "scan.png")
    found = read_qris_image(path)
    assert found.payload == STATIC
    assert (found.merchant.name, found.merchant.nmid) == ("TOKO KRIYA NUSANTARA", "ID1022146663631")


def test_a_photo_taken_at_an_angle_is_read(tmp_path):
    picture = photo_of(sticker(STATIC), angle=17, scale=1.7)
    path = save(picture, tmp_path / "IMG_2041.jpg", quality=70)
    with Image.open(path) as stored:
        assert stored.size == (3000, 2200)
    assert read_qris_image(path).payload == STATIC


def test_a_photo_turned_on_its_side_by_its_exif_tag_is_read(tmp_path):
    picture = photo_of(sticker(STATIC), angle=-8, scale=1.2).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 8  # orientation: the camera was held sideways
    path = save(picture, tmp_path / "sideways.jpg", quality=80, exif=exif)
    assert read_qris_image(path).payload == STATIC


def test_a_qris_with_an_amount_is_still_a_qris(tmp_path):
    one_sale = with_amount(STATIC, 25_000)
    path = save(sticker(one_sale), tmp_path / "printed.png")
    assert read_qris_image(path).merchant.static is False


def test_a_qr_code_that_is_not_qris_is_refused_with_the_reason(tmp_path):
    path = save(sticker("https://instagram.com/tokokriya"), tmp_path / "instagram.png")
    with pytest.raises(UserError, match=r"instagram.png is not a QRIS code: .*000201"):
        read_qris_image(path)


def test_a_picture_without_a_qr_code_is_refused(tmp_path):
    path = save(Image.new("RGB", (400, 300), "white"), tmp_path / "blank.png")
    with pytest.raises(UserError, match=r"No QR code was found in blank\.png"):
        read_qris_image(path)


def test_a_file_that_is_not_a_picture_is_refused(tmp_path):
    path = tmp_path / "qris.jpg"
    path.write_text("00020101021126...")
    with pytest.raises(UserError, match=r"qris\.jpg cannot be read as a picture"):
        read_qris_image(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(UserError, match="There is no file"):
        read_qris_image(tmp_path / "gone.png")

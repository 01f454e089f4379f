"""Pictures of QR codes for the tests: a clean scan of a sticker and a photo-like shot of it."""

from __future__ import annotations

from pathlib import Path

import qrcode
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtGui import QImage


def sticker(text: str) -> Image.Image:
    """A QRIS-like sticker: a red band, the QR code of ``text`` and a caption."""
    code = qrcode.QRCode(border=2, box_size=6)
    code.add_data(text)
    code.make(fit=True)
    qr = code.make_image().get_image().convert("RGB")
    card = Image.new("RGB", (qr.width + 80, qr.height + 200), "white")
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, 0, card.width, 70], fill=(200, 16, 46))
    draw.text((20, 20), "QRIS", fill="white")
    card.paste(qr, (40, 100))
    draw.text((40, card.height - 60), "NMID: ID1022146663631", fill="black")
    return card


def photo_of(card: Image.Image, *, angle: float = 17, scale: float = 1.7) -> Image.Image:
    """``card`` as a phone photo: scaled, turned, in perspective, on a noisy table, blurred."""
    size = (3000, 2200)
    table = Image.blend(
        Image.new("RGB", size, (120, 110, 95)), Image.effect_noise(size, 40).convert("RGB"), 0.3
    )
    bigger = card.resize((int(card.width * scale), int(card.height * scale)))
    turned = bigger.convert("RGBA").rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    tilted = turned.transform(
        turned.size,
        Image.Transform.PERSPECTIVE,
        (1, 0.08, -40, 0.02, 1, -20, 0.00004, 0.00003),
        resample=Image.Resampling.BICUBIC,
    )
    table.paste(tilted, (700, 300), tilted)
    shaded = Image.linear_gradient("L").resize(size).point(lambda v: 160 + v // 3)
    dark = Image.new("RGB", size, (40, 40, 40))
    return Image.composite(table.filter(ImageFilter.GaussianBlur(1.6)), dark, shaded)


def save(picture: Image.Image, path: Path, **options: object) -> Path:
    """Write ``picture`` to ``path`` (format from the suffix) and return the path."""
    picture.save(path, **options)
    return path


def decode_qr(image: Image.Image | QImage) -> list[str]:
    """The texts of the QR codes an independent decoder (zxing-cpp) finds in ``image``."""
    if isinstance(image, QImage):
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        size = (grey.width(), grey.height())
        data = bytes(grey.constBits())
        image = Image.frombuffer("L", size, data, "raw", "L", grey.bytesPerLine(), 1)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found]

"""Read the QRIS code from a photo or scan of the shop's QRIS sticker (PNG or JPEG)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

from bazaar_pos.domain.qris import QrisError, QrisMerchant, merchant_of, validate
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _

LARGEST_SIDE = 2000
"""Phone photos are scaled down to this many pixels on their longer side before a second try."""
IMAGE_FILES = ("*.png", "*.jpg", "*.jpeg")


@dataclass(frozen=True, slots=True)
class QrisSticker:
    """The QRIS text read from a picture, and the merchant it names for the owner to check."""

    payload: str
    merchant: QrisMerchant


def read_qris_image(path: Path) -> QrisSticker:
    """The valid QRIS code in the picture at ``path``.

    The picture may be a straight scan or a photo taken at an angle. Raises a
    UserError saying what is wrong when the file is not a picture, holds no QR
    code, or its QR codes are not QRIS.
    """
    texts: list[str] = []
    for picture in _pictures(path):
        texts = _qr_texts(picture)
        if texts:
            break
    if not texts:
        raise UserError(
            _(
                "No QR code was found in {file}. Take the photo straight on, close enough "
                "that the code fills most of the picture, without glare."
            ).format(file=path.name)
        )
    reasons = []
    for text in dict.fromkeys(text.strip() for text in texts):
        try:
            validate(text)
        except QrisError as exc:
            reasons.append(str(exc))
            continue
        return QrisSticker(text, merchant_of(text))
    raise UserError(
        _("The QR code in {file} is not a QRIS code: {reason}").format(
            file=path.name, reason=reasons[0]
        )
    )


def _pictures(path: Path) -> list[Image.Image]:
    """The picture upright in greyscale, then scaled down if it is large (a second chance)."""
    try:
        with Image.open(path) as source:
            source.load()
            picture = ImageOps.grayscale(ImageOps.exif_transpose(source))
    except FileNotFoundError as exc:
        raise UserError(_("There is no file {file}.").format(file=path)) from exc
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise UserError(
            _("{file} cannot be read as a picture: choose a PNG or JPEG file.").format(
                file=path.name
            )
        ) from exc
    pictures = [picture]
    if max(picture.size) > LARGEST_SIDE:
        smaller = picture.copy()
        smaller.thumbnail((LARGEST_SIDE, LARGEST_SIDE), Image.Resampling.LANCZOS)
        pictures.append(smaller)
    return pictures


def _qr_texts(picture: Image.Image) -> list[str]:
    """The text of every QR code found, trying a second way of telling black from white."""
    for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.GlobalHistogram):
        found = zxingcpp.read_barcodes(
            picture,
            formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
            binarizer=binarizer,
        )
        texts = [barcode.text for barcode in found if barcode.text]
        if texts:
            return texts
    return []

"""The logo and the QR code as black-and-white images exactly as wide as the paper."""

from __future__ import annotations

import functools
from pathlib import Path

import qrcode
from PIL import Image, ImageOps

from bazaar_pos.i18n import _
from bazaar_pos.printing.errors import PrinterError

LOGO_MAX_HEIGHT_SHARE = 0.5
"""A logo is at most half as tall as the paper is wide, so it does not waste the roll."""

QR_WIDTH_SHARE = 0.5
"""A QR code takes about half the paper's width: big enough for any phone camera."""


def logo_image(path: str, width_dots: int) -> Image.Image:
    """The logo at ``path`` scaled to fit the paper, centred on a white strip as wide."""
    file = Path(path)
    try:
        stamp = file.stat().st_mtime_ns
        return _scaled_logo(str(file), stamp, width_dots)
    except (OSError, ValueError) as exc:
        raise PrinterError(
            _("The receipt logo {path} cannot be read ({reason}).").format(path=path, reason=exc)
        ) from exc


@functools.lru_cache(maxsize=8)
def _scaled_logo(path: str, _stamp: int, width_dots: int) -> Image.Image:
    with Image.open(path) as source:
        source.load()
        picture = _on_white(source)
    max_height = int(width_dots * LOGO_MAX_HEIGHT_SHARE)
    scale = min(width_dots / picture.width, max_height / picture.height)
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    scaled = picture.resize(size, Image.Resampling.LANCZOS).convert("1")
    return _centred(scaled, width_dots)


def qr_image(data: str, width_dots: int) -> Image.Image:
    """A QR code of ``data`` about half the paper wide, centred on a strip ``width_dots`` wide."""
    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    modules = len(code.get_matrix())
    box = max(1, int(width_dots * QR_WIDTH_SHARE) // modules)
    code.box_size = box
    picture = code.make_image().get_image().convert("1")
    return _centred(picture, width_dots)


def _on_white(picture: Image.Image) -> Image.Image:
    """Flatten transparency onto white and turn the picture to greyscale."""
    if picture.mode in ("RGBA", "LA", "P"):
        rgba = picture.convert("RGBA")
        white = Image.new("RGBA", rgba.size, "white")
        picture = Image.alpha_composite(white, rgba)
    return ImageOps.grayscale(picture)


def _centred(picture: Image.Image, width_dots: int) -> Image.Image:
    strip = Image.new("1", (width_dots, picture.height), 1)
    strip.paste(picture, ((width_dots - picture.width) // 2, 0))
    return strip

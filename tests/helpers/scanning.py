"""Reading printed barcodes back with an independent decoder: pdftoppm, then zbarimg."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image

from bazaar_pos.exports.labels import LabelTemplate


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install the Debian package {package}"
    return path


def render_pages(pdf: Path, dpi: int = 300) -> list[Path]:
    """Render every page of ``pdf`` to PNG files next to it and return them in order."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        [_tool("pdftoppm", "poppler-utils"), "-r", str(dpi), "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


def scan_png(png: Path) -> Counter[str]:
    """Every barcode zbarimg finds in ``png``, with how often it appears."""
    done = subprocess.run(
        [_tool("zbarimg", "zbar-tools"), "--quiet", "--raw", str(png)],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 4), done.stderr  # 4: no barcode found
    return Counter(line for line in done.stdout.splitlines() if line)


def scan_pdf(pdf: Path, dpi: int = 300) -> Counter[str]:
    """Every barcode printed in ``pdf``, decoded from its pages rendered at ``dpi``."""
    found: Counter[str] = Counter()
    for page in render_pages(pdf, dpi):
        found += scan_png(page)
    return found


def scan_files(pngs: list[Path]) -> dict[Path, list[str]]:
    """The barcodes zbarimg finds in each image, decoded in one run."""
    done = subprocess.run(
        [_tool("zbarimg", "zbar-tools"), "--quiet", "--xml", *map(str, pngs)],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 4), done.stderr
    found: dict[Path, list[str]] = {png: [] for png in pngs}
    root = ElementTree.fromstring(done.stdout)
    for source in root.iter():
        if source.tag.endswith("source"):
            codes = [e.text or "" for e in source.iter() if e.tag.endswith("data")]
            found[Path(source.attrib["href"])] = codes
    return found


def scan_labels(pdf: Path, template: LabelTemplate, count: int, dpi: int = 300) -> list[list[str]]:
    """The barcodes on each of the first ``count`` labels, cut out of the rendered pages.

    Reading label by label checks that every label carries its own code, and
    avoids page-wide scans, which can miss one symbol among dozens.
    """
    scale = dpi / 72
    pages = render_pages(pdf, dpi)
    crops = []
    for index in range(count):
        page, slot = divmod(index, template.per_page)
        x, y = template.position(slot)
        with Image.open(pages[page]) as image:
            height = image.height
            box = (
                round(x * scale),
                round(height - (y + template.label_height) * scale),
                round((x + template.label_width) * scale),
                round(height - y * scale),
            )
            crop = pdf.parent / f"{pdf.stem}-label-{index:04d}.png"
            image.crop(box).save(crop)
        crops.append(crop)
    found = scan_files(crops)
    return [found[crop] for crop in crops]

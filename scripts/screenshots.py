"""Take the user guide's screenshots from the real app on the demo shop.

    .venv/bin/python scripts/screenshots.py [--lang en|id] [--out docs/images]

Runs offscreen, so it needs no display; every screen is shown at 1366x768.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bazaar_pos.i18n import set_language
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.style import apply_style

SCREENS = {0: "till", 1: "products", 2: "stock", 3: "reports", 4: "settings"}


def take(out: Path, language: str) -> list[Path]:
    """Save one PNG per screen into ``out`` and return their paths."""
    set_language(language)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app)
    shop = Shop.open(Path(tempfile.mkdtemp(prefix="bazaar-shots-")) / "demo.sqlite")
    load_demo_shop(shop)
    window = MainWindow(shop)
    window.resize(1366, 768)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    saved = [_till_mid_sale(app, window, out / f"till-sale-{language}.png")]
    for row, name in SCREENS.items():
        window.show_screen(row)
        app.processEvents()
        path = out / f"{name}-{language}.png"
        window.grab().save(str(path))
        saved.append(path)
    window.close()
    shop.close()
    return saved


def _till_mid_sale(app: QApplication, window: MainWindow, path: Path) -> Path:
    """Ring up three lines the way a stall keeper would and save the till."""
    window.show_screen(0)
    for code in ("8991234500161", "2*8991234500215", "8991234500055"):
        QTest.keyClicks(window.till.scan, code)
        QTest.keyClick(window.till.scan, Qt.Key.Key_Return)
    app.processEvents()
    window.grab().save(str(path))
    return path


def main() -> None:
    """Parse the options and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=["en", "id"])
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    args = parser.parse_args()
    for path in take(args.out, args.lang):
        print(path)


if __name__ == "__main__":
    main()

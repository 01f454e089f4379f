from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QPushButton

from bazaar_pos.ui.app.style import apply_style
from bazaar_pos.ui.reports.screen import ReportsScreen
from bazaar_pos.ui.settings.screen import SettingsScreen


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_look_is_light_and_high_contrast_even_on_a_dark_desktop(qapp):
    dark = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        dark.setColor(role, QColor("#202020"))
    qapp.setPalette(dark)
    apply_style(qapp)
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() > 230
    for text, ground in (
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    ):
        assert contrast(palette.color(text), palette.color(ground)) >= 12
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert contrast(disabled, palette.color(QPalette.ColorRole.Base)) >= 4.5


def test_every_till_button_is_big_enough_to_touch(shop, products, open_till, qtbot):
    for product in products.values():
        shop.catalogue.set_favourite(product.id, True)
    till = open_till(shop)
    qtbot.waitUntil(lambda: len(till.quick_pick.tiles) == 3)
    buttons = [b for b in till.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 14
    too_small = {b.objectName(): b.height() for b in buttons if b.height() < 44}
    assert too_small == {}


def test_report_labels_show_their_whole_text(qtbot, qapp, shop):
    apply_style(qapp)
    screen = ReportsScreen(shop)
    qtbot.addWidget(screen)
    screen.resize(1180, 700)
    screen.show()
    qtbot.waitExposed(screen)
    for name in ("periodLabel", "fromLabel", "toLabel"):
        label = screen.findChild(QLabel, name)
        needed = label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
        assert label.contentsRect().width() >= needed, name
    screen.background.wait()


def test_settings_show_what_is_stored_after_the_data_changes(qtbot, shop):
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    shop.settings.update(shop_name="Toko Setelah Pulih")
    screen.refresh()
    assert screen.shop_section.shop_name.text() == "Toko Setelah Pulih"

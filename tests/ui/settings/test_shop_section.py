from PySide6.QtCore import Qt

from bazaar_pos.ui.settings.shop_section import ImageFileDialog, ShopSection
from tests.domain.test_qris import STATIC
from tests.helpers.qr_pictures import photo_of, save, sticker


def test_owner_turns_on_ppn_and_cash_rounding(qtbot, shop):
    section = ShopSection(shop.settings)
    qtbot.addWidget(section)
    assert not section.tax_rate.isEnabled()
    section.shop_name.clear()
    qtbot.keyClicks(section.shop_name, "Batik Sekar Jagad")
    qtbot.keyClick(section.tax_enabled, Qt.Key.Key_Space)
    assert section.tax_rate.isEnabled()
    section.tax_inclusive.setChecked(False)
    section.rounding.setCurrentIndex(section.rounding.findData(500))
    with qtbot.waitSignal(section.saved):
        qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    stored = shop.settings.load()
    assert (stored.shop_name, stored.tax_enabled, stored.tax_inclusive) == (
        "Batik Sekar Jagad",
        True,
        False,
    )
    assert stored.tax_rule.effective_rate * 100 == 11
    assert stored.cash_rounding_step == 500
    assert section.message.text() == "Saved."


def test_bad_settings_are_shown_and_not_saved(qtbot, shop):
    section = ShopSection(shop.settings)
    qtbot.addWidget(section)
    section.shop_name.clear()
    section.tax_enabled.setChecked(True)
    section.tax_rate.setText("dua belas")
    section.qris.setPlainText("000201 not a qris")
    assert "Not a valid QRIS code" in section.qris_merchant.text()
    assert section.save() is False
    assert "The shop name is empty." in section.message.text()
    assert "The tax rate must be a number" in section.message.text()
    assert "The QRIS code is not valid" in section.message.text()
    assert shop.settings.load().shop_name == "Bazaar POS"


def test_qris_sticker_text_shows_the_merchant_to_confirm(qtbot, shop):
    section = ShopSection(shop.settings)
    qtbot.addWidget(section)
    section.qris.setPlainText(STATIC)
    assert "TOKO KRIYA NUSANTARA, YOGYAKARTA (NMID ID1022146663631)" in section.qris_merchant.text()
    assert section.save()
    assert shop.settings.load().qris_payload == STATIC


def test_settings_changes_are_audited(shop):
    from sqlalchemy import select

    from bazaar_pos.store.models import AuditEvent

    shop.settings.change(shop.settings.load().__class__(shop_name="Toko Baru", till_id="x"))
    with shop.db.reading() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions == ["settings.changed"]


def test_qris_imported_from_a_photo_of_the_sticker(qtbot, shop, tmp_path, monkeypatch):
    photo = save(photo_of(sticker(STATIC)), tmp_path / "IMG_2041.jpg", quality=75)
    asked = []
    monkeypatch.setattr(ImageFileDialog, "ask", lambda parent: asked.append(parent) or photo)
    section = ShopSection(shop.settings)
    qtbot.addWidget(section)
    qtbot.mouseClick(section.import_button, Qt.MouseButton.LeftButton)
    assert asked == [section]
    qtbot.waitUntil(lambda: section.qris.toPlainText() == STATIC)
    assert section.wait()
    assert section.import_button.isEnabled()
    assert section.message.text() == (
        "Read the QRIS of TOKO KRIYA NUSANTARA from IMG_2041.jpg. "
        "Check the shop below it, then save."
    )
    assert "TOKO KRIYA NUSANTARA, YOGYAKARTA" in section.qris_merchant.text()
    assert shop.settings.load().qris_payload == ""
    assert section.save()
    assert shop.settings.load().qris_payload == STATIC


def test_a_picture_without_qris_leaves_the_field_as_it_was(qtbot, shop, tmp_path):
    shop.settings.update(qris_payload=STATIC)
    section = ShopSection(shop.settings)
    qtbot.addWidget(section)
    link = save(sticker("https://instagram.com/tokokriya"), tmp_path / "instagram.png")
    section.import_from(link)
    qtbot.waitUntil(lambda: section.message.property("tone") == "error")
    assert section.message.text().startswith("The QR code in instagram.png is not a QRIS code")
    assert section.qris.toPlainText() == STATIC
    assert section.import_button.isEnabled()


def test_cancelling_the_picture_choice_reads_nothing(qtbot, shop, monkeypatch):
    monkeypatch.setattr(ImageFileDialog, "ask", lambda parent: None)
    section = ShopSection(shop.settings)
    qtbot.addWidget(section)
    section.import_image()
    assert section.message.text() == ""
    assert section.import_button.isEnabled()

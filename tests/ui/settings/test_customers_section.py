"""Settings > Customers: due days, default limit, DP and the reminder template with a preview."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bazaar_pos.ui.settings.customers_section import CustomersSection


def section(qtbot, shop):
    widget = CustomersSection(shop.settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_settings_are_saved_as_typed(qtbot, shop):
    widget = section(qtbot, shop)
    widget.due_days.selectAll()
    qtbot.keyClicks(widget.due_days, "14")
    widget.limit.selectAll()
    qtbot.keyClicks(widget.limit, "500rb")
    widget.deposit.selectAll()
    qtbot.keyClicks(widget.deposit, "30")
    qtbot.keyClicks(widget.template, "Halo {name}, bon {amount} sampai {due}. {shop}")
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    stored = shop.settings.load()
    assert (stored.kasbon_due_days, stored.credit_limit, stored.order_deposit_percent) == (
        14,
        500_000,
        30,
    )
    assert stored.reminder_template == "Halo {name}, bon {amount} sampai {due}. {shop}"
    assert widget.status.text() == "Saved."


def test_the_preview_follows_the_template_as_typed(qtbot, shop):
    widget = section(qtbot, shop)
    assert "a friendly reminder" in widget.preview.text()  # the built-in text
    qtbot.keyClicks(widget.template, "Halo {name}, bon {amount}.")
    assert widget.preview.text() == "Halo Ani, bon Rp150.000."


def test_an_unknown_placeholder_is_refused_and_nothing_is_saved(qtbot, shop):
    widget = section(qtbot, shop)
    qtbot.keyClicks(widget.template, "Halo {nama}")
    assert widget.preview.text().startswith("Unknown placeholder {nama}")
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert widget.status.text().startswith("The settings were not saved.")
    assert "{nama}" in widget.status.text()
    assert shop.settings.load().reminder_template == ""

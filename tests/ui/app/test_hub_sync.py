"""A till sells while the hub is away; the sale reaches the hub once it is back (PostgreSQL)."""

from __future__ import annotations

import time

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget

from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.ui.app.main_window import MainWindow
from tests.helpers.fault_proxy import fault_proxy
from tests.helpers.qt import ring_up
from tests.services.hub import conftest as hub_conftest
from tests.services.hub.conftest import PASSWORD, add, hub_url, ready_hub

WAIT = 30_000
tills = hub_conftest.tills


@pytest.fixture
def hub(postgres_server, postgres_database):
    return ready_hub(postgres_server, postgres_database)


def shown(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def sales_on_hub(url):
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT uuid FROM hub_records WHERE kind = 'sale'")
        return [row[0] for row in rows]


def test_a_sale_completes_while_the_hub_is_away_and_reaches_it_when_it_is_back(
    qtbot, shop, coffee, hub, postgres_server, postgres_database
):
    with fault_proxy(postgres_server.host, postgres_server.port) as proxy:
        shop.hub.join(hub_url(postgres_server, postgres_database, port=proxy.port), "Depan")
        window = shown(qtbot, shop)
        label = window.hub_sync.status
        assert label.text() == "Hub: in step"
        proxy.blackhole()
        window.hub_sync.start()
        started = time.monotonic()
        sale = ring_up(qtbot, window.till, "KOP-1")
        assert time.monotonic() - started < 3  # the sale never waits for the hub
        qtbot.waitUntil(lambda: label.text().startswith("Hub: offline since"), timeout=WAIT)
        assert sale not in sales_on_hub(hub)
        proxy.heal()
        window.hub_sync.sync_now()
        qtbot.waitUntil(lambda: label.text() == "Hub: in step", timeout=WAIT)
        assert sales_on_hub(hub).count(sale) == 1
        window.close()


def test_settings_joins_the_hub_and_the_status_bar_shows_it(qtbot, shop, hub):
    window = shown(qtbot, shop)
    label = window.hub_sync.status
    assert not label.isVisibleTo(window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    settings = window.screens.built_settings
    section = settings.hub
    settings.tabs.setCurrentWidget(section)
    qtbot.keyClicks(section.url, hub.replace(f":{PASSWORD}@", "@"))
    qtbot.keyClicks(section.password, PASSWORD)
    qtbot.keyClicks(section.till_name, "Kasir depan")
    qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is ready" in section.message.text(), timeout=WAIT)
    assert PASSWORD not in section.message.text()
    qtbot.mouseClick(section.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.message.text().startswith("Joined."), timeout=WAIT)
    qtbot.waitUntil(lambda: label.text() == "Hub: in step", timeout=WAIT)
    assert label.isVisibleTo(window)
    assert PASSWORD not in section.url.text()
    assert section.password.text() == ""
    stored = shop.db.path.with_name(shop.db.path.name + ".hubpass").read_text()
    assert PASSWORD.replace(":", "\\:") in stored
    assert shop.hub.status().till_name == "Kasir depan"
    window.close()


def test_the_owner_opens_a_notice_when_a_sync_replaces_an_edit_made_here(qtbot, tills, hub):
    first, second = tills("A"), tills("B")
    add(first, "SRG-1", "Sarung", 80_000)
    first.hub.join(hub, "Depan")
    second.hub.join(hub, "Belakang")
    here = first.catalogue.find_by_code("SRG-1")
    there = second.catalogue.find_by_code("SRG-1")
    first.catalogue.update(here.id, ProductDraft("SRG-1", "Sarung", 85_000, 40_000))
    second.catalogue.update(there.id, ProductDraft("SRG-1", "Sarung", 90_000, 40_000))
    second.hub.sync()
    window = shown(qtbot, first)
    notices = window.hub_sync.notices
    assert not notices.isVisibleTo(window)
    window.hub_sync.start()
    qtbot.waitUntil(lambda: notices.isVisibleTo(window), timeout=WAIT)
    assert notices.text() == "1 hub notice"
    qtbot.mouseClick(notices, Qt.MouseButton.LeftButton)
    dialog = notices.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    listing = dialog.findChild(QListWidget, "hubNoticeList")
    assert [listing.item(row).text() for row in range(listing.count())] == [
        "Your change to SRG-1 was replaced by a later change from another till."
    ]
    qtbot.keyClick(listing, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not notices.isVisibleTo(window))
    assert first.catalogue.find_by_code("SRG-1").price == 90_000
    window.close()

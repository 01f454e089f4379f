"""Settings > Shop hub: joining with a progress window; a till joined but not synced still syncs."""

import threading
from dataclasses import replace

from PySide6.QtCore import Qt

from bazaar_pos.errors import UserError
from bazaar_pos.ui.common.progress import ProgressWindow
from bazaar_pos.ui.settings.hub_section import HubSection
from tests.services.hub.conftest import ready_hub


def test_a_join_whose_first_sync_fails_still_starts_the_syncing(qtbot, shop, monkeypatch):
    def join(url, name, *, password="", approval=None, progress=None):
        raise UserError("The shop hub postgresql://kasir:***@10.0.0.9/toko cannot be reached.")

    joined_status = replace(shop.hub.status(), joined=True)
    monkeypatch.setattr(shop.hub, "join", join)
    section = HubSection(shop.hub)
    qtbot.addWidget(section)
    monkeypatch.setattr(shop.hub, "status", lambda: joined_status)
    qtbot.keyClicks(section.password, "rahasia")
    with qtbot.waitSignal(section.joined):
        section.join()
    assert "cannot be reached" in section.message.text()
    assert section.password.text() == ""


def test_a_long_first_sync_shows_its_progress_and_cancel_keeps_what_was_done(
    qtbot, shop, add_product, postgres_server, postgres_database, monkeypatch
):
    url = ready_hub(postgres_server, postgres_database)
    add_product(stock=5)
    sync = shop.hub.sync
    go_on = threading.Event()

    def slow(*, progress=None):
        go_on.wait(10)  # a long history to send: long enough for the window to show
        return sync(progress=progress)

    monkeypatch.setattr(shop.hub, "sync", slow)
    section = HubSection(shop.hub)
    qtbot.addWidget(section)
    section.show()
    section.url.setText(url)
    section.till_name.setText("Kasir depan")
    with qtbot.waitSignal(section.joined, timeout=10_000):
        qtbot.mouseClick(section.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: section.findChild(ProgressWindow) is not None, timeout=5_000)
        shown = section.findChild(ProgressWindow)
        qtbot.waitUntil(shown.isVisible, timeout=5_000)
        assert (shown.windowTitle(), shown.cancel_button.isVisible()) == ("Joining the hub", True)
        qtbot.mouseClick(shown.cancel_button, Qt.MouseButton.LeftButton)
        go_on.set()
    assert section.message.text() == (
        "Sync stopped. Sent: 0. Received from other tills: 0. "
        "These are kept; the next sync carries on from there."
    )
    status = shop.hub.status()
    assert status.joined
    assert status.waiting > 0  # sent by the next sync
    section.background.wait()

"""Settings > Shop hub: a till that joined but could not sync yet still starts syncing."""

from dataclasses import replace

from bazaar_pos.errors import UserError
from bazaar_pos.ui.settings.hub_section import HubSection


def test_a_join_whose_first_sync_fails_still_starts_the_syncing(qtbot, shop, monkeypatch):
    def join(url, name, *, password="", approval=None):
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

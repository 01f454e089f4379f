"""Send a text by WhatsApp with no account or API: open a wa.me link in the system's browser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from bazaar_pos.domain.phone import PhoneError, whatsapp_link
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.dialogs import Notice

Opener = Callable[[QUrl], bool]
"""What opens a link; tests give their own to see the link without a browser."""

def _open(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


opener: Opener = _open


def send_by_whatsapp(parent: QWidget | None, phone: str, text: str) -> str | None:
    """Open a WhatsApp chat with ``phone`` (empty: choose the chat there) and ``text`` typed in.

    Returns the link opened, or None when the number is not one or nothing
    could open the link (the person is told which).
    """
    try:
        link = whatsapp_link(phone, text)
    except PhoneError as exc:
        Notice.ask(parent, _("Send by WhatsApp"), str(exc), name="whatsappNotice")
        return None
    if not opener(QUrl(link, QUrl.ParsingMode.StrictMode)):
        Notice.ask(
            parent,
            _("Send by WhatsApp"),
            _("No browser or WhatsApp could open the link. Is a browser installed?"),
            name="whatsappNotice",
        )
        return None
    return link

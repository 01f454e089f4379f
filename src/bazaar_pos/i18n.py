"""The one translation layer for widgets, services' messages, receipts, PDFs and the CLI.

Catalogues are gettext ``.po`` files in ``resources/translations``, read with
Babel when a language other than English is chosen, so no compile step is
needed. Mark text with ``_()``; mark text to be translated later (module constants)
with ``N_()``; text in a context (Qt's own words) with ``pgettext()``.
"""

from __future__ import annotations

import gettext
import io
import locale
from collections.abc import Callable

from bazaar_pos.resources import resource_path

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
DEFAULT_LANGUAGE = "en"

_state: dict[str, gettext.NullTranslations | str] = {
    "translations": gettext.NullTranslations(),
    "language": DEFAULT_LANGUAGE,
}
_listeners: list[Callable[[str], None]] = []


def system_language() -> str:
    """The language to use when none is chosen: Indonesian on an Indonesian system."""
    code = locale.getlocale()[0] or ""
    return "id" if code.lower().startswith(("id", "indonesian")) else DEFAULT_LANGUAGE


def load_catalogue(language: str) -> gettext.NullTranslations:
    """Read the catalogue for ``language``; English needs none."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    path = resource_path("translations", f"{language}.po")
    if language == DEFAULT_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # Babel's catalogue reader: only for a translation
    from babel.messages.pofile import read_po

    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str) -> None:
    """Switch every later translation to ``language`` ("en" or "id")."""
    _state["translations"] = load_catalogue(language)
    _state["language"] = language
    for listener in list(_listeners):
        listener(language)


def when_language_changes(listener: Callable[[str], None]) -> None:
    """Call ``listener(language)`` after every later ``set_language`` (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def no_longer_when_language_changes(listener: Callable[[str], None]) -> None:
    """Stop calling ``listener`` on a switch of language."""
    if listener in _listeners:
        _listeners.remove(listener)


def current_language() -> str:
    """The language text is being translated into."""
    return str(_state["language"])


def _translations() -> gettext.NullTranslations:
    translations = _state["translations"]
    assert isinstance(translations, gettext.NullTranslations)
    return translations


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on a count."""
    return _translations().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as said in ``context`` (the catalogue's ``msgctxt``)."""
    return _translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet."""
    return message

"""The one translation layer for widgets, services' messages, receipts, PDFs and the CLI.

Catalogues are gettext ``.po`` files in ``resources/translations``: the ``.po``
is the source, and building the app (the wheel's build hook, which editable
installs run too, ``dev.py i18n`` and the PyInstaller spec) compiles each one
into a ``.mo`` beside it, which is what a start reads (a few ms instead of
about 50). A source checkout without a ``.mo``, or with one older than its
``.po``, reads the ``.po`` with Babel instead. Mark text with ``_()``; mark
text to be translated later (module constants) with ``N_()``; text in a
context (Qt's own words) with ``pgettext()``.
"""

from __future__ import annotations

import gettext
import io
import locale
from collections.abc import Callable
from functools import cache
from pathlib import Path

from bazaar_pos.resources import resource_path, runs_from_source

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
    """The catalogue for ``language`` (read once per run); English needs none."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    return _read_catalogue(language)


@cache
def _read_catalogue(language: str) -> gettext.NullTranslations:
    """The compiled ``.mo``; in a source checkout only when it is not older than the ``.po``.

    An installed package or bundle always reads its ``.mo``: unpacking a wheel
    may leave the ``.po`` a moment newer than the ``.mo`` built with it.
    """
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    source = resource_path("translations", f"{language}.po")
    compiled = source.with_suffix(".mo")
    if compiled.exists() and (
        not runs_from_source()
        or not source.exists()
        or compiled.stat().st_mtime_ns >= source.stat().st_mtime_ns
    ):
        with compiled.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    if not source.exists():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compiled_catalogue(source)))


def compiled_catalogue(source: Path) -> bytes:
    """The ``.mo`` bytes of the ``.po`` file ``source`` (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo  # Babel's catalogue tools: only when compiling
    from babel.messages.pofile import read_po

    with source.open("rb") as po_file:
        catalog = read_po(po_file, locale=source.stem)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_catalogues(folder: Path) -> list[Path]:
    """Write a ``.mo`` beside every ``.po`` in ``folder``; return the files written."""
    written = []
    for source in sorted(folder.glob("*.po")):
        target = source.with_suffix(".mo")
        target.write_bytes(compiled_catalogue(source))
        written.append(target)
    return written


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

"""Write the guide's keyboard shortcut pages from the app's table of shortcuts.

    .venv/bin/python scripts/shortcuts_page.py

Writes ``docs/guide/en/shortcuts.md`` and ``docs/guide/id/shortcuts.md`` from
``bazaar_pos.ui.shortcuts.SHORTCUTS`` and the catalogue's translations of its
descriptions. tests/ui/test_shortcuts.py fails when a page is not current.
"""

from __future__ import annotations

from pathlib import Path

from bazaar_pos.i18n import LANGUAGES, _, set_language
from bazaar_pos.ui.shortcuts import SCOPES, SHORTCUTS

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide"

WORDING = {
    "en": {
        "title": "Keyboard shortcuts",
        "contents": "Guide contents",
        "intro": (
            "Every key the app binds, screen by screen, as the app's own table of shortcuts\n"
            "(`src/bazaar_pos/ui/shortcuts.py`) has them; this page is made from that table.\n"
            "Besides these, Alt with the underlined letter of a label presses that button or\n"
            "goes to that field. In a text field the keys below still do what this page says:\n"
            "Ctrl+U switches user and leaves the field's text alone."
        ),
        "keys": "Keys",
        "does": "What it does",
    },
    "id": {
        "title": "Tombol pintas",
        "contents": "Daftar isi panduan",
        "intro": (
            "Semua tombol pintas aplikasi, per layar, sesuai tabel pintasan aplikasi sendiri\n"
            "(`src/bazaar_pos/ui/shortcuts.py`); halaman ini dibuat dari tabel itu. Selain itu,\n"
            "Alt dengan huruf yang bergaris bawah pada sebuah label menekan tombol itu atau\n"
            "pindah ke kolom itu. Saat kursor ada di kolom isian, tombol di bawah tetap bekerja\n"
            "seperti tertulis di sini: Ctrl+U mengganti pengguna dan isi kolom tidak terhapus."
        ),
        "keys": "Tombol",
        "does": "Fungsinya",
    },
}


def keys_cell(keys: tuple[str, ...]) -> str:
    """``F2``; ``Alt+1 … Alt+9`` for a family; Return and Enter both as Enter."""
    shown = list(dict.fromkeys(key.replace("Return", "Enter") for key in keys))
    if len(shown) > 2:
        return f"{shown[0]} … {shown[-1]}"
    return " / ".join(shown)


def page(language: str) -> str:
    """The shortcut page in ``language``, in Markdown."""
    set_language(language)
    try:
        words = WORDING[language]
        lines = [
            f"# {words['title']}",
            "",
            f"[{words['contents']}](../README.md)",
            "",
            words["intro"],
        ]
        for scope, title in SCOPES.items():
            lines += ["", f"## {_(title)}", "", f"| {words['keys']} | {words['does']} |"]
            lines.append("| --- | --- |")
            for row in SHORTCUTS:
                if row.scope == scope:
                    lines.append(f"| {keys_cell(row.keys)} | {_(row.description)} |")
        return "\n".join(lines) + "\n"
    finally:
        set_language("en")


def main() -> None:
    """Write the page for every language."""
    for language in LANGUAGES:
        path = GUIDE / language / "shortcuts.md"
        path.write_text(page(language), "utf-8")
        print(path)


if __name__ == "__main__":
    main()

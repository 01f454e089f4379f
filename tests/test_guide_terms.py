"""The guide names buttons, fields and pages as the app shows them, in each language."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bazaar_pos.resources import resource_path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide"
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
KEYS = re.compile(
    r"^((Ctrl|Alt|Shift)\+)*(F\d{1,2}|[A-Z0-9]|Enter|Esc|Del|Tab|Backspace|Space)$"
)
EMPHASIS = {
    "id": {
        "sekali sehari",
        "setiap kali aplikasi ditutup",
        "file toko itu sendiri",
        "Windows",
        "Linux",
        'Biarkan "Pungut PPN" tidak dicentang',
        "Bayar sebagian-sebagian",
        "Pastikan itu toko Anda",
        "Anda sendiri",
        "Jangan pernah menerima tangkapan layar dari pembeli sebagai bukti.",
        "paling laku",
        "100%",
        "uang tunai yang seharusnya ada",
    },
    "en": {
        "once a day",
        "every time you close it",
        "shop file itself",
        "Windows",
        "Linux",
        'Leave "Charge PPN" off',
        "Paying in parts",
        "Check that it is your shop",
        "your",
        "Never accept the customer's screenshot as proof.",
        "waits for confirmation",
        "Wrong PINs.",
        "what sold best",
        "100%",
        "the cash that should be there",
    },
}
"""Bold words that stress a point or head a paragraph rather than name something on screen."""


def shown(text: str) -> str:
    """A UI text as read on screen: no mnemonic, key hint, trailing dots or colon; lower case."""
    text = text.split("  ")[0].replace("&", "")
    return " ".join(text.split()).rstrip(".…:").strip().lower()


def said(text: str) -> str:
    """A term as the guide writes it, across line breaks."""
    return shown(" ".join(text.split()))


@pytest.fixture(scope="module")
def ui_texts():
    """Every UI text of each language, line by line (the English ones are the msgids)."""
    with resource_path("translations", "id.po").open("rb") as handle:
        catalogue = read_po(handle, locale="id")
    texts = {"en": set(), "id": set()}
    for entry in catalogue:
        if not entry.id or entry.context:
            continue
        for language, values in (("en", entry.id), ("id", entry.string)):
            for value in values if isinstance(values, tuple) else (values,):
                texts[language].update(shown(line) for line in value.split("\n"))
    return texts


def on_screen(term: str, texts: set[str]) -> bool:
    """The term is a UI text, or the start of one (before a bracket or a further sentence)."""
    return term in texts or any(
        text.startswith((f"{term} (", f"{term}. ")) for text in texts if len(text) > len(term)
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_bold_terms_in_the_guide_are_the_apps_words(language, ui_texts):
    emphasis = {said(text) for text in EMPHASIS[language]}
    unknown = []
    for page in sorted((GUIDE / language).glob("*.md")):
        for term in BOLD.findall(page.read_text(encoding="utf-8")):
            for part in " ".join(term.split()).split(" > "):  # a menu path: Toko > Log audit
                if KEYS.match(part) or said(part) in emphasis:
                    continue
                if not on_screen(said(part), ui_texts[language]):
                    unknown.append(f"{page.name}: **{part}**")
    assert unknown == []


@pytest.mark.parametrize(
    ("language", "heading"), [("id", "Penyiapan awal"), ("en", "First-time setup")]
)
def test_the_guide_walks_through_every_step_of_the_setup(qtbot, shop, language, heading):
    from bazaar_pos.ui.setup.wizard import SetupWizard

    wizard = SetupWizard(shop, first_run=True)
    qtbot.addWidget(wizard)
    page = (GUIDE / language / "getting-started.md").read_text(encoding="utf-8")
    section = page.split(f"## {heading}\n")[1].split("\n## ")[0]
    steps = re.findall(r"^(\d+)\. \*\*", section, flags=re.MULTILINE)
    assert steps == [str(number) for number in range(1, len(wizard.pageIds()) + 1)]

"""Messages shown in a label, coloured by tone (info, warn, error) through the style sheet."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def show_message(label: QLabel, text: str, tone: str = "info") -> None:
    """Put ``text`` in ``label`` with the ``tone`` property the style sheet colours by."""
    label.setText(text)
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)

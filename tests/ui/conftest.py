"""Helpers for driving the screens: files picked, questions answered, dialogs filled in."""

from __future__ import annotations

from typing import ClassVar

import pytest

from bazaar_pos.ui import messages


@pytest.fixture
def answers(monkeypatch):
    """Answer the file choosers and yes/no questions screens ask, and record what was asked."""

    class Answers:
        open_path = None
        save_path = None
        confirm = True
        asked: ClassVar[list[str]] = []

    def open_file(parent, title, filters):
        Answers.asked.append(title)
        return Answers.open_path

    def save_file(parent, title, suggested, filters):
        Answers.asked.append(title)
        return Answers.save_path

    def confirm(parent, title, text):
        Answers.asked.append(text)
        return Answers.confirm

    monkeypatch.setattr(messages, "open_file", open_file)
    monkeypatch.setattr(messages, "save_file", save_file)
    monkeypatch.setattr(messages, "confirm", confirm)
    Answers.asked = []
    return Answers

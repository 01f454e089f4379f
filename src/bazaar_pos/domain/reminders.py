"""The kasbon reminder sent by WhatsApp: the shop's template or a built-in text, filled in."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date

from bazaar_pos.i18n import _

PLACEHOLDERS = ("name", "amount", "due", "shop", "days")
"""What a reminder template may name in braces, e.g. ``{name}``."""


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    """What a reminder says: who, how much (already written as money), by when, from whom."""

    name: str
    amount: str
    due: date | None
    due_text: str
    shop: str
    today: date

    @property
    def days(self) -> int:
        """Days after the due date (negative: days still to go; 0 without a due date)."""
        return (self.today - self.due).days if self.due is not None else 0


def template_problems(template: str) -> list[str]:
    """What is wrong with a reminder template: unknown placeholders or stray braces."""
    try:
        fields = [field for _text, field, _spec, _conv in string.Formatter().parse(template)]
    except ValueError:
        return [_("A placeholder is not closed: check the curly brackets.")]
    unknown = sorted({f for f in fields if f is not None and f not in PLACEHOLDERS})
    if not unknown:
        return []
    return [
        _("Unknown placeholder {found}: use {known}.").format(
            found=", ".join("{" + name + "}" for name in unknown),
            known=", ".join("{" + name + "}" for name in PLACEHOLDERS),
        )
    ]


def built_in_template(facts: ReminderFacts) -> str:
    """The shop's language's own reminder, gentler before the due date than after it."""
    if facts.due is None or facts.days < 0:
        return _(
            "Hello {name}, a friendly reminder from {shop}: your kasbon is {amount}, "
            "due on {due}. Thank you!"
        )
    if facts.days == 0:
        return _(
            "Hello {name}, a reminder from {shop}: your kasbon of {amount} is due today "
            "({due}). Thank you!"
        )
    return _(
        "Hello {name}, a reminder from {shop}: your kasbon of {amount} was due on {due}, "
        "{days} days ago. Please pay it when you can. Thank you!"
    )


def reminder_text(template: str, facts: ReminderFacts) -> str:
    """The reminder: ``template`` (or the built-in text when empty) with the facts put in.

    A template that does not read (stored before it was checked) gives the built-in text.
    """
    chosen = template.strip()
    if not chosen or template_problems(chosen):
        chosen = built_in_template(facts)
    due = facts.due_text or "-"
    return chosen.format(
        name=facts.name,
        amount=facts.amount,
        due=due,
        shop=facts.shop,
        days=max(facts.days, 0),
    )

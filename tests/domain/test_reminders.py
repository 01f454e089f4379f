"""The kasbon reminder: the template or the built-in text, by days to or after the due date."""

from __future__ import annotations

from datetime import date

import pytest

from bazaar_pos.domain.reminders import ReminderFacts, reminder_text, template_problems


def facts(due: date | None, today: date = date(2026, 12, 7)) -> ReminderFacts:
    return ReminderFacts(
        name="Ani",
        amount="Rp305.000",
        due=due,
        due_text=due.isoformat() if due else "",
        shop="Toko Sekar",
        today=today,
    )


def test_before_the_due_date_the_reminder_is_friendly():
    text = reminder_text("", facts(date(2026, 12, 10)))
    assert text == (
        "Hello Ani, a friendly reminder from Toko Sekar: your kasbon is Rp305.000, "
        "due on 2026-12-10. Thank you!"
    )


def test_on_the_due_date_it_says_today():
    assert "is due today (2026-12-07)" in reminder_text("", facts(date(2026, 12, 7)))


def test_after_the_due_date_it_counts_the_days():
    assert "was due on 2026-11-30, 7 days ago" in reminder_text("", facts(date(2026, 11, 30)))


def test_the_shops_template_takes_every_placeholder():
    template = "{name} {amount} {due} {shop} {days}"
    assert reminder_text(template, facts(date(2026, 12, 1))) == (
        "Ani Rp305.000 2026-12-01 Toko Sekar 6"
    )
    assert reminder_text(template, facts(None)).endswith("- Toko Sekar 0")


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("Halo {nama}", "Unknown placeholder {nama}"),
        ("Halo {name", "A placeholder is not closed"),
        ("Halo {0}", "Unknown placeholder {0}"),
    ],
)
def test_a_bad_template_is_named(template, problem):
    (said,) = template_problems(template)
    assert said.startswith(problem)


def test_good_templates_and_doubled_braces_pass():
    assert template_problems("") == []
    assert template_problems("Halo {name}, {{bon}} {amount}") == []


def test_a_template_that_does_not_read_gives_the_built_in_text():
    assert reminder_text("Halo {nama}", facts(date(2026, 12, 10))).startswith("Hello Ani")

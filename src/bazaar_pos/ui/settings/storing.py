"""Storing a settings section with the owner's approval, or saying why it was not stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bazaar_pos.errors import UserError
from bazaar_pos.services.people.access import Approval
from bazaar_pos.ui.access.approval import Approvals, NotApproved, run_with_approvals
from bazaar_pos.ui.common.dialogs import describe

Stored = TypeVar("Stored")


def store_or_explain(
    approvals: Approvals | None,
    store: Callable[[Approval | None], Stored],
    *,
    put_back: Callable[[], None],
    explain: Callable[[str], None],
) -> Stored | None:
    """``store`` with the owner's approval; None after saying why it was refused.

    A refused approval puts the form back (``put_back``) to the settings that
    still hold; any problem is told through ``explain``.
    """
    try:
        return run_with_approvals(approvals, store)
    except UserError as exc:
        if isinstance(exc, NotApproved):
            put_back()
        explain(describe(exc))
        return None

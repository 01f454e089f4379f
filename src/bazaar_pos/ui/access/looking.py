"""An owner's approval to look (at costs), kept by a screen and shared by its parts while it lasts.

An approval only to look is not spent by the calls made with it (see
``AccessControl.permit``): it lasts its few minutes. A screen keeps one here so
that its later refreshes, and its other tabs, show what the owner let the
cashier see, and fall back to hiding it once the approval has run out or
someone else has signed in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from bazaar_pos.domain.access import Permission
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.ui.access.approval import Approvals

_SLACK_MS = 1000
"""Check a little after the approval's end, so that it has surely run out."""


class LookingApproval(QObject):
    """Whether the person signed in may look at ``permission``, on their own or approved.

    Signals:
        changed(): an approval was kept, dropped or ran out; show or hide again.
    """

    changed = Signal()

    def __init__(
        self, access: AccessControl, permission: Permission, parent: QObject | None = None
    ) -> None:
        """Keep approvals of ``permission`` given through ``access``."""
        super().__init__(parent)
        self._access = access
        self.permission = permission
        self.approval: Approval | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("lookingApprovalTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    def allowed(self) -> bool:
        """Whether it may be shown now; an approval that has run out is forgotten."""
        if self._access.allows(self.permission, approval=self.approval):
            return True
        self.approval = None
        return False

    def keep(self, approval: Approval | None) -> None:
        """Keep ``approval`` for the parts that show it (None: nothing new), and tell them."""
        if approval is not None:
            self.approval = approval
            self._arm()
        self.changed.emit()

    def ask(self, approvals: Approvals, *, tell: Callable[[str], None]) -> bool:
        """Ask an owner to approve looking, and keep the approval; False (after ``tell``) if not."""
        granted = approvals.granted(self.permission, tell=tell)
        if granted is None:
            return False
        self.keep(granted.approval)
        return True

    def drop(self) -> None:
        """Forget any approval (the person signed in changed), and tell the parts."""
        self._timer.stop()
        self.approval = None
        self.changed.emit()

    def _arm(self) -> None:
        if self.approval is None:
            return
        left = self.approval.expires_at - self._access.clock()
        self._timer.start(max(int(left.total_seconds() * 1000), 0) + _SLACK_MS)

    def _check(self) -> None:
        if self.approval is None:
            return
        if self.approval.expires_at > self._access.clock():
            self._arm()  # the shop's clock says it has not run out yet: look again then
            return
        self.approval = None
        self.changed.emit()

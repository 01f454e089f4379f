"""The owner's approval: a PIN typed on the spot when a service refuses a cashier.

:class:`Approvals` runs a service call; when the service says ``PermissionDenied``
it shows :class:`ApprovalDialog`, and runs the call again with the owner's approval.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission, describe
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.people.access import AccessControl, Approval, PermissionDenied
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.widgets.fields import pin_field

Result = TypeVar("Result")


class NotApproved(UserError):
    """Nobody approved: the owner's PIN was not given."""

    def __init__(self) -> None:
        """Say that nothing was done."""
        super().__init__(_("Not approved: nothing was done."))


class ApprovalDialog(QDialog):
    """An owner types their PIN to let the person at the till do one thing now.

    The PIN is checked off the GUI thread (the check is slow on purpose);
    ``approval`` holds the owner's approval once it was given.
    """

    def __init__(
        self,
        parent: QWidget | None,
        access: AccessControl,
        needed: frozenset[Permission],
        reason: str = "",
    ) -> None:
        """Ask an owner to approve ``needed``, saying ``reason``."""
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setAccessibleName(_("Owner approval"))
        self.setWindowTitle(_("Owner approval"))
        self.setMinimumWidth(460)
        self.approval: Approval | None = None
        self._access = access
        self._needed = needed
        self._background = Jobs(self)
        title = QLabel(_("Owner approval needed"))
        title.setObjectName("approvalTitle")
        what = QLabel(
            reason or _("Only an owner may {what}.").format(what=describe(needed)),
        )
        what.setObjectName("approvalReason")
        what.setWordWrap(True)
        self.owner = QComboBox()
        self.owner.setObjectName("approvalOwner")
        self.owner.setAccessibleName(_("Owner"))
        for name in access.owners():
            self.owner.addItem(name, name)
        self.pin = pin_field("approvalPin", _("Owner's PIN"))
        self.pin.setPlaceholderText(_("Owner's PIN"))
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        owner_label = QLabel(_("&Owner:"))
        owner_label.setBuddy(self.owner)
        form.addRow(owner_label, self.owner)
        owner_label.setVisible(self.owner.count() > 1)
        self.owner.setVisible(self.owner.count() > 1)
        pin_label = QLabel(_("&PIN:"))
        pin_label.setBuddy(self.pin)
        form.addRow(pin_label, self.pin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Approve  Enter"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel  Esc"))
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.pin.setFocus()

    def check(self) -> None:
        """Check the PIN typed, in the background; close once it is right."""
        pin = self.pin.text()
        if not pin:
            self.problem.setText(_("Type the owner's PIN."))
            return
        owner = self.owner.currentData()
        self._set_busy(True)
        self.problem.setText(_("Checking..."))
        self._background.run(
            lambda: self._access.approve(pin, self._needed, owner=owner),
            self._approved,
            self._refused,
        )

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the PIN check is done (for tests)."""
        return self._background.wait(msecs)

    def _approved(self, approval: Approval) -> None:
        if not self.isVisible():
            return  # cancelled while the PIN was being checked
        self.approval = approval
        self._set_busy(False)
        self.accept()

    def _refused(self, message: str) -> None:
        self._set_busy(False)
        self.problem.setText(message)
        self.pin.clear()
        self.pin.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.pin.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        access: AccessControl,
        needed: frozenset[Permission],
        reason: str = "",
    ) -> Approval | None:
        """The owner's approval of ``needed``, or None when cancelled."""
        if not access.owners():
            return None
        dialog = cls(parent, access, needed, reason)
        dialog.exec()
        dialog.wait()
        return dialog.approval


@dataclass(frozen=True, slots=True)
class Granted:
    """Work may go ahead; with ``approval`` when it needed an owner's."""

    approval: Approval | None


class Approvals:
    """Runs service calls for a screen, asking an owner on the spot when a call is refused."""

    def __init__(self, access: AccessControl, parent: QWidget) -> None:
        """Ask over ``parent`` for approvals ``access`` can give."""
        self.access = access
        self._parent = parent

    def run(self, call: Callable[[Approval | None], Result]) -> Result:
        """``call(None)``; if refused, ``call(approval)`` once an owner approved.

        Raises NotApproved when the owner's PIN is not given, and any other
        UserError the call raises.
        """
        try:
            return call(None)
        except PermissionDenied as refused:
            needed, reason = refused.needed, refused.message
            approval = ApprovalDialog.ask(self._parent, self.access, needed, reason)
            if approval is None:
                raise NotApproved from refused
            return call(approval)

    def granted(self, *permissions: Permission, tell: Callable[[str], None]) -> Granted | None:
        """The go-ahead for work needing ``permissions``; None, after ``tell`` why, without it.

        For work that then runs later or off the GUI thread: it carries
        ``Granted.approval``, the owner's approval, or None when none is needed.
        """
        needed = frozenset(p for p in permissions if not self.access.may(p))
        if not needed:
            return Granted(None)
        approval = ApprovalDialog.ask(self._parent, self.access, needed)
        if approval is None:
            tell(NotApproved().message)
            return None
        return Granted(approval)


def run_with_approvals(
    approvals: Approvals | None, call: Callable[[Approval | None], Result]
) -> Result:
    """``approvals.run(call)``; ``call(None)`` where there is nobody to ask (first-run setup)."""
    return call(None) if approvals is None else approvals.run(call)

"""The restore dialog: pick a backup, see what it holds, and only then replace the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.safety.backups import (
    BackupFile,
    BackupService,
    kind_label,
    local_time,
    preview_lines,
)
from bazaar_pos.ui.common import dialogs


class RestoreDialog(QDialog):
    """Lists the backups; the preview shows the chosen one's date, sales and last sale."""

    def __init__(self, backups: BackupService, parent: QWidget | None = None) -> None:
        """Offer the backups known to ``backups``."""
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from a backup"))
        self.setAccessibleName(_("Restore from a backup"))
        self._backups = backups
        self.chosen: Path | None = None
        heading = QLabel(_("Restore from a backup"))
        heading.setObjectName("dialogHeading")
        list_label = QLabel(_("&Backups, newest first:"))
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(_("Backups"))
        # A long folder is cut in its middle (whole in the tooltip), never scrolled sideways.
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        list_label.setBuddy(self.list)
        for found in backups.list_backups():
            item = QListWidgetItem(_item_text(found))
            item.setData(Qt.ItemDataRole.UserRole, str(found.path))
            item.setToolTip(str(found.path))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._current_changed)
        self.other = QPushButton(_("&Choose another file…"))
        self.other.setObjectName("chooseBackupFile")
        self.other.setAccessibleName(_("Choose another backup file"))
        self.other.clicked.connect(self.choose_file)
        self.preview = QLabel()
        self.preview.setObjectName("backupPreview")
        self.preview.setAccessibleName(_("What the backup holds"))
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setMinimumHeight(120)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        note = QLabel(
            _(
                "Restoring replaces everything in the shop with the backup: sales made "
                "after it are no longer in the shop. The current database is kept in "
                "{folder}, so you can restore it again if this was a mistake."
            ).format(folder=backups.folder)
        )
        note.setObjectName("restoreNote")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.buttons.setObjectName("restoreButtons")
        self.restore_button = self.buttons.addButton(
            _("&Restore this backup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName(_("Restore this backup"))
        self.restore_button.setEnabled(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelRestore")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.other, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.preview)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(640, 560)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.preview.setText(
                _("No backups yet in {folder}. Choose a backup file instead.").format(
                    folder=backups.folder
                )
            )
        self.list.setFocus()

    def show_preview(self, path: Path) -> bool:
        """Preview ``path``; enable Restore only for a valid backup. Return whether it is."""
        try:
            info = self._backups.inspect(path)
        except UserError as exc:
            self.chosen = None
            self.preview.setProperty("problem", True)
            self.preview.setText(
                _("This file cannot be restored: {reason}").format(reason=exc.message)
            )
            self.restore_button.setEnabled(False)
            self._repolish()
            return False
        self.chosen = path
        self.preview.setProperty("problem", False)
        self.preview.setText("\n".join(preview_lines(info)))
        self.restore_button.setEnabled(True)
        self._repolish()
        return True

    def _repolish(self) -> None:
        """Apply the style sheet's rules for the preview's new ``problem`` property."""
        self.preview.style().unpolish(self.preview)
        self.preview.style().polish(self.preview)

    def choose_file(self) -> None:
        """Pick a backup file anywhere (a USB stick) and preview it."""
        path = dialogs.open_file(
            self,
            _("Choose a backup"),
            _("Bazaar POS databases (*.sqlite *.db);;All files (*)"),
            kind=dialogs.FileKind.BACKUP,
            start=self._backups.folder,
        )
        if path is not None:
            self.list.clearSelection()
            self.show_preview(path)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.show_preview(Path(current.data(Qt.ItemDataRole.UserRole)))

    @classmethod
    def ask(cls, parent: QWidget | None, backups: BackupService) -> Path | None:
        """Let the person pick a backup; return it, or None when they cancel."""
        dialog = cls(backups, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen
        return None


def _item_text(found: BackupFile) -> str:
    return _("{when} — {kind} — {folder}").format(
        when=local_time(found.made_at), kind=kind_label(found.kind), folder=found.path.parent
    )

"""Qt's own words (standard buttons, file dialogs, edit menus) and QLocale follow the language.

PySide6 ships no Indonesian catalogue for Qt itself, so these come from the
app's catalogue, each under ``msgctxt`` set to the Qt context that asks for it
(``QPlatformTheme``, ``QFileDialog``…), apart from the app's own words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from bazaar_pos.i18n import (
    current_language,
    no_longer_when_language_changes,
    pgettext,
    when_language_changes,
)

QT_CONTEXTS = frozenset(
    {
        "QPlatformTheme",
        "QMessageBox",
        "QFileDialog",
        "QFileSystemModel",
        "QAbstractFileIconProvider",
        "QLineEdit",
        "QWidgetTextControl",
        "QAbstractSpinBox",
        "QScrollBar",
        "QWizard",
    }
)
"""The Qt contexts answered from the catalogue; key names (``QShortcut``) stay Qt's own."""


def qt_texts() -> list[str]:
    """Qt's source texts that the catalogue answers, translated (this list feeds the extractor)."""
    return [
        # Standard buttons: QDialogButtonBox, QMessageBox, the file dialog.
        pgettext("QPlatformTheme", "OK"),
        pgettext("QPlatformTheme", "Save"),
        pgettext("QPlatformTheme", "Save All"),
        pgettext("QPlatformTheme", "Open"),
        pgettext("QPlatformTheme", "&Yes"),
        pgettext("QPlatformTheme", "Yes to &All"),
        pgettext("QPlatformTheme", "&No"),
        pgettext("QPlatformTheme", "N&o to All"),
        pgettext("QPlatformTheme", "Abort"),
        pgettext("QPlatformTheme", "Retry"),
        pgettext("QPlatformTheme", "Ignore"),
        pgettext("QPlatformTheme", "Close"),
        pgettext("QPlatformTheme", "Cancel"),
        pgettext("QPlatformTheme", "Discard"),
        pgettext("QPlatformTheme", "Help"),
        pgettext("QPlatformTheme", "Apply"),
        pgettext("QPlatformTheme", "Reset"),
        pgettext("QPlatformTheme", "Restore Defaults"),
        pgettext("QMessageBox", "Show Details..."),
        pgettext("QMessageBox", "Hide Details..."),
        # Qt's own file dialog (used where the desktop offers none).
        pgettext("QFileDialog", "&Look in:"),
        pgettext("QFileDialog", "File &name:"),
        pgettext("QFileDialog", "Files of &type:"),
        pgettext("QFileDialog", "&Save"),
        pgettext("QFileDialog", "&Open"),
        pgettext("QFileDialog", "&Choose"),
        pgettext("QFileDialog", "Open"),
        pgettext("QFileDialog", "Save As"),
        pgettext("QFileDialog", "Find Directory"),
        pgettext("QFileDialog", "Back"),
        pgettext("QFileDialog", "Forward"),
        pgettext("QFileDialog", "Parent Directory"),
        pgettext("QFileDialog", "Create New Folder"),
        pgettext("QFileDialog", "List View"),
        pgettext("QFileDialog", "Detail View"),
        pgettext("QFileDialog", "Go back"),
        pgettext("QFileDialog", "Go forward"),
        pgettext("QFileDialog", "Go to the parent directory"),
        pgettext("QFileDialog", "Create a New Folder"),
        pgettext("QFileDialog", "Change to list view mode"),
        pgettext("QFileDialog", "Change to detail view mode"),
        pgettext("QFileDialog", "Sidebar"),
        pgettext("QFileDialog", "List of places and bookmarks"),
        pgettext("QFileDialog", "Recent Places"),
        pgettext("QFileDialog", "Files"),
        pgettext("QFileDialog", "Directories"),
        pgettext("QFileDialog", "Directory:"),
        pgettext("QFileDialog", "New Folder"),
        pgettext("QFileDialog", "&New Folder"),
        pgettext("QFileDialog", "&Rename"),
        pgettext("QFileDialog", "&Delete"),
        pgettext("QFileDialog", "Delete"),
        pgettext("QFileDialog", "Remove"),
        pgettext("QFileDialog", "Show &hidden files"),
        pgettext("QFileDialog", "Show "),
        pgettext("QFileDialog", "All Files (*)"),
        pgettext("QFileDialog", "All files (*)"),
        pgettext("QFileDialog", "%1 already exists.\nDo you want to replace it?"),
        pgettext("QFileDialog", "Are you sure you want to delete '%1'?"),
        pgettext("QFileDialog", "'%1' is write protected.\nDo you want to delete it anyway?"),
        pgettext("QFileDialog", "Could not delete directory."),
        pgettext(
            "QFileDialog",
            "%1\nDirectory not found.\nPlease verify the correct directory name was given.",
        ),
        pgettext(
            "QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."
        ),
        pgettext("QFileSystemModel", "Name"),
        pgettext("QFileSystemModel", "Size"),
        pgettext("QFileSystemModel", "Type"),
        pgettext("QFileSystemModel", "Kind"),
        pgettext("QFileSystemModel", "Date Modified"),
        pgettext("QFileSystemModel", "Computer"),
        pgettext("QFileSystemModel", "My Computer"),
        pgettext("QAbstractFileIconProvider", "Drive"),
        pgettext("QAbstractFileIconProvider", "Folder"),
        pgettext("QAbstractFileIconProvider", "File Folder"),
        pgettext("QAbstractFileIconProvider", "File"),
        pgettext("QAbstractFileIconProvider", "Shortcut"),
        pgettext("QAbstractFileIconProvider", "Alias"),
        pgettext("QAbstractFileIconProvider", "Unknown"),
        # The right-click menus of text fields, spin boxes and scroll bars.
        pgettext("QLineEdit", "&Undo"),
        pgettext("QLineEdit", "&Redo"),
        pgettext("QLineEdit", "Cu&t"),
        pgettext("QLineEdit", "&Copy"),
        pgettext("QLineEdit", "&Paste"),
        pgettext("QLineEdit", "Delete"),
        pgettext("QLineEdit", "Select All"),
        pgettext("QWidgetTextControl", "&Undo"),
        pgettext("QWidgetTextControl", "&Redo"),
        pgettext("QWidgetTextControl", "Cu&t"),
        pgettext("QWidgetTextControl", "&Copy"),
        pgettext("QWidgetTextControl", "Copy &Link Location"),
        pgettext("QWidgetTextControl", "&Paste"),
        pgettext("QWidgetTextControl", "Delete"),
        pgettext("QWidgetTextControl", "Select All"),
        pgettext("QAbstractSpinBox", "&Select All"),
        pgettext("QAbstractSpinBox", "&Step up"),
        pgettext("QAbstractSpinBox", "Step &down"),
        pgettext("QScrollBar", "Scroll here"),
        pgettext("QScrollBar", "Left edge"),
        pgettext("QScrollBar", "Top"),
        pgettext("QScrollBar", "Right edge"),
        pgettext("QScrollBar", "Bottom"),
        pgettext("QScrollBar", "Page left"),
        pgettext("QScrollBar", "Page up"),
        pgettext("QScrollBar", "Page right"),
        pgettext("QScrollBar", "Page down"),
        pgettext("QScrollBar", "Scroll left"),
        pgettext("QScrollBar", "Scroll up"),
        pgettext("QScrollBar", "Scroll right"),
        pgettext("QScrollBar", "Scroll down"),
        # The wizard's buttons the setup does not name itself.
        pgettext("QWizard", "< &Back"),
        pgettext("QWizard", "&Next >"),
        pgettext("QWizard", "&Finish"),
        pgettext("QWizard", "Cancel"),
        pgettext("QWizard", "Help"),
    ]


class QtWords(QTranslator):
    """Answers Qt's own contexts from the app's catalogue, in the language of the moment."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The catalogue's text, or None so Qt keeps its own (English) text."""
        if context not in QT_CONTEXTS:
            return None
        translated = pgettext(context, source_text)
        return translated if translated != source_text else None

    def isEmpty(self) -> bool:
        """Never empty: the catalogue behind it answers."""
        return False


_installed: dict[str, QtWords] = {}


def follow_language(language: str) -> None:
    """Make ``language`` the default QLocale: date pickers' month names and formats follow it."""
    QLocale.setDefault(QLocale(language))


def speak_qt_language(app: QCoreApplication) -> None:
    """Install the Qt words translator on ``app`` (once) and keep QLocale on the app's language.

    Call it before the first window is built: open widgets keep the words they
    were made with, and the app asks for a restart to switch language anyway.
    """
    words = _installed.get("words")
    if words is None or words.parent() is not app:
        words = QtWords(app)
        app.installTranslator(words)
        _installed["words"] = words
    follow_language(current_language())
    when_language_changes(follow_language)


def stop_speaking_qt_language(app: QCoreApplication) -> None:
    """Undo ``speak_qt_language``: Qt's own English words and the system's QLocale again."""
    words = _installed.pop("words", None)
    if words is not None:
        app.removeTranslator(words)
    no_longer_when_language_changes(follow_language)
    QLocale.setDefault(QLocale.system())

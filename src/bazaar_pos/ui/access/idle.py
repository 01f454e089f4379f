"""Notice when nobody has touched the keyboard or mouse for a while, to lock the till."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)

MILLISECONDS_A_MINUTE = 60_000


class IdleWatcher(QObject):
    """Watches the whole app's input; ``idle()`` after the set minutes without any.

    It looks at the app's events only while it counts, so a till nobody signs
    in to (or a watcher stopped) adds nothing to each key press and repaint.

    Signals:
        idle(): nobody typed, clicked or moved the mouse for the set time.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        """Watch the running application; off until :meth:`set_minutes`."""
        super().__init__(parent)
        self.setObjectName("idleWatcher")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.watching = False
        """True while the app's events are watched (from set_minutes until stop)."""

    def set_minutes(self, minutes: int) -> None:
        """Fire after ``minutes`` idle (0 never fires)."""
        self.set_interval(minutes * MILLISECONDS_A_MINUTE)

    def set_interval(self, milliseconds: int) -> None:
        """Fire after ``milliseconds`` idle (0 never fires)."""
        self.timer.stop()
        if milliseconds > 0:
            self.timer.setInterval(milliseconds)
            self.timer.start()
        self._watch(milliseconds > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the count on every key, click and mouse move."""
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        """Stop watching until :meth:`set_minutes` again."""
        self.timer.stop()
        self._watch(False)

    def _watch(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self.watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self.watching = on

"""The app's light, high-contrast look, readable in daylight at an outdoor stall."""

STYLE_SHEET = """
QWidget { font-size: 11pt; }
QLabel#screenTitle { font-size: 20pt; font-weight: 600; padding: 4px 0 8px 0; }
QLabel#screenNote { color: #555; }
QListWidget#navigation { font-size: 13pt; border: none; background: #f1f3f5; }
QListWidget#navigation::item { padding: 12px 10px; }
QListWidget#navigation::item:selected { background: #1c7c54; color: white; }
QFrame[role="figure"] { background: white; border: 1px solid #d5dbe1; border-radius: 4px; }
QLabel#figureLabel { color: #616e7c; font-size: 9pt; }
QLabel#figureValue { font-size: 14pt; font-weight: 600; }
QLabel#reportStatus { color: #1c7c54; }
QProgressBar { border: 1px solid #d5dbe1; border-radius: 3px; background: white;
               text-align: center; min-height: 20px; }
QProgressBar::chunk { background: #1c7c54; }
QTableView { gridline-color: #e0e0e0; selection-background-color: #cfe8dc;
             selection-color: black; }
"""

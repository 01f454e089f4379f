"""The app's light, high-contrast look, readable in daylight at an outdoor stall."""

STYLE_SHEET = """
QWidget { font-size: 11pt; }
QLabel#screenTitle { font-size: 20pt; font-weight: 600; padding: 4px 0 8px 0; }
QLabel#screenNote { color: #555; }
QListWidget#navigation { font-size: 13pt; border: none; background: #f1f3f5; }
QListWidget#navigation::item { padding: 12px 10px; }
QListWidget#navigation::item:selected { background: #1c7c54; color: white; }
QLabel#dialogHeading { font-size: 14pt; font-weight: 600; }
QLabel#locationWarning { color: #8a4b00; font-weight: 600; padding: 0 12px; }
QLabel#backupStatus { padding: 0 6px; }
QLabel#backupPreview { background: #f6f8f7; border: 1px solid #d0d7d3; padding: 8px; }
QLabel#backupPreview[problem="true"] { color: #b00020; }
QTableView { gridline-color: #e0e0e0; selection-background-color: #cfe8dc;
             selection-color: black; }
"""

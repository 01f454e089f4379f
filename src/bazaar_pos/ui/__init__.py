"""The PySide6 GUI: screens, widgets and item models. No SQL here; it calls services."""

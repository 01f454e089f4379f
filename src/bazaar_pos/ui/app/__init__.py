"""The application shell: the main window, the style sheet and the reporter of unexpected errors."""

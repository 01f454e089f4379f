"""Backups in the GUI: running them in the background and the restore dialog."""

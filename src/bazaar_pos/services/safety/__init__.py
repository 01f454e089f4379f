"""Keeping the shop safe: backups and restore, risky folders, checking the database."""

"""Plumbing every screen shares: dialogs, background jobs, operations and formatting."""

"""Persistence: typed SQLAlchemy models, the database and its migrations."""

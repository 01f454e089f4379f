"""Alembic migrations, shipped inside the package and applied when the app opens a database."""

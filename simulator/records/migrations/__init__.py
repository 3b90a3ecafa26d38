"""Alembic migrations of the records store, shipped in the package (no alembic.ini needed)."""

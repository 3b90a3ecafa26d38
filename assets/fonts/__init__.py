"""Fonts shipped with the window (see ../LICENSES.md)."""

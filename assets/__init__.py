"""Shipped assets: fonts, sounds, images (see LICENSES.md beside this module)."""

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent

"""The shipped scenario library (YAML files beside this module)."""

from pathlib import Path

LIBRARY_DIR = Path(__file__).resolve().parent

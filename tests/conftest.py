"""Shared test set-up: headless SDL, and where the spec's examples live."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Calls played by tests are recorded in a throwaway store, as a named trainee (no prompt).
if "CALLSIM_DB" not in os.environ:
    _records = tempfile.mkdtemp(prefix="callsim-tests-")
    atexit.register(shutil.rmtree, _records, True)
    os.environ["CALLSIM_DB"] = os.path.join(_records, "r.db")
os.environ.setdefault("CALLSIM_TRAINEE", "Test Trainee")

ROOT = Path(__file__).resolve().parent.parent
SPEC_EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"

"""Shared test set-up: headless SDL, and where the spec's examples live."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Calls played by tests are recorded in a throwaway store, as a named trainee (no prompt).
os.environ.setdefault("CALLSIM_DB", os.path.join(tempfile.mkdtemp(prefix="callsim-tests-"), "r.db"))
os.environ.setdefault("CALLSIM_TRAINEE", "Test Trainee")

ROOT = Path(__file__).resolve().parent.parent
SPEC_EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"

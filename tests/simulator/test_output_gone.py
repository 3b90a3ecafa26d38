"""A call whose terminal output fails mid-call (`callsim play ... | head -2`, a full disk) is
kept as interrupted, as Ctrl-C keeps it, not left "in progress" (red team 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_a_closed_pipe_keeps_the_call_as_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "records.db"
    play = [sys.executable, "-m", "simulator.cli", "play", "--autoplay", "ideal", "--ui",
            "terminal", "--trainee", "Ann", "--db", str(db)]  # fmt: skip
    proc = subprocess.Popen(
        play, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
             "HOME": str(tmp_path), "SDL_AUDIODRIVER": "dummy", "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -2` does
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err, err.decode()
    out = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "history", "--json", "--db", str(db)],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
             "HOME": str(tmp_path)},
    )  # fmt: skip
    calls = json.loads(out.stdout)
    rows = calls if isinstance(calls, list) else calls.get("calls", [])
    assert [c.get("outcome") or c.get("ended") for c in rows] == ["interrupted"], out.stdout

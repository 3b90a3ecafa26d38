"""The recogniser's pronunciations and the caller's voice share one eSpeak library: spelling
words out as phonemes must not cut the caller's next line short. It did: in a process whose
eSpeak had only spelled words (the domain model learning new words), the first line spoken came
out 0.55 s long instead of 2.5 s, and tests/listen/test_listen_context.py heard "scared". Each
case runs in a fresh process, as that state is the library's, once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEAK = """
import sys
from simulator.voice.profile import VoiceProfile
from simulator.voice.tts import EspeakSynthesizer
if sys.argv[1] == "spell first":  # the domain model built from nothing: words spelled
    from simulator.listen.recogniser import build_domain_recogniser
    build_domain_recogniser()
line = "is there anything else i can help you with today"
print(EspeakSynthesizer().synthesize(line, VoiceProfile(variant="m3")).duration)
"""


def _spoken_seconds(how: str, cache: Path) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}  # no model cached: every word spelled
    done = subprocess.run(
        [sys.executable, "-c", SPEAK, how],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env=env,
    )
    return float(done.stdout.strip().splitlines()[-1])


@pytest.mark.audio
@pytest.mark.slow
def test_phonemes_first_leave_the_next_line_whole(tmp_path: Path):
    whole = _spoken_seconds("speak", tmp_path / "a")
    assert _spoken_seconds("spell first", tmp_path / "b") == pytest.approx(whole, abs=0.05)

"""End to end with no microphone: SDL's `disk` audio driver reads a recorded agent line as if
from a microphone; push-to-talk in the window captures it through SDL, PocketSphinx
recognises it and the engine answers (issue 16). In a subprocess, so the SDL environment
does not reach other tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from listen_audio import silence, with_noise

from simulator.listen.recogniser import RATE, to_16k
from simulator.voice.audio import Audio
from simulator.voice.profile import VoiceProfile

LINE = "Thank you for calling Fernwood Garden Supply, may I have your name?"
DRIVER = Path(__file__).with_name("mic_e2e_driver.py")


@pytest.mark.audio
@pytest.mark.slow
def test_a_line_spoken_into_the_microphone_is_heard_and_the_caller_answers(synth, tmp_path):
    spoken = with_noise(synth.synthesize(LINE, VoiceProfile(variant="m3")), 30)
    pcm = to_16k(silence(0.4, RATE)) + to_16k(spoken) + to_16k(silence(0.8, RATE))
    raw = tmp_path / "microphone.raw"  # the device's format: 16 kHz mono signed 16-bit
    raw.write_bytes(with_noise(Audio(pcm, RATE), 40, seed=1).pcm)
    env = dict(os.environ)
    env.update(
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILEIN=str(raw),
        SDL_DISKAUDIOFILE=str(tmp_path / "played.raw"),
        SDL_DISKAUDIODELAY="16",  # a 32 ms block every 16 ms: all of it arrives while held
        SDL_VIDEODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    hold_s = 0.6 * len(pcm) / 2 / RATE + 0.5  # the file arrives at twice real time
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(tmp_path / "calls"), f"{hold_s:.2f}"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "error" not in result, result
    lines = result["lines"]
    agent = [i for i, (speaker, _text) in enumerate(lines) if speaker == "agent"]
    assert agent, lines
    heard = lines[agent[0]][1].lower()
    assert "fernwood" in heard  # the recogniser heard the line (eSpeak's run-to-run drift
    assert "name" in heard  # may change a word; these carry the greeting and the ask)
    assert any(speaker == "caller" for speaker, _ in lines[agent[0] + 1 :]), lines  # answered
    assert result["meter"] > 0.3  # the level meter moved while the trainee spoke

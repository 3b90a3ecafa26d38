"""The speech benchmark's own bookkeeping: learning within a call, kept audio (no decoding)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_speech

    return bench_speech


class _FakeSession:
    """Learns after every turn once ``min_new_seconds`` turns have come (a turn is a second)."""

    def __init__(self, min_new_seconds=15.0, keep_seconds=120.0):
        self.min_new_seconds, self.new, self.learnt, self.folder = min_new_seconds, 0, 0, None

    def add(self, pcm, text):
        self.new += 1

    def learn_if_due(self, background=True):
        if self.new < self.min_new_seconds:
            return False
        self.new, self.learnt = 0, self.learnt + 1
        (self.folder / "session.means").write_text(f"learning {self.learnt}")
        return True

    def config(self):
        return {"mean": str(self.folder / "session.means")} if self.learnt else {}


def test_within_call_rows_learn_after_enough_speech_and_use_it_from_the_turn_after_next(
    monkeypatch, tmp_path
):
    bench = _bench()
    monkeypatch.setattr(bench, "SessionAdapter", lambda *a: _fake(tmp_path, *a))
    assert bench.within_call("adapting6") == 6.0
    assert bench.within_call("adapting") is None
    assert bench.within_call("domain") is None
    sessions = bench.Sessions(2.0)
    used = []
    for _turn in range(6):
        config = sessions.config("m3")
        used.append(Path(config["mean"]).read_text() if config else "")
        sessions.heard("m3", b"\0\0", "hello", end_of_call=False)
    # learnt after turns 2 and 4; each used from the turn after next, its own copy kept
    assert used == ["", "", "", "learning 1", "learning 1", "learning 2"]


def test_between_calls_rows_learn_only_at_the_end_of_a_call(monkeypatch, tmp_path):
    bench = _bench()
    monkeypatch.setattr(bench, "SessionAdapter", lambda *a: _fake(tmp_path, 2.0))
    sessions = bench.Sessions(None)
    sessions.heard("f5", b"\0\0", "hello", end_of_call=False)
    sessions.heard("f5", b"\0\0", "hello", end_of_call=False)
    assert sessions.config("f5") == {}
    sessions.heard("f5", b"\0\0", "hello", end_of_call=True)
    assert sessions.config("f5") == {"mean": str(tmp_path / "session.means")}


def _fake(folder, *args):
    session = _FakeSession(*args)
    session.folder = folder
    return session


def test_kept_audio_is_the_same_audio_the_next_time(monkeypatch, tmp_path):
    from simulator.voice.audio import Audio
    from simulator.voice.profile import VoiceProfile

    bench = _bench()
    made = []

    class Synth:
        def synthesize(self, text, voice):
            made.append(text)
            return Audio(bytes([len(made)]) * 800, 16000)

    monkeypatch.setattr(bench, "AUDIO_CACHE", tmp_path)
    voice = VoiceProfile(variant="m3")
    first = bench.line_audio(Synth(), "Thanks for holding.", voice, None, 1)
    again = bench.line_audio(Synth(), "Thanks for holding.", voice, None, 1)
    other = bench.line_audio(Synth(), "Thanks for holding.", voice, None, 2)
    assert made == ["Thanks for holding.", "Thanks for holding."]  # the seed is part of the key
    assert again == first
    assert other != first

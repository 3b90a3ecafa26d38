"""`--recogniser NAME`: any recogniser SpeechRecognition offers, its `AudioData` the audio handed
over; callsim's own as the default; a clear one-line error when one cannot be used."""

from __future__ import annotations

import importlib.util
import json

import pytest
from listen_audio import with_noise

from simulator.cli import main
from simulator.listen import engines, listeners
from simulator.listen.engines import EngineError, check_engine, engine_names, open_engine
from simulator.voice.audio import Audio
from simulator.voice.profile import VoiceProfile

HOLD = "May I place you on a brief hold while I check your order?"


@pytest.fixture
def fake_engine(monkeypatch):
    """A local recogniser called `fake` that records the AudioData it was given."""
    sr = engines._speech_recognition()
    given: list[sr.AudioData] = []

    def recognize_fake(self, audio_data, **options):
        given.append(audio_data)
        return "May I place you on hold, please?"

    monkeypatch.setattr(sr.Recognizer, "recognize_fake", recognize_fake, raising=False)
    monkeypatch.setitem(engines.LOCAL, "fake", "speech_recognition")
    return given


def test_callsim_and_speechrecognitions_recognisers_are_offered():
    names = engine_names()
    assert names[0] == "callsim"
    assert {"sphinx", "whisper", "vosk", "google"} <= set(names)
    assert "api" not in names
    assert "listen" not in names


def test_a_recogniser_that_cannot_be_used_is_one_clear_line(monkeypatch, tmp_path):
    with pytest.raises(EngineError, match="no recogniser 'nope'; choose one of: callsim, "):
        check_engine("nope")
    with pytest.raises(EngineError, match="online service.*--allow-online"):
        check_engine("google")
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n, *a: None if n == "whisper" else real_find_spec(n)
    )
    with pytest.raises(EngineError, match="'whisper' needs whisper, which is not installed"):
        check_engine("whisper")
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: object())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with pytest.raises(EngineError, match="no local Whisper model 'base'.*does not download"):
        check_engine("whisper")
    (tmp_path / "whisper").mkdir()
    (tmp_path / "whisper" / "base.pt").write_bytes(b"model")
    check_engine("whisper")  # a model the user already has: allowed


def test_each_turn_reaches_the_recogniser_as_audio_data(fake_engine):
    recogniser = open_engine("fake")
    recogniser.start()
    recogniser.feed(b"\1\0" * 8000)
    result = recogniser.finish()
    assert result.text == "may i place you on hold please"  # words as callsim's own gives them
    assert result.audio_seconds == pytest.approx(0.5)
    data = fake_engine[0]
    assert (data.sample_rate, data.sample_width) == (16000, 2)
    assert data.get_raw_data() == b"\1\0" * 8000


@pytest.mark.audio
def test_transcribe_with_another_recogniser_gives_its_words_and_their_acts(
    fake_engine, synth, tmp_path, capsys
):
    wav = with_noise(synth.synthesize(HOLD, VoiceProfile(variant="f5")), 30).write_wav(
        tmp_path / "hold.wav"
    )
    assert main(["transcribe", str(wav), "--recogniser", "fake", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["text"] == "may i place you on hold please"
    assert "ask_hold" in report["acts"]
    assert len(fake_engine) == 1  # one turn, handed over whole


def test_transcribe_and_play_refuse_a_recogniser_they_cannot_use(tmp_path, capsys):
    wav = Audio(b"\0\0" * 16000, 16000).write_wav(tmp_path / "x.wav")
    assert main(["transcribe", str(wav), "--recogniser", "google"]) == 2
    assert main(["play", "--autoplay", "ideal", "--recogniser", "nope"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("callsim transcribe: recogniser 'google' is an online service")
    assert any(line.startswith("callsim play: no recogniser 'nope'") for line in err)
    assert "Traceback" not in "\n".join(err)


def test_the_window_listens_with_the_chosen_recogniser(fake_engine, monkeypatch):
    monkeypatch.setattr(
        listeners, "open_capture", lambda _d=None: (lambda: b"\0" * 960, lambda: None)
    )
    monkeypatch.setattr(engines, "_chosen", [("fake", False)])
    factory, reason = listeners.push_to_talk_factory()
    assert factory is not None, reason
    presses = iter([True] * 5 + [False] * 100)
    listener = factory(lambda: next(presses), None)
    heard = listener.listen()
    assert isinstance(listener.recogniser, engines.EngineRecogniser)
    assert heard is not None
    assert "ask_hold" in heard.acts

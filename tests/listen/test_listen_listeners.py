"""Listeners on real audio and their degradation paths."""

import sys

import pytest
from listen_audio import silence, with_noise

from simulator.listen import capture
from simulator.listen.listeners import (
    DIDNT_CATCH,
    Heard,
    ListenerUnavailable,
    MicrophoneListener,
    WavFileListener,
    open_microphone,
)
from simulator.voice.audio import Audio
from simulator.voice.profile import VoiceProfile


@pytest.mark.audio
def test_a_recording_with_two_turns_gives_two_heard_turns(synth, recogniser, tmp_path):
    first = synth.synthesize("May I place you on a brief hold?", VoiceProfile(variant="f5"))
    second = synth.synthesize("Thank you for holding.", VoiceProfile(variant="m3"))
    audio = Audio(first.pcm + silence(1.2).pcm + second.pcm, first.rate)
    with_noise(audio, 30).write_wav(tmp_path / "call.wav")
    turns = list(WavFileListener(tmp_path / "call.wav", recogniser))
    assert len(turns) == 2
    assert turns[0].started_at < first.duration < turns[1].started_at
    # Each turn is recognised on its own audio: its act, never the other turn's. (eSpeak's
    # waveform drifts between runs, so one line alone may slip; accuracy over many lines
    # is checked in test_listen_recognition.)
    assert (turns[0].acts | turns[1].acts) & {"ask_hold", "thank_for_holding"}
    assert "thank_for_holding" not in turns[0].acts
    assert "ask_hold" not in turns[1].acts
    assert all(t.caught for t in turns)


@pytest.mark.audio
def test_silence_is_no_turn_at_all(recogniser):
    listener = WavFileListener(silence(2.0), recogniser)
    assert listener.listen() is None


def test_nothing_recognised_means_the_caller_asks_again():
    heard = Heard("", frozenset(), 1.0, 2.0, 0.1)
    assert not heard.caught
    assert DIDNT_CATCH == "Sorry, I didn't catch that."


def _without_sdl(monkeypatch):
    """As on a machine where SDL finds no microphone: PyAudio and sounddevice are tried."""
    backends = tuple(b for b in capture.BACKENDS if b[0] != "SDL")
    monkeypatch.setattr(capture, "BACKENDS", backends)


def test_no_audio_input_library_is_a_reason_not_a_crash(monkeypatch):
    _without_sdl(monkeypatch)
    monkeypatch.setitem(sys.modules, "pyaudio", None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(ListenerUnavailable, match="PyAudio not installed"):
        MicrophoneListener(recogniser=None)  # type: ignore[arg-type]
    listener, reason = open_microphone(lambda: None)  # type: ignore[arg-type,return-value]
    assert listener is None
    assert reason is not None
    assert "choices and typing" in reason


def test_a_broken_audio_library_is_reported_with_its_reason(monkeypatch):
    class Broken:
        def __getattr__(self, name):
            raise OSError("PortAudio library not found")

    _without_sdl(monkeypatch)
    monkeypatch.setitem(sys.modules, "pyaudio", None)
    monkeypatch.setitem(sys.modules, "sounddevice", Broken())
    listener, reason = open_microphone(lambda: None)  # type: ignore[arg-type,return-value]
    assert listener is None
    assert reason is not None
    assert "PortAudio library not found" in reason


def _live(audio, lead_s: float = 0.5, tail_s: float = 1.5):
    """A stand-in microphone: plays ``audio`` as 30 ms reads, silence around it."""
    from simulator.listen.recogniser import comfort_noise, to_16k

    pcm = comfort_noise(
        b"\0\0" * int(16000 * lead_s) + to_16k(audio) + b"\0\0" * int(16000 * tail_s)
    )
    blocks = [pcm[i : i + 960] for i in range(0, len(pcm), 960)]
    state = {"i": 0}

    def read() -> bytes:
        block = blocks[min(state["i"], len(blocks) - 1)]
        state["i"] += 1
        return block.ljust(960, b"\0")

    return read, (lambda: None), state


@pytest.mark.audio
def test_microphone_turn_ends_when_the_trainee_falls_silent(synth, recogniser):
    audio = synth.synthesize("Thank you for holding.", VoiceProfile(variant="f5", rate=160))
    read, close, state = _live(audio)
    mic = MicrophoneListener(recogniser, source=(read, close))
    heard = mic.listen()
    assert heard is not None
    assert "thank_for_holding" in heard.acts
    assert heard.ended_at > heard.started_at
    # the turn closed about 0.3 s after the speech, not at the end of the stream
    assert state["i"] * 0.03 < 0.5 + audio.duration + 0.6


@pytest.mark.audio
def test_push_to_talk_turn_is_the_held_span(synth, recogniser):
    audio = synth.synthesize("Is there anything else I can help you with?",
                             VoiceProfile(variant="f5", rate=160))  # fmt: skip
    read, close, state = _live(audio, lead_s=0.3, tail_s=0.3)
    n_blocks = int((0.3 + audio.duration + 0.3) / 0.03)
    held = lambda: 5 <= state["i"] < n_blocks  # noqa: E731 - key down after 150 ms
    mic = MicrophoneListener(recogniser, push_to_talk=held, source=(read, close))
    heard = mic.listen()
    assert heard is not None
    assert "is there anything else" in heard.text  # eSpeak flutter may blur "help"

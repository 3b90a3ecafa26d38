"""Caller lines through pygame.mixer on SDL's dummy driver, and the captions fallback."""

import pytest

from simulator.voice.playback import CaptionsVoice, MixerVoice, estimate_duration, open_voice
from simulator.voice.profile import VoiceProfile


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_captions_voice_keeps_timing_without_sound():
    clock = FakeClock()
    voice = CaptionsVoice("No audio device", clock)
    playing = voice.speak("one two three four five six", VoiceProfile(rate=120))
    assert playing.duration == pytest.approx(
        estimate_duration("one two three four five six", VoiceProfile(rate=120))
    )
    assert playing.is_playing()
    clock.now += 1.0
    playing.stop()
    assert playing.duration == pytest.approx(1.0)
    assert not playing.is_playing()
    assert voice.notice == "No audio device"


@pytest.mark.audio
def test_mixer_plays_a_synthesised_line_on_the_dummy_driver(synth, monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    voice = MixerVoice(synth)
    try:
        playing = voice.speak("Hi, I'm calling about my bill.", VoiceProfile(variant="f3"))
        assert playing.audio is not None
        assert playing.duration == playing.audio.duration
        assert playing.is_playing()
        playing.stop()
    finally:
        voice.close()


@pytest.mark.audio
def test_no_audio_device_falls_back_to_captions_with_one_line_notice(monkeypatch):
    import pygame.mixer

    if pygame.mixer.get_init():
        pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    voice = open_voice()
    assert isinstance(voice, CaptionsVoice)
    assert voice.notice
    assert "captions only" in voice.notice
    assert "\n" not in voice.notice


def test_captions_only_when_asked():
    voice = open_voice(captions_only=True)
    assert isinstance(voice, CaptionsVoice)
    assert voice.notice is None


@pytest.mark.audio
def test_the_mixer_really_outputs_the_caller_line(synth, monkeypatch, tmp_path):
    """SDL's disk driver writes what the mixer plays: the caller's line must be in it."""
    import time

    import numpy as np
    import pygame.mixer

    if pygame.mixer.get_init():
        pygame.mixer.quit()
    out = tmp_path / "played.raw"
    monkeypatch.setenv("SDL_AUDIODRIVER", "disk")
    monkeypatch.setenv("SDL_DISKAUDIOFILE", str(out))
    voice = MixerVoice(synth)
    try:
        playing = voice.speak("Hi, I'm calling about my bill.", VoiceProfile(variant="f3"))
        deadline = time.monotonic() + playing.duration + 3.0
        while playing.is_playing() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        voice.close()
    played = np.fromfile(out, dtype="<i2")
    assert played.size >= 0.9 * len(playing.audio.pcm) / 2
    assert np.abs(played).max() > 3000

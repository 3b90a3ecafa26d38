"""Playing caller lines: pygame.mixer when a sound device is there, captions always.

`open_voice` picks the best voice the machine allows and says why when it
has to fall back, so a trainee without sound (or without eSpeak) still
plays, reading captions, with a one-line notice instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from simulator.voice.audio import Audio
from simulator.voice.profile import VoiceProfile
from simulator.voice.tts import Synthesizer

__all__ = [
    "CaptionsVoice",
    "MixerVoice",
    "Playback",
    "Voice",
    "estimate_duration",
    "open_voice",
]

Clock = Callable[[], float]


def estimate_duration(text: str, profile: VoiceProfile) -> float:
    """How long a line takes to say, for timing when nothing is played."""
    words = max(1, len(text.split()))
    return words * 60.0 / max(profile.rate, 1) + 0.3


@dataclass
class Playback:
    """A line being spoken: its caption, when it started and how long it lasts."""

    text: str
    started_at: float
    duration: float
    audio: Audio | None = None
    clock: Clock = field(default=time.monotonic, repr=False)
    _channel: Any = field(default=None, repr=False)

    @property
    def ends_at(self) -> float:
        return self.started_at + self.duration

    def is_playing(self) -> bool:
        if self._channel is not None:
            return bool(self._channel.get_busy())
        return self.clock() < self.ends_at

    def stop(self) -> None:
        """Cut the line short (the trainee talked over the caller, or hung up)."""
        if self._channel is not None:
            self._channel.stop()
        self.duration = max(0.0, min(self.duration, self.clock() - self.started_at))


class Voice(Protocol):
    """What the engine and front-ends need from a caller voice."""

    notice: str | None  # why this voice is less than full sound, for a one-line message

    def speak(self, text: str, profile: VoiceProfile) -> Playback:
        """Start speaking ``text``; returns at once, while the audio plays."""
        ...


class CaptionsVoice:
    """Captions only: no sound, but the same timing, so turn-taking still works."""

    def __init__(self, notice: str | None = None, clock: Clock = time.monotonic) -> None:
        self.notice = notice
        self.clock = clock

    def speak(self, text: str, profile: VoiceProfile) -> Playback:
        return Playback(text, self.clock(), estimate_duration(text, profile), clock=self.clock)


class MixerVoice:
    """Synthesise (through the cache) and play through pygame.mixer."""

    def __init__(self, synth: Synthesizer, clock: Clock = time.monotonic) -> None:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame.mixer

        self._mixer = pygame.mixer
        self.synth = synth
        self.clock = clock
        self.notice: str | None = None
        self._rate = 0

    def _ensure_mixer(self, rate: int) -> None:
        if self._rate == rate and self._mixer.get_init():
            return
        if self._mixer.get_init():
            self._mixer.quit()
        self._mixer.init(frequency=rate, size=-16, channels=1)
        self._rate = rate

    def play(self, text: str, audio: Audio) -> Playback:
        self._ensure_mixer(audio.rate)
        freq, _size, channels = self._mixer.get_init()
        pcm = audio.pcm
        if channels == 2:  # some drivers insist on stereo
            import numpy as np

            pcm = np.repeat(np.frombuffer(pcm, dtype="<i2"), 2).tobytes()
        sound = self._mixer.Sound(buffer=pcm)
        channel = sound.play()
        return Playback(
            text, self.clock(), audio.duration, audio=audio, clock=self.clock, _channel=channel
        )

    def speak(self, text: str, profile: VoiceProfile) -> Playback:
        return self.play(text, self.synth.synthesize(text, profile))

    def close(self) -> None:
        if self._mixer.get_init():
            self._mixer.quit()


def open_voice(
    captions_only: bool = False, cache_dir: str | None = None, clock: Clock = time.monotonic
) -> Voice:
    """The best voice this machine allows; a `CaptionsVoice` with a notice otherwise."""
    if captions_only:
        return CaptionsVoice(None, clock)
    try:
        from simulator.voice.tts import SynthesisCache, default_synthesizer

        synth = SynthesisCache(default_synthesizer(), cache_dir)
    except Exception as exc:  # noqa: BLE001 - any failure means: no synthesised voice
        return CaptionsVoice(f"Caller voices off (captions only): {exc}", clock)
    try:
        voice = MixerVoice(synth, clock)
        with _quiet_stderr():  # libasound prints a dozen lines before SDL reports the error
            voice._ensure_mixer(22050)
    except Exception as exc:  # noqa: BLE001 - pygame.error, ImportError, ...
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        return CaptionsVoice(f"No audio device, captions only: {reason}", clock)
    return voice


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence C libraries writing to fd 2 (Python's sys.stderr is unaffected)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)

"""Caller speech synthesis with pyttsx3 on eSpeak NG, to WAV, with a cache.

Synthesis always goes to a file (``save_to_file``): ``say()`` needs a sound
device and plays through ``aplay``, which a training room may not have.
Playback is pygame's job (see `playback`). A line is synthesised once per
(text, profile): callers repeat themselves, and the first audio sample of a
repeated line is then ready at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Protocol

from simulator.voice.audio import Audio, read_wav
from simulator.voice.espeak import load_espeak
from simulator.voice.profile import VoiceProfile

__all__ = ["Pyttsx3Synthesizer", "SynthesisCache", "Synthesizer", "synthesize_to_wav"]


class Synthesizer(Protocol):
    def synthesize(self, text: str, profile: VoiceProfile) -> Audio:
        """Render ``text`` as heard in ``profile``."""
        ...


class Pyttsx3Synthesizer:
    """pyttsx3's espeak driver, fed the profile's voice, rate, pitch and volume.

    eSpeak can be initialised once per process and pyttsx3's engine is not
    thread-safe, so one engine is shared behind a lock.
    """

    _lock = threading.Lock()
    _engine: Any = None

    def __init__(self) -> None:
        self.library = load_espeak()
        self._tmp = Path(tempfile.mkdtemp(prefix="callsim-tts-"))

    @classmethod
    def _get_engine(cls) -> Any:
        if cls._engine is None:
            import pyttsx3

            cls._engine = pyttsx3.init("espeak")
        return cls._engine

    def synthesize(self, text: str, profile: VoiceProfile) -> Audio:
        path = self._tmp / f"line-{threading.get_ident()}.wav"
        with self._lock:
            engine = self._get_engine()
            engine.setProperty("voice", profile.espeak_name)
            engine.setProperty("rate", profile.rate)
            engine.setProperty("pitch", profile.pitch)
            engine.setProperty("volume", profile.volume)
            # pyttsx3's espeak driver prints "Audio saved to ..." on stdout.
            with contextlib.redirect_stdout(io.StringIO()):
                engine.save_to_file(text, str(path))
                engine.runAndWait()
            audio = read_wav(path)
        path.unlink(missing_ok=True)
        return audio


def cache_key(text: str, profile: VoiceProfile) -> str:
    """Stable across runs, so a disk cache survives restarts."""
    raw = repr((" ".join(text.split()), profile))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


class SynthesisCache:
    """Wraps a synthesizer: memory LRU in front, optional WAV folder behind."""

    def __init__(
        self, inner: Synthesizer, folder: str | Path | None = None, max_items: int = 256
    ) -> None:
        self.inner = inner
        self.folder = Path(folder) if folder else None
        self.max_items = max_items
        self._memory: OrderedDict[str, Audio] = OrderedDict()
        self.hits = 0
        self.misses = 0
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def synthesize(self, text: str, profile: VoiceProfile) -> Audio:
        key = cache_key(text, profile)
        audio = self._memory.get(key)
        if audio is None and self.folder and (self.folder / f"{key}.wav").is_file():
            audio = read_wav(self.folder / f"{key}.wav")
        if audio is not None:
            self.hits += 1
        else:
            self.misses += 1
            audio = self.inner.synthesize(text, profile)
            if self.folder:
                audio.write_wav(self.folder / f"{key}.wav")
        self._memory[key] = audio
        self._memory.move_to_end(key)
        while len(self._memory) > self.max_items:
            self._memory.popitem(last=False)
        return audio

    def prefetch(self, lines: list[tuple[str, VoiceProfile]]) -> None:
        """Synthesise lines the caller is likely to say next, before they are needed."""
        for text, profile in lines:
            self.synthesize(text, profile)


def synthesize_to_wav(
    text: str, profile: VoiceProfile, path: str | Path, synth: Synthesizer | None = None
) -> Path:
    """Render one line to a WAV file (for tests, benchmarks and trainers' checks)."""
    return (synth or Pyttsx3Synthesizer()).synthesize(text, profile).write_wav(path)

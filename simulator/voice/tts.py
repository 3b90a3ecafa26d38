"""Caller speech synthesis with eSpeak NG, to memory or WAV, with a cache.

Synthesis never plays: pyttsx3's ``say()`` needs a sound device and plays
through ``aplay``, which a training room may not have. Playback is pygame's
job (see `playback`). A line is synthesised once per
(text, profile): callers repeat themselves, and the first audio sample of a
repeated line is then ready at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import io
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from simulator.voice.audio import Audio, read_wav
from simulator.voice.espeak import EspeakUnavailable, load_espeak
from simulator.voice.profile import VoiceProfile

__all__ = [
    "EspeakSynthesizer",
    "Pyttsx3Synthesizer",
    "default_synthesizer",
    "SynthesisCache",
    "Synthesizer",
    "synthesize_to_wav",
]


_AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_AUDIO_OUTPUT: callback inside espeak_Synth, no device
_CHARS_UTF8 = 1
_RATE, _VOLUME, _PITCH = 1, 2, 3


class Synthesizer(Protocol):
    def synthesize(self, text: str, profile: VoiceProfile) -> Audio:
        """Render ``text`` as heard in ``profile``."""
        ...


class EspeakSynthesizer:
    """eSpeak NG called through ctypes in synchronous retrieval mode.

    Why not pyttsx3's engine here: pyttsx3 2.99 queues property changes and
    the text through its command pump, and in our tests a rate change was
    sometimes not applied to the next ``save_to_file`` (an irate and a
    calmed line came out the same length); it also prints "Audio saved" on
    stdout and only writes whole files. Calling the same library directly is
    deterministic and streams: ``on_chunk`` sees the first ~100 ms of audio
    before the rest is synthesised, which is what voice-to-voice latency
    needs. eSpeak initialises once per process, so calls share a lock.
    """

    _lock = threading.Lock()
    _lib: Any = None
    _rate = 22050
    _chunks: list[bytes] = []
    _on_chunk: Callable[[bytes], None] | None = None
    _callback: Any = None

    def __init__(self) -> None:
        self.library = load_espeak()
        with self._lock:
            if EspeakSynthesizer._lib is None:
                self._initialise()

    @classmethod
    def _initialise(cls) -> None:
        lib = ctypes.CDLL(_library_path(), mode=ctypes.RTLD_GLOBAL)
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 100, None, 0)
        if rate <= 0:
            raise RuntimeError("eSpeak NG failed to initialise")
        callback_type = ctypes.CFUNCTYPE(
            ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
        )

        def on_synth(wav: Any, numsamples: int, _events: Any) -> int:
            if numsamples > 0 and wav:
                chunk = ctypes.string_at(wav, numsamples * 2)
                cls._chunks.append(chunk)
                if cls._on_chunk is not None:
                    cls._on_chunk(chunk)
            return 0

        cls._callback = callback_type(on_synth)  # keep a reference: C holds the pointer
        lib.espeak_SetSynthCallback.argtypes = [callback_type]
        lib.espeak_SetSynthCallback(cls._callback)
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        cls._rate = rate
        cls._lib = lib

    def has_voice(self, profile: VoiceProfile) -> bool:
        """Whether eSpeak knows this language voice and variant (`synthesize` falls back if not).

        eSpeak refuses an unknown language by name but takes an unknown
        variant silently, so the variant is looked for in the data folder.
        """
        with self._lock:
            known = (
                self._lib.espeak_SetVoiceByName(profile.espeak_voice.encode("ascii", "replace"))
                == 0
            )
        variants = Path(load_espeak().data_path) / "voices" / "!v"
        return known and (not profile.variant or (variants / profile.variant).is_file())

    def synthesize(
        self, text: str, profile: VoiceProfile, on_chunk: Callable[[bytes], None] | None = None
    ) -> Audio:
        """Render ``text``; ``on_chunk`` (if given) is called with each block as it is made."""
        lib = self._lib
        data = " ".join(text.split()).encode("utf-8") + b"\0"
        with self._lock:
            if lib.espeak_SetVoiceByName(profile.espeak_name.encode("ascii", "replace")) != 0:
                # an unknown variant or language: the plain language, else US English, never
                # whatever voice the previous line left set
                if lib.espeak_SetVoiceByName(profile.espeak_voice.encode("ascii", "replace")) != 0:
                    lib.espeak_SetVoiceByName(b"en-us")
            lib.espeak_SetParameter(_RATE, int(profile.rate), 0)
            lib.espeak_SetParameter(_PITCH, int(profile.pitch), 0)
            lib.espeak_SetParameter(_VOLUME, int(round(profile.volume * 100)), 0)
            EspeakSynthesizer._chunks = []
            EspeakSynthesizer._on_chunk = on_chunk
            try:
                err = lib.espeak_Synth(data, len(data), 0, 0, 0, _CHARS_UTF8, None, None)
            finally:
                EspeakSynthesizer._on_chunk = None
            pcm = b"".join(EspeakSynthesizer._chunks)
        if err != 0:
            raise RuntimeError(f"eSpeak NG could not synthesise the line (error {err})")
        return Audio(pcm, self._rate)


def _library_path() -> str:
    return load_espeak().library


class Pyttsx3Synthesizer:
    """pyttsx3 with the platform's own engine (SAPI5, NSSpeechSynthesizer) where eSpeak is absent.

    Used only as a fallback: see `EspeakSynthesizer` for why eSpeak is called directly.
    """

    _lock = threading.Lock()

    def __init__(self) -> None:
        import pyttsx3

        self._engine = pyttsx3.init()
        self._tmp = Path(tempfile.mkdtemp(prefix="callsim-tts-"))

    def synthesize(self, text: str, profile: VoiceProfile) -> Audio:
        path = self._tmp / "line.wav"
        with self._lock:
            self._engine.setProperty("rate", profile.rate)
            self._engine.setProperty("volume", profile.volume)
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine.save_to_file(text, str(path))
                self._engine.runAndWait()
            audio = read_wav(path)
        path.unlink(missing_ok=True)
        return audio


def default_synthesizer() -> Synthesizer:
    """eSpeak NG where it loads, else pyttsx3's platform engine; raises if neither works."""
    try:
        return EspeakSynthesizer()
    except EspeakUnavailable:
        return Pyttsx3Synthesizer()


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
    return (synth or default_synthesizer()).synthesize(text, profile).write_wav(path)

"""Other recognisers through SpeechRecognition: ``--recogniser NAME``, its `AudioData` the audio.

callsim's own recogniser (``callsim``: PocketSphinx with the scenario's
language model, the tuned cepstral mean, adaptation) is the default and
decodes while the trainee speaks. SpeechRecognition puts many other engines
behind one call and one audio type, `speech_recognition.AudioData`, so a
user who already has one can use it: a local Whisper or faster-whisper
model, Vosk, or an online service (Google, Azure, OpenAI, ...) only when
they opt in with ``--allow-online``, since those send the trainee's voice
to someone else's computer. Such a recogniser hears each turn whole, when
it ends: the turn's audio is handed over as `AudioData`.

callsim downloads no model: a Whisper model must already be in Whisper's
cache, and faster-whisper and Hugging Face are told to stay offline.
"""

from __future__ import annotations

import os
import re
import time
import warnings
from pathlib import Path
from typing import Any

from simulator.listen.recogniser import RATE, Recognition, to_16k
from simulator.voice.audio import Audio

__all__ = [
    "DEFAULT",
    "EngineError",
    "EngineRecogniser",
    "audio_data",
    "check_engine",
    "choose_engine",
    "chosen_engine",
    "engine_names",
    "open_engine",
]

DEFAULT = "callsim"

#: the recognisers that run on this computer, and the package each needs
LOCAL = {
    "sphinx": "pocketsphinx",
    "whisper": "whisper",
    "faster_whisper": "faster_whisper",
    "vosk": "vosk",
    "tensorflow": "tensorflow",
}


_chosen: list[tuple[str, bool]] = [(DEFAULT, False)]


def choose_engine(name: str, allow_online: bool = False) -> None:
    """The recogniser this process's listeners use (``--recogniser``)."""
    _chosen[0] = (name, allow_online)


def chosen_engine() -> tuple[str, bool]:
    return _chosen[0]


def _speech_recognition() -> Any:
    """The SpeechRecognition module (its imports of `aifc`, `audioop` warn on Python 3.11-12)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*(aifc|audioop).*", category=DeprecationWarning)
        import speech_recognition

    return speech_recognition


class EngineError(ValueError):
    """The chosen recogniser cannot be used; the message says why, in one line."""


def engine_names() -> list[str]:
    """callsim's recogniser and every one SpeechRecognition offers (``recognize_NAME``)."""
    try:
        sr = _speech_recognition()
    except ImportError:
        return [DEFAULT]
    offered = sorted(
        n.removeprefix("recognize_") for n in dir(sr.Recognizer) if n.startswith("recognize_")
    )
    return [DEFAULT] + [n for n in offered if n != "api"]  # recognize_api: an internal helper


def audio_data(audio: Audio | bytes) -> Any:
    """A turn as SpeechRecognition's `AudioData` (16 kHz mono 16-bit)."""
    sr = _speech_recognition()
    pcm = to_16k(audio) if isinstance(audio, Audio) else audio
    return sr.AudioData(pcm, RATE, 2)


def _whisper_model_problem(options: dict[str, Any]) -> str | None:
    model = str(options.get("model", "base"))
    if os.sep in model or Path(model).suffix == ".pt":
        return None if Path(model).is_file() else f"no Whisper model file at {model}"
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "whisper"
    if not (cache / f"{model}.pt").is_file():
        return (
            f"no local Whisper model {model!r} (looked for {cache / (model + '.pt')}); "
            "callsim does not download models"
        )
    return None


def check_engine(
    name: str, allow_online: bool = False, options: dict[str, Any] | None = None
) -> None:
    """EngineError unless ``name`` can be used here: known, installed, and allowed online."""
    names = engine_names()
    if name not in names:
        raise EngineError(f"no recogniser {name!r}; choose one of: {', '.join(names)}")
    if name == DEFAULT:
        return
    package = LOCAL.get(name)
    if package is None and not allow_online:
        raise EngineError(
            f"recogniser {name!r} is an online service: it sends the recording over the "
            "internet; add --allow-online to allow that"
        )
    if package is not None:
        import importlib.util

        if importlib.util.find_spec(package) is None:
            raise EngineError(f"recogniser {name!r} needs {package}, which is not installed")
    if name == "whisper":
        problem = _whisper_model_problem(options or {})
        if problem:
            raise EngineError(problem)


class EngineRecogniser:
    """A SpeechRecognition recogniser behind callsim's recogniser surface.

    ``start/feed/finish`` as the streaming recogniser (it collects the turn and
    recognises it at ``finish``) and ``recognise`` for a clip, so listeners and
    `callsim transcribe` use it unchanged. The attributes the window carries
    from call to call (cepstral mean, accent) exist and mean nothing here.
    """

    def __init__(self, name: str, **options: Any) -> None:
        sr = _speech_recognition()
        if name == "faster_whisper":
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # no model download behind one's back
        self.name = name
        self.options = options
        self._sr = sr
        self._recognise = getattr(sr.Recognizer(), f"recognize_{name}")
        self._pcm = bytearray()
        self.cmn: Any = None
        self.accent_evidence: Any = None
        self.last_pcm = b""

    def prime(self, _mean: Any) -> None:
        """A saved cepstral mean is PocketSphinx's; another recogniser has no use for it."""

    def start(self) -> None:
        self._pcm = bytearray()

    def feed(self, pcm: bytes) -> None:
        self._pcm += pcm

    def finish(self) -> Recognition:
        self.last_pcm = bytes(self._pcm)
        return self.recognise_data(audio_data(self.last_pcm))

    def recognise(self, audio: Audio) -> Recognition:
        return self.recognise_data(audio_data(audio))

    def recognise_data(self, data: Any) -> Recognition:
        """Recognise one turn given as `AudioData`; nothing understood is empty text."""
        began = time.perf_counter()
        seconds = len(data.get_raw_data(convert_rate=RATE, convert_width=2)) / 2 / RATE
        try:
            text = self._recognise(data, **self.options)
        except self._sr.UnknownValueError:
            text = ""
        except self._sr.RequestError as exc:
            raise EngineError(f"recogniser {self.name!r} failed: {exc}") from None
        if not isinstance(text, str):  # show_all and the like: the best transcript only
            text = ""
        words = " ".join(re.sub(r"[^\w']+", " ", text.lower()).split())  # as callsim's own
        return Recognition(words, time.perf_counter() - began, seconds)


def open_engine(name: str, allow_online: bool = False, **options: Any) -> EngineRecogniser:
    """The recogniser ``name`` (not callsim's own), checked: EngineError when it cannot run."""
    check_engine(name, allow_online, options)
    try:
        return EngineRecogniser(name, **options)
    except (ImportError, AttributeError) as exc:
        raise EngineError(f"recogniser {name!r} unavailable: {exc}") from None

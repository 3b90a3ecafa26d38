"""Listeners: where the trainee's spoken turns come from (a WAV file or a microphone).

Each returns `Heard` per turn: the recognised text, the acts it does, and
when the speech started and ended (stream seconds), which the engine needs
for turn-taking. A listener that cannot start raises `ListenerUnavailable`
with a reason a trainee can act on; `open_microphone` turns that into a
fallback to choices and typing instead of a crash.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from simulator.listen.recogniser import RATE, SphinxRecogniser, comfort_noise, to_16k
from simulator.listen.vad import SpeechEnd, SpeechFrame, SpeechStart, TurnSegmenter
from simulator.voice.audio import Audio, read_wav

__all__ = [
    "DIDNT_CATCH",
    "Heard",
    "Listener",
    "ListenerUnavailable",
    "MicrophoneListener",
    "WavFileListener",
    "acts_of",
    "open_microphone",
]

# What the caller says when the trainee's turn could not be recognised.
DIDNT_CATCH = "Sorry, I didn't catch that."


class ListenerUnavailable(RuntimeError):
    """The listener cannot run here; the message says why and what to install."""


@dataclass(frozen=True)
class Heard:
    """One trainee turn as recognised."""

    text: str
    acts: frozenset[str]
    started_at: float  # stream seconds
    ended_at: float
    decode_seconds: float

    @property
    def caught(self) -> bool:
        """False when nothing intelligible was recognised: the caller asks again."""
        return bool(self.text.strip())


class Listener(Protocol):
    def listen(self) -> Heard | None:
        """The trainee's next turn, or None when there is no more input."""
        ...


def acts_of(text: str) -> frozenset[str]:
    """Agent acts of recognised text, via the grader's recogniser (one recogniser, DESIGN 4)."""
    if not text:
        return frozenset()
    try:
        from scoring.acts import recognise
    except ImportError:  # the grader is not installed alongside: text only
        return frozenset()
    return recognise(text, speaker="agent")


def _turns(
    chunks: Iterator[bytes], recogniser: SphinxRecogniser, segmenter: TurnSegmenter
) -> Iterator[Heard]:
    """Segment a 16 kHz stream into turns, decoding each while it is spoken."""
    started = None
    for chunk in chunks:
        for event in segmenter.feed(chunk):
            if isinstance(event, SpeechStart):
                started = event.time
                recogniser.start()
            elif isinstance(event, SpeechFrame) and started is not None:
                recogniser.feed(event.pcm)
            elif isinstance(event, SpeechEnd) and started is not None:
                result = recogniser.finish()
                yield Heard(result.text, acts_of(result.text), started, event.time, result.seconds)
                started = None
    for event in segmenter.close():
        if isinstance(event, SpeechFrame) and started is not None:
            recogniser.feed(event.pcm)
        elif isinstance(event, SpeechEnd) and started is not None:
            result = recogniser.finish()
            yield Heard(result.text, acts_of(result.text), started, event.time, result.seconds)
            started = None


class WavFileListener:
    """Turns from a recording: each `listen()` returns the next spoken segment."""

    def __init__(self, source: str | Path | Audio, recogniser: SphinxRecogniser) -> None:
        audio = source if isinstance(source, Audio) else read_wav(source)
        pad = b"\0\0" * (RATE // 2)  # let the endpointer close a turn that ends at the file's end
        pcm = comfort_noise(pad + to_16k(audio) + pad)
        step = 2 * RATE // 10
        chunks = (pcm[i : i + step] for i in range(0, len(pcm), step))
        self._turns = _turns(chunks, recogniser, TurnSegmenter())
        self.offset = len(pad) / 2 / RATE  # stream times include the leading pad

    def _shift(self, heard: Heard) -> Heard:
        """Times in the file's own seconds, not the padded stream's."""
        return replace(
            heard,
            started_at=max(0.0, heard.started_at - self.offset),
            ended_at=max(0.0, heard.ended_at - self.offset),
        )

    def listen(self) -> Heard | None:
        heard = next(self._turns, None)
        return self._shift(heard) if heard else None

    def __iter__(self) -> Iterator[Heard]:
        for heard in self._turns:
            yield self._shift(heard)


class MicrophoneListener:
    """A microphone through PyAudio (optional extra ``callsim[mic]``), 16 kHz mono.

    With ``push_to_talk`` (a callable that is True while the talk key is
    held) a turn is exactly the held span; without it, voice-activity
    detection ends the turn when the trainee falls silent.
    """

    def __init__(
        self,
        recogniser: SphinxRecogniser,
        push_to_talk: Callable[[], bool] | None = None,
        device_index: int | None = None,
    ) -> None:
        try:
            import pyaudio
        except ImportError as exc:
            raise ListenerUnavailable(
                "speech input needs PyAudio: pip install 'callsim[mic]' "
                "(or PyAudio); using choices and typing instead"
            ) from exc
        self._pa: Any = pyaudio.PyAudio()
        try:
            self._stream = self._pa.open(
                format=pyaudio.paInt16,
                channels=1,
                rate=RATE,
                input=True,
                frames_per_buffer=480,
                input_device_index=device_index,
            )
        except (OSError, ValueError) as exc:
            self._pa.terminate()
            raise ListenerUnavailable(
                f"no microphone ({exc}); using choices and typing instead"
            ) from exc
        self.recogniser = recogniser
        self.push_to_talk = push_to_talk

    def _read(self) -> bytes:
        return bytes(self._stream.read(480, exception_on_overflow=False))

    def listen(self) -> Heard | None:
        if self.push_to_talk is not None:
            return self._listen_held()
        segmenter = TurnSegmenter()

        def chunks() -> Iterator[bytes]:
            while True:
                yield self._read()

        return next(_turns(chunks(), self.recogniser, segmenter), None)

    def _listen_held(self) -> Heard | None:
        assert self.push_to_talk is not None
        while not self.push_to_talk():
            self._read()  # keep the buffer drained while the key is up
        start = time.monotonic()
        self.recogniser.start()
        while self.push_to_talk():
            self.recogniser.feed(self._read())
        result = self.recogniser.finish()
        return Heard(
            result.text, acts_of(result.text), 0.0, time.monotonic() - start, result.seconds
        )

    def close(self) -> None:
        self._stream.close()
        self._pa.terminate()


def open_microphone(
    recogniser_factory: Callable[[], SphinxRecogniser],
    push_to_talk: Callable[[], bool] | None = None,
) -> tuple[MicrophoneListener | None, str | None]:
    """A microphone listener, or None and the one-line reason to show the trainee."""
    try:
        return MicrophoneListener(recogniser_factory(), push_to_talk), None
    except ListenerUnavailable as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - PocketSphinx missing or broken
        return None, f"speech recognition unavailable ({exc}); using choices and typing instead"

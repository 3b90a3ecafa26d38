"""End-of-turn detection: PocketSphinx's WebRTC-based endpointer, one frame at a time.

A trainee who is not using push-to-talk ends their turn by falling silent;
the caller should answer then, without a key press. The endpointer calls
speech over after about ``window * ratio`` seconds of non-speech (0.2 s x
0.7 by default; the end is decided ~0.3 s after the last word on our
benchmark lines): shorter cuts trainees off mid-pause, longer makes the
caller slow to answer (it is most of the voice-to-voice latency; 0.3 x 0.8
decided ~0.4 s after).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "PauseWatch",
    "SpeechEnd",
    "SpeechFrame",
    "SpeechPause",
    "SpeechResume",
    "SpeechStart",
    "TurnSegmenter",
]

PAUSE_S = 0.09  # silence inside a turn that may be its end (`PauseWatch`)
RESUME_S = 0.09  # speech after a pause that means the speaker went on (not a breath or a click)


@dataclass(frozen=True)
class SpeechStart:
    time: float  # seconds from the start of the stream


@dataclass(frozen=True)
class SpeechFrame:
    pcm: bytes


@dataclass(frozen=True)
class SpeechEnd:
    time: float  # when speech ended (the endpointer's estimate, before its hangover)
    detected_at: float  # stream time at which the end was decided


@dataclass(frozen=True)
class SpeechPause:
    """The speaker fell silent inside a turn: it may be the end (`PauseWatch`).
    ``pending``: audio since the last `SpeechFrame`, which the endpointer hands over late."""

    time: float
    pending: bytes = b""


@dataclass(frozen=True)
class SpeechResume:
    """The speaker went on after a `SpeechPause`."""

    time: float


Event = SpeechStart | SpeechFrame | SpeechEnd | SpeechPause | SpeechResume


class PauseWatch:
    """Frame by frame (WebRTC's voice activity detector, in PocketSphinx): says when a
    speaker has been silent for `PAUSE_S` after speaking, and when they speak again.

    What it is for: a first turn's second pass can start at the pause rather than
    when the end of the turn is called (`SphinxRecogniser.speculate`). 90 ms: a
    shorter silence is often the closure of a stop consonant inside a word.
    """

    def __init__(self, pause: float = PAUSE_S, mode: int = 1, resume: float = RESUME_S) -> None:
        from pocketsphinx import Vad

        self._vad = Vad(mode, 16000, 0.03)
        self.frame_bytes: int = self._vad.frame_bytes
        self._need = max(1, round(pause / 0.03))
        self._again = max(1, round(resume / 0.03))
        self._buffer = b""
        self.reset()

    def reset(self) -> None:
        """A new turn."""
        self._quiet = 0
        self._voiced = 0
        self._spoken = False
        self.paused = False

    def feed(self, pcm: bytes) -> Iterator[str]:
        """Yields "pause" and "resume" as they happen in ``pcm`` (16 kHz mono 16-bit)."""
        self._buffer += pcm
        step = self.frame_bytes
        while len(self._buffer) >= step:
            frame, self._buffer = self._buffer[:step], self._buffer[step:]
            if self._vad.is_speech(frame):
                self._quiet = 0
                self._voiced += 1
                self._spoken = True
                if self.paused and self._voiced >= self._again:
                    self.paused = False
                    yield "resume"
            else:
                self._voiced = 0
                self._quiet += 1
                if self._spoken and not self.paused and self._quiet >= self._need:
                    self.paused = True
                    yield "pause"


class TurnSegmenter:
    """Feed 16 kHz mono PCM in any block size; get speech start/frames/end events."""

    def __init__(self, window: float = 0.2, ratio: float = 0.7, mode: int = 1) -> None:
        from pocketsphinx import Endpointer

        self._ep = Endpointer(window=window, ratio=ratio, vad_mode=mode, sample_rate=16000)
        self.frame_bytes: int = self._ep.frame_bytes
        self._buffer = b""
        self._in_speech = False
        self._time = 0.0
        self._pauses = PauseWatch(mode=mode)
        self._recent: deque[tuple[float, bytes]] = deque(maxlen=32)  # (start time, raw frame)
        self._handed = 0.0  # stream time up to which this turn's frames have been handed over

    @property
    def now(self) -> float:
        """Stream time consumed so far, in seconds."""
        return self._time

    def feed(self, pcm: bytes) -> Iterator[Event]:
        self._buffer += pcm
        step = self.frame_bytes
        while len(self._buffer) >= step:
            frame, self._buffer = self._buffer[:step], self._buffer[step:]
            self._time += step / 2 / 16000
            yield from self._process(frame)

    def _process(self, frame: bytes) -> Iterator[Event]:
        speech = self._ep.process(frame)
        self._recent.append((self._time - len(frame) / 2 / 16000, frame))
        if self._ep.in_speech and not self._in_speech:
            self._in_speech = True
            self._pauses.reset()
            self._handed = self._ep.speech_start
            yield SpeechStart(self._ep.speech_start)
        if speech is not None:
            self._handed += len(speech) / 2 / 16000
            yield SpeechFrame(speech)
        if self._in_speech:
            for change in self._pauses.feed(frame):
                if change == "resume":
                    yield SpeechResume(self._time)
                else:
                    yield SpeechPause(self._time, self._pending())
        if self._in_speech and not self._ep.in_speech:
            self._in_speech = False
            yield SpeechEnd(self._ep.speech_end, self._time)

    def _pending(self) -> bytes:
        """The raw frames of this turn not handed over yet (the endpointer's lag)."""
        return b"".join(f for start, f in self._recent if start >= self._handed - 1e-3)

    def close(self) -> Iterator[Event]:
        """End of input: flush a turn still open."""
        if self._in_speech:
            rest = self._ep.end_stream(self._buffer[: self.frame_bytes])
            if rest:
                yield SpeechFrame(rest)
            self._in_speech = False
            yield SpeechEnd(self._ep.speech_end, self._time)
        self._buffer = b""

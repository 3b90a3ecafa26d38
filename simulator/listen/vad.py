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

from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["SpeechEnd", "SpeechFrame", "SpeechStart", "TurnSegmenter"]


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


Event = SpeechStart | SpeechFrame | SpeechEnd


class TurnSegmenter:
    """Feed 16 kHz mono PCM in any block size; get speech start/frames/end events."""

    def __init__(self, window: float = 0.2, ratio: float = 0.7, mode: int = 1) -> None:
        from pocketsphinx import Endpointer

        self._ep = Endpointer(window=window, ratio=ratio, vad_mode=mode, sample_rate=16000)
        self.frame_bytes: int = self._ep.frame_bytes
        self._buffer = b""
        self._in_speech = False
        self._time = 0.0

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
        if self._ep.in_speech and not self._in_speech:
            self._in_speech = True
            yield SpeechStart(self._ep.speech_start)
        if speech is not None:
            yield SpeechFrame(speech)
        if self._in_speech and not self._ep.in_speech:
            self._in_speech = False
            yield SpeechEnd(self._ep.speech_end, self._time)

    def close(self) -> Iterator[Event]:
        """End of input: flush a turn still open."""
        if self._in_speech:
            rest = self._ep.end_stream(self._buffer[: self.frame_bytes])
            if rest:
                yield SpeechFrame(rest)
            self._in_speech = False
            yield SpeechEnd(self._ep.speech_end, self._time)
        self._buffer = b""

"""Mono 16-bit PCM audio as plain bytes: the one currency between TTS, playback and recognition."""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Audio", "read_wav"]


@dataclass(frozen=True)
class Audio:
    """Mono signed 16-bit little-endian samples at ``rate`` Hz."""

    pcm: bytes
    rate: int

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.pcm) / 2 / self.rate if self.rate else 0.0

    def to_wav_bytes(self) -> bytes:
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(self.pcm)
        return buf.getvalue()

    def write_wav(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.to_wav_bytes())
        return path


def read_wav(path: str | Path) -> Audio:
    """Read a 16-bit PCM WAV; stereo is mixed down to mono.

    Raises ValueError with the reason for files it cannot use (8-bit, float,
    not a WAV at all), because a trainer's recording may be any of those.
    """
    try:
        with wave.open(str(path), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: not a PCM WAV file ({exc})") from exc
    if width != 2:
        raise ValueError(f"{path}: need 16-bit samples, got {8 * width}-bit")
    if channels > 1:
        import numpy as np

        data = np.frombuffer(frames, dtype="<i2").reshape(-1, channels).astype(np.int32)
        frames = data.mean(axis=1).astype("<i2").tobytes()
    return Audio(frames, rate)

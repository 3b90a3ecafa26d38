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
    """Read a recording as 16-bit mono: WAV of any sample format, FLAC, OGG Vorbis, MP3 ...

    A trainer's recording comes from whatever recorder they had: 24-bit or
    float WAVs (Audacity, DAWs), WAVE_FORMAT_EXTENSIBLE headers (ffmpeg),
    FLAC, MP3. libsndfile (bundled in the ``soundfile`` wheel) reads them
    all and converts to 16-bit; several channels are mixed down. Without
    soundfile only the standard library's reader is left: plain 16-bit PCM
    WAV. Raises ValueError naming the file and the reason for anything it
    cannot use.
    """
    try:
        import soundfile
    except ImportError:  # soundfile or its libsndfile missing: plain PCM WAV only
        return _read_pcm16_wav(path)
    import numpy as np

    try:
        # Read as float and scale here: libsndfile reads a float WAV as int16 unscaled (zeros).
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except soundfile.LibsndfileError as exc:
        raise ValueError(f"{path}: not an audio file this can read ({exc.error_string})") from exc
    except (RuntimeError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not an audio file this can read ({exc})") from exc
    mono = data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
    pcm = np.clip(np.round(mono * 32768.0), -32768, 32767).astype("<i2")
    return Audio(pcm.tobytes(), int(rate))


def _read_pcm16_wav(path: str | Path) -> Audio:
    """The standard library's reader: 16-bit PCM WAV only; stereo is mixed down."""
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

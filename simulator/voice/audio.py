"""Mono 16-bit PCM audio as plain bytes: the one currency between TTS, playback and recognition."""

from __future__ import annotations

import io
import stat
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MAX_RATE", "MAX_SECONDS", "MIN_RATE", "Audio", "read_wav"]

# Sample rates a recording can really have: telephone audio is 8 kHz (some old recorders
# 4-6 kHz), studio audio up to 384 kHz. Outside this a header is lying, and believing it
# is dangerous: a 40 KB file declaring 1 Hz resampled to 16 kHz is 2.6 GB.
MIN_RATE = 4_000
MAX_RATE = 384_000
# Longest recording read: a long call is an hour; three hours of 16 kHz audio is 350 MB.
MAX_SECONDS = 3 * 3600
# Samples a byte of file can decode to: 0.5 for 16-bit PCM, about 16 for a low-rate MP3.
# More than this is a header lying about its length; memory stays within 256x the file.
_MAX_SAMPLES_PER_BYTE = 64


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
    _check_file(path)
    try:
        import soundfile
    except ImportError:  # soundfile or its libsndfile missing: plain PCM WAV only
        return _read_pcm16_wav(path)
    import numpy as np

    try:
        with soundfile.SoundFile(str(path)) as f:
            _check_format(path, f.samplerate, f.channels, f.frames)
            if f.frames * f.channels > _MAX_SAMPLES_PER_BYTE * max(1, Path(path).stat().st_size):
                raise ValueError(f"{path}: the header claims more audio than the file holds")
            # Read as float and scale here: libsndfile reads a float WAV as int16 unscaled.
            # A block at a time, mixed to 16-bit mono as it comes: the whole file as float32
            # took 4 bytes a sample of every channel (a 3 MB 8-channel FLAC: 570 MB).
            # (not f.blocks(): it yields whole blocks past the end of a cut-off file)
            pcm = b"".join(_mono16(np, block) for block in _blocks(f))
            rate = f.samplerate
    except soundfile.LibsndfileError as exc:
        raise ValueError(f"{path}: not an audio file this can read ({exc.error_string})") from exc
    except (RuntimeError, TypeError) as exc:
        raise ValueError(f"{path}: not an audio file this can read ({exc})") from exc
    return Audio(pcm, int(rate))


_BLOCK_FRAMES = 1 << 16


def _blocks(f: Any) -> Iterator[Any]:
    """The file's samples a block at a time, to its real end (not the header's)."""
    while len(block := f.read(_BLOCK_FRAMES, dtype="float32", always_2d=True)):
        yield block


def _mono16(np: Any, data: Any) -> bytes:
    """One block of float samples (frames x channels) as 16-bit mono."""
    # a float WAV's NaN samples are silence, its samples past full scale (inf, 1e30) clip
    np.clip(np.nan_to_num(data, copy=False, nan=0.0), -1.0, 1.0, out=data)
    mono = data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
    return bytes(np.clip(np.round(mono * 32768.0), -32768, 32767).astype("<i2").tobytes())


def _check_file(path: str | Path) -> None:
    """A missing file is missing, a folder or a FIFO is not a recording (reading a FIFO blocks)."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise ValueError(f"{path}: is a folder, not a recording")
    if not stat.S_ISREG(st.st_mode):
        raise ValueError(f"{path}: not a regular file (a pipe or a device), not read")


def _check_format(path: str | Path, rate: int, channels: int, frames: int) -> None:
    """Refuse what a header can claim but no recording is: the numbers are used for memory."""
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ValueError(
            f"{path}: sample rate {rate} Hz is not a recording's ({MIN_RATE} to {MAX_RATE} Hz)"
        )
    if not 1 <= channels <= 64:
        raise ValueError(f"{path}: {channels} channels is not a recording's (1 to 64)")
    if frames > MAX_SECONDS * rate:
        raise ValueError(
            f"{path}: {frames / rate / 3600:.1f} hours is longer than the "
            f"{MAX_SECONDS // 3600} hours callsim reads"
        )


def _read_pcm16_wav(path: str | Path) -> Audio:
    """The standard library's reader: 16-bit PCM WAV only; stereo is mixed down."""
    try:
        with wave.open(str(path), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            _check_format(path, rate, channels, 0)
            size = Path(path).stat().st_size  # the header's frame count is not trusted
            frames = w.readframes(min(w.getnframes(), size // max(1, channels * width)))
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: not a PCM WAV file ({exc})") from exc
    if width != 2:
        raise ValueError(f"{path}: need 16-bit samples, got {8 * width}-bit")
    if channels > 1:
        import numpy as np

        data = np.frombuffer(frames, dtype="<i2").reshape(-1, channels).astype(np.int32)
        frames = data.mean(axis=1).astype("<i2").tobytes()
    return Audio(frames, rate)

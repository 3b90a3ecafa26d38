"""Reading recordings in the formats trainers' recorders write."""

import numpy as np
import pytest
import soundfile

from simulator.voice.audio import Audio, _read_pcm16_wav, read_wav

RATE = 22050


def _tone() -> np.ndarray:
    t = np.arange(int(0.5 * RATE)) / RATE
    return 0.5 * np.sin(2 * np.pi * 440 * t)


@pytest.mark.parametrize(
    ("suffix", "subtype", "channels"),
    [
        (".wav", "PCM_16", 1),
        (".wav", "PCM_24", 2),
        (".wav", "PCM_32", 1),
        (".wav", "FLOAT", 2),
        (".wav", "PCM_U8", 1),
        (".flac", "PCM_16", 2),
        (".ogg", "VORBIS", 1),
    ],
)
def test_any_common_format_reads_as_the_same_16_bit_mono_audio(tmp_path, suffix, subtype, channels):
    x = _tone()
    path = tmp_path / f"tone-{subtype}{suffix}"
    soundfile.write(path, np.stack([x] * channels, axis=1), RATE, subtype=subtype)
    audio = read_wav(path)
    assert audio.rate == RATE
    y = np.frombuffer(audio.pcm, dtype="<i2") / 32768
    assert y.size == pytest.approx(x.size, abs=RATE // 100)
    n = min(x.size, y.size)
    assert np.corrcoef(x[:n], y[:n])[0, 1] > 0.99  # the same signal, mixed down, not garbled
    assert np.max(np.abs(y)) == pytest.approx(0.5, abs=0.05)  # float and 24-bit scaled right


def test_unreadable_files_are_a_value_error_naming_the_file(tmp_path):
    bad = tmp_path / "notes.wav"
    bad.write_text("these are my notes, not audio")
    with pytest.raises(ValueError, match="notes.wav: not an audio file"):
        read_wav(bad)
    with pytest.raises(ValueError, match="notes.wav: not a PCM WAV"):
        _read_pcm16_wav(bad)


def test_the_standard_library_fallback_reads_16_bit_stereo(tmp_path):
    x = (_tone() * 32767).astype("<i2")
    path = Audio(np.stack([x, x], axis=1).tobytes(), RATE).write_wav(tmp_path / "s.wav")
    # write_wav writes mono; make a real stereo file with the wave module
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(np.stack([x, x], axis=1).tobytes())
    audio = _read_pcm16_wav(path)
    assert np.array_equal(np.frombuffer(audio.pcm, dtype="<i2"), x)

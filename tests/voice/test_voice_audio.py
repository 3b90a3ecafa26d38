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


def _wav_header(rate: int, data: bytes, declared: int | None = None) -> bytes:
    import struct

    size = len(data) if declared is None else declared
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return b"RIFF" + struct.pack("<I", 36 + size) + b"WAVEfmt " + fmt + b"data" + struct.pack(
        "<I", size
    ) + data  # fmt: skip


@pytest.mark.parametrize("reader", [read_wav, _read_pcm16_wav])
@pytest.mark.parametrize("rate", [1, 100, 3999, 400_000])
def test_an_absurd_sample_rate_is_refused_before_any_audio_is_made(tmp_path, reader, rate):
    path = tmp_path / "odd.wav"
    path.write_bytes(_wav_header(rate, b"\1\0" * 20_000))  # 40 KB
    with pytest.raises(ValueError, match=rf"odd.wav: sample rate {rate} Hz is not a recording's"):
        reader(path)


@pytest.mark.parametrize("reader", [read_wav, _read_pcm16_wav])
def test_a_header_claiming_more_audio_than_the_file_holds_reads_what_is_there(tmp_path, reader):
    path = tmp_path / "short.wav"
    path.write_bytes(_wav_header(16_000, b"\1\0" * 8_000, declared=0x7FFF0000))
    audio = reader(path)
    assert audio.duration <= 0.5


def test_a_missing_file_a_folder_and_a_pipe_are_named_for_what_they_are(tmp_path):
    import os

    with pytest.raises(ValueError, match="none.wav: no such file$"):
        read_wav(tmp_path / "none.wav")
    with pytest.raises(ValueError, match="is a folder, not a recording"):
        read_wav(tmp_path)
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="pipe.wav: not a regular file"):
        read_wav(fifo)  # returns at once: a FIFO is never opened


def test_transcribe_reports_a_missing_or_absurd_recording_in_one_line(tmp_path, capsys):
    from simulator.cli import main

    odd = tmp_path / "odd.wav"
    odd.write_bytes(_wav_header(1, b"\1\0" * 20_000))
    assert main(["transcribe", str(tmp_path / "none.wav")]) == 2
    assert main(["transcribe", str(odd)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"callsim transcribe: {tmp_path / 'none.wav'}: no such file",
        f"callsim transcribe: {odd}: sample rate 1 Hz is not a recording's (4000 to 384000 Hz)",
    ]

"""`comfort_noise`: a clip gets a faint white floor when its pauses are digital silence, or
when its own floor leaves the upper band empty (band-limited noise), and not otherwise."""

import numpy as np

from simulator.listen.recogniser import comfort_noise

RATE = 16000


def _speech_like(seconds: float, seed: int) -> np.ndarray:
    """Bursts of broadband sound ("words") with pauses between them, at speech level."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    x = np.zeros(n)
    t = 0
    while t < n:
        length = int(rng.uniform(0.2, 0.5) * RATE)
        x[t : t + length] = rng.normal(0, 3000, min(length, n - t))
        t += length + int(rng.uniform(0.15, 0.4) * RATE)
    return x


def _pcm(x: np.ndarray) -> bytes:
    return np.clip(x, -32768, 32767).astype("<i2").tobytes()


def _lowpassed(x: np.ndarray, cutoff: float) -> np.ndarray:
    spectrum = np.fft.rfft(x)
    spectrum[np.fft.rfftfreq(x.size, 1 / RATE) > cutoff] = 0
    return np.fft.irfft(spectrum, x.size)


def _high_band_power(pcm: bytes) -> float:
    """Power above 4 kHz of the quietest tenth of 10 ms frames."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    frames = x[: x.size // 160 * 160].reshape(-1, 160)
    energy = np.sqrt(np.mean(frames**2, axis=1))
    quiet = frames[energy <= np.percentile(energy, 10)]
    return float(np.median(np.sum(np.abs(np.fft.rfft(quiet, axis=1))[:, 40:] ** 2, axis=1)))


def test_digital_silence_in_the_pauses_gets_a_floor():
    pcm = _pcm(_speech_like(3.0, 1))
    out = comfort_noise(pcm)
    assert out != pcm
    assert comfort_noise(pcm) == out  # seeded: the same clip, the same transcript


def test_a_broadband_floor_is_left_alone():
    x = _speech_like(3.0, 2) + np.random.default_rng(3).normal(0, 150, 3 * RATE)  # ~26 dB SNR
    pcm = _pcm(x)
    assert comfort_noise(pcm) == pcm


def test_a_broadband_floor_with_short_silent_pads_is_left_alone():
    # pads of digital silence too short to be the quietest tenth: the clip's own floor counts
    x = _speech_like(4.0, 6) + np.random.default_rng(7).normal(0, 150, 4 * RATE)
    pad = np.zeros(RATE // 10)
    pcm = _pcm(np.concatenate([pad, x, pad]))
    assert comfort_noise(pcm) == pcm


def test_a_floor_only_at_low_frequencies_gets_a_floor_in_the_upper_band():
    # a room's hum and distant talk: loud enough below 3.5 kHz, nothing above it
    hum = _lowpassed(np.random.default_rng(4).normal(0, 400, 3 * RATE), 3500.0)
    pcm = _pcm(_speech_like(3.0, 5) + hum)
    out = comfort_noise(pcm)
    assert out != pcm
    assert _high_band_power(out) > 10 * _high_band_power(pcm)  # 10 dB more, at least


def test_short_clips_are_returned_as_they_are():
    assert comfort_noise(b"\0\0" * 100) == b"\0\0" * 100

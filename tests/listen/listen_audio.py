"""Audio helpers for the listener tests (imported by name: tests/ is not a package)."""

from __future__ import annotations

import numpy as np

from simulator.voice.audio import Audio

# Six agent turns of one call (adaptation tests: about 20 s of speech in one voice).
CALL_LINES = [
    "Thank you for calling Advantus, this is Dana, how can I help you today?",
    "May I place you on a brief hold while I check your order?",
    "Thank you so much for holding, I appreciate your patience.",
    "I can transfer you to our billing team, they can fix the charge.",
    "Could I have a good number to call you back on, just in case?",
    "Is there anything else I can help you with today?",
]


def with_noise(audio: Audio, snr_db: float, seed: int = 0) -> Audio:
    """White noise ``snr_db`` below the speech level, as a phone line or a room adds."""
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    level = float(np.sqrt(np.mean(x[np.abs(x) > 300] ** 2)))
    noise = np.random.default_rng(seed).normal(0, level * 10 ** (-snr_db / 20), x.size)
    return Audio(np.clip(x + noise, -32768, 32767).astype("<i2").tobytes(), audio.rate)


def silence(seconds: float, rate: int = 22050) -> Audio:
    return Audio(b"\0\0" * int(rate * seconds), rate)

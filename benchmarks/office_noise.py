"""Synthetic office noise for the speech benchmark: babble, keyboards and air conditioning.

No recordings of office noise can be reached offline, so it is made from
three parts a contact-centre headset picks up, mixed at fixed levels and then
scaled to the requested SNR against the speech (the level of its samples
above the noise gate, as `bench_speech.add_noise` measures it):

- babble: five eSpeak NG voices (other variants and rates than the benchmark's
  speakers) each saying unrelated sentences on a loop, offset in time, summed
  and low-passed (colleagues a few desks away: their high frequencies are
  absorbed first); level 0 dB in the mix;
- keyboards: bursts of typing, 6-9 keys a second for 1-4 s, each key a 4-12 ms
  click of band-passed noise decaying at random strength; -4 dB;
- air conditioning: a 50 Hz hum with its harmonics (100, 150 Hz) and
  low-passed brown noise (the fan's rumble), steady; -8 dB.

Deterministic for a given seed: a line's noise is a slice of one long track
taken at a seeded offset.
"""

from __future__ import annotations

import numpy as np

from simulator.voice.audio import Audio
from simulator.voice.profile import VoiceProfile
from simulator.voice.tts import EspeakSynthesizer

__all__ = ["OfficeNoise"]

# Unrelated chatter: nothing an agent on the benchmark's calls would say.
BABBLE_LINES = (
    "Did anyone see where I left the stapler this morning?",
    "The football last night went to extra time and then penalties.",
    "We should book the meeting room for Thursday afternoon.",
    "My train was delayed again, third time this week.",
    "Can you send me the slides before lunch?",
    "The coffee machine on the second floor is broken.",
    "I think the quarterly numbers are due on Friday.",
    "Are you going to the leaving drinks tonight?",
    "The printer keeps jamming on double sided pages.",
    "She said the new rota starts next Monday.",
)
BABBLE_VOICES = (
    VoiceProfile(variant="m2", rate=160),
    VoiceProfile(variant="f1", rate=175),
    VoiceProfile(variant="m4", rate=185),
    VoiceProfile(variant="f4", rate=155),
    VoiceProfile(variant="m7", rate=170),
)
TRACK_SECONDS = 40.0
MIX_DB = {"babble": 0.0, "keys": -4.0, "hvac": -8.0}


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2))) if x.size else 0.0


def _lowpass(x: np.ndarray, rate: int, cutoff: float) -> np.ndarray:
    spectrum = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(x.size, 1.0 / rate)
    spectrum[freqs > cutoff] = 0.0
    return np.fft.irfft(spectrum, x.size)


def _babble(synth: EspeakSynthesizer, n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    out = np.zeros(n)
    for k, voice in enumerate(BABBLE_VOICES):
        talk = []
        for j in range(len(BABBLE_LINES)):
            line = BABBLE_LINES[(j + 3 * k) % len(BABBLE_LINES)]
            audio = synth.synthesize(line, voice)
            x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
            if audio.rate != rate:
                x = np.interp(np.linspace(0, x.size - 1, int(x.size * rate / audio.rate)),
                              np.arange(x.size), x)  # fmt: skip
            talk.append(x / max(1.0, _rms(x[np.abs(x) > 300])))
            talk.append(np.zeros(int(rate * rng.uniform(0.2, 1.2))))  # a pause between lines
        track = np.concatenate(talk)
        track = np.tile(track, n // track.size + 1)
        out += np.roll(track, int(rng.integers(track.size)))[:n]
    return _lowpass(out, rate, 3500.0)


def _keys(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    out = np.zeros(n)
    t = int(rng.uniform(0, 1.5) * rate)
    while t < n:
        end = min(n, t + int(rng.uniform(1.0, 4.0) * rate))  # a burst of typing
        while t < end:
            length = int(rate * rng.uniform(0.004, 0.012))
            click = rng.normal(0, 1, length) * np.exp(-np.linspace(0, 6, length))
            click = np.diff(click, prepend=0.0)  # a sharp, high-pitched tick
            out[t : t + length] += rng.uniform(0.4, 1.0) * click[: n - t]
            t += int(rate / rng.uniform(6, 9))
        t = end + int(rng.uniform(0.5, 3.0) * rate)  # a pause in typing
    return out


def _hvac(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    time = np.arange(n) / rate
    hum = sum(a * np.sin(2 * np.pi * f * time) for f, a in ((50, 1.0), (100, 0.5), (150, 0.25)))
    brown = np.cumsum(rng.normal(0, 1, n))
    rumble = _lowpass(brown - brown.mean(), rate, 250.0)
    return hum / _rms(hum) + 2.0 * rumble / max(1e-9, _rms(rumble))


class OfficeNoise:
    """One long office track per sample rate; `add(audio, snr_db, seed)` mixes a slice in."""

    def __init__(self, synth: EspeakSynthesizer, seed: int = 0) -> None:
        self._synth = synth
        self._seed = seed
        self._tracks: dict[int, np.ndarray] = {}

    def track(self, rate: int) -> np.ndarray:
        if rate not in self._tracks:
            rng = np.random.default_rng(self._seed)
            n = int(TRACK_SECONDS * rate)
            parts = {
                "babble": _babble(self._synth, n, rate, rng),
                "keys": _keys(n, rate, rng),
                "hvac": _hvac(n, rate, rng),
            }
            mix = sum(10 ** (MIX_DB[k] / 20) * x / max(1e-9, _rms(x)) for k, x in parts.items())
            self._tracks[rate] = mix / _rms(mix)
        return self._tracks[rate]

    def add(self, audio: Audio, snr_db: float, seed: int) -> Audio:
        x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
        loud = x[np.abs(x) > 300]
        level = _rms(loud)
        track = self.track(audio.rate)
        start = int(np.random.default_rng(seed).integers(max(1, track.size - x.size)))
        noise = np.resize(track[start:], x.size) * level * 10 ** (-snr_db / 20)
        return Audio(np.clip(x + noise, -32768, 32767).astype("<i2").tobytes(), audio.rate)

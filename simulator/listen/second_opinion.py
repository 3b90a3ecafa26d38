"""A second hearing of a new trainee's first turn, decoded while it is spoken.

A new trainee's first turn has no learnt cepstral mean. The recogniser
decodes it with the mean of its first second (`early_mean`), which is quick
but only an estimate: on held-out lines the turns it mishears and the turns
a whole-turn mean mishears are different turns (American, 30 dB white
noise: 14 lines right only with the old whole-turn second pass, 7 only with
the first second's mean). Decoding the turn again at its end, to compare,
costs about 0.1 s of CPU per second of speech after the trainee stops.

So a second decoder (a twin: same acoustic model, dictionary and language
model, 0.15 s to build, about 9 MB) hears the same turn at the same time,
with a mean that follows the turn: the first second's, then, every half
second, the mean of all the turn so far (measured by the same `MeanProbe`,
about 36 ms of CPU per second of audio), so its later words are normalised
with nearly the whole turn's own mean. At the end only the last half second
is left for it. Of the two hypotheses the recogniser takes the one whose
best words do an act, and if both or neither do, the one with the better
path score (`choose`). Only the first turn of a recogniser that has learnt
no mean uses it; the twin is dropped after that turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.listen.early_mean import MeanProbe, cmn_text

__all__ = ["Hearing", "Twin", "choose"]

BLOCK_BYTES = 16000  # half a second of 16 kHz audio: the twin's mean moves this often


@dataclass(frozen=True)
class Hearing:
    """One decoder's result for a turn: best text, next-best texts, path score, act in best."""

    text: str
    alternatives: tuple[str, ...]
    score: int
    acts: bool


def choose(first: Hearing, second: Hearing) -> Hearing:
    """The hearing to act on: the one whose best hypothesis does an act; if both or neither
    do, the better path score (the acoustic model fits the better-normalised features
    better); ties go to ``first``."""
    if first.acts != second.acts:
        return first if first.acts else second
    return first if first.score >= second.score else second


class Twin:
    """A second decoder on the recogniser's settings that follows the turn's running mean."""

    def __init__(self, settings: dict[str, Any]) -> None:
        from pocketsphinx import Decoder

        self.decoder = Decoder(**settings)
        self._probe: MeanProbe | None = None
        self._pending = b""
        self._search: str | None = None
        self._searches: set[str] = set()
        self.started = False

    def use_search(self, name: str | None, path: str | None) -> None:
        """The recogniser's active search (a moment's model, or None: the general one)."""
        if name is not None and path is not None and name not in self._searches:
            try:
                self.decoder.add_lm_file(name, path)
                self._searches.add(name)
            except RuntimeError:
                name = None
        if name != self._search:
            self.decoder.activate_search(name)
            self._search = name

    def start(self, pcm: bytes, probe: MeanProbe) -> None:
        """Start with the turn's first second, which ``probe`` has just measured (the probe
        then goes on measuring the turn here)."""
        self._probe = probe
        if probe.mean is not None:
            self.decoder.set_cmn(cmn_text(probe.mean))
        self.decoder.start_utt()
        self.started = True
        if pcm:
            self.decoder.process_raw(pcm, no_search=False, full_utt=False)
        self._pending = b""

    def feed(self, pcm: bytes) -> None:
        """More of the turn: each whole half second is measured, moves the mean, is decoded
        (in the same blocks however the audio arrives, so a recording is heard as a stream)."""
        self._pending += pcm
        while len(self._pending) >= BLOCK_BYTES:
            block, self._pending = self._pending[:BLOCK_BYTES], self._pending[BLOCK_BYTES:]
            self._step(block)

    def _step(self, block: bytes) -> None:
        if not block:
            return
        if self._probe is not None:
            self._probe.add(block)
            if self._probe.mean is not None:
                self.decoder.set_cmn(cmn_text(self._probe.mean))
        self.decoder.process_raw(block, no_search=False, full_utt=False)

    def finish(self) -> None:
        """The rest of the turn, and the end of the utterance."""
        self._step(self._pending)
        self._pending = b""
        self.decoder.end_utt()
        self.started = False

"""A turn's own cepstral mean, measured while the trainee is still speaking.

A new trainee's first turn has no learnt cepstral mean (see `recogniser`):
decoded against PocketSphinx's built-in guess it loses a lot of accuracy,
and decoding it again once it ends, with the turn's own mean, is what put
those turns at 0.8-0.9 s voice-to-voice. Here the turn's mean is measured
block by block as the audio arrives, by a second, search-less use of
PocketSphinx's own front end (a one-word keyphrase decoder: its features are
the main decoder's, so the mean is in the same units), and the frame-weighted
average of the blocks is the turn's batch mean so far. The recogniser
streams with that mean and starts again when it moves; at the end of the
turn only the last block is left to measure.

Measuring costs about 36 ms of CPU per second of audio (the front end
alone, no search), spread over the turn; the blocks' mean is within 1-2 of
the whole turn's batch mean (block edges: a frame or two, and the front
end's noise estimate starts again in each block).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["MeanProbe", "cmn_distance", "cmn_text"]

# Front-end settings a recogniser could be given that change the features (so the mean).
_FRONT_END = (
    "alpha", "dither", "doublebw", "frate", "input_endian", "lifter", "logspec", "lowerf",
    "ncep", "nfft", "nfilt", "remove_dc", "remove_noise", "round_filters", "samprate",
    "seed", "smoothspec", "transform", "unit_area", "upperf", "warp_params", "warp_type",
    "wlen", "feat", "ceplen", "varnorm", "agc", "lda", "ldadim", "svspec",
)  # fmt: skip


def cmn_distance(a: list[float] | str, b: list[float] | str) -> float:
    """Euclidean distance between two cepstral means (lists, or PocketSphinx's comma form)."""
    x = [float(v) for v in a.split(",")] if isinstance(a, str) else a
    y = [float(v) for v in b.split(",")] if isinstance(b, str) else b
    return math.sqrt(sum((p - q) ** 2 for p, q in zip(x, y, strict=False)))


class MeanProbe:
    """The batch cepstral mean of the audio given to `add` since `reset`, block by block."""

    def __init__(self, hmm: str, settings: dict[str, Any] | None = None) -> None:
        """``hmm``: the main decoder's acoustic model folder (its feat.params set the front
        end); ``settings``: the main decoder's configuration, whose front-end keys are copied."""
        from pocketsphinx import Decoder

        kwargs: dict[str, Any] = {"hmm": hmm, "lm": None, "loglevel": "FATAL"}
        for key in _FRONT_END:
            if settings and settings.get(key) is not None:
                kwargs[key] = settings[key]
        with tempfile.NamedTemporaryFile("w", suffix=".dict", delete=False) as f:
            f.write("a AH\n")  # a search is needed to start an utterance; it is never run
        try:
            self._decoder = Decoder(dict=f.name, keyphrase="a", **kwargs)
        finally:
            Path(f.name).unlink(missing_ok=True)
        self._sum: list[float] = []
        self.frames = 0

    def reset(self) -> None:
        self._sum = []
        self.frames = 0

    def add(self, pcm16k: bytes) -> None:
        """Measure one block of audio (a few tenths of a second or more: each block loses a
        frame at its edges) and fold its mean into the turn's."""
        if len(pcm16k) < 1600:  # under 50 ms: no whole frame worth its edge error
            return
        d = self._decoder
        d.start_utt()
        d.process_raw(pcm16k, no_search=True, full_utt=True)  # batch CMN of this block
        d.end_utt()
        n = d.n_frames()
        if n <= 0:
            return
        mean = [float(v) for v in str(d.get_cmn(False)).split(",")]
        if any(math.isnan(v) for v in mean):
            return
        if not self._sum:
            self._sum = [0.0] * len(mean)
        self._sum = [s + n * v for s, v in zip(self._sum, mean, strict=False)]
        self.frames += n

    @property
    def mean(self) -> list[float] | None:
        """The frame-weighted mean of the blocks so far (None before any)."""
        if not self.frames:
            return None
        return [s / self.frames for s in self._sum]


def cmn_text(mean: list[float]) -> str:
    """A mean in PocketSphinx's comma-separated form (for `Decoder.set_cmn`)."""
    return ",".join(f"{v:.4f}" for v in mean)

"""Recognition biased by the moment of the call: one language model per moment, switched per turn.

The engine says what an agent is likely to do next (`simulator.engine.hint`:
after a complaint an apology or a request for the account, after a hold
thanks for holding, in closing anything else and goodbye). For each moment
the listener has a language model made of the same domain sentences as the
call's general model, with the sentences that do the moment's likely acts
counted `WEIGHT` times: a mixture of the general model and the moment's, so
the likely words win close calls while every other sentence and the
background vocabulary stay possible (the unexpected is never ruled out).

Sentences are labelled with the grader's own act recogniser
(`scoring.acts.recognise(..., graded=True)`), so "likely" means what the
grader would read. Each moment's model is built once per scenario and kept
in the model cache (`model_cache`, keyed by a hash of the general model's
key, the moment, the weight and this code); a turn whose moment has no model
ready yet is decoded with the general model, never waited for.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["WEIGHT", "MomentModels", "weighted_sentences"]

MODEL = "moment.lm.bin"
WEIGHT = 12  # times a sentence doing one of the moment's likely acts is counted (chosen on dev)


def weighted_sentences(
    sentences: Sequence[Sequence[str]],
    labels: Sequence[frozenset[str]],
    likely: frozenset[str],
    weight: int = WEIGHT,
) -> list[Sequence[str]]:
    """All sentences once, and those doing a likely act ``weight - 1`` more times."""
    out: list[Sequence[str]] = list(sentences)
    for sentence, acts in zip(sentences, labels, strict=True):
        if acts & likely:
            out.extend([sentence] * (weight - 1))
    return out


def _labels(sentences: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    try:
        from scoring.acts import recognise
    except ImportError:  # no grader alongside: no labels, every moment is the general model
        return [frozenset()] * len(sentences)
    return [recognise(" ".join(s), "agent", graded=True) for s in sentences]


class MomentModels:
    """The moment models of one domain model: built on request (cached), looked up per turn.

    ``source()`` gives the general model's sentences and background words
    (unpronounceable words already dropped); ``key`` is the general model's
    cache key ("" when there is no cache: models go to a temporary folder
    kept as long as this object).
    """

    def __init__(
        self,
        source: Callable[[], tuple[list[list[str]], list[str]]],
        key: str,
        lm_options: dict[str, Any],
        weight: int = WEIGHT,
    ) -> None:
        self._source = source
        self.key = key
        self.lm_options = lm_options
        self.weight = weight
        self.ready: dict[str, Path] = {}  # moment -> its ARPA file, once built
        self._temp: tempfile.TemporaryDirectory[str] | None = None

    def prepare(self, moments: Iterable[str]) -> None:
        """Build (or find in the cache) the models of ``moments`` not ready yet. Blocking:
        the window runs it on its worker thread; a turn never waits for it."""
        from simulator.engine.hint import MOMENTS

        wanted = [m for m in dict.fromkeys(moments) if m in MOMENTS and m not in self.ready]
        if not wanted:
            return
        labelled: list[Any] = []  # sentences, background, labels: made once, if needed

        def build(moment: str, folder: Path) -> dict[str, Any]:
            if not labelled:
                sentences, background = self._source()
                labelled.extend([sentences, background, _labels(sentences)])
            sentences, background, labels = labelled
            mixed = weighted_sentences(sentences, labels, MOMENTS[moment], self.weight)
            self._write(mixed, background, folder / MODEL)
            return {"moment": moment}

        for moment in wanted:
            path = self._cached(moment, build)
            if path is not None:
                self.ready[moment] = path

    def _write(self, sentences: list[Sequence[str]], background: list[str], path: Path) -> None:
        """The model in PocketSphinx's binary form: a decoder loads it in ~40 ms at the start of
        a turn, where the ARPA text took ~0.3 s (and the voice-to-voice time with it)."""
        from pocketsphinx import NGramModel

        from simulator.listen.background import BIGRAMS, background_bigrams
        from simulator.listen.lm import build_arpa

        weight = float(self.lm_options.get("bigram_weight", 0.0))
        text = build_arpa(
            sentences,
            background,
            self.lm_options["background_mass"],
            self.lm_options["discount"],
            background_bigrams(BIGRAMS) if weight > 0 else None,
            weight,
        )
        arpa = path.with_suffix(".arpa")
        arpa.write_text(text, encoding="utf-8")
        try:
            NGramModel.readfile(str(arpa)).write(str(path), NGramModel.str_to_type("bin"))
        finally:
            arpa.unlink(missing_ok=True)

    def _cached(self, moment: str, build: Callable[[str, Path], dict[str, Any]]) -> Path | None:
        from simulator.listen.model_cache import cached, model_key

        if self.key:
            here = Path(__file__).parent
            engine_hint = here.parent / "engine" / "hint.py"
            key = model_key(
                {"general": self.key, "moment": moment, "weight": self.weight},
                [here / "context.py", here / "lm.py", here / "background.py", engine_hint],
            )
            found = cached(key, lambda folder: build(moment, folder))
            if found is not None:
                return found[0] / MODEL
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(prefix="callsim-moments-")
        folder = Path(self._temp.name) / moment
        folder.mkdir(exist_ok=True)
        build(moment, folder)
        return folder / MODEL

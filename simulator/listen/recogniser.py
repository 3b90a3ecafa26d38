"""Offline speech recognition with PocketSphinx, biased towards what agents say on a call.

Uses the pocketsphinx 5 API directly rather than SpeechRecognition's
``recognize_sphinx``: with ``grammar=`` that wrapper fails on its second
call (it caches a compiled ``.fsg`` beside the grammar), and it cannot take a
language model built in memory. The model here is a trigram LM built at run
time from the domain text (see `domain`) plus a background vocabulary of
common English words, so scenario names and protocol phrasings are likely
while the trainee's own words stay possible. The benchmark compares this
with the stock LM and with a closed grammar; see docs/voice.md.
"""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from simulator.listen.background import BIGRAMS, background_bigrams
from simulator.listen.domain import DomainTerms, domain_sentences
from simulator.listen.early_mean import MeanProbe, cmn_text
from simulator.listen.lm import build_arpa
from simulator.listen.pronounce import Lexicon
from simulator.listen.second_opinion import Hearing, Twin, choose
from simulator.listen.words import repair
from simulator.voice.audio import Audio

__all__ = [
    "Recognition",
    "SphinxRecogniser",
    "build_domain_recogniser",
    "recogniser_for",
    "to_16k",
]

RATE = 16000
DATA = Path(__file__).parent / "data"
ACCENT_MIN_WORDS = 8  # words with a British variant heard before the accent is decided
ACCENT_BRITISH_SHARE = 0.3  # share of them heard the British way that means British
# A new trainee's first turn is decoded with the cepstral mean of its first EARLY_BYTES of
# audio (1 s), measured as it is spoken (`early_mean`), and again at its end only when
# nothing it heard does an act (docs/voice.md, "A new trainee's first turn at a later
# turn's speed").
EARLY_BYTES = 2 * RATE


@dataclass(frozen=True)
class Recognition:
    """What was heard; ``text`` is empty when nothing was recognised."""

    text: str
    seconds: float  # time spent decoding
    audio_seconds: float
    alternatives: tuple[str, ...] = ()  # the decoder's next-best hypotheses, best first
    passes: int = 1  # 2 when the turn was decoded again with a corrected cepstral mean

    @property
    def real_time_factor(self) -> float:
        return self.seconds / self.audio_seconds if self.audio_seconds else 0.0


def to_16k(audio: Audio) -> bytes:
    """Resample to the acoustic model's 16 kHz (linear interpolation is enough for speech)."""
    if audio.rate == RATE:
        return audio.pcm
    import numpy as np

    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32)
    if x.size == 0:
        return b""
    n = int(round(x.size * RATE / audio.rate))
    y = np.interp(np.linspace(0, x.size - 1, n), np.arange(x.size), x)
    return np.clip(y, -32768, 32767).astype("<i2").tobytes()


def padded(pcm16k: bytes) -> bytes:
    """A clip as the recogniser should hear it: quarter-second pads, comfort noise in the gaps.

    Used for whole recordings (`SphinxRecogniser.recognise`) and for
    anything aligned for adaptation, so both see the same kind of audio.
    """
    silence = b"\0\0" * (RATE // 4)
    return comfort_noise(silence + pcm16k + silence)


def comfort_noise(pcm16k: bytes, snr_db: float = 30.0, seed: int = 7) -> bytes:
    """Add a faint noise floor to audio whose pauses are digital silence.

    The acoustic model was trained on real recordings, which never go to
    exact zero; clean TTS or a gated microphone does, and that upsets the
    decoder's noise and cepstral-mean estimates. White noise 30 dB below the
    speech level lowered WER on our eSpeak dev lines from 0.46 to 0.37.
    Audio that already has a noise floor in every band is returned unchanged.
    A floor only at low frequencies is not one: noise that is band-limited
    (a room's hum and distant voices, a headset that suppresses noise) leaves
    the upper band near zero between words, and that hurt as much as digital
    silence (dev lines, British voices, office noise over the whole clip with
    no digital silence anywhere, first turns: acts 51 of 87 without the
    floor, 68 with it, as with quarter-second silent pads; docs/voice.md,
    "Issue 16, eighth session"). So the floor is also added when the
    pauses' 4-8 kHz band is weaker than this floor's would be (`_weak_band`);
    a broadband floor (white noise, a microphone's hiss) is left as it is.
    Seeded, so the same file always gives the same transcript.
    """
    import numpy as np

    x = np.frombuffer(pcm16k, dtype="<i2").astype(np.float64)
    if x.size < 320:
        return pcm16k
    frames = x[: x.size // 160 * 160].reshape(-1, 160)
    energy = np.sqrt(np.mean(frames**2, axis=1))
    speech = energy[energy > np.percentile(energy, 50)]
    level = float(np.sqrt(np.mean(speech**2))) if speech.size else 0.0
    if level <= 0:
        return pcm16k
    floor = level * 10 ** (-snr_db / 20)  # the added noise's RMS
    if np.percentile(energy, 10) > 2.0:  # a floor in the pauses: is it in every band?
        audible = energy > 2.0  # (a few digital-silence frames, such as short pads, aside)
        quiet = frames[audible][energy[audible] <= np.percentile(energy[audible], 10)]
        if not _weak_band(quiet, floor):
            return pcm16k  # a real noise floor is already there, in every band
    noise = np.random.default_rng(seed).normal(0.0, floor, x.size)
    return np.clip(x + noise, -32768, 32767).astype("<i2").tobytes()


def _weak_band(quiet: Any, floor: float) -> bool:
    """Is the 4-8 kHz band of the quietest frames (10 ms each, at 16 kHz) at least 6 dB
    weaker than white noise of RMS ``floor`` would make it? (White noise puts half its power
    in that band.)"""
    import numpy as np

    if not len(quiet):
        return False
    spectrum = np.abs(np.fft.rfft(quiet, axis=1)) ** 2  # 81 bins of 100 Hz
    # Parseval for a 160-point frame: mean square = (|X0|^2 + 2 sum |Xk|^2 + |X80|^2) / 160^2
    high = 2 * float(np.median(np.sum(spectrum[:, 40:80], axis=1))) / 160**2
    return high < 0.5 * floor**2 * 10 ** (-6 / 10)


def _model_path(sub: str) -> str:
    from pocketsphinx import get_model_path

    return str(get_model_path(sub))


def does_an_act(result: Recognition) -> bool:
    """Does the turn's best hypothesis itself do an agent act? (An act found only in an
    alternative is a sign the turn was heard badly: first turns, dev lines, 37 of 44 acts
    right with this gate against 36 with "best or alternatives", 9 against 6 decoded again.)"""
    return does_an_act_text(result.text)


def does_an_act_text(text: str) -> bool:
    from simulator.listen.listeners import acts_of

    return bool(acts_of(text))


def _cmn_shift(before: str, after: str) -> float:
    """Euclidean distance between two cepstral means (PocketSphinx's comma-separated form)."""
    a = [float(x) for x in before.split(",")]
    b = [float(x) for x in after.split(",")]
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=False)))


class SphinxRecogniser:
    """A PocketSphinx decoder with one search (an LM or a JSGF grammar), streaming or whole.

    Cepstral mean normalisation. The acoustic model expects features with
    the speaker's and channel's average spectrum subtracted; PocketSphinx
    estimates that mean live and updates it only at the end of each turn,
    starting from a fixed guess (40,3,-1,0,...). A fresh decoder therefore
    decodes its first turn with a mean far from the real one (the first
    coefficient alone is the loudness), which costs a lot of accuracy
    (dev lines, every turn a first turn: WER 0.31, acts 66%; with the mean
    learnt from earlier turns of the same voice: WER 0.21, acts 74%). So
    the first turn a recogniser hears, when it moves the mean by more than
    ``redecode_shift`` (first turns move it 11-26), is decoded a second time
    with the mean measured on that turn itself (`_decode_whole`). Later
    turns start from the learnt mean and are decoded once (a second pass
    costs about 0.08 s per second of speech after the turn ends). A mean
    learnt in an earlier call (same trainee, same microphone) can be handed
    to a new recogniser with `cmn`; it then never decodes twice.
    """

    def __init__(
        self,
        lm: str | None = None,
        dictionary: str | None = None,
        jsgf: str | None = None,
        redecode_shift: float | None = 8.0,
        alternatives: int = 5,
        **config: Any,
    ) -> None:
        """``redecode_shift`` None: never decode twice; ``alternatives``: N-best size (0: none)."""
        from pocketsphinx import Decoder

        kwargs: dict[str, Any] = {
            "hmm": _model_path("en-us/en-us"),
            "dict": dictionary or _model_path("en-us/cmudict-en-us.dict"),
            "samprate": RATE,
            "loglevel": "FATAL",
        }
        if jsgf is None:
            kwargs["lm"] = lm or _model_path("en-us/en-us.lm.bin")
        else:
            kwargs["lm"] = None
            kwargs["jsgf"] = jsgf
        kwargs.setdefault("fwdflat", False)  # finishing a turn: 41 ms p50 instead of 333, same WER
        if jsgf is None and lm is not None:
            # A small domain LM earns more weight than the stock 6.5 (dev lines: WER 0.43 -> 0.37)
            kwargs.setdefault("lw", 8.0)
        kwargs.update(config)
        self.decoder = Decoder(**kwargs)
        self._settings = kwargs
        self.model: DomainModel | None = None  # set by build_domain_recogniser
        self.redecode_shift = redecode_shift
        self.alternatives = alternatives
        # True: a first turn is decoded once, whole, with its own cepstral mean when it ends,
        # rather than streamed and then decoded again the same way (half the decoding; WER
        # lower on every set measured, acts mixed: held-out American +1.4 points, British
        # -6.3; docs/voice.md). `callsim transcribe` sets it (its aim is start-up time);
        # live turns keep streaming. Never after `prime`: a returning trainee's first turn
        # streams from the saved mean.
        self.whole_first_turn = False
        # True: a new trainee's streamed first turn is decoded with its own mean as it is
        # spoken (`_feed_early`), not again at its end (docs/voice.md, "A new trainee's first
        # turn at a later turn's speed").
        self.early_mean = True
        # True: that first turn is also heard by a second decoder that follows the turn's
        # running mean, and the better of the two hearings is taken (`second_opinion`; the
        # twin is built by `build_domain_recogniser(second_opinion=True)` and dropped after
        # the first turn). Off: on held-out lines it moved acts by -4 to +3 lines of 144 per
        # condition, net +2 of 576, for 40-75 ms on a first turn (docs/voice.md).
        self.second_opinion = False
        self._twin: Twin | None = None
        self._early = False
        self._probe: MeanProbe | None = None
        self._started = False  # the early turn's decoding has started (its mean is known)
        self._primed = False
        self._whole = False
        self._pcm: list[bytes] = []
        self.last_pcm = b""  # the last finished turn's audio (in-session adaptation learns from it)
        self._cmn_at_start = ""
        self._learnt = False  # True once a turn has taught the mean, or one was handed over
        self._busy = 0.0
        # Accent (see `_weigh_accent`): British variants in the dictionary, and the evidence.
        self.british_variant: dict[str, int] = {}
        self.dictionaries: dict[str, str] = {}  # "uk" (both variants) and "us": their text
        self.accent_evidence = (0, 0)  # (words that have a British variant, times it was chosen)
        self._british_loaded = True
        self._searches: set[str] = set()  # moment models loaded into the decoder (see `expect`)

    # Context (see `expect`): the moment models and the moment the next turn is in.
    moments: Any = None  # a `context.MomentModels`, set by build_domain_recogniser
    moment = ""  # the moment of the next turn ("": the general model)
    _search: str | None = None  # the decoder's active search (None: the general model)
    _twin: Twin | None = None  # a new trainee's first turn's second decoder (`second_opinion`)

    def expect(self, hint: Any) -> None:
        """The next turn's moment, from the engine's `ListenHint` (or its name; None: none).

        That turn is decoded with the moment's model when it is ready, else with
        the general one (see `context`); the turn after goes back to the general
        model unless told again.
        """
        self.moment = str(getattr(hint, "moment", hint) or "")

    def _use_moment(self) -> None:
        """Switch the decoder's search to the moment's model (between turns only)."""
        path = self.moments.ready.get(self.moment) if self.moments is not None else None
        name = f"moment-{self.moment}" if path is not None else None
        if name is not None and name not in self._searches:
            try:
                self.decoder.add_lm_file(name, str(path))  # ~0.2 s, once per moment
                self._searches.add(name)
            except RuntimeError:  # a damaged file: this turn uses the general model
                name = None
        if name != self._search:
            self.decoder.activate_search(name)
            self._search = name
        if self._twin is not None and not self._learnt:  # only a first turn uses it
            self._twin.use_search(name, None if path is None else str(path))
        self.moment = ""

    @property
    def cmn(self) -> str:
        """The cepstral mean the next turn starts from (comma-separated, as PocketSphinx has it)."""
        return str(self.decoder.get_cmn())

    @cmn.setter
    def cmn(self, value: str) -> None:
        self.decoder.set_cmn(value)
        self._learnt = True
        self._twin = None  # (only a first turn with no learnt mean uses it)

    def prime(self, value: str) -> None:
        """Start from a mean saved in an earlier session, without trusting it like `cmn`.

        The same trainee at the same microphone moves it little on the first
        turn (3-7, as later turns do), so that turn is decoded once; another
        speaker or microphone moves it further than ``redecode_shift`` and
        the turn is decoded again with its own mean, as from the built-in guess.
        """
        self.decoder.set_cmn(value)
        self._primed = True
        self._twin = None

    # Streaming: feed audio while the trainee speaks, so little is left when they stop.
    def start(self) -> None:
        self._apply_accent()
        self._use_moment()
        self._cmn_at_start = self.cmn
        # A first turn is decoded once, whole, with its own mean (see `whole_first_turn`).
        self._whole = (
            self.whole_first_turn
            and not self._learnt
            and not self._primed
            and self.redecode_shift is not None
        )
        self._early = (
            self.early_mean
            and not self._whole
            and not self._learnt
            and not self._primed
            and self.redecode_shift is not None
        )
        self._pcm = []
        self._busy = 0.0
        self._started = False
        if not self._early and not self._whole:
            self.decoder.start_utt()

    def feed(self, pcm16k: bytes) -> None:
        if self._early:
            t = time.perf_counter()
            self._feed_early(pcm16k)
            self._busy += time.perf_counter() - t
            return
        if not self._whole:
            t = time.perf_counter()
            self.decoder.process_raw(pcm16k, no_search=False, full_utt=False)
            self._busy += time.perf_counter() - t
        self._pcm.append(pcm16k)

    def _feed_early(self, pcm16k: bytes) -> None:
        """A first turn's audio: kept until its first second is in, then decoded from the
        start with that second's own mean, and as it comes after that."""
        self._pcm.append(pcm16k)
        if self._started:
            self.decoder.process_raw(pcm16k, no_search=False, full_utt=False)
            if self._twin is not None and self._twin.started:
                self._twin.feed(pcm16k)
        elif sum(map(len, self._pcm)) >= EARLY_BYTES:
            self._start_early()

    def _start_early(self) -> None:
        """Measure the turn's mean on its first second (less if it is shorter) and decode the
        turn so far with it."""
        pcm = b"".join(self._pcm)
        self._started = True
        if pcm:  # (a turn with no audio at all has nothing to measure or decode)
            if self._probe is None:
                self._probe = MeanProbe(str(self._settings["hmm"]), self._settings)
            self._probe.reset()
            self._probe.add(pcm[:EARLY_BYTES])
            if self._probe.mean is not None:  # else (no whole frame) the mean it has
                self.decoder.set_cmn(cmn_text(self._probe.mean))
        self.decoder.start_utt()
        if pcm:
            self.decoder.process_raw(pcm, no_search=False, full_utt=False)
            if self._twin is not None and self.second_opinion and self._probe is not None:
                self._twin.start(pcm[:EARLY_BYTES], self._probe)
                self._twin.feed(pcm[EARLY_BYTES:])

    def _finish_early(self, began: float) -> Recognition:
        """End a first turn decoded with its first second's mean, and heard by the twin with
        the running mean (`second_opinion`): the better hearing is taken. Decode it again,
        whole, only when neither hearing's best hypothesis does an act: on dev lines that is
        where the second pass still earns its time (docs/voice.md)."""
        if not self._started:  # shorter than a second
            self._start_early()
        self.decoder.end_utt()
        self.decoder.get_cmn(True)  # the mean updated with this turn, for the next one
        self._weigh_accent()
        pcm = b"".join(self._pcm)
        heard = self._hearing(self.decoder)
        twin = self._twin
        if twin is not None and twin.started:
            twin.finish()
            heard = choose(heard, self._hearing(twin.decoder))
        if len(pcm) >= 2 * RATE:  # the mean is learnt now: no later turn needs the twin
            self._twin = None
        result = self._result(pcm, began, 1, heard)
        if not pcm or heard.acts:
            return result
        t = time.perf_counter()
        self._apply_accent()
        self._decode_whole(pcm)  # as a first turn was always decoded (see `finish`)
        return self._result(pcm, t, 2)

    def finish(self) -> Recognition:
        t = time.perf_counter()
        if self._whole:
            return self._finish_whole(t)
        if self._early:
            return self._finish_early(t)
        self.decoder.end_utt()
        passes = 1
        learnt = str(self.decoder.get_cmn(True))  # the mean updated with this turn
        self._weigh_accent()
        pcm = b"".join(self._pcm)
        if (
            self.redecode_shift is not None
            and not self._learnt
            and pcm
            and _cmn_shift(self._cmn_at_start, learnt) > self.redecode_shift
        ):
            self._apply_accent()
            self._decode_whole(pcm)
            passes = 2
        elif self.decoder.hyp() is None and len(pcm) >= RATE:
            # PocketSphinx sometimes loses the lattice's end node ("Failed to find DAG
            # node corresponding to </s>") and returns nothing for clear speech; the
            # same audio decoded again comes through. The learnt mean is kept.
            self._decode_whole(pcm)
            self.decoder.set_cmn(learnt)
            passes = 2
        return self._result(pcm, t, passes)

    def _hearing(self, decoder: Any) -> Hearing:
        """What ``decoder`` heard in the turn it just ended: best text, N-best, path score."""
        hyp = decoder.hyp()
        text = repair(hyp.hypstr.strip()) if hyp is not None else ""
        alternatives = self._nbest(text, decoder) if text else ()
        score = int(hyp.score) if hyp is not None else 0
        return Hearing(text, alternatives, score, bool(text) and does_an_act_text(text))

    def _result(
        self, pcm: bytes, began: float, passes: int, heard: Hearing | None = None
    ) -> Recognition:
        """The turn decoded (its hypotheses, or ``heard``), with the time spent on it since
        ``began``."""
        self._learnt = self._learnt or len(pcm) >= 2 * RATE  # a second of audio teaches the mean
        if heard is None:
            hyp = self.decoder.hyp()
            text = repair(hyp.hypstr.strip()) if hyp is not None else ""
            alternatives = self._nbest(text) if text else ()
        else:
            text, alternatives = heard.text, heard.alternatives
        self._busy += time.perf_counter() - began
        self._pcm = []
        self.last_pcm = pcm
        return Recognition(text, self._busy, len(pcm) / 2 / RATE, alternatives, passes)

    def _finish_whole(self, began: float) -> Recognition:
        """A first turn: one pass with the turn's batch mean, which is what a streamed first
        turn gets from its second pass anyway, without the streamed pass."""
        pcm = b"".join(self._pcm)
        if pcm:
            self._decode_whole(pcm)
            self._weigh_accent()
        return self._result(pcm, began, 1)

    def _decode_whole(self, pcm16k: bytes) -> None:
        """Decode a whole turn with the cepstral mean measured on that turn itself.

        PocketSphinx's batch mean (``full_utt``) is the turn's own average
        spectrum. The mean the first pass leaves behind is only part of the
        way there (a running update: the first coefficient went 40 -> 51 on
        a line whose own mean is 62). Decoding again with the batch mean
        rather than that one: dev lines, first turns, m3 voice WER 17.1% ->
        12.4% (f2 16.6% -> 14.1%, British "en" 24.1% -> 20.0%); on the
        dev2 lines and the held-out lines it made no difference (16.3% ->
        16.9%, 15.5-16.6% -> 16.1%). The batch mean is kept for the next
        turn. Later turns do not use it: a mean learnt over several turns
        does better than one turn's own (dev lines, WER 12.4% vs 13.0-13.9%).
        """
        self.decoder.start_utt()
        self.decoder.process_raw(pcm16k, no_search=False, full_utt=True)
        self.decoder.end_utt()
        self.decoder.get_cmn(True)

    @property
    def accent(self) -> str:
        """ "us" or "uk" once the evidence decides, else "auto" (both kinds of variant on)."""
        words, british = self.accent_evidence
        if not self.british_variant or not self.dictionaries:
            return "us"
        if words < ACCENT_MIN_WORDS:
            return "auto"
        return "uk" if british / words >= ACCENT_BRITISH_SHARE else "us"

    def _weigh_accent(self) -> None:
        """Count, in the turn just decoded, how often a British variant was the one heard.

        American speakers pick the British variant of a word 10-22% of the
        time, British speakers 53-76% (dev2 lines, four eSpeak voices each).
        """
        if not self.british_variant or not self._british_loaded:
            return
        words, british = self.accent_evidence
        for seg in self.decoder.seg() or ():  # None after a turn with no audio
            word, _, rest = seg.word.partition("(")
            variant = int(rest.rstrip(")")) if rest[:-1].isdigit() else 1
            if word in self.british_variant:
                words += 1
                british += variant == self.british_variant[word]
        self.accent_evidence = (words, british)

    def _apply_accent(self) -> None:
        """Drop the British variants once the speaker is heard to be American (and back)."""
        want_british = self.accent != "us"
        if want_british == self._british_loaded or not self.dictionaries:
            return
        with tempfile.NamedTemporaryFile("w", suffix=".dict", delete=False) as f:
            f.write(self.dictionaries["uk" if want_british else "us"])
        try:
            self.decoder.load_dict(f.name)  # ~20 ms; the LM search keeps going
        finally:
            Path(f.name).unlink(missing_ok=True)
        self._british_loaded = want_british

    def _nbest(self, best: str, decoder: Any = None) -> tuple[str, ...]:
        """The next-best distinct hypotheses from the turn's lattice (empty if there is none)."""
        if not self.alternatives:
            return ()
        out: dict[str, None] = {}
        try:
            for n, hyp in enumerate((decoder or self.decoder).nbest()):
                if n >= self.alternatives or hyp is None:  # None: the lattice ran out
                    break
                text = repair(" ".join(hyp.hypstr.split()))
                if text and text != best:
                    out.setdefault(text)
        except (RuntimeError, ValueError):  # no lattice (e.g. a grammar search without one)
            return ()
        return tuple(out)

    def recognise(self, audio: Audio) -> Recognition:
        """Decode a whole recording.

        Quarter-second silences are added at both ends: a clip cut tight to
        the speech (as TTS makes) otherwise loses its first word while the
        decoder's noise estimate settles (WER 0.54 -> 0.47 on our dev lines).
        """
        self.start()
        self.feed(padded(to_16k(audio)))
        result = self.finish()
        return replace(result, audio_seconds=audio.duration)


@dataclass
class DomainModel:
    """The files a domain recogniser was built from (kept for inspection and the benchmark)."""

    folder: Path
    lm: Path
    dictionary: Path  # American and British variants ("domain.dict")
    vocabulary: int
    unpronounceable: frozenset[str]
    us_dictionary: Path | None = None  # American variants only ("domain-us.dict")
    british_variant: dict[str, int] = field(default_factory=dict)
    key: str = ""  # its model cache key ("" when built outside the cache)


def common_words(limit: int = 3000) -> list[str]:
    lines = (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return [w for w in lines if w and not w.startswith("#")][:limit]


def build_domain_model(
    terms: DomainTerms | None = None,
    extra: Sequence[str] = (),
    background_words: int = 3000,
    background_mass: float = 0.1,
    folder: str | Path | None = None,
    discount: float = 0.3,
    exclude: frozenset[tuple[str, ...]] = frozenset(),
    british: bool = True,
    bigram_weight: float = 0.0,
    rp_goat: bool = True,
    rp_thought: bool = True,
) -> DomainModel:
    """Write the domain LM (ARPA) and a matching dictionary into ``folder``.

    With ``british`` (the default) there are two dictionaries: one with
    British variants beside CMUdict's American ones, one without.
    ``bigram_weight`` > 0: that share of the back-off mass follows general
    English word pairs (`background`; off: measured, no gain, docs/voice.md).
    ``rp_goat`` (the default since 7 Dec 2026): British variants with RP's GOAT vowel
    (`pronounce.british_pronunciation`; measured in docs/voice.md, fifth session);
    ``rp_thought`` (the default since 7 Dec 2026, seventh session): British variants with RP's
    THOUGHT vowel before an l ("call", "all").
    """
    out = Path(folder or tempfile.mkdtemp(prefix="callsim-lm-"))
    out.mkdir(parents=True, exist_ok=True)
    lexicon = Lexicon(_model_path("en-us/cmudict-en-us.dict"))
    sentences = [s for s in domain_sentences(terms, extra) if tuple(s) not in exclude]
    background = common_words(background_words)
    vocab = {w for s in sentences for w in s} | set(background)
    missing = lexicon.write_dict(
        vocab, out / "domain.dict", british=british, rp_goat=rp_goat, rp_thought=rp_thought
    )
    us_dictionary = None
    if british:
        us_dictionary = out / "domain-us.dict"
        lexicon.write_dict(vocab, us_dictionary)
    sentences = [[w for w in s if w not in missing] for s in sentences]
    background = [w for w in background if w not in missing]
    arpa = build_arpa(
        sentences,
        background,
        background_mass,
        discount,
        background_bigrams(BIGRAMS) if bigram_weight > 0 else None,
        bigram_weight,
    )
    (out / "domain.lm").write_text(arpa, encoding="utf-8")
    return DomainModel(
        out,
        out / "domain.lm",
        out / "domain.dict",
        len(vocab) - len(missing),
        frozenset(missing),
        us_dictionary,
        dict(lexicon.british_variant),
    )


def _model_sources() -> list[Path]:
    """The files a domain model is made from: data, the builder's code, the grader's examples."""
    from simulator.listen import domain

    here = Path(__file__).parent
    names = ("domain", "lm", "pronounce", "words", "recogniser", "background")
    code = [here / f"{name}.py" for name in names]
    data = [p for p in DATA.rglob("*") if p.is_file()]
    phrasing = sorted((domain.REPO / "scoring" / "phrasing").glob("agent*.y*ml"))
    return code + data + phrasing + [domain.REPO / "docs" / "acts.md"]


def cached_domain_model(
    terms: DomainTerms | None = None, extra: Sequence[str] = (), **options: Any
) -> DomainModel | None:
    """`build_domain_model` through the user's model cache (`model_cache`); None without one.

    A repeat of the same scenario skips the build (5-s clip, `callsim transcribe`:
    see docs/voice.md for the measured start-up).
    """
    from dataclasses import asdict

    from simulator.listen.model_cache import cached, model_key

    params = {
        "terms": asdict(terms or DomainTerms()),
        "extra": list(extra),
        **options,
        "exclude": sorted(options.get("exclude", ())),
    }
    cmudict = Path(_model_path("en-us/cmudict-en-us.dict"))
    key = model_key(params, _model_sources(), [cmudict])

    def build(folder: Path) -> dict[str, Any]:
        model = build_domain_model(terms, extra, folder=folder, **options)
        return {
            "vocabulary": model.vocabulary,
            "unpronounceable": sorted(model.unpronounceable),
            "british_variant": model.british_variant,
            "us_dictionary": model.us_dictionary is not None,
        }

    found = cached(key, build)
    if found is None:
        return None
    folder, meta = found
    try:
        return DomainModel(
            folder,
            folder / "domain.lm",
            folder / "domain.dict",
            int(meta["vocabulary"]),
            frozenset(str(w) for w in meta["unpronounceable"]),
            folder / "domain-us.dict" if meta["us_dictionary"] else None,
            {str(w): int(i) for w, i in dict(meta["british_variant"]).items()},
            key,
        )
    except (KeyError, TypeError, ValueError):
        return None


def build_domain_recogniser(
    terms: DomainTerms | None = None, extra: Sequence[str] = (), **config: Any
) -> SphinxRecogniser:
    """The recogniser the simulator uses: domain LM + background words (see module doc).

    The model comes from the user's model cache when it was built before
    (`cached_domain_model`), else it is built in a temporary folder that
    lives only while the decoder loads it; ``.model`` keeps its description
    (vocabulary size, words that could not be pronounced).
    """
    accent, twin, options = _split_config(config)
    model = cached_domain_model(terms, extra, **options)
    if model is None:
        with tempfile.TemporaryDirectory(prefix="callsim-lm-") as folder:
            model = build_domain_model(terms, extra, folder=folder, **options)
            rec = _recogniser_from(model, accent, config, twin)
    else:
        rec = _recogniser_from(model, accent, config, twin)
    rec.moments = _moment_models(model, terms, extra, options)
    return rec


def _split_config(config: dict[str, Any]) -> tuple[str, bool, dict[str, Any]]:
    """Take the accent, the twin switch and the model's build options out of ``config`` (what is
    left is the decoder's)."""
    accent = str(config.pop("accent", "auto"))
    twin = bool(config.pop("second_opinion", False))  # True: a twin for the first turn
    options = {
        "background_words": config.pop("background_words", 3000),
        "background_mass": config.pop("background_mass", 0.1),
        "discount": config.pop("discount", 0.3),
        "bigram_weight": config.pop("bigram_weight", 0.0),
        "rp_goat": config.pop("rp_goat", True),
        "rp_thought": config.pop("rp_thought", True),
        "exclude": config.pop("exclude", frozenset()),
        "british": accent != "us",
    }
    return accent, twin, options


def recogniser_for(model: DomainModel, moments: Any = None, **config: Any) -> SphinxRecogniser:
    """A recogniser on a domain model already built, sharing ``moments`` (its
    `context.MomentModels`): for a process that makes many recognisers of one scenario, such
    as the benchmark's one per line, so each model is built once. ``config`` as
    `build_domain_recogniser`'s; the model's build options in it are ignored (the model is
    built), and ``model``'s files must last as long as the recogniser is used."""
    accent, twin, _options = _split_config(config)
    rec = _recogniser_from(model, accent, config, twin)
    rec.moments = moments
    return rec


def _moment_models(
    model: DomainModel, terms: DomainTerms | None, extra: Sequence[str], options: dict[str, Any]
) -> Any:
    """The per-moment models of ``model`` (`context.MomentModels`), built when first asked."""
    from simulator.listen.context import MomentModels

    def source() -> tuple[list[list[str]], list[str]]:
        missing = model.unpronounceable
        exclude = options["exclude"]
        sentences = [s for s in domain_sentences(terms, extra) if tuple(s) not in exclude]
        background = common_words(options["background_words"])
        return (
            [[w for w in s if w not in missing] for s in sentences],
            [w for w in background if w not in missing],
        )

    return MomentModels(source, model.key, options)


def _recogniser_from(
    model: DomainModel, accent: str, config: dict[str, Any], twin: bool = False
) -> SphinxRecogniser:
    rec = SphinxRecogniser(lm=str(model.lm), dictionary=str(model.dictionary), **config)
    if model.us_dictionary is not None:
        rec.british_variant = model.british_variant
        rec.dictionaries = {
            "uk": model.dictionary.read_text(encoding="utf-8"),
            "us": model.us_dictionary.read_text(encoding="utf-8"),
        }
        if accent == "uk":
            rec.accent_evidence = (ACCENT_MIN_WORDS, ACCENT_MIN_WORDS)  # decided: British
    rec.model = model
    rec.second_opinion = twin
    if twin and rec.redecode_shift is not None:
        rec._twin = Twin(rec._settings)  # while the model's files exist (see the caller)
    return rec

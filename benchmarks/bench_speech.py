"""Speech benchmark: recognition accuracy and speed, caller synthesis time, voice-to-voice latency.

A script, not a pass/fail test. Each held-out agent line of
``benchmarks/data/spoken_agent_lines.yaml`` (paraphrases as trainees say
them, with their acts; none is used to build the language model) is
synthesised with one of several eSpeak NG voices, mixed with white noise
(or ``--noise office``: synthetic babble, keyboards and air conditioning,
benchmarks/office_noise.py), and recognised. Reported: word error rate, act
accuracy (the protocol acts of the recognised text, `protocol_acts`, equal
the labelled set; the labels carry only protocol acts, so the acts only the
role-play caller reacts to are left out of the comparison, while the
listener still uses them to choose among its hypotheses), real-time factor, time to
synthesise a caller line, and voice-to-voice latency (end of the trainee's
speech to the caller's first audio ready, through VAD, streaming decode,
act recognition, a stand-in reply and synthesis).

Approaches: ``domain`` (the simulator's recogniser: domain LM, a second
pass when a turn moves the cepstral mean, the N-best alternative when the
best hypothesis does no act; every line is the first turn of a fresh
recogniser), ``warm`` (the same, each line starting from the cepstral mean
the previous line in the same voice ended with: a turn later in a call),
``enrolled`` (``warm`` after the voice read `callsim enrol`'s script: an
MLLR transform of the acoustic model and MAP means on top of it, see
simulator/listen/adapt.py), ``adapting`` (``warm`` with no enrolment, the
session learning the same from the voice's own recognised lines every 5
lines, as the window does between calls), ``adaptingN`` (``adapting`` learning within
the call: after any turn once N seconds of new speech have come, the result used from
the turn after next, as a learning in the background would be ready),
``adaptingcmu`` (``adapting`` with the session's alignment held to CMUdict's American
pronunciations even for a British speaker, as before 7 Dec 2026's seventh session),
``twin`` (``domain`` with the first turn also heard by a second decoder
whose mean follows the turn, the better hearing taken: `second_opinion`),
``bigrams`` (``domain`` with a fifth of the language model's back-off
mass through general English word pairs, `background`, off by default),
``goat`` (``domain`` with the British variants' "əʊ" spelt AH UW rather
than OW, `pronounce.RP_GOAT`: the default since 7 Dec 2026, so the same as
``domain``), ``ow`` (``domain`` with "əʊ" as OW, as before), ``thought`` (British
variants with RP's THOUGHT vowel before an l, "ɔːl", as OW L, `pronounce.RP_THOUGHT`: the default
since 7 Dec 2026's seventh session) and ``ao`` (as AO L, as before),
``late`` (a first turn streamed from the built-in mean and decoded again at
its end, as before the early mean), ``whole`` (``domain`` with a first turn
decoded once, whole, with its own mean, as `callsim transcribe` does,
instead of streamed and decoded again),
``plain`` (domain LM alone, one pass, best hypothesis only: the recogniser
before these two changes), ``stock`` (PocketSphinx's own LM) and
``grammar`` (a closed grammar of the domain sentences).

Context: ``-ctx`` after an approach (``domain-ctx``, ``adapting-ctx``) tells
each line's turn its call moment, as the engine would know it before the
agent speaks (the data's ``moment``, set from where in a call the line is
said, never from its acts), and the recogniser decodes it with that
moment's model (simulator/listen/context.py); ``-wrong`` gives every line
another moment (`WRONG_MOMENT`), to show the unexpected still gets through.
A number after either is the moment models' weight (``ctx12``).

Settings are chosen on ``--lines dev`` (spoken_agent_dev_lines.yaml, written
separately); the held-out lines (the default) are only measured.

    python benchmarks/bench_speech.py [--lines held-out|dev|PATH] [--limit N]
        [--approaches domain,warm,enrolled,adapting,plain,stock,grammar,domain-ctx,...]
        [--snr 30] [--noise white|office] [--british] [--latency-compare] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.office_noise import OfficeNoise  # noqa: E402
from simulator.listen import model_cache  # noqa: E402
from simulator.listen.context import MomentModels  # noqa: E402
from simulator.listen.domain import DomainTerms, domain_sentences  # noqa: E402
from simulator.listen.enrolment import SessionAdapter  # noqa: E402
from simulator.listen.listeners import protocol_acts, understood, warm_acts  # noqa: E402
from simulator.listen.recogniser import (  # noqa: E402
    RATE,
    DomainModel,
    SphinxRecogniser,
    build_domain_model,
    build_domain_recogniser,
    comfort_noise,
    recogniser_for,
    to_16k,
)
from simulator.listen.vad import (  # noqa: E402
    SpeechEnd,
    SpeechFrame,
    SpeechStart,
    TurnSegmenter,
)
from simulator.listen.words import tokens  # noqa: E402
from simulator.voice.audio import Audio  # noqa: E402
from simulator.voice.profile import VoiceProfile  # noqa: E402
from simulator.voice.tts import EspeakSynthesizer  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "spoken_agent_lines.yaml"
DEV = ROOT / "benchmarks" / "data" / "spoken_agent_dev_lines.yaml"  # for choosing settings
DEV2 = ROOT / "benchmarks" / "data" / "spoken_agent_dev2_lines.yaml"  # a second, fresh dev set
VOICES = (
    VoiceProfile(variant="m3", rate=170),
    VoiceProfile(variant="f5", rate=160),
    VoiceProfile(variant="m1", rate=150),
    VoiceProfile(variant="f2", rate=165),
)
LATENCY_RECOGNISER = "domain"  # --latency-recogniser
BIGRAM_WEIGHT = 0.2  # "bigrams": the share of back-off mass through general English pairs
CALL_TURNS = 5  # "adapting": the session learns after every 5 lines of a voice (one call)
CALLER_LINES = (
    "I called last week because you charged me the stop-payment fee twice.",
    "Sure, go ahead.",
    "No, I can't hold, I've been waiting all morning!",
    "It's six one seven seven zero two three.",
    "That's not acceptable. I want to speak to your manager.",
    "Okay, thank you, that helps a lot.",
    "My order came in the wrong size and I need it by Friday.",
    "Can you put me through to Daniel Kim?",
)
# The stand-in for the engine's reply: the caller's answer to what the agent's line did.
STAND_IN = {
    "ask_hold": "Sure, go ahead.",
    "ask_name": "It's Patricia Owens.",
    "ask_account": "It's six one seven seven zero two three.",
    "anything_else": "No, that's everything, thanks.",
}
# "-wrong" rows: each line is given another moment than its own, to show that a wrong
# context does not stop the unexpected from being recognised.
WRONG_MOMENT = {
    "opening": "closing", "problem": "on_hold", "details": "transfer", "on_hold": "opening",
    "escalation": "details", "transfer": "problem", "closing": "escalation", "none": "opening",
}  # fmt: skip
_NAME = re.compile(r"(?<![.?!] )(?<!^)\b([A-Z][a-z]+(?: [A-Z][a-z]+)*)")
_NOT_NAMES = {"I", "Okay", "Mister", "Ms", "Mrs", "Doctor", "Sir", "Um", "Uh", "Oh"}


@dataclass
class Totals:
    edits: int = 0
    words: int = 0
    acts_exact: int = 0
    lines: int = 0
    decode: float = 0.0
    audio: float = 0.0
    agree: int = 0  # acts of the recognised text == acts of the reference text
    tp: int = 0
    fp: int = 0
    fn: int = 0
    passes: int = 0  # turns decoded a second time
    errors: list[dict[str, object]] = field(default_factory=list)

    def add(
        self, ref: list[str], hyp: list[str], want: frozenset[str], got: frozenset[str]
    ) -> None:
        self.agree += protocol_acts(" ".join(ref)) == got
        self.edits += edit_distance(ref, hyp)
        self.words += len(ref)
        self.lines += 1
        self.acts_exact += want == got
        self.tp += len(want & got)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def row(self) -> dict[str, float]:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        return {
            "lines": self.lines,
            "wer": self.edits / max(1, self.words),
            "act_accuracy": self.acts_exact / max(1, self.lines),
            "act_agreement": self.agree / max(1, self.lines),
            "act_precision": p,
            "act_recall": r,
            "rtf": self.decode / max(1e-9, self.audio),
            "second_passes": self.passes / max(1, self.lines),
        }


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        prev, row[0] = row[:], i
        for j in range(1, len(hyp) + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ref[i - 1] != hyp[j - 1]))
    return row[len(hyp)]


def load_lines(limit: int | None, path: Path = DATA, every: int = 1) -> list[dict[str, object]]:
    """The agent lines; ``every``: every n-th line only (a subset spread over every section)."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = [i for i in items if i.get("speaker", "agent") == "agent"][::every]
    return lines[:limit] if limit else lines


def line_terms(text: str) -> DomainTerms:
    """What the line's scenario would know: its proper names (brand, agent, people)."""
    names = [n for n in _NAME.findall(text) if n.split()[0] not in _NOT_NAMES]
    return DomainTerms(brand=tuple(names), person=tuple(names))


OFFICE: OfficeNoise | None = None  # --noise office: babble, keyboards, air conditioning
# --synth flite: the lines spoken by another synthesiser (Debian's flite), so a choice made on
# eSpeak voices is checked on voices it was never made with. Its American voices, and awb
# (a Scottish speaker) for --british.
FLITE_VOICES = ("kal16", "rms", "slt")
FLITE_BRITISH = ("awb",)


class FliteSynthesizer:
    """`synthesize(text, voice)` as EspeakSynthesizer's, by the ``flite`` program; the voice's
    variant names flite's voice (``flite -lv``). For the benchmark only."""

    def synthesize(self, text: str, voice: VoiceProfile) -> Audio:
        import subprocess
        import wave

        with tempfile.TemporaryDirectory(prefix="callsim-flite-") as folder:
            out = Path(folder) / "line.wav"
            subprocess.run(["flite", "-voice", voice.variant, "-t", text, "-o", str(out)],
                           check=True, capture_output=True, timeout=60)  # fmt: skip
            with wave.open(str(out), "rb") as wav:
                return Audio(wav.readframes(wav.getnframes()), wav.getframerate())


def line_synthesizer(name: str) -> EspeakSynthesizer | FliteSynthesizer:
    return FliteSynthesizer() if name == "flite" else EspeakSynthesizer()


SYNTH = "espeak"


def add_noise(audio: Audio, snr_db: float | None, seed: int) -> Audio:
    if snr_db is None:
        return audio
    if OFFICE is not None:
        return OFFICE.add(audio, snr_db, seed)
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    level = float(np.sqrt(np.mean(x[np.abs(x) > 300] ** 2))) if np.any(np.abs(x) > 300) else 0.0
    noise = np.random.default_rng(seed).normal(0, level * 10 ** (-snr_db / 20), x.size)
    return Audio(np.clip(x + noise, -32768, 32767).astype("<i2").tobytes(), audio.rate)


AUDIO_CACHE: Path | None = None  # --audio-cache: each line's noisy audio, kept between runs


def line_audio(
    synth: EspeakSynthesizer | FliteSynthesizer, text: str, voice: VoiceProfile,
    snr: float | None, seed: int,
) -> Audio:  # fmt: skip
    """The line spoken by ``voice`` with the run's noise; with --audio-cache, the same audio as
    an earlier run with the same settings (eSpeak's audio differs a little from run to run, so
    two runs compare settings on the same audio only this way)."""
    if AUDIO_CACHE is None:
        return add_noise(synth.synthesize(text, voice), snr, seed)
    import hashlib

    from simulator.voice.audio import read_wav

    noise = "white" if OFFICE is None else "office"
    what = [SYNTH, voice.espeak_name, voice.rate, text, snr, noise, seed]
    path = AUDIO_CACHE / (hashlib.sha256(json.dumps(what).encode()).hexdigest()[:24] + ".wav")
    if path.is_file():
        return read_wav(path)
    audio = add_noise(synth.synthesize(text, voice), snr, seed)
    AUDIO_CACHE.mkdir(parents=True, exist_ok=True)
    audio.write_wav(path)
    return audio


def jsgf_for(sentences: list[list[str]], vocabulary: set[str]) -> str:
    alts = sorted({" ".join(s) for s in sentences if s and all(w in vocabulary for w in s)})
    body = " | ".join(alts)
    return f"#JSGF V1.0;\ngrammar agent;\npublic <line> = {body};\n"


# Rows that are ``domain`` with one of the recogniser's options set.
OPTION_ROWS = {
    # back-off through general English word pairs (off by default)
    "bigrams": lambda: {"bigram_weight": BIGRAM_WEIGHT},
    # British variants with RP's GOAT vowel (əʊ as AH UW): the default since 7 Dec 2026
    "goat": lambda: {"rp_goat": True},
    # British variants with the GOAT vowel as American OW (before 7 Dec 2026)
    "ow": lambda: {"rp_goat": False},
    # British variants with RP's THOUGHT vowel before an l (ɔːl as OW L, `pronounce.RP_THOUGHT`):
    # the default since 7 Dec 2026's seventh session
    "thought": lambda: {"rp_thought": True},
    # ... and as AO L (the American phone, as before)
    "ao": lambda: {"rp_thought": False},
    # a first turn also heard by a twin following its running mean
    "twin": lambda: {"second_opinion": True},
}


# Each (terms, build options) pair's domain model and moment models, built once per run: a
# line's recogniser is made from them (`recogniser_for`), not built again. Without it every
# line re-read the model sources and re-keyed the cache, and an edit to the grader's phrasing
# files by someone else during a run (a model source) rebuilt every later line's models.
_SHELF: dict[tuple, tuple[DomainModel, Any]] = {}
_MODEL_OPTIONS = (
    "background_words", "background_mass", "discount", "bigram_weight", "rp_goat", "rp_thought",
)  # fmt: skip


def domain_recogniser(terms: DomainTerms, **config: Any) -> SphinxRecogniser:
    """`build_domain_recogniser`, its models built once per run and shared (`_SHELF`)."""
    options = tuple(sorted((k, config[k]) for k in _MODEL_OPTIONS if k in config))
    key = (terms, config.get("exclude", frozenset()), config.get("accent", "auto"), options)
    if key in _SHELF:
        model, moments = _SHELF[key]
        return recogniser_for(model, moments, **config)
    rec = build_domain_recogniser(terms, **config)
    if rec.model is not None and rec.model.key:  # in the run's cache: its files stay
        _SHELF[key] = (rec.model, rec.moments)
    return rec


def make_recogniser(
    approach: str, terms: DomainTerms, exclude: frozenset, adapted: dict[str, str] | None = None
) -> SphinxRecogniser:
    if approach == "stock":
        return SphinxRecogniser(redecode_shift=None, alternatives=0)
    if approach in ("domain", "warm"):
        return domain_recogniser(terms, exclude=exclude)
    if approach == "late":  # a first turn as before the early mean: decoded again at its end
        rec = domain_recogniser(terms, exclude=exclude)
        rec.early_mean = False
        return rec
    if approach in OPTION_ROWS:
        return domain_recogniser(terms, exclude=exclude, **OPTION_ROWS[approach]())
    if approach == "whole":  # as `callsim transcribe`: a first turn decoded once, whole
        rec = domain_recogniser(terms, exclude=exclude)
        rec.whole_first_turn = True
        return rec
    if approach == "enrolled" or approach.startswith("adapting"):
        return domain_recogniser(terms, exclude=exclude, **(adapted or {}))
    if approach == "plain":
        return domain_recogniser(terms, exclude=exclude, redecode_shift=None, alternatives=0)
    with tempfile.TemporaryDirectory(prefix="callsim-bench-") as folder:
        model = build_domain_model(terms, folder=folder, exclude=exclude)
        vocab = {ln.split()[0] for ln in model.dictionary.read_text().splitlines() if ln}
        sentences = [s for s in domain_sentences(terms) if tuple(s) not in exclude]
        path = model.folder / "agent.gram"
        path.write_text(jsgf_for(sentences, vocab), encoding="utf-8")
        return SphinxRecogniser(
            dictionary=str(model.dictionary), jsgf=str(path), redecode_shift=None, alternatives=0
        )


def speech_end(audio: Audio) -> float:
    """When the speech really ends (eSpeak appends silence): last sample above -40 dBFS."""
    x = np.abs(np.frombuffer(audio.pcm, dtype="<i2"))
    loud = np.nonzero(x > 330)[0]
    return (loud[-1] + 1) / audio.rate if loud.size else 0.0


def first_chunk_time(synth: EspeakSynthesizer, text: str) -> float:
    """Synthesise ``text``; return the perf_counter time its first audio chunk was ready."""
    stamps: list[float] = []

    def on_chunk(_chunk: bytes) -> None:
        if not stamps:
            stamps.append(CLOCK())

    synth.synthesize(text, VoiceProfile(variant="f3"), on_chunk=on_chunk)
    return stamps[0] if stamps else CLOCK()


# Latency's clock: wall time, or with --cpu-clock this thread's CPU time, which the other
# processes on a shared machine do not inflate (decoding and synthesis run on this thread).
CLOCK = time.perf_counter


def voice_to_voice(
    rec: SphinxRecogniser, audio: Audio, synth: EspeakSynthesizer
) -> tuple[float, str] | None:
    """Stream the line as a microphone would; seconds from end of speech to first caller audio,
    and the text the reply was chosen on."""
    lead = 0.5
    pcm16 = comfort_noise(b"\0\0" * int(RATE * lead) + to_16k(audio) + b"\0\0" * RATE)
    true_end = lead + speech_end(audio)
    seg = TurnSegmenter()
    busy_until = 0.0  # the virtual time at which the decoder has caught up
    step = seg.frame_bytes
    for i in range(0, len(pcm16), step):
        arrival = (i + step) / 2 / RATE
        t0 = CLOCK()
        ended = None
        for event in seg.feed(pcm16[i : i + step]):
            if isinstance(event, SpeechStart):
                rec.start()
            elif isinstance(event, SpeechFrame):
                rec.feed(event.pcm)
            elif isinstance(event, SpeechEnd):
                ended = event
        busy_until = max(arrival, busy_until) + (CLOCK() - t0)
        if ended is not None and ended.time >= true_end - 0.05:
            t1 = CLOCK()
            said, acts = understood(rec.finish())
            reply = next((STAND_IN[a] for a in STAND_IN if a in acts), "Okay.")
            first = first_chunk_time(synth, reply)
            ready = max(arrival, busy_until) + (first - t1)
            return ready - true_end, said
        if ended is not None:  # a pause inside the line ended a turn early: keep going
            rec.finish()
    return None


def _trigrams(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {words[i : i + 3] for i in range(len(words) - 2)}


def held_out_exclusions(path: Path = DATA) -> frozenset[tuple[str, ...]]:
    """Domain sentences too close to a test line to stay in the LM for the benchmark.

    The test lines themselves, and any phrasing (bundled, act catalogue, the
    grader's examples) whose word trigrams overlap a test line's by more than
    half (Jaccard), so the benchmark measures paraphrases the LM never saw.
    """
    tests = [tuple(tokens(str(i["text"]))) for i in load_lines(None, path)]
    test_grams = [_trigrams(t) for t in tests]
    excluded = set(tests)
    for sentence in {tuple(s) for s in domain_sentences(DomainTerms())}:
        grams = _trigrams(sentence)
        for other in test_grams:
            if grams and len(grams & other) / len(grams | other) > 0.5:
                excluded.add(sentence)
                break
    return frozenset(excluded)


def enrol_voices(synth: EspeakSynthesizer, snr: float | None, folder: Path) -> dict[str, dict]:
    """Each voice reads the enrolment script (`callsim enrol`'s), and what was learnt from it.

    The script's sentences are checked not to be close to any test line
    (tests/listen/test_listen_enrolment.py), so this measures a trainee who
    enrolled once and then takes calls.
    """
    from simulator.listen.enrolment import (
        DEFAULT_SENTENCES,
        Reading,
        adaptation_config,
        enrolment_script,
        learn,
        prepared,
        save,
    )

    out = {}
    for voice in VOICES:
        readings = [
            Reading(
                str(k),
                prepared(add_noise(synth.synthesize(text, voice), snr, seed=1000 + k)),
                text,
            )
            for k, text in enumerate(enrolment_script()[:DEFAULT_SENTENCES])
        ]
        started = time.perf_counter()
        result = learn(readings)
        seconds = time.perf_counter() - started
        path = folder / f"{voice.espeak_name}.mllr"
        save(result, path)
        out[voice.espeak_name] = {
            "adapted": adaptation_config(path)[0],  # as the window loads it
            "sentences": len(readings),
            "aligned": result.aligned,
            "audio_seconds": round(sum(r.seconds for r in readings), 1),
            "learn_seconds": round(seconds, 2),
            "cmn": result.cepstral_mean,  # `callsim enrol` saves it; the next session starts there
        }
        print(
            f"enrolled {voice.espeak_name}: {out[voice.espeak_name]}", file=sys.stderr, flush=True
        )
    return out


def within_call(base: str) -> float | None:
    """``adaptingN``: N, the seconds of new speech after which the session learns within a
    call; None for ``adapting`` (between calls) and every other row."""
    number = base.removeprefix("adapting").removeprefix("cmu")
    return float(number) if base.startswith("adapting") and number.isdigit() else None


class Sessions:
    """The "adapting" rows' session adaptation, one per voice: learnt between calls (every
    `CALL_TURNS` lines of a voice, at least 15 s of new speech, as the window does), or with
    ``within`` seconds, after any turn once that much new speech has come, its result used
    from the turn after next (the window would learn in the background meanwhile)."""

    def __init__(self, within: float | None, british_alignment: bool = True) -> None:
        self.within = within
        self.british_alignment = british_alignment  # False: ``adaptingcmu``, CMUdict's alone
        self.sessions: dict[str, SessionAdapter] = {}
        self.active: dict[str, dict[str, str]] = {}
        self.pending: dict[str, tuple[dict[str, str], int]] = {}
        self.turns: dict[str, int] = {}

    def session(self, voice: str) -> SessionAdapter:
        if voice not in self.sessions:
            within = self.within
            self.sessions[voice] = SessionAdapter() if within is None else SessionAdapter(within)
        return self.sessions[voice]

    def config(self, voice: str) -> dict[str, str]:
        if self.within is None:
            return self.session(voice).config()
        ready = self.pending.get(voice)
        if ready is not None and ready[1] <= self.turns.get(voice, 0):
            self.active[voice] = self.pending.pop(voice)[0]
        return self.active.get(voice, {})

    def heard(
        self, voice: str, pcm: bytes, said: str, end_of_call: bool, accent: str = "auto"
    ) -> None:
        session = self.session(voice)
        session.add(pcm, said)
        session.british = self.british_alignment and accent == "uk"  # as the window does
        self.turns[voice] = self.turns.get(voice, 0) + 1
        if self.within is None:
            if end_of_call:
                session.learn_if_due(background=False)
        elif session.learn_if_due(background=False) and session.config():
            self.pending[voice] = (kept(session.config()), self.turns[voice] + 1)


def kept(config: dict[str, str]) -> dict[str, str]:
    """``config`` with its files copied aside: the session writes its next learning over them,
    and the turn in between must still load these."""
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="callsim-bench-session-"))
    out = {}
    for key, value in config.items():
        path = Path(value)
        out[key] = str(shutil.copy(path, folder / path.name)) if path.is_file() else value
    return out


def carry(
    rec: SphinxRecogniser, approach: str, learnt: tuple | None, enrolment: dict | None
) -> None:
    """What a later turn starts from: the voice's mean and accent so far, else the enrolment's."""
    if (approach in ("warm", "enrolled") or approach.startswith("adapting")) and learnt is not None:
        rec.cmn, rec.accent_evidence = learnt
    elif approach == "enrolled" and enrolment and enrolment["cmn"]:
        rec.prime(enrolment["cmn"])  # as the window primes from the mean `callsim enrol` saved


def split_approach(name: str) -> tuple[str, str]:
    """``"domain-ctx"`` -> ("domain", "ctx"): the recogniser, and the context it is given
    ("": none; "ctx": the line's moment; "wrong": another moment, `WRONG_MOMENT`; a number
    after either is the moment models' weight, e.g. "ctx12", else `context.WEIGHT`)."""
    base, _, context = name.partition("-")
    if context.rstrip("0123456789") not in ("", "ctx", "wrong"):
        raise SystemExit(f"bench_speech: unknown context {context!r} in approach {name!r}")
    return base, context


def moment_of(item: dict[str, object], context: str) -> str:
    """The moment a line's turn is told (the data's ``moment``: where in a call it is said)."""
    context = context.rstrip("0123456789")
    moment = str(item.get("moment") or "none")
    if context == "wrong":
        return WRONG_MOMENT.get(moment, "opening")
    return moment if context == "ctx" and moment != "none" else ""


_WEIGHED: dict[tuple[int, int], MomentModels] = {}  # (shared moment models, weight) -> models


def expect(rec: SphinxRecogniser, moment: str, context: str = "") -> None:
    """Tell the recogniser the turn's moment, its model built first (the window builds them
    between turns, on its worker)."""
    if moment and rec.moments is not None:
        weight = context.lstrip("ctxwrong")
        if weight and int(weight) != rec.moments.weight:  # another weight: models of its own
            shared = rec.moments
            rec.moments = _WEIGHED.setdefault(
                (id(shared), int(weight)),
                MomentModels(shared._source, shared.key, shared.lm_options, int(weight)),
            )
        rec.moments.prepare([moment])
    rec.expect(moment)


def run_recognition(args: argparse.Namespace, lines: list[dict[str, object]]) -> dict[str, dict]:
    synth = line_synthesizer(SYNTH)
    exclude = held_out_exclusions(args.lines)
    print(f"excluded from the LM: {len(exclude) - len(lines)} near-duplicate phrasings",
          file=sys.stderr)  # fmt: skip
    results: dict[str, dict] = {}
    audios = []
    for n, item in enumerate(lines):
        audios.append(line_audio(synth, str(item["text"]), VOICES[n % len(VOICES)], args.snr, n))
    oracle = sum(
        protocol_acts(str(i["text"])) == frozenset(i["acts"])
        for i in lines  # type: ignore[arg-type]
    )
    results["reference_text"] = {"act_accuracy": oracle / len(lines), "lines": len(lines)}
    enrolled: dict[str, dict] = {}
    if "enrolled" in args.approaches.split(","):
        work = Path(tempfile.mkdtemp(prefix="callsim-bench-enrol-"))  # the transforms, kept
        enrolled = enrol_voices(synth, args.snr, work)
        results["enrolment"] = enrolled
    for approach in filter(None, args.approaches.split(",")):
        base, context = split_approach(approach)
        totals = Totals()
        per_voice = {v.espeak_name: Totals() for v in VOICES}
        stock = make_recogniser("stock", DomainTerms(), exclude) if base == "stock" else None
        learnt: dict[str, tuple] = {}  # "warm": each voice's cepstral mean and accent evidence
        # "adapting": each voice's session adaptation; "adaptingcmu": aligned to CMUdict alone
        sessions = Sessions(within_call(base), not base.startswith("adaptingcmu"))
        for n, (item, audio) in enumerate(zip(lines, audios, strict=True)):
            text = str(item["text"])
            voice = VOICES[n % len(VOICES)].espeak_name
            adapted = enrolled[voice]["adapted"] if base == "enrolled" else None
            if base.startswith("adapting"):
                adapted = sessions.config(voice)
            rec = stock or make_recogniser(base, line_terms(text), exclude, adapted)
            carry(rec, base, learnt.get(voice), enrolled.get(voice))
            expect(rec, moment_of(item, context), context)
            heard = rec.recognise(audio)
            learnt[voice] = (rec.cmn, rec.accent_evidence)
            said, _every = understood(heard)  # the listener's choice, on all the acts it knows
            got = protocol_acts(said)  # measured on the protocol acts, as labelled
            if base.startswith("adapting"):  # a call is 5 turns
                end = (n // len(VOICES)) % CALL_TURNS == 4
                sessions.heard(voice, rec.last_pcm, said, end, rec.accent)
            want = frozenset(item["acts"])  # type: ignore[arg-type]
            totals.add(tokens(text), tokens(said), want, got)
            per_voice[voice].add(tokens(text), tokens(said), want, got)
            totals.passes += heard.passes - 1
            totals.decode += heard.seconds
            totals.audio += audio.duration
            if want != got:
                totals.errors.append({"text": text, "heard": said,
                                      "want": sorted(want), "got": sorted(got)})  # fmt: skip
        results[approach] = totals.row() | {
            "errors": totals.errors,
            "per_voice": {v: t.row() for v, t in per_voice.items()},
        }
        print(f"{approach:8s} " + json.dumps({k: round(v, 3) for k, v in totals.row().items()}),
              file=sys.stderr, flush=True)  # fmt: skip
    return results


def run_latency(args: argparse.Namespace, lines: list[dict[str, object]]) -> dict[str, float]:
    """Voice-to-voice over the first ``--latency-lines`` lines, as turns of four calls (one per
    voice): a voice's first line is its call's first turn (cold cepstral mean, decoded twice),
    the others start from the mean its previous line ended with."""
    synth = EspeakSynthesizer()
    exclude = held_out_exclusions(args.lines)
    # The window loads the grader's act recogniser while it builds the call's recogniser
    # (listeners._Trainee.make), not in the first turn: so here, before any turn.
    warm_acts()
    synth_times, first_chunk = [], []
    for line in CALLER_LINES * 3:
        t0 = CLOCK()
        first = first_chunk_time(synth, line)
        synth_times.append(CLOCK() - t0)
        first_chunk.append(first - t0)
    # Each line is streamed once per variant, one after the other, so both see the same audio
    # and the same load (--latency-compare: with the moment's model, as the window decodes
    # it, and with the call's general model).
    variants = (
        {"moment models": "ctx", "general model": "none"}
        if args.latency_compare
        else {"": args.latency_context}
    )
    runs: dict[str, dict[str, list]] = {v: {"later": [], "first": [], "acts": []} for v in variants}
    learnt: dict[tuple[str, str], tuple] = {}
    for n, item in enumerate(lines[: args.latency_lines]):
        text = str(item["text"])
        voice = VOICES[n % len(VOICES)]
        audio = line_audio(synth, text, voice, args.snr, n)
        for variant, context in variants.items():
            got = _latency_turn(item, voice.espeak_name, audio, (variant, context),
                                (learnt, exclude, synth))  # fmt: skip
            if got is not None:
                runs[variant]["first" if got[2] else "later"].append(got[0])
                runs[variant]["acts"].append(protocol_acts(got[1]) == frozenset(item["acts"]))  # type: ignore[arg-type]
    out = _latency_figures(runs[next(iter(variants))])
    if args.latency_compare:
        out["compare"] = {v: _latency_figures(r) for v, r in runs.items()}  # type: ignore[assignment]
    return out | {
        "caller_line_synthesis_ms_p50": 1000 * statistics.median(synth_times),
        "caller_first_chunk_ms_p50": 1000 * statistics.median(first_chunk),
    }


def _latency_turn(
    item: dict[str, object],
    voice: str,
    audio: Audio,
    variant: tuple[str, str],
    shared: tuple[dict, frozenset, EspeakSynthesizer],
) -> tuple[float, str, bool] | None:
    """One line through the live pipeline: (latency, text heard, was it the call's first turn)."""
    learnt, exclude, synth = shared
    rec = make_recogniser(LATENCY_RECOGNISER, line_terms(str(item["text"])), exclude)
    first = (variant[0], voice) not in learnt
    if not first:
        rec.cmn, rec.accent_evidence = learnt[(variant[0], voice)]
    expect(rec, moment_of(item, variant[1]))  # the moment's model, as the window
    got = voice_to_voice(rec, audio, synth)
    learnt[(variant[0], voice)] = (rec.cmn, rec.accent_evidence)
    return None if got is None else (got[0], got[1], first)


def _latency_figures(run: dict[str, list]) -> dict[str, float]:
    v2v, first_turns = run["later"], run["first"]
    everything = v2v + first_turns
    q = statistics.quantiles(everything, n=20) if len(everything) >= 2 else [0.0] * 19
    qw = statistics.quantiles(v2v, n=20) if len(v2v) >= 2 else [0.0] * 19
    return {
        "v2v_acts": sum(run["acts"]) / max(1, len(run["acts"])),
        "v2v_first_turns_ms": [round(1000 * v) for v in first_turns],  # type: ignore[dict-item]
        "v2v_later_ms_p50": 1000 * statistics.median(v2v) if v2v else 0.0,
        "v2v_later_ms_p95": 1000 * qw[18],
        "v2v_ms_p50": 1000 * statistics.median(everything),
        "v2v_ms_p95": 1000 * q[18],
        "v2v_lines": len(everything),
    }


def markdown(rec: dict[str, dict], lat: dict[str, float], args: argparse.Namespace) -> str:
    kind = "white noise" if OFFICE is None else "office noise (babble, keyboards, air conditioning)"
    noise = f"{kind} at {args.snr:g} dB SNR" if args.snr is not None else "no added noise"
    out = [
        f"Lines: {rec['reference_text']['lines']} from {args.lines.name}, "
        + ("flite voices " if SYNTH == "flite" else "eSpeak NG voices ")
        + ", ".join(
            v.variant if SYNTH == "flite" else f"{v.espeak_name} at {v.rate} wpm" for v in VOICES
        )
        + f", {noise}.",
        "",
        "| approach | WER | act accuracy | acts as on the text | act precision | act recall"
        " | RTF | second passes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in rec.items():
        if name in ("reference_text", "enrolment"):
            continue
        out.append(
            f"| {name} | {row['wer']:.1%} | {row['act_accuracy']:.1%} | "
            f"{row['act_agreement']:.1%} | "
            f"{row['act_precision']:.1%} | {row['act_recall']:.1%} | {row['rtf']:.2f} | "
            f"{row['second_passes']:.0%} |"
        )
    out.append(
        f"| (act recogniser on the reference text) | 0% | "
        f"{rec['reference_text']['act_accuracy']:.1%} | 100% | | | | |"
    )
    if "enrolment" in rec:
        first = next(iter(rec["enrolment"].values()))
        out += [
            "",
            f"enrolled: each voice first read the {first['sentences']}-sentence enrolment script "
            f"({first['audio_seconds']:.0f} s of audio; learning took "
            + ", ".join(f"{e['learn_seconds']:.1f}" for e in rec["enrolment"].values())
            + " s), then took the lines as later turns.",
        ]
    names = [n for n in rec if split_approach(n)[0].rstrip("0123456789")
             in ("domain", "warm", "enrolled", "adapting")]  # fmt: skip
    names = names or [n for n in rec if n not in ("reference_text", "enrolment")][:2]
    if names:
        out += [
            "",
            "Per eSpeak voice (WER / act accuracy):",
            "",
            "| voice | " + " | ".join(names) + " |",
            "|---" * (len(names) + 1) + "|",
        ]
        for voice in rec[names[0]]["per_voice"]:
            rows = [rec[n]["per_voice"][voice] for n in names]
            cells = [f"{r['wer']:.1%} / {r['act_accuracy']:.1%}" for r in rows]
            out.append(f"| {voice} | " + " | ".join(cells) + " |")
    if lat:
        out += [
            "",
            "| timing | value |",
            "|---|---|",
            f"| caller line synthesis, whole line (p50) | {lat['caller_line_synthesis_ms_p50']:.0f}"
            " ms |",
            f"| caller line, first audio chunk (p50) | {lat['caller_first_chunk_ms_p50']:.0f} ms |",
            f"| voice-to-voice p50 ({lat['v2v_lines']} turns) | {lat['v2v_ms_p50']:.0f} ms |",
            f"| voice-to-voice p95 | {lat['v2v_ms_p95']:.0f} ms |",
            f"| voice-to-voice, later turns p50 / p95 | {lat['v2v_later_ms_p50']:.0f} / "
            f"{lat['v2v_later_ms_p95']:.0f} ms |",
            "| voice-to-voice, first turns (second pass) | "
            + ", ".join(f"{v} ms" for v in lat["v2v_first_turns_ms"])
            + " |",
        ]
        for variant, row in lat.get("compare", {}).items():  # type: ignore[attr-defined]
            out.append(
                f"| {variant}: p50 / p95, later p95, first turns, acts | "
                f"{row['v2v_ms_p50']:.0f} / {row['v2v_ms_p95']:.0f} ms, "
                f"{row['v2v_later_ms_p95']:.0f} ms, "
                + ", ".join(f"{v}" for v in row["v2v_first_turns_ms"])
                + f" ms, {row['v2v_acts']:.1%} |"
            )
    return "\n".join(out)


def parse_voices(text: str) -> tuple[VoiceProfile, ...]:
    """``"en-us+f1,en@150"`` -> voice profiles (variant optional, rate 175 wpm by default)."""
    voices = []
    for spec in text.split(","):
        name, _, rate = spec.strip().partition("@")
        language, _, variant = name.partition("+")
        voices.append(VoiceProfile(language=language, variant=variant, rate=int(rate or 175)))
    return tuple(voices)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--every", type=int, default=1, help="every n-th line only (a subset across sections)"
    )
    parser.add_argument(
        "--approaches",
        default="domain,warm,enrolled,adapting,plain,stock",
        help="rows to measure (also: grammar, slow); empty for the latency part alone",
    )
    parser.add_argument("--lines", default="held-out", help="held-out, dev, dev2 or a YAML path")
    parser.add_argument("--snr", type=float, default=30.0, help="noise SNR in dB; -1 for none")
    parser.add_argument(
        "--noise",
        choices=("white", "office"),
        default="white",
        help="white noise, or synthetic office noise (benchmarks/office_noise.py)",
    )
    parser.add_argument("--latency-lines", type=int, default=60)
    parser.add_argument(
        "--cpu-clock",
        action="store_true",
        help="time latency by this thread's CPU time, not wall time (a busy shared machine)",
    )
    parser.add_argument(
        "--latency-compare",
        action="store_true",
        help="stream every latency line twice: with its moment's model and with the general one",
    )
    parser.add_argument(
        "--latency-context",
        choices=("ctx", "none"),
        default="ctx",
        help="latency turns told their moment (ctx, as the window does) or not (none)",
    )
    parser.add_argument(
        "--latency-recogniser",
        choices=("domain", "goat", "ow", "thought", "ao", "bigrams"),
        default="domain",
        help="the recogniser the latency turns are streamed to (an option's row, e.g. goat)",
    )
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument(
        "--audio-cache",
        metavar="DIR",
        help="keep each line's noisy audio here and reuse it (old vs new on the same audio)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write full results (with errors)")
    parser.add_argument(
        "--british", action="store_true", help="the same four voice variants, in British English"
    )
    parser.add_argument(
        "--synth",
        choices=("espeak", "flite"),
        default="espeak",
        help="who speaks the lines: eSpeak NG, or flite (kal16, rms, slt; --british: awb)",
    )
    parser.add_argument(
        "--voices",
        metavar="LIST",
        help="other eSpeak voices, e.g. en-us+f1,en-us+m4@150,en (language+variant[@wpm])",
    )
    args = parser.parse_args()
    # Every line's recogniser knows that line's names: a model per line. Keep them in a cache
    # of this run's own (approaches on the same lines share them), not in the user's.
    cache = tempfile.TemporaryDirectory(prefix="callsim-bench-models-")
    os.environ.setdefault("CALLSIM_CACHE_DIR", cache.name)
    model_cache.KEEP = 100_000
    global VOICES, OFFICE, CLOCK, SYNTH, LATENCY_RECOGNISER, AUDIO_CACHE
    LATENCY_RECOGNISER = args.latency_recogniser
    AUDIO_CACHE = Path(args.audio_cache) if args.audio_cache else None
    if args.cpu_clock:
        CLOCK = time.thread_time
    if args.noise == "office":
        OFFICE = OfficeNoise(EspeakSynthesizer())
    if args.british:
        VOICES = tuple(replace(v, language="en-gb") for v in VOICES)
    if args.synth == "flite":
        import shutil

        if shutil.which("flite") is None:
            parser.error(
                "--synth flite: the flite program is not installed (apt-get install flite)"
            )
        SYNTH = "flite"
        names = FLITE_BRITISH if args.british else FLITE_VOICES
        VOICES = tuple(VoiceProfile(language="en-gb" if args.british else "en-us", variant=n)
                       for n in names)  # fmt: skip
    if args.voices:
        VOICES = parse_voices(args.voices)
        unknown = [v.espeak_name for v in VOICES if not EspeakSynthesizer().has_voice(v)]
        if unknown:
            parser.error(f"eSpeak NG has no voice {', '.join(unknown)} (see espeak-ng --voices)")
    if args.snr is not None and args.snr < 0:
        args.snr = None
    args.lines = {"held-out": DATA, "dev": DEV, "dev2": DEV2}.get(args.lines) or Path(args.lines)
    lines = load_lines(args.limit, args.lines, max(1, args.every))
    rec = run_recognition(args, lines)
    lat = {} if args.no_latency else run_latency(args, lines)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"recognition": rec, "latency": lat}, indent=2))
    print(markdown(rec, lat, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())

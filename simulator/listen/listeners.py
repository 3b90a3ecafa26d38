"""Listeners: where the trainee's spoken turns come from (a WAV file or a microphone).

Each returns `Heard` per turn: the recognised text, the acts it does, and
when the speech started and ended (stream seconds), which the engine needs
for turn-taking. A listener that cannot start raises `ListenerUnavailable`
with a reason a trainee can act on; `open_microphone` turns that into a
fallback to choices and typing instead of a crash.
"""

from __future__ import annotations

import functools
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from simulator.listen.capture import CaptureUnavailable, Source, level_of, open_capture
from simulator.listen.recogniser import (
    RATE,
    Recognition,
    SphinxRecogniser,
    comfort_noise,
    to_16k,
)
from simulator.listen.saved_mean import load_mean, save_mean
from simulator.listen.vad import SpeechEnd, SpeechFrame, SpeechStart, TurnSegmenter
from simulator.voice.audio import Audio, read_wav

__all__ = [
    "DIDNT_CATCH",
    "Heard",
    "Listener",
    "ListenerUnavailable",
    "MicrophoneListener",
    "WavFileListener",
    "acts_of",
    "open_microphone",
    "protocol_acts",
    "push_to_talk_factory",
    "understood",
    "warm_acts",
]

# What the caller says when the trainee's turn could not be recognised.
DIDNT_CATCH = "Sorry, I didn't catch that."


class ListenerUnavailable(RuntimeError):
    """The listener cannot run here; the message says why and what to install."""


@dataclass(frozen=True)
class Heard:
    """One trainee turn as recognised."""

    text: str
    acts: frozenset[str]
    started_at: float  # a file's seconds (WavFileListener) or time.monotonic() (microphone)
    ended_at: float
    decode_seconds: float

    @property
    def caught(self) -> bool:
        """False when nothing intelligible was recognised: the caller asks again."""
        return bool(self.text.strip())


class Listener(Protocol):
    def listen(self) -> Heard | None:
        """The trainee's next turn, or None when there is no more input."""
        ...


def acts_of(text: str) -> frozenset[str]:
    """Agent acts of recognised text, via the grader's recogniser (one recogniser, DESIGN 4)."""
    if not text:
        return frozenset()
    try:
        from scoring.acts import recognise
    except ImportError:  # the grader is not installed alongside: text only
        return frozenset()
    return recognise(text, speaker="agent")


def warm_acts() -> None:
    """Load and compile the grader's act recogniser for agent lines now: done on first use
    it cost a new trainee's first turn 0.4-0.45 s of CPU after they stopped speaking."""
    try:
        from scoring.acts import warm_up
    except ImportError:  # the grader is not installed alongside: text only
        return
    warm_up("agent")


def protocol_acts(text: str) -> frozenset[str]:
    """The protocol acts of recognised text: what the grader reads (`graded=True`).

    `acts_of` also returns the acts only the role-play caller reacts to
    (`audience: caller` in scoring/phrasing/agent.yaml), which the engine
    needs; measuring recognition against the protocol labels uses these.
    """
    if not text:
        return frozenset()
    try:
        from scoring.acts import recognise
    except ImportError:
        return frozenset()
    return recognise(text, speaker="agent", graded=True)


def understood(result: Recognition) -> tuple[str, frozenset[str]]:
    """The text to act on, and its acts: the best hypothesis, or if the grader finds no act
    in it, the first of the decoder's next-best hypotheses in which it finds one.

    A turn that does something is often recognised with one key word wrong
    ("may i" heard as "let i"); the right words are then usually among the
    N-best. Dev lines: acts 72% -> 77%, precision 95% -> 93% (docs/voice.md).
    """
    acts = acts_of(result.text)
    if acts:
        return result.text, acts
    for text in result.alternatives:
        found = acts_of(text)
        if found:
            return text, found
    return result.text, acts


def _heard(result: Recognition, started: float, ended: float) -> Heard:
    text, acts = understood(result)
    return Heard(text, acts, started, ended, result.seconds)


def _turns(
    chunks: Iterator[bytes], recogniser: SphinxRecogniser, segmenter: TurnSegmenter
) -> Iterator[Heard]:
    """Segment a 16 kHz stream into turns, decoding each while it is spoken."""
    started = None
    for chunk in chunks:
        for event in segmenter.feed(chunk):
            if isinstance(event, SpeechStart):
                started = event.time
                recogniser.start()
            elif isinstance(event, SpeechFrame) and started is not None:
                recogniser.feed(event.pcm)
            elif isinstance(event, SpeechEnd) and started is not None:
                yield _heard(recogniser.finish(), started, event.time)
                started = None
    for event in segmenter.close():
        if isinstance(event, SpeechFrame) and started is not None:
            recogniser.feed(event.pcm)
        elif isinstance(event, SpeechEnd) and started is not None:
            yield _heard(recogniser.finish(), started, event.time)
            started = None


class WavFileListener:
    """Turns from a recording: each `listen()` returns the next spoken segment."""

    def __init__(self, source: str | Path | Audio, recogniser: SphinxRecogniser) -> None:
        audio = source if isinstance(source, Audio) else read_wav(source)
        pad = b"\0\0" * (RATE // 2)  # let the endpointer close a turn that ends at the file's end
        pcm = comfort_noise(pad + to_16k(audio) + pad)
        step = 2 * RATE // 10
        chunks = (pcm[i : i + step] for i in range(0, len(pcm), step))
        self._turns = _turns(chunks, recogniser, TurnSegmenter())
        self.offset = len(pad) / 2 / RATE  # stream times include the leading pad

    def _shift(self, heard: Heard) -> Heard:
        """Times in the file's own seconds, not the padded stream's."""
        return replace(
            heard,
            started_at=max(0.0, heard.started_at - self.offset),
            ended_at=max(0.0, heard.ended_at - self.offset),
        )

    def listen(self) -> Heard | None:
        heard = next(self._turns, None)
        return self._shift(heard) if heard else None

    def __iter__(self) -> Iterator[Heard]:
        for heard in self._turns:
            yield self._shift(heard)


class MicrophoneListener:
    """A microphone at 16 kHz mono (`simulator.listen.capture`: SDL2 through pygame, else
    PyAudio or sounddevice where installed).

    With ``push_to_talk`` (a callable that is True while the talk key is
    held) a turn is exactly the held span; without it, voice-activity
    detection ends the turn when the trainee falls silent.
    """

    def __init__(
        self,
        recogniser: SphinxRecogniser,
        push_to_talk: Callable[[], bool] | None = None,
        device: str | None = None,
        source: Source | None = None,
        lazy: bool = False,
    ) -> None:
        """``device``: an input device name (``--mic``; default the one chosen for the process,
        else the system's). ``source`` (read 30 ms of 16 kHz PCM, close) replaces the device:
        tests, replays. ``lazy``: open the device at the first turn, not now (a window builds
        its listener when the call starts, the trainee may never talk)."""
        self.recogniser = recogniser
        self.push_to_talk = push_to_talk
        self.level = 0.0  # loudness of the last block read, 0..1: the window's level meter
        # The engine's `ListenHint` for the next turn (the window sets it as the talk key goes
        # down): that turn is decoded with the moment's model (see simulator/listen/context.py).
        self.hint: Any = None
        self._device = device
        self._source: Source | None = source
        if source is None and not lazy:
            self._open()

    def _open(self) -> Source:
        """The device, opened on first use when ``lazy``."""
        if self._source is None:
            try:
                self._source = open_capture(self._device)
            except CaptureUnavailable as exc:
                raise ListenerUnavailable(
                    f"no microphone input ({exc}); `callsim microphones` lists the input "
                    "devices. Using choices and typing instead"
                ) from None
        return self._source

    def _read(self) -> bytes:
        block = self._open()[0]()
        self.level = level_of(block)
        return block

    def _drop_stale(self) -> None:
        """Between turns: forget what the device queued (SDL capture: pause it too)."""
        drop = getattr(self._open()[0], "drop", None)
        if drop is not None:
            drop()

    def read(self) -> bytes:
        """The next 30 ms of raw 16 kHz PCM (for recording, e.g. `callsim enrol`)."""
        return self._read()

    def _expect(self) -> None:
        """Tell the recogniser the next turn's moment (other recognisers take no hint)."""
        expect = getattr(self.recogniser, "expect", None)
        if expect is not None:
            expect(self.hint)

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the recogniser exists (see `push_to_talk_factory`)."""
        return True

    def listen(self) -> Heard | None:
        if self.push_to_talk is not None:
            return self._listen_held()
        self.wait_ready()
        if self.recogniser is None:
            return None
        segmenter = TurnSegmenter()
        base = time.monotonic()  # stream seconds + base = the voice clock's time
        self._expect()

        def chunks() -> Iterator[bytes]:
            while True:
                yield self._read()

        heard = next(_turns(chunks(), self.recogniser, segmenter), None)
        if heard is None:
            return None
        return replace(heard, started_at=base + heard.started_at, ended_at=base + heard.ended_at)

    def _listen_held(self) -> Heard | None:
        assert self.push_to_talk is not None
        while not self.push_to_talk():
            self._read()  # keep the buffer drained while the key is up
        self._drop_stale()
        start = time.monotonic()
        # The talk key is down: what is said while the recogniser is still being built (the
        # first turn of a call, on a busy machine) is kept and decoded once it is ready.
        early = []
        while not self.wait_ready(0) and self.push_to_talk():
            early.append(self._read())
        self.wait_ready()
        if self.recogniser is None:
            return None
        self._expect()
        self.recogniser.start()
        for block in early:
            self.recogniser.feed(block)
        while self.push_to_talk():
            self.recogniser.feed(self._read())
        self._drop_stale()
        self.level = 0.0
        return _heard(self.recogniser.finish(), start, time.monotonic())

    def close(self) -> None:
        if self._source is not None:
            self._source[1]()
            self._source = None


def open_microphone(
    recogniser_factory: Callable[[], SphinxRecogniser],
    push_to_talk: Callable[[], bool] | None = None,
) -> tuple[MicrophoneListener | None, str | None]:
    """A microphone listener, or None and the one-line reason to show the trainee."""
    try:
        listener = MicrophoneListener(None, push_to_talk)  # type: ignore[arg-type]
    except ListenerUnavailable as exc:
        return None, str(exc)
    try:  # only now build the recogniser: no time spent on it when there is no microphone
        listener.recogniser = recogniser_factory()
    except Exception as exc:  # noqa: BLE001 - PocketSphinx missing or broken
        listener.close()
        return None, f"speech recognition unavailable ({exc}); using choices and typing instead"
    return listener, None


def push_to_talk_factory(
    recogniser_for: Callable[[Any], SphinxRecogniser] | None = None,
    mean_file: str | Path | None = None,
    adaptation: str | Path | None = None,
) -> tuple[Callable[[Callable[[], bool], Any], MicrophoneListener] | None, str | None]:
    """The window's listener seam: ``(held, scenario) -> listener``, or None and the reason.

    The microphone is probed now, so a machine without one is told at start-up
    (and the trainee gets choices and typing) rather than on the first key
    press. The scenario's recogniser (about 0.3 s to build) is built on a
    worker thread as soon as the listener exists; `listen` waits for it.
    Each call's recogniser starts from the cepstral mean the previous call's
    ended with, so only the first turn of the session needs a second pass
    (see `SphinxRecogniser`). With ``mean_file`` the mean is also saved after
    each turn and the next session's first recogniser is primed with it
    (`saved_mean`), so a returning trainee's first turn is decoded once too.
    With ``adaptation`` (the file `callsim enrol` writes) every recogniser
    loads the trainee's voice adaptation; a bad file is ignored with a
    warning, a missing one silently.
    """
    try:
        MicrophoneListener(None).close()  # type: ignore[arg-type]
    except ListenerUnavailable as exc:
        return None, str(exc)
    from .enrolment import SessionAdapter, adaptation_config

    recogniser_for = recogniser_for or _chosen_engine()
    adapted, problem = adaptation_config(adaptation)
    if problem:
        warnings.warn(problem, stacklevel=2)
    build = recogniser_for or functools.partial(_recogniser_for_scenario, **adapted)
    # No enrolment: adapt to the trainee from their own turns, for this session only.
    adapter = SessionAdapter() if recogniser_for is None and not adapted and not problem else None
    trainee = _Trainee(build, adapter, mean_file)

    def factory(held: Callable[[], bool], scenario: Any) -> MicrophoneListener:
        listener = MicrophoneListener(None, push_to_talk=held, lazy=True)  # type: ignore[arg-type]
        if trainee.listener is not None:  # the last call's microphone: one device open at once
            trainee.listener.close()
        trainee.listener = listener
        ready = threading.Event()
        swap: list[SphinxRecogniser] = []  # a recogniser with a newer session transform
        listen = listener.listen

        def listen_and_learn() -> Heard | None:
            trainee.before_turn(listener, swap)
            heard = listen()
            trainee.after_turn(listener, heard)
            return heard

        threading.Thread(
            target=trainee.make, args=(listener, scenario, ready, swap), name="build-recogniser",
            daemon=True,
        ).start()  # fmt: skip
        listener.wait_ready = ready.wait  # type: ignore[method-assign]
        listener.listen = listen_and_learn  # type: ignore[method-assign]
        return listener

    return factory, None


class _Trainee:
    """What a session learns about the trainee, handed from call to call.

    The cepstral mean and accent evidence (carried between calls, the mean
    also saved between sessions) and, without an enrolment, the session's
    own adaptation (`SessionAdapter`).
    """

    def __init__(
        self,
        build: Callable[[Any], SphinxRecogniser],
        adapter: Any,
        mean_file: str | Path | None,
    ) -> None:
        self.build = build
        self.adapter = adapter
        self.mean_file = mean_file
        self.saved = load_mean(mean_file) if mean_file is not None else None
        self.learnt: dict[str, Any] = {}
        self.listener: MicrophoneListener | None = None  # this call's

    def make(
        self,
        listener: MicrophoneListener,
        scenario: Any,
        ready: threading.Event,
        swap: list[SphinxRecogniser],
    ) -> None:
        """Build the call's recogniser (a worker thread), then learn from the last call."""
        try:
            listener.recogniser = self._carry(self._build(scenario))
            _prepare(listener.recogniser, ["opening"])  # a call's first turn is its opening
        finally:
            ready.set()
        warm_acts()  # while the trainee starts talking, not at the end of their first turn
        _prepare(listener.recogniser, None)  # the other moments' models, while the call goes on
        # Between calls: learn from the last call's turns (in another process), then
        # hand the next turn a recogniser that uses it.
        if self.adapter is not None and self.adapter.learn_if_due():
            self.adapter.wait()
            if self.adapter.config():
                fresh = self._build(scenario)
                _prepare(fresh, None)
                swap.append(fresh)

    def _build(self, scenario: Any) -> SphinxRecogniser:
        config = self.adapter.config() if self.adapter is not None else {}
        return _recogniser_for_scenario(scenario, **config) if config else self.build(scenario)

    def _carry(self, recogniser: SphinxRecogniser) -> SphinxRecogniser:
        if "cmn" in self.learnt:  # same trainee and microphone: go on from the last call
            recogniser.cmn = self.learnt["cmn"]
            recogniser.accent_evidence = self.learnt["accent"]  # and the same accent
        elif self.saved is not None:  # probably the same trainee as last session
            recogniser.prime(self.saved)
        return recogniser

    def before_turn(self, listener: MicrophoneListener, swap: list[SphinxRecogniser]) -> None:
        if swap and listener.recogniser is not None:  # only between turns
            fresh = swap.pop()
            fresh.cmn = listener.recogniser.cmn
            fresh.accent_evidence = listener.recogniser.accent_evidence
            listener.recogniser = fresh

    def after_turn(self, listener: MicrophoneListener, heard: Heard | None) -> None:
        recogniser = listener.recogniser
        if recogniser is None:
            return
        self.learnt["cmn"] = recogniser.cmn
        self.learnt["accent"] = recogniser.accent_evidence
        if heard is None or not heard.caught:
            return
        if self.mean_file is not None:
            save_mean(self.mean_file, self.learnt["cmn"])
        if self.adapter is not None:
            self.adapter.add(recogniser.last_pcm, heard.text)
            self.adapter.british = recogniser.accent == "uk"  # align as the trainee speaks


def _prepare(recogniser: Any, moments: list[str] | None) -> None:
    """Build (or find in the cache) a recogniser's moment models; ``None``: every moment.
    A failure only leaves those turns to the general model."""
    models = getattr(recogniser, "moments", None)
    if models is None:
        return
    if moments is None:
        from simulator.engine.hint import MOMENTS

        moments = list(MOMENTS)
    try:
        models.prepare(moments)
    except (OSError, ValueError) as exc:
        warnings.warn(f"speech: the call's context models could not be built ({exc})", stacklevel=2)


def _chosen_engine() -> Callable[[Any], SphinxRecogniser] | None:
    """Another recogniser (``--recogniser``) for every call, or None for callsim's own."""
    from simulator.listen.engines import DEFAULT, chosen_engine, open_engine

    name, online = chosen_engine()
    if name == DEFAULT:
        return None
    return lambda _scenario: open_engine(name, online)  # type: ignore[return-value]


def _recogniser_for_scenario(scenario: Any, **config: Any) -> SphinxRecogniser:
    from simulator.listen.domain import terms_from_model
    from simulator.listen.recogniser import build_domain_recogniser

    terms = terms_from_model(scenario) if scenario is not None else None
    return build_domain_recogniser(terms, **config)

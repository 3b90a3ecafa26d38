"""Enrolment: the trainee reads a short script once; recognition adapts to their voice.

Why: the acoustic model was trained on other voices and microphones, and
what is left of the recogniser's errors is mostly acoustic (see
docs/voice.md). Reading the script (20 sentences, about a minute) gives
`adapt.enrol` the speech to learn an MLLR transform from, and then MAP
means on top of it; every later recogniser loads them (`adaptation_config`).
Measured on the benchmark's held-out lines: see docs/voice.md, "Enrolment".

The recordings are kept as WAV files beside the transform, so a session cut
short loses nothing: `callsim enrol --recordings <folder>` learns again from
what was read.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.voice.audio import Audio, read_wav

from .adapt import (
    AdaptError,
    Enrolment,
    enrol,
    read_adapted_means,
    read_mllr,
    write_gaussians,
    write_mllr,
)
from .recogniser import RATE, _model_path, padded, to_16k
from .vad import SpeechEnd, SpeechFrame, SpeechStart, TurnSegmenter
from .words import tokens

__all__ = [
    "ADAPTATION_FILE",
    "DEFAULT_SENTENCES",
    "Reading",
    "SessionAdapter",
    "adaptation_config",
    "checked_adaptation",
    "enrolment_script",
    "forget",
    "learn",
    "means_path",
    "prepared",
    "readings_from_folder",
    "record_reading",
    "save",
    "save_reading",
]

SCRIPT = Path(__file__).parent / "data" / "enrolment.txt"
ADAPTATION_FILE = "voice-adapt.mllr"  # in the user data folder; MAP means beside it (`means_path`)
RECORDINGS_FOLDER = "enrolment"  # beside it: NN.wav and NN.txt per sentence read
MAX_READING_SECONDS = 30.0
DEFAULT_SENTENCES = 20  # about a minute; the other 20 add nothing measurable (docs/voice.md)


@dataclass(frozen=True)
class Reading:
    """One sentence as read: its 16 kHz PCM and the words it should contain."""

    name: str
    pcm16k: bytes
    text: str

    @property
    def seconds(self) -> float:
        return len(self.pcm16k) / 2 / RATE


def enrolment_script(path: str | Path = SCRIPT) -> list[str]:
    """The sentences to read, in order (comments and blank lines dropped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def prepared(audio: Audio) -> bytes:
    """As the recogniser hears a recording: 16 kHz, quarter-second pads, comfort noise."""
    return padded(to_16k(audio))


def readings_from_folder(folder: str | Path, script: Sequence[str] | None = None) -> list[Reading]:
    """Recordings in a folder: ``NN.wav`` with ``NN.txt`` (the words), or NN = script line.

    A WAV with neither a text file nor a script line of its number is an
    error that names the file: guessing its words would teach the model
    the wrong sounds.
    """
    folder = Path(folder)
    script = list(script) if script is not None else enrolment_script()
    wavs = sorted(
        p for p in folder.iterdir() if p.suffix.lower() in (".wav", ".flac", ".ogg", ".mp3")
    )
    if not wavs:
        raise AdaptError(f"{folder}: no recordings (NN.wav) found")
    out = []
    for wav in wavs:
        text_file = wav.with_suffix(".txt")
        if text_file.exists():
            text = _words_read(text_file)
        elif re.fullmatch(r"\d+", wav.stem) and 1 <= int(wav.stem) <= len(script):
            text = script[int(wav.stem) - 1]
        else:
            raise AdaptError(
                f"{wav}: no {text_file.name} beside it and no script sentence {wav.stem!r}; "
                "name recordings by their sentence number (01.wav) or add the words read"
            )
        try:
            audio = read_wav(wav)
        except Exception as exc:  # noqa: BLE001 - wave.Error, soundfile's errors, ...
            raise AdaptError(f"{wav}: cannot read it as audio ({exc})") from None
        out.append(Reading(wav.stem, prepared(audio), text))
    return out


#: The words of one recording: the script's sentences are under 100 characters; aligning a
#: 2 s recording to a 10 MB text (2 million words) ran for over 5 minutes of CPU.
MAX_WORDS_BYTES = 4096


def _words_read(text_file: Path) -> str:
    """An ``NN.txt``'s words: a small regular UTF-8 file (a FIFO, a folder or a 10 MB file is
    refused naming it, not waited on, read into memory or aligned for minutes)."""
    from scoring.files import FileProblem, read_regular

    try:
        return read_regular(text_file, MAX_WORDS_BYTES, what="the words read").decode().strip()
    except FileProblem as exc:
        raise AdaptError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise AdaptError(f"{text_file}: not UTF-8 text (byte at offset {exc.start})") from None


ITERATIONS = 3  # align, estimate, align again with the adapted model... (see docs/voice.md)
# MAP's prior weight, in frames. Dev lines, enrolled, later turns (WER / acts): MLLR alone
# 8.0% / 92.0% (dev2 12.3% / 88.5%); tau 2: 3.4% / 96.6% (5.9% / 93.8%); 5: 4.5% / 96.6%
# (6.8% / 93.8%); 10: 5.7% / 93.1% (7.3% / 93.8%). Not the smallest: eSpeak says a word the
# same way every time, a person does not, and a larger tau trusts one minute of it less.
MAP_TAU = 5.0


def learn(
    readings: Sequence[Reading],
    prior: float = 0.0,
    iterations: int = ITERATIONS,
    map_tau: float | None = MAP_TAU,
    british: bool = False,
) -> Enrolment:
    """Align each reading to its words and learn the transform, then MAP means (about 9 s).

    ``british``: the speaker is heard to be British, so the alignment may choose each word's
    British variant (the recogniser's, `Lexicon.write_dict(british=True)`) rather than being
    held to CMUdict's American one: the transform then learns how this speaker says a word,
    not that an "order" without its r is one with it (dev lines, British voices, a whole call:
    acts 82.8% -> 85.1%, docs/voice.md, "Issue 16, seventh session").

    Three rounds of alignment and estimation: each round's alignment, made
    with the model adapted so far, is better than the last. Dev lines,
    later turns, the benchmark's four voices (WER / acts): one round
    10.6% / 88.5% (dev2 13.9% / 85.4%), two 8.2% / 93.1% (12.8% / 86.9%),
    three 8.3% / 93.1% (11.9% / 87.7%), five 8.4% / 90.8% (12.1% / 89.2%).
    """
    from .pronounce import Lexicon

    words = {w for r in readings for w in tokens(r.text)}
    with tempfile.TemporaryDirectory(prefix="callsim-enrol-") as folder:
        dictionary = Path(folder) / "enrol.dict"
        Lexicon(_model_path("en-us/cmudict-en-us.dict")).write_dict(
            words, dictionary, british=british, rp_goat=True
        )
        pairs = ((r.pcm16k, tokens(r.text)) for r in readings)
        return enrol(pairs, dictionary, prior=prior, iterations=iterations, map_tau=map_tau)


def means_path(path: str | Path) -> Path:
    """Where the MAP means of the transform at ``path`` are kept: beside it, ``.means``."""
    return Path(path).with_suffix(".means")


def save(enrolment: Enrolment, path: str | Path) -> None:
    """Save the transform at ``path`` and the MAP means beside it (`means_path`).

    A means file left from an earlier enrolment is removed when this one has
    none: it would otherwise be loaded in place of the new transform.
    """
    if enrolment.mllr is None:
        raise AdaptError(f"too little speech to adapt to ({enrolment.seconds:.0f} s aligned)")
    if enrolment.means is not None:
        write_gaussians(enrolment.means, means_path(path))
    else:
        means_path(path).unlink(missing_ok=True)
    write_mllr(enrolment.mllr, path)


def forget(path: str | Path) -> bool:
    """Remove a saved adaptation (transform and means); False if there was none."""
    existed = False
    for file in (Path(path), means_path(path)):
        existed |= file.exists()
        file.unlink(missing_ok=True)
    return existed


def checked_adaptation(path: str | Path) -> dict[str, str]:
    """Recogniser settings for the adaptation saved at ``path``; {} when none is saved.

    The MAP means (which include the transform) when there are any, else
    the transform alone. Raises AdaptError, naming the file, when what is
    there cannot be used: it is never handed to PocketSphinx.
    """
    path = Path(path)
    means = path if path.suffix == ".means" else means_path(path)
    try:
        if means.exists():
            read_adapted_means(means)
            return {"mean": str(means)}
        if path.suffix != ".means" and path.exists():
            read_mllr(path)
            return {"mllr": str(path)}
    except OSError as exc:
        raise AdaptError(str(exc)) from None
    return {}


def adaptation_config(path: str | Path | None) -> tuple[dict[str, str], str | None]:
    """`checked_adaptation` for the window: settings, or none and a one-line reason.

    A missing file is the normal case (no enrolment yet) and gives no
    reason. Damaged means fall back to a sound transform beside them.
    """
    if path is None:
        return {}, None
    try:
        return checked_adaptation(path), None
    except AdaptError as exc:
        problem = str(exc)
    transform = Path(path)
    if transform.suffix != ".means" and transform.exists():
        try:
            read_mllr(transform)
            return {
                "mllr": str(transform)
            }, f"voice adaptation: {problem}; using the transform alone"
        except (AdaptError, OSError):
            pass
    return {}, f"voice adaptation ignored: {problem}"


# ---------------------------------------------------------------- recording
def record_reading(
    read: Callable[[], bytes], max_seconds: float = MAX_READING_SECONDS
) -> bytes | None:
    """One sentence from a live 16 kHz source: from the first speech to the end of the turn.

    The endpointer closes the turn after a short pause, which a reader
    rarely makes mid-sentence. None when nothing was said in ``max_seconds``.
    """
    segmenter = TurnSegmenter(window=0.3, ratio=0.8)  # readers pause between phrases
    speech: list[bytes] = []
    started = False
    while segmenter.now < max_seconds:
        for event in segmenter.feed(read()):
            if isinstance(event, SpeechStart):
                started = True
            elif isinstance(event, SpeechFrame) and started:
                speech.append(event.pcm)
            elif isinstance(event, SpeechEnd) and started:
                return b"".join(speech)
    return b"".join(speech) if speech else None


def save_reading(folder: Path, number: int, pcm16k: bytes, text: str) -> Path:
    """Keep a reading as ``NN.wav`` and ``NN.txt``, so it can be learnt from again."""
    folder.mkdir(parents=True, exist_ok=True)
    wav = Audio(pcm16k, RATE).write_wav(folder / f"{number:02d}.wav")
    (folder / f"{number:02d}.txt").write_text(text + "\n", encoding="utf-8")
    return wav


# ---------------------------------------------------------------- in-session adaptation
class SessionAdapter:
    """Adapts to a trainee who has not enrolled, from their own recognised turns.

    Unsupervised MLLR, then MAP means, as an enrolment learns them: the
    recognised text stands in for the words said. Dev lines, later turns,
    learning every 5 turns per voice: WER 10.9% -> 9.0% with MLLR alone ->
    7.5% with MAP (tau 5), acts 92.0% -> 93.1% -> 93.1%; dev2 17.2% ->
    13.5% -> 7.5%, acts 84.6% -> 85.4% -> 95.4%. Learning from its own
    mistakes did not undo the gain, as it might have: the misheard words are
    a few in each turn, and MAP moves a mean only as far as its evidence.
    The adaptation lives for the session only, in a temporary folder: on a
    shared training-room PC it must not carry one trainee's voice to the
    next, and what was learnt from its own mistakes should not outlive the
    session that made it.

    `add` keeps each caught turn (the newest ``keep_seconds`` of speech);
    `learn_if_due` learns once ``min_new_seconds`` more speech has come
    since the last time. In the background it learns in a separate
    process: PocketSphinx holds Python's GIL for the whole of each call,
    so alignment on a thread would stall the live decoder's feed and the
    caller's answer. `config` is what the next recogniser loads.
    """

    def __init__(self, min_new_seconds: float = 15.0, keep_seconds: float = 120.0) -> None:
        import threading

        self.min_new_seconds = min_new_seconds
        # True once the recogniser hears the trainee as British: learn with British variants
        self.british = False
        self.keep_seconds = keep_seconds
        self.readings: list[Reading] = []
        self.learnt: Enrolment | None = None
        self._new_seconds = 0.0
        import shutil
        import weakref

        folder = tempfile.mkdtemp(prefix="callsim-session-")
        weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)  # gone with the session
        self._path = Path(folder) / "session.mllr"
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def add(self, pcm16k: bytes, text: str) -> None:
        """Keep a turn that was understood (nothing is kept for an empty result)."""
        if not text.strip() or not pcm16k:
            return
        reading = Reading(str(len(self.readings)), padded(pcm16k), text)
        with self._lock:
            self.readings.append(reading)
            self._new_seconds += reading.seconds
            while (
                sum(r.seconds for r in self.readings) > self.keep_seconds and len(self.readings) > 1
            ):
                self.readings.pop(0)

    @property
    def due(self) -> bool:
        return self._new_seconds >= self.min_new_seconds

    def learn_if_due(self, background: bool = True) -> bool:
        """Start learning when enough new speech has come; False if not due or already busy."""
        import threading

        if not self.due or (self._worker is not None and self._worker.is_alive()):
            return False
        with self._lock:
            readings = list(self.readings)
            self._new_seconds = 0.0
        if background:
            self._worker = threading.Thread(
                target=self._learn, args=(readings, True), name="session-adapt", daemon=True
            )
            self._worker.start()
        else:
            self._learn(readings)
        return True

    def _learn(self, readings: list[Reading], in_process: bool = False) -> None:
        try:
            if in_process:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                context = multiprocessing.get_context("spawn")  # no fork of SDL's threads
                with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
                    result = pool.submit(learn, readings, british=self.british).result()
            else:
                result = learn(readings, british=self.british)
        except Exception:  # noqa: BLE001 - adaptation is a bonus; the recogniser works without
            return
        if result.mllr is not None:
            save(result, self._path)
            self.learnt = result

    def wait(self, timeout: float | None = None) -> None:
        """Block until a learning in flight has finished (tests, the benchmark)."""
        if self._worker is not None:
            self._worker.join(timeout)

    def config(self) -> dict[str, str]:
        """Recogniser settings: the session's adaptation once one has been learnt."""
        return adaptation_config(self._path)[0] if self.learnt is not None else {}

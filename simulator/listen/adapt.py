"""Speaker adaptation: an MLLR transform of the acoustic model, learnt from an enrolment.

The recogniser's acoustic model was trained on other people's voices; a
trainee's voice, microphone and room move every Gaussian mean a little in
the same direction. Maximum-likelihood linear regression (MLLR) learns one
affine map per feature stream, ``mean' = A @ mean + b``, from a minute or
two of the trainee reading known sentences, and PocketSphinx applies it to
the whole model at load (its ``mllr`` setting). One global regression class
and diagonal variances, as SphinxTrain's ``mllr_solve`` does: 3 x 13 x 14
numbers, which a minute of speech estimates well.

An enrolment then goes one step further (`map_means`): maximum a posteriori
(MAP) re-estimation of every Gaussian mean, with the MLLR-moved mean as the
prior. MLLR moves all means together; MAP moves each one that the readings
actually visited, as far as its own evidence allows (``tau`` frames of
prior weight). The model's 42 phone codebooks are shared by all its
senones, so a minute of speech reaches a quarter of the 16,128 Gaussians
more than once. The result is a means file PocketSphinx loads in place of
the model's own (its ``mean`` setting).

SphinxTrain is not on PyPI, so the statistics are gathered here with numpy
from what the ``pocketsphinx`` wheel already gives: its model files (the
Gaussians, and the senone mixture weights from ``sendump``), its own front
end (``mfclogdir``: the very cepstra the decoder sees) and its forced
alignment (``set_align_text`` then ``set_alignment``: a senone per frame).
Frames are hard-assigned to the aligned senone (Viterbi statistics, where
SphinxTrain's ``bw`` sums over all alignments); within the senone the
codebook Gaussians share the frame by their posteriors.

Untrusted input: a transform file comes from the user's data folder and is
parsed by `read_mllr`, which checks its shape and that every number is
finite before PocketSphinx ever sees it.
"""

from __future__ import annotations

import functools
import math
import struct
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .atomic import write_bytes_atomically, write_text_atomically

STREAM_SLICES = ((0, 13), (13, 26), (26, 39))  # the model's svspec 0-12/13-25/26-38
DIM = 13
MAX_MLLR_BYTES = 64 * 1024
_S3_MAGIC = 0x11223344  # the byte-order word of an s3 file
MAX_MEAN = 1e4  # cepstra and their deltas are tens to hundreds; more is a broken file
VAR_FLOOR = 1e-4  # PocketSphinx's default varfloor
MIXW_FLOOR = 1e-7  # PocketSphinx's default mixwfloor


class AdaptError(ValueError):
    """A model or transform file that cannot be used (the message names it)."""


# ---------------------------------------------------------------- model files
def _read_s3_header(data: bytes, path: Path) -> int:
    """Offset just past an s3 header (``s3`` ... ``endhdr``) and its byte-order word."""
    end = data.find(b"endhdr\n")
    if not data.startswith(b"s3\n") or end < 0:
        raise AdaptError(f"{path}: not an s3 model file")
    return end + len(b"endhdr\n")


def read_gaussians(path: str | Path) -> np.ndarray:
    """An s3 Gaussian file (means or variances) as (codebooks, streams, densities, 13)."""
    path = Path(path)
    data = path.read_bytes()
    off = _read_s3_header(data, path)
    try:
        order = "<" if struct.unpack_from("<I", data, off)[0] == _S3_MAGIC else ">"
        n_mgau, n_feat, n_density = struct.unpack_from(order + "3i", data, off + 4)
        if n_feat != 3:
            raise AdaptError(f"{path}: expected 3 streams, found {n_feat}")
        veclen = struct.unpack_from(f"{order}{n_feat}i", data, off + 16)
    except struct.error:
        raise AdaptError(f"{path}: cut short in its header") from None
    if any(v != DIM for v in veclen):
        raise AdaptError(f"{path}: expected 3 streams of {DIM}, found {veclen}")
    start = off + 16 + 4 * n_feat + 4  # the total count follows the vector lengths
    count = n_mgau * n_feat * n_density * DIM
    if n_mgau <= 0 or n_density <= 0 or len(data) < start + 4 * count:
        raise AdaptError(f"{path}: cut short ({len(data)} bytes for {count} numbers)")
    values = np.frombuffer(data, dtype=order + "f4", count=count, offset=start)
    return values.astype(np.float64).reshape(n_mgau, n_feat, n_density, DIM)


def gaussians_bytes(values: np.ndarray) -> bytes:
    """An s3 Gaussian file, as PocketSphinx reads one (no checksum: its header says none)."""
    n_mgau, n_feat, n_density, dim = values.shape
    header = b"s3\nversion 1.0\n      endhdr\n"
    body = struct.pack("<I3i", _S3_MAGIC, n_mgau, n_feat, n_density)
    body += struct.pack(f"<{n_feat}i", *([dim] * n_feat)) + struct.pack("<i", values.size)
    return header + body + values.astype("<f4").tobytes()


def write_gaussians(values: np.ndarray, path: str | Path) -> None:
    """Write atomically, so a crash never leaves half a model for the next session."""
    write_bytes_atomically(path, gaussians_bytes(values))


def read_adapted_means(path: str | Path, model_folder: str | Path | None = None) -> np.ndarray:
    """Parse and check an adapted means file (the user's data folder is not trusted).

    It must have the model's own shape, exactly its size and finite values
    near the model's range, so PocketSphinx is never handed a file that
    could crash it or silently wreck recognition.
    """
    path = Path(path)
    shape, size = _model_means_layout(str(model_folder or _model_path()))
    if not path.is_file():  # a FIFO would block, a device never end
        raise AdaptError(f"{path}: not a regular file, not adapted means")
    if path.stat().st_size > size + 1024:
        raise AdaptError(f"{path}: larger than the model's own means, not adapted means")
    means = read_gaussians(path)
    if means.shape != shape:
        raise AdaptError(f"{path}: shape {means.shape}, the model's is {shape}")
    if not np.all(np.isfinite(means)) or np.abs(means).max() > MAX_MEAN:
        raise AdaptError(f"{path}: a mean that is not finite or far out of range")
    return means


@functools.lru_cache(maxsize=4)
def _model_means_layout(folder: str) -> tuple[tuple[int, ...], int]:
    """The shape and file size of a model's own means (read once per process)."""
    reference = Path(folder) / "means"
    return read_gaussians(reference).shape, reference.stat().st_size


def read_sendump(path: str | Path) -> np.ndarray:
    """Senone mixture weights from PocketSphinx's ``sendump``: (senones, streams, densities).

    The file holds each weight as one byte, ``-log_1.0001(w) >> 10``
    (SphinxTrain's ``cvt_mixw``), one row of senones per stream and density.
    """
    path = Path(path)
    data = path.read_bytes()
    order = "<" if struct.unpack_from("<I", data, 0)[0] < 65536 else ">"
    pos = 0

    def string() -> str | None:
        nonlocal pos
        (n,) = struct.unpack_from(order + "I", data, pos)
        pos += 4
        if n == 0:
            return None
        text = data[pos : pos + n - 1].decode("latin-1")
        pos += n
        return text

    string()  # the title
    header: dict[str, str] = {}
    while (line := string()) is not None:
        key, _, value = line.partition(" ")
        header[key] = value
    n_feat = int(header.get("feature_count", 0))
    shift = int(header.get("mixw_shift", 10))
    if int(header.get("cluster_count", 0)) != 0:
        raise AdaptError(f"{path}: clustered mixture weights are not supported")
    n_density, n_sen = struct.unpack_from(order + "2I", data, pos)
    pos += 8
    raw = np.frombuffer(data, dtype=np.uint8, count=n_feat * n_density * n_sen, offset=pos)
    logs = raw.reshape(n_feat, n_density, n_sen).astype(np.float64) * (1 << shift)
    weights = np.power(1.0001, -logs).transpose(2, 0, 1)  # (senones, streams, densities)
    weights /= weights.sum(axis=2, keepdims=True)
    return np.maximum(weights, MIXW_FLOOR)


def read_ci_phones(path: str | Path) -> list[str]:
    """The base (context-independent) phone names of a binary ``mdef``, in codebook order."""
    path = Path(path)
    data = path.read_bytes()
    if data[:4] != b"BMDF":
        raise AdaptError(f"{path}: not a binary model definition")
    order = "<" if struct.unpack_from("<i", data, 4)[0] == 1 else ">"
    (desc_len,) = struct.unpack_from(order + "i", data, 8)
    pos = 12 + desc_len
    pos += (4 - pos % 4) % 4
    (n_ci,) = struct.unpack_from(order + "i", data, pos)
    names_at = pos + 10 * 4
    names = data[names_at:].split(b"\0", n_ci)[:n_ci]
    return [n.decode("ascii") for n in names]


@dataclass
class AcousticModel:
    """The parts of a semi-continuous (ptm) model that MLLR statistics need."""

    means: np.ndarray  # (codebooks, 3, densities, 13)
    variances: np.ndarray
    log_weights: np.ndarray  # (senones, 3, densities)
    codebook_of: dict[str, int]  # base phone name -> codebook

    @classmethod
    def load(cls, folder: str | Path) -> AcousticModel:
        folder = Path(folder)
        means = read_gaussians(folder / "means")
        variances = np.maximum(read_gaussians(folder / "variances"), VAR_FLOOR)
        weights = read_sendump(folder / "sendump")
        phones = read_ci_phones(folder / "mdef")
        if len(phones) != means.shape[0]:
            raise AdaptError(f"{folder}: {len(phones)} phones but {means.shape[0]} codebooks")
        return cls(means, variances, np.log(weights), {p: i for i, p in enumerate(phones)})

    def transformed(self, mllr: Mllr) -> AcousticModel:
        """The model with its means moved by ``mllr``, as PocketSphinx would load it."""
        means = self.means.copy()
        for s, (a, b) in enumerate(zip(mllr.a, mllr.b, strict=True)):
            means[:, s] = self.means[:, s] @ a.T + b
        return AcousticModel(means, self.variances, self.log_weights, self.codebook_of)


# ---------------------------------------------------------------- features
def read_mfc(path: str | Path) -> np.ndarray:
    """A Sphinx cepstrum file (a count, then float32 frames of 13) as (frames, 13)."""
    data = Path(path).read_bytes()
    for order in (">", "<"):
        (count,) = struct.unpack_from(order + "i", data, 0)
        if count * 4 + 4 == len(data) and count % DIM == 0:
            return (
                np.frombuffer(data, dtype=order + "f4", offset=4)
                .astype(np.float64)
                .reshape(-1, DIM)
            )
    raise AdaptError(f"{path}: not a cepstrum file")


def features(cep: np.ndarray) -> np.ndarray:
    """The model's ``1s_c_d_dd`` features of a whole utterance, after batch mean removal.

    As Sphinx computes them: the cepstrum, its delta ``c[t+2] - c[t-2]`` and
    its delta-delta ``d[t+1] - d[t-1]`` (ends padded with the first and last
    frame).
    """
    c = cep - cep.mean(axis=0)
    pad = np.concatenate([np.repeat(c[:1], 3, axis=0), c, np.repeat(c[-1:], 3, axis=0)])
    n = len(c)
    delta = pad[5 : 5 + n] - pad[1 : 1 + n]
    dd = (pad[6 : 6 + n] - pad[2 : 2 + n]) - (pad[4 : 4 + n] - pad[0:n])
    return np.concatenate([c, delta, dd], axis=1)


# ---------------------------------------------------------------- statistics
@dataclass
class MllrStatistics:
    """Per-Gaussian occupancy and first-order sums, enough to solve the transform."""

    occupancy: np.ndarray  # (codebooks, 3, densities)
    first: np.ndarray  # (codebooks, 3, densities, 13)
    frames: int = 0
    utterances: int = 0

    @classmethod
    def empty(cls, model: AcousticModel) -> MllrStatistics:
        return cls(np.zeros(model.means.shape[:3]), np.zeros(model.means.shape))

    def add(
        self, model: AcousticModel, feats: np.ndarray, senones: np.ndarray, codebooks: np.ndarray
    ) -> None:
        """Add one utterance: a feature row, its aligned senone and codebook, per frame."""
        for cb in np.unique(codebooks):
            rows = codebooks == cb
            x, sen = feats[rows], senones[rows]
            for s, (lo, hi) in enumerate(STREAM_SLICES):
                mu, var = model.means[cb, s], model.variances[cb, s]  # (K, 13)
                xs = x[:, lo:hi]
                # log N(x; mu_k, var_k) for every frame and density, then the senone's weights
                quad = ((xs[:, None, :] - mu[None]) ** 2 / var[None]).sum(axis=2)
                loglik = -0.5 * (quad + np.log(2 * math.pi * var).sum(axis=1)[None])
                loglik += model.log_weights[sen, s]
                loglik -= loglik.max(axis=1, keepdims=True)
                post = np.exp(loglik)
                post /= post.sum(axis=1, keepdims=True)
                self.occupancy[cb, s] += post.sum(axis=0)
                self.first[cb, s] += post.T @ xs
        self.frames += len(feats)
        self.utterances += 1

    def map_means(self, prior_means: np.ndarray, tau: float) -> np.ndarray:
        """MAP means: each Gaussian's mean pulled from ``prior_means`` towards its data.

        ``(tau * prior + sum of its frames) / (tau + its occupancy)``: a
        Gaussian the speech never visited keeps its prior; one seen for
        many frames moves to their average. The statistics must have been
        gathered with ``prior_means`` as the model's means.
        """
        return (tau * prior_means + self.first) / (tau + self.occupancy[..., None])

    def solve(self, model: AcousticModel, prior: float = 0.0) -> Mllr:
        """The transform maximising the data's likelihood, per stream and per row.

        ``prior`` adds that many frames' worth of evidence for the identity
        map (a MAP-style smoothing: with little speech the transform stays
        near "no change" instead of fitting noise).
        """
        a_rows, b_rows = [], []
        for s in range(len(STREAM_SLICES)):
            occ = self.occupancy[:, s].ravel()  # (M,)
            mu = model.means[:, s].reshape(-1, DIM)
            inv_var = 1.0 / model.variances[:, s].reshape(-1, DIM)
            first = self.first[:, s].reshape(-1, DIM)
            xi = np.concatenate([np.ones((len(mu), 1)), mu], axis=1)  # (M, 14)
            a = np.zeros((DIM, DIM))
            b = np.zeros(DIM)
            for i in range(DIM):
                w = occ * inv_var[:, i]
                g = (xi * w[:, None]).T @ xi
                k = xi.T @ (first[:, i] * inv_var[:, i])
                if prior > 0:
                    scale = prior * (w.sum() / max(occ.sum(), 1e-9))
                    identity = np.zeros(DIM + 1)
                    identity[i + 1] = 1.0
                    g_prior = scale * (xi.T @ xi) / len(xi)
                    g = g + g_prior
                    k = k + g_prior @ identity
                row = np.linalg.lstsq(g, k, rcond=None)[0]
                b[i], a[i] = row[0], row[1:]
            a_rows.append(a)
            b_rows.append(b)
        return Mllr(tuple(a_rows), tuple(b_rows))


# ---------------------------------------------------------------- the transform
@dataclass(frozen=True)
class Mllr:
    """One regression class: per stream ``mean' = a @ mean + b`` (variances unchanged)."""

    a: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]

    def to_text(self) -> str:
        """SphinxTrain's ``mllr_solve`` format, which PocketSphinx's ``mllr`` setting reads."""
        out = ["1", str(len(self.a))]
        for a, b in zip(self.a, self.b, strict=True):
            out.append(str(len(b)))
            out += [" ".join(f"{v:.6f}" for v in row) for row in a]
            out.append(" ".join(f"{v:.6f}" for v in b))
            out.append(" ".join("1.0" for _ in b))
        return "\n".join(out) + "\n"

    def distance(self) -> float:
        """How far from the identity map (Frobenius norm of ``a - I``, for reports and tests)."""
        return float(sum(np.linalg.norm(a - np.eye(len(a))) for a in self.a))


def read_mllr(path: str | Path) -> Mllr:
    """Parse and check a transform file (the user's data folder is not trusted)."""
    from scoring.files import FileProblem, read_regular

    path = Path(path)
    if path.stat().st_size > MAX_MLLR_BYTES:
        raise AdaptError(f"{path}: larger than {MAX_MLLR_BYTES} bytes, not a transform")
    try:  # a regular file only: a FIFO blocked, /dev/zero was read until memory ran out
        data = read_regular(path, MAX_MLLR_BYTES, what="a transform")
    except FileProblem as exc:
        raise AdaptError(str(exc)) from None
    try:
        values = [float(v) for v in data.decode("ascii").split()]
    except (UnicodeDecodeError, ValueError):  # the file's words are not quoted (any file)
        raise AdaptError(f"{path}: not a transform (it holds words that are not numbers)") from None
    if not all(math.isfinite(v) for v in values):
        raise AdaptError(f"{path}: a number that is not finite")
    expected = 2 + 3 * (1 + DIM * DIM + 2 * DIM)
    if len(values) != expected or values[:2] != [1.0, 3.0]:
        raise AdaptError(f"{path}: expected one class of 3 streams of {DIM} ({expected} numbers)")
    a_rows, b_rows, pos = [], [], 2
    for _ in range(3):
        if values[pos] != DIM:
            raise AdaptError(f"{path}: a stream of {values[pos]:g} values, expected {DIM}")
        pos += 1
        a_rows.append(np.array(values[pos : pos + DIM * DIM]).reshape(DIM, DIM))
        pos += DIM * DIM
        b_rows.append(np.array(values[pos : pos + DIM]))
        pos += 2 * DIM
    return Mllr(tuple(a_rows), tuple(b_rows))


def write_mllr(mllr: Mllr, path: str | Path) -> None:
    """Write atomically, so a crash never leaves half a transform for the next session."""
    write_text_atomically(path, mllr.to_text())


# ---------------------------------------------------------------- enrolment
@dataclass
class Enrolment:
    """The result of `enrol`: the transform and what it was learnt from."""

    mllr: Mllr | None
    frames: int
    aligned: int
    skipped: list[str] = field(default_factory=list)  # sentences that could not be aligned
    cepstral_mean: str | None = None  # of the readings, as PocketSphinx writes it (`saved_mean`)
    means: np.ndarray | None = None  # MAP means on top of the transform (`enrol(map_tau=...)`)

    @property
    def seconds(self) -> float:
        return self.frames / 100.0


MIN_FRAMES = 1500  # 15 s of aligned speech: less and the 546 numbers are not worth trusting


def align(
    decoder: Any, pcm16k: bytes, words: Sequence[str]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Senone and base-phone name per frame of ``pcm16k`` forced onto ``words``, or None."""
    text = " ".join(words)
    try:
        decoder.set_align_text(text)
        for _ in range(2):  # words first, then phones and states (PocketSphinx's two passes)
            decoder.start_utt()
            decoder.process_raw(pcm16k, full_utt=True)
            decoder.end_utt()
            if decoder.get_alignment() is None:
                if decoder.hyp() is None:
                    return None
                decoder.set_alignment()
    except RuntimeError:
        return None
    alignment = decoder.get_alignment()
    if alignment is None:
        return None
    n = decoder.n_frames()
    senone = np.full(n, -1, dtype=np.int64)
    phone = np.full(n, "", dtype=object)
    for ph in alignment.phones():
        for st in ph:
            senone[st.start : st.start + st.duration] = int(st.name)
            phone[st.start : st.start + st.duration] = ph.name
    return senone, phone


def enrol(
    recordings: Iterable[tuple[bytes, Sequence[str]]],
    dictionary: str | Path,
    model_folder: str | Path | None = None,
    prior: float = 0.0,
    iterations: int = 1,
    map_tau: float | None = None,
) -> Enrolment:
    """Learn a transform from (16 kHz PCM, the words read) pairs.

    Each recording is forced onto its words; one that cannot be (the
    trainee read something else, or the audio is empty) is skipped and
    reported, not guessed at. With ``iterations`` > 1 the speech is aligned
    again with the adapted model and the transform re-estimated (still
    relative to the original means, as PocketSphinx applies it). With
    ``map_tau`` the speech is aligned once more with the final transform and
    every mean is MAP re-estimated from there (`MllrStatistics.map_means`).
    """
    folder = Path(model_folder or _model_path())
    model = AcousticModel.load(folder)
    recordings = list(recordings)
    mllr: Mllr | None = None
    stats = MllrStatistics.empty(model)
    skipped: list[str] = []
    utterances_cep: list[np.ndarray] = []
    with tempfile.TemporaryDirectory(prefix="callsim-enrol-") as work:

        def statistics(current: Mllr | None) -> tuple[MllrStatistics, list[str], list[np.ndarray]]:
            """Align with the model as ``current`` moves it; gather statistics under it."""
            extra = {}
            if current is not None:
                write_mllr(current, Path(work) / "current.mllr")
                extra["mllr"] = str(Path(work) / "current.mllr")
            utterances, skipped, ceps = _align_all(
                folder, dictionary, recordings, model, Path(work), extra
            )
            scoring = model if current is None else model.transformed(current)
            stats = MllrStatistics.empty(model)
            for feats, senones, codebooks in utterances:
                stats.add(scoring, feats, senones, codebooks)
            return stats, skipped, ceps

        for _ in range(iterations):
            stats, skipped, utterances_cep = statistics(mllr)
            if stats.frames < MIN_FRAMES:
                mllr = None
                break
            mllr = stats.solve(model, prior)
        means = None
        if mllr is not None and map_tau is not None:
            map_stats, skipped, _ = statistics(mllr)
            means = map_stats.map_means(model.transformed(mllr).means, map_tau)
    return Enrolment(mllr, stats.frames, stats.utterances, skipped, _mean_of(utterances_cep), means)


def _model_path() -> str:
    from .recogniser import _model_path as path

    return path("en-us/en-us")


def _align_all(
    folder: Path,
    dictionary: str | Path,
    recordings: Sequence[tuple[bytes, Sequence[str]]],
    model: AcousticModel,
    work: Path,
    extra: dict[str, str],
) -> tuple[list[tuple[np.ndarray, np.ndarray, np.ndarray]], list[str], list[np.ndarray]]:
    """Features, senone and codebook per frame of every recording that aligns; the rest; cepstra."""
    from pocketsphinx import Decoder

    from .recogniser import RATE

    logdir = work / "mfc"
    logdir.mkdir(exist_ok=True)
    decoder = Decoder(
        hmm=str(folder),
        dict=str(dictionary),
        lm=None,
        samprate=RATE,
        loglevel="FATAL",
        mfclogdir=str(logdir),  # the decoder's own cepstra, written per utterance
        bestpath=False,  # with it, the word pass can drop the last word (alignment then fails)
        **extra,
    )
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    skipped: list[str] = []
    ceps: list[np.ndarray] = []
    for pcm, words in recordings:
        for old in logdir.glob("*.mfc"):
            old.unlink()
        aligned = align(decoder, pcm, words)
        logs = sorted(logdir.glob("*.mfc"))
        if aligned is None or not logs:
            skipped.append(" ".join(words))
            continue
        senones, phones = aligned
        cep = read_mfc(logs[-1])
        ceps.append(cep)
        feats = features(cep)
        n = min(len(feats), len(senones))
        codebooks = np.array([model.codebook_of.get(p, -1) for p in phones[:n]], dtype=np.int64)
        keep = (senones[:n] >= 0) & (codebooks >= 0)
        out.append((feats[:n][keep], senones[:n][keep], codebooks[keep]))
    return out, skipped, ceps


def _mean_of(ceps: Sequence[np.ndarray]) -> str | None:
    """The cepstral mean over all readings, which the next session's first turn can start from."""
    if not ceps:
        return None
    mean = np.concatenate(ceps).mean(axis=0)
    return ",".join(f"{v:.2f}" for v in mean)

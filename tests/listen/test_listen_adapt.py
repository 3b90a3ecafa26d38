"""MLLR speaker adaptation: model readers, features, the solver, transform files, real enrolment."""

from __future__ import annotations

import numpy as np
import pytest
from listen_audio import with_noise

from simulator.listen.adapt import (
    DIM,
    AcousticModel,
    AdaptError,
    Mllr,
    MllrStatistics,
    features,
    read_adapted_means,
    read_gaussians,
    read_mllr,
    write_gaussians,
    write_mllr,
)
from simulator.voice.profile import VoiceProfile


@pytest.fixture(scope="module")
def model():
    from simulator.listen.recogniser import _model_path

    return AcousticModel.load(_model_path("en-us/en-us"))


# ---------------------------------------------------------------- model files
def test_the_wheels_model_reads_as_42_phone_codebooks(model):
    assert model.means.shape == (42, 3, 128, DIM)
    assert model.variances.shape == model.means.shape
    assert (model.variances > 0).all()
    assert model.log_weights.shape == (5126, 3, 128)
    sums = np.exp(model.log_weights).sum(axis=2)
    assert np.allclose(sums, 1.0, atol=1e-3)  # each senone's weights are a distribution
    assert {"SIL", "AA", "ZH", "+NSN+"} <= set(model.codebook_of)
    assert model.codebook_of["AA"] < model.codebook_of["ZH"]  # sorted, as mdef keeps them


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    from simulator.listen.adapt import read_ci_phones, read_gaussians

    bad = tmp_path / "means"
    bad.write_bytes(b"not a model")
    with pytest.raises(AdaptError, match="means: not an s3 model file"):
        read_gaussians(bad)
    with pytest.raises(AdaptError, match="not a binary model definition"):
        read_ci_phones(bad)


def test_means_round_trip_through_the_file_pocketsphinx_reads(model, tmp_path):
    path = tmp_path / "voice.means"
    write_gaussians(model.means + 1.0, path)
    assert np.allclose(read_gaussians(path), model.means + 1.0, atol=1e-4)  # float32 in the file
    assert read_adapted_means(path).shape == model.means.shape
    assert list(tmp_path.iterdir()) == [path]  # written atomically: no temporary left behind


def test_pocketsphinx_decodes_the_same_with_its_own_means_rewritten(model, tmp_path, synth):
    """The writer's header and layout are what PocketSphinx reads (its ``mean`` setting)."""
    from pocketsphinx import Decoder

    from simulator.listen.enrolment import prepared

    same, moved = tmp_path / "same.means", tmp_path / "moved.means"
    write_gaussians(model.means, same)
    write_gaussians(model.means + 0.5, moved)  # and a file that differs is not ignored
    pcm = prepared(synth.synthesize("Could I place you on hold for a moment?", VoiceProfile()))
    hyps = []
    for extra in ({}, {"mean": str(same)}, {"mean": str(moved)}):
        decoder = Decoder(loglevel="FATAL", **extra)
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hyps.append((decoder.hyp().hypstr, decoder.hyp().score))
    assert hyps[0][0]
    assert hyps[0] == hyps[1]
    assert hyps[2][1] != hyps[0][1]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b[:-100], "cut short"),
        (lambda b: b[:40], "cut short"),
        (lambda b: b + b"x" * 4096, "larger than the model's own means"),
        (lambda b: b"junk" + b, "not an s3 model file"),
    ],
)
def test_a_damaged_means_file_is_refused_with_its_name(model, tmp_path, damage, message):
    from simulator.listen.adapt import gaussians_bytes

    path = tmp_path / "voice.means"
    path.write_bytes(damage(gaussians_bytes(model.means)))
    with pytest.raises(AdaptError, match=message) as err:
        read_adapted_means(path)
    assert "voice.means" in str(err.value)


def test_means_of_another_shape_or_not_finite_are_refused(model, tmp_path):
    path = tmp_path / "voice.means"
    write_gaussians(model.means[:40], path)
    with pytest.raises(AdaptError, match="shape"):
        read_adapted_means(path)
    broken = model.means.copy()
    broken[3, 1, 7, 2] = np.nan
    write_gaussians(broken, path)
    with pytest.raises(AdaptError, match="not finite"):
        read_adapted_means(path)
    broken[3, 1, 7, 2] = 1e9
    write_gaussians(broken, path)
    with pytest.raises(AdaptError, match="out of range"):
        read_adapted_means(path)


# ---------------------------------------------------------------- features
def test_features_are_cepstra_without_their_mean_then_deltas():
    t = np.arange(20, dtype=float)
    cep = np.tile(t[:, None], (1, DIM)) * 2.0 + 5.0  # a ramp: slope 2 per frame
    f = features(cep)
    assert f.shape == (20, 3 * DIM)
    assert np.allclose(f[:, :DIM].mean(axis=0), 0.0)  # batch mean removed
    assert np.allclose(f[3:-3, DIM : 2 * DIM], 8.0)  # c[t+2] - c[t-2] on a slope of 2
    assert np.allclose(f[3:-3, 2 * DIM :], 0.0)  # a straight line has no acceleration
    assert f[0, DIM] < 8.0  # the ends are padded with the first frame, not extrapolated


# ---------------------------------------------------------------- the solver
def _toy_model(rng: np.random.Generator) -> AcousticModel:
    means = rng.normal(0, 3, (2, 3, 8, DIM))
    variances = rng.uniform(0.5, 2.0, means.shape)
    weights = np.full((4, 3, 8), 1 / 8)
    return AcousticModel(means, variances, np.log(weights), {"AA": 0, "B": 1})


def _frames_from(model: AcousticModel, a: list, b: list, n: int, rng: np.random.Generator):
    """Frames drawn from the model with every mean moved by ``a @ mean + b``."""
    cb = rng.integers(0, 2, n)
    k = rng.integers(0, 8, (n, 3))
    x = np.empty((n, 3 * DIM))
    for s in range(3):
        mu = model.means[cb, s, k[:, s]]
        sd = np.sqrt(model.variances[cb, s, k[:, s]])
        x[:, s * DIM : (s + 1) * DIM] = mu @ a[s].T + b[s] + rng.normal(0, 0.05, mu.shape) * sd
    return x, cb


def test_the_solver_recovers_a_known_transform():
    rng = np.random.default_rng(1)
    model = _toy_model(rng)
    a = [np.eye(DIM) * 1.1 + rng.normal(0, 0.03, (DIM, DIM)) for _ in range(3)]
    b = [rng.normal(0, 1.0, DIM) for _ in range(3)]
    x, cb = _frames_from(model, a, b, 4000, rng)
    stats = MllrStatistics.empty(model)
    stats.add(model, x, cb * 2, cb)  # senone 0 for codebook 0, senone 2 for codebook 1
    mllr = stats.solve(model)
    for s in range(3):
        assert np.abs(mllr.a[s] - a[s]).max() < 0.05
        assert np.abs(mllr.b[s] - b[s]).max() < 0.2


def test_a_strong_prior_keeps_the_transform_near_identity():
    rng = np.random.default_rng(2)
    model = _toy_model(rng)
    shifted = [np.eye(DIM) * 1.3 for _ in range(3)]
    x, cb = _frames_from(model, shifted, [np.zeros(DIM)] * 3, 300, rng)
    stats = MllrStatistics.empty(model)
    stats.add(model, x, cb * 2, cb)
    free, held = stats.solve(model), stats.solve(model, prior=1e6)
    assert free.distance() > 1.0
    assert held.distance() < 0.05


def test_map_moves_each_mean_by_its_own_evidence():
    """A Gaussian seen often goes to its data, one never seen keeps its prior."""
    rng = np.random.default_rng(3)
    model = _toy_model(rng)
    stats = MllrStatistics.empty(model)
    stats.occupancy[0, 0, 0] = 1000.0
    stats.first[0, 0, 0] = 1000.0 * (model.means[0, 0, 0] + 2.0)  # its frames sit 2 higher
    stats.occupancy[0, 0, 1] = 5.0
    stats.first[0, 0, 1] = 5.0 * (model.means[0, 0, 1] + 2.0)
    means = stats.map_means(model.means, tau=5.0)
    assert np.allclose(means[0, 0, 0], model.means[0, 0, 0] + 2.0, atol=0.02)
    assert np.allclose(means[0, 0, 1], model.means[0, 0, 1] + 1.0)  # half prior, half data
    assert np.allclose(means[1], model.means[1])  # never visited


# ---------------------------------------------------------------- transform files
def _mllr(scale: float = 1.0) -> Mllr:
    return Mllr(
        tuple(np.eye(DIM) * scale for _ in range(3)), tuple(np.arange(DIM) / 10 for _ in range(3))
    )


def test_a_transform_round_trips_through_the_file_pocketsphinx_reads(tmp_path):
    path = tmp_path / "voice.mllr"
    write_mllr(_mllr(1.05), path)
    text = path.read_text().split("\n")
    assert text[:3] == ["1", "3", "13"]  # one class, three streams of 13 (mllr_solve's layout)
    back = read_mllr(path)
    assert np.allclose(back.a[2], np.eye(DIM) * 1.05)
    assert np.allclose(back.b[1], np.arange(DIM) / 10)
    assert list(tmp_path.iterdir()) == [path]  # written atomically: no temporary left behind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("hello", "not a transform"),
        ("1 3 13 " + "0 " * 10, "expected one class of 3 streams"),
        ("nan " * 590, "not finite"),
        ("1 3 12 " + "0 " * 587, "a stream of 12 values"),
    ],
)
def test_a_bad_transform_file_is_refused_with_its_name(tmp_path, content, message):
    path = tmp_path / "voice.mllr"
    path.write_text(content)
    with pytest.raises(AdaptError, match=message) as err:
        read_mllr(path)
    assert "voice.mllr" in str(err.value)


def test_an_oversized_transform_file_is_not_read(tmp_path):
    path = tmp_path / "voice.mllr"
    path.write_text("1 " * 40000)
    with pytest.raises(AdaptError, match="larger than"):
        read_mllr(path)


# ---------------------------------------------------------------- real enrolment
@pytest.fixture(scope="module")
def enrolled(synth, tmp_path_factory):
    """Twelve script sentences read by one eSpeak voice, 30 dB noise, and what was learnt."""
    from simulator.listen.enrolment import Reading, enrolment_script, learn, prepared

    voice = VoiceProfile(variant="m1", rate=150)
    readings = [
        Reading(str(n), prepared(with_noise(synth.synthesize(text, voice), 30, seed=n)), text)
        for n, text in enumerate(enrolment_script()[:12])
    ]
    result = learn(readings)
    path = tmp_path_factory.mktemp("mllr") / "voice.mllr"
    write_mllr(result.mllr, path)
    return readings, result, path


@pytest.mark.audio
def test_enrolment_aligns_every_sentence_and_learns_a_transform(enrolled):
    readings, result, _ = enrolled
    assert result.aligned == len(readings)
    assert not result.skipped
    assert result.seconds > 30
    assert result.mllr is not None
    assert result.mllr.distance() > 0.5
    assert result.means is not None
    assert result.means.shape == (42, 3, 128, DIM)


@pytest.mark.audio
def test_map_moves_the_visited_means_beyond_the_transform(enrolled, model):
    _, result, _ = enrolled
    moved = np.abs(result.means - model.transformed(result.mllr).means).max(axis=3)
    assert 0.05 < (moved > 0.1).mean() < 0.6  # the Gaussians the readings reached, not all
    assert moved.max() > 1.0


@pytest.mark.audio
def test_the_transform_then_the_map_means_fit_the_speaker_better(enrolled, tmp_path):
    """MLLR and MAP maximise the likelihood of the speaker's speech: the aligned scores rise."""
    from pocketsphinx import Decoder

    from simulator.listen.words import tokens

    readings, result, path = enrolled
    means = tmp_path / "voice.means"
    write_gaussians(result.means, means)
    totals = []
    for extra in ({}, {"mllr": str(path)}, {"mean": str(means)}):
        decoder = Decoder(lm=None, loglevel="FATAL", bestpath=False, **extra)
        total = 0
        for reading in readings:
            decoder.set_align_text(" ".join(tokens(reading.text)))
            decoder.start_utt()
            decoder.process_raw(reading.pcm16k, full_utt=True)
            decoder.end_utt()
            total += decoder.hyp().score
        totals.append(total)
    assert totals[0] < totals[1] < totals[2]


@pytest.mark.audio
def test_a_few_seconds_are_too_little_to_adapt_to(synth):
    from simulator.listen.enrolment import Reading, learn, prepared, save

    audio = synth.synthesize(
        "The birch canoe slid on the smooth planks.", VoiceProfile(variant="f5")
    )
    result = learn([Reading("1", prepared(audio), "The birch canoe slid on the smooth planks.")])
    assert result.aligned == 1
    assert result.mllr is None
    with pytest.raises(AdaptError, match="too little speech"):
        save(result, "unused.mllr")


@pytest.mark.audio
def test_a_reading_that_cannot_be_aligned_is_skipped(synth):
    from simulator.listen.enrolment import Reading, learn

    readings = [Reading("1", b"\0\0" * 1600, "glue the sheet to the dark blue background")]
    result = learn(readings)
    assert result.skipped == ["glue the sheet to the dark blue background"]
    assert result.aligned == 0

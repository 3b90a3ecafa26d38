"""Enrolment: the script, recordings in a folder, recording a live source, `callsim enrol`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from listen_audio import CALL_LINES, with_noise

from simulator.cli import main
from simulator.listen.adapt import AdaptError, Enrolment
from simulator.listen.enrolment import (
    ADAPTATION_FILE,
    adaptation_config,
    enrolment_script,
    forget,
    means_path,
    readings_from_folder,
    record_reading,
    save,
)
from simulator.voice.profile import VoiceProfile

ROOT = Path(__file__).resolve().parents[2]


def test_the_script_is_forty_sentences_every_word_pronounceable():
    from simulator.listen.pronounce import Lexicon
    from simulator.listen.recogniser import _model_path
    from simulator.listen.words import tokens

    script = enrolment_script()
    assert len(script) == 40
    words = {w for s in script for w in tokens(s)}
    missing = Lexicon(_model_path("en-us/cmudict-en-us.dict")).write_dict(words, "/dev/null")
    assert not missing


def test_the_script_is_not_close_to_any_benchmark_line():
    """The benchmark enrols with this script: it must not rehearse the held-out lines."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_speech

    from simulator.listen.words import tokens

    tests = [
        bench_speech._trigrams(tuple(tokens(str(i["text"])))) for i in bench_speech.load_lines(None)
    ]
    for sentence in enrolment_script():
        grams = bench_speech._trigrams(tuple(tokens(sentence)))
        worst = max(len(grams & t) / len(grams | t) for t in tests if t)
        assert worst <= 0.3, sentence


# ---------------------------------------------------------------- folders
def _wav(path: Path, seconds: float = 0.5) -> None:
    from simulator.voice.audio import Audio

    Audio(b"\0\0" * int(16000 * seconds), 16000).write_wav(path)


def test_recordings_are_matched_to_their_words(tmp_path):
    _wav(tmp_path / "02.wav")
    _wav(tmp_path / "mine.wav")
    (tmp_path / "mine.txt").write_text("Hello there.\n")
    readings = readings_from_folder(tmp_path, ["first", "second"])
    assert [(r.name, r.text) for r in readings] == [("02", "second"), ("mine", "Hello there.")]
    assert readings[0].seconds > 0.5  # padded as the recogniser pads a recording


def test_a_recording_without_words_is_an_error_naming_it(tmp_path):
    _wav(tmp_path / "07.wav")
    with pytest.raises(AdaptError, match=r"07\.wav: no 07\.txt beside it"):
        readings_from_folder(tmp_path, ["only one sentence"])


def test_an_unreadable_recording_is_an_error_naming_it(tmp_path):
    (tmp_path / "01.wav").write_bytes(b"not audio")
    with pytest.raises(AdaptError, match=r"01\.wav: cannot read it as audio"):
        readings_from_folder(tmp_path, ["a sentence"])


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(AdaptError, match="no recordings"):
        readings_from_folder(tmp_path)


# ---------------------------------------------------------------- the saved transform
def test_adaptation_config_loads_a_good_file_and_ignores_a_bad_one(tmp_path):
    from simulator.listen.adapt import DIM, Mllr, write_mllr

    assert adaptation_config(None) == ({}, None)
    assert adaptation_config(tmp_path / "none.mllr") == ({}, None)  # no enrolment yet: silent
    good = tmp_path / "good.mllr"
    write_mllr(Mllr((np.eye(DIM),) * 3, (np.zeros(DIM),) * 3), good)
    assert adaptation_config(good) == ({"mllr": str(good)}, None)
    bad = tmp_path / "bad.mllr"
    bad.write_text("1 3 13 oops")
    config, reason = adaptation_config(bad)
    assert config == {}
    assert reason is not None
    assert "bad.mllr" in reason


def test_adaptation_config_prefers_the_map_means_and_falls_back_to_the_transform(tmp_path):
    from simulator.listen.adapt import DIM, AcousticModel, Mllr, write_mllr
    from simulator.listen.recogniser import _model_path

    means = AcousticModel.load(_model_path("en-us/en-us")).means
    mllr = tmp_path / "voice.mllr"
    write_mllr(Mllr((np.eye(DIM),) * 3, (np.zeros(DIM),) * 3), mllr)
    save(Enrolment(Mllr((np.eye(DIM),) * 3, (np.zeros(DIM),) * 3), 2000, 20, means=means), mllr)
    assert means_path(mllr) == tmp_path / "voice.means"
    assert adaptation_config(mllr) == ({"mean": str(tmp_path / "voice.means")}, None)
    assert adaptation_config(tmp_path / "voice.means")[0] == {"mean": str(tmp_path / "voice.means")}

    (tmp_path / "voice.means").write_bytes(b"s3\nendhdr\n")  # damaged: the transform alone
    config, reason = adaptation_config(mllr)
    assert config == {"mllr": str(mllr)}
    assert reason is not None
    assert "voice.means" in reason
    assert "using the transform alone" in reason


def test_a_new_enrolment_without_means_removes_the_old_means(tmp_path):
    from simulator.listen.adapt import DIM, Mllr

    path = tmp_path / "voice.mllr"
    means_path(path).write_bytes(b"old")
    save(Enrolment(Mllr((np.eye(DIM),) * 3, (np.zeros(DIM),) * 3), 2000, 20), path)
    assert not means_path(path).exists()
    assert adaptation_config(path) == ({"mllr": str(path)}, None)
    assert forget(path)
    assert not path.exists()
    assert not forget(path)


# ---------------------------------------------------------------- recording
def _source(pcm: bytes):
    """A live source reading 30 ms blocks from ``pcm`` and then silence for ever."""
    block = 960
    chunks = [pcm[i : i + block] for i in range(0, len(pcm), block)]

    def read() -> bytes:
        return chunks.pop(0) if chunks else b"\0\0" * (block // 2)

    return read


@pytest.mark.audio
def test_a_reading_is_recorded_from_the_first_speech_to_the_pause(synth):
    from simulator.listen.recogniser import comfort_noise, to_16k

    speech = to_16k(with_noise(synth.synthesize("The birch canoe slid on the smooth planks.",
                                                VoiceProfile(variant="m3")), 30))  # fmt: skip
    stream = comfort_noise(b"\0\0" * 16000 + speech + b"\0\0" * 16000)
    pcm = record_reading(_source(stream))
    assert pcm is not None
    seconds = len(pcm) / 32000
    assert 0.7 * len(speech) / 32000 < seconds < len(speech) / 32000 + 0.8


def test_silence_records_nothing():
    assert record_reading(_source(b""), max_seconds=1.0) is None


# ---------------------------------------------------------------- the command
@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setattr("simulator.session.data_dir", lambda: tmp_path / "data")
    return tmp_path / "data"


def test_enrol_script_lists_the_numbered_sentences(capsys):
    assert main(["enrol", "--script"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 40
    assert out[1].startswith("02  The birch canoe")


def test_enrol_forget_removes_the_saved_adaptation(data, capsys):
    data.mkdir()
    (data / ADAPTATION_FILE).write_text("x")
    means_path(data / ADAPTATION_FILE).write_text("y")
    assert main(["enrol", "--forget"]) == 0
    assert not (data / ADAPTATION_FILE).exists()
    assert not means_path(data / ADAPTATION_FILE).exists()
    assert main(["enrol", "--forget"]) == 0
    assert "no adaptation saved" in capsys.readouterr().out


def test_enrol_without_a_microphone_says_how_to_use_recordings(data, monkeypatch, capsys):
    from simulator.listen import listeners

    def unavailable(*_a, **_k):
        raise listeners.ListenerUnavailable("no microphone input (PyAudio not installed)")

    monkeypatch.setattr(listeners, "MicrophoneListener", unavailable)
    assert main(["enrol"]) == 2
    err = capsys.readouterr().err
    assert "cannot record: no microphone input" in err
    assert "--recordings DIR" in err


def test_enrol_with_too_little_speech_saves_nothing(data, tmp_path, capsys):
    folder = tmp_path / "rec"
    folder.mkdir()
    _wav(folder / "01.wav", 1.0)
    assert main(["enrol", "--recordings", str(folder)]) == 2
    assert "too little speech" in capsys.readouterr().err
    assert not (data / ADAPTATION_FILE).exists()


@pytest.fixture(scope="module")
def recordings(synth, tmp_path_factory):
    folder = tmp_path_factory.mktemp("readings")
    voice = VoiceProfile(variant="f2", rate=165)
    for n, text in enumerate(enrolment_script()[:8], start=1):
        with_noise(synth.synthesize(text, voice), 30, seed=n).write_wav(folder / f"{n:02d}.wav")
    return folder


@pytest.mark.audio
def test_enrol_from_recordings_saves_where_calls_load_it(data, recordings, capsys):
    assert main(["enrol", "--recordings", str(recordings), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["aligned"] == 8
    assert report["skipped"] == []
    assert report["saved"] == str(data / ADAPTATION_FILE)
    means = means_path(data / ADAPTATION_FILE)
    assert adaptation_config(data / ADAPTATION_FILE) == ({"mean": str(means)}, None)
    from simulator.listen.saved_mean import load_mean

    mean = load_mean(data / "voice-mean.json")  # the readings' mean primes the next session
    assert mean is not None
    assert 40 < float(mean.split(",")[0]) < 80


@pytest.mark.audio
def test_enrol_at_the_microphone_keeps_each_reading(data, recordings, monkeypatch, capsys):
    """A fake microphone plays the recordings with pauses; readings land in the data folder."""
    from simulator.listen import listeners
    from simulator.listen.recogniser import comfort_noise, to_16k
    from simulator.voice.audio import read_wav

    gap = b"\0\0" * 16000
    stream = b"".join(gap + to_16k(read_wav(p)) for p in sorted(recordings.glob("*.wav"))) + gap

    class FakeMic:
        def __init__(self, *_a, **_k):
            self.read = _source(comfort_noise(stream))

        def close(self):
            pass

    monkeypatch.setattr(listeners, "MicrophoneListener", FakeMic)
    assert main(["enrol", "--sentences", "8"]) == 0
    out = capsys.readouterr().out
    assert "[8/8]" in out
    assert "learnt from 8 of 8 sentences" in out
    kept = sorted(p.name for p in (data / "enrolment").iterdir())
    assert kept[:2] == ["01.txt", "01.wav"]
    assert len(kept) == 16
    assert (data / ADAPTATION_FILE).exists()


@pytest.mark.audio
def test_transcribe_adapt_uses_a_transform_and_refuses_a_bad_one(
    data, recordings, tmp_path, capsys
):
    wav = recordings / "03.wav"
    assert main(["transcribe", str(wav), "--adapt"]) == 2
    assert "make one with callsim enrol" in capsys.readouterr().err
    assert main(["enrol", "--recordings", str(recordings)]) == 0
    capsys.readouterr()
    assert main(["transcribe", str(wav), "--adapt"]) == 0
    assert "hold" in capsys.readouterr().out
    bad = tmp_path / "bad.mllr"
    bad.write_text("nonsense")
    assert main(["transcribe", str(wav), "--adapt", str(bad)]) == 2
    assert "cannot use the voice adaptation: " in capsys.readouterr().err


def test_push_to_talk_recognisers_load_the_saved_adaptation(monkeypatch, tmp_path):
    from simulator.listen import listeners
    from simulator.listen.adapt import DIM, Mllr, write_mllr

    monkeypatch.setattr(
        listeners, "open_capture", lambda _d=None: (lambda: b"\0" * 960, lambda: None)
    )
    built: list[dict] = []
    monkeypatch.setattr(
        listeners, "_recogniser_for_scenario", lambda _s, **config: built.append(config)
    )
    good = tmp_path / "voice.mllr"
    write_mllr(Mllr((np.eye(DIM),) * 3, (np.zeros(DIM),) * 3), good)
    factory, _ = listeners.push_to_talk_factory(adaptation=good)
    factory(lambda: False, None).wait_ready()
    assert built == [{"mllr": str(good)}]

    bad = tmp_path / "bad.mllr"
    bad.write_text("not a transform")
    with pytest.warns(UserWarning, match="voice adaptation ignored: .*bad.mllr"):
        factory, _ = listeners.push_to_talk_factory(adaptation=bad)
    factory(lambda: False, None).wait_ready()
    assert built[-1] == {}  # the unadapted recogniser, not a broken one


# ---------------------------------------------------------------- in-session adaptation
def test_a_session_keeps_caught_turns_and_is_due_after_enough_new_speech():
    from simulator.listen.enrolment import SessionAdapter

    adapter = SessionAdapter(min_new_seconds=3.0, keep_seconds=5.0)
    adapter.add(b"\0\0" * 16000, "")  # nothing understood: nothing learnt from it
    assert adapter.readings == []
    for n in range(4):
        adapter.add(b"\1\0" * 16000, f"turn {n}")  # 1 s of audio, 1.5 s with its pads
    assert adapter.due
    assert [r.text for r in adapter.readings] == ["turn 1", "turn 2", "turn 3"]  # newest 5 s
    assert adapter.config() == {}  # nothing learnt yet


@pytest.fixture(scope="module")
def spoken_turns(synth):
    from simulator.listen.recogniser import to_16k

    voice = VoiceProfile(variant="m3", rate=170)
    return [
        (to_16k(with_noise(synth.synthesize(t, voice), 30, seed=n)), t)
        for n, t in enumerate(CALL_LINES)
    ]


@pytest.mark.audio
def test_a_session_learns_from_its_turns_in_another_process(spoken_turns):
    from simulator.listen.adapt import read_adapted_means, read_mllr
    from simulator.listen.enrolment import SessionAdapter

    adapter = SessionAdapter(min_new_seconds=10.0)
    for pcm, text in spoken_turns:
        adapter.add(pcm, text)
    assert adapter.learn_if_due()  # in the background, in a spawned process
    assert not adapter.learn_if_due()  # not due again until more speech comes
    adapter.wait(120)
    config = adapter.config()
    assert set(config) == {"mean"}  # the transform, then MAP means on top of it
    assert read_adapted_means(config["mean"]).shape == (42, 3, 128, 13)
    assert read_mllr(config["mean"].replace(".means", ".mllr")).distance() > 0.5
    assert adapter.learnt is not None
    assert adapter.learnt.aligned == len(spoken_turns)


ADDED: list[tuple[bytes, str]] = []


class _FakeAdapter:
    made: list[_FakeAdapter] = []

    def __init__(self):
        self.learnt = False
        self.british = False
        _FakeAdapter.made.append(self)

    def add(self, pcm, text):
        ADDED.append((pcm, text))

    def learn_if_due(self):
        self.learnt = bool(ADDED)
        return self.learnt

    def wait(self, timeout=None):
        pass

    def config(self):
        return {"mllr": "session.mllr"} if self.learnt else {}


class _FakeRecogniser:
    def __init__(self, config):
        self.config, self.cmn, self.accent_evidence = config, "50,1", (0, 0)
        self.accent = "uk"  # heard as British
        self.last_pcm = b""

    def start(self):
        pass

    def feed(self, pcm):
        self.last_pcm += pcm

    def finish(self):
        from simulator.listen.recogniser import Recognition

        return Recognition("may i place you on hold", 0.01, 0.1)


def test_push_to_talk_adapts_from_caught_turns_and_swaps_between_turns(monkeypatch):
    """Without an enrolment the session learns from caught turns; the next call swaps it in."""
    from simulator.listen import enrolment, listeners

    monkeypatch.setattr(
        listeners, "open_capture", lambda _d=None: (lambda: b"\0" * 960, lambda: None)
    )
    ADDED.clear()
    added = ADDED

    built: list[_FakeRecogniser] = []

    def build(_scenario, **config):
        built.append(_FakeRecogniser(config))
        return built[-1]

    monkeypatch.setattr(enrolment, "SessionAdapter", _FakeAdapter)
    monkeypatch.setattr(listeners, "_recogniser_for_scenario", build)
    # (loading the grader's act recogniser takes seconds on a busy machine, and the first
    # call's worker would then learn only after that call's turn: one build too many)
    monkeypatch.setattr(listeners, "warm_acts", lambda: None)
    factory, _ = listeners.push_to_talk_factory()
    held = iter([False, True, True, False] * 4)
    first = factory(lambda: next(held), None)
    first.wait_ready()
    heard = first.listen()
    assert heard is not None
    assert heard.acts
    assert added
    assert added[0][1] == "may i place you on hold"
    assert added[0][0]
    assert _FakeAdapter.made[-1].british  # a British trainee's turns align with British variants
    second = factory(lambda: next(held), None)  # the next call: learns, then swaps in
    second.wait_ready()
    for _ in range(50):
        if len(built) == 3:
            break
        time.sleep(0.05)
    assert [r.config for r in built] == [{}, {}, {"mllr": "session.mllr"}]
    second.listen()
    assert second.recogniser is built[2]


@pytest.mark.audio
def test_a_british_session_aligns_with_the_british_variants(monkeypatch):
    """`learn(british=True)` lets the alignment choose a word's British variant; by default
    the speech is held to CMUdict's American pronunciations."""
    from simulator.listen import enrolment

    seen: list[str] = []

    def enrol(pairs, dictionary, **_options):
        list(pairs)
        seen.append(Path(dictionary).read_text(encoding="utf-8"))
        return Enrolment(None, 0, 0)

    monkeypatch.setattr(enrolment, "enrol", enrol)
    readings = [enrolment.Reading("1", b"\0\0" * 1600, "please hold the order")]
    enrolment.learn(readings)
    enrolment.learn(readings, british=True)
    american, british = seen
    assert "order AO R D ER" in american
    assert "order(2)" not in american
    assert "order(2) AO D AH" in british  # no r: as a British speaker says it
    assert "hold(2) HH AH UW L D" in british  # RP's GOAT vowel, as the recogniser has it

"""A new trainee's first turn heard twice while it is spoken (`second_opinion`): the twin
decoder follows the turn's running mean, and the better hearing is taken."""

from __future__ import annotations

import pytest

from simulator.listen.early_mean import cmn_distance, cmn_text
from simulator.listen.second_opinion import BLOCK_BYTES, Hearing, Twin, choose


def test_the_hearing_whose_best_words_do_an_act_is_taken():
    acts = Hearing("may i place you on hold", (), -9000, True)
    none = Hearing("made i place you on hold", (), -100, False)
    assert choose(acts, none) is acts
    assert choose(none, acts) is acts


def test_between_two_alike_hearings_the_better_path_score_wins_and_ties_go_first():
    a = Hearing("thank you for holding", (), -5000, True)
    b = Hearing("thank you for folding", (), -4000, True)
    assert choose(a, b) is b
    assert choose(b, a) is b
    same = Hearing("thanks for holding", (), -5000, True)
    assert choose(a, same) is a
    assert choose(Hearing("", (), 0, False), Hearing("um", (), -1, False)).text == ""


class _Decoder:
    def __init__(self) -> None:
        self.log: list[tuple[str, object]] = []

    def set_cmn(self, value: str) -> None:
        self.log.append(("mean", value))

    def start_utt(self) -> None:
        self.log.append(("start", None))

    def process_raw(self, pcm: bytes, no_search: bool = False, full_utt: bool = False) -> None:
        self.log.append(("feed", len(pcm)))

    def end_utt(self) -> None:
        self.log.append(("end", None))


class _Probe:
    """The mean is the number of blocks measured so far (so each move is visible)."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def add(self, pcm: bytes) -> None:
        self.sizes.append(len(pcm))

    @property
    def mean(self) -> list[float] | None:
        return [float(len(self.sizes))] if self.sizes else None


def _twin() -> Twin:
    twin = Twin.__new__(Twin)
    twin.decoder, twin._probe, twin._pending, twin.started = _Decoder(), None, b"", False
    return twin


def _hear(twin: Twin, seconds: float, block: int) -> _Probe:
    probe = _Probe()
    probe.add(b"\0" * 32000)  # the recogniser measured the first second
    pcm = b"\1\0" * int(16000 * seconds)
    twin.start(pcm[:32000], probe)  # type: ignore[arg-type]
    rest = pcm[32000:]
    for i in range(0, len(rest), block):
        twin.feed(rest[i : i + block])
    twin.finish()
    return probe


def test_the_twin_moves_its_mean_every_half_second_to_the_turn_so_far():
    twin = _twin()
    probe = _hear(twin, 2.3, 960)
    log = twin.decoder.log
    assert log[:3] == [("mean", cmn_text([1.0])), ("start", None), ("feed", 32000)]
    assert probe.sizes[1:] == [
        BLOCK_BYTES,
        BLOCK_BYTES,
        2 * int(16000 * 2.3) - 32000 - 2 * BLOCK_BYTES,
    ]
    means = [v for k, v in log if k == "mean"]
    assert means == [cmn_text([float(n)]) for n in (1, 2, 3, 4)]  # each block, measured first
    assert log[-1] == ("end", None)
    assert not twin.started


def test_a_recording_is_heard_by_the_twin_as_a_stream_is():
    streamed, whole = _twin(), _twin()
    _hear(streamed, 3.7, 960)
    _hear(whole, 3.7, 10**7)
    assert streamed.decoder.log == whole.decoder.log


@pytest.mark.audio
def test_a_fresh_recogniser_hears_its_first_turn_twice_at_once_and_then_once(synth):
    from simulator.listen.recogniser import build_domain_recogniser, padded, to_16k
    from simulator.voice.profile import VoiceProfile

    audio = synth.synthesize(
        "Thank you so much for holding, I appreciate your patience.", VoiceProfile(variant="m3")
    )
    rec = build_domain_recogniser(second_opinion=True)
    twin = rec._twin
    assert twin is not None
    first = rec.recognise(audio)
    assert first.passes == 1
    assert "holding" in first.text
    assert rec._twin is None  # the mean is learnt: later turns are heard once
    # the twin's last blocks were normalised with (nearly) the whole turn's own mean
    from simulator.listen.early_mean import MeanProbe
    from simulator.listen.recogniser import _model_path

    whole = MeanProbe(_model_path("en-us/en-us"))
    whole.add(padded(to_16k(audio)))
    assert whole.mean is not None
    assert cmn_distance(str(twin.decoder.get_cmn()), whole.mean) < 4.0
    assert rec.recognise(audio).passes == 1


@pytest.mark.audio
def test_without_a_second_opinion_the_twin_hears_nothing(synth):
    from simulator.listen.recogniser import build_domain_recogniser
    from simulator.voice.profile import VoiceProfile

    audio = synth.synthesize("Thanks for holding.", VoiceProfile(variant="f2"))
    rec = build_domain_recogniser(second_opinion=True)
    rec.second_opinion = False
    twin = rec._twin
    assert twin is not None
    assert rec.recognise(audio).text
    assert twin._probe is None  # never started
    unbuilt = build_domain_recogniser()  # the default, and `callsim transcribe`
    assert unbuilt._twin is None
    assert not unbuilt.second_opinion
    assert unbuilt.recognise(audio).text

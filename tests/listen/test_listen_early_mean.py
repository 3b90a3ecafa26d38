"""A new trainee's first turn decoded with its own cepstral mean as it is spoken
(`SphinxRecogniser._feed_early`, `early_mean.MeanProbe`)."""

from __future__ import annotations

import pytest

from simulator.listen import recogniser as recogniser_module
from simulator.listen.early_mean import cmn_distance, cmn_text
from simulator.listen.recogniser import RATE, Recognition, SphinxRecogniser

BLOCK = RATE  # 0.5 s


class _Decoder:
    """A PocketSphinx stand-in that logs how it is driven: utterances and what each was fed."""

    def __init__(self, hyp: str | None = "thank you for holding") -> None:
        self.text = hyp
        self.mean = "40,3,-1"
        self.log: list[tuple[str, object]] = []

    def start_utt(self) -> None:
        self.log.append(("start", self.mean))

    def process_raw(self, pcm: bytes, no_search: bool = False, full_utt: bool = False) -> None:
        self.log.append(("whole" if full_utt else "feed", len(pcm)))

    def end_utt(self) -> None:
        self.log.append(("end", None))

    def get_cmn(self, update: bool = False) -> str:
        return self.mean

    def set_cmn(self, value: str) -> None:
        self.mean = value

    def hyp(self):
        return None if self.text is None else type("Hyp", (), {"hypstr": self.text, "score": 0})()

    def nbest(self):
        return iter(())

    def seg(self):
        return iter(())


class _Probe:
    """`MeanProbe` stand-in: the mean after each block is scripted; logs the blocks' sizes."""

    def __init__(self, means: list[list[float]]) -> None:
        self.means, self.blocks = means, 0
        self.sizes: list[int] = []

    def reset(self) -> None:
        self.blocks = 0

    def add(self, pcm: bytes) -> None:
        self.sizes.append(len(pcm))
        if pcm and self.means:
            self.blocks += 1

    @property
    def mean(self) -> list[float] | None:
        return self.means[min(self.blocks, len(self.means)) - 1] if self.blocks else None


def _recogniser(decoder: _Decoder, probe: _Probe) -> SphinxRecogniser:
    rec = SphinxRecogniser.__new__(SphinxRecogniser)
    rec.decoder, rec.redecode_shift, rec.alternatives = decoder, 8.0, 5
    rec.whole_first_turn, rec._primed, rec._learnt = False, False, False
    rec.early_mean, rec._probe = True, probe  # type: ignore[assignment]
    rec._pcm, rec._busy = [], 0.0
    rec.british_variant, rec.dictionaries, rec.accent_evidence = {}, {}, (0, 0)
    rec._british_loaded = True
    return rec


def _turn(rec: SphinxRecogniser, seconds: float, block: int | None = 960) -> Recognition:
    pcm = b"\1\0" * int(RATE * seconds)
    rec.start()
    step = block or len(pcm)
    for i in range(0, len(pcm), step):
        rec.feed(pcm[i : i + step])
    return rec.finish()


MEAN = [[60.0, 1.0, -3.0]]


def _kinds(decoder: _Decoder) -> list[str]:
    return [kind for kind, _ in decoder.log]


def test_a_first_turn_is_decoded_as_it_comes_with_its_first_seconds_mean():
    decoder = _Decoder("thank you for holding")
    probe = _Probe(MEAN)
    result = _turn(_recogniser(decoder, probe), 3.0)
    assert result.passes == 1  # it does an act: no second pass
    assert result.text == "thank you for holding"
    assert probe.sizes == [recogniser_module.EARLY_BYTES]  # the first second only
    assert decoder.log[0] == ("start", cmn_text(MEAN[0]))  # not the built-in 40,3,-1
    kind, size = decoder.log[1]  # the turn so far, then as it comes
    assert kind == "feed"
    assert isinstance(size, int)
    assert recogniser_module.EARLY_BYTES <= size < recogniser_module.EARLY_BYTES + 960
    assert "whole" not in _kinds(decoder)
    assert sum(n for kind, n in decoder.log if kind == "feed") == 2 * RATE * 3  # type: ignore[misc]


def test_a_first_turn_that_does_no_act_is_decoded_again_whole():
    decoder = _Decoder("the purple cable is under the desk")
    result = _turn(_recogniser(decoder, _Probe(MEAN)), 2.5)
    assert result.passes == 2
    assert _kinds(decoder)[-3:] == ["start", "whole", "end"]
    assert decoder.log[-2] == ("whole", 2 * int(RATE * 2.5))


def test_a_first_turn_whose_act_is_only_in_an_alternative_is_decoded_again():
    decoder = _Decoder("let i place you on a brief hold")
    decoder.nbest = lambda: iter(  # type: ignore[method-assign]
        [type("Hyp", (), {"hypstr": t})() for t in ("let i place you on a brief hold",
                                                      "may i place you on a brief hold")]
    )  # fmt: skip
    assert _turn(_recogniser(decoder, _Probe(MEAN)), 2.0).passes == 2


def test_a_lost_lattice_on_a_first_turn_is_decoded_again():
    decoder = _Decoder(hyp=None)
    assert _turn(_recogniser(decoder, _Probe(MEAN)), 2.0).passes == 2
    assert "whole" in _kinds(decoder)


def test_one_whole_recording_is_decoded_as_a_microphone_stream_is():
    streamed, whole = _Decoder(), _Decoder()
    _turn(_recogniser(streamed, _Probe(MEAN)), 4.2, block=960)
    _turn(_recogniser(whole, _Probe(MEAN)), 4.2, block=None)
    assert _kinds(streamed)[0] == _kinds(whole)[0] == "start"
    assert streamed.log[0] == whole.log[0]
    fed = [sum(n for k, n in d.log if k == "feed") for d in (streamed, whole)]  # type: ignore[misc]
    assert fed[0] == fed[1] == 2 * int(RATE * 4.2)


def test_a_turn_shorter_than_a_second_is_decoded_at_its_end_with_its_mean():
    decoder = _Decoder()
    probe = _Probe(MEAN)
    result = _turn(_recogniser(decoder, probe), 0.6)
    assert result.passes == 1
    assert probe.sizes == [2 * int(RATE * 0.6)]
    assert decoder.log[:2] == [("start", cmn_text(MEAN[0])), ("feed", 2 * int(RATE * 0.6))]


def test_a_turn_with_no_audio_is_not_measured_nor_decoded_again():
    decoder = _Decoder(hyp=None)
    rec = _recogniser(decoder, probe := _Probe(MEAN))
    rec.start()
    assert rec.finish().passes == 1
    assert probe.sizes == []
    assert _kinds(decoder) == ["start", "end"]


def test_without_a_whole_frame_the_mean_it_has_is_kept():
    decoder = _Decoder()
    _turn(_recogniser(decoder, _Probe([])), 0.01)
    assert decoder.log[0] == ("start", "40,3,-1")


def test_later_primed_and_opted_out_turns_do_not_measure_the_mean():
    for setting in ("_learnt", "_primed"):
        rec = _recogniser(_Decoder(), probe := _Probe(MEAN))
        setattr(rec, setting, True)
        assert _turn(rec, 2.0).passes == 1
        assert rec.decoder.log[0] == ("start", "40,3,-1")  # streamed from the mean it has
        assert probe.sizes == []
    rec = _recogniser(_Decoder("okay"), probe := _Probe(MEAN))
    rec.early_mean = False
    _turn(rec, 2.0)
    assert probe.sizes == []


def test_cmn_distance_and_text():
    assert cmn_distance("40,3,-1", [43.0, 7.0, -1.0]) == pytest.approx(5.0)
    assert cmn_text([60.0, -1.25]) == "60.0000,-1.2500"


@pytest.mark.audio
def test_the_probe_measures_the_mean_a_whole_turn_decode_uses(synth):
    from simulator.listen.early_mean import MeanProbe
    from simulator.listen.recogniser import _model_path, build_domain_recogniser, padded, to_16k
    from simulator.voice.profile import VoiceProfile

    pcm = padded(to_16k(synth.synthesize("Thank you for holding.", VoiceProfile(variant="m3"))))
    probe = MeanProbe(_model_path("en-us/en-us"))
    for i in range(0, len(pcm), BLOCK):
        probe.add(pcm[i : i + BLOCK])
    rec = build_domain_recogniser()
    rec._decode_whole(pcm)  # a fresh decoder's whole-turn pass: PocketSphinx's batch mean
    assert probe.mean is not None
    assert cmn_distance(probe.mean, rec.cmn) < 3.0  # block edges cost a little
    assert probe.frames > 0


@pytest.mark.audio
def test_a_fresh_recogniser_hears_its_first_turn_in_one_pass(synth):
    from simulator.listen.recogniser import build_domain_recogniser
    from simulator.voice.profile import VoiceProfile

    audio = synth.synthesize(
        "Thank you so much for holding, I appreciate your patience.", VoiceProfile(variant="m3")
    )
    rec = build_domain_recogniser()
    start = rec.cmn
    first = rec.recognise(audio)
    assert first.passes == 1
    assert "holding" in first.text
    assert cmn_distance(start, rec.cmn) > 8.0  # it learnt this voice's mean
    assert rec.recognise(audio).passes == 1

"""The recogniser's second pass (cepstral mean), its N-best alternatives, and what the
listeners act on."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.listen import listeners
from simulator.listen.listeners import understood
from simulator.listen.recogniser import Recognition, _cmn_shift
from simulator.voice.audio import Audio
from simulator.voice.profile import VoiceProfile

LINE = "Thank you so much for holding, I appreciate your patience."


def test_the_best_hypothesis_is_kept_when_it_does_an_act():
    result = Recognition(
        "may i place you on a brief hold", 0.1, 2.0, ("let i place you on a brief hold",)
    )
    text, acts = understood(result)
    assert text == "may i place you on a brief hold"
    assert "ask_hold" in acts


def test_an_alternative_that_does_an_act_replaces_a_best_hypothesis_that_does_none():
    result = Recognition(
        "let i place you on a brief hold",
        0.1,
        2.0,
        ("let i place you on a brief whole", "may i place you on a brief hold"),
    )
    text, acts = understood(result)
    assert text == "may i place you on a brief hold"  # the engine grades this text
    assert acts == listeners.acts_of(text)
    assert "ask_hold" in acts


def test_without_an_act_anywhere_the_best_hypothesis_stands():
    result = Recognition("the purple cable is under the desk", 0.1, 2.0,
                         ("the purple cable is under the dusk",))  # fmt: skip
    assert understood(result) == ("the purple cable is under the desk", frozenset())
    assert understood(Recognition("", 0.0, 0.0)) == ("", frozenset())


def test_cepstral_mean_shift_is_a_euclidean_distance():
    assert _cmn_shift("40,3,-1", "40,3,-1") == 0.0
    assert _cmn_shift("40,3,-1", "43,7,-1") == pytest.approx(5.0)


@pytest.mark.audio
def test_a_fresh_recogniser_decodes_its_first_turn_again_and_later_turns_once(synth):
    from simulator.listen.recogniser import build_domain_recogniser

    audio = synth.synthesize(LINE, VoiceProfile(variant="m3"))
    rec = build_domain_recogniser()
    rec.early_mean = False  # decoded again at its end (the early mean: test_listen_early_mean)
    start = rec.cmn
    first = rec.recognise(audio)
    assert first.passes == 2  # the built-in starting mean is far from this voice's
    assert _cmn_shift(start, rec.cmn) > rec.redecode_shift
    again = rec.recognise(audio)
    assert again.passes == 1  # later turns start from the mean the first one taught

    louder = rec.recognise(Audio(np.clip(np.frombuffer(audio.pcm, "<i2") * 3.0, -32768, 32767)
                                 .astype("<i2").tobytes(), audio.rate))  # fmt: skip
    assert louder.passes == 1  # only a recogniser's first turn is decoded twice

    fresh = build_domain_recogniser()
    fresh.cmn = rec.cmn  # a new call, the mean carried over: no second pass
    assert fresh.recognise(audio).passes == 1

    single = build_domain_recogniser(redecode_shift=None)
    assert single.recognise(audio).passes == 1

    whole = build_domain_recogniser()  # as `callsim transcribe`: a first turn decoded once, whole
    whole.whole_first_turn = True
    start = whole.cmn
    assert whole.recognise(audio).passes == 1
    assert _cmn_shift(start, whole.cmn) > whole.redecode_shift  # with the turn's own mean
    assert whole.recognise(audio).passes == 1


@pytest.mark.audio
def test_recognition_lists_distinct_alternatives(synth, recogniser):
    result = recogniser.recognise(synth.synthesize(LINE, VoiceProfile(variant="f5")))
    assert result.text
    assert result.text not in result.alternatives
    assert len(set(result.alternatives)) == len(result.alternatives) <= recogniser.alternatives


class _FakeRecogniser:
    """Stands in for SphinxRecogniser at the seam: records the mean it was given."""

    def __init__(self) -> None:
        self.cmn = "40,3,-1"
        self.accent_evidence = (0, 0)

    def start(self) -> None:
        pass

    def feed(self, pcm: bytes) -> None:
        pass

    def finish(self) -> Recognition:
        self.cmn = "52,1,-3"  # what a turn teaches the decoder
        self.accent_evidence = (9, 6)  # and what it heard of the accent
        return Recognition("thank you for holding", 0.01, 1.0)


def test_each_call_starts_from_the_mean_the_previous_call_learnt(monkeypatch):
    blocks = {"n": 0}

    def read() -> bytes:
        blocks["n"] += 1
        return b"\0" * 960

    monkeypatch.setattr(listeners, "open_capture", lambda _d=None: (read, lambda: None))
    built: list[_FakeRecogniser] = []

    def recogniser_for(_scenario):
        built.append(_FakeRecogniser())
        return built[-1]

    factory, _reason = listeners.push_to_talk_factory(recogniser_for)
    assert factory is not None
    first = factory(lambda: blocks["n"] < 3, None)
    heard = first.listen()
    assert heard is not None
    assert heard.acts == listeners.acts_of("thank you for holding")
    second = factory(lambda: blocks["n"] < 6, None)
    second.wait_ready()
    assert built[0] is not built[1]
    assert second.recogniser.cmn == "52,1,-3"
    assert second.recogniser.accent_evidence == (9, 6)


class _FakeDecoder:
    """A PocketSphinx decoder stand-in: scripted hypotheses, a log of how it was driven."""

    def __init__(self, hyps: list[str | None], cmn: list[str]) -> None:
        self.hyps, self.means = hyps, cmn
        self.mean = "40,3,-1"
        self.passes: list[bool] = []  # full_utt of each pass
        self.set_to: list[str] = []

    def start_utt(self) -> None:
        pass

    def process_raw(self, pcm: bytes, no_search: bool = False, full_utt: bool = False) -> None:
        self.passes.append(full_utt)

    def end_utt(self) -> None:
        pass

    def get_cmn(self, update: bool = False) -> str:
        if update:
            self.mean = self.means[min(len(self.passes), len(self.means)) - 1]
        return self.mean

    def set_cmn(self, value: str) -> None:
        self.set_to.append(value)
        self.mean = value

    def hyp(self):
        text = self.hyps[min(len(self.passes), len(self.hyps)) - 1]
        return None if text is None else type("Hyp", (), {"hypstr": text})()

    def nbest(self):
        return iter(())

    def seg(self):
        return iter(())


def _driven(
    decoder: _FakeDecoder, learnt: bool, seconds: float = 2.0, whole: bool = False
) -> Recognition:
    from simulator.listen.recogniser import SphinxRecogniser

    rec = SphinxRecogniser.__new__(SphinxRecogniser)
    rec.decoder, rec.redecode_shift, rec.alternatives = decoder, 8.0, 5
    rec.whole_first_turn, rec._primed = whole, False
    rec.early_mean = (
        False  # the turn decoded again at its end (early means: test_listen_early_mean)
    )
    rec._pcm, rec._busy, rec._learnt = [], 0.0, learnt
    rec.british_variant, rec.dictionaries, rec.accent_evidence = {}, {}, (0, 0)
    rec._british_loaded = True
    rec._cmn_at_start = "40,3,-1"
    rec.start()
    rec.feed(b"\0\0" * int(16000 * seconds))
    return rec.finish()


def test_a_first_turn_is_decoded_again_with_its_own_batch_mean():
    decoder = _FakeDecoder(
        ["thank you for hold in", "thank you for holding"], ["51,2,-3", "62,3,-5"]
    )
    result = _driven(decoder, learnt=False)
    assert decoder.passes == [False, True]  # live, then the whole turn with its own mean
    assert result.passes == 2
    assert result.text == "thank you for holding"
    assert decoder.mean == "62,3,-5"  # the turn's own mean is what the next turn starts from


def test_a_first_turn_is_decoded_once_whole_with_its_own_mean():
    decoder = _FakeDecoder(["thank you for holding"], ["62,3,-5"])
    result = _driven(decoder, learnt=False, whole=True)
    assert decoder.passes == [True]  # no live pass: the whole turn, its own mean
    assert result.passes == 1
    assert result.text == "thank you for holding"
    assert decoder.mean == "62,3,-5"
    later = _FakeDecoder(["sure"], ["60,3,-5"])
    _driven(later, learnt=True, whole=True)
    assert later.passes == [False]  # later turns stream from the learnt mean, as live


def test_a_lost_lattice_is_decoded_again_and_the_learnt_mean_kept():
    decoder = _FakeDecoder([None, "thank you for holding"], ["61,3,-5", "58,1,-2"])
    result = _driven(decoder, learnt=True)
    assert decoder.passes == [False, True]
    assert result.text == "thank you for holding"
    assert result.passes == 2
    assert decoder.mean == "61,3,-5"  # the running mean, not this one turn's


def test_a_short_noise_that_decodes_to_nothing_is_not_decoded_again():
    decoder = _FakeDecoder([None], ["61,3,-5"])
    result = _driven(decoder, learnt=True, seconds=0.3)
    assert decoder.passes == [False]
    assert result.text == ""
    assert result.passes == 1


def test_a_saved_mean_primes_the_next_session_and_each_turn_saves_it(monkeypatch, tmp_path):
    from simulator.listen.saved_mean import load_mean, save_mean

    blocks = {"n": 0}

    def read() -> bytes:
        blocks["n"] += 1
        return b"\0" * 960

    monkeypatch.setattr(listeners, "open_capture", lambda _d=None: (read, lambda: None))
    mean_file = tmp_path / "voice-mean.json"
    assert save_mean(mean_file, "55,-2,1,0,0,0,0,0,0,0,0,0,0")
    primed: list[str] = []

    class _Primed(_FakeRecogniser):
        def prime(self, value: str) -> None:
            primed.append(value)

        def finish(self) -> Recognition:
            result = super().finish()
            self.cmn = "58,-4,2,1,0,0,0,0,0,0,0,0,0"
            return result

    factory, _reason = listeners.push_to_talk_factory(lambda _s: _Primed(), mean_file=mean_file)
    assert factory is not None
    first = factory(lambda: blocks["n"] < 3, None)
    first.wait_ready()
    assert primed == ["55,-2,1,0,0,0,0,0,0,0,0,0,0"]  # not trusted as learnt: see `prime`
    assert first.listen() is not None
    assert load_mean(mean_file) == "58,-4,2,1,0,0,0,0,0,0,0,0,0"
    second = factory(lambda: blocks["n"] < 6, None)
    second.wait_ready()
    assert primed == ["55,-2,1,0,0,0,0,0,0,0,0,0,0"]  # in session, the learnt mean is handed over
    assert second.recogniser.cmn == "58,-4,2,1,0,0,0,0,0,0,0,0,0"


@pytest.mark.parametrize(
    "content",
    ["", "not json", "[1, 2]", '{"cmn": "1,2,3"}', '{"cmn": "nan,0,0,0,0,0,0,0,0,0,0,0,0"}',
     '{"cmn": 5}', '{"cmn": "' + "1," * 5000 + '"}'],
)  # fmt: skip
def test_a_bad_saved_mean_is_ignored(tmp_path, content):
    from simulator.listen.saved_mean import load_mean

    path = tmp_path / "voice-mean.json"
    path.write_text(content, encoding="utf-8")
    assert load_mean(path) is None
    assert load_mean(tmp_path / "missing.json") is None


def test_a_mean_that_cannot_be_saved_is_not_an_error(tmp_path):
    from simulator.listen.saved_mean import save_mean

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert not save_mean(blocker / "voice-mean.json", "55,-2,1,0,0,0,0,0,0,0,0,0,0")
    assert not save_mean(tmp_path / "m.json", "55,-2")  # not a mean at all
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.audio
def test_a_primed_recogniser_decodes_once_for_its_voice_and_twice_for_another(synth):
    from simulator.listen.recogniser import build_domain_recogniser

    audio = synth.synthesize(LINE, VoiceProfile(variant="m3"))
    teacher = build_domain_recogniser()
    teacher.recognise(audio)
    teacher.recognise(audio)
    same = build_domain_recogniser()
    same.prime(teacher.cmn)
    assert same.recognise(audio).passes == 1  # the saved mean fits: no second pass
    other = build_domain_recogniser()
    other.prime("20,8,4,0,0,0,0,0,0,0,0,0,0")  # far from this voice's
    assert other.recognise(audio).passes == 2

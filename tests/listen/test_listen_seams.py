"""The window's listener seam and the Scenario-model reader."""

from dataclasses import dataclass, field

import pytest

from simulator.listen import listeners
from simulator.listen.capture import CaptureUnavailable
from simulator.listen.domain import terms_from_model
from simulator.voice.profile import VoiceProfile


@dataclass
class Contact:
    ext: str
    name: str
    dept: str = ""


@dataclass
class Mistake:
    agent: str


@dataclass
class Step:
    agent: str
    mistakes: tuple = ()


@dataclass
class Caller:
    name: str = "Patricia Owens"
    title: str = "Ms."
    phone: str = "330-555-0116"
    id_number: str = "6177023"


@dataclass
class Scenario:
    brand: str = "CAM Credit Union"
    agent: str = "Dwayne"
    caller: Caller = field(default_factory=Caller)
    ticket_id: str = "CU-40922"
    correct_number: str = ""
    directory: tuple = (Contact("3302", "Daniel Kim", "Member Success"),)
    script: tuple = (
        Step("Thank you for calling {brand}, this is {agent}."),
        Step("/hold"),
        Step("Thank you for holding, {caller.address}.", (Mistake("Sorry about the wait."),)),
    )


def test_terms_from_the_scenario_model_match_the_yaml_reader():
    terms = terms_from_model(Scenario())
    assert terms.brand == ("CAM Credit Union",)
    assert terms.person == ("Daniel Kim",)
    assert "Thank you for holding, miss Owens." in terms.responses
    assert "Sorry about the wait." in terms.responses
    assert "6177023" in terms.number


def test_without_a_microphone_the_seam_says_why(monkeypatch):
    monkeypatch.setattr(listeners, "open_capture", _missing)
    factory, reason = listeners.push_to_talk_factory()
    assert factory is None
    assert reason is not None
    assert "choices and typing" in reason


def _missing(_device=None):
    raise CaptureUnavailable("SDL: no capture device; PyAudio not installed")


@pytest.mark.audio
def test_push_to_talk_through_the_seam_recognises_the_held_speech(monkeypatch, synth):
    """The seam builds the scenario's recogniser, decodes exactly the held span, and
    labels it with the grader's acts.

    Deterministic on purpose. eSpeak NG does not give the same samples twice:
    its wave generator keeps state between calls (and the first call of a
    process varies between runs), so the same line comes out with a different
    waveform each time. Asserting what the recogniser makes of that audio
    ("ask_hold" for "May I place you on a brief hold?") failed now and then,
    and in CI, where it heard "let i place you on a brief hold". The seam's
    guarantees are checked against a direct decode of the same samples with a
    recogniser built the same way, so the result no longer depends on which
    waveform eSpeak produced. Accuracy is the benchmark's business.
    """
    from listen_audio import silence

    from simulator.listen.recogniser import comfort_noise, to_16k

    def pcm_of(text: str, variant: str) -> bytes:
        audio = synth.synthesize(text, VoiceProfile(variant=variant))
        return comfort_noise(to_16k(silence(0.3)) + to_16k(audio) + to_16k(silence(0.3)))

    def blocks_of(pcm: bytes) -> list[bytes]:
        return [pcm[i : i + 960].ljust(960, b"\0") for i in range(0, len(pcm), 960)]

    before = blocks_of(pcm_of("Goodbye and have a nice day.", "m3"))  # said with the key up
    held = blocks_of(pcm_of("May I place you on a brief hold?", "f5"))
    blocks = before + held
    pos = {"i": 0}

    def read() -> bytes:
        pos["i"] += 1
        return blocks[min(pos["i"] - 1, len(blocks) - 1)]

    built = []

    def recogniser_for(scenario):
        built.append(scenario)
        return real_recogniser_for(scenario)

    real_recogniser_for = listeners._recogniser_for_scenario
    monkeypatch.setattr(listeners, "_recogniser_for_scenario", recogniser_for)
    monkeypatch.setattr(listeners, "open_capture", lambda _d=None: (read, lambda: None))
    factory, reason = listeners.push_to_talk_factory()
    assert factory is not None
    assert reason is None
    scenario = Scenario()
    listener = factory(lambda: len(before) <= pos["i"] < len(blocks), scenario)
    heard = listener.listen()

    reference = real_recogniser_for(scenario)  # a fresh decoder, as the seam's was
    reference.start()
    for block in held:
        reference.feed(block)
    expected = reference.finish()

    assert built == [scenario]  # the recogniser was built for this call's scenario
    assert pos["i"] == len(blocks)  # the key-up audio was drained, the held audio all read
    assert heard is not None
    assert heard.caught
    # the held span, all of it and nothing else, read as the listener reads any turn
    assert (heard.text, heard.acts) == listeners.understood(expected)
    assert heard.acts == listeners.acts_of(heard.text)
    assert heard.started_at <= heard.ended_at
    assert heard.decode_seconds > 0

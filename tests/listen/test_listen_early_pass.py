"""A first turn's second pass started at the speaker's pause, not at the end of the turn."""

from __future__ import annotations

import pytest

from simulator.listen.recogniser import RATE, build_domain_recogniser, comfort_noise, to_16k
from simulator.listen.vad import (
    PauseWatch,
    SpeechEnd,
    SpeechFrame,
    SpeechPause,
    SpeechResume,
    SpeechStart,
    TurnSegmenter,
)
from simulator.voice.profile import VoiceProfile

LINE = "May I place you on a brief hold while I check the order?"
pytestmark = pytest.mark.audio


@pytest.fixture(scope="module")
def speech(synth) -> bytes:
    return to_16k(synth.synthesize(LINE, VoiceProfile(variant="m3")))


def test_a_pause_is_reported_after_speech_and_speaking_again_resumes(speech):
    gap = b"\0\0" * (RATE // 2)
    watch = PauseWatch()
    changes = list(watch.feed(comfort_noise(gap + speech + gap + speech + gap)))
    # pause, resume, pause ... (a pause inside the line counts too), ending paused
    assert changes == ["pause", "resume"] * (len(changes) // 2) + ["pause"]
    assert len(changes) >= 3
    assert list(PauseWatch().feed(comfort_noise(gap * 3))) == []  # silence alone: no pause


def test_the_pending_audio_is_what_the_endpointer_has_not_handed_over_yet(speech):
    raw = comfort_noise(b"\0\0" * (RATE // 2) + speech + b"\0\0" * RATE)
    segmenter, handed, start = TurnSegmenter(), b"", 0.0
    pauses = []
    for i in range(0, len(raw), 960):
        for event in segmenter.feed(raw[i : i + 960]):
            if isinstance(event, SpeechStart):
                start = event.time
            elif isinstance(event, SpeechFrame):
                handed += event.pcm
            elif isinstance(event, SpeechPause):
                pauses.append(handed + event.pending)
            elif isinstance(event, (SpeechResume, SpeechEnd)):
                pass
    assert len(pauses) == 1
    at = int(round(start * RATE)) * 2
    assert pauses[0] == raw[at : at + len(pauses[0])]  # the turn so far, no gap, no overlap
    assert len(pauses[0]) >= len(speech) - int(0.1 * RATE) * 2


def _stream(rec, pcm: bytes, pause_at_end: bool = True, resume: bool = False):
    decoded: list[int] = []
    whole = rec._decode_whole

    def spy(audio: bytes) -> None:
        decoded.append(len(audio))
        whole(audio)

    rec._decode_whole = spy
    rec.start()
    for i in range(0, len(pcm), 960):
        rec.feed(pcm[i : i + 960])
    if pause_at_end:
        rec.speculate()
    if resume:
        rec.resume()
    return rec.finish(), decoded


def test_the_early_second_pass_is_the_turns_result_and_not_repeated(speech):
    pcm = comfort_noise(b"\0\0" * (RATE // 4) + speech + b"\0\0" * (RATE // 4))
    at_end, decoded_at_end = _stream(build_domain_recogniser(), pcm, pause_at_end=False)
    early, decoded_early = _stream(build_domain_recogniser(), pcm)
    assert decoded_at_end == [len(pcm)]
    assert decoded_early == [len(pcm)]  # once, at the pause; nothing left for the end
    assert early.passes == at_end.passes == 2
    assert early.text == at_end.text  # the same audio, the same mean: the same result
    assert early.text


def test_speaking_again_after_the_pause_decodes_the_whole_turn_at_its_end(speech):
    pcm = comfort_noise(b"\0\0" * (RATE // 4) + speech + b"\0\0" * (RATE // 4))
    result, decoded = _stream(build_domain_recogniser(), pcm, resume=True)
    assert decoded == [len(pcm), len(pcm)]  # the early pass dropped, the whole turn again
    assert result.passes == 2
    assert result.text


def test_later_turns_are_not_decoded_early(speech):
    rec = build_domain_recogniser()
    rec.cmn = "52,1,-3,8,-1,0,0,0,0,0,0,0,0"  # learnt: later turns are decoded once, streamed
    result, decoded = _stream(rec, comfort_noise(speech))
    assert decoded == []
    assert result.passes == 1

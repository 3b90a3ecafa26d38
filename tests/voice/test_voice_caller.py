from simulator.voice.caller import CallerSpeaker
from simulator.voice.playback import CaptionsVoice


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_caller_speaks_in_scenario_voice_and_mood():
    clock = FakeClock()
    caller = CallerSpeaker(CaptionsVoice(None, clock), {"gender": "female", "rate": 1.0})
    calm = caller.say("I need help with my order. It came in the wrong colour.", mood="calm")
    clock.now += 10
    angry = caller.say("I need help with my order. It came in the wrong colour.", mood=3)
    assert angry.duration < calm.duration  # faster when furious


def test_talking_over_the_caller_is_detected_and_waiting_is_not():
    clock = FakeClock()
    caller = CallerSpeaker(CaptionsVoice(None, clock))
    line = caller.say("I have been waiting for twenty minutes and nobody has called me back.")
    assert caller.is_speaking()
    assert caller.interrupted_by(line.started_at + 1.0)
    assert not caller.interrupted_by(line.ends_at + 0.1)


def test_a_new_line_cuts_off_the_old_one():
    clock = FakeClock()
    caller = CallerSpeaker(CaptionsVoice(None, clock))
    first = caller.say("one two three four five six seven eight")
    clock.now += 0.5
    caller.say("Hello?")
    assert first.duration == 0.5
    assert caller.notice is None

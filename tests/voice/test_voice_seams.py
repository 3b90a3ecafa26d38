"""The window's caller-voice seam: (line, scenario, mood) -> playback."""

from dataclasses import dataclass, field

from simulator.voice.caller import scenario_caller_voice
from simulator.voice.playback import CaptionsVoice


@dataclass
class Hints:
    gender: str = "female"
    age: str = "senior"
    rate: float = 1.0
    pitch: float = 1.0


@dataclass
class Caller:
    voice: Hints = field(default_factory=Hints)


@dataclass
class Scenario:
    caller: Caller = field(default_factory=Caller)


@dataclass
class Line:
    text: str
    is_agent: bool = False


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_caller_lines_play_in_the_scenario_voice_and_mood():
    speak = scenario_caller_voice(CaptionsVoice(None, Clock()))
    calm = speak(Line("I need to change my delivery address please."), Scenario(), "calm")
    furious = speak(Line("I need to change my delivery address please."), Scenario(), "furious")
    assert calm is not None
    assert furious is not None
    assert furious.duration < calm.duration


def test_agent_lines_are_spoken_only_when_asked():
    quiet = scenario_caller_voice(CaptionsVoice(None, Clock()))
    assert quiet(Line("Thank you for holding.", is_agent=True), Scenario(), "calm") is None
    loud = scenario_caller_voice(CaptionsVoice(None, Clock()), speak_agent=True)
    assert loud(Line("Thank you for holding.", is_agent=True), Scenario(), "calm") is not None


def test_the_seam_carries_the_voices_notice():
    speak = scenario_caller_voice(CaptionsVoice("No audio device, captions only", Clock()))
    assert speak.notice == "No audio device, captions only"  # type: ignore[attr-defined]

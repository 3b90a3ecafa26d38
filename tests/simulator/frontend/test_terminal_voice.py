"""The terminal front-end speaks the call as it prints it (`callsim play --voice`)."""

from __future__ import annotations

import io
import os

import pytest

from simulator.engine import CallEngine
from simulator.frontend.base import run_call
from simulator.frontend.headless import HeadlessFrontend
from simulator.frontend.terminal import TerminalFrontend, terminal_voice
from simulator.scenario import find_scenario
from simulator.voice.caller import open_caller_voice, scenario_caller_voice
from simulator.voice.playback import CaptionsVoice

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


class Recorder(TerminalFrontend):
    """The terminal front-end, printing to a buffer and taking the ideal moves."""

    def __init__(self, moves, speak) -> None:
        super().__init__(stdout=io.StringIO(), speak=speak)
        self.script = HeadlessFrontend(moves)

    def next_move(self, state, choices):
        return self.script.next_move(state, choices)

    def wrap_up(self):  # no after-call work in these calls
        return None


def _play(speak) -> Recorder:
    from simulator.autoplay import ideal_moves

    scenario = find_scenario("irate-double-charge")
    front = Recorder(ideal_moves(scenario), speak)
    run_call(CallEngine(scenario, seed=1), front)
    return front


def test_every_printed_line_goes_to_the_voice_with_the_callers_mood() -> None:
    heard: list[tuple[str, bool, str]] = []
    front = _play(lambda line, mood: heard.append((line.text, line.is_agent, mood)))
    printed = front.out.getvalue()
    callers = [t for t, agent, _ in heard if not agent]
    assert callers
    assert all(t in printed for t in callers)
    assert any(agent for _, agent, _ in heard)  # the voice decides whether to speak these
    moods = {m for _, _, m in heard}
    assert moods - {"calm"}, moods  # an irate caller is not spoken as calm


def test_voice_off_is_text_only() -> None:
    assert open_caller_voice("off") is None
    assert terminal_voice(object(), "off") is None


@pytest.mark.parametrize(("mode", "agent_spoken"), [("caller", False), ("both", True)])
def test_modes_choose_whose_lines_are_spoken(monkeypatch, mode: str, agent_spoken: bool) -> None:
    import simulator.voice.caller as caller

    captions = CaptionsVoice(None)
    monkeypatch.setattr(
        caller,
        "scenario_caller_voice",
        lambda speak_agent=False: scenario_caller_voice(captions, speak_agent=speak_agent),
    )
    played: list[object] = []
    speak = terminal_voice(find_scenario("irate-double-charge"), mode)
    assert speak is not None
    _play(lambda line, mood: played.append((line.is_agent, speak(line, mood))))
    assert any(p is not None for agent, p in played if not agent)
    assert any(p is not None for agent, p in played if agent) is agent_spoken


def test_no_sound_device_is_told_in_one_line(monkeypatch) -> None:
    import simulator.voice.caller as caller

    quiet = CaptionsVoice("No audio device, captions only")
    monkeypatch.setattr(
        caller, "scenario_caller_voice", lambda speak_agent=False: scenario_caller_voice(quiet)
    )
    err = io.StringIO()
    assert open_caller_voice("caller", err) is not None
    assert err.getvalue() == "callsim play: No audio device, captions only\n"


@pytest.mark.audio
def test_real_voice_speaks_a_caller_line_through_the_mixer() -> None:
    from scoring.transcript import Speech

    speak = terminal_voice(find_scenario("irate-double-charge"), "caller")
    assert speak is not None
    line = Speech(number=3, time=2, speaker="caller", text="You charged me twice!", label="CALLER")
    playback = speak(line, "furious")
    assert playback is not None
    assert playback.duration > 0.5

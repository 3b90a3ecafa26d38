"""The caller's side of the line for a voice front-end: speak in the scenario's voice and mood,
and tell whether the trainee just talked over the caller.

A thin adapter joining `Voice`, `VoiceProfile` and the pure rules in
`simulator.listen.turns`, so front-ends (terminal, pygame window) share one
way of doing it. Times come from the voice's clock.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import IO, Any

from simulator.listen.turns import DEFAULT_POLICY, TurnPolicy, is_interrupt
from simulator.voice.playback import Playback, Voice, open_voice
from simulator.voice.profile import AGENT_VOICE, VoiceProfile, profile_from_hints, with_mood

__all__ = ["VOICE_MODES", "CallerSpeaker", "open_caller_voice", "scenario_caller_voice"]


class CallerSpeaker:
    """Speaks caller lines one at a time; a new line cuts off the one still playing."""

    def __init__(
        self,
        voice: Voice,
        hints: Mapping[str, Any] | None = None,
        policy: TurnPolicy = DEFAULT_POLICY,
    ) -> None:
        self.voice = voice
        self.base: VoiceProfile = profile_from_hints(hints)
        self.policy = policy
        self.current: Playback | None = None

    @property
    def notice(self) -> str | None:
        """Why the caller is captions-only, if they are (a one-line message for the trainee)."""
        return self.voice.notice

    def say(self, text: str, mood: str | int | None = None) -> Playback:
        """Start the caller's line in ``mood``; its caption is ``text``."""
        if self.current is not None and self.current.is_playing():
            self.current.stop()
        self.current = self.voice.speak(text, with_mood(self.base, mood))
        return self.current

    def is_speaking(self) -> bool:
        return self.current is not None and self.current.is_playing()

    def interrupted_by(self, agent_onset: float) -> bool:
        """Did the trainee, starting to talk at ``agent_onset``, talk over this caller?"""
        if self.current is None:
            return False
        return is_interrupt(self.current.started_at, self.current.ends_at, agent_onset, self.policy)


def scenario_caller_voice(
    voice: Voice | None = None, speak_agent: bool = False
) -> Callable[[Any, Any, str | int | None], Playback | None]:
    """The window's caller-voice seam: ``speak(line, scenario, mood) -> playback``.

    ``line`` is a `scoring.transcript.Speech`; the caller's lines are spoken in
    the scenario caller's voice hints (``scenario.caller.voice``: gender, age,
    rate, pitch) and mood; the agent's own lines only when ``speak_agent``.
    """
    chosen = voice or open_voice()

    def speak(line: Any, scenario: Any, mood: str | int | None) -> Playback | None:
        text = str(getattr(line, "text", line))
        if getattr(line, "is_agent", False):
            return chosen.speak(text, AGENT_VOICE) if speak_agent else None
        hints = getattr(getattr(scenario, "caller", None), "voice", None)
        if hints is not None and not isinstance(hints, Mapping):
            hints = {
                k: getattr(hints, k)
                for k in ("gender", "age", "rate", "pitch")
                if hasattr(hints, k)
            }
        return chosen.speak(text, with_mood(profile_from_hints(hints), mood))

    speak.notice = chosen.notice  # type: ignore[attr-defined]
    return speak


VOICE_MODES = ("caller", "both", "off")


def open_caller_voice(
    mode: str = "caller", err: IO[str] | None = None
) -> Callable[[Any, Any, str | int | None], Playback | None] | None:
    """`scenario_caller_voice` for `callsim play --voice MODE`, or None (captions only).

    "caller" speaks the caller's lines, "both" the trainee's chosen responses
    too (so the whole call is heard), "off" none. A missing sound device or
    TTS library is told once on `err` (stderr) and the call goes on as text.
    """
    out = err or sys.stderr
    if mode == "off":
        return None
    try:
        speak = scenario_caller_voice(speak_agent=mode == "both")
    except Exception as exc:  # noqa: BLE001 - no TTS library at all: captions only
        print(f"callsim play: caller voice unavailable ({exc}); captions only.", file=out)
        return None
    notice = getattr(speak, "notice", "")
    if notice:
        print(f"callsim play: {notice}", file=out)
    return speak

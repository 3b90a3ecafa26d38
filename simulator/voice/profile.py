"""Voice profiles: how a caller sounds, from the scenario's voice hints and the caller's mood.

Pure and deterministic, so a scenario's voice can be tested without audio.
An irate caller speaks faster, higher and louder; a calmed caller slows down
and softens: the trainee hears the mood change before reading the caption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["AGENT_VOICE", "VoiceProfile", "profile_from_hints", "with_mood"]

DEFAULT_RATE = 170  # words per minute: a calm phone voice
DEFAULT_PITCH = 50  # eSpeak's 0-100 scale
_RATE_WORDS = {"slow": 140, "normal": DEFAULT_RATE, "fast": 200}
_PITCH_WORDS = {"low": 35, "normal": DEFAULT_PITCH, "high": 65}
_GENDER_VARIANT = {"female": "f3", "f": "f3", "male": "m3", "m": "m3"}
_AGES = {"young": (1.08, 6), "adult": (1.0, 0), "senior": (0.88, -6)}  # rate factor, pitch shift
_ACCENTS = {"us": "en-us", "american": "en-us", "uk": "en-gb", "british": "en-gb"}

# Mood -> (rate factor, pitch shift, volume shift). Moods not listed speak plainly.
# The engine's moods are calm < annoyed < angry < furious (also given as 0-3).
_MOODS: dict[str, tuple[float, int, float]] = {
    "calm": (1.0, 0, 0.0),
    "annoyed": (1.07, 5, 0.06),
    "upset": (1.10, 6, 0.08),
    "impatient": (1.12, 4, 0.05),
    "angry": (1.15, 10, 0.12),
    "irate": (1.18, 12, 0.15),
    "furious": (1.24, 15, 0.2),
    "calmed": (0.92, -4, -0.05),
    "satisfied": (0.95, -2, 0.0),
}
_MOOD_LEVELS = ("calm", "annoyed", "angry", "furious")


_ESPEAK_VOICE_NAMES = {"en-gb": "en", "en-uk": "en"}


@dataclass(frozen=True)
class VoiceProfile:
    """Everything that changes how a line sounds; hashable, so it keys the synthesis cache."""

    language: str = "en-us"
    variant: str = "m3"  # eSpeak voice variant: m1-m7, f1-f5, or a named one ("Alicia")
    rate: int = DEFAULT_RATE
    pitch: int = DEFAULT_PITCH
    volume: float = 0.9

    @property
    def espeak_voice(self) -> str:
        """The language's voice as eSpeak's SetVoiceByName knows it, e.g. ``en-us``.

        eSpeak NG names its British English voice "en", not "en-gb": a
        language code that is not a voice name is refused by name, and the
        previous line's voice would be kept.
        """
        return _ESPEAK_VOICE_NAMES.get(self.language, self.language)

    @property
    def espeak_name(self) -> str:
        """The voice with its variant, e.g. ``en-us+f3``."""
        return f"{self.espeak_voice}+{self.variant}" if self.variant else self.espeak_voice


# The trainee's chosen responses, when the option to hear them is on: a steady voice
# that no scenario caller uses by default (callers get m3/f3 from their gender).
AGENT_VOICE = VoiceProfile(variant="m1", rate=175, pitch=45, volume=0.8)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _number(value: Any, words: Mapping[str, int], default: int) -> int:
    """A number, a word (slow/high ...), or a multiplier of the default (0.5-3, as in scenarios)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float):
        return int(round(value * default)) if 0 < value <= 3 else int(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in words:
            return words[text]
        try:
            return int(float(text))
        except ValueError:
            return default
    return default


def profile_from_hints(hints: Mapping[str, Any] | None) -> VoiceProfile:
    """Build a profile from a scenario's ``voice:`` hints, ignoring what it cannot use.

    Accepted keys: ``gender`` (female/male/any), ``age`` (young/adult/senior),
    ``variant`` (an eSpeak variant), ``accent`` or ``language`` (us/uk or an
    eSpeak language), ``rate`` (a multiplier 0.5-2 as the scenario schema
    has it, or wpm, or slow/normal/fast), ``pitch`` (multiplier, 0-100 or
    low/normal/high), ``volume`` (0-1). Hints are trainer-written data: a bad value
    falls back to the
    default rather than stopping a call.
    """
    hints = hints or {}
    variant = str(hints.get("variant") or "").strip()
    if not variant:
        variant = _GENDER_VARIANT.get(str(hints.get("gender", "")).strip().lower(), "m3")
    lang = str(hints.get("language") or hints.get("accent") or "en-us").strip().lower()
    lang = _ACCENTS.get(lang, lang)
    if not lang.startswith("en"):
        lang = "en-us"
    volume = hints.get("volume", 0.9)
    if not isinstance(volume, int | float) or isinstance(volume, bool):
        volume = 0.9
    rate_scale, pitch_shift = _AGES.get(str(hints.get("age", "")).strip().lower(), (1.0, 0))
    rate = _number(hints.get("rate"), _RATE_WORDS, DEFAULT_RATE) * rate_scale
    pitch = _number(hints.get("pitch"), _PITCH_WORDS, DEFAULT_PITCH) + pitch_shift
    return VoiceProfile(
        language=lang,
        variant=variant,
        rate=int(_clamp(round(rate), 80, 320)),
        pitch=int(_clamp(pitch, 0, 99)),
        volume=round(_clamp(float(volume), 0.1, 1.0), 2),
    )


def with_mood(profile: VoiceProfile, mood: str | int | None) -> VoiceProfile:
    """The profile as the caller sounds in ``mood``: a label (irate, calmed ...) or 0-3."""
    if isinstance(mood, int) and not isinstance(mood, bool):
        mood = _MOOD_LEVELS[max(0, min(len(_MOOD_LEVELS) - 1, mood))]
    factor, pitch_shift, volume_shift = _MOODS.get(str(mood or "").strip().lower(), (1.0, 0, 0.0))
    return replace(
        profile,
        rate=int(_clamp(round(profile.rate * factor), 80, 320)),
        pitch=int(_clamp(profile.pitch + pitch_shift, 0, 99)),
        volume=round(_clamp(profile.volume + volume_shift, 0.1, 1.0), 2),
    )

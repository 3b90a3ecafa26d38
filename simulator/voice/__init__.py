"""Caller voices: eSpeak NG through pyttsx3, a synthesis cache, pygame.mixer playback, captions.

Public surface: `open_voice` (the best voice the machine allows),
`VoiceProfile` with `profile_from_hints` / `with_mood`, `synthesize_to_wav`.
"""

from simulator.voice.audio import Audio, read_wav
from simulator.voice.playback import CaptionsVoice, MixerVoice, Playback, Voice, open_voice
from simulator.voice.profile import AGENT_VOICE, VoiceProfile, profile_from_hints, with_mood
from simulator.voice.tts import (
    EspeakSynthesizer,
    SynthesisCache,
    default_synthesizer,
    synthesize_to_wav,
)

__all__ = [
    "AGENT_VOICE",
    "Audio",
    "CaptionsVoice",
    "MixerVoice",
    "Playback",
    "EspeakSynthesizer",
    "SynthesisCache",
    "Voice",
    "VoiceProfile",
    "default_synthesizer",
    "open_voice",
    "profile_from_hints",
    "read_wav",
    "synthesize_to_wav",
    "with_mood",
]

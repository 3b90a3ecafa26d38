"""Pronunciations for the recogniser's dictionary: CMUdict first, eSpeak NG for the rest.

Scenario names and brands ("Advantus", "Owens") are often missing from
CMUdict, and a word the decoder cannot pronounce is a word it can never
hear. eSpeak NG (already loaded for the caller voices) spells any word in
IPA; the table below maps that IPA to the ARPAbet phones of the acoustic
model. Without eSpeak, out-of-dictionary words are left out, not guessed.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Lexicon", "british_pronunciation", "ipa_to_arpabet"]

# Longest first: greedy matching needs "aɪ" before "a", "tʃ" before "t".
_IPA = {
    "aɪə": "AY ER", "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "ɔɪ": "OY", "əʊ": "OW",
    "ɑː": "AA", "ɔː": "AO", "ɜː": "ER", "iː": "IY", "uː": "UW", "tʃ": "CH", "dʒ": "JH",
    "ɑ": "AA", "ɒ": "AA", "ɔ": "AO", "æ": "AE", "ɐ": "AH", "ʌ": "AH", "ə": "AH", "ɚ": "ER",
    "ɜ": "ER", "ɛ": "EH", "e": "EH", "ɪ": "IH", "ᵻ": "IH", "i": "IY", "ʊ": "UH", "u": "UW",
    "o": "OW", "a": "AA", "θ": "TH", "ð": "DH", "ʃ": "SH", "ʒ": "ZH", "ŋ": "NG", "ɹ": "R",
    "r": "R", "j": "Y", "w": "W", "h": "HH", "ɾ": "T", "ʔ": "T", "l": "L", "ɫ": "L", "p": "P",
    "b": "B", "t": "T", "d": "D", "k": "K", "g": "G", "ɡ": "G", "f": "F", "v": "V", "s": "S",
    "z": "Z", "m": "M", "n": "N", "x": "K", "ç": "HH",
}  # fmt: skip
_KEYS = sorted(_IPA, key=len, reverse=True)


def ipa_to_arpabet(ipa: str) -> str:
    """``"ɐdvˈæntəs"`` -> ``"AH D V AE N T AH S"``; stress, length and unknown marks dropped."""
    phones: list[str] = []
    i = 0
    while i < len(ipa):
        for key in _KEYS:
            if ipa.startswith(key, i):
                phones.append(_IPA[key])
                i += len(key)
                break
        else:
            i += 1  # ˈ ˌ ː and anything the acoustic model has no phone for
    return " ".join(phones)


class _EspeakPhonemes:
    """eSpeak NG's text-to-phonemes, through the library the caller voices already loaded."""

    def __init__(self) -> None:
        from simulator.voice.tts import EspeakSynthesizer

        synth = EspeakSynthesizer()  # initialises the library once per process
        self._lock = synth._lock
        self._lib = synth._lib
        self._lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self._lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
        ]

    def ipa(self, word: str, voice: bytes = b"en-us") -> str:
        """The word's IPA. The library is the one the caller's voice speaks with, and after
        espeak_TextToPhonemes the next espeak_Synth came out cut short (a 2.5 s line as 0.55 s,
        heard as "scared"): a one-character synthesis, thrown away, puts it back in step."""
        text = ctypes.c_char_p(word.encode("utf-8"))
        with self._lock:
            self._lib.espeak_SetVoiceByName(voice)
            out = self._lib.espeak_TextToPhonemes(ctypes.pointer(text), 1, 0x02)  # UTF-8, IPA
            ipa = (out or b"").decode("utf-8", "replace")
            self._lib.espeak_Synth(b".\0", 2, 0, 0, 0, 1, None, None)
        return ipa


@functools.cache
def _espeak() -> _EspeakPhonemes | None:
    try:
        return _EspeakPhonemes()
    except Exception:  # noqa: BLE001 - no eSpeak: out-of-dictionary words are dropped
        return None


# The British GOAT vowel (RP "əʊ", as in "hold", "moment", "phone") starts at a schwa, where
# the American "oʊ" (ARPAbet OW) starts rounded; the acoustic model has no phone for it, so with
# `rp_goat` it is spelt as its two parts, a schwa and the glide. The recogniser's dictionaries
# do so by default (docs/voice.md, "Issue 16, fifth session").
RP_GOAT = "AH UW"
# The British THOUGHT vowel before an l (RP "ɔːl", as in "call", "all", "always") is a long
# close-mid [ɔː]~[oː], where the American AO of "call" is open, near [ɑ]; the American phone
# nearest to it is OW's rounded onset. With `rp_thought` "ɔːl" is spelt OW L, so a British
# "call" no longer falls to "cold"; the recogniser's dictionaries do so by default (docs/voice.md,
# "Issue 16, seventh session"). Only before an l: spelt OW everywhere ("more", "order", "talk"),
# it cost as many dev lines as it won.
# Free since `rp_goat`: the British GOAT vowel no longer uses OW.
RP_THOUGHT = "OW L"


def _spelt(ipa: str, rules: tuple[tuple[str, str], ...]) -> str:
    """`ipa_to_arpabet`, with each of ``rules``' IPA vowels spelt as its own phones."""
    if not rules:
        return ipa_to_arpabet(ipa)
    (vowel, phones), rest = rules[0], rules[1:]
    return " ".join(f" {phones} ".join(_spelt(p, rest) for p in ipa.split(vowel)).split())


@functools.cache
def british_pronunciation(word: str, rp_goat: bool = False, rp_thought: bool = False) -> str:
    """The word as eSpeak NG's British English says it, in ARPAbet ("" without eSpeak).

    ``rp_goat``: "əʊ" as `RP_GOAT` rather than the American OW; ``rp_thought``: "ɔːl" as
    `RP_THOUGHT` rather than the American AO L. Cached for the process: a recogniser's
    vocabulary is ~6,000 words at 0.1 ms each, and every call's recogniser shares most of them.
    """
    engine = _espeak()
    if engine is None:
        return ""
    ipa = engine.ipa(word, b"en")  # "en" is British
    rules = (("əʊ", RP_GOAT),) * rp_goat + (("ɔːl", RP_THOUGHT),) * rp_thought
    return _spelt(ipa, rules)


@functools.cache
def _cmudict(path: str) -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, _, phones = line.strip().partition(" ")
            if phones:
                entries.setdefault(word.split("(")[0], []).append(phones.strip())
    return entries


class Lexicon:
    """Pronunciations for a vocabulary, written as a small dictionary file for the decoder.

    CMUdict is American. British speech ("order" without its r, "hold" as
    "həʊld") falls outside it, so ``write_dict(..., british=True)`` adds
    eSpeak NG's British pronunciation of each word as one more variant where
    it differs, and records which variant that is (`british_variant`), so a
    recogniser can tell from the variants it picks which accent it hears.
    """

    def __init__(self, cmudict_path: str | Path) -> None:
        self.cmudict = _cmudict(str(cmudict_path))
        self.guessed: dict[str, str] = {}
        self.british_variant: dict[str, int] = {}  # word -> 1-based index of its British entry

    def pronunciations(self, word: str) -> list[str]:
        if word in self.cmudict:
            return self.cmudict[word]
        if word not in self.guessed:
            engine = _espeak()
            self.guessed[word] = ipa_to_arpabet(engine.ipa(word)) if engine else ""
        return [self.guessed[word]] if self.guessed[word] else []

    def write_dict(
        self,
        words: Iterable[str],
        path: str | Path,
        british: bool = False,
        rp_goat: bool = False,
        rp_thought: bool = False,
    ) -> set[str]:
        """Write entries for ``words``; returns the words that could not be pronounced.

        With ``british``, a CMUdict word also gets its British pronunciation
        as a further variant when that differs from all of CMUdict's
        (``rp_goat``, ``rp_thought``: see `british_pronunciation`).
        """
        missing: set[str] = set()
        lines: list[str] = []
        for word in sorted(set(words)):
            prons = self.pronunciations(word)
            if not prons:
                missing.add(word)
            elif british and word in self.cmudict:
                uk = british_pronunciation(word, rp_goat, rp_thought)
                if uk and uk not in prons:
                    prons = [*prons, uk]
                    self.british_variant[word] = len(prons)
            for i, phones in enumerate(prons):
                lines.append(f"{word}{f'({i + 1})' if i else ''} {phones}")
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return missing

"""Text to the word tokens the recogniser hears: lower case, digits spelled out.

Pure. Used on both sides of recognition: to build the language model from
phrasings and scenario data, and to normalise reference and hypothesis text
before computing a word error rate.
"""

from __future__ import annotations

import re

__all__ = ["number_words", "number_variants", "repair", "spell_digits", "tokens"]

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b\d{3}-\d{4}\b")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+")


def spell_digits(digits: str) -> str:
    """``"5521"`` -> ``"five five two one"``: how people read ids and phone numbers."""
    return " ".join(_ONES[int(d)] for d in digits)


def number_words(n: int) -> str:
    """Cardinal words for 0-999999, without "and" (US style): 110 -> "one hundred ten"."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")
    return spell_digits(str(n))


def number_variants(digits: str) -> list[str]:
    """The ways a number is said: digit by digit, and as a cardinal when short.

    Extensions (110) are said "one ten" or "one hundred ten" or "one one
    zero"; long ids and phone numbers digit by digit.
    """
    spelled = spell_digits(digits)
    if len(digits) > 4 or digits.startswith("0"):
        return [spelled]
    out = [number_words(int(digits)), spelled]
    if len(digits) in (3, 4) and digits[-2] != "0":  # "one ten", "twenty two fifteen"
        head, tail = digits[:-2], digits[-2:]
        out.append(f"{number_words(int(head))} {number_words(int(tail))}")
    return list(dict.fromkeys(out))


def tokens(text: str, numbers: str = "cardinal") -> list[str]:
    """Words of ``text`` as the recogniser spells them.

    ``numbers``: "cardinal" reads 1-4 digit numbers as cardinals and longer
    ones digit by digit (as eSpeak and most people say them); "digits"
    always digit by digit.
    """
    text = text.lower().replace("&", " and ").replace("%", " percent")
    text = re.sub(r"(?<=\d)[,.](?=\d{3}\b)", "", text)  # 1,200 -> 1200
    text = re.sub(r"[’‘`]", "'", text)
    # Phone numbers are read digit by digit: 555-614-2200, (330) 555 0116
    text = _PHONE.sub(lambda m: " " + spell_digits(re.sub(r"\D", "", m.group())) + " ", text)
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        tok = match.group()
        if tok.isdigit():
            if numbers == "digits":
                out.extend(spell_digits(tok).split())
            else:
                out.extend(number_variants(tok)[0].split())
        else:
            out.append(tok)
    return out


# Word sequences English never has that the recogniser produces for a common phrase,
# each with what was said. Only sequences with a single reading belong here.
_SLIPS = ((re.compile(r"\bthank for\b"), "thanks for"),)


def repair(text: str) -> str:
    """Undo the recogniser's known slips: ``"thank for calling"`` -> ``"thanks for calling"``.

    The final "s" of "thanks" is short and quiet, and the decoder often drops
    it before "for"; the acts then miss "thanks for calling/holding" (dev
    lines: 6 of 217 turns).
    """
    for slip, fix in _SLIPS:
        text = slip.sub(fix, text)
    return text

"""What the caller does when the agent reads something back or checks understanding.

A person on the phone hears "so that's $241?" against what they know: a value, a name, a
spelling, whether a thing is so, the errand itself. They confirm what is right and correct
what is wrong in the same breath; they do not nod at a wrong read-back. This mixin of
`Reactions` holds that checking, apart from the rest of the caller's turn.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple

from scoring.normalise import normalise
from simulator.engine.agent_words import (
    _GENERIC_STEMS,
    _later,
    _lower_first,
    _mentions,
)
from simulator.engine.caller_base import CallerBase
from simulator.engine.replies import (
    ANSWERS,
)
from simulator.engine.topics import claim_words, ends_with_tag, is_function_word
from simulator.engine.topics import claim_words as _claim_words
from simulator.engine.understand import Heard

_EMAIL_SAID = re.compile(
    r"([a-z0-9][a-z0-9 .]*?) at ((?:[a-z0-9]+ )*?[a-z0-9]+) dot ([a-z]{2,4})\b"
)
_ASKS_OK = re.compile(r"\b(?:right|correct|yeah|yes|is that it|okay)\W*$", re.IGNORECASE)
#: a line that says back what the caller said ("so it's 920", "that's 960, right?")
_READS_BACK = re.compile(
    r"\b(?:so (?:it s|its|it is|that s|thats|that is|that|you|your)|right$|correct$|is that)\b"
)
#: is the number they gave their mobile, home, work, best one?
_NUMBER_KIND = re.compile(
    r"\b(?:is (?:that|this|it)|that s|this is) (?:your |a |the )?(?:cell|cellphone|mobile|home|"
    r"work|landline|direct|best|good|right|main|personal)(?: phone)?(?: number| line| one)?\b"
)
#: a line that checks something back: "so ...", "..., right?", "is that correct?"
_READ_BACK_ASK = re.compile(
    r"^(?:(?:ok|okay|right|alright|and|sorry|just to confirm|to confirm)\s+)*"
    r"(?:so|you said|you mentioned|did you say|you told me)\b|\b(?:right|"
    r"correct|yeah|yes|is that right|is that correct|did i get that right|have i got that right)$"
)
_CHECKS = frozenset({"check_understanding", "confirm_detail"})
#: the agent offering to do something, not reading back what the caller has
_OWN_ACTION = re.compile(r"\b(?:i|we) (?:can|could|will|ll|would|am going to|are going to)\b")


#: two or more capitalised words in a row: a name ("Ridgeline Freight", "Dave Ortiz")
_CAPITALISED = re.compile(
    r"\b(?:[A-Z][a-z]{0,2}\.|[A-Z][a-z']+)(?: (?:[A-Z][a-z]{0,2}\.|[A-Z][a-z']+))+"
)  # "St. Vincent's", never across a full stop ("... Associates. You ...")
#: punctuation between two words: they are not one name ("Mr. Jensen. How ..."); a full stop
#: after a short title ("Mr.", "St.") is not a break
_CLAUSE_BREAK = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])[.!?;:,]+\s+|\s+-\s+")
_NAME_STOP = frozenset("i a the so and ok okay right yes no is mr mrs ms miss dr sir madam".split())


def _short_for(word: str, name: str) -> bool:
    """ "Ray" for "Raymond", "Dan" for "Daniel": a short form that starts the name."""
    return len(word) >= 3 and len(name) > len(word) and name.startswith(word)


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_POSSESSIVE = re.compile(r"'s$")


def _bare(word: str) -> str:
    """ "St." and "st", "Vincent's" and "vincents" meet."""
    return _NOT_ALNUM.sub("", _POSSESSIVE.sub("", word.lower()))


def _misread_name(said: list[str], name: list[str]) -> bool:
    """One word of `name` is said and the word beside it, where the name's next (or
    previous) word should be, is another name-like word: "Redline Freight" for "Ridgeline
    Freight" (a capital, or near in spelling: "dias" for "diaz")."""
    from difflib import SequenceMatcher

    low, parts = [_bare(w) for w in said], [_bare(w) for w in name]
    for i, word in enumerate(low):
        for j, part in enumerate(parts):
            if word in _NAME_STOP or (word != part and not _short_for(word, part)):
                continue  # a title ("Mr") is no anchor: "Mr. Pike" is not a misread "Mr. Cloud"
            for step in (-1, 1):
                k, m = i + step, j + step
                if not (0 <= k < len(said) and 0 <= m < len(name)):
                    continue
                other, right = said[k], parts[m]
                if low[k] == right or low[k] in _NAME_STOP:
                    continue
                near = SequenceMatcher(None, low[k], right).ratio() >= 0.7
                # a name is written as one: "Member" in "your Member ID" is a word, and "ID"
                # is no name; in a line of small letters (a recogniser's) only spelling tells
                named = said[i][:1].isupper() and other[:1].isupper() and not other.isupper()
                if named or near:
                    return True
    return False


_NOT = re.compile(r"\b(?:not|no|never|nothing|nobody|none|neither|nor|first time)\b")


def _says_not(text: str) -> bool:
    """The sentence denies (an odd count of denials would be over-reading speech)."""
    return bool(_NOT.search(normalise(text)))


def _read_back_part(heard: Heard) -> str:
    """The sentences that read something back: from the last one that starts with "so" (or
    "just to confirm"), else the asking ones, else the line."""
    sentences = re.findall(r"[^.!?]+[.!?]?", heard.text)
    for i in range(len(sentences) - 1, -1, -1):
        if _READ_BACK_ASK.match(normalise(sentences[i])):
            return " ".join(sentences[i:])
    return heard.asks or heard.text


#: the scenario lines in which the caller states what is so (the rest react to the agent)
_STATING_LINES = frozenset({"reason", "give_id", "vent", "urgent", "give_email"})
#: words that only point ("the", "your"): left out when two sentences are lined up
_POINTERS = frozenset("the a an your my his her their our its this that these those".split())
#: beside the function words of a claim, words that never carry what a read-back is about
#: (where, how, will, one, into ...): no anchor, and never a word swapped for theirs
#: which one of theirs, not a word of the story ("the first fee" of "the fee twice")
_ORDINALS = frozenset("first second third fourth fifth other another".split())
_NOT_A_SLOT = frozenset(
    "into onto from by up out over under off after him where when why how who whom whose "
    "will would can could shall should may might must one ones some any all both each "
    "yes please correct right okay ok "
    # the agent's own framing of a read-back: "so to recap, beds coming" is not "garden beds"
    "recap confirm clarify summarise summarize sum check understand understood mean "
    "basically just sorry well hi hello thanks thank huh eh".split()
).union(_ORDINALS)


def _sentences(text: str) -> list[str]:
    return [t.strip() for t in re.findall(r"[^.!?]+[.!?]?", text or "") if t.strip()]


def _slot_words(text: str) -> list[str]:
    """A sentence's words lined up for comparison: normal form, pointers left out."""
    return [w for w in normalise(text).split() if w not in _POINTERS]


def _swapped(said: list[str], theirs: list[str], known: frozenset[str]) -> bool:
    """`said` puts a word the caller never used where `theirs` has another word, and the
    word beside it in both is the same word that says what (or two words, the nearer of
    which may be "in", "on" ...): "works in office" against "works in warehouse"."""
    from difflib import SequenceMatcher

    for i, word in enumerate(said):
        if _no_slot(word) or len(word) < 3 or word.isdigit():
            continue
        if word in known or claim_words(word) & known:
            continue
        for j, other in enumerate(theirs):
            if other == word or _no_slot(other) or other.isdigit():
                continue
            if SequenceMatcher(None, word, other).ratio() >= 0.8:
                continue  # "colour" for "color": the same word spelt another way
            if _same_beside(said, i, theirs, j):
                return True
    return False


def _no_slot(word: str) -> bool:
    return is_function_word(word) or word in _NOT_A_SLOT


def _same_beside(said: list[str], i: int, theirs: list[str], j: int) -> bool:
    def at(words: list[str], k: int) -> str:
        return words[k] if 0 <= k < len(words) else ""

    after = at(said, i + 1)
    if after and after == at(theirs, j + 1) and not _no_slot(after):
        return True
    before, before2 = at(said, i - 1), at(said, i - 2)
    if not before or before != at(theirs, j - 1):
        return False
    if not _no_slot(before):
        return True
    return bool(before2) and before2 == at(theirs, j - 2) and not _no_slot(before2)


#: a tag after a comma checks the statement before it: "tim diaz, was it?", "the audit is
#: friday, isn't it?", "you ordered it online, no?" (not "how many pallets was it?")
_TAG = re.compile(
    r",\s*(?:was it|is it|isn'?t it|wasn'?t it|is that it|was that it|no|yeah|eh|didn'?t you|"
    r"did you|don'?t you|do you|haven'?t you|have you|aren'?t you|are you|wasn'?t he|isn'?t he|"
    r"isn'?t she|doesn'?t he|does he|didn'?t he|did he|didn'?t it|did it|doesn'?t it|does it|"
    r"yes|right|correct|ok|okay)\s*\?\s*$",
    re.IGNORECASE,
)
_STREET_WORDS = frozenset({"street", "road", "avenue", "lane", "drive"})
#: the name of a street in an address: "2217 Juniper Lane" -> Juniper
_STREET = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|"
    r"Court|Ct|Way|Place|Boulevard|Blvd|Close|Crescent|Terrace)\b"
)
#: an alternative offered as a question, not a read-back
_OFFERS_INSTEAD = re.compile(
    r"\b(?:would|wouldn t|wouldnt) (?:you )?(?:want|like|prefer|rather)\b|\binstead\b"
)
#: how a question asks, when it does not state: a question word or a verb first
_ASKING_START = re.compile(
    r"^(?:(?:ok|okay|and|so|sorry|um|uh)\s+)*(?:what|when|where|why|how|which|who|whose|"
    r"do|does|did|is|are|was|were|can|could|will|would|should|shall|have|has|had|may|might|"
    r"any|anything|tell|let|please|want|wanna|need|like|mind|care|fancy|got)\b"
)
_WH_FIRST = re.compile(
    r"^(?:(?:ok|okay|and|so|sorry|um|uh|oh|wait|hang on|hold on|right|now|then|actually)\s+)*"
    r"(?:what|when|where|why|how|which|who)\b"
)
_WH_ANYWHERE = re.compile(r"\b(?:what|when|where|why|how|which|who|whose)\b")
#: a question asked after a lead-in: "instead of that, can I take a message?"
_INVERTED = re.compile(
    r"\b(?:can|could|will|would|may|shall|should|do|does|did|is|are|was|were|have|has) "
    r"(?:i|you|we|he|she|they|it|someone|anyone)\b"
)


def _checks_a_statement(text: str) -> bool:
    """ "the balance is $690?", "you paid $480?", "he's about 14 minutes out?": a statement
    said as a question checks what it states, as "so ..." or "..., right?" do."""
    if _OFFERS_INSTEAD.search(normalise(text)):
        return False  # "you wouldn't want the small one instead, would you?" offers
    if _TAG.search(text) or ends_with_tag(text):
        return True
    asked = [t for t in re.findall(r"[^.!?]+[.!?]?", text) if t.strip().endswith("?")]
    if not asked:
        return False
    last = normalise(asked[-1])
    if len(last.split()) < 3:  # "card?", "Scottsdale, huh?": a terse ask or a remark
        return False
    return not (_ASKING_START.match(last) or _WH_ANYWHERE.search(last) or _INVERTED.search(last))


#: the words around a name being checked: "your name is ... right", "... was it", "so it's ..."
_NAME_CHECK_FRAME = re.compile(
    r"^(?:(?:ok|okay|and|so|sorry|right)\s+)*(?:(?:your|the) (?:first |last |full |sur)?name "
    r"(?:is|was)|it s|its|it is|that s|that is|you re|you are|this is|i m speaking with)\b|"
    r"\b(?:was it|is it|isn t it|wasn t it|is that it|was that it|is that right|is that correct|"
    r"right|correct|yes|yeah|no|okay|ok|eh)\s*$|\b(?:mr|mrs|ms|miss|mister|dr)\b"
)


def _same_name(said: str, name: str, near: bool) -> bool:
    """ "raymond" for Raymond, "ray" for Raymond, and when `near`, "karl" for Carl (a
    recogniser's spelling of the same sound; "rose" for Rosa is another name)."""
    if said == name or _short_for(said, name):
        return True
    return near and _sounds(said) == _sounds(name)


#: spellings of one sound, crudely: enough to hear "karl" as Carl and "dias" as Diaz
_SOUND_SPELLINGS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("z", "s"), ("y", "i"), ("w", "u"))


def _sounds(word: str) -> str:
    for spelt, sound in _SOUND_SPELLINGS:
        word = word.replace(spelt, sound)
    return re.sub(r"(.)\1+", r"\1", word)


def _values_of_clause(
    stated: Stated, said: dict[str, set[str]], words: set[str]
) -> dict[str, set[str]]:
    """A sentence of theirs that says two values of the kind read back says each of a thing:
    "Our ISO auditor is here Friday morning, so I need it by Thursday" has the audit on
    Friday. The values of the clause that shares the read-back's words, when one does."""
    from simulator.engine.topics import stems, values_in

    if not any(len(stated.values.get(k, ())) > 1 for k in said):
        return stated.values
    best, values = 0, stated.values
    for clause in _CLAUSE_SPLIT.split(stated.text):
        shared = len(words & stems(clause))
        found = values_in(clause)
        if shared > best and said.keys() & found.keys():
            best, values = shared, found
    return values


#: a place said back on its own, written as a name ("in Minneapolis?", "that's in Fresno, right?")
_PLACE_CHECK = re.compile(
    r"^(?:(?:so|and|ok|okay)\s*,?\s+)?(?:(?:that'?s|that is|you'?re|you are|it'?s|it is)\s+)?"
    r"(?:in|at|near|from|out in|over in|down in|up in)\s+"
    r"(?P<place>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+)?)\s*(?:,?\s*(?:right|yes|correct|yeah))?\s*\?$"
)
_CLAUSE_SPLIT = re.compile(r",|;|\bso\b|\bbut\b|\band\b", re.I)
#: where a read-back of both sides of an order turns from one to the other
_SIDE_BREAK = re.compile(r",|\bbut\b|\band\b|\binstead of\b|\bwhen\b|\bwhereas\b", re.I)


def _agreeing(
    said: dict[str, set[str]], found: list[tuple[str, dict[str, set[str]]]]
) -> list[tuple[str, dict[str, set[str]]]]:
    """Sentences tied for a read-back that agree on it count as one ("Both pairs came grey."
    and "... it came grey too."; "40 minutes out" said twice): all say yes, or all say no
    and share the value they say instead."""
    if len(found) < 2:
        return found
    verdicts = {all(said[k] <= v[k] for k in said.keys() & v.keys()) for _, v in found}
    common = [set.intersection(*(v.get(k, set()) for _, v in found)) for k in said]
    if verdicts == {True} or (verdicts == {False} and all(common)):
        return found[:1]
    return found


def _sentence_with(text: str, values: set[str]) -> str:
    """The sentence of `text` that says one of `values` ("Tomorrow morning, before ten.")."""
    from simulator.engine.topics import values_in

    sentences = re.findall(r"[^.!?]+[.!?]?", text.strip())
    for sentence in sentences:
        if any(values & said for said in values_in(sentence).values()):
            return sentence.strip()
    return sentences[0].strip() if sentences else text.strip()


#: a reference as written ("FG-1188", "CU-40922", "ADV-7731")
_REF_TOKEN = re.compile(r"\b[A-Z]{1,4}-?\d{3,}\b")
#: asked for the reference the agent gave them ("did you get the reference number?")
_ASKS_THEIR_REF = re.compile(
    r"\b(?:number|reference|ref|code) (?:that )?i (?:just )?gave you\b|\b(?:reference|case|"
    r"ticket|confirmation|claim) number (?:again|i gave you)\b|\bdid you (?:get|catch|write down|"
    r"note|take down|jot down) (?:the|that|your) (?:reference|case|ticket|confirmation|claim)\b"
)
_READ_IT_BACK = re.compile(
    r"\b(?:read|repeat|say) (?:it|that|this|them|the number|that number) (?:back|again)"
    r"(?: to me)?\b|\bread back\b"
)


def _read_back_line(digits: str) -> str:
    """A caller reading back a number they wrote down, written as phone numbers are
    ("555-614-2200", which a voice reads in groups)."""
    if len(digits) == 10:
        digits = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return f"{digits}. Is that right?"


_SAYS_DELIVERED = re.compile(
    r"\b(?:shows?|showing|says|saying|marked|listed|tracking has it|system has it)"
    r"(?: it| them| as)?(?: as| was| were| been)? (?:delivered|received|signed for)\b"
    r"|\b(?:it|they) (?:was|were|has been|have been) delivered\b"
)
_NEVER_CAME = re.compile(
    r"\b(?:never (?:came|arrived|showed up|turned up|got here)|nobody (?:ever )?shows? up|"
    r"supposed to arrive|has not arrived|have not arrived|did not arrive|not (?:been )?delivered|"
    r"still waiting|never got (?:it|them))\b"
)
_YOUR_NAME = re.compile(r"\byour (?:first |last |full |sur)?name\b")  # ("ur" is normalised)


def _reads(digits: str, text: str) -> bool:
    """The digits are read out in `text` (a question sentence of the line)."""
    from scoring.extract import digits_only

    return bool(text) and digits in digits_only(text)


def _email_said(text: str) -> str:
    """An email address read out ("h brooks at kestrel m f g dot com"), as user@domain with
    the words before it still on the user part ("okaysothatshbrooks"); '' when none."""
    from scoring.extract import emails

    found = emails(text)
    if found:
        return found[0].lower()
    m = _EMAIL_SAID.search(re.sub(r"[^a-z0-9 .@]", "", text.lower()))
    if not m:
        return ""
    user = m.group(1).replace(" dot ", ".").replace(" ", "")
    return f"{user}@{m.group(2).replace(' ', '')}.{m.group(3)}"


def _same_email(said: str, email: str) -> bool | None:
    """True: the caller's address read back; False: a wrong read-back of it; None: not theirs."""
    s_user, _, s_domain = said.partition("@")
    user, _, domain = email.lower().partition("@")

    def bare(x: str) -> str:
        return re.sub(r"[^a-z0-9]", "", x)

    same_domain = bare(s_domain) == bare(domain)
    same_user = bare(s_user).endswith(bare(user))
    if same_domain and same_user:
        # a dot left out of the user part is another mailbox: "p owens" for p.owens is put right
        dots = re.sub(r"[^a-z0-9.]", "", s_user).endswith(re.sub(r"[^a-z0-9.]", "", user))
        return dots
    return False if same_domain or same_user else None


def _spelled(text: str) -> str:
    """'p.owens@northmail.com' -> 'P, dot, O, W, E, N, S, at, ...' as a caller spells it."""
    words = {"@": "at", ".": "dot", "-": "dash", "_": "underscore"}
    out = []
    for ch in text.strip():
        if ch.isalnum():
            out.append(ch.upper())
        elif ch in words:
            out.append(words[ch])
    return "That's " + " ".join(out) + "." if out else "Sorry, I can't spell that."


def _near(a: str, b: str) -> bool:
    """Two digit strings a read-back could confuse: same length, one or two digits off,
    or one digit dropped or added."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 2
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


class FactReading(NamedTuple):
    """One fact as a read-back is checked against it."""

    text: str  # what the caller says of it
    about: frozenset[str]  # the stems of its words, its name and the words it is asked with
    values: dict[str, set[str]]  # the values it says, by kind (money, time, colour ...)


class Stated(NamedTuple):
    """One sentence the caller has stated, read once as read-backs are checked against it."""

    text: str
    slots: list[str]  # its words lined up for a swapped word (`_slot_words`)
    stems: set[str]  # the stems of its words that say what (`_GENERIC_STEMS` left out)
    values: dict[str, set[str]]  # the values it says, by kind
    sides: frozenset[str]  # the side of an order it speaks of: asked for, received (`order_sides`)


def _stated(sentence: str) -> Stated:
    from simulator.engine.topics import order_sides, stems, values_in

    return Stated(
        sentence,
        _slot_words(sentence),
        stems(sentence) - _GENERIC_STEMS,
        values_in(sentence),
        order_sides(sentence),
    )


class ReadBacks(CallerBase):
    """The `read backs` steps of `Reactions` (see the module docstring)."""

    def _repairs(self, heard: Heard) -> list[str]:
        """Say it again, spell it, confirm or correct a read-back, read back what the agent
        gave ("can you read that back to me?")."""
        m = self.memory
        if "small_talk" in heard.acts:
            return []  # "the weather is terrible here, isn't it?" checks nothing of theirs
        if read := self._reads_back_theirs(heard):
            return read
        if "ask_spell" in heard.acts:
            return [f"say:{_spelled(self._spelling_of(heard.text))}"]
        if "give_phone" in m.said and _NUMBER_KIND.search(normalise(heard.text)):
            return ["confirm_yes"]  # "is that your cell?" of the number they just gave
        read_back = self._check_read_back(heard)
        if read_back:
            return [read_back]
        checks = bool(_CHECKS & heard.acts)
        if checks and self._checked_understanding(heard, story_only=True):
            return ["not_reason"]  # the wrong story, whatever its numbers
        checked = self._own_name_check(heard) or self._value_read_back(heard)
        if checked == "confirm_yes":
            checked = self._number_right_words_wrong(heard) or checked
        checked = checked or self._name_read_back(heard) or self._place_read_back(heard)
        checked = checked or self._swapped_word_read_back(heard)
        checked = checked or self._polarity_read_back(heard)
        checked = checked or (self._checked_understanding(heard) if checks else "")
        if checked:
            return [checked]
        return self._premise_checked(heard) or self._said_again(heard)

    def _number_right_words_wrong(self, heard: Heard) -> str:
        """ "You live at 88 Lincoln Street?" to 88 Linden Street: the number is theirs, a name
        or a word beside it in the same sentence of theirs is not."""
        from simulator.engine.topics import values_in

        numbers = values_in(_read_back_part(heard)).get("number", set())
        if not numbers:
            return ""
        wrong = self._name_read_back(heard) or self._swapped_word_read_back(heard)
        theirs = values_in(self.heard_value("correction")).get("number", set())
        return wrong if wrong and numbers <= theirs else ""

    def _said_again(self, heard: Heard) -> list[str]:
        """ "Sorry, say again?": what they last said, once more (a datum asked again is
        answered as asked: "your company again?")."""
        from simulator.engine.topics import asks_what_was_said

        m = self.memory
        asks_fact = heard.fact is not None and self._asks_fact(heard)
        if "repair_request" in heard.acts and m.last_words and not ANSWERS.keys() & heard.acts:
            if asks_fact or asks_what_was_said(heard.text):
                return []  # "what did you say you ordered again?": the order, not a replay
            prefix = self.chance().choice(("I said, ", "Sorry, I said, ", "What I said was, "))
            return ["say:" + prefix + _lower_first(m.last_words)]
        return []

    def _reads_back_theirs(self, heard: Heard) -> list[str]:
        """ "Can you read that back to me?", "what's the case number I gave you?": the number
        or reference the agent gave, as written down."""
        m = self.memory
        t = normalise(heard.text)
        if m.agent_number and _READ_IT_BACK.search(t):
            return ["say:" + _read_back_line(m.agent_number)]
        if m.agent_ref and _ASKS_THEIR_REF.search(t):
            return ["say:" + f"Yes, I've got it. It's {m.agent_ref}."]
        if heard.numbers:
            m.agent_number = heard.numbers[-1]
        if ref := _REF_TOKEN.findall(heard.text):
            m.agent_ref = ref[-1]
        return []

    def _premise_checked(self, heard: Heard) -> list[str]:
        """ "It shows delivered" to a caller whose order never came: no; "is Mike your first
        name?" to Mike: yes."""
        if self._false_premise(heard):
            return ["not_reason"]
        own = _YOUR_NAME.search(normalise(heard.text))
        if heard.question and own and _mentions(heard.text, self.scenario.caller.name):
            return ["confirm_name"]
        return []

    def _false_premise(self, heard: Heard) -> bool:
        """The agent says it was delivered; the caller's whole story is that it never came."""
        if not _SAYS_DELIVERED.search(normalise(heard.text)):
            return False
        return bool(_NEVER_CAME.search(normalise(self._own_words())))

    def _spelling_of(self, text: str) -> str:
        """What "can you spell that?" asks for: the thing it names, else what was last given."""
        c, lower = self.scenario.caller, text.lower()
        words = set(re.findall(r"[a-z']+", lower))
        own = [w for w in c.name.split() if w.lower() in words and len(w) > 1]
        if own and "name" not in lower:
            return own[-1]  # "how do you spell Voss?": Voss, not the whole name
        if found := self._spelt_thing(words):
            return found
        named = (
            ("email", c.email),
            ("name", c.surname if "last name" in lower or "surname" in lower else c.name),
            ("address", self._values.get("caller.address_line", "")),
        )
        for word, value in named:
            if word in lower and value:
                return value
        return self.memory.last_datum or c.name

    def _spelt_thing(self, words: set[str]) -> str:
        """ "Can you spell the street name?", "spell your company name": the street of their
        address, the name of their firm, from what their facts say ("" when they have none)."""
        facts = {f.topic: " ".join(f.say) for f in self.scenario.caller.facts if f.say}
        if words & _STREET_WORDS and (street := _STREET.search(facts.get("address", ""))):
            return street.group(1)
        if words & {"company", "firm", "business"} and facts.get("company"):
            return re.split(r"[,.]", facts["company"])[0].strip()
        return ""

    def _check_read_back(self, heard: Heard) -> str:
        """A number or email the agent reads back: yes when right, the right one when near."""
        from scoring.extract import digits_only

        c = self.scenario.caller
        known = [v for v in (c.id_number, c.phone, *c.orders, self.memory.last_datum) if v]
        mine = {digits_only(v): v for v in known if len(digits_only(v)) >= 3}
        if _READS_BACK.search(normalise(heard.text)):  # "so it's 920 with the late fee"
            mine |= {d: d for d in self._fact_numbers() if d not in mine}
        asked = "confirm_detail" in heard.acts or bool(_ASKS_OK.search(heard.text))
        for n in heard.numbers:
            if n in mine:
                return "confirm_yes" if asked or _reads(n, heard.asks) else ""
            close = next((v for d, v in mine.items() if _near(n, d)), "")
            if close:
                self.hear_value("correction", close)
                return "correct_detail"
        said = _email_said(heard.text)
        right = _same_email(said, c.email) if said and c.email else None
        if right is None:
            return self._spelling_read_back(heard)
        if right:
            return "confirm_yes" if asked or heard.question else ""
        self.hear_value("correction", c.email.replace(".", " dot ").replace("@", " at "))
        return "correct_detail"

    def _value_read_back(self, heard: Heard) -> str:
        """ "So the bill came to $241?", "so that's tomorrow afternoon?": a value read back is
        checked against the fact it is about, or against what the caller just said: yes when
        every value said is theirs, "No." and theirs when one of the same kind is not."""
        from simulator.engine.topics import values_in

        checks = _READ_BACK_ASK.search(normalise(heard.text)) or heard.acts & _CHECKS
        if not (checks or _checks_a_statement(heard.text)):
            return ""
        # only what is read back: "I see your call from last Thursday. So the fee is still
        # on your statement?" reads back the fee, not Thursday
        said = values_in(_read_back_part(heard))
        if not said:
            return ""
        if _OWN_ACTION.search(normalise(heard.text)):
            return ""  # "so I can get them out to you tomorrow, ok?" offers, it reads nothing back
        read = _read_back_part(heard)
        if by_sentence := self._both_sides_read_back(read) or self._sentence_read_back(read, said):
            return by_sentence
        sources = [(text, values_in(text)) for text in self._read_back_sources(heard)]
        known: dict[str, set[str]] = {}  # a value said anywhere of what they know is theirs
        everything = [f.values for f in self._fact_readings]
        for theirs in [*everything, values_in(self.memory.last_words)]:
            for kind, values in theirs.items():
                known.setdefault(kind, set()).update(values)
        missing = {k: said[k] - known[k] for k in said.keys() & known.keys() if said[k] - known[k]}
        if not said.keys() & known.keys():
            return ""
        if not missing:
            return "confirm_yes"  # every value read back is one they gave
        # "No." and the thing they said of that kind (their likeliest source first)
        found = next(((t, v) for t, v in sources if missing.keys() & v.keys()), None)
        if found is None:
            return ""  # the value is of a kind only facts it is not about have
        text, theirs = found
        # the sentence that says theirs of the kind read back wrong, not another value
        # ("...delivery yesterday ..." is not the answer to "so you ordered the medium?")
        kinds = missing.keys() & theirs.keys()
        wrong_kind = set().union(*(theirs[k] for k in kinds))
        self.hear_value("correction", _sentence_with(text, wrong_kind))
        return "correct_fact"

    def _own_name_check(self, heard: Heard) -> str:
        """ "Raymond, was it?", "tim diaz, was it?", "your name is john whitford right": the
        caller's own name checked, in small letters too; yes when every word is theirs (or
        near: a recogniser's "karl"), "No, it's Raymond Diaz." when one of them is not."""
        text = heard.text
        if not (_READ_BACK_ASK.search(normalise(text)) or _checks_a_statement(text)):
            return ""
        said = _NAME_CHECK_FRAME.sub(" ", normalise(_read_back_part(heard))).split()
        name = [_bare(w) for w in self.scenario.caller.name.split() if len(_bare(w)) > 1]
        if not name or not 1 <= len(said) <= 3:
            return ""
        # near spellings only from a recogniser (small letters): typed "Dias" is not "Diaz"
        near = not any(c.isupper() for c in text)
        matched = [any(_same_name(w, n, near) for n in name) for w in said]
        if not any(matched):
            return ""
        if all(matched):
            return "confirm_yes"
        self.hear_value("correction", f"It's {self.scenario.caller.name}.")
        return "correct_fact"

    def _sentence_read_back(self, read: str, said: dict[str, set[str]]) -> str:
        """ "You have 40 pallets, yes?" is about the sentence that says pallets ("14
        pallets."), not every number the caller knows ("40 minutes out"): the one sentence
        of theirs that shares the most words with the read-back and says a value of the kind
        read back decides it (none when two tie, unless they agree). A verb that names a side
        of an order ("you ordered the 12 inch?", "so you received the large one?") keeps to
        the sentences of that side ("I ordered the large ..." / "I got the small ...")."""
        from simulator.engine.topics import order_sides, stems

        if any(len(vs) > 1 for vs in said.values()):
            return ""  # "the small one instead of the large?", "14 pallets at 2": not one fact
        value_words = {v for vs in said.values() for v in vs}
        words = stems(read) - value_words - _GENERIC_STEMS
        sides = order_sides(read)
        if not words and not sides:
            return ""
        found = _agreeing(said, self._closest_stated(said, words, sides))
        if len(found) != 1:
            return ""
        sentence, theirs = found[0]
        if all(said[k] <= theirs[k] for k in said.keys() & theirs.keys()):
            return "confirm_yes"
        self.hear_value("correction", sentence)
        return "correct_fact"

    def _both_sides_read_back(self, read: str) -> str:
        """ "So you got brown but wanted grey?": each side of the order read back in a clause
        of its own, each checked against the caller's sentence of that side; "No." and theirs
        when either is wrong."""
        from simulator.engine.topics import order_sides, values_in

        clauses = [c for c in _SIDE_BREAK.split(read) if c.strip()]
        if len(clauses) < 2 or len(order_sides(read)) < 2:
            return ""
        verdicts, theirs = [], []
        for clause in clauses:
            said = values_in(clause)
            if not said or len(order_sides(clause)) != 1:
                return ""
            verdicts.append(self._sentence_read_back(clause, said))
            if verdicts[-1] == "correct_fact":
                theirs.append(self.heard_value("correction"))
        if theirs:  # "No. I ordered brown. Both pairs came grey."
            self.hear_value("correction", " ".join(dict.fromkeys(theirs)))
            return "correct_fact"
        return "confirm_yes" if verdicts and all(v == "confirm_yes" for v in verdicts) else ""

    def _closest_stated(
        self, said: dict[str, set[str]], words: set[str], sides: frozenset[str]
    ) -> list[tuple[str, dict[str, set[str]]]]:
        """The caller's sentences that say a value of the kind read back and share the most
        with the read-back: its words, the side of the order counted as one (on a tie, the
        side decides)."""
        best: tuple[int, int] = (0, 0)
        found: list[tuple[str, dict[str, set[str]]]] = []
        for stated in self._stated_now():
            theirs = stated.values
            if not said.keys() & theirs.keys():
                continue
            if sides and stated.sides and not sides & stated.sides:
                continue  # "you ordered ..." is not checked against what they got
            if sides and len(stated.sides) > 1 and any(len(theirs.get(k, ())) > 1 for k in said):
                continue  # "I ordered the large and got the small one": which is which?
            side = len(sides & stated.sides)
            shared = (len(words & stated.stems) + side, side)
            theirs = _values_of_clause(stated, said, words)
            if shared > best:
                best, found = shared, [(stated.text, theirs)]
            elif shared == best and any(shared) and stated.text not in (f for f, _ in found):
                found.append((stated.text, theirs))
        return found

    def _name_read_back(self, heard: Heard) -> str:
        """ "Okay, so you're with Redline Freight?" to Ridgeline Freight, "that's for Kestrel
        Mining, right?" to Kestrel Manufacturing, "your name was Ray Dias?" to Ray Diaz: a
        name of theirs read back with one of its words wrong gets "No." and the name. The
        wrong word must be written as a name (capitalised) or be near the right one."""
        checks = heard.question or heard.acts & _CHECKS
        if not (checks or _READ_BACK_ASK.search(normalise(heard.text))):
            return ""
        # words compared only within a clause: "Thank you, Mr. Jensen. How can I help?" has
        # no name "Jensen How"
        clauses = [re.findall(r"[A-Za-z][\w'-]*", c) for c in _CLAUSE_BREAK.split(heard.text)]
        for name in self._names():
            wrong = any(_misread_name(said, name.split()) for said in clauses)
            if wrong:
                self.hear_value("correction", f"It's {name}.")
                return "correct_fact"
        return ""

    def _swapped_word_read_back(self, heard: Heard) -> str:
        """ "So he works in the office?" to a caller whose husband works in the warehouse,
        "the Tamara boots, right?" to one who ordered the Tamsin boots: a read-back that says
        one of their sentences with one word changed, for a word they never used, gets "No."
        and their sentence. The word must sit where theirs does, beside a word of the same
        sentence that says what (not "in" or "the" alone), so a paraphrase in other words
        throughout is not taken for a mistake."""
        checks = _READ_BACK_ASK.search(normalise(heard.text)) or heard.acts & _CHECKS
        if not (checks or _checks_a_statement(heard.text)):
            return ""
        if _OWN_ACTION.search(normalise(heard.text)):
            return ""  # "so I'll send the black ones, ok?" offers, it reads nothing back
        if _WH_ANYWHERE.search(normalise(_read_back_part(heard))):
            return ""  # "what did you say the order number was": asked, not said back
        said = _slot_words(_read_back_part(heard))
        known = self._own_vocabulary
        for stated in self._stated_now():
            if _swapped(said, stated.slots, known):
                self.hear_value("correction", stated.text)
                return "correct_fact"
        return ""

    def _place_read_back(self, heard: Heard) -> str:
        """ "In Minneapolis?", "so that's in Sacramento?": a place said back on its own is
        checked against where the caller said they are (their `address` fact): yes when it is
        a place of theirs, "No." and their address when it is another."""
        m = _PLACE_CHECK.match(heard.text.strip())
        address = next((f for f in self.scenario.caller.facts if f.topic == "address"), None)
        if not m or address is None or not address.say:
            return ""
        place = normalise(m.group("place")).split()
        if all(w in self._own_vocabulary for w in place):
            return "confirm_yes"
        self.hear_value("correction", address.say[0])
        return "correct_fact"

    def _stated_now(self) -> list[Stated]:
        """What the caller has stated, as read-backs are checked against it: their own
        sentences (read once per call) and the sentences of their last line."""
        return [*self._own_sentences, *map(_stated, _sentences(self.memory.last_words))]

    @cached_property
    def _own_sentences(self) -> list[Stated]:
        """The sentences the caller states (once per call): what their facts say and the lines
        that state their errand, not templates, not reactions ("No, I'd like the brown ones"
        answers an offer); their goal is a note about them, not a sentence of theirs."""
        s = self.scenario
        parts = [t for k, v in s.lines.items() if k in _STATING_LINES for t in v]
        parts += [t for f in s.caller.facts for t in f.say]
        return [_stated(t) for p in parts for t in _sentences(p) if "{" not in t]

    @cached_property
    def _own_vocabulary(self) -> frozenset[str]:
        """Every word the caller's own sentences use, and their crude stems."""
        words = set(normalise(self._own_words()).split())
        return frozenset(words | claim_words(" ".join(words)))

    def _names(self) -> list[str]:
        """The names in what the caller knows and said: theirs, the person they want, the
        firms and places written with capitals ("Ridgeline Freight", "St. Vincent's")."""
        cached: list[str] | None = getattr(self, "_name_list", None)
        if cached is None:  # the scenario does not change during a call: once per call
            c = self.scenario.caller
            found = [c.name, c.calling_for, c.expects.person]
            # each piece alone: "... on Friday" and "Hi, ..." make no name "Friday Hi"
            found += [n for part in self._own_parts for n in _CAPITALISED.findall(part)]
            cached = list(dict.fromkeys(n for n in found if n and len(n.split()) >= 2))
            self._name_list = cached
        return cached

    def _polarity_read_back(self, heard: Heard) -> str:
        """ "So the gate isn't locked?" to a caller whose gate is locked: "No." and theirs;
        "so you've called before?" to one who has: yes. Checked against the one sentence of
        their facts that says every word the read-back says (or two of them), by whether
        each says "not"."""
        if not _READ_BACK_ASK.search(normalise(heard.text)) or _OWN_ACTION.search(
            normalise(heard.text)
        ):
            return ""
        words = _claim_words(_read_back_part(heard)) - _ORDINALS  # "the second one": no claim
        if not words:
            return ""
        best, said, shared = "", "", 0
        told = [*(t for f in self.scenario.caller.facts for t in f.say)]
        told += self.scenario.lines.get("reason", ())  # what they rang to say counts too
        for text in told:
            for sentence in re.findall(r"[^.!?]+[.!?]?", text):
                # the clause that says it: "charged twice, and the second was never taken back"
                for clause in re.split(r",|;|\bbut\b|\band\b", sentence):
                    n = len(words & _claim_words(clause))
                    if n > shared and (n >= 2 or n == len(words)):
                        best, said, shared = sentence.strip(), clause, n
        if not best:
            return ""
        if _says_not(_read_back_part(heard)) == _says_not(said):
            return "confirm_yes"
        self.hear_value("correction", best)
        return "correct_fact"

    @cached_property
    def _fact_readings(self) -> list[FactReading]:
        """Each fact the caller can say, read once per call (the scenario does not change
        during it): a read-back is checked against these on every line that reads back."""
        from simulator.engine.topics import cues_for, stems, values_in

        readings = []
        for f in self.scenario.caller.facts:
            if not f.say:
                continue
            text = " ".join(f.say)
            about = stems(" ".join((*f.say, *cues_for(f), f.topic.replace("_", " "))))
            readings.append(FactReading(text, frozenset(about), values_in(text)))
        return readings

    def _read_back_sources(self, heard: Heard) -> list[str]:
        """What a read-back may be checking, likeliest first: the caller's last words, then
        the facts that share its words (what the fact says, its name, the words it is asked
        with), or, when none does, the one fact with a value of the kind read back."""
        from simulator.engine.topics import stems, values_in

        said = values_in(heard.text)
        value_words = {v for vs in said.values() for v in vs}
        words = stems(heard.text) - value_words - _GENERIC_STEMS
        facts = self._fact_readings
        scored = [(len(words & f.about), f.text) for f in facts]
        ranked = [text for n, text in sorted(scored, key=lambda p: -p[0]) if n > 0]
        if not ranked:  # "so the black ones?": the one fact that says a colour
            kinds = [f.text for f in facts if said.keys() & f.values.keys()]
            ranked = kinds if len(kinds) == 1 else []
        # their last words come first for a time read back ("so that's tomorrow morning?"
        # after they gave the time for the call), after the facts otherwise
        last = self.memory.last_words
        if not last:
            return ranked
        return [last, *ranked] if "time" in said and "time" in values_in(last) else [*ranked, last]

    def _spelling_read_back(self, heard: Heard) -> str:
        """ "Was that K O W A L S K I?": letters read back, checked against the caller's
        name and email; yes when right, the word spelled right when near."""
        from difflib import SequenceMatcher

        letters = "".join(re.findall(r"(?<![a-z])[a-z](?![a-z])", heard.text.lower()))
        if len(letters) < 3:
            return ""
        c = self.scenario.caller
        words = [w for w in re.split(r"[\s@.]+", f"{c.name} {c.email}".lower()) if len(w) > 2]
        if letters in words:
            return "confirm_yes"
        near = [w for w in words if SequenceMatcher(None, letters, w).ratio() >= 0.75]
        if not near:
            return ""
        self.hear_value("correction", " ".join(near[0].upper()))
        return "correct_detail"

    def _fact_numbers(self) -> list[str]:
        """Amounts and numbers of three digits or more in what the caller knows ("$960")."""
        says = (t for f in self.scenario.caller.facts for t in f.say)
        return [n for t in says for n in re.findall(r"\d[\d,]*\d", t) if len(n) >= 3]

    def _checked_understanding(self, heard: Heard, story_only: bool = False) -> str:
        """The agent says back what it understood, as a question: yes when it names what the
        caller came for (or their own name), "no, ..." and the reason again when it names
        another outcome or nothing about the call; otherwise no view (other answers follow).
        `story_only`: only the "no" for another story (another outcome, problem, errand,
        time or case), before any value read back is checked."""
        from scoring.call import content_stems

        c = self.scenario.caller
        if c.name and "name" in heard.text.lower() and _mentions(heard.text, c.name):
            return "" if story_only else "confirm_yes"
        if not self.memory.reason_given or _WH_FIRST.match(normalise(heard.asks or heard.text)):
            return ""  # "what did you say the order number was?" asks, it says nothing back
        shared = len(content_stems(heard.text) & self._goal_stems())
        on_goal = bool(shared) or self._same_outcome(heard.text)
        if "check_understanding" not in heard.acts and not on_goal:
            return ""  # a read-back of something else: the read-back check had its say
        if self._wrong_story(heard.text, shared):
            return "not_reason"
        if story_only:
            return ""
        if on_goal:
            return "confirm_yes"
        return "" if self._topical(heard.text) else "not_reason"

    def _wrong_story(self, text: str, shared: int) -> bool:
        """The read-back names another outcome, problem, errand, time or case than theirs;
        another outcome is the wrong reason ("so you'd like a refund for the planter?")
        unless the line tells the caller's own story in two of its words ("return the small
        one and get the large one")."""
        from scoring.call import content_stems

        if (self._other_outcome(text) and shared < 2) or self._other_problem(text):
            return True
        if (self._other_action(text) and shared < 2) or self._other_time(text):
            return True  # "so you're disputing the fee?" to a payer; "for next week?"
        if self._other_outcome(text) and not self._step_to_goal(text):
            # "so you need a refund on the cable ties?": the words of the story, the wrong ask
            if len(content_stems(text) & self._wanted_stems()) < 2:
                return True
        return self._other_case(text)  # "so you got the wrong size?" to a wrong-colour caller

    def _same_outcome(self, text: str) -> bool:
        """The line names the kind of outcome the caller came for in other words ("so you
        want to swap it?" to a caller who wants the size they ordered: a replacement)."""
        from simulator.engine.topics import outcomes_in

        c = self.scenario.caller
        wanted = outcomes_in(f"{c.goal} {c.expects.resolution}") - {"transfer"}
        return bool(wanted & outcomes_in(text))

    def _other_action(self, text: str) -> bool:
        """The read-back names a kind of thing to do (pay, leave a message, reach someone,
        dispute, book ...) that is not the kind the caller rang for, nor a way to it; a goal
        that names no kind has no view."""
        from simulator.engine.topics import action_kin, actions_in, outcomes_in

        said = actions_in(text)
        c = self.scenario.caller
        goal = f"{c.goal} {c.expects.resolution}"
        wanted = actions_in(goal) | outcomes_in(goal)
        if not said or not wanted:
            return False
        kinds = said | outcomes_in(text)
        return not (kinds & wanted or any(action_kin(k) & wanted for k in kinds))

    def _other_time(self, text: str) -> bool:
        """The read-back puts the goal at another time: "a new pickup for next week?" to a
        caller whose pickup is today (a day or more later than the goal's own time)."""
        from scoring.extract import timeframe_hours

        c = self.scenario.caller
        goal_h = timeframe_hours(f"{c.goal} {c.expects.resolution}")
        said_h = timeframe_hours(text) if goal_h is not None else None
        return said_h is not None and goal_h is not None and _later(said_h, goal_h)

    def _other_case(self, text: str) -> bool:
        """The read-back names a thing of the case ("size", "safety data sheet") that nothing
        the caller knows or said names; "a size 9?" reads back a value of one of their facts
        (checked as a value), not a problem with the size."""
        from simulator.engine.topics import case_kin, case_words_in, values_in

        own = f" {normalise(self._own_words())} "
        valued = "number" in values_in(text)
        topics = {f.topic for f in self.scenario.caller.facts}
        return any(
            not any(f" {kin} " in own for kin in case_kin(word)) and not (valued and word in topics)
            for word in case_words_in(text)
        )

    def _other_problem(self, text: str) -> bool:
        """The line names something gone wrong ("they arrived damaged?") that nothing the
        caller knows or said names: it is not their problem."""
        from simulator.engine.topics import problems_in

        said = problems_in(self._own_words())
        return bool(problems_in(text) - said)

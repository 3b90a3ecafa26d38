"""Which of the caller's facts an agent's question asks about.

The cue words agents use for each topic live in `data/topics.yaml` (with
examples and counter-examples that the tests check); a scenario's fact may
bring its own cues. One regular expression per scenario finds the topics in a
line's normal form, so a question costs one search however many facts there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from scoring.normalise import normalise
from simulator.scenario.model import Fact, Scenario

TOPICS_FILE = Path(__file__).resolve().parent / "data" / "topics.yaml"

_QUESTION_START = re.compile(
    r"^(?:(?:so|and|okay|ok|alright|right|um|uh|now|then|also|sorry|oh|well|great|thanks|hello|"
    r"thank you|perfect|got it|sure)\s+)*(?:what|which|when|where|who|whom|whose|why|how|"
    r"do|did|does|is|are|was|were|can|could|would|will|have|has|had|may|might|shall|should|"
    r"any|tell me|let me know|whereabouts)\b"
)

_CLAUSE = re.compile(r"[,;:\u2014]|\s-\s")
#: words that lead into a clause without saying anything ("so", "anyway", "um")
_LEADS = r"^(?:(?:so|and|anyway|now|but|then|okay|ok|um|uh|well|right|just|also)\s+)*"
#: a clause after the first that asks, in a spoken line with no question mark
_ASKING_CLAUSE = re.compile(
    _LEADS
    + r"(?:what|which|when|where|who|why|how)\s+(?:was|is|were|are|did|do|does|can|could|would|"
    r"will|s|re|much|many|long)\b|^(?:can|could|would|will|do|did|is|are|have|has) "
    r"(?:you|i|we|it|that|this|they|he|she)\b"
)
#: "for security, can you confirm ...", "just to check, do you ...": a question whose asking
#: words follow a short lead-in (spoken lines arrive with no question mark)
_ASKS_AFTER_LEAD_IN = re.compile(
    r"^(?:\S+\s+){0,4}?(?:can|could|would|will|do|did|may) (?:you|i|we)\b"
)


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return data


def outcomes_in(text: str) -> frozenset[str]:
    """The kinds of outcome a line names (refund, replacement ...: `outcomes` in the data)."""
    return _kinds_in("outcomes", text)


def actions_in(text: str) -> frozenset[str]:
    """The kinds of thing a line says the caller rings to do (pay, leave a message, reach
    someone, dispute, book ...: `actions` in the data), for read-backs of the reason."""
    return _kinds_in("actions", text)


def other_ids_in(text: str) -> frozenset[str]:
    """The kinds of identifier besides the caller's account number a line names (a date of
    birth, a card number ...: `other_ids` in the data)."""
    return _kinds_in("other_ids", text)


_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
    if w != "one"  # "the wrong one", "the black ones": a pronoun far more often than a number
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
     "ninety": "90", "hundred": "100", "half": "0.5"}  # fmt: skip


def values_in(text: str) -> dict[str, set[str]]:
    """The values a line says, by kind: numbers (spoken or digits, "$1,240" as 1240), times,
    colours, materials, sizes (`value_words` in the data)."""
    t = normalise(re.sub(r"(?<=\d),(?=\d{3})", "", text))
    words = t.split()
    found: dict[str, set[str]] = {}
    numbers = {_NUMBER_WORDS.get(w, w) for w in words if w.isdigit() or w in _NUMBER_WORDS}
    if numbers:
        found["number"] = numbers
    for kind, listed in _data()["value_words"].items():
        said = set(words) & set(listed)
        if said:
            found[kind] = said
    return found


def action_kin(kind: str) -> frozenset[str]:
    """The goal kinds a said-back kind is a way to (`action_kin` in the data)."""
    return frozenset(_data().get("action_kin", {}).get(kind, ()))


@cache
def _kind_patterns(section: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"))
        for name, words in _data()[section].items()
    )


def _kinds_in(section: str, text: str) -> frozenset[str]:
    t = normalise(text)
    return frozenset(name for name, pattern in _kind_patterns(section) if pattern.search(t))


@cache
def topic_cues() -> Mapping[str, tuple[str, ...]]:
    """topic -> cue phrases, from the data file (read once)."""
    return {name: tuple(entry["cues"]) for name, entry in _data()["topics"].items()}


@cache
def _ignored() -> re.Pattern[str]:
    phrases = sorted((normalise(p) for p in _data()["ignore"]), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b")


def cues_for(fact: Fact) -> tuple[str, ...]:
    """A fact's own cues and its known topic's (an author's `ask:` words add to the ones
    every agent uses, not replace them), else the words of its key."""
    known = topic_cues().get(fact.topic, ())
    if fact.cues or known:
        return fact.cues + tuple(c for c in known if c not in fact.cues)
    return (fact.topic.replace("_", " "),)


_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def question_part(text: str) -> str:
    """The sentences of a line that ask something ('' when none does)."""
    parts = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    if len(parts) <= 1:
        return _asking_clauses(text) if is_question(text) else ""
    return " ".join(_asking_clauses(p) for p in parts if is_question(p))


_WH_LED = re.compile(_LEADS + r"(?:what|which|when|where|who|why|how)\b")


#: a trailing "which one?" that asks about what the sentence said before it
_REFERS_BACK = re.compile(
    _LEADS
    + r"(?:which|what)\b(?: one| of (?:these|those|them|the \w+))?(?: (?:do|would|will|should|"
    r"did) (?:you|we|i))?(?: (?:want|prefer|like|rather|choose|pick|go for|think|say))?"
    r"(?: (?:best|better|more|most))?\??$|^(?:which|what) (?:is|s|would be) (?:better|best|"
    r"easier|easiest)\b"
)


def _asking_clauses(sentence: str) -> str:
    """A long spoken sentence that asks only in a later clause ("we've had issues with the
    sizes lately, so when did it arrive, and I'll see"): from that clause on, so the
    remarks before it are not taken for what is asked."""
    t = normalise(sentence)
    if _QUESTION_START.match(t) or _ASKS_AFTER_LEAD_IN.match(t) or ends_with_tag(sentence):
        return sentence  # "the flagstone is not cracked, is it?" asks the whole of it
    clauses = _CLAUSE.split(sentence)
    for clause in clauses[1:]:
        words = normalise(clause)
        if _REFERS_BACK.match(words):
            return sentence  # "..., or a credit, which do you want": the options are the ask
        if _ASKING_CLAUSE.match(words) and _WH_LED.match(words) and len(words.split()) >= 3:
            start = sentence.find(clause.strip())
            return sentence[start:] if start >= 0 else sentence
    return sentence


#: a question tag that ends a statement: "the audit is friday, isn't it", "you walk to work,
#: don't you", "the planter isnt damaged is it" (typed or spoken, with no question mark)
_TAG_END = re.compile(
    r"\b(?:is|was|are|were|do|does|did|has|have|had|can|could|will|would|should)(?: not| nt)? "
    r"(?:it|you|he|she|they|we|there|that)$"
)
_TAGGED = re.compile(
    r"\b(?:isn t|wasn t|aren t|weren t|don t|doesn t|didn t|hasn t|haven t|hadn t|can t|"
    r"couldn t|won t|wouldn t|shouldn t) (?:it|you|he|she|they|we|there|that)$"
)


def ends_with_tag(text: str) -> bool:
    """A statement with a question tag at its end (not "how many was it", a question anyway;
    not "here you are", where no verb comes first)."""
    t = normalise(text)
    if len(t.split()) < 3 or _WH_INSIDE.search(t):
        return False
    return bool(_TAGGED.search(t) or _TAG_END.search(t))


def bare_choice(text: str) -> bool:
    """ "transfer or message?", "email or post": an either/or put in a few words."""
    return bool(_BARE_CHOICE.match(normalise(text)))


def is_question(text: str) -> bool:
    """The line asks something: a question mark, or a question's first words when spoken."""
    if text.rstrip().endswith("?"):
        return True
    t = normalise(text)
    if ends_with_tag(text):
        return True
    if _QUESTION_START.match(t) or _ASKS_AFTER_LEAD_IN.match(t):
        return True
    clauses = _CLAUSE.split(text)[1:]  # "sorry, I'm new here, what was it you needed again"
    if any(_ASKING_CLAUSE.match(normalise(c)) for c in clauses):
        return True
    if _BARE_CHOICE.match(t):
        return True  # "transfer or message", "email or post": a choice put in two words
    # "meter where is located", "please you tell me when bill is come": a short line with a
    # question word inside it, not a statement that embeds one ("I'll tell you when it's in")
    words = t.split()
    return len(words) <= 9 and bool(_WH_INSIDE.search(t)) and not _STATES.match(t)


#: a bare either/or of a few words, with no subject or verb before it ("transfer or message")
_BARE_CHOICE = re.compile(
    r"^(?:(?:so|and|ok|okay|then)\s+)?(?!(?:is|are|was|were|do|does|did|can|could|will|would|"
    r"should|shall|have|has|had|it|you|i|we|they|he|she|that|this|there|what|which|when|where|"
    r"who|why|how|either)\b)(?:\w+\s+){0,3}?\w+ or (?:\w+\s*){1,3}$"
)
_WH_INSIDE = re.compile(r"\b(?:what|when|where|which|who|how)\b(?! (?:i|we) (?:can|will|could)\b)")
#: a line that states something, whatever question word it carries
_STATES = re.compile(
    r"^(?:(?:ok|okay|so|and|well|right|yes|no|sure|great|thanks|thank you) )*(?:i|we|let|let s|"
    r"let me|that|this|it|there|here|you will|you ll|you can|he|she|they|our|my|just|no matter|"
    r"not sure|i m|we re|somebody|someone|nobody)\b"
)

#: facts every caller has, unless the scenario gives its own: why they called, that they
#: are still on the line, and whether they called about it before
DEFAULT_FACTS: tuple[Fact, ...] = (
    Fact("why_calling", (), ("I'm calling to {goal}.", "Like I said, I need to {goal}.")),
    Fact("presence", (), ("Yes, I'm here.", "Yes, I'm still here.", "I'm here, yes.")),
    # "what seems to be the problem?" to a caller whose scenario names none: the reason again
    Fact("problem", (), ("Like I said, I need to {goal}.", "As I said, I'm calling to {goal}.")),
    Fact(
        "happened_before",
        (),
        ("It's the first time, it's never happened before.", "No, this is the first time."),
    ),
    Fact(
        "previous_contact",
        (),
        ("It's the first time I've called about it.", "This is my first call about it."),
    ),
)
#: ... and a caller who has been in touch before (a second request, a transferred call)
_CALLED_BEFORE = Fact(
    "previous_contact",
    (),
    ("I've called about this before.", "I've been in touch about this already."),
)


#: the number they rang: a wrong-number caller rang the one they have for someone else
_DIALLED = Fact("dialled", (), ("Your main number, the one on your website.",))
_DIALLED_WRONG = Fact("dialled", (), ("The number I have for {calling_for}.",))


def facts_of(scenario: Scenario) -> tuple[Fact, ...]:
    """The scenario caller's facts, with the defaults it does not override."""
    own = scenario.caller.facts
    topics = {f.topic for f in own}
    context = set(scenario.context)
    before = {"second_request", "already_transferred"} & context
    defaults = [
        _CALLED_BEFORE if before and f.topic == "previous_contact" else f for f in DEFAULT_FACTS
    ]
    if "wrong_number" in context and scenario.caller.calling_for:
        defaults.append(_DIALLED_WRONG)
    elif "spam" not in context:  # a cold caller's list is their own reaction
        defaults.append(_DIALLED)
    reason = scenario.line("reason")
    if reason and "spam" not in context:  # "is everything okay?": no, and why they call
        defaults.append(Fact("everything_ok", (), tuple(f"No, not really. {r}" for r in reason)))
    person = scenario.caller.expects.person
    said = next((f.say for f in own if f.topic == "person"), ())
    if said:  # "what's his first name?": what they know of him ("Richard Cloud, my advisor")
        defaults.append(Fact("person_name", (), said))
    elif person and len(person.split()) > 1:  # "what's his last name?" of the one they want
        defaults.append(Fact("person_name", (), (f"It's {person}.",)))
    return own + tuple(f for f in defaults if f.topic not in topics)


@cache
def whole_line_cues() -> Mapping[str, str]:
    """normal form of a whole line -> the topic it asks ("hello?" asks if they are there)."""
    return {
        normalise(cue): name
        for name, entry in _data()["topics"].items()
        for cue in entry.get("whole", ())
    }


@cache
def _commitments() -> re.Pattern[str]:
    words = sorted((normalise(p) for p in _data()["commitments"]), key=len, reverse=True)
    # "we have great retirement experts here" has, it does not commit ("we have sent it" does)
    said = "|".join(map(re.escape, words))
    return re.compile(r"\b(?:" + said + r")\b(?:" + _NOT_POSSESSION + ")")


#: after "i have" / "we have": what follows when the words say what they have
_NOT_POSSESSION = (
    r"(?<!\bi have)(?<!\bwe have)"
    r"|(?<=\bhave)(?! (?:a lot|lots|some great|great|many|plenty|several|loads|lovely|good|"
    r"excellent|wonderful|amazing|the best|experts?|people|staff|advisors?|specialists?|other)\b)"
)


@cache
def _nods() -> re.Pattern[str]:
    words = sorted((normalise(p) for p in _data()["nods"]), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def nods_to(text: str) -> bool:
    """A short wait or a small action of the agent's: the caller just says okay."""
    return bool(_nods().search(normalise(text)))


#: a clipped word or two with "#" for "number" ("chk#", "cb#?", "acct #")
_TERSE_NUMBER = re.compile(r"(?:(?:and|so|ok|okay|your|the)\s+)*([a-z]+(?: [a-z]+)?)\s*#\s*\??")


def plain_words(text: str) -> str:
    """An agent's idioms and a recogniser's homophones as the plain words they mean ("pop you
    on hold for a tick" -> "put you on hold for a moment"); the line unchanged when it has
    none (`idioms` in the data)."""
    normal = normalise(text)
    terse = _data()["terse_asks"].get(re.sub(r"\s*\bplease\b\s*", " ", normal).strip())
    if terse and "?" in text:
        return terse + "?"
    if numbered := _TERSE_NUMBER.fullmatch(text.strip().lower()):
        word = numbered.group(1).strip()
        return _data()["terse_numbers"].get(word, f"what is the {word} number") + "?"
    table, pattern, cased = _idioms()
    if not pattern.search(normal):
        return text
    # on the line as typed where the idiom is written the same way, so "AR" stays "AR"
    kept = cased.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)
    again = normalise(kept)
    if kept != text and pattern.sub(lambda m: table[m.group(0)], again) == again:
        return kept
    return pattern.sub(lambda m: table[m.group(0)], normal)


@cache
def _idioms() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """The table, its pattern on the normal form, and the same pattern blind to case (for
    the line as typed)."""
    table = {normalise(k): v for k, v in _data()["idioms"].items()}
    keys = sorted(table, key=len, reverse=True)
    source = r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b"
    return table, re.compile(source), re.compile(source, re.I)


def bad_news(text: str) -> bool:
    """News bad for the caller in plain words ("you've been flagged for collections")."""
    return bool(_phrases("bad_news").search(normalise(text)))


def order_sides(text: str) -> frozenset[str]:
    """Which side of an order a line speaks of, by its verbs: what the caller asked for,
    what they got, or both (`order_sides` in the data)."""
    return _kinds_in("order_sides", text)


def setback(text: str) -> bool:
    """A finding against the caller said with a negation or a limit ("he doesn't work here
    anymore", "we can only take checks"), not a reassurance ("no problem"): `setbacks`."""
    t = normalise(text)
    return bool(_phrases("setbacks").search(t)) and not _phrases("reassures").search(t)


def narrates(text: str) -> bool:
    """The whole line is the agent narrating their screen ("I can see your order here")."""
    return bool(_narration().match(normalise(text)))


@cache
def _narration() -> re.Pattern[str]:
    return re.compile(_data()["narration"])


def makes_light(text: str) -> bool:
    """The caller's trouble joked about or waved away ("thirty bucks, big deal, right?")."""
    return bool(_phrases("makes_light").search(normalise(text)))


def blames_caller(text: str) -> bool:
    """The fault put on the caller ("a labelling error on your end")."""
    return bool(_phrases("blames_caller").search(normalise(text)))


def explains(text: str) -> bool:
    """The agent is about to explain something ("let me explain"): the caller lets them."""
    return bool(_explains().search(normalise(text)))


@cache
def _explains() -> re.Pattern[str]:
    return _phrases("explains")


@cache
def _phrases(key: str) -> re.Pattern[str]:
    words = sorted((normalise(p) for p in _data()[key]), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


@cache
def _goal_kinds() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return _phrases("information_goals"), _phrases("actions_after"), _phrases("hedges")


def wants_answer(goal: str) -> tuple[bool, bool]:
    """(the caller came for an answer, an answer alone meets the goal)."""
    info, action, _ = _goal_kinds()
    g = normalise(goal)
    asks = bool(info.match(g))
    return asks, asks and not action.search(g)


@cache
def _answer_shapes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    ends = "|".join(map(re.escape, (normalise(w) for w in _data()["unfinished_ends"])))
    leads = sorted((normalise(p) for p in _data()["answer_leads"]), key=len, reverse=True)
    return (
        re.compile(rf"\b(?:{ends})$"),
        re.compile(r"^(?:" + "|".join(map(re.escape, leads)) + r")\b"),
        _phrases("is_that_all"),
    )


@cache
def _problems() -> re.Pattern[str]:
    return _phrases("problem_words")


def case_words_in(text: str) -> frozenset[str]:
    """The things about a caller's case a read-back can name ("size", "safety data sheet")."""
    return frozenset(m.group(0) for m in _case_words().finditer(normalise(text)))


@cache
def _case_words() -> re.Pattern[str]:
    return _phrases("case_words")


def case_kin(word: str) -> tuple[str, ...]:
    """The words that name the same thing of a case ("size": large, small, inch ...)."""
    return tuple(normalise(w) for w in _data().get("case_kin", {}).get(word, (word,)))


def problems_in(text: str) -> frozenset[str]:
    """The things-gone-wrong a line names ("damaged", "charged twice")."""
    return frozenset(m.group(0) for m in _problems().finditer(normalise(text)))


def unfinished(text: str) -> bool:
    """The line trails off ("so the boots um"): the agent has not said their piece yet."""
    return bool(_answer_shapes()[0].search(normalise(text)))


def leads_with_answer(text: str) -> bool:
    """The line opens with a yes or a no ("yes they are waterproof")."""
    return bool(_answer_shapes()[1].match(normalise(text)))


def asks_is_that_all(text: str) -> bool:
    """ "Is that everything?" wants a yes where "anything else?" wants a no."""
    return bool(_answer_shapes()[2].search(normalise(text)))


@cache
def _requests() -> re.Pattern[str]:
    verbs = sorted((normalise(p) for p in _data()["requests_of_caller"]), key=len, reverse=True)
    return re.compile(
        r"^(?:(?:so|and|ok|okay|well|also|then|um|uh|great|right|sure)\s+)*"
        r"(?:(?:can|could|would|will) you (?:please |just |possibly |kindly |maybe )*"
        r"|would you mind (?:just )?)(?:" + "|".join(map(re.escape, verbs)) + r")(?:ing)?\b"
    )


def asks_caller_to_act(text: str) -> bool:
    """The question asks the caller to do something ("could you send us a photo?"): a
    request they can meet, not a question about what they know."""
    return bool(_requests().match(normalise(text)))


def hedges(text: str) -> bool:
    """The line hedges ("I think", "probably", "not sure"): it is no answer."""
    return bool(_goal_kinds()[2].search(normalise(text)))


def commits(text: str) -> bool:
    """The line commits the agent to something ("I have issued", "we will send", "I am
    making the exchange now", "I placed an exchange", "the large one ships tomorrow",
    "Daniel will call you back")."""
    t = normalise(text)
    return bool(_commitments().search(t) or _UNDER_WAY.search(t))


#: a commitment said as a thing under way or done, or a colleague's promise
#: a learner's present for what the agent is doing now ("I correct it to 112 now")
DOING_NOW = (
    r"\bi (?:correct|fix|change|update|adjust|reverse|refund|remove|cancel|send|credit) "
    r"(?:it|that|this|them|the \w+)\b.*\bnow\b"
)
_UNDER_WAY = re.compile(
    r"\b(?:i am|i m|we are|we re) (?:\w+ing)\b(?! (?:to|for|about|into)\b)|"
    r"^(?:(?:ok|okay|so|right|alright|great)\s+)*(?:i|we) (?:placed|ordered|booked|sent|issued|"
    r"arranged|processed|refunded|reversed|credited|waived|cancelled|canceled|set up|put in|"
    r"put through|scheduled)\b|"
    r"\b(?:ships|will ship|is shipping|goes out|will go out|is going out|will be (?:sent|shipped|"
    r"delivered|with you|there|refunded|credited|reversed))\b|"
    r"\b(?:will|is going to|s going to) (?:call|ring|phone|email) (?:you|u)\b|"
    r"\b(?:is|s|are|re|has been|have been) (?:all )?(?:done|complete|completed|processed|"
    r"sorted|fixed|attached|back in your account)\b|" + DOING_NOW
)


#: the question word a cue or a question starts with
_FIRST_WH = re.compile(r"^(?:\w+ ){0,2}?(what|when|where|why|how|which|who)\b")
#: "what did you say you ordered?" asks what they ordered: the "did you say" frame is no cue
_SAID_FRAME = re.compile(
    r"\b(what|when|where|which|who|how much|how many) (?:did|do) you (?:say|tell me|mention)"
    r"(?: that)?(?= (?:you|they|he|she)\b)"
)
#: words of a cue that only frame a question: "what do you need it for" says "need"
_LOOSE_STOP = frozenset("what when where why how which who get want know tell".split())


def asks_what_was_said(text: str) -> bool:
    """ "What did you say you ordered?": a question about a thing they said, not "say again"."""
    return bool(_SAID_FRAME.search(normalise(text)))


class TopicFinder:
    """Finds the first of a scenario's facts that a line asks about."""

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self._facts = {f.topic: f for f in facts}
        self._by_cue: dict[str, str] = {}
        for fact in facts:
            for cue in cues_for(fact):
                self._by_cue.setdefault(normalise(cue), fact.topic)
        cues = sorted(self._by_cue, key=len, reverse=True)  # the longest cue wins
        alternatives = "|".join(map(re.escape, cues))
        # every cue at every position, so that of two cues that overlap the longer decides
        self._rx = re.compile(r"\b(?=(" + alternatives + r")\b)") if cues else None

    def loosely(self, text: str) -> Fact | None:
        """The fact whose question-word cue the question says with other words between:
        "why is the invoice so late?" asks "why so late", "what do you need the planter
        for?" asks "what do you need it for". The cue's question word must be the line's,
        and every word of the cue that says what must be in the question; of several, the
        cue with the most such words, and none when two facts tie."""
        asked = _SAID_FRAME.sub(r"\1 ", normalise(question_part(text)))
        wh = _FIRST_WH.search(asked)
        if not wh:
            return None
        said = claim_words(asked)
        best: dict[int, set[str]] = {}
        for cue, topic in self._loose.get(wh.group(1), ()):
            if cue <= said:
                best.setdefault(len(cue), set()).add(topic)
        if not best:
            return None
        topics = best[max(best)]
        return self._facts[next(iter(topics))] if len(topics) == 1 else None

    @cached_property
    def _loose(self) -> dict[str, list[tuple[frozenset[str], str]]]:
        out: dict[str, list[tuple[frozenset[str], str]]] = {}
        for cue, topic in self._by_cue.items():
            wh = _FIRST_WH.match(cue)
            words = claim_words(cue) - _LOOSE_STOP
            if wh and words:
                out.setdefault(wh.group(1), []).append((frozenset(words), topic))
        return out

    def named_in(self, text: str) -> Fact | None:
        """The first fact whose cue the line names anywhere, asked or not."""
        cue = self._cue_in(normalise(text))
        return self._facts[self._by_cue[cue]] if cue else None

    def _cue_in(self, text: str) -> str:
        """The first cue in the line, or a longer one that overlaps it ("which department
        sent you" asks who sent them, not which department): the more specific words win."""
        return next(self._cues(text), "")

    def _cues(self, text: str) -> Iterator[str]:
        """The line's cues in order, of any that overlap the longest, in one pass."""
        if self._rx is None:
            return
        best, end = "", -1
        for m in self._rx.finditer(_ignored().sub(" ", text)):
            if best and m.start() >= end:
                yield best
                best, end = "", -1
            cue = m.group(1)
            if len(cue) > len(best):
                best, end = cue, max(end, m.start() + len(cue))
        if best:
            yield best

    def also_asked(self, text: str, first: Fact) -> tuple[Fact, ...]:
        """Other facts the same question asks for, joined by "and" ("what size and colour did
        you order?"): the next cue that names another fact."""
        asked = question_part(text)
        if " and " not in f" {normalise(asked)} ":
            return ()
        others = (self._facts[self._by_cue[c]] for c in self._cues(normalise(asked)))
        return tuple(f for f in others if f.topic != first.topic)[:1]

    def by_topic(self, topic: str) -> Fact | None:
        """The fact of that topic, if the caller has one."""
        return self._facts.get(topic)

    def cue_asked(self, text: str) -> str:
        """The cue that decided `find` ("" when none did)."""
        asked = question_part(text)
        return self._cue_in(normalise(asked)) if self._rx is not None and asked else ""

    def find(self, text: str) -> Fact | None:
        """The fact a question asks about (None for a statement, or no fact's cue).

        Only the sentences that ask are searched: "I'll pass on your message about your
        profile. Anything else?" does not ask about the profile."""
        whole = whole_line_cues().get(normalise(text))
        if whole in self._facts:
            return self._facts[whole]
        asked = question_part(text)
        if self._rx is None or not asked:
            return None
        cue = self._cue_in(normalise(asked))
        return self._facts[self._by_cue[cue]] if cue else None


def topic_of(text: str) -> str | None:
    """The known topic a question asks about, ignoring any scenario (for the data's tests)."""
    facts = tuple(Fact(name, (), ("",)) for name in topic_cues())
    found = _all_topics(facts).find(text)
    return found.topic if found else None


@cache
def _all_topics(facts: tuple[Fact, ...]) -> TopicFinder:
    return TopicFinder(facts)


@lru_cache(maxsize=256)
def finder(facts: tuple[Fact, ...]) -> TopicFinder:
    """One `TopicFinder` per set of facts (it holds no state of a call), so a new call of a
    scenario does not compile the same cue pattern again."""
    return TopicFinder(facts)


class FactByWords:
    """The last resort for a question no cue matched: the caller's one fact that shares the
    question's rarer words ("what car is the loan for?" -> "It's my auto loan, on my 2021
    Civic"). Words said in three or more facts ("order", the item's name) tell nothing; a
    word of the fact's name counts half again (the author named it for what it is about:
    "the trucking company" is the `company`, not the driver's truck); a fact named for the
    opposite of what is asked is no answer ("the new firm" is not the `old_firm`); between
    facts that score alike, the one with the kind of answer the question wants ("when" ->
    a day) wins, or the first for a yes-or-no question ("do you need it signed?"), else a
    tie is no answer. A person answers from what they know, whatever words were used."""

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        from collections import Counter

        self._facts = tuple(f for f in facts if f.say)
        # what the fact says and its name, not its cue words: "going to put" (what goes in
        # the planter) must not answer "can I put you on hold"
        says = [stems(" ".join(f.say)) for f in self._facts]
        names = [stems(f.topic.replace("_", " ")) for f in self._facts]
        seen = Counter(s for said, name in zip(says, names, strict=True) for s in said | name)
        # a word in one fact says more than a word in two: "do you need it signed?" is the
        # fact that says "signed", not the one asked with "what do you need"
        self._weights = [
            {s: (1.5 if s in name else 1.0) / seen[s] for s in said | name if seen[s] <= 2}
            for said, name in zip(says, names, strict=True)
        ]
        self._names = [set(normalise(f.topic.replace("_", " ")).split()) for f in self._facts]
        self._cues = finder(self._facts)

    def find(self, question: str) -> Fact | None:
        asked = stems(question)
        words = set(normalise(question).split())
        against = {o for w in words for o in _data()["opposites"].get(w, ())}
        loose = self._cues.loosely(question)  # "why is the invoice so late?": "why so late"
        if loose is not None and not (set(loose.topic.split("_")) & against) - words:
            return loose
        if not _ASKS_ID.search(question):  # "where is the meter?" is not the meter number
            against |= _NUMBER_NAMES
        scores = [
            0.0 if (name & against) - words else sum(w.get(s, 0.0) for s in asked)
            for w, name in zip(self._weights, self._names, strict=True)
        ]
        best = max(scores, default=0.0)
        if best == 0:
            return _by_topic(question, list(self._facts))
        tied = [f for f, s in zip(self._facts, scores, strict=True) if s == best]
        fact = tied[0] if len(tied) == 1 else _by_kind(question, tied)
        if fact is None:
            return None
        fact = _answers_kind(question, fact, self._facts)
        if _ASKS_ID.search(question) and not any(_HAS_ID.search(t) for t in fact.say):
            return None  # "what item numbers are on the pallets?" is not "14 pallets"
        return fact


#: words a claim is made of, beside who and whether ("so you have called before about this")
_CLAIM_STOP = frozenset(
    "so you i we they he she it this that these those the a an have has had be been being is are "
    "was were am do does did done to of for on in at with about and or but my your our their his "
    "her its me us them not no never nothing yet still already ever just really actually then "
    "before again earlier previously ago "
    "there here what which right ok okay s re ve ll d t".split()
)


def is_function_word(word: str) -> bool:
    """A word that says who, whether or where rather than what ("in", "your", "was"), in the
    normal form."""
    return word in _CLAIM_STOP


def claim_words(text: str) -> set[str]:
    """A line's words as a claim, crudely stemmed ("called" and "call", "refunded" and
    "refund" meet), with who and whether left out."""
    out = set()
    for w in normalise(text).split():
        if w in _CLAIM_STOP:
            continue
        w = word_base(w)
        for end in ("ing", "ed", "es", "s"):
            if w.endswith(end) and len(w) - len(end) >= 3:
                w = w[: -len(end)]
                break
        out.add(w)
    return out


def word_base(word: str) -> str:
    """An irregular form as its base word ("fell" -> "fall"; `word_forms` in the data)."""
    forms: dict[str, str] = _data()["word_forms"]
    return forms.get(word, word)


def stems(text: str) -> set[str]:
    """Content stems with irregular forms as their base word ("fell" -> "fall")."""
    from scoring.call import content_stems

    forms: dict[str, str] = _data()["word_forms"]
    words = normalise(text).split()
    return content_stems(" ".join(forms.get(w, w) for w in words))


_YES_NO = re.compile(r"^(?:do|does|did|is|are|was|were|have|has|had)\b")
_KINDS = {
    "date": "when", "day": "when", "time": "when", "how many": "how_much", "how much": "how_much",
    "how big": "extent", "how bad": "extent", "how serious": "extent", "how deep": "extent",
}  # fmt: skip
_WH_KIND = re.compile(
    r"\b(when|where|how much|how many|how big|how bad|how serious|how deep|date|day|time)\b"
)


_NUMBER_NAMES = frozenset({"number", "id", "code", "reference", "ref"})
_WH_TOPIC = re.compile(r"\b(when|where|who|why|how much|how many)\b")


def _by_topic(question: str, facts: list[Fact]) -> Fact | None:
    """The one fact named for what the question word asks ("where's he at now?" ->
    `location`), else none."""
    m = _WH_TOPIC.search(normalise(question))
    if not m:
        return None
    kind = _KINDS.get(m.group(1), m.group(1))
    named = [f for f in facts if f.topic in _data()["answer_topics"].get(kind, ())]
    return named[0] if len(named) == 1 else None


def _answers_kind(question: str, fact: Fact, facts: tuple[Fact, ...]) -> Fact:
    """ "Where is the driver now?" shares "driver" with the driver's name, but asks where:
    when the fact the words found says nothing of the kind asked (a place, a day, an
    amount), the fact named for that kind answers, if it says it."""
    m = _WH_KIND.search(normalise(question))
    if not m:
        return fact
    kind = _KINDS.get(m.group(1), m.group(1))
    rx = _kind_rx(kind, digits=kind != "where")  # "truck 212" is no place
    if any(rx.search(normalise(t)) for t in fact.say):
        return fact
    topics = _data()["answer_topics"].get(kind, ())
    named = sorted((f for f in facts if f.topic in topics), key=lambda f: topics.index(f.topic))
    fits = [f for f in named if any(rx.search(normalise(t)) for t in f.say)]
    return fits[0] if fits else fact


@cache
def _kind_rx(kind: str, digits: bool = True) -> re.Pattern[str]:
    """The words that say an answer of that kind (`answer_kinds`), or any digit."""
    words = _data()["answer_kinds"][kind]
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, words)) + r")\b" + (r"|\d" if digits else "")
    )


def _by_kind(question: str, tied: list[Fact]) -> Fact | None:
    """Among facts that share the asked words alike: the one that says the kind of thing the
    question asks for, the first for a yes-or-no question, else none."""
    q = normalise(question)
    m = _WH_KIND.search(q)
    if m:
        kind = _KINDS.get(m.group(1), m.group(1))
        rx = _kind_rx(kind)
        fits = [f for f in tied if any(rx.search(normalise(t)) for t in f.say)]
        if len(fits) == 1:
            return fits[0]
        # several say it: the one named for it, else the shortest (the most to the point)
        named = _by_topic(question, fits or tied)
        return named or (min(fits, key=lambda f: len(" ".join(f.say))) if fits else None)
    return tied[0] if _YES_NO.match(q) else None


_ASKS_ID = re.compile(r"\b(?:numbers?|codes?|ids?|sku|serial|reference)\b", re.I)
_HAS_ID = re.compile(r"\d{3,}|\b[A-Z]{1,4}[- ]?\d{2,}")

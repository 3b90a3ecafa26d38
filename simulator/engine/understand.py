"""What the caller takes from an agent line: its acts, and the content they carry.

Act labels alone leave a caller deaf to what was actually said: the time
frame promised, the number read back, the fact asked about. `Understanding`
turns one agent line into a `Heard` value with all of it, through the
grader's own recogniser and extractors, so the caller and the grader hear the
same line the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.normalise import normalise
from simulator.engine.hearing import Recogniser, gives_number, jargon_detector
from simulator.engine.topics import (
    FactByWords,
    bad_news,
    blames_caller,
    claim_words,
    facts_of,
    finder,
    is_question,
    makes_light,
    plain_words,
    question_part,
)
from simulator.engine.word_order import learner_order
from simulator.scenario.model import Fact, Scenario

#: a time frame as said, to echo back ("within one to two business days?").
_TIMEFRAME = re.compile(
    r"\b(?:(?:within|in|over|after|for) (?:the )?(?:next )?(?:about |around |another )?"
    r"(?:\w+ )?(?:to \w+ )?(?:\w+ )?(?:minutes?|hours?|days?|weeks?|months?)"
    r"|(?:by |until )?(?:tomorrow|next week|next month|the end of (?:the )?(?:day|week|month))"
    r"(?: (?:morning|afternoon|evening))?"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:this|later this) (?:afternoon|evening|week))\b"
)

_DIGITS = re.compile(r"\d+")
#: a denial just before a time frame: "I can't promise (it) within the hour"
_NEGATED = re.compile(
    r"\b(?:not|never|no way|can not|cannot|will not|would not|could not|do not|does not|"
    r"unable to|no guarantee|can not promise|there is no)\b(?:\s+\w+){0,5}\s*$"
)


def _before(text: str, phrase: str) -> str:
    """The words of `text` before `phrase` (all of it when the phrase is not found)."""
    at = text.find(phrase)
    return text[:at] if at >= 0 else ""


CLAUSES = re.compile(r"[,;]|\band\b|\bor\b")
#: a promise to get back to the caller, as opposed to a promise of a fix
_CONTACT = re.compile(
    r"\b(?:call (?:you|back)|calls you|ring you|get back to you|hear back|hear from|contact you|"
    r"reach out|e-?mail you|respond|reply|answer|update you|let you know|give you a call|"
    r"a call\b|a callback|call back|get back (?:within|in)|try again|ring back|call us back|"
    r"give (?:him|her|them) (?:the|your) message|pass (?:on )?(?:the|your) message|pass it on)\b",
    re.IGNORECASE,
)
#: a line that looks ahead: only then is its time frame a promise the caller can hold.
_FUTURE = re.compile(
    r"\b(?:will|should|would|going to|gonna|expect|within|by|until|can|could|shall|"
    r"hear back|back to you|in the next|takes?|taking|usually|respond|get back|arrives?|ships?|"
    r"shipping|shipped|deliver|delivered|goes out|go out|be there|be back|try again|how about|"
    r"what about|gets off|get off)\b"
)
#: asking for more time on hold ("a couple more minutes, ok?"): a hold question, though no
#: hold word is said
_MORE_TIME = re.compile(
    r"\b(?:(?:few|couple(?: of)?|two|three|another|one|five) (?:more )?(?:minutes?|mins?|moments?)"
    r"|(?:a )?(?:bit|little|tad|while) longer)\b",
    re.IGNORECASE,
)
#: a detail asked for in a bare phrase with words after it ("and your member number just
#: for the notes"): the recogniser's ask patterns want the phrase at the line's end
_BARE_ASK = re.compile(
    r"^(?:(?:ok|okay|right|great|thanks|thank you|and|also|now|lastly|finally|so|can i get|"
    r"could i get|can i have|could i have|i need|i will need|i ll need|sorry|i meant|i mean|"
    r"you are giving me|you give me|kindly give me|please give me|give me|kindly|please) )*"
    r"(?:your|the) (?:\w+ )?(?:number|id|reference)\b"
    r"(?!.*\b(?:is|was|are|were|will|has|have)\b)"
)
#: a number asked for inside a longer line ("... and so what I'm going to need from you is,
#: um, the member number on the account, and then we'll go from there")
_NEED_FROM_YOU = re.compile(
    r"\bwhat i (?:am going to |will |would |ll |d )?need (?:from you )?is (?:\w+ )?"
    r"(?:your|the) (?:\w+ )?(?:number|id|reference)\b"
)
#: a name asked by trailing off ("and your name is...")
_NAME_IS = re.compile(
    r"^(?:(?:okay|ok|so|and|sorry|right|sure|great|thanks|thank you|perfect) )*(?:your|the) "
    r"(?:first |last |full |sur)?name(?: is| was| again| please)?$|^(?:(?:and|so|sorry) )+you are$"
)
#: the name of someone the caller spoke of, by their title and surname ("Mr. Cloud's first
#: name"; the normal form drops the possessive, so this reads the line as typed)
_SOMEONES_NAME = re.compile(
    r"\b(?:mr|mrs|ms|miss|dr|doctor|mister)\.? [a-z'-]+['’]s (?:first |last |full |sur)?name\b"
)
#: a question that says back what the agent understood, starting "so ..."
_SO_CHECK = re.compile(
    r"^(?:(?:okay|ok|right|alright|and|sorry) )*so (?:the|your|you|it|they|he|she|this|that|"
    r"there|we|my)\b(?! (?:can|could|would|will|do|did) (?:i|we)\b)"
    # "are you sure you want the large one?": what they asked for, checked
    r"|^(?:(?:okay|ok|right|and|so|just) )*(?:are you sure|you are sure|you sure) (?:that )?you "
    r"(?:want|need|ordered|asked for|meant)\b"
)
_WHICH_ID = re.compile(
    r"^(?:(?:sorry|and|so|ok|okay|um|uh|right) )*(?:which|what) (?:order|account|booking|invoice|"
    r"policy|reservation|membership)(?: was (?:it|that|this)| is (?:it|that|this)"
    r"| are we talking about)?$"
)
#: "what did you say your name was?", "sorry, what was your name?"
_YOUR_NAME = re.compile(
    r"\b(?:what (?:is|was|s)|what did you say|who did you say|tell me|remind me(?: of)?|give me) "
    r"(?:your|ur) (?:first |last |full |sur)?name(?: was| is| again)?\b"
)
#: a question cut down to its object ("and the service address", "your postcode too"): it
#: asks for the fact it names
_ELLIPTICAL = re.compile(
    r"^(?:(?:and|also|so|ok|okay|now|then|right|great|thanks|thank you|lastly|finally|what about|"
    r"how about) )*(?:the|your|his|her|their) (?:\w+ ){0,3}?\w+(?: please| again| too| as well)?$"
)
#: "I won't put you on hold", "I'll keep you on the line": staying on the line, not a hold
_NO_HOLD = re.compile(
    r"\b(?:(?:won t|wont|will not|not going to|am not gonna|do not need to|don t need to"
    r"|no need to) (?:put|place) you on hold|keep you on the line|stay on the line with you"
    r"|(?:i ll|i will) stay (?:right )?(?:here )?(?:on the line|with you))\b"
)
#: a transfer said with its necessity ("I'm going to have to transfer you again")
_MUST_TRANSFER = re.compile(
    r"\b(?:have to|going to|gonna|need to|will need to|must) (?:have to )?"
    r"(?:transfer you|put you through|send you over|pass you over|connect you)\b"
)
#: the caller's complaint called wrong ("your bill is correct", "the fee is valid") or shrugged
#: off ("whatever"): a brush-off, whatever else the line does
_DISMISSES = re.compile(
    r"^whatever\b|\b(?:bill|charge|charges|fee|fees|amount|invoice|statement|price|reading)"
    r" (?:is|are|was|were) (?:correct|right|valid|accurate|legitimate|fine)\b"
)
#: no one answered where the agent tried: bad news, however sorry
_NO_ONE_ANSWERS = re.compile(
    r"\b(?:no one|nobody|no body)(?: (?:on|in|at|from) (?:the )?\w+)? (?:is |s )?(?:picking up|"
    r"answering|there|available)\b"
    r"|\b(?:is|s|are|re) not (?:picking up|answering)\b|\bno answer\b"
)
#: cues that ask for the story at large, whose other words may name the part of it meant
_BROAD_CUES = frozenset(
    {"what happened", "what is wrong", "what went wrong", "what is the problem",
     "what is the issue", "how come", "what is going on", "tell me about",
     "tell me what happened", "walk me through"}
)  # fmt: skip
#: where a second question starts in one breath ("..., and how much was it", "... and when's
#: your interview", "what size, what colour")
_NEXT_ASK = re.compile(
    r"\s*(?:,\s*and|\band|,)\s+(?=(?:what|which|when|where|how|who|whose|why|is|are|was|were|"
    r"do|does|did|can|could|have|has)\b)"
)
#: words that ask or lead in, not what is asked about ("walk me through ...")
_ASKING_WORDS = frozenset({"walk", "through", "tell", "explain", "describe", "exact", "exactly"})
#: a hold told in a plain imperative ("please hold the line while I check")
_HOLD_THE_LINE = re.compile(r"^(?:please |kindly |just )?hold the line\b")
#: an offer put as a casual question ("want me to send it out?", "that work?")
_OFFER_ASKED = re.compile(
    r"\b(?:(?:do |would )?(?:you )?want me to|would you like me to|shall i|should i|how about i|"
    r"do you want (?:their|the|his|her|a|me)|would you like (?:their|the|his|her|a)|"
    r"(?:does )?that work|sound(?:s)? good|work for you|is that (?:ok|okay|alright|all right)|"
    r"that (?:ok|okay)|how about(?! (?:there|you|yourself|your end|where you are|over there|"
    r"your side|on your end)\b)|what about|would (?:\w+ ){1,5}work)\b"
)
#: the agent refuses outright in words the recogniser does not know
#: the caller's account doubted ("are you sure the flagstone wasn't cracked already?", "it was
#: probably like that already"): blame in a question
_DOUBTS_THEM = re.compile(
    r"\bare you sure (?:the |that |it |this |your )?(?:\w+ )?(?:was|is|were|are|had|has) not\b"
    r"|\b(?:was|were) (?:probably |maybe |already )*(?:like that|broken|cracked|damaged) already\b"
)
_REFUSES = re.compile(
    r"\bnon ?refundable\b|\bnot refundable\b|\bis what it is\b|\byour bill is your bill\b"
    r"|\bwe (?:can not|do not|don t|can t|are not allowed to) (?:page|do that|offer|give out)\b"
    r"|\bnot sure (?:we|if we|that we) (?:do|offer|have|provide)\b"
    # no one else, nothing to be done, not us: "there's nobody else who can tell you", "I
    # really can't help you", "we don't do certificates for cable ties", "you'd have to call
    # them", "my supervisor is busy, I can't get her", "no sup available"
    r"|\b(?:nobody|no one|no body) else\b(?! (?:is|s) (?:complain|call))"
    r"|\bi (?:really |just |honestly )?(?:can not|could not|am not able to) help(?: you)?\b"
    r"(?! (?:with that|right now but|yet but))"
    r"|\bthere is nothing (?:else |more )?(?:i|we) can do\b"
    r"|\bwe (?:do not|don t|can not|can t|no longer) (?:do|offer|sell|carry|handle|provide|"
    r"issue|make|sign|accept|take) (?!you\b)\w+"
    r"|\byou (?:would|d|will|ll) (?:have|need) to (?:call|contact|ring|phone|take it up with|"
    r"talk to|speak to) (?:them|the carrier|the courier|the manufacturer|the supplier)\b"
    r"|\b(?:it is|it s) (?:the \w+|them),? not us\b"
    r"|\b(?:supervisor|manager|sup|boss)s? (?:is|are) (?:busy|not available|unavailable|not in|"
    r"out|in a meeting)\b|\bno (?:sup|supervisor|manager|one|body)s? (?:is )?available\b"
    r"|\bi (?:can not|could not) get (?:her|him|them|hold of (?:her|him|them))\b"
    r"|\b(?:says|said) (?:they|she|he) (?:can not|could not|will not|won t|do not|don t) \w+"
    # the fault passed on: "they're really the ones who lost it", "that's not our fault"
    r"|\b(?:they are|they re) (?:really |actually |honestly )?the ones (?:who|that)\b"
    r"|\b(?:it is|it s|that is|that s) (?:not our|their|the \w+ s) fault\b"
)
#: hesitation sounds, said anywhere ("what uh what size")
_HESITATION = re.compile(r"(?:,\s*)?\b(?:u+m+|u+h+|e+r+m*|h+m+|a+h+|mm+)\b,?\s*", re.I)
#: "like", "basically", "literally" as fillers: at the start of a line or clause, or after a
#: word that only leads in ("so like basically which like car"); "I'd like", "looks like",
#: "what's it like" keep theirs
_FILLER_WORD = re.compile(
    r"(^|[,.;!?]\s|\b(?:so|and|but|well|ok|okay|right|which|what|how|where|when|who|like|"
    r"basically|literally)\s)(?:like|basically|literally)\b,?\s*",
    re.I,
)
#: a word or two said twice over a hesitation ("what what size", "is it is it")
_STUTTER = re.compile(r"\b(\w+(?:\s+\w+)?)(?:\s+\1\b)+", re.I)


def without_fillers(text: str) -> str:
    """A line as a listener hears it past the hesitations: "um so like basically what uh what
    size did you order" is "so what size did you order". The words that carry it stay."""
    if not any(
        w in text.lower()
        for w in ("um", "uh", "er", "hm", "ah", "mm", "like", "basically", "literally")
    ):
        return text
    out = _HESITATION.sub(" ", text)
    for _ in range(3):  # "so like basically": one filler uncovers the next
        out = _FILLER_WORD.sub(r"\1", out)
    out = _STUTTER.sub(r"\1", out)
    return re.sub(r"\s{2,}", " ", out).strip() or text


#: a speech recogniser's "whole"/"hole" for "hold" ("can I put you on a brief whole")
#: "ill reverse the fee": "I'll" typed or recognised without its apostrophe, where a clause
#: starts (never "I'm ill", "ill health")
_ILL = re.compile(r"(^|[.,;!?]\s*|\b(?:ok|okay|so|and|then|yes|sure|right|great)\s+)ill\b", re.I)
_HOLE = re.compile(
    r"\b(on (?:a )?(?:brief |quick |short |little |short little )?)(?:whole|hole)\b", re.I
)
#: a number or an email address read back to the caller ("is that p owens at north mail
#: dot com", "so that's 4471920?")
_READ_BACK = re.compile(
    r"^(?:(?:okay|so|and|right|just) )*(?:is (?:that|it|this)|that is|that s|just to confirm|"
    r"to confirm)\b.*(?:\d| at .{1,40}? dot )"
)
#: small talk the recogniser does not know ("how's traffic out there?")
_CHIT_CHAT = re.compile(
    r"\bhow is (?:the )?(?:traffic|weather|your day|your week|your morning|it going|business|"
    r"life|everything)\b|\b(?:got|have you got|you got) (?:any )?(?:weekend|holiday) plans\b"
    r"|\bany plans for the weekend\b|\bhow are (?:things|you doing|you keeping|you today)\b"
    r"|\bhow have you been\b|\b(?:things|everything) (?:going )?(?:ok|okay|good|well) otherwise\b"
    r"|\bhow are you holding up\b|\bwhat is the weather (?:like|doing)\b|\bhow is the \w+ "
    r"(?:running|treating you)\b|\b(?:lovely|nice|beautiful|horrible|awful) (?:weather|day)\b"
    # player7: the weather where the agent is, a game, a compliment ("its freezing here lol
    # how about there", "did you see the game last night", "i love your name")
    r"|\b(?:it s|its|it is) (?:so |really |absolutely )?(?:freezing|boiling|roasting|baking|"
    r"pouring|raining|snowing|chilly|sweltering|miserable|gorgeous) (?:here|out|outside|today)\b"
    r"|\bhow about (?:there|where you are|your end|over there|on your end|your side)\b"
    r"|\bthe weather is (?:\w+ )?(?:terrible|awful|lovely|great|horrible|nice|miserable)\b"
    r"|\bdid you (?:see|watch|catch) the (?:game|match|news|show|final)\b"
    r"|\b(?:i love|i like|what a (?:lovely|nice|great|beautiful)) (?:your )?(?:name|accent|voice)\b"
)
#: a range of days or hours typed with a dash ("3-5 business days")
_RANGE = re.compile(
    r"\b\d+ ?[-\u2013] ?\d+ (?:business |working )?(?:days|weeks|hours|minutes)\b", re.I
)
_PAST = re.compile(r"\b(?:last|ago|earlier|yesterday|previous|previously|before|since)\s*$")

_ASKS = frozenset({"ask_account", "ask_callback_number", "ask_email", "ask_name"})
#: a datum asked for again later in the call ("sorry, what was the member number again?",
#: "remind me of the invoice number"): asked, not a request to repeat the last line
_ASKED_AGAIN = re.compile(
    r"\b(?:what (?:was|is|were) (?:the|your|that) |remind me (?:of )?(?:the|your|what the|what "
    r"your) |(?:the|your) )(?:\w+ ){0,2}?(?P<what>email(?: address)?|e mail|(?:phone|cell|mobile|"
    r"contact|callback|call back) number|number|id|reference|ref|name)(?: (?:was|is))?"
    r"(?: again)\b|\bremind me (?:of )?(?:the|your|what the|what your) (?:\w+ ){0,2}?(?P<what2>"
    r"email(?: address)?|(?:phone|cell|mobile) number|number|id|reference|name)\b"
)
_AGAIN_ACT = {"email": "ask_email", "e mail": "ask_email", "name": "ask_name"}
#: the agent has lost the thread ("sorry, where were we?"): the caller says what they need
_LOST_PLACE = re.compile(
    r"\bwhere (?:were|was) (?:we|i)\b|\bwhat were we (?:saying|talking about|on)\b|"
    r"\bremind me what you (?:need|needed|wanted|were after)\b|\bwhat did you (?:need|want) "
    r"(?:again|help with)\b"
)

#: acts that promise the caller something will happen by a time.
PROMISES = frozenset(
    {"commit_help", "ownership", "promise_callback", "promise_email", "handoff", "summarize"}
)


@dataclass(frozen=True, slots=True)
class Heard:
    """One agent line as the caller understood it."""

    text: str
    acts: frozenset[str]
    question: bool
    #: the time frame promised, in hours (the soonest clause that names one), and how it was said
    timeframe_h: float | None = None
    timeframe: str = ""
    #: the promise is to get back to the caller (a call, an email, an answer), not a fix
    contact: bool = False
    #: the time frame is denied ("I can't promise it within the hour")
    negated: bool = False
    #: digit strings the line reads out (spoken digits folded)
    numbers: tuple[str, ...] = ()
    #: the caller's fact the line asks about
    fact: Fact | None = None
    #: the sentences that ask something
    asks: str = ""
    #: another fact the same question asks for ("what size and colour?")
    also: tuple[Fact, ...] = ()

    @property
    def promises(self) -> bool:
        return bool(PROMISES & self.acts)


class Understanding:
    """The caller's ears for one call: the recogniser, the extractors, the caller's facts."""

    def __init__(self, scenario: Scenario, recognise: Recogniser) -> None:
        self._recognise = recognise
        self._jargon = jargon_detector()
        self._number = scenario.correct_number
        self._topics = finder(scenario.caller.facts)  # the scenario's own facts first
        self._defaults = finder(facts_of(scenario)[len(scenario.caller.facts) :])
        self._facts = tuple(f for f in scenario.caller.facts if f.say)
        self._by_words = FactByWords(scenario.caller.facts)

    def hear(self, text: str) -> Heard:
        text = _ILL.sub(r"\1I will", learner_order(without_fillers(text)))
        text = _restarted(_HOLE.sub(r"\1hold", plain_words(text)))
        acts = set(self._recognise(text, "agent"))
        if self._jargon(text):
            acts.add("jargon")
        if self._number and gives_number(text, self._number):
            acts.add("give_number")
        question = is_question(text)
        if question:
            acts |= self._asked_alone(text)
            _question_acts(normalise(question_part(text)), acts)
        _line_acts(normalise(text), acts, question)
        question = _datum_asks(normalise(text), acts) or question
        # a time frame in a question counts when it offers something: "can he call you back
        # in two hours?" is a promise put as a question, "how long ago was that?" is not
        fact = self._more_specific(text, self._topics.find(text)) or self._defaults.find(text)
        if fact is None and question and _SOMEONES_NAME.search(text.lower()):
            fact = self._defaults.by_topic("person_name")  # "what's Mr Cloud's first name?"
        if fact is None and not question and _ELLIPTICAL.match(normalise(text)):
            fact = self._topics.named_in(text) or self._defaults.named_in(text)
            question = fact is not None
        offers = "make_offer" in acts or bool(question and _CONTACT.search(question_part(text)))
        # a promise taken back in the same breath ("within the hour. actually, probably
        # tomorrow"): the time frame is the one said after the last correction
        timed = _after_correction(text)
        hours, said = _timeframe(timed) if not question or offers else (None, "")
        negated = bool(said) and bool(_NEGATED.search(_before(normalise(text), said)))
        return Heard(
            text=text,
            acts=frozenset(acts),
            question=question,
            timeframe_h=hours,
            timeframe=said,
            contact=bool(_CONTACT.search(text)) or "promise_callback" in acts,
            negated=negated,
            numbers=_numbers(text),
            fact=fact,
            asks=(question_part(text) or text) if question else "",
            also=self._also_asked(text, fact) if fact and question else (),
        )

    def _also_asked(self, text: str, first: Fact) -> tuple[Fact, ...]:
        """Other facts asked in the same breath: "what'd you order, and how much was it?",
        "which check was it, and when did the fees come out?": each asking part after the
        first is answered too, found by its cue or by the one fact its words say."""
        found = list(self._topics.also_asked(text, first))
        parts = _NEXT_ASK.split(normalise(question_part(text)))
        for part in parts if len(parts) > 1 else ():
            fact = self._topics.find(part + "?") or self._by_words.find(part)
            if fact is not None and fact.topic != first.topic and fact not in found:
                found.append(fact)
        return tuple(found[:2])

    def _more_specific(self, text: str, fact: Fact | None) -> Fact | None:
        """A cue found the fact, but the question's other words belong to another ("what
        happened this morning?": what happened is the problem, this morning is the first
        call): the fact those words say is the answer, when the cue's fact says none of them."""
        if fact is None:
            return None
        cue = self._topics.cue_asked(text)
        if cue not in _BROAD_CUES:  # "how much is the invoice for" is the amount, whatever else
            return fact
        words = claim_words(normalise(question_part(text)).replace(cue, " ")) - _ASKING_WORDS
        if not words or words & claim_words(" ".join(fact.say)):
            return fact
        saying = [f for f in self._facts if words <= claim_words(" ".join(f.say))]
        return saying[0] if len(saying) == 1 else fact

    def _asked_alone(self, text: str) -> set[str]:
        """The asking sentence heard on its own: "I'm sorry about that. Member number?"
        asks what "Member number?" asks (a terse ask is read only as a whole line)."""
        asked = question_part(text)
        if not asked or asked.strip() == text.strip():
            return set()
        return set(self._recognise(asked, "agent"))


#: the agent correcting itself mid-line ("actually", "no wait", "well, probably", "I mean")
_CORRECTION = re.compile(
    r"\b(?:actually|no wait|oh wait|wait no|scratch that|i mean|sorry,? i mean|correction|"
    r"well,? probably|or,? well|sorry,? no|no,? sorry|my mistake|i made a mistake|my bad)\b",
    re.IGNORECASE,
)


#: a question begun and begun again ("so the, the, sorry, how much do you, what is the
#: balance?"): a few short false starts, then the whole question
_RESTART = re.compile(
    r"^(?:[^,?.]{1,30},\s*){1,4}(?P<q>(?:what|which|when|where|how|who|whose|was|is|are|were|"
    r"did|do|does|can|could|would)\b[^,?.]*\?)\s*$",
    re.IGNORECASE,
)


_BROKEN_OFF = re.compile(
    r"(?:\b(?:the|a|an|you|your|do|did|is|was|are|to|of|for|my|our|so|and|get)|\bsorry|"
    r"\bi mean|\bor rather|\blet me)$"
)


def _restarted(text: str) -> str:
    """The question a speaker restarted, without its false starts; the line otherwise."""
    m = _RESTART.match(text.strip())
    if m is None:
        return text
    starts = [s.strip().lower() for s in text[: m.start("q")].split(",") if s.strip()]
    short = all(len(s.split()) <= 4 for s in starts)
    # a false start breaks off on a word that cannot end a phrase ("so the,", "how much do
    # you,") or says so ("sorry", "I mean"); "this appointment, when is it?" names its topic
    false = any(_BROKEN_OFF.search(s) for s in starts)
    return m.group("q") if short and false else text


def _after_correction(text: str) -> str:
    """The part of a line after its last self-correction, when that part names a time;
    else the line ("I'll call you within the hour. actually, probably tomorrow" -> "probably
    tomorrow")."""
    from scoring.extract import timeframe_hours

    marks = list(_CORRECTION.finditer(text))
    if not marks:
        return text
    timed = [c for c in CLAUSES.split(text[marks[-1].end() :]) if timeframe_hours(c) is not None]
    if not timed:
        return text
    rest = timed[-1]  # "I can't send it today, it'll be next week": next week
    # the promise is the line's ("I'll call you ... probably tomorrow"): its future stays
    return f"it will be {rest}" if _FUTURE.search(normalise(text)) else rest


def _datum_asks(normal: str, acts: set[str]) -> bool:
    """Data asked for in shapes the recogniser does not take as asks (engine-only readings):
    "your order number", "sorry, which order?", "what was the member number again?", "and
    your name is..."; and "where were we?". True when the line asks for a datum."""
    asked = False
    if not acts & _ASKS and (_BARE_ASK.search(normal) or _NEED_FROM_YOU.search(normal)):
        acts.add("ask_account")
        asked = True
    if (again := _ASKED_AGAIN.search(normal)) and not acts & _ASKS:
        what = again.group("what") or again.group("what2")
        phone = "number" in what and what.split()[0] in {"phone", "cell", "mobile", "contact"}
        acts.add("ask_callback_number" if phone else _AGAIN_ACT.get(what, "ask_account"))
        acts.discard("repair_request")  # asked for again, not "say that again"
        asked = True
    if _LOST_PLACE.search(normal):
        acts -= {"empathy", "repair_request"}  # "so sorry, where were we?"
        acts.add("lost_place")
    if _WHICH_ID.match(normal) and not acts & _ASKS:
        acts.add("ask_account")  # "sorry, which order?": the order's number
        asked = True
    if _NAME_IS.search(normal) or _YOUR_NAME.search(normal):
        acts.add("ask_name")  # "and your name is..." trailing off: asked, if again
        asked = True
    return asked


def _question_acts(asked: str, acts: set[str]) -> None:
    """What the recogniser misses in a question the caller still hears as one (engine-only
    readings of everyday words; the grader's acts are not touched)."""
    if _CHIT_CHAT.search(asked) and not acts:
        acts.add("small_talk")
    if _MORE_TIME.search(asked):
        acts.add("ask_hold")
    if _OFFER_ASKED.search(asked):
        acts.add("make_offer")
    if _SO_CHECK.match(asked) and not acts & _ASKS:
        acts.add("check_understanding")  # "so the bench went to the wrong house?"


def _chit_chat(normal: str, acts: set[str]) -> None:
    """Small talk said as a remark as well as asked ("i love your name"), and "how about
    there?" after the weather here, which offers nothing."""
    if _CHIT_CHAT.search(normal) and not acts - {"small_talk", "empathy", "make_offer"}:
        acts.discard("make_offer")
        acts.add("small_talk")


def _line_acts(normal: str, acts: set[str], asked: bool = False) -> None:
    """The same for any line: staying on the line, refusals, brush-offs, no answer where
    the agent tried, a transfer said with its necessity, a detail read back. `asked`: the
    line is a question (a brush-off said as a question is a check)."""
    if _READ_BACK.search(normal):
        acts.add("confirm_detail")
    if _NO_HOLD.search(normal):
        acts -= {"announce_hold", "ask_hold", "refuse_help"}
        acts.add("commit_help")
    if _REFUSES.search(normal):
        acts.add("refuse_help")
    dismissed = _DISMISSES.search(normal)
    if dismissed and (not asked or dismissed.group(0) == "whatever"):  # "the fee is fine?" checks
        acts -= {"check_understanding", "confirm_detail"}
        acts.add("dismiss")
    if _HOLD_THE_LINE.search(normal) and not acts & {"ask_hold", "announce_hold"}:
        acts.add("announce_hold")  # "please hold the line while I check": a hold, told
    if _NO_ONE_ANSWERS.search(normal) or bad_news(normal):
        acts.add("bad_news")
    if blames_caller(normal) or _DOUBTS_THEM.search(normal):
        acts.add("blame_caller")
    _chit_chat(normal, acts)
    if makes_light(normal) and not acts & {"empathy", "small_talk", "commit_help", "make_offer"}:
        acts.add("talk_down")  # "thirty bucks, big deal, right?": made light of
    if _MUST_TRANSFER.search(normal):
        acts.add("announce_transfer")


def _timeframe(text: str) -> tuple[float | None, str]:
    """The soonest time frame a clause of the line promises ("this afternoon, within the hour"
    is within the hour), and how it was said."""
    from scoring.extract import timeframe_hours

    frames = [h for h in map(timeframe_hours, CLAUSES.split(text)) if h is not None]
    if not frames:
        return None, ""
    hours = min(frames)
    t = normalise(text)
    if r := _RANGE.search(text):  # "3-5 business days" said back as said, not "seven days"
        return (hours, r.group(0).replace("-", " to ")) if _FUTURE.search(t) else (None, "")
    if not _FUTURE.search(t):
        return None, ""
    m = _TIMEFRAME.search(t)
    if m and _PAST.search(t[: m.start()]):
        return None, ""
    return hours, (m.group(0) if m else spoken_hours(hours))


def _numbers(text: str) -> tuple[str, ...]:
    from scoring.extract import spoken_digits

    if not any(c.isdigit() for c in text) and not re.search(
        r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)\b", text.lower()
    ):
        return ()
    return tuple(m for m in _DIGITS.findall(spoken_digits(text)) if len(m) >= 3)


_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 10: "ten", 12: "twelve", 15: "fifteen", 20: "twenty", 24: "twenty-four",
    30: "thirty", 36: "thirty-six", 45: "forty-five", 48: "forty-eight", 72: "seventy-two",
}  # fmt: skip


def spoken_hours(hours: float) -> str:
    """A time frame in words, as a caller would repeat it: 48 -> 'two days'."""
    if hours < 1:
        n, unit = round(hours * 60), "minutes"
    elif hours < 24 or hours in (24, 36, 48, 72):
        n, unit = round(hours), "hours"
    elif hours < 168:
        n, unit = round(hours / 24), "days"
    else:
        n, unit = round(hours / 168), "weeks"
    if n == 1:
        return {"minutes": "a minute", "hours": "an hour", "days": "a day", "weeks": "a week"}[unit]
    return f"{_WORDS.get(n, str(n))} {unit}"

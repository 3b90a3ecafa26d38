"""Soft skills (seeds 002, 003): jargon, "we" not "they", empathy, no mute, no interrupting."""

from __future__ import annotations

import re
from collections.abc import Callable

from scoring.call import Call, Turn, name_tokens
from scoring.extract import _DIGIT_WORDS
from scoring.items.base import (
    Check,
    Params,
    failed,
    first,
    item,
    na,
    next_replies,
    passed,
    silent_na,
)
from scoring.literals import gated
from scoring.normalise import fold

# The seed's list (002): yep, okeydokey, alrighty, aww, oh, ah, eek, oops (+ spellings).
_JARGON = re.compile(
    r"\b(?:yep|yup|yeap|okey ?dokey|okie ?dokie|okey ?doke|okie ?doke|okay ?dokey|okeydokey|"
    r"okiedokie|alrighty|alrighties|aw+|oh|ah+|eek|oops|oopsie|whoops)\b"
)
_NUMBERISH = set(_DIGIT_WORDS) | {"double", "triple", "oh", "o"}


_TOKEN = re.compile(r"[a-z]+|\d+")


# Every listed word contains one of these; a line with none of them has no jargon.
_JARGON_HINTS = ("oh", "ah", "aw", "yep", "yup", "yeap", "dok", "alright", "eek", "oops")


def jargon_words(text: str) -> list[str]:
    """Listed jargon used as a word; "oh" read as zero in a number is not jargon."""
    folded = fold(text)
    if not any(hint in folded for hint in _JARGON_HINTS):
        return []  # 94% of agent lines
    tokens = _TOKEN.findall(folded.replace("-", " ").replace("_", " "))
    joined = " ".join(tokens)
    if not _JARGON.search(joined):
        return []  # most lines
    found = []
    pos = last = 0  # the token a match starts at: spaces before it, counted as we go
    for m in _JARGON.finditer(joined):
        word = m.group()
        pos += joined.count(" ", last, m.start())
        last = m.start()
        if word == "oh":
            prev = tokens[pos - 1] if pos > 0 else ""
            nxt = tokens[pos + 1] if pos + 1 < len(tokens) else ""
            if prev.isdigit() or nxt.isdigit() or prev in _NUMBERISH or nxt in _NUMBERISH:
                continue
        found.append(word)
    return found


@item(
    "soft.no_jargon",
    "Avoids jargon",
    "Do not use jargon (yep, okeydokey, alrighty, aww, oh, ah, eek, oops).",
    "002",
)
def no_jargon(call: Call, p: Params) -> Check:
    hits = [(t, jargon_words(t.text)) for t in call.agent_turns]
    hits = [(t, w) for t, w in hits if w]
    if not hits:
        return silent_na(call) or passed("no listed jargon in agent lines")
    words = sorted({w for _, ws in hits for w in ws})
    return failed(f"jargon: {', '.join(words)}", *(t for t, _ in hits[:4]))


_PRONOUN = re.compile(r"\b(?:they|them|their|theirs|themselves)\b")
_INTERNAL = re.compile(
    r"\b(?:our|my) (?:\w+ ){0,2}(?:team|teams|department|dept|office|staff|people|guys|folks|"
    r"colleagues|coworkers|co workers|supervisors?|managers?|warehouse|billing|accounting|shipping|"
    r"technicians?|engineers?|reps|agents|representatives|specialists?|company|management|"
    r"headquarters|store|branch|corporate|it|support|lab|crew|developers|system|underwriters|"
    r"back office|claims|returns|fulfil+ment|logistics|dispatch|installers?|"
    # gaps11 (issue 17): our own people in the plural, "Our fitters should have caught it.
    # They've got both vans in the diary" (one of them is _OUR_PERSON: singular "they")
    r"fitters|drivers|crews|cleaners|builders|surveyors|inspectors|mechanics|electricians|"
    r"plumbers|nurses|carers|porters|wardens|stewards|volunteers|packers|pickers|chefs|lads|"
    r"control room|planners|schedulers|controllers|operators|trainers|instructors|tutors|"
    # gaps13 (issue 17): our own places that stand for the people in them, "Our workshop,
    # they're waiting on a motor board", "our yard, they'll load it first thing"
    r"workshop|workshops|desk|yard|depot|factory|kitchen|reception|showroom)\b"
    r"|\bthe (?:\w+ ){0,2}(?:department|dept|team|back office|warehouse|billing|accounting|"
    r"shipping|head office|corporate|management|home office|main office|office|staff|"
    r"people (?:in|at|over)|guys (?:in|at|over)|folks (?:in|at|over)|supervisors|managers|"
    r"higher ups|powers that be|"
    # gaps6: our own people and places said with "the": "the crew ... they were rushing",
    # "the lab, they're always slow", "the fitters did yours on the ninth. They ..."
    r"lab|laboratory|workshop|crew|crews|fitters|installers|technicians|engineers|lads|"
    r"cleaners|builders|roofers|packers|"
    # gaps8 (issue 17): "The surveyors, they're run off their feet this month"
    r"surveyors|inspectors|assessors|estimators|planners|caretakers|porters|groundsmen|"
    # gaps13 (issue 17): "The service desk, they'll text you" (not a front desk or reception:
    # a wrong-number caller's "ask for the front desk and they'll sort it" is the other firm's)
    r"service desk|help desk|helpdesk|support desk|yard|showroom)\b"
    # gaps10 (issue 17): a club's or charity's own bodies and events, "the committee's rules:
    # they've said fly only", "the session was closed because they ran short of nurses"
    # (not another's: "the other club's committee", "the council s committee")
    r"|\bthe (?:(?!other\b|\w+ s\b)\w+ ){0,2}(?:committee|committees|trustees|stewards|"
    r"volunteers|nurses|session|sessions)\b"
    # a department named bare: "it never went to finance for approval ... to them now"
    r"|\b(?:to|with|from|by|in|at) (?:finance|accounts|billing|payroll|dispatch|despatch|"
    r"underwriting|fulfil+ment|compliance|procurement|complaints)\b"
    # gaps11: "allocations are made by control. They will allocate a crew"
    r"|\b(?:to|with|from|by) (?:control|the control room|maintenance|facilities|estates|"
    r"operations|ops|housekeeping|scheduling|allocations|the rota team)\b"
    r"|\b(?:back office|head office|corporate office|management|headquarters|upstairs)\b"
)
_EXTERNAL = re.compile(
    r"\b(?:carriers?|ups|fedex|fed ex|usps|dhl|post office|postal service|royal mail|couriers?|"
    r"banks?|manufacturers?|insurers?|insurance company|another company|other company|"
    r"the seller|the vendor|the retailer|the airline|the hospital|the pharmacy|the irs|"
    r"the city|the county|the state|government|"
    # an outside body named with "the" (issue 17): "the agency ... they explained"
    r"the (?:\w+ )?(?:agency|council|scheme|authority|embassy|consulate|landlord|letting agents?|"
    r"police|court|school|university|supplier|suppliers|distributor|wholesaler|registry|regulator|"
    # gaps13: "the partner networks, they don't always pick up our SIMs"
    r"partner|partners)|"
    r"your (?:\w+ ){0,2}(?:company|provider|bank|"
    r"insurer|doctor|office|landlord|employer|family|kids|children|parents|friends|team|"
    r"neighbou?rs|contractor|supplier|network|carrier|broker|agent|solicitor|lender)|"
    # a firm the caller had before or has elsewhere: "the old supplier", "your previous network"
    r"(?:the|your|their) (?:old|previous|former|last|other|existing|current|new) (?:\w+ ){0,2}"
    r"(?:supplier|provider|network|company|firm|bank|insurer|landlord|agency|broker|operator|"
    r"utility|lender|carrier|owners?|tenants?|dealer|garage|vet|dentist|gp|school|employer|"
    r"club|clubs|team|side|society|church|group)"  # gaps10: "the other club s committee ... they"
    # gaps8 (issue 17): an outside firm we use, "the print lab we use ..., they changed their
    # papers", "the courier we work with", "the mill we buy from"
    r"|the (?:\w+ ){1,3}(?:we|that we|who we) (?:use|work with|deal with|buy from|order from|"
    r"send (?:\w+ )?(?:to|out to)|get (?:\w+ )?from|go through|contract))\b"
)
_PLURAL_OBJECT = re.compile(
    r"\b(?:items?|boots|shoes|products|orders|packages|parcels|boxes|planters|fees|charges|"
    r"payments|readings|numbers|details|answers|options|colou?rs|sizes|prices|rates|parts|"
    r"pieces|units|documents|forms|files|records|notes|cards|checks|cheques|statements|bills|"
    r"emails|messages|letters|shipments|deliveries|funds|seams|soles|questions|instructions|"
    r"results|tickets|points|credits|refunds|samples|batteries|tires|tyres|lights|doors|"
    r"windows|keys|plans|prices|dates|times|slots|appointments|pills|tablets|meds|"
    r"medications|plants|seeds|flowers|goods|supplies|materials|models|versions|updates|"
    r"glasses|frames|lenses|spectacles|pairs|desks|chairs|tables|sofas|beds|cakes|meals|kits|"
    r"passes|posters|prints|photos|curtains|blinds|tiles|pipes|panels|devices|phones|laptops|"
    r"cables|chargers|clothes|shirts|jeans|dresses|jackets|coats|toys|books|cars|vehicles|"
    r"wheels|crates|pallets|bags|sets|kids|children|sons|daughters|boys|girls|"
    # gaps11 (issue 17): people of the caller's or outside, "several of our older ladies
    # have switched them off" -> "that's no good for them at all"
    r"ladies|gentlemen|residents|members(?<!team members)(?<!staff members)|guests|patients|pupils|"
    # gaps13 (issue 17): animals, "the rats ... I'm sorry you're still hearing them at night"
    r"rats|mice|wasps|bees|hornets|ants|moles|squirrels|pigeons|birds|foxes|rabbits|badgers|"
    r"slugs|snails|fleas|bedbugs|bed bugs|cockroaches|moths|flies|insects|bugs|pests|dogs|cats|"
    r"puppies|kittens|pets|animals|horses|hens|chickens|sheep|cows|cattle|"
    r"parishioners|congregation|neighbou?rs|grandchildren|grandkids|relatives|visitors|"
    r"they are|those|these|both|all of them)\b"
)
#: one of our own people, singular, owned with "our"/"my": "our driver will collect it when
#: they drop off" uses singular "they" for that person, not "they" for the company
_OUR_PERSON = re.compile(
    r"\b(?:our|my) (?:\w+ ){0,2}(?:driver|courier|technician|engineer|installer|fitter|"
    r"specialist|colleague|rep|representative|advisor|adviser|delivery (?:driver|person))\b"
)
_ORG_NAME = re.compile(r"\b[A-Z][a-zA-Z']+(?: (?:and|&|of) [A-Z][a-zA-Z']+| [A-Z][a-zA-Z']+)+")
#: a one-word name inside a sentence ("moved over from Telvo"; issue 17): another firm
#: or a person, unless it is a day, a month, a title, the brand or one of our departments
_ONE_WORD_NAME = re.compile(
    r"(?<=[a-z,] )(?<!\bMr )(?<!\bMrs )(?<!\bMs )(?<!\bDr )(?<!\bMiss )"
    # gaps9 (issue 17): a firm known by its letters, "It goes out with DPD tomorrow and
    # they will text you" (not a thing's letters: ID, PDF, TV; see _NOT_A_FIRM)
    # (and not a place or team of ours named by letters: "the LAX counter", "our IT desk")
    r"(?:[A-Z][a-z]+[a-zA-Z]*|(?=[A-Z][A-Z])(?<!the )(?<!our )(?<!my )(?<!your )[A-Z]{2,5})\b"
)
#: gaps13 (issue 17): a one-word name after these is a place, not a firm ("working over in
#: Kingston", "a depot near Wakefield"); "at Tesco", "from Telvo", "with DPD" stay firms
_PLACE_BEFORE = frozenset(("in", "near", "around", "outside"))
_NOT_A_FIRM = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december mr mrs ms miss dr sir madam "
    "christmas easter ok id pdf tv uk us usa eu am pm hdmi usb sms pin faq vat gps atm dob "
    "asap fyi it hr qa ceo tbc tba".split()
)
#: our own department, capitalised like a name: "I've spoken to Dispatch and they ..."
_DEPARTMENT_WORDS = (
    r"(?:Dispatch|Billing|Accounts|Returns|Shipping|Logistics|Claims|Support|Sales|"
    r"Finance|Warehouse|Fulfil+ment|Operations|Maintenance|Engineering|Underwriting|"
    r"Collections|Payroll|Customer Services?|Head Office|Corporate|Management|Quality|"
    r"Control|Facilities|Estates|Housekeeping|Scheduling)"
)
_OUR_DEPARTMENT = re.compile(rf"(?<=\w ){_DEPARTMENT_WORDS}\b")
#: gaps11 (issue 17): a department that opens a sentence as its topic, "Maintenance, they've
#: got someone on call all night" (not "Maintenance is booked for Monday"); a search of its
#: own (joined to the one above, it made that search cost 2.6 times as much)
_DEPARTMENT_TOPIC = re.compile(rf"[.!?] ({_DEPARTMENT_WORDS})(?=, | will | have )")


def _department_topic_end(raw: str) -> int:
    """The end of the last department named at a sentence's start as its topic, or -1
    (after a full stop: a search that skips to the stops; at the start: one match)."""
    ends = [m.end(1) for m in _DEPARTMENT_TOPIC.finditer(raw)]
    if ends:
        return ends[-1]
    first = _DEPARTMENT_TOPIC.match(". " + raw[:40])
    return first.end(1) - 2 if first else -1


_DEPARTMENT_WORD = re.compile(_DEPARTMENT_WORDS)
#: a capitalised word opening a sentence: a name only if the call also has it mid-sentence
_SENTENCE_START_NAME = re.compile(
    r"(?:^|(?<=[.!?;:] ))(?<!\bMr\. )(?<!\bMrs\. )(?<!\bMs\. )(?<!\bDr\. )[A-Z][a-z]+[a-zA-Z]*\b"
)


def _last_end(rx: re.Pattern[str], text: str) -> int:
    ends = [m.end() for m in rx.finditer(text)]
    return ends[-1] if ends else -1


def _other_firm(call: Call, word: str) -> bool:
    """Is this one capitalised word another firm or person, not ours, not a date?"""
    low = word.lower()
    if low in _NOT_A_FIRM or low in call.caller_name or _DEPARTMENT_WORD.fullmatch(word):
        return False
    # the agent's own name and the greeting's words ("this is Dana") are ours
    own = call.first_agent.normal.split() if call.first_agent else []
    if low in own or low in name_tokens(call.t.agent) or call.says_brand(word):
        return False
    return not (call.transfers and word in _our_places(call))  # gaps10: our own branch


def _one_word_names(call: Call) -> frozenset[str]:
    """The one-word names the call uses inside a sentence ("from PowerCo and ...")."""
    return frozenset(n for t in call.turns for _, n in _firm_names(call, t.text))


def _firm_names(call: Call, text: str) -> list[tuple[int, str]]:
    """(end, word) of each one-word name inside a sentence of `text` that may be another
    firm: not the second word of a full name ("Irene Kowal"), not ours, not a date."""
    out = []
    for o in _ONE_WORD_NAME.finditer(text):
        before = text[max(0, o.start() - 30) : o.start()].split()
        if before and before[-1][:1].isupper():
            continue
        if before and before[-1] in _PLACE_BEFORE:
            continue  # gaps13: a town, "the fitters are over in Kingston, so they'll ..."
        if _other_firm(call, o.group()):
            out.append((o.end(), o.group()))
    return out


#: "them" as the object of what is done to things, not people: "so you can read them"
#: gaps12 (issue 17): "them" as the object of a verb whose subject is our own team ("the
#: quality team will review them", "Our certificates team signs them off") is not the team
#: (that would be "themselves"): it is the photos or papers named before
_OBJECT_OF_TEAM = re.compile(
    r"(?:'ll|’ll)?\s+(?:(?:will|would|can|could|should|must|then|also|just|usually|normally|"
    r"always|(?:is|are) going to|(?:has|have|need|needs) to)\s+)*[a-z]+(?:s|es|ed)?\s+$",
    re.IGNORECASE,
)
#: gaps12 (issue 17): what happens to things sent, after "they": "I'll ring you to confirm
#: they've gone out", "they were posted first class" (people are not posted or dispatched)
_THING_FATE = re.compile(
    r"(?:(?:'ve|’ve| have| had|'d|’d| were| are|'re|’re| will| should| would)? (?:all |both |now |"
    r"just |already )?(?:gone out(?! (?:to|on|for|with)\b)|been (?:sent|posted|shipped|printed|"
    r"reprinted|delivered|dispatched|despatched|signed|issued|returned|refunded|cancelled|"
    r"canceled)|be (?:sent|posted|shipped|printed|delivered|dispatched|despatched))"
    r"|(?: are|'re|’re| were) (?:all |both |now |just |already )?(?:sent|posted|shipped|printed|"
    r"delivered|dispatched|despatched))\b"
)
_THING_VERB = re.compile(
    r"\b(?:read|sign|fill in|fill|print|open|download|return|post|wear|use|install|charge|fit|"
    r"scan|upload|send back|throw away|bin|recycle|unplug|plug in|keep) $"
)


def _our_places(call: Call) -> list[str]:
    """gaps10 (issue 17): the departments and branches the agent transfers to on our own
    extensions (`dept="Eastgate Library"`): the whole name and its first word are ours."""
    out: list[str] = []
    for _, ev in call.transfers:  # cached: most calls have none
        dept = str(ev.get("dept") or "").strip()
        if dept:
            out += [dept, dept.split()[0]]
    return out


def _our_place_end(call: Call, raw: str) -> int:
    """The end of the last mention of one of our own departments or branches in `raw`."""
    ends = [m.end() for p in _our_places(call) for m in re.finditer(rf"\b{re.escape(p)}\b", raw)]
    return max(ends, default=-1)


def _antecedents(call: Call, raw: str, names: Callable[[], frozenset[str]]) -> tuple[int, int]:
    """The end of the last mention of one of our own (internal) and of anyone or anything
    else (external) in `raw`, -1 where there is none."""
    low = raw.lower()
    internal = max(
        _last_end(_INTERNAL, low),
        _last_end(_OUR_DEPARTMENT, raw),
        _department_topic_end(raw),
        _our_place_end(call, raw),
    )
    orgs = [
        o.end()
        for o in _ORG_NAME.finditer(raw)
        if not call.says_brand(o.group()) and not _DEPARTMENT_WORD.fullmatch(o.group())
    ]  # (gaps11: "Customer Services, they should have called" is ours, not another firm)
    orgs += [end for end, _ in _firm_names(call, raw)]
    orgs += [o.end() for o in _SENTENCE_START_NAME.finditer(raw) if o.group() in names()]
    external = max(
        _last_end(_EXTERNAL, low),
        _last_end(_PLURAL_OBJECT, low),
        _last_end(_OUR_PERSON, low),
        *orgs,
        -1,
    )
    return internal, external


def _earlier_firm(call: Call, turn: Turn) -> bool:
    """Did the agent name another firm in the six lines before the last two, with none of
    our own people or teams named after it? (gaps6: "that's Ashford Building Society" at
    00:13 is still "their logo ... They're open till five" at 00:29). Only a firm counts
    this far back: things and people named by then are not what "they" means."""
    at = call.turns.index(turn)
    for t in reversed(call.turns[max(0, at - 8) : max(0, at - 2)]):
        if not t.line.is_agent:
            continue
        low = t.text.lower()
        own = max(_last_end(_INTERNAL, low), _last_end(_OUR_DEPARTMENT, t.text))
        known = set(call.caller_name) | set(name_tokens(call.t.agent))
        firms = [
            o.end()
            for o in _ORG_NAME.finditer(t.text)
            if not call.says_brand(o.group()) and known.isdisjoint(o.group().lower().split())
        ]
        firms += [end for end, _ in _firm_names(call, t.text)]
        firm = max(_last_end(_EXTERNAL, low), *firms, -1)
        if firm >= 0 or own >= 0:
            return firm > own
    return False


def _blames_company(
    call: Call, turn: Turn, prior: str, names: Callable[[], frozenset[str]]
) -> str | None:
    """The pronoun phrase if "they/them" in this agent line points at the company.

    The nearest antecedent before the pronoun (in this line or the line before)
    decides: one of our own teams or people -> the company; a carrier, another
    organisation, the caller's people or a plural thing -> fine. A "they" with
    no antecedent at all ("they messed up your order") is taken as the company.
    """
    lower = turn.text.lower()
    if "they" not in lower and "them" not in lower and "thei" not in lower:
        return None  # they, them, their, theirs, themselves: most lines stop here
    for m in _PRONOUN.finditer(lower):
        if m.group() == "them" and _THING_VERB.search(lower, max(0, m.start() - 12), m.start()):
            continue  # gaps6: "so you can read them": papers, not people
        if m.group() == "they" and _THING_FATE.match(lower, m.end()):
            continue  # gaps12: "to confirm they've gone out": things sent, not people
        raw = f"{prior} {turn.text[: m.start()]}"
        internal, external = _antecedents(call, raw, names)
        if internal < 0 and external < 0 and _earlier_firm(call, turn):
            continue  # gaps6: none in the last two lines, a firm named before that
        if m.group() == "them" and internal > external and _OBJECT_OF_TEAM.match(raw, internal):
            continue  # gaps12: "our quality team will review them": the team's object
        if internal > external or (internal < 0 and external < 0):
            return turn.text[max(0, m.start() - 40) : m.end() + 30]
    return None


@item(
    "soft.we_not_they",
    'Says "we", not "they", for the company',
    'Refer to the company as "we", never "they".',
    "002",
)
def we_not_they(call: Call, p: Params) -> Check:
    # The antecedent may sit two lines back: the agent names the caller's old
    # network, the caller asks "will they charge me?", the agent answers "they might".
    before = prior = ""
    memo: list[frozenset[str]] = []

    def names() -> frozenset[str]:  # worked out once, and only if needed
        if not memo:  # (not functools.cache: building its wrapper cost more than most calls)
            memo.append(_one_word_names(call))
        return memo[0]

    for turn in call.turns:
        if turn.line.is_agent:
            hit = _blames_company(call, turn, f"{before} {prior}" if before else prior, names)
            if hit:
                return failed(
                    f"speaks of the company or colleagues as 'they': '…{hit.strip()}…'", turn
                )
        before, prior = prior, turn.text
    return silent_na(call) or passed("no they/them for the company or its people")


#: gaps12 (issue 17): a thing wrong in degree, said as a statement with its verb ("they're too
#: short", "it came too small", "the water tastes too strong"); the normal form drops the "'s"
#: of "the water's too strong", so that one is read on the folded line (`_troubled_reason`)
_TOO_WRONG = (
    r"(?:is|are|was|were|been|came|come|arrived|look|looks|taste|tastes|feel|feels|smell|smells|"
    r"sound|sounds|s|re) (?:far |way |much |a bit |slightly |really |just )?too (?:strong|weak|"
    r"short|long|narrow|wide|small|big|large|tight|loose|thin|thick|heavy|high|low|loud|hot|cold|"
    r"dark|bright|noisy|salty|sweet|bitter|spicy|sour|soft|hard|wet|dry)(?! (?:for|to)\b)"
)
_TOO_WRONG_RAW = re.compile(rf"(?<=\w)['’]{_TOO_WRONG}\b")

# gaps5 (issue 17): a problem judged from the caller's reason for calling as a whole, by
# kind, not by phrase: something lost or left behind, something that failed or went
# wrong, a service cancelled or refused, a connection missed, a bill estimated or gone up
# or "way more than" quoted, a thing different from usual, a worry, a wait of days or
# weeks. The reason line is read once a call, so this costs one search. A caller
# "ringing to see if" something is ready, or "just checking" on it, asks for news.
_TROUBLE = re.compile(
    r"\b(?:lost|misplaced|left (?:my|our|his|her|the) (?:\w+ ){0,2}(?:in|on|at|behind)"
    r"|forgot(?:ten)? (?:my|our|his|her)"
    r"|failed|fails|failing|went (?:black|blank|dead|wrong)"
    r"|(?:got|was|were|been) (?:cancell?ed|delayed|overbooked|refused|declined|rejected)"
    r"|missed (?:my|our|the) (?:connection|flight|train|bus|ferry|appointment)"
    r"|overcharged|estimated again|(?:way|much|far|a lot) more than"
    r"|(?:it|bill|price|premium|rent|tariff|payment|debit|rate|fee|fees|charge|charges)"
    r" (?:\w+ ){0,2}(?:gone|went) up"
    r"|different (?:make|brand|colour|color|size|shape|model) (?:from|than|to)"
    r"|worried|concerned|scared|upset|not happy|unhappy"
    r"|(?:it has|it is|that is) been (?:\w+ )?(?:days|weeks|months)"
    # gaps12 (issue 17): a thing that is wrong in degree ("they're too short, there's a gap",
    # "the water's too strong"), weather let in ("the rain's getting in on the landing"), and
    # a thing knocked off or in ("the wind's pushed two slates off", "a piece has been pushed in")
    rf"|{_TOO_WRONG}"
    r"|(?:rain|water|wind|damp|draught|draft|snow) (?:is |has been |keeps |was )?(?:getting|coming|"
    r"pouring|leaking|dripping|blowing|gets|comes|came|got) (?:in|through)"
    r"|(?:pushed|blown|knocked|ripped|torn|fallen|fell|smashed|kicked) (?:\w+ ){0,3}?(?:off|in|out|"
    r"down|through)(?= |$)"
    # a promise already broken: "I was told it'd be ready yesterday", "it was meant to come
    # last Friday" (a day still ahead, "ready on Monday", is no problem)
    r"|(?:told|promised|said|supposed to|meant to|due to) (?:\w+ ){0,4}?(?:ready|back|here|done|"
    r"fixed|delivered|finished|arrive|come|there) (?:\w+ ){0,2}?(?:yesterday|last (?:week|"
    r"night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|days ago|a week ago|"
    r"this morning))\b"
)
#: gaps9 (issue 17): more plain problems, each behind its own words (a search of its own,
#: so the lines without them never try these): a bill for the wrong thing or sum ("this
#: year's invoice is for a full plot, sixty-five pounds instead of thirty-two fifty"), the
#: wrong thing came ("I ordered a blue sofa and a grey one came"), a sum gone from one
#: figure to another, a thing done again ("you've sent the letters to my old address
#: again"), or still done "even though I opted out"
_TROUBLE_MORE = re.compile(
    r"\b(?:(?:invoice|bill|statement|charge|receipt|renewal|quote|direct debit|payment)"
    r"(?: \w+){0,2} (?:is|was|says|shows|has|came|went out)\b.{0,60}?\binstead of"
    r"|(?:charged|billed|invoiced|took)\b.{0,60}?\binstead of"
    r"|(?:pounds|dollars|quid|euros|bucks|\d) instead of"
    r"|(?:ordered|asked for|booked|paid for|chose|picked) (?:\w+ ){1,7}?(?:and|but) (?:\w+ ){1,4}?"
    r"(?:came|arrived|turned up|was delivered|were delivered|showed up|got sent|was sent)"
    r"|(?:gone|went|jumped|shot|risen|rose|increased|doubled|tripled)(?: up)? from"
    r"|(?:you|they|it|someone|somebody) (?:have |has |had )?(?:[a-z]+ed|sent|done|gone|cut|put|"
    r"left|lost|broken|taken|sold|made|given|told) (?:\w+ ){0,6}?again"
    r"|even though (?:i|we) (?:have |had )?(?:[a-z]+ed|paid|told|asked|said|sent|rang|called)"
    r"|(?:i|we) keep (?:getting|receiving|being))\b"
)
#: every match of _TROUBLE_MORE holds one of these (a plain test first: most reasons have none)
_TROUBLE_MORE_WORDS = (
    "instead of", "again", " from", "even though", " keep ", "came", "arrived", "turned up",
    "delivered", "showed up", "sent",
)  # fmt: skip
_NEWS_ONLY = re.compile(
    r"\b(?:ringing|calling|phoning|rang|called) to see if|\bjust checking\b|\bchecking when\b"
)


def _troubled_reason(call: Call) -> Turn | None:
    """The caller's reason line when the reason as a whole is a problem (see _TROUBLE)."""
    turn = call.reason_turn
    if turn is None:
        return None
    n = turn.normal
    if (
        not _TROUBLE.search(n)
        and not (any(w in n for w in _TROUBLE_MORE_WORDS) and _TROUBLE_MORE.search(n))
        and not (" too " in n and _TOO_WRONG_RAW.search(fold(turn.line.text)))
    ):
        return None
    if _NEWS_ONLY.search(n):
        return None
    return turn


# gaps6 (issue 17): the agent's own empathy shows where the caller reported a problem
# that no act or kind above recognised ("the river came up overnight and we've got a foot
# of water downstairs" -> "Oh Graham, I'm so sorry, that's awful"). The agent line must
# answer the caller's line directly (not come back from a hold: "Sorry about that" then
# apologises for the wait) and its empathy must be felt for something the caller said,
# not an apology for the agent's own wait or slip, nor one that only brings bad news
# ("I'm sorry, she's not in today", "sorry, we're fully booked").
_FELT = re.compile(
    r"\b(?:how (?:awful|frustrating|annoying|upsetting|stressful|worrying|horrible)"
    r"|oh no|oh dear|dear me|sorry to hear|sorry for your loss|what a (?:nuisance|pain|shame)"
    r"|(?:that|it|this) (?:is|sounds|must be|must have been|would be) (?:so |really |very |"
    r"quite |absolutely )?(?:awful|terrible|horrible|frustrating|upsetting|worrying|stressful|"
    r"rotten|a worry|a nightmare|not on|not good|not right)"
    r"|(?:that|it|this) (?:must be|must have been|sounds) (?:so |really |very |quite )?\w+ing"
    r"|(?:i|we) (?:completely |totally |really )?understand (?:how|why)"
    r"|(?:i|we) can (?:only )?imagine)\b"
)
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b")
_NOT_FOR_A_PROBLEM = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)(?: \w+){0,3} (?:to keep|to have kept|kept you|"
    r"(?:for|about) (?:the|your|that|all the) (?:long )?(?:wait|hold|line|connection|noise)\b|"
    r"for (?:keeping|making) you|for holding|to (?:bother|disturb|interrupt)|for interrupting|"
    r"(?:spoke|talked) over|i was (?:just )?(?:checking|asking|looking)|i am afraid|but\b|"
    r"(?:he|she|they) (?:is|are) (?:out|away|off|on|in|with|busy|unavailable)|"
    r"(?:he|she|they) (?:has|have) (?:gone|left)|we are (?:fully|closed|out)|"
    r"(?:i am|we are) (?:not able|unable)|there (?:is|are) no|(?:it|that) is (?:out of|sold)|"
    # a refusal or a lack, not the caller's ("sorry, the owner doesn't take sales calls"),
    # unless it is the caller's ("sorry you couldn't get through")
    r"(?<!you )(?:is|are|was|were|does|do|did|will|can|could|would) not\b|no longer)"
    r"|\bnot(?: \w+){0,3} sorry\b"  # "I won't give that out, sorry"
    # a slip put right: "i'm sorry, is there anything else I can help you with today"
    r"|\bsorry (?:is|are|do|did|was|how|what|where|when|who|which|can|could|would|i mean)\b"
    # gaps9 (issue 17): an apology for the agent's own side, not for anything the caller
    # said: "Sorry, I'm so sorry, the Gift Aid screen is being slow", "Sorry, frog in my
    # throat", "apologies, my computer's playing up", "sorry, it's noisy here"
    r"|\b(?:sorry|apologies)(?: \w+){0,4} (?:the|my|our|this) (?:\w+ ){0,2}(?:screen|system|"
    r"computer|pc|laptop|page|app|software|database|headset|mic|microphone|keyboard|mouse|"
    r"printer|internet|wifi|network|throat|voice|cough|cold|pen|dog|radio|phones?) "
    # the "'s" of "my headset's crackling" is gone from the normal form
    r"(?:(?:is|are|was|keeps|has|have|went|just|being|seems) )?(?:\w+ing|froze|crashed|slow|"
    r"dead|down|broken|will not|would not|does not|did not|dropped|run out|ran out|died|gone|"
    r"packed up|cut out)\b"
    r"|\b(?:frog in my throat|bear with me|excuse me|(?:it is|it s) (?:a bit |so |really )?"
    r"(?:noisy|loud|busy) (?:here|in here|in the office|today)|i am (?:just |still )?(?:new|"
    r"on my own|typing|loading))\b"
)


def _empathised(call: Call, until: int) -> tuple[Turn, Turn] | None:
    """(the caller's reason line, the agent's empathy) when one of the agent's two replies
    to the reason for calling, before line `until`, is felt for it (see _FELT). Only the
    reason: later in a call an apology is as often for a slip put right ("oh, sorry,
    savings") as for a problem, and the caller's side says which it was."""
    said = call.reason_turn
    if said is None or said.index >= until:
        return None
    for turn in next_replies(call, said.index, 2):
        if "empathy" not in turn.acts:
            continue
        if not _FELT.search(turn.normal) and (
            _NOT_FOR_A_PROBLEM.search(turn.normal) or not _APOLOGY.search(turn.normal)
        ):
            continue  # "I understand wanting it from the source" is no problem's empathy
        if any(call.events_between(e, said.index, turn.index) for e in ("resume", "mute")):
            return None  # back from a hold or a mute: "Sorry about that" is for the wait
        return said, turn
    return None


@item(
    "soft.empathy",
    "Shows empathy",
    "Be apologetic and empathetic for any issue the caller experienced.",
    "002, 003",
)
def empathy(call: Call, p: Params) -> Check:
    if "wrong_number" in call.context:
        # gaps8 (issue 17): a misdirected call's problem is for the firm the caller wanted
        # ("the gears are slipping" told to a courier, not the bike shop), as in worked
        # example 04 (na); only the caller's own upset with this call counts
        report = first(call.caller_turns, "still_unhappy")
    else:
        report = first(call.caller_turns, "report_problem", "still_unhappy")
        if report is None:
            report = _troubled_reason(call)
    if report is None and "irate" in call.context:
        report = call.reason_turn or (call.caller_turns[0] if call.caller_turns else None)
    replies = next_replies(call, report.index, 2) if report else []
    hit = first(replies, "empathy")
    if report and hit:
        return passed("apologises or empathises right after the caller's problem", report, hit)
    # an earlier line the agent answered with empathy was the first report (gaps6)
    felt = _empathised(call, report.index if report else call.end_index)
    if felt:
        return passed("empathises with the problem the caller has just described", *felt)
    if report is None:
        return na("the caller reports no problem or frustration")
    return failed(
        "no apology or empathy in the two replies to the caller's problem", report, *replies
    )


@item(
    "soft.no_mute",
    "Never mutes the caller",
    "Do not place the customer on mute; use hold so they know you are connected.",
    "002",
)
def no_mute(call: Call, p: Params) -> Check:
    mutes = call.events("mute")
    if mutes:
        return failed(f"muted the line {len(mutes)} time(s)", *(e for _, e in mutes[:3]))
    return silent_na(call) or passed("no mute event")


@item(
    "soft.no_interrupt",
    "Does not talk over the caller",
    "Do not talk over the customer and do not interrupt.",
    "002",
)
def no_interrupt(call: Call, p: Params) -> Check:
    hits = call.events("interrupt")
    if hits:
        return failed(f"interrupted the caller {len(hits)} time(s)", *(e for _, e in hits[:3]))
    return silent_na(call) or passed("no interrupt event")


# speedy4 (issue 17, speed): each expression behind the literals its matches need, worked
# out from the expression itself (scoring.literals.gated): the same answers, and a changed
# pattern brings its own pre-check.
(
    _PRONOUN,
    _INTERNAL,
    _EXTERNAL,
    _TROUBLE,
    _FELT,
    _NOT_FOR_A_PROBLEM,
    _DEPARTMENT_WORD,
) = map(
    gated,
    (
        _PRONOUN,
        _INTERNAL,
        _EXTERNAL,
        _TROUBLE,
        _FELT,
        _NOT_FOR_A_PROBLEM,
        _DEPARTMENT_WORD,
    ),
)

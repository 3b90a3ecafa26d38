"""The protocol-item machinery: one small rule per item, each returning a `Check`.

Item ids, sections and sources follow ../shared/spec/protocol-items.md; a rule
is a pure function of the analysed call (`scoring.call.Call`) and the policy
parameters, returning pass / fail / na with a reason and the evidence lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from scoring.call import Call, Turn
from scoring.transcript import Line, Speech, format_time

Result = Literal["pass", "fail", "na"]
Params = Mapping[str, float]

SEEDS = {
    "000": "000_e0bc6d9a85727082.txt",
    "001": "001_97e9c88823183f3e.txt",
    "002": "002_1f721ead0f76229c.txt",
    "003": "003_f09645ea76132f6d.txt",
    "004": "004_8071aa02700254db.txt",
}

SECTIONS = {
    "open": "Opening",
    "soft": "Soft skills",
    "hold": "Hold",
    "xfer": "Transfer",
    "msg": "Messages and callbacks",
    "second": "Second requests",
    "esc": "Escalation",
    "close": "Closing",
}


class Evidence(NamedTuple):
    """A transcript line that decided an item.

    Evidence and `Check` are named tuples rather than frozen dataclasses: every
    call graded makes about 70 of them, and a tuple is built four times faster.
    """

    line: int
    time: str
    text: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "time": self.time, "text": self.text}


class Check(NamedTuple):
    result: Result
    reason: str
    evidence: tuple[Evidence, ...] = ()


#: Builds a named tuple without its Python-level `__new__` (a lambda): about 70 a call.
_new_tuple = tuple.__new__


def evidence(*items: Line | Turn | None) -> tuple[Evidence, ...]:
    return _evidence(items)


def _evidence(items: tuple[Line | Turn | None, ...]) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for it in items:
        if it is None:
            continue
        ln = it.line if isinstance(it, Turn) else it
        text = ln.text if isinstance(ln, Speech) else ln.render()
        out.append(_new_tuple(Evidence, (ln.number, format_time(ln.time), text)))
    return tuple(out)


def passed(reason: str, *ev: Line | Turn | None) -> Check:
    return _new_tuple(Check, ("pass", reason, _evidence(ev)))


def failed(reason: str, *ev: Line | Turn | None) -> Check:
    return _new_tuple(Check, ("fail", reason, _evidence(ev)))


def silent_na(call: Call) -> Check | None:
    """n/a for an item that passes by the agent *not* doing something (no jargon, no mute),
    when the agent took no part in the call: never answered anything the caller said.
    Such an item is earned by a conversation, not by silence or an instant hang-up."""
    if call.caller_turns and call.agent_after(call.caller_turns[0].index, 1):
        return None
    return na("the agent took no part in the conversation (said nothing after the caller)")


def na(reason: str) -> Check:
    return _new_tuple(Check, ("na", reason, ()))


Rule = Callable[[Call, Params], Check]


@dataclass(frozen=True)
class ItemSpec:
    id: str
    title: str
    rule_text: str  # the seed's rule in one sentence, for scorecards
    sources: tuple[str, ...]
    check: Rule = field(compare=False)
    section: str = field(init=False, compare=False)  # "Hold", from the id's prefix
    source: str = field(init=False, compare=False)  # the first seed's file name

    def __post_init__(self) -> None:
        object.__setattr__(self, "section", SECTIONS[self.id.split(".", 1)[0]])
        object.__setattr__(self, "source", SEEDS[self.sources[0]])


REGISTRY: dict[str, ItemSpec] = {}


def item(item_id: str, title: str, rule_text: str, sources: str) -> Callable[[Rule], Rule]:
    """Register a rule under its spec id (order of registration = scorecard order)."""

    def wrap(fn: Rule) -> Rule:
        if item_id in REGISTRY:
            raise ValueError(f"item {item_id} registered twice")
        REGISTRY[item_id] = ItemSpec(
            item_id, title, rule_text, tuple(s.strip() for s in sources.split(",")), fn
        )
        return fn

    return wrap


_BACKCHANNEL = re.compile(
    r"(?:(?:mm hm|mm hmm|mhm|mmhm|mm|uh huh|hmm|okay|ok|alright|all right|right|sure|yes|yeah|"
    r"i see|got it|um|uh|oh) ?){1,3}"
)
#: No longer line is a backchannel: three words of at most nine letters, each with its space
#: (tested in a line's time: most lines are longer, and the expression was tried on each).
_BACKCHANNEL_MAX = 30


def next_replies(call: Call, index: int, count: int) -> list[Turn]:
    """The agent's next `count` lines after line `index` that are not backchannels
    ("Mm-hm.", "Okay.", "Right."): a reply a "next line or the one after" rule judges
    (issue 17: spoken calls trail backchannels through every turn). Looks at most
    three lines further than `count`."""
    out = [
        t
        for t in call.agent_after(index, count + 3)
        if len(t.normal) > _BACKCHANNEL_MAX or not _BACKCHANNEL.fullmatch(t.normal)
    ]
    return out[:count]


def first(turns: Iterable[Turn], *acts: str) -> Turn | None:
    return next((t for t in turns if t.has(*acts)), None)

"""Plays the realism corpus (tests/data/realism/) and judges each caller reply by its class.

Shared by the realism tests and `benchmarks/bench_realism.py`. A case is one
agent line at one moment of a call; the judge reads the caller's reply (the
caller lines the move produced), the caller's acts as the grader's
recogniser hears them, and the caller's state before and after.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from scoring.acts import recognise
from scoring.transcript import Speech
from simulator.engine import CallEngine
from simulator.engine.moves import parse_move
from simulator.scenario import find_scenario
from simulator.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "realism"

#: caller replies that say nothing to a question: a bare nod, or puzzlement
GENERIC = re.compile(
    r"^(?:okay|ok|all right|alright|i see|right|fine|mm,? okay|go on|whatever|and\?|"
    r"sorry, i'm not sure what you mean)\.?$",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(
    r"\b(?:i (?:do not|don't|dont) know|not sure|no idea|(?:can't|cannot|can not|don't|do not) "
    r"remember|couldn't tell you|could not tell you|no clue|how would i know|"
    r"(?:don't|do not|haven't) (?:have|got) (?:that|it|one|a)|never (?:got|caught|asked))\b"
)
_OBJECTION_ACTS = frozenset(
    {"refuse", "still_unhappy", "report_problem", "ask_supervisor", "threaten_escalation"}
)
_POLITE = re.compile(r"\b(?:thank|thanks|appreciate|have a (?:good|nice|great|lovely))\b", re.I)


@dataclass(frozen=True)
class Case:
    scenario: str
    id: str
    agent: str
    expect: str
    before: tuple[str, ...] | None = None
    contains: tuple[str, ...] = ()
    why: str = ""
    lacks: tuple[str, ...] = ()  # words the reply must not have (a fact nobody asked for)


@dataclass
class Played:
    """What the caller did in answer to a case's agent move."""

    case: Case
    reply: str
    acts: frozenset[str]
    before: dict[str, Any]
    after: dict[str, Any]
    ended_by: str
    earlier: list[str] = field(default_factory=list)  # caller lines before the move


def cases() -> Iterator[Case]:
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for c in data["cases"]:
            yield Case(
                data["scenario"],
                c["id"],
                c["agent"],
                c["expect"],
                tuple(c["before"]) if c.get("before") is not None else None,
                tuple(str(x) for x in c.get("contains", ())),
                c.get("why", ""),
                tuple(str(x) for x in c.get("lacks", ())),
            )


@cache
def scenario(sid: str) -> Scenario:
    return find_scenario(sid, ())


def _snapshot(engine: CallEngine) -> dict[str, Any]:
    m = engine.memory
    return {"mood": engine.temper.mood, "patience": engine.temper.patience, "rung": int(m.rung)}


def play(case: Case, seed: int = 0) -> Played:
    s = scenario(case.scenario)
    engine = CallEngine(s, seed=seed)
    engine.start()
    before = case.before if case.before is not None else tuple(st.agent for st in s.script[:2])
    values = engine._values  # the scenario's placeholders, as the script uses them
    from simulator.scenario.lines import render

    for text in before:
        if engine.finished:
            break
        engine.apply(parse_move(render(text, values)))
    earlier = [ln.text for ln in engine.lines if isinstance(ln, Speech) and ln.speaker == "caller"]
    snap = _snapshot(engine)
    n = len(engine.lines)
    if not engine.finished:
        engine.apply(parse_move(render(case.agent, values)))
    new = engine.lines[n:]
    reply = " ".join(ln.text for ln in new if isinstance(ln, Speech) and ln.speaker == "caller")
    acts = recognise(reply, "caller") if reply else frozenset()
    return Played(case, reply, acts, snap, _snapshot(engine), engine.ended_by, earlier)


# ----- the judges -------------------------------------------------------------------
def _norm(text: str) -> str:
    t = text.lower().replace("\u2019", "'")
    return re.sub(r"(?<=\d)[ ,.-](?=\d)", "", t)


def _first_sentence(reply: str) -> str:
    """An answer opens with the fact; "I'm not sure. I just need ..." is a hedge, not one."""
    return _norm(re.split(r"(?<=[.!?])\s", reply, maxsplit=1)[0])


def _has_all(p: Played) -> bool:
    reply = _norm(p.reply)
    reply = re.sub(r"(?<=\d) (?=\d)", "", reply)
    # an id read out a character at a time ("F G 7 7 2 0 1 4") is the id
    reply = re.sub(r"\b[a-z](?: [a-z]\b)* (?=\d)", lambda m: m.group(0).replace(" ", ""), reply)
    return all(_norm(w) in reply for w in p.case.contains)


def generic(reply: str) -> bool:
    return not reply.strip() or bool(GENERIC.match(reply.strip()))


def _objects(p: Played) -> bool:
    return bool(_OBJECTION_ACTS & p.acts) and "thanks" not in p.acts and "goodbye" not in p.acts


def _spelled(p: Played) -> bool:
    letters = "".join(t for t in re.findall(r"\b\w\b", p.reply.lower()))
    want = "".join(c for c in p.case.contains[0].lower() if c.isalnum())
    return want[:6] in letters


def _no_polite_close(p: Played) -> bool:
    return not _POLITE.search(p.reply)


def _pushes(p: Played) -> bool:
    fresh = p.reply and p.reply not in p.earlier
    return bool(fresh) and "agree" not in p.acts and not _POLITE.search(p.reply) and not p.ended_by


_HERE = re.compile(r"\b(?:here|yes|yeah|i can)\b")
_STILL_HERE = re.compile(r"\b(?:i'm|i am) (?:still )?here\b|\bstill (?:here|there)\b")
_SMALL_TALK_REPLY = re.compile(r"\b(?:fine, thanks|not bad|ha, fine|very well, thank you)\b")
_CALLED_BEFORE = re.compile(r"\b(?:called|before|already|again|last week|second|still)\b")


def _first_call(p: Played) -> bool:
    """A caller who has been in touch about it says so; a first-time caller says yes."""
    context = scenario(p.case.scenario).context
    if {"second_request", "already_transferred"} & set(context):
        asked_first = "first" in _norm(p.case.agent)
        yes = bool(re.match(r"(?:yes|yeah|yep)\b", _norm(p.reply)))
        return bool(_CALLED_BEFORE.search(_norm(p.reply))) or (yes and not asked_first)
    reply = _norm(p.reply)
    return bool(re.match(r"(?:yes|yeah|yep|it is|first)\b", reply)) or bool(
        re.search(r"\bfirst (?:time|call)\b", reply)
    )


def _notices(p: Played) -> bool:
    want = scenario(p.case.scenario).caller.calling_for.lower()
    reply = p.reply.lower()
    named = bool(want) and want.split()[0] in reply
    return named or "wrong number" in reply or "is this" in reply


JUDGES: dict[str, Callable[[Played], bool]] = {
    "answers_fact": lambda p: (
        _has_all(p) and not generic(p.reply) and not _DONT_KNOW.search(_first_sentence(p.reply))
    ),
    "dont_know": lambda p: bool(_DONT_KNOW.search(_norm(p.reply))) and "mean" not in p.reply,
    "repeats": _has_all,
    "spells": _spelled,
    "confirms": lambda p: "agree" in p.acts and "refuse" not in p.acts,
    "corrects": lambda p: _has_all(p) and bool(re.search(r"\b(?:no|not|wrong)\b", _norm(p.reply))),
    "corrects_reason": lambda p: (
        _has_all(p) and bool(re.match(r"(?:no|not|that is not|wrong)\b", _norm(p.reply)))
    ),
    "objects_timeframe": _objects,
    "objects_transfer": _objects,
    "accepts": lambda p: (
        bool({"agree", "choose_message", "choose_voicemail"} & p.acts) and "refuse" not in p.acts
    ),
    "declines": lambda p: "agree" not in p.acts or "refuse" in p.acts,
    "answers_hold": lambda p: bool({"agree", "refuse"} & p.acts),
    "no_polite_close": _no_polite_close,
    "climbs": lambda p: p.after["rung"] == p.before["rung"] + 1,
    "pushes_back": _pushes,
    "notices_wrong_number": _notices,
    "steers_back": lambda p: (
        not generic(p.reply)
        and any(_norm(w) in _norm(p.reply) for w in p.case.contains)
        and not _DONT_KNOW.search(_first_sentence(p.reply))
    ),
    "takes_hold": lambda p: (
        p.after["mood"] <= p.before["mood"] and p.before["patience"] - p.after["patience"] <= 5
    ),
    "chooses": lambda p: (
        any(_norm(w) in _norm(p.reply) for w in p.case.contains)
        and not _DONT_KNOW.search(_first_sentence(p.reply))
    ),
    "angrier": lambda p: (
        p.after["mood"] > p.before["mood"] or p.after["patience"] < p.before["patience"]
    ),
    "not_calmer": lambda p: (
        p.after["mood"] >= p.before["mood"] and p.after["patience"] <= p.before["patience"]
    ),
    "not_generic": lambda p: not generic(p.reply) and "not sure what you mean" not in p.reply,
    "still_there": lambda p: bool(_HERE.search(_norm(p.reply))) and "not sure" not in p.reply,
    "back_to_goal": lambda p: (
        _has_all(p) and not generic(p.reply) and not _SMALL_TALK_REPLY.search(_norm(p.reply))
    ),
    "first_call": _first_call,
    "gives_reason": lambda p: (
        _has_all(p) and not generic(p.reply) and not _STILL_HERE.search(_norm(p.reply))
    ),
    # half of a two-part goal given: taken, and the other half asked for in its own words
    "asks_rest": lambda p: (
        _has_all(p) and not generic(p.reply) and not _DONT_KNOW.search(_first_sentence(p.reply))
    ),
    "takes_answer": lambda p: (
        bool(re.search(r"\b(?:thank|thanks|good to know|great|perfect|helpful)\b", _norm(p.reply)))
        and not re.search(r"\bi (?:just|still) (?:want|need)\b", _norm(p.reply))
    ),
}


def _lacks_all(p: Played) -> bool:
    reply = _norm(p.reply)
    return not any(re.search(rf"\b{re.escape(_norm(w))}\b", reply) for w in p.case.lacks)


def judge(p: Played) -> bool:
    return JUDGES[p.case.expect](p) and _lacks_all(p)

"""Checks the schema cannot express: references between parts of a scenario.

A transfer to an extension not in the directory, a beat whose trigger can
never happen, a line the call will need that is not written, a `{placeholder}`
that does not exist, a mistake that names an item the policy does not have.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from scoring.safeyaml import Path, YamlDoc
from simulator.engine.hearing import BEAT_EVENTS, agent_acts
from simulator.engine.moves import Consult, MoveError, Transfer, parse_move
from simulator.scenario.lines import (
    HEARD_IN,
    PLACEHOLDER,
    PLACEHOLDERS,
    render,
    template_values,
    unknown_placeholders,
)
from simulator.scenario.model import Scenario
from simulator.scenario.problems import Problem, did_you_mean

Found = Iterator[tuple[Path, str, str]]  # (where, message, hint)


def semantic_problems(doc: YamlDoc, path: str, item_ids: frozenset[str] | None) -> list[Problem]:
    data: dict[str, Any] = doc.data
    found: list[tuple[Path, str, str]] = []
    for check in (_context, _directory, _beats, _placeholders):
        found.extend(check(data))
    found.extend(_script(data, item_ids))
    out = []
    for where, message, hint in found:
        m = doc.mark(where)
        out.append(Problem(path, m.line, m.column, message, hint))
    return out


def _context(data: dict[str, Any]) -> Found:
    context = set(data.get("context", []))
    caller = data.get("caller", {})
    lines = data.get("lines", {})
    if "wrong_number" in context and not data.get("correct_number"):
        yield ("context",), "a wrong_number scenario needs correct_number", "add correct_number"
    if "reason" not in lines and "opening" not in lines:
        yield (
            ("lines",),
            "missing line 'reason' (the caller's reason for calling)",
            "add lines.reason",
        )
    needs = {
        "id_number": ({"order", "second_request"}, "give_id"),
        "email": ({"documentation", "product_question"}, "give_email"),
    }
    for key, (facts, situation) in needs.items():
        if context & facts and not caller.get(key):
            yield (
                ("caller",),
                f"missing caller.{key}: the '{situation}' situation is reachable in a "
                f"{'/'.join(sorted(context & facts))} call",
                f"add caller.{key}",
            )
    if "transfer_ok" in context and not data.get("directory"):
        yield ("context",), "a transfer_ok scenario needs a directory to transfer to", ""


def _directory(data: dict[str, Any]) -> Found:
    seen: set[str] = set()
    for i, entry in enumerate(data.get("directory", [])):
        ext = str(entry.get("ext"))
        if ext in seen:
            yield ("directory", i, "ext"), f"extension {ext} is listed twice", ""
        seen.add(ext)


def _beats(data: dict[str, Any]) -> Found:
    beats = data.get("beats", [])
    ids = [b.get("id") for b in beats]
    triggers = agent_acts() | BEAT_EVENTS | {"opening"}
    for i, beat in enumerate(beats):
        if ids.count(beat["id"]) > 1:
            yield ("beats", i, "id"), f"beat id {beat['id']!r} is used twice", ""
        after = str(beat["after"])
        if after.startswith("beat:"):
            target = after[5:]
            if target not in ids and target != "reason":
                hint = did_you_mean(target, [str(x) for x in ids]) or "name an existing beat"
                yield ("beats", i, "after"), f"unreachable beat: no beat {target!r}", hint
        elif after not in triggers:
            hint = did_you_mean(after, triggers) or "an agent act, resume, lookup, consult, opening"
            yield ("beats", i, "after"), f"unreachable beat: unknown trigger {after!r}", hint
    yield from _beat_cycles(beats)


def _beat_cycles(beats: list[dict[str, Any]]) -> Found:
    after = {b["id"]: str(b["after"]) for b in beats}
    for i, beat in enumerate(beats):
        seen, cur = set(), beat["id"]
        while cur in after and after[cur].startswith("beat:"):
            if cur in seen:
                yield ("beats", i, "after"), "unreachable beat: its triggers form a loop", ""
                break
            seen.add(cur)
            cur = after[cur][5:]


def _placeholders(data: dict[str, Any]) -> Found:
    """Every line a caller may say: lines (per mood too), beats, escalation lines, facts."""
    roots: list[tuple[Path, Any]] = [(("lines",), data.get("lines", {}))]
    roots += [(("beats", i, "say"), b.get("say")) for i, b in enumerate(data.get("beats", []))]
    roots.append((("escalation",), data.get("escalation") or {}))
    roots.append((("caller", "facts"), (data.get("caller") or {}).get("facts") or {}))
    for where, value in roots:
        for at, text in _texts(value, where):
            for message, hint in placeholder_problems(text):
                yield at, message, hint
            yield from _unheard(at, text)


def _unheard(at: Path, text: str) -> Found:
    """A `{heard.*}` value in a line of a situation in which the caller never hears it: the
    line would never be said ("will_do: ok {heard.option}" leaves the caller silent)."""
    if len(at) < 2 or at[0] != "lines":
        return
    situation = str(at[1])
    for name in PLACEHOLDER.findall(text):
        fills = HEARD_IN.get(name)
        if fills is not None and situation not in fills:
            said_in = ", ".join(sorted(fills))
            yield (
                at,
                f"{{{name}}} is never heard when the caller says {situation}",
                (f"only {said_in} can use it"),
            )


def _texts(value: Any, where: Path) -> Iterator[tuple[Path, str]]:
    """The text leaves of a line's value: a string, a list of them, a mood table, a fact."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for j, item in enumerate(value):
            yield from _texts(item, (*where, j))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "ask":  # a fact's cue words are not said
                yield from _texts(item, (*where, key))


#: Anything in braces that could be meant as a placeholder (no spaces, not too long).
_BRACED = re.compile(r"\{([^\s{}]{1,60})\}")


def placeholder_problems(text: str) -> Iterator[tuple[str, str]]:
    """(message, hint) for each `{name}` that is not a placeholder: unknown, or a look-alike.

    `{cаller.name}` with a Cyrillic `а` would otherwise be spoken as written,
    braces and all; the message names the odd character so it can be found.
    """
    for name in unknown_placeholders(text):
        yield f"unknown placeholder {{{name}}}", did_you_mean(name, PLACEHOLDERS) or _SEE
    for name in _BRACED.findall(text):
        odd = next((c for c in name if not c.isascii()), "")
        if odd:
            char = f"U+{ord(odd):04X} {unicodedata.name(odd, 'an unnamed character')}"
            hint = did_you_mean(_ascii_guess(name), PLACEHOLDERS) or _SEE
            yield f"placeholder {{{name}}} has {odd!r} ({char}), not a plain letter", hint


_SEE = "see docs/scenarios.md"


def _ascii_guess(name: str) -> str:
    return "".join(c if c.isascii() else "?" for c in name)


def _script(data: dict[str, Any], item_ids: frozenset[str] | None) -> Found:
    exts = {str(e.get("ext")) for e in data.get("directory", [])}
    for i, step in enumerate(data.get("script", [])):
        text = step if isinstance(step, str) else step.get("agent", "")
        where: Path = ("script", i) if isinstance(step, str) else ("script", i, "agent")
        yield from _move(text, where, exts)
        if isinstance(step, dict):
            for j, mistake in enumerate(step.get("mistakes", [])):
                agent = mistake.get("agent", "")
                for k, text in enumerate(agent if isinstance(agent, list) else [agent]):
                    at = ("script", i, "mistakes", j, "agent")
                    yield from _move(text, (*at, k) if isinstance(agent, list) else at, exts)
                for k, item in enumerate(mistake.get("fails", [])):
                    if item_ids is not None and item not in item_ids:
                        hint = did_you_mean(item, item_ids)
                        yield (
                            ("script", i, "mistakes", j, "fails", k),
                            f"unknown protocol item {item!r}",
                            hint,
                        )


def _move(text: str, where: Path, exts: set[str]) -> Found:
    for message, hint in placeholder_problems(text):
        yield where, message, hint
    try:
        move = parse_move(text)
    except MoveError as exc:
        yield where, str(exc), ""
        return
    if isinstance(move, Consult | Transfer) and move.ext not in exts:
        verb = "transfer" if isinstance(move, Transfer) else "consult"
        listed = ", ".join(sorted(exts)) or "none"
        yield (
            where,
            f"{verb} to extension {move.ext}, which is not in the directory",
            (f"directory extensions: {listed}"),
        )


#: situation -> the caller act the grader must read in it (docs/acts.md), or the call the
#: trainee plays is not the call the grader scores (an "agreed" hold the grader sees as no answer).
CALLER_ACTS: dict[str, str] = {
    "agree_hold": "agree",
    "refuse_hold": "refuse",
    "agree_transfer": "agree",
    "choose_transfer": "agree",
    "accept_supervisor": "agree",
    "confirm_second": "agree",
    "choose_message": "choose_message",
    "choose_voicemail": "choose_voicemail",
    "ask_supervisor": "ask_supervisor",
    "fourth_level": "threaten_escalation",
    "goodbye": "goodbye",
}


def caller_line_problems(scenario: Scenario, doc: YamlDoc, path: str) -> list[Problem]:
    """Lines the grader would not read as what the engine means them to do."""
    from scoring.acts import recognise

    values = template_values(scenario, scenario.agent)
    out = []
    for situation, act in CALLER_ACTS.items():
        raw = doc.data.get("lines", {}).get(situation)
        for where, text in _texts(raw, ("lines", situation)) if raw is not None else ():
            if act in recognise(render(text, values), "caller"):
                continue
            m = doc.mark(where)
            message = f"lines.{situation}: the grader does not read {text!r} as '{act}'"
            hint = f"phrase it as docs/acts.md describes '{act}'"
            out.append(Problem(path, m.line, m.column, message, hint))
    return out

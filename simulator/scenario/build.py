"""Turn validated scenario data (plain dicts) into the frozen `Scenario` model."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from simulator.scenario.model import (
    MOODS,
    Beat,
    Caller,
    Contact,
    Expectations,
    Fact,
    Mistake,
    MoodLines,
    Scenario,
    Step,
    Voice,
    pick_mood,
)

#: hours in a unit of `expects.callback_within`
_UNIT_HOURS = {"m": 1 / 60, "h": 1.0, "d": 24.0}


def _variants(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return pick_mood(_by_mood(value), MOODS[0])
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def _by_mood(value: Any) -> MoodLines:
    """A line's variants per mood ("" = any mood when the line is not written per mood)."""
    if isinstance(value, dict):
        return MappingProxyType({str(k): _variants(v) for k, v in value.items()})
    return MappingProxyType({"": _variants(value)})


def hours(text: str) -> float | None:
    """'1 hour', '30 minutes', '2 days' -> hours (the schema has checked the shape)."""
    parts = str(text).split()
    if len(parts) == 1:  # "30min", "2h"
        num = "".join(c for c in parts[0] if c.isdigit() or c == ".")
        parts = [num, parts[0][len(num) :]]
    try:
        value = float(parts[0])
    except (ValueError, IndexError):
        return None
    unit = parts[1][:1].lower() if len(parts) > 1 and parts[1] else "h"
    return value * _UNIT_HOURS.get(unit, 1.0)


def _facts(raw: dict[str, Any]) -> tuple[Fact, ...]:
    out = []
    for topic, value in raw.items():
        if isinstance(value, dict) and "say" in value:
            out.append(
                Fact(topic, tuple(str(c) for c in value.get("ask", ())), _variants(value["say"]))
            )
        else:
            out.append(Fact(topic, (), _variants(value)))
    return tuple(out)


def _expects(raw: dict[str, Any]) -> Expectations:
    within = raw.get("callback_within")
    fixed = raw.get("fixed_within")
    return Expectations(
        callback_within_h=hours(within) if within is not None else None,
        fixed_within_h=hours(fixed) if fixed is not None else None,
        no_transfer=bool(raw.get("no_transfer", False)),
        person=str(raw.get("person", "")),
        resolution=str(raw.get("resolution", "")),
    )


def _caller(d: dict[str, Any]) -> Caller:
    voice = d.get("voice") or {}
    return Caller(
        name=d["name"],
        title=d.get("title", ""),
        id_number=str(d.get("id_number", "")),
        phone=d.get("phone", ""),
        email=d.get("email", ""),
        orders=tuple(str(o) for o in d.get("orders", [])),
        voice=Voice(**voice),
        mood=d.get("mood", "calm"),
        patience=d.get("patience", 80),
        traits=frozenset(d.get("traits", [])),
        volunteers_name=d.get("volunteers_name", False),
        wants=d.get("wants", "message"),
        voicemail_choice=d.get("voicemail_choice", "voicemail"),
        goal=str(d.get("goal", "")),
        facts=_facts(d.get("facts") or {}),
        expects=_expects(d.get("expects") or {}),
        calling_for=str(d.get("calling_for", "")),
    )


def _mistake(m: dict[str, Any]) -> Mistake:
    moves = m["agent"] if isinstance(m["agent"], list) else [m["agent"]]
    return Mistake(
        moves[0],
        frozenset(m.get("fails", [])),
        m.get("label", ""),
        m.get("why", ""),
        tuple(moves[1:]),
    )


def _step(raw: Any) -> Step:
    if isinstance(raw, str):
        return Step(raw)
    mistakes = tuple(_mistake(m) for m in raw.get("mistakes", []))
    return Step(raw["agent"], raw.get("label", ""), mistakes)


def build_scenario(data: dict[str, Any], *, default_id: str, path: str = "") -> Scenario:
    return Scenario(
        id=data.get("id", default_id),
        title=data["title"],
        summary=data.get("summary", ""),
        difficulty=data["difficulty"],
        default=bool(data.get("default", False)),
        tags=tuple(data.get("tags", [])),
        brand=data["brand"],
        agent=data.get("agent", "Alex"),
        policy=data.get("policy", "default"),
        context=frozenset(data.get("context", [])),
        correct_number=data.get("correct_number", ""),
        ticket_id=data.get("ticket_id", ""),
        source=tuple(data.get("source", [])),
        caller=_caller(data["caller"]),
        history=tuple(data.get("history", [])),
        directory=tuple(
            Contact(str(e["ext"]), e["name"], e.get("dept", ""), e.get("answers", "answered"))
            for e in data.get("directory", [])
        ),
        lines=MappingProxyType({k: _variants(v) for k, v in data.get("lines", {}).items()}),
        mood_lines=MappingProxyType(
            {k: _by_mood(v) for k, v in data.get("lines", {}).items() if isinstance(v, dict)}
        ),
        beats=tuple(
            Beat(
                b["id"],
                b["after"],
                _variants(b["say"]),
                b.get("mood", 0),
                _by_mood(b["say"]) if isinstance(b["say"], dict) else MappingProxyType({}),
            )
            for b in data.get("beats", [])
        ),
        script=tuple(_step(s) for s in data["script"]),
        escalation=MappingProxyType(
            {k: _by_mood(v) for k, v in (data.get("escalation") or {}).items()}
        ),
        path=path,
    )

"""Turn validated scenario data (plain dicts) into the frozen `Scenario` model."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from simulator.scenario.model import Beat, Caller, Contact, Mistake, Scenario, Step, Voice


def _variants(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


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
        beats=tuple(
            Beat(b["id"], b["after"], _variants(b["say"]), b.get("mood", 0))
            for b in data.get("beats", [])
        ),
        script=tuple(_step(s) for s in data["script"]),
        path=path,
    )

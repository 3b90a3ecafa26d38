"""The caller's default lines, and the `{placeholder}` templates lines may use.

A trainer writes only the lines that make a scenario its own (the reason for
calling, its beats); every other situation falls back to a sensible default
here. Templates are filled from a fixed table, never with `str.format` on
trainer text, so a scenario cannot reach into Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

#: situation -> default variants. A situation not here (e.g. `reason`) must be written.
DEFAULT_LINES: Mapping[str, tuple[str, ...]] = {
    "give_name": ("{caller.name}.", "It's {caller.name}."),
    "give_id": ("It's {caller.id_number}.", "Sure, it's {caller.id_number}."),
    "give_phone": ("It's {caller.phone}.", "You can reach me at {caller.phone}."),
    "give_email": ("It's {caller.email}.", "My email is {caller.email}."),
    "agree_hold": ("Sure, go ahead.", "Okay, that's fine.", "Yes, that's fine."),
    "refuse_hold": ("No, please don't put me on hold. I'd rather stay on the line.",),
    "confirm_second": ("Yes, that's right. It still hasn't been fixed.",),
    "give_callback_time": ("Any time this afternoon is fine.", "After two o'clock works best."),
    "choose_transfer": ("Yes, please put me through.",),
    "choose_message": ("I'll just leave a message with you, please.",),
    "choose_voicemail": ("Please put me through to the voicemail.",),
    "urgent": ("It's not an emergency, but I do need to hear back today.",),
    "accept_supervisor": ("Yes, please. I'd like that.",),
    "accept_alternative": ("Yes, please, call me back instead of keeping me waiting.",),
    "agree_transfer": ("Okay, yes please.", "Yes, that's fine."),
    "nothing_else": ("No, that's everything. Thank you.", "No, that's all. Thanks."),
    "goodbye": ("Thanks, bye.", "Thank you. Goodbye."),
    "ack": ("Okay.", "All right.", "I see."),
    "confused": ("Sorry, I'm not sure what you mean.",),
    "no_data": ("Sorry, I don't have that.",),
    "thanks": ("Thank you.", "Thanks so much."),
    "note_reference": ("Got it, thank you.", "Okay, I've written that down."),
    "ask_transfer": ("Can't you just put me through to them?",),
    "after_long_hold": ("I was on hold for a long time.",),
    "ignored": ("Did you hear what I said? This is a real problem for me.",),
    "second_transfer": ("You're transferring me again? I've already been passed around once!",),
    "ask_supervisor": ("I want to speak to your supervisor.",),
    "refused_supervisor": ("That's not acceptable. I want to speak to someone above you.",),
    "fourth_level": (
        "That's it. I'm writing to your CEO, and I'm filing a complaint with the Better "
        "Business Bureau.",
    ),
    "interrupted": ("Excuse me, I wasn't finished!",),
    "cut_in": ("Look, just get to the point.",),
    "silence": ("Hello? Are you still there?",),
    "after_mute": ("Hello? I couldn't hear anything.",),
    "limit": ("I'm sorry, I have to go now.",),
    "vent": ("I have spent so much time on this already, and nobody seems to care.",),
}

#: situations the engine can reach; `reason` has no default and must be written.
SITUATIONS: frozenset[str] = frozenset(DEFAULT_LINES) | {"reason", "opening"}

_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")

#: placeholders a template may use.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "agent",
        "brand",
        "correct_number",
        "ticket_id",
        "caller.name",
        "caller.first_name",
        "caller.surname",
        "caller.address",
        "caller.title",
        "caller.id_number",
        "caller.phone",
        "caller.email",
        "caller.order",
    }
)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that `render` would not know (for validation)."""
    return [m for m in _PLACEHOLDER.findall(text) if m not in PLACEHOLDERS]


def template_values(scenario: Scenario, agent: str) -> dict[str, str]:
    c = scenario.caller
    return {
        "agent": agent,
        "brand": scenario.brand,
        "correct_number": scenario.correct_number,
        "ticket_id": scenario.ticket_id,
        "caller.name": c.name,
        "caller.first_name": c.first_name,
        "caller.surname": c.surname,
        "caller.address": c.address,
        "caller.title": c.title,
        "caller.id_number": c.id_number,
        "caller.phone": c.phone,
        "caller.email": c.email,
        "caller.order": c.orders[0] if c.orders else c.id_number,
    }


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill `{placeholder}`s from `values`; unknown ones stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def variants(scenario: Scenario, situation: str) -> tuple[str, ...]:
    """The scenario's lines for a situation, else the default ones."""
    return scenario.line(situation) or DEFAULT_LINES.get(situation, ())

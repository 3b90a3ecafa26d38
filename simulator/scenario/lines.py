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

from simulator.scenario.model import MOODS, MoodName

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

#: situation -> default variants. A situation not here (e.g. `reason`) must be written.
DEFAULT_LINES: Mapping[str, tuple[str, ...]] = {
    "give_name": ("{caller.name}.", "It's {caller.name}."),
    "give_id": ("It's {caller.id_number}.", "Sure, it's {caller.id_number}."),
    "give_phone": ("It's {caller.phone}.", "You can reach me at {caller.phone}."),
    "give_email": ("It's {caller.email}.", "My email is {caller.email}."),
    "give_birth_date": ("It's {caller.birth_date}.", "{caller.birth_date}."),
    "agree_hold": ("Sure, go ahead.", "Okay, that's fine.", "Yes, that's fine."),
    "refuse_hold": ("No, please don't put me on hold. I'd rather stay on the line.",),
    "confirm_second": ("Yes, that's right. It still hasn't been fixed.",),
    "give_callback_time": ("Any time this afternoon is fine.", "After two o'clock works best."),
    "choose_transfer": ("Yes, please put me through.",),
    "choose_message": ("I'll just leave a message with you, please.",),
    "choose_voicemail": ("Please put me through to the voicemail.",),
    "urgent": ("It's not an emergency, but I do need to hear back today.",),
    "accept_supervisor": ("Yes, please. I'd like that.",),
    "supervisor_here": ("Yes, finally. Thank you.", "Okay, good. Put them on, please."),
    "accept_alternative": ("Yes, please, call me back instead of keeping me waiting.",),
    "agree_transfer": ("Okay, yes please.", "Yes, that's fine."),
    "nothing_else": ("No, that's everything. Thank you.", "No, that's all. Thanks."),
    "that_is_all": ("Yes, that's everything. Thank you.", "Yes, that's all. Thanks."),
    "ask_message": ("Oh. Could I leave a message, then?", "I see. Can I leave a message?"),
    "not_found": ("That's odd. Let me read it again.", "Really? It should be there."),
    "choose_option": ("{heard.option}, please.", "{heard.option}, please. That's what I need."),
    "goodbye": ("Thanks, bye.", "Thank you. Goodbye."),
    "ack": ("Okay.", "All right.", "I see."),
    "confused": ("Sorry, I'm not sure what you mean.",),
    "no_data": ("Sorry, I don't have that.",),
    "thanks": ("Thank you.", "Thanks so much."),
    "note_reference": ("Got it, thank you.", "Okay, I've written that down."),
    "ask_transfer": ("Can't you just put me through to them?",),
    "after_long_hold": ("I was on hold for a long time.",),
    "ignored": ("Did you hear what I said? I need to {goal}. This is a real problem for me.",),
    "ignored_asked": (
        "And this is a real problem for me, you know.",
        "And please hurry. This is a real problem for me.",
    ),
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
    # ---- the listening caller (docs/engine.md) ----
    "dont_know": (
        "I don't know, honestly. I just want to {goal}.",
        "I'm not sure about that. I just need to {goal}.",
        "I've no idea, sorry. All I want is to {goal}.",
    ),
    "confirm_yes": ("Yes, that's right.", "That's correct.", "Yes, that's it."),
    "not_reason": (
        "No, that's not it. I'm calling to {goal}.",
        "No, not quite. I need to {goal}.",
    ),
    "correct_detail": (
        "No, it's {heard.correction}.",
        "No, that's not it. It's {heard.correction}.",
    ),
    "object_timeframe": (
        "{heard.timeframe}? No, that's not acceptable. "
        "I need to hear back within {expects.callback_within}.",
        "{heard.timeframe}? That's too long, it's not acceptable. "
        "It has to be within {expects.callback_within}.",
    ),
    "object_fix_time": (
        "{heard.timeframe}? No, that's far too long. I need this sorted much sooner than that.",
        "{heard.timeframe}? That's not acceptable. It can't take that long.",
    ),
    "correct_fact": ("No. {heard.correction}", "No, that's not right. {heard.correction}"),
    "object_changed": (
        "{heard.timeframe}? No, that's not right. You said {heard.earlier} a minute ago.",
        "Wait, {heard.timeframe}? You promised {heard.earlier}. That's not acceptable.",
    ),
    "object_again": (
        "{heard.timeframe}? That's what I was told last time, and nothing happened.",
        "{heard.timeframe}? I heard that last time too. It's still not fixed.",
    ),
    "object_transfer": (
        "Wait, you're transferring me again? That's not acceptable, I've already been passed "
        "around once. Can't you help me yourself?",
        "No, please don't transfer me again. I've already been bounced around.",
    ),
    "object_no_time": (
        "So when, then? I need to know when I'll hear back.",
        "Then when? I can't just wait without knowing.",
    ),
    "object_person": (
        "No, I need to speak to {expects.person}, not someone else.",
        "I'd really rather talk to {expects.person}, please.",
    ),
    "still_need": (
        "Yes, actually. I still need to {goal}.",
        "Well, yes. I still need to {goal}. That's why I called.",
    ),
    "accept_offer": ("Yes, please. That would help.", "Yes, that works for me."),
    "conditional_offer": (
        "Yes, if that gets this sorted. I just want to {goal}.",
        "Yes, as long as it means I can {goal}.",
    ),
    "decline_offer": ("No, thank you. That's not what I need.", "No, that doesn't help me."),
    "go_ahead": ("Sure.", "Okay, sure.", "Sure, go ahead."),
    "put_through": ("Oh, yes, please. Thank you!", "Yes, please. Thank you so much."),
    "asks_news": ("So? What did you find out?", "And? What's the news?"),
    "confirm_name": ("Yes, that's right.", "That's right, yes."),
    "chat_back": ("Better now, thanks.", "Fine, thanks. Good to have that sorted."),
    # small talk that is not "how are you" (the weather there, a game, a compliment)
    "remark_back": (
        "Ha. Anyway, I need to {goal}.",
        "Oh, right. Anyway, about why I called: I need to {goal}.",
        "Mm. Anyway, I'm calling to {goal}.",
    ),
    "asks_rest": (
        "But I also need to {heard.rest}.",
        "And the other thing: I also need to {heard.rest}.",
        "What about the rest, though? I also need to {heard.rest}.",
    ),
    "will_do": ("Sure, I can do that.", "Yes, I can do that.", "Okay, I'll do that."),
    "thanks_answer": (
        "Oh, okay. That's good to know, thank you.",
        "Great, thanks for finding that out.",
        "Okay, that's helpful. Thank you.",
    ),
    "back_to_goal": (
        "So, can you help me {goal}?",
        "Right. So, are you able to help me {goal}?",
        "Okay. So what can you do to help me {goal}?",
    ),
    "steer_back": (
        "Not bad, thanks. Anyway, I just want to {goal}.",
        "Ha, fine, thanks. But I'm calling to {goal}.",
        "Sure. Anyway, about why I called: I need to {goal}.",
    ),
    "escalate_expert": (
        "Is there anyone there who knows about this?",
        "Then let me talk to someone who knows how this works.",
        "Surely somebody there knows about this. Can you ask them?",
    ),
    "escalate_supervisor": (
        "Then I want to speak to your supervisor.",
        "I'd like to speak to your manager about this, please.",
        "Put your supervisor on, please.",
    ),
    "unresolved_close": (
        "Wait, that's it? Nothing has been sorted out. I still need to {goal}.",
        "Hold on, you can't just end the call. I still need to {goal}.",
    ),
    "curt_goodbye": ("Forget it.", "Unbelievable.", "I'm done with this."),
    "push_urgent": (
        "It's urgent, though. It really can't wait past today.",
        "Look, this is time sensitive. It has to be dealt with today.",
    ),
    "push_owner_asked": (
        "The owner actually asked me to call back today.",
        "Your manager asked us to follow up with them directly.",
    ),
    "push_direct_line": (
        "Can you just give me the owner's direct line, then?",
        "What's the best direct number to reach the owner on?",
    ),
    "push_email": (
        "Then what's the owner's email address? I'll write to them directly.",
        "Could you give me the owner's personal email instead?",
    ),
    "spam_gives_up": ("Fine. I'll try another time.", "Okay, I'll try again later."),
    "deny_sales": (
        "No, no, it's not a sales call. I just need to {goal}.",
        "Oh, no, nothing like that. I just need to {goal}.",
    ),
    "pitch": ("Oh, great, you're just the person I need. This will only take two minutes.",),
    "spam_email": ("Fine, I'll send an email.", "All right, I'll put it in an email."),
    "notice_wrong": (
        "Wait, is this not {calling_for}?",
        "Hang on, is this {calling_for}? I think I dialled the other company.",
        "Wait, who did I call? Is this not the right company?",
    ),
    "ask_right_number": (
        "Oh! I was trying to reach {calling_for}. Would you know their number?",
        "Oh, so this isn't {calling_for}? Would you know their number, by any chance?",
        "Oh, I see. Would you know their number, by any chance?",
    ),
    "decline_booking": (
        "No, thanks. I need {calling_for}, not you.",
        "No, that's all right. It's {calling_for} I'm after.",
    ),
    "hold_announced_ack": ("Oh, okay.", "Okay."),
    "checkin_agree": ("Okay, I'll keep holding.", "Sure, take your time.", "Okay, I can wait."),
    "checkin_refuse": (
        "No, I've waited long enough. Can you call me back instead?",
        "I can't hold any longer, sorry. Can someone call me back?",
    ),
    "after_silent_hold": (
        "You just put me on hold without asking me!",
        "You could have asked before putting me on hold.",
    ),
    "talked_down": (
        "Excuse me? There's no need to talk to me like that.",
        "Don't talk to me like that. I'm the customer here.",
    ),
    "blamed": (
        "My fault? I did exactly what I was told to do.",
        "Don't put this on me. I did everything right.",
    ),
    "refused": (
        "What do you mean, nothing? Somebody there must be able to help.",
        "That can't be right. There must be something you can do.",
    ),
    "dismissed": (
        "Don't brush me off. This is a real problem for me.",
        "That's not an answer. This matters to me.",
    ),
    "bad_news_heard": ("Oh. That's not great.", "Hm. That's disappointing."),
}

#: situation -> mood -> variants, for default lines whose words change with the caller's mood.
DEFAULT_MOOD_LINES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "ack": {
        "calm": ("Okay.", "All right.", "I see."),
        "annoyed": ("Okay.", "Right.", "Mm, okay."),
        "angry": ("Fine.", "Right.", "Go on."),
        "furious": ("Whatever.", "Fine.", "And?"),
    },
    "goodbye": {
        "calm": ("Thanks, bye.", "Thank you. Goodbye.", "Great, thanks. Bye."),
        "annoyed": ("Okay. Thanks. Bye.", "All right, thank you. Bye."),
        "angry": ("All right. Thank you. Bye.",),
        "furious": ("Fine. Bye.",),
    },
    "agree_hold": {
        "calm": ("Sure, go ahead.", "Okay, that's fine.", "Yes, that's fine."),
        "annoyed": ("Okay, fine. Go ahead.", "Sure, go ahead, but please be quick."),
        "angry": ("Fine, go ahead. But make it quick.", "Fine. Go ahead."),
        "furious": ("Fine. Go ahead.",),
    },
    "hold_announced_ack": {
        "calm": ("Oh, okay.", "Okay."),
        "annoyed": ("Fine.", "Okay, I guess."),
        "angry": ("Again? Fine.", "Fine."),
        "furious": ("Are you serious? Fine.",),
    },
    "remark_back": {
        "annoyed": ("Right. Can we get back to why I called? I want to {goal}.",),
        "angry": ("I'm not calling to chat. I want to {goal}.",),
        "furious": ("I don't care about that! I want to {goal}.",),
    },
    "steer_back": {
        "annoyed": ("It's fine. Can we get back to why I called? I want to {goal}.",),
        "angry": ("I'm not calling to chat. I want to {goal}.",),
        "furious": ("I don't care about that! I want to {goal}.",),
    },
    "dont_know": {
        "angry": (
            "How would I know that? I just want to {goal}.",
            "I don't know! I just want to {goal}.",
        ),
        "furious": ("I have no idea, and I don't care. I want to {goal}.",),
    },
    "nothing_else": {
        "annoyed": ("No, that's all.", "No. Just that, thanks."),
        "angry": ("No. Just make sure it actually gets done.", "No, that's all."),
        "furious": ("No. Just fix it.",),
    },
    "that_is_all": {
        "annoyed": ("Yes, that's all.", "Yes. Just that, thanks."),
        "angry": ("Yes. Just make sure it actually gets done.", "Yes, that's all."),
        "furious": ("Yes. Just fix it.",),
    },
    "thanks": {
        "angry": ("Fine. Thank you.", "Okay. Thanks."),
        "furious": ("Fine.",),
    },
    "note_reference": {
        "angry": ("Okay, I've written it down.",),
        "furious": ("Fine, I've got it.",),
    },
    "agree_transfer": {
        "annoyed": ("Okay, fine.", "Yes, go ahead."),
        "angry": ("Fine, go ahead. Just make sure someone picks up.",),
        "furious": ("Fine. Go ahead.",),
    },
    "thanks_answer": {
        "angry": ("Fine. Thank you.", "Okay. Thanks."),
        "furious": ("Finally. Fine.",),
    },
    "go_ahead": {
        "angry": ("Fine.", "Fine. Go on."),
        "furious": ("Make it quick.",),
    },
    "will_do": {
        "angry": ("Fine, I'll do that. If it gets this sorted.",),
        "furious": ("Fine. If that's what it takes.",),
    },
    "back_to_goal": {
        "angry": ("So? I need to {goal}. Can you do that or not?", "Well? I need to {goal}."),
        "furious": ("Well? Are you going to help me {goal} or not?",),
    },
    "not_reason": {
        "angry": ("No! I've told you already. I need to {goal}.",),
        "furious": ("No. Listen to me. I need to {goal}.",),
    },
    "confirm_yes": {
        "angry": ("Yes. That's right.", "Yes, it is."),
        "furious": ("Yes.",),
    },
    "accept_offer": {
        "angry": ("Yes, fine. Do that.", "Yes. That would at least help."),
        "furious": ("Yes, fine.",),
    },
    "curt_goodbye": {
        "calm": ("Okay. Bye.", "Right. Bye then."),
        "annoyed": ("Forget it.", "I'm done with this."),
    },
}

#: values a line falls back to when the scenario does not say.
GENERIC_VALUES: Mapping[str, str] = {
    "goal": "get this sorted out",
    "expects.callback_within": "the hour",
}

#: situations the engine can reach; `reason` has no default and must be written.
SITUATIONS: frozenset[str] = frozenset(DEFAULT_LINES) | {"reason", "opening"}

_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")
PLACEHOLDER = _PLACEHOLDER  # for autoplay scripts, which fill the same placeholders

#: placeholders filled with what the caller heard, or with what a scenario may leave out; a
#: variant using one that has no value is not said.
HEARD: frozenset[str] = frozenset(
    {
        "heard.timeframe",
        "heard.correction",
        "heard.option",
        "heard.rest",
        "heard.earlier",
        "calling_for",
        "expects.person",
        "expects.resolution",
    }
)

#: the situations in which the caller has heard what a `{heard.*}` placeholder names; a line
#: of another situation that uses one would never be said (every variant would be skipped).
#: `{heard.timeframe}` is heard whenever the agent's line names a time, so any line may use it.
HEARD_IN: Mapping[str, frozenset[str]] = {
    "heard.correction": frozenset({"correct_detail", "correct_fact"}),
    "heard.option": frozenset({"choose_option"}),
    "heard.rest": frozenset({"asks_rest"}),
    "heard.earlier": frozenset({"object_changed"}),
}

#: placeholders a template may use.
PLACEHOLDERS: frozenset[str] = (
    frozenset(
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
            "caller.birth_date",
            "caller.order",
            "goal",
            "expects.callback_within",
        }
    )
    | HEARD
)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that `render` would not know (for validation)."""
    return [m for m in _PLACEHOLDER.findall(text) if m not in PLACEHOLDERS]


def template_values(scenario: Scenario, agent: str) -> dict[str, str]:
    c = scenario.caller
    within = c.expects.callback_within_h
    return {
        **GENERIC_VALUES,
        "goal": c.goal or GENERIC_VALUES["goal"],
        "calling_for": c.calling_for,
        "expects.callback_within": spoken_within(within) if within else "the hour",
        "expects.person": c.expects.person,
        "expects.resolution": c.expects.resolution,
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
        "caller.birth_date": birth_date(c.name),
    }


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def birth_date(name: str) -> str:
    """A date of birth for a caller whose scenario gives none: every person knows theirs, and
    an agent verifying one must hear a date, not the member number. Made from the name (a
    stable hash, not Python's salted one), so it is the same on every call and every machine."""
    import hashlib

    n = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:4], "big")
    month, day, year = n % 12, 1 + (n // 12) % 28, 1950 + (n // 336) % 50
    return f"{_MONTHS[month]} {day}, {year}"


def spoken_within(hours: float) -> str:
    """'the hour', 'thirty minutes', 'two hours', 'a day' for an expectation in hours."""
    if hours == 1:
        return "the hour"
    from simulator.engine.understand import spoken_hours

    return spoken_hours(hours)


def uses_unheard(text: str, values: Mapping[str, str]) -> bool:
    """The variant names something heard that was not heard (it must not be said)."""
    return any(name in HEARD and not values.get(name) for name in _PLACEHOLDER.findall(text))


def uses_heard(text: str) -> bool:
    """The variant names something heard or optional (preferred when it has a value)."""
    return any(name in HEARD for name in _PLACEHOLDER.findall(text))


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill `{placeholder}`s from `values`; unknown ones stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def variants(scenario: Scenario, situation: str, mood: MoodName = "calm") -> tuple[str, ...]:
    """The scenario's lines for a situation in a mood, else the default ones."""
    own = scenario.line_in_mood(situation, mood)
    if own:
        return own
    by_mood = DEFAULT_MOOD_LINES.get(situation, {})
    at = MOODS.index(mood)
    for calmer in MOODS[at::-1]:  # a default mood line, or the plain line: never an angrier one
        if by_mood.get(calmer):
            return by_mood[calmer]
    return DEFAULT_LINES.get(situation, ())

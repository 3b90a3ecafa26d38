"""Whether what the agent says reaches the caller's goal: an outcome given, an answer,
a number, a time frame the caller can live with.

Kept apart from the turn's order (`reactions.py`) because it is the caller's judgement
of substance: a promise later than they were told to expect is objected to, an outcome
already done is taken, an answer to another question is not taken as theirs.
"""

from __future__ import annotations

import re

from scoring.normalise import normalise
from simulator.engine.agent_words import (
    _DAY_NAMES,
    _GENERIC_STEMS,
    _later,
)
from simulator.engine.caller_base import CallerBase
from simulator.engine.topics import DOING_NOW
from simulator.engine.understand import Heard, spoken_hours

#: hours within which a caller expects a fix (a delivery, a refund) when the scenario does
#: not say: beyond a week, anyone objects.
FIXED_WITHIN_H = 168.0
#: a goal that asks when something happens ("find out when my garden beds are coming")
_WHEN_GOAL = re.compile(r"\bwhen\b")


def _bases(stems: set[str]) -> set[str]:
    """Stems compared without a final e ("move" and "moved" stem as "move" and "mov")."""
    return {s[:-1] if s.endswith("e") and len(s) > 3 else s for s in stems}


#: agent acts that say the line is no answer to what the caller asked
_NO_ANSWER = frozenset({"guess", "refuse_help", "dismiss", "blame_caller", "talk_down"})


_DONE = re.compile(
    r"\b(?:i|we) (?:have|ve|just|already) (?:just |already )?(?:\w+ed|sent)\b|"
    r"^(?:(?:ok|okay|so|right|alright|great)\s+)*(?:i|we) (?:\w+ed|sent|put in|set up)\b|"
    r"\b(?:is|s|are|re|has been|have been|was) (?:all )?(?:done|complete|completed|processed|"
    r"through|sorted|fixed|attached|back in your account|on its way|on their way)\b|" + DOING_NOW
)  # "I've reversed the fee", "I placed an exchange for the brown boots"


#: a line that says back what was agreed ("so, ...", "just to confirm, ..."): a later time in
#: it changes a promise, where a new line may promise a later step ("arrives Friday")
_RECAP_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|alright|all right|right|great|perfect)\W+)?(?:so|to recap|"
    r"just to (?:confirm|recap)|to confirm|to sum up|just so you know)\b",
    re.IGNORECASE,
)


def _clause_times(text: str) -> list[float]:
    """The time frame of each clause that names one ("ships tomorrow and arrives Friday")."""
    from scoring.extract import timeframe_hours
    from simulator.engine.understand import CLAUSES

    return [h for h in map(timeframe_hours, CLAUSES.split(text)) if h is not None]


#: a promise with a tag question ("I'll get a crew out, okay?"): still a promise
_TAG_ASK = re.compile(
    r"[,.]?\s*(?:okay|ok|alright|all right|right|yeah|is that ok(?:ay)?|(?:does )?that sound good|"
    r"sound good|good|fair enough)\s*\?\s*$",
    re.IGNORECASE,
)


def _kin_words(said: set[str], wanted: set[str]) -> bool:
    """The line names one of the wanted words, or a word of its family ("the soles" for
    "resoled", "refund" for "refunded"): stems that share a beginning once a "re" is off."""

    def root(w: str) -> str:
        return w[2:] if w.startswith("re") and len(w) >= 5 else w

    if said & wanted:
        return True
    return any(
        min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))
        for a in map(root, said)
        for b in map(root, wanted)
    )


_FINDS_OUT = re.compile(
    r"\b(?:research|find out|look into|looking into|check|checking|investigate|ask|get back to|"
    r"get you (?:an |the )?answers?|look up|enquire|inquire)\b"
)
_PAST_DAY = re.compile(r"\b(?:last|ago|yesterday|was|were|came|arrived|delivered)\b")
_AUX = frozenset("can could are is will would do does have has was were".split())
_DETERMINERS = frozenset("my the a an your his her their it them that this".split())


def goal_parts(goal: str) -> list[tuple[str, set[str]]]:
    """A goal of two parts joined by "and" ("get that bench moved to my patio and my
    flagstone paid for"), each said in full ("get my flagstone paid for") with the content
    words only it has; one part when a part has none of its own."""
    from scoring.call import content_stems

    halves = re.split(r"\s+and\s+", goal.strip())
    if len(halves) != 2:
        return []
    first, second = halves
    words = first.split()
    lead = second.split()[0].lower() if second.split() else ""
    if lead in _DETERMINERS and words:  # "... and my flagstone paid for": get my flagstone
        second = f"{words[0]} {second}"
    elif lead in _AUX:  # "find out if the boots are waterproof and can be resoled"
        cut = next((i for i, w in enumerate(words) if w.lower() in _AUX), None)
        if cut is None:
            return []
        second = " ".join(words[:cut] + [second])
    a, b = content_stems(first) - _GENERIC_STEMS, content_stems(second) - _GENERIC_STEMS
    if not a - b or not b - a:
        return []
    return [(first, a - b), (second, b - a)]


class Outcomes(CallerBase):
    """The `outcomes` steps of `Reactions` (see the module docstring)."""

    def _outcome_given(self, heard: Heard) -> list[str]:
        """An outcome the agent says it has done or will do, unasked ("I have issued a full
        refund"): taken when it is what they came for, turned down when it is another."""
        from simulator.engine.topics import commits, outcomes_in

        given = outcomes_in(heard.text) - {"transfer"}
        context = self.scenario.context
        if not commits(heard.text) or {"spam", "wrong_number"} & set(context):
            return []
        asked = heard.question and not _TAG_ASK.search(heard.text)  # "..., okay?" still promises
        if not given and (asked or not self._names_goal(heard.text)):
            return []  # a promise in the caller's own words ("I'll get a crew to move the bench")
        if not given and _FINDS_OUT.search(normalise(heard.text)):
            return []  # "I'll research it with our product team": a promise to find out
        if self._step_to_goal(heard.text):
            return ["conditional_offer"]  # "I'll email you a return label for the grey pair"
        done = bool(_DONE.search(normalise(heard.text)))
        if self._other_outcome(heard.text) and not self._fits_goal(heard.text, specific=True):
            # done already ("I've cancelled your order") it is put right at once
            return ["not_reason" if done else "decline_offer"]
        # done already ("I've reversed the fee") is thanked; only a promise is accepted
        self._thanked_for_done = done
        return self._taken("thanks" if done else "accept_offer", heard.text)

    def _names_goal(self, text: str) -> bool:
        """The line names two things of what the caller came for ("move the bench to your
        patio" to a caller who wants the bench moved to the patio)."""
        from scoring.call import content_stems

        c = self.scenario.caller
        want = content_stems(f"{c.goal} {c.expects.resolution}") - _GENERIC_STEMS
        # "move" and "moved" stem as "move" and "mov": compared without a final e
        return len(_bases(content_stems(text)) & _bases(want)) >= 2

    def _taken(self, answer: str, text: str) -> list[str]:
        """What they came for, given: the goal is met, unless it has two parts and the line
        gave one ("I'll get a crew to move the bench" to a caller who also wants the
        flagstone paid for): then they take it and ask about the rest."""
        rest = self._rest_of_goal(text)
        if not rest:
            self.memory.goal_reached()
            return [answer]
        self.hear_value("rest", rest)
        return [answer, "asks_rest"]

    def _rest_of_goal(self, text: str) -> str:
        """The part of a two-part goal no line has given yet ("" when one part, or all)."""
        from scoring.call import content_stems

        parts = self._goal_parts()
        if len(parts) < 2:
            return ""
        stems = content_stems(text)
        met = self.memory.goal_parts_met
        met |= {i for i, (_, words) in enumerate(parts) if _kin_words(stems, words)}
        missing = [said for i, (said, _) in enumerate(parts) if i not in met]
        return missing[0] if met and missing else ""

    def _goal_parts(self) -> list[tuple[str, set[str]]]:
        cached: list[tuple[str, set[str]]] | None = getattr(self, "_parts", None)
        if cached is None:  # the scenario does not change during a call: once per call
            cached = goal_parts(self.scenario.caller.goal)
            self._parts = cached
        return cached

    def _answer_given(self, heard: Heard) -> list[str]:
        """A caller who came for an answer hears one: a statement (not a question, not a
        hedge or a refusal) that names at least two things of what they asked."""
        from scoring.call import content_stems
        from simulator.engine.topics import hedges, leads_with_answer, unfinished, wants_answer

        asks, settles = wants_answer(self.scenario.caller.goal)
        if not asks or heard.question or _NO_ANSWER & heard.acts or hedges(heard.text):
            return []
        if unfinished(heard.text):
            return []
        if heard.promises and _FINDS_OUT.search(normalise(heard.text)):
            # "I'll check with product and email you the answers by tomorrow": the answer is to
            # come, not given; promised back to them, it is what they asked for, in time
            if heard.contact and self._goal_stems() & content_stems(heard.text):
                self.memory.goal_reached(done=False)
                return ["accept_offer"]
            return []
        if "bad_news" in heard.acts and heard.timeframe_h is None:
            return []  # "bad news, the beds are backordered, no date yet": no answer to when
        shared = len(content_stems(heard.text) & self._goal_stems())
        enough = shared >= 2 or (shared == 1 and leads_with_answer(heard.text))
        if not enough and not self._answers_when(heard):
            return []
        if settles:
            return self._taken("thanks_answer", heard.text)
        # the answer is half of it ("find out why my bill doubled and get it fixed"): they ask
        # for the rest when the line leaves it out
        rest = self._rest_of_goal(heard.text)
        if rest:
            self.hear_value("rest", rest)
            return ["thanks_answer", "asks_rest"]
        return ["thanks_answer"]

    def _number_given(self, heard: Heard) -> bool:
        """The number the caller came for ("the dock door number") given: the line names
        what it is the number of and a number."""
        from scoring.call import content_stems

        wanted = self.scenario.caller.expects.resolution
        if "number" not in wanted.lower() or not re.search(r"\d", heard.text):
            return False
        if not content_stems(heard.text) & (content_stems(wanted) - {"number"}):
            return False
        self.memory.goal_reached()
        return True

    def _other_outcome(self, text: str) -> bool:
        """The offer names an outcome (a refund, a credit ...) that is not what they came for."""
        from simulator.engine.topics import outcomes_in

        c = self.scenario.caller
        offered = outcomes_in(text)
        return bool(offered) and not offered & outcomes_in(f"{c.goal} {c.expects.resolution}")

    def _asks_fact(self, heard: Heard) -> bool:
        """Why they called is answered by the reason itself until it was given, and is not
        what "can I help with anything else?" asks."""
        if heard.fact is None or heard.fact.topic != "why_calling":
            return True
        return self.memory.reason_given and "anything_else" not in heard.acts

    def _fits_goal(self, text: str, specific: bool = False) -> bool:
        """An offer that names what the caller came for (their goal, or the outcome they want);
        `specific`: a word every order or account shares ("order") does not count."""
        from scoring.call import content_stems

        c = self.scenario.caller
        want = content_stems(f"{c.goal} {c.expects.resolution}")
        if specific:
            want -= _GENERIC_STEMS
        return not want or bool(content_stems(text) & want)

    def _too_late(self, heard: Heard) -> bool:
        """The time frame is later than the caller accepts for what it is about: a call back
        against `callback_within`, anything else (a delivery "tomorrow morning") against the
        time they give for a fix, as `_expectations` objects."""
        hours = heard.timeframe_h
        if hours is None:
            return False
        return (within := self._within(heard)) is not None and hours > within

    def _within(self, heard: Heard) -> float | None:
        c = self.scenario.caller
        if not heard.contact:
            return c.expects.fixed_within_h or FIXED_WITHIN_H
        if "give_callback_time" in self.memory.said:
            return None  # the caller chose the time themselves
        within = c.expects.callback_within_h
        if within is None and "irate" in self.scenario.context:
            within = float(self.params.get("irate_callback_hours", 1))
        return within

    def _answers_when(self, heard: Heard) -> bool:
        """A caller who came to find out when something happens hears a day or a time for it
        (not a call back, not "not until"): that is the answer, whatever words carry it."""
        if not _WHEN_GOAL.search(self.scenario.caller.goal.lower()) or heard.question:
            return False
        if heard.contact or heard.negated:
            return False
        if heard.timeframe_h is not None:
            return True
        # "ok, they say Friday": a day said plainly, with no promise word, is the answer too
        from scoring.extract import timeframe_hours

        t = normalise(heard.text)
        return timeframe_hours(heard.text) is not None and not _PAST_DAY.search(t)

    def _expectations(self, heard: Heard) -> list[str]:
        """A time frame later than the caller will accept is objected to, now."""
        if heard.timeframe_h is None or {"ask_hold", "ask_callback_time"} & heard.acts:
            return []
        m = self.memory
        within = self._within(heard)
        said = heard.timeframe or spoken_hours(heard.timeframe_h)
        said = _DAY_NAMES.sub(lambda d: d.group(0).capitalize(), said)  # "by Friday"
        earlier = m.earlier_promise(heard.contact, heard.timeframe_h)
        m.promised(heard.timeframe_h, said, heard.contact)
        m.told.times_said += _clause_times(heard.text)
        self.hear_value("timeframe", said)
        restated = heard.question or "summarize" in heard.acts or _RECAP_LEAD.match(heard.text)
        if restated and earlier and not heard.negated and _later(heard.timeframe_h, earlier[0]):
            # "so, loan servicing will call you next week" after "tomorrow before ten"
            self.hear_value("earlier", earlier[1])
            self.temper.apply("broken_promise")
            return ["object_changed"]
        if heard.negated:
            self.temper.apply("broken_promise")
            return ["object_no_time"]
        if within is not None and heard.timeframe_h > within and not self._their_day(said):
            self.temper.apply("broken_promise")
            m.goal_lost()
            # a delivery or a fix too late is not a call back too late: no "within the hour"
            return ["object_timeframe" if heard.contact else "object_fix_time"]
        if "second_request" in self.scenario.context and heard.timeframe_h > 24:
            self.temper.apply("broken_promise")
            return ["object_again"]
        return []

    def _their_day(self, said: str) -> bool:
        """The time promised is the day the caller's deadline names ("by Thursday" to a caller
        who needs it by Thursday): in time, whatever the hours count says."""
        days = _DAY_NAMES.findall(said.lower())
        need = " ".join(
            t for f in self.scenario.caller.facts if f.topic == "deadline" for t in f.say
        )
        return bool(days) and all(re.search(rf"\bby {d}\b", need.lower()) for d in days)

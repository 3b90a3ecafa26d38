"""How the caller reacts to an agent line: temper first, then repairs, answers, objections,
the caller's own agenda, and the close.

A mixin of `CallEngine` kept apart so the caller's behaviour reads on its own,
step by step in the order a person reacts. The steps with a subject of their own live in
their own mixins: read-backs (`read_backs.py`), choices offered (`choices.py`), whether
an answer or promise meets the goal (`outcomes.py`) and the spam, wrong-number and
escalation callers (`archetypes.py`); `caller_base.py` declares what they share.
Each step returns the situations the caller will say (`simulator/scenario/lines.py`
turns them into words) and changes the caller's state only through `CallerState`'s
named transitions.
"""

from __future__ import annotations

import re
from functools import cached_property

from scoring.normalise import normalise
from simulator.engine.agent_words import (
    _ACTS_ON_IT,
    _BRUSH_OFF,
    _GENERIC_STEMS,
    _HELPS,
    _RUNG_SAYS,
    _SCREENING,
    _THEIR_NUMBER,
    MISTREATMENT,
    _as_caller,
    _brushes_off,
    _lower_first,
    _mentions,
)
from simulator.engine.archetypes import Archetypes
from simulator.engine.caller_state import HoldAsk, Rung
from simulator.engine.choices import Choices
from simulator.engine.outcomes import Outcomes
from simulator.engine.read_backs import ReadBacks
from simulator.engine.replies import (
    accepts_goodbye,
    answers,
    fired_beats,
    is_farewell,
    transfer_answer,
)
from simulator.engine.replies import opening_beats as _opening_beats
from simulator.engine.understand import PROMISES, Heard

#: an agent line this long (words) invites a caller with the `interrupts` trait to cut in.
LONG_LINE_WORDS = 35
#: acts after which an apology in the same line is not empathy.
_NOT_EMPATHY = frozenset(
    {"repair_request", "bad_news", "refuse_help", "dismiss", "talk_down", "blame_caller", "guess"}
)
#: acts of an agent getting on with the call: a complaint left unanswered for two lines is
#: not "ignored" while they happen
#: small talk that asks after the caller ("how are you", "how's your day going")
_HOW_ARE_YOU = re.compile(
    r"\bhow (?:are|r) (?:you|u|things)\b|\bhow is (?:your|ur) (?:day|week|morning|afternoon|"
    r"evening)\b|\bhow have you been\b|\bhow is it going\b|\byou doing (?:ok|okay|well|alright)\b"
)
_GETTING_ON = frozenset(
    {"announce_transfer", "ask_hold", "announce_hold", "thank_for_holding", "hold_reason",
     "confirm_detail",
     "offer_hold_alternative", "give_number", "give_reference", "offer_message",
     "offer_transfer_or_message", "make_offer"}
)  # fmt: skip
#: reactions that are a grievance; a scenario's beat waits for a turn without one
_GRIEVANCES = frozenset(
    {"ignored", "refused", "dismissed", "talked_down", "blamed", "object_timeframe", "object_again"}
    | {"object_fix_time", "ignored_asked"}
    | {"object_no_time", "object_transfer", "object_person", "escalate_expert"}
    | {"escalate_supervisor", "unresolved_close", "after_long_hold"}
)
#: "I'm so sorry" again and again with nothing done: the first two calm, later ones do not
BARE_APOLOGIES_THAT_CALM = 2
#: patience left after a caller climbs a rung for lack of it: the next push ends the call
PATIENCE_FLOOR = 8.0
#: answers that belong to a new question each time they are asked (a hold, a transfer)
_REPEATABLE = frozenset(
    {
        "agree_hold",
        "refuse_hold",
        "checkin_agree",
        "checkin_refuse",
        "agree_transfer",
        "object_transfer",
        "nothing_else",
        "that_is_all",
        "note_reference",
    }
)
#: agent acts that cost a little patience -> their row in the mood table
_MILD = {"jargon": "jargon", "blame_other": "they_blame", "bad_news": "bad_news"}


class Reactions(ReadBacks, Choices, Outcomes, Archetypes):
    """How the caller reacts to one agent line (see the module docstring)."""

    # ----- one agent line ----------------------------------------------------
    def react(self, heard: Heard) -> None:
        """One agent line: the caller answers what was asked first, then says the rest."""
        m = self.memory
        heard = self._in_context(heard)
        self._feel(heard)
        if self.temper.exhausted:
            self._give_up()
            return
        answered = self._answered(heard)
        replies = self._replies(heard, answered)
        # a yes to what they came for, or the rest of it asked for, leaves no room for a push
        self._just_accepted = bool((_TAKES_UP | {"asks_rest"}) & set(replies))
        self._just_accepted = self._just_accepted or self._thanked_for_done
        self._thanked_for_done = False
        objections = self._expectations(heard) + self._archetype(heard) + self._person(heard)
        objections += self._left_without_a_way(heard)
        climbed = self._ladder(heard)
        if not climbed and not {"spam", "wrong_number"} & set(self.scenario.context):
            objections += [MISTREATMENT[a] for a in _mistreats(heard.acts)][:1]
        if set(objections) & _OBJECTS_TO_TIME:  # "in 2 weeks? No." is not also "thanks"
            replies = [r for r in replies if r not in _TAKES | {"accept_supervisor"}]
        if "object_transfer" in replies:  # "hold while I transfer you?" - no, not a yes first
            replies = [r for r in replies if r not in _YES_TO_WAIT]
        # a detail read back or checked, or a question about what happened, is the agent
        # listening and working on it: no "did you hear what I said?" (that waits for a line
        # that does neither)
        listening = bool({"confirm_yes", "correct_detail", "correct_fact"} & set(replies))
        listening = listening or bool(heard.acts & (_ASKS_DETAILS | {"repair_request"}))
        listening = listening or any(r.startswith("fact:") for r in replies)
        before = self._before_answers(heard.acts, listening)
        parts = replies + [p for p in before if p not in replies]
        parts += objections + climbed
        self._aggrieved = bool(set(parts) & _GRIEVANCES)
        if is_farewell(heard.acts, m) and not [p for p in parts if p != "thanks"]:
            self._close(parts)
            return
        # a question no cue knows is answered before anything the caller brings up unasked
        unanswered = not (replies or objections or climbed or not m.reason_given)
        if heard.question and unanswered and "small_talk" not in heard.acts:
            parts.append(self._fact_by_words(heard) or self._request(heard))
        agenda = self._agenda(heard, answered)
        parts += [p for p in agenda if p not in parts]
        if "small_talk" in heard.acts and not replies:
            parts.append(self._small_talk(heard))
        elif not parts:
            parts += self._idle_parts(heard)
        if "fourth_level" in parts:  # past asking: the threat says it all
            parts = [p for p in parts if p not in _ASKS_ABOVE]
        self._maybe_cut_in(heard, parts)

    def _replies(self, heard: Heard, answered: list[str]) -> list[str]:
        """Repairs and checks first, then the answers, then facts and offers (not after a
        correction: "No, it's Whitford." is not also "thanks")."""
        replies = self._repairs(heard) + self._misnamed(heard) + self._not_found(heard)
        if replies[:1] and replies[0].startswith("say:"):  # spelled or read back: said
            for said in ("give_name", "note_reference"):
                if said in answered:
                    answered.remove(said)
        replies += self._supervisor_here(heard)
        if "lost_place" in heard.acts and not self.memory.goal_done:
            return [
                *replies,
                *answered,
                "back_to_goal",
            ]  # "where were we?" - "So, can you help me ...?"
        chose = self._prefers(heard)
        if self._reached(heard):  # "Dave's on the line, putting you through": thank you
            answered[:] = [a for a in answered if a not in {"agree_transfer", "object_person"}]
            return [*replies, "choose_option" if chose else "put_through", *answered]
        if chose:  # "would you prefer I email you or call you back?": the one, not a yes
            own = [a for a in answered if self._names_option(a, chose)]
            answered[:] = [a for a in answered if a not in _YES_TO_OFFERS or a in own]
            pick = [] if own else ["choose_option"]  # "Yes. Have your supervisor call me."
            return [*replies, *answered, *pick, *self._announced_hold(heard.acts)]
        replies += answered + self._announced_hold(heard.acts)
        if not {"not_reason", "correct_detail", "correct_fact", "confirm_name"} & set(replies):
            replies += self._facts_and_offers(heard, answered)
        return replies

    def _answered(self, heard: Heard) -> list[str]:
        """The answers to what the line asks, as one person gives them."""
        m = self.memory
        answered = self._fresh(self._asked(heard), heard)
        if "agree_hold" in answered and "accept_supervisor" in answered:
            answered.remove("accept_supervisor")  # holding while she is fetched says yes
        if self.scenario.caller.volunteers_name and not m.reason_given and "give_name" in answered:
            answered.remove("give_name")  # the reason they are about to give says who they are
        if {"choose_transfer", "choose_message", "choose_voicemail", "accept_alternative"} & set(
            answered
        ):
            m.goal_reached(done=False)  # a way chosen, not yet taken
        return answered

    def _in_context(self, heard: Heard) -> Heard:
        """A time asked about right after a call back was offered is a time for that call
        back ("I can have my supervisor call you." - "How about tomorrow morning?")."""
        from dataclasses import replace

        offered = self.memory.contact_offered
        self.memory.contact_offered = heard.contact
        if offered and heard.question and heard.timeframe_h is not None and not heard.contact:
            return replace(heard, contact=True)
        refused = self.memory.hold is HoldAsk.REFUSED or (
            "refuse_hold" in self.memory.said and "refuses_hold" in self.scenario.caller.traits
        )
        if refused and _JUST_A_WAIT.search(normalise(heard.text)):
            # "it'll only be like two minutes" after a no to holding: asked again
            return replace(heard, acts=heard.acts | {"ask_hold"}, question=True)
        if self._setback(heard):
            if self.memory.goal_done:  # "actually I don't have access, only Daniel does"
                self.memory.goal_lost()
            return replace(heard, acts=heard.acts | {"bad_news"})
        return heard

    def _setback(self, heard: Heard) -> bool:
        """A finding about the caller's matter that goes against them, said with a negation
        or a limit and nothing offered ("Daniel doesn't work here anymore", "sorry, the
        shipping desk is closed today", "we can only take checks"): bad news, though no
        bad-news phrase says so; not a hedge, a promise, or the screen narrated."""
        from simulator.engine.topics import commits, hedges, narrates, setback

        m = self.memory
        if heard.question or "bad_news" in heard.acts or heard.acts & (PROMISES | {"make_offer"}):
            return False
        if not m.reason_given or not setback(heard.text):
            return False
        if m.goal_done and not _TAKES_BACK.search(normalise(heard.text)):
            return False  # after it is done, only a promise taken back is news
        text = heard.text
        if self._answers_their_question(text):
            return False  # "they're waterproof but the soles cannot be replaced": the answer
        return self._topical(text) and not commits(text) and not hedges(text) and not narrates(text)

    def _answers_their_question(self, text: str) -> bool:
        """A caller who rang to find something out hears it, good or bad: the line names two
        things of what they asked."""
        from scoring.call import content_stems
        from simulator.engine.topics import wants_answer

        asks, _ = wants_answer(self.scenario.caller.goal)
        return bool(asks) and len(content_stems(text) & self._goal_stems()) >= 2

    def _fresh(self, answered: list[str], heard: Heard) -> list[str]:
        """Answers already given are not given again alongside something new: a person
        answers a question they were asked twice, not one the recogniser heard twice."""
        again = [a for a in answered if a in self.memory.said and a not in _REPEATABLE]
        asked_again = heard.question or "repair_request" in heard.acts  # "I didn't catch your name"
        if not again or (asked_again and len(again) == len(answered)):
            return answered
        return [a for a in answered if a not in again]

    def _no_false_relief(self, heard: Heard, beats: list[str]) -> list[str]:
        """A relief beat ("Oh, that's easy. Great.") answers news about what the caller came
        for: not bad news ("out of stock till next month"), and, after a hold, not a line
        with no news at all ("ok, I'm back", "still waiting on them, keep holding?")."""
        from scoring.call import content_stems

        relief = {b.id for b in self.beats if b.mood <= 0}
        if not relief & set(beats):
            return beats
        if heard.acts & _BAD_NEWS:
            return [b for b in beats if b not in relief]
        news = bool(content_stems(heard.text) & self._goal_stems())
        after = {b.id: b.after for b in self.beats}
        return [b for b in beats if b not in relief or news or after[b] != "resume"]

    def _idle_parts(self, heard: Heard) -> list[str]:
        idle = self._idle(heard)
        if idle == "bad_news_heard" and not self.memory.goal_done:
            return [idle, "back_to_goal"]  # "Oh. That's not great. So, can you help me ...?"
        return [idle]

    def _idle(self, heard: Heard) -> str:
        """Nothing to answer: small talk gets a word and is steered back; a line that does
        nothing about the call ("okay", "I see", an aside) brings the caller back to what
        they need, without the pleasantry small talk gets; a short wait or a small action
        ("one moment", "let me make a note") gets "sure"; the rest, a nod."""
        from simulator.engine.topics import explains, nods_to

        if "small_talk" in heard.acts:
            return self._small_talk(heard)
        long = len(heard.text.split()) >= _LONG_LINE
        if explains(heard.text) and not long:
            return "go_ahead"  # "ok Mrs Kowalski, let me explain" - "Sure, go ahead."
        if "bad_news" in heard.acts:  # "it's out of stock till next month" - not "Okay."
            return "bad_news_heard"
        if "empathy" in heard.acts and self.memory.bare_apologies > BARE_APOLOGIES_THAT_CALM:
            return "back_to_goal"  # a third "I'm so sorry": "So, can you help me ...?"
        if nods_to(heard.text):
            return self._nod_to_wait()
        # "ok" to a question: they ask it again
        return self._ask_again(heard) or self._idle_otherwise(heard, long)

    def _idle_otherwise(self, heard: Heard, long: bool) -> str:
        from simulator.engine.topics import commits

        m = self.memory
        offers = heard.acts & (PROMISES | {"make_offer"})
        if long and not m.goal_done and not heard.question and not offers:
            return "back_to_goal"  # a policy explained at length: "So, can you help me ...?"
        if not m.goal_done and self._waited_for_nothing(heard):
            return "asks_news"  # "thanks for waiting" and nothing else: "So? What did you find?"
        if m.goal_met:  # "ok, I'll let him know" once the message is taken
            thanked = bool(_THANKS_THEM.search(normalise(heard.text)))  # "thanks for your patience"
            return "thanks" if commits(heard.text) or thanked else "ack"
        if not heard.acts and m.reason_given and not self._topical(heard.text):
            return "back_to_goal"
        return "ack"

    def _nod_to_wait(self) -> str:
        """ "One moment, please": sure (a wait agreed), or no from a caller who refuses holds."""
        if "refuses_hold" in self.scenario.caller.traits:
            self.memory.heard_hold_question(agreed=False)  # "bear with me" - "not on hold"
            return "refuse_hold"
        if self.memory.hold is HoldAsk.NONE:  # "one moment, please" - "Sure": a wait agreed
            self.memory.heard_hold_question(agreed=True)
        return "go_ahead"

    def _waited_for_nothing(self, heard: Heard) -> bool:
        """Back from a hold or a wait with thanks and no news."""
        m = self.memory
        thanked = "thank_for_holding" in heard.acts or bool(
            _THANKS_WAITING.search(normalise(heard.text))
        )
        waited = m.was_held or m.hold is not HoldAsk.NONE
        return thanked and waited and not self._topical(heard.text) and len(heard.acts) <= 1

    def _ask_again(self, heard: Heard) -> str:
        """A bare "ok" after the caller asked something: they ask it again."""
        last = self.memory.last_words
        if "?" not in last or not _BACKCHANNEL.match(normalise(heard.text)):
            return ""
        said = [x.strip() for x in re.findall(r"[^.!?]+[.!?]*", last) if x.strip()]
        i = max(i for i, x in enumerate(said) if x.endswith("?"))
        # a short question leans on the sentence before it ("... Daniel Kim. Is he in?")
        start = i - 1 if len(said[i].split()) <= 4 and i > 0 else i
        return "say:So, " + _lower_first(" ".join(said[start : i + 1]))

    def _small_talk(self, heard: Heard) -> str:
        """Small talk is steered back to the call, unless what they came for is done (a sales
        or wrong-number caller always has a point to make); "how are you" gets "fine,
        thanks", the weather there or a game a remark of its own."""
        done = self.memory.goal_done and not {"spam", "wrong_number"} & set(self.scenario.context)
        if done:
            return "chat_back"
        return "steer_back" if _HOW_ARE_YOU.search(normalise(heard.text)) else "remark_back"

    def _topical(self, text: str) -> bool:
        """The line is about the call: it shares a content word with what the caller knows."""
        from scoring.call import content_stems

        return bool(content_stems(text) & self._topic_stems())

    def _topic_stems(self) -> set[str]:
        cached: set[str] | None = getattr(self, "_stems", None)
        if cached is None:
            from scoring.call import content_stems

            s, c = self.scenario, self.scenario.caller
            words = [s.brand, c.goal, c.expects.resolution, *s.history]
            words += [t for v in s.lines.values() for t in v]
            words += [t for f in c.facts for t in (*f.say, f.topic.replace("_", " "))]
            cached = set().union(*(content_stems(w) for w in words if w))
            self._stems = cached
        return cached

    def _maybe_cut_in(self, heard: Heard, parts: list[str]) -> None:
        long = len(heard.text.split()) > LONG_LINE_WORDS
        cut = "interrupts" in self.scenario.caller.traits and long and self.temper.mood >= 1
        self.caller_says((["cut_in"] if cut else []) + parts, cut)

    def _give_up(self) -> None:
        """Out of patience: one rung up; at the fourth level, the threat and the hang-up."""
        rung = self.memory.climb()
        if rung < Rung.FOURTH:
            self.temper.patience = PATIENCE_FLOOR  # one more push and they are gone
            self.caller_says([_RUNG_SAYS[rung]])
            return
        self.caller_says(["fourth_level"])
        self.caller_hangs_up("the caller ran out of patience and escalated")

    # ----- temper ------------------------------------------------------------
    def _feel(self, heard: Heard) -> None:
        """Mood and patience: what calms, what angers (the table in mood.py)."""
        self._calm(heard.acts)
        self._anger(heard.acts)
        m = self.memory
        if _HELPS & heard.acts and not _brushes_off(heard.acts):
            m.goal_reached(done=False)  # taken on, not yet given
        if _brushes_off(heard.acts):
            m.goal_lost()

    def _calm(self, acts: frozenset[str]) -> None:
        m, t = self.memory, self.temper
        if "empathy" in acts and not (_NOT_EMPATHY & acts):
            bare = not acts & (_HELPS | _GETTING_ON)
            m.bare_apologies += bare
            if not bare or m.bare_apologies <= BARE_APOLOGIES_THAT_CALM:
                t.apply("empathy" if m.made_up_for() else "empathy_partial")
            m.empathy_shown = True
        for act in ("ownership", "commit_help", "summarize", "offer_hold_alternative"):
            if act in acts:
                t.apply(act)
        if "offer_supervisor" in acts:
            t.apply("offer_supervisor")
        elif "notify_supervisor" in acts:
            t.apply("notify_supervisor")
        if m.just_resumed:
            t.apply("thank_for_holding" if "thank_for_holding" in acts else "no_thanks_after_hold")

    def _anger(self, acts: frozenset[str]) -> None:
        m, t = self.memory, self.temper
        for act, effect in (
            ("jargon", "jargon"),
            ("blame_other", "they_blame"),
            ("bad_news", "bad_news"),
        ):
            if act in acts:
                t.apply(effect)
        if "small_talk" in acts and t.mood >= 1:
            t.apply("small_talk_irate")
        spam = "spam" in self.scenario.context
        for act in _mistreats(acts):
            if act in acts:
                t.apply("bad_news" if spam and act in _SCREENING else act)  # screening is expected
                m.mistreated()
        if "refuse_supervisor" in acts and m.supervisor_requested:
            t.apply("refuse_supervisor")
            m.mistreated()

    # ----- reactions, in the order a person makes them -------------------------
    def _before_answers(self, acts: frozenset[str], listening: bool = False) -> list[str]:
        """Reactions that come first: to a long hold, to a complaint not acknowledged."""
        m = self.memory
        parts: list[str] = []
        if m.just_resumed and m.long_hold:
            parts.append("after_long_hold")
        m.just_resumed = m.long_hold = False
        if m.complaint_at is not None and not m.empathy_shown:
            since = m.agent_lines - m.complaint_at
            vents = "vents" in self.scenario.caller.traits
            if since >= 1 and acts & (_HELPS | _GETTING_ON):
                m.acted_on_complaint = True  # "I'll have my supervisor call you back ..."
            if since == 1 and vents:
                parts.append("vent")
            elif (
                since >= 2
                and not m.acted_on_complaint
                and not {"ignored", "ignored_asked"} & m.said
                and not listening
                and self._feels_ignored(acts)
            ):
                self.temper.apply("ignored_complaint")
                m.mistreated()
                # asked for a detail, they give it first: "Did you hear what I said?" then
                # reads as a refusal to answer; the reproach follows the answer instead
                parts.append("ignored_asked" if acts & _ASKS_DETAILS else "ignored")
        if "refuse_supervisor" in acts and m.supervisor_requested:
            parts.append("refused_supervisor")
        return parts

    def _asked(self, heard: Heard) -> list[str]:
        """What the line's questions ask the caller to give or decide, read against the
        words: which datum a "number" is, both when two are asked, a yes to "is that all"."""
        m = self.memory
        # "I'll send the large one out today. Anything else?": the promise is heard first,
        # so "anything else?" is answered knowing it
        late = "anything_else" in heard.acts and not m.goal_met  # (a recap is not news)
        given = self._outcome_given(heard) if late else []
        leaving = bool({"choose_message", "choose_callback", "accept_alternative"} & m.said)
        leaving = leaving or m.told.message_offered  # "can I take a message? what's your number?"
        datum = _which_datum(answers(heard.acts, self.scenario, m), heard, leaving)
        names_id = bool(_ID_WORDS.search(heard.text)) or self._names_own_id(heard.text)
        if heard.fact is not None and not names_id:
            datum = [a for a in datum if a != "give_id"]  # "what's your address?" is no id ask
        elif _asks_id_too(datum, heard):
            datum = ["give_id", *datum]  # "your order number and your phone number"
        if "give_id" in datum and (other := self._other_id(heard.text)):
            datum = [other if a == "give_id" else a for a in datum]
        return given + _yes_its_all(datum, heard)

    def _other_id(self, text: str) -> str:
        """ "For security, your date of birth?": not the member number. Their date of birth
        they give; a card, bank, government or secret number their story never names they do
        not have to hand. "" when the line asks for their own kind of number."""
        from simulator.engine.topics import other_ids_in

        asked = other_ids_in(text)
        if not asked or asked & other_ids_in(self._id_words()):
            return ""
        return "give_birth_date" if "birth_date" in asked else "no_data"

    def _id_words(self) -> str:
        """What the caller says of the number they have: their `give_id` lines and the facts
        that read it (a card named in the story is not a card number to hand)."""
        from scoring.extract import digits_only

        s, c = self.scenario, self.scenario.caller
        digits = digits_only(c.id_number)
        said = [*s.lines.get("give_id", ())]
        said += [t for f in c.facts for t in f.say if digits and digits in digits_only(t)]
        return " ".join(said)

    def _names_own_id(self, text: str) -> bool:
        """The line names the caller's number as they call it ("the pro number" to a driver
        whose `give_id` line is "The pro number is ...")."""
        return bool(self._own_id_names and self._own_id_names.search(text.lower()))

    @cached_property
    def _own_id_names(self) -> re.Pattern[str] | None:
        found = _NUMBER_NAME.findall(self._id_words().lower())
        names = {n for n in found if n.split()[0] not in _NOT_NAMES}
        if not names:
            return None
        return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names))) + r")\b")

    def _supervisor_here(self, heard: Heard) -> list[str]:
        """ "Ok, she's here now": the supervisor the caller asked for has come."""
        m = self.memory
        wants = m.supervisor_requested or "asks_supervisor" in self.scenario.caller.traits
        if wants and not m.supervisor_handled and _I_AM_SUPERVISOR.search(normalise(heard.text)):
            m.supervisor_handled = True  # "I am the supervisor": he tells them what happened
            m.climb_down()
            return ["back_to_goal"]
        fetched = m.supervisor_requested or m.supervisor_handled
        if not fetched or "supervisor_here" in m.said or heard.question:
            return []
        if not _ARRIVED.search(normalise(heard.text)):
            return []
        m.supervisor_handled = True
        m.empathy_shown = True  # what they asked for has come: nothing left ignored
        return ["supervisor_here"]

    def _misnamed(self, heard: Heard) -> list[str]:
        """ "Thanks, Mr. Whitman": a caller called by a surname near theirs but not it puts
        it right at once ("No, it's Whitford.")."""
        surname = self.scenario.caller.surname
        m = _ADDRESSED.search(heard.text)
        if not surname or m is None:
            return []
        said, want = m.group(1).lower(), surname.lower()
        if said == want or said[:2] != want[:2] or "correct_detail" in self.memory.said:
            return []
        self.hear_value("correction", surname)
        return ["correct_detail"]

    def _not_found(self, heard: Heard) -> list[str]:
        """ "I can't see any order under that number": the caller reads it out again."""
        if not _NOT_FOUND.search(heard.text) or not self.scenario.caller.id_number:
            return []
        return ["not_found", "give_id"]

    def _feels_ignored(self, acts: frozenset[str]) -> bool:
        """Two lines with no word about their complaint hurt a caller who is upset (angry, or
        calling in anger), not while the agent is visibly getting on with it: a transfer being
        made, a hold, a promise, ownership."""
        if acts & (_HELPS | _GETTING_ON):
            return False
        if acts & _ASKS_DETAILS and self.temper.mood < 2:
            return False  # "what's the order number?" is getting on with it, unless angry
        return self.temper.mood >= 1 or "irate" in self.scenario.context

    def _announced_hold(self, acts: frozenset[str]) -> list[str]:
        """ "Please hold": a caller who refuses holds says so now, before the hold."""
        if "announce_hold" not in acts or {"ask_hold", "announce_transfer"} & acts:
            return []
        if "refuses_hold" in self.scenario.caller.traits:
            self.memory.heard_hold_question(agreed=False)
            return ["refuse_hold"]
        self.memory.heard_hold_announced()
        return ["hold_announced_ack"]

    def _person(self, heard: Heard) -> list[str]:
        """A transfer to someone other than the person the caller wants is objected to."""
        want = self.scenario.caller.expects.person
        offered = {"announce_transfer", "offer_transfer_or_message"} & heard.acts
        if not want or not offered:
            return []
        names = [c.name for c in self.scenario.directory]  # in directory order: deterministic
        wanted = next((n for n in names if _names_match(n, want)), None)
        said = [n for n in names if _mentions(heard.text, n)]
        if wanted is None or not said or wanted in said:
            return []
        return ["object_person"]

    def _left_without_a_way(self, heard: Heard) -> list[str]:
        """Told the person they want is away, with nothing offered in its place, a caller
        asks to leave a message ("Oh. Could I leave a message, then?")."""
        if "say_unavailable" not in heard.acts or heard.acts & _A_WAY_ON:
            return []
        if self.scenario.line("urgent") and "urgent" not in self.memory.said:
            return ["urgent"]  # "he's in a meeting" to a family emergency: "It's urgent."
        if "unavailable" not in self.scenario.context or "ask_message" in self.memory.said:
            return []
        if heard.question or self.memory.goal_met:
            return []  # "he's out, can I help instead?" is answered as a question
        return ["ask_message"]

    def _wanted_stems(self) -> set[str]:
        """Content words of the goal and the outcome wanted (not of the story told)."""
        from scoring.call import content_stems

        c = self.scenario.caller
        return content_stems(f"{c.goal} {c.expects.resolution}") - _GENERIC_STEMS

    def _own_words(self) -> str:
        """Everything the caller knows and says, as one text (once per call)."""
        return " ".join(self._own_parts)

    @cached_property
    def _own_parts(self) -> tuple[str, ...]:
        """What the caller knows and says, piece by piece: their goal, what they expect,
        their history, their lines and their facts (the scenario does not change in a call)."""
        s, c = self.scenario, self.scenario.caller
        parts = [c.goal, c.expects.resolution, *s.history]
        parts += [t for v in s.lines.values() for t in v]
        parts += [t for f in c.facts for t in f.say]
        return tuple(p for p in parts if p)

    def _fact_by_words(self, heard: Heard) -> str:
        """A question about the caller's situation in words no cue knows: the fact that shares
        its rarer words ("" when none or several do)."""
        from simulator.engine.topics import FactByWords

        finder: FactByWords | None = getattr(self, "_by_words", None)
        if finder is None:  # the scenario does not change during a call: once per call
            finder = FactByWords(self.scenario.caller.facts)
            self._by_words = finder
        fact = finder.find(heard.asks or heard.text)
        return f"fact:{fact.topic}" if fact is not None else ""

    def _request(self, heard: Heard) -> str:
        """A question no fact answers: a request the caller can meet ("could you send us a
        photo?") gets a yes, anything else "I don't know"."""
        from simulator.engine.topics import asks_caller_to_act

        if _READY_TO_WRITE.search(normalise(heard.text)):
            return "go_ahead"  # "got a pen?" before a number: "Sure, go ahead."
        return "will_do" if asks_caller_to_act(heard.text) else "dont_know"

    def _greeting(self, heard: Heard) -> bool:
        """ "Hello?" before the caller has said a word is the agent picking up, not a check that
        the line is still open: the caller says why they called (`_agenda`), not "I'm here"."""
        return (
            heard.fact is not None
            and heard.fact.topic == "presence"
            and not self.memory.reason_given
        )

    def _goal_stems(self) -> set[str]:
        """Content words of what the caller came for: the goal, the outcome, the reason."""
        from scoring.call import content_stems

        cached: set[str] | None = getattr(self, "_goal_words", None)
        if cached is None:  # the scenario does not change during a call: once per call
            s, c = self.scenario, self.scenario.caller
            words = [c.goal, c.expects.resolution, *s.lines.get("reason", ())]
            cached = set().union(*(content_stems(w) for w in words if w))
            self._goal_words = cached
        return cached

    def _facts_and_offers(self, heard: Heard, answered: list[str]) -> list[str]:

        if self._number_given(heard):
            return ["thanks_answer"]  # "have him pull into door 6" to a caller who needs the door
        if "wrong_number" in self.scenario.context and "make_offer" in heard.acts:
            if _THEIR_NUMBER.search(normalise(heard.text)):
                self.memory.goal_reached()  # "do you want their number?" - yes, please
                return ["accept_offer"]
        if heard.fact is not None and self._asks_fact(heard) and not self._greeting(heard):
            return [f"fact:{f.topic}" for f in (heard.fact, *heard.also)]
        if answered:
            return []
        if reached := self._reaching_them(heard):
            return reached
        if (choice := self._choice(heard)) is not None:
            self.hear_value("option", _as_caller(choice))
            return ["choose_option"]
        # "can he call you back in an hour?" offers a call back, put as a question
        asked_offer = heard.question and heard.contact and heard.timeframe_h is not None
        if "make_offer" not in heard.acts and not asked_offer:
            return self._outcome_given(heard) or self._answer_given(heard)
        return self._offer_made(heard)

    def _offer_made(self, heard: Heard) -> list[str]:
        """An offer: a transfer is answered as one; one that helps is taken; another
        outcome is turned down; the rest is taken on condition."""
        from simulator.engine.topics import outcomes_in

        if "transfer" in outcomes_in(heard.text):
            return [transfer_answer(self.scenario, self.memory)]
        context = self.scenario.context
        if "wrong_number" in context or "spam" in context:
            return []  # their own reactions (`_archetype`)
        if self._too_late(heard):
            return []  # objected to in `_expectations`
        if "purchase" in outcomes_in(heard.text) and self._other_outcome(heard.text):
            return ["decline_offer"]  # "want me to add the spray to an order?" - not yet
        if self._step_to_goal(heard.text):
            return ["conditional_offer"]  # a return label: yes, as long as the right one comes
        helps = (
            _HELPS & heard.acts
            or _MEANS.search(heard.text)
            or self._fits_goal(heard.text)
            or self._answers_when(heard)
        )
        if helps or (self.memory.goal_met and not outcomes_in(heard.text)):  # "does that help?"
            return self._taken("accept_offer", heard.text)
        if self._other_outcome(heard.text):
            return ["decline_offer"]
        return ["conditional_offer"]

    def _step_to_goal(self, text: str) -> bool:
        """The offer is the first step of what they came for: a return of the wrong item to a
        caller who wants the right one sent (an exchange is a return and a replacement)."""
        from simulator.engine.topics import outcomes_in

        c = self.scenario.caller
        wanted = outcomes_in(f"{c.goal} {c.expects.resolution}")
        return outcomes_in(text) == {"return"} and "replacement" in wanted

    def _reached(self, heard: Heard) -> bool:
        """The person the caller wants is on the line and the agent puts them through."""
        from simulator.engine.topics import outcomes_in

        person = self.scenario.caller.expects.person
        if not person:
            return False
        t = normalise(heard.text)
        names = [w for w in normalise(person).split() if len(w) > 2]
        on = any(re.search(rf"\b{re.escape(w)}(?: is| s)? {_ON_THE_LINE}", t) for w in names)
        on = on or bool(re.search(r"\b(?:he|she|they)(?: is| s| are)? " + _ON_THE_LINE, t))
        if not (on and "transfer" in outcomes_in(heard.text)):
            return False
        self.memory.goal_reached()
        return True

    def _reaching_them(self, heard: Heard) -> list[str]:
        """ "Let me try his line" to a caller who wants him: yes, unless already tried."""
        if not self.scenario.caller.expects.person:
            return []
        if not _REACH_PERSON.search(normalise(heard.text)):
            return []
        return self._already_tried(heard) or ["accept_offer"]

    def _already_tried(self, heard: Heard) -> list[str]:
        """ "I'll try his cell" to a caller whose `tried` fact names it: they say so."""
        from simulator.engine.topics import TopicFinder

        finder: TopicFinder | None = getattr(self, "_tried_finder", None)
        if finder is None:  # the scenario does not change during a call: once per call
            tried = tuple(f for f in self.scenario.caller.facts if f.topic == "tried")
            finder = self._tried_finder = TopicFinder(tried)
        return ["fact:tried"] if finder.named_in(heard.text) is not None else []

    def _close(self, parts: list[str]) -> None:
        """The agent says goodbye: a caller whose goal is unmet and who is angry won't."""
        m = self.memory
        if accepts_goodbye(m, self.scenario):
            self.caller_says([*parts, "goodbye"])
            self.caller_hangs_up("the caller said goodbye")
            return
        m.closing_refused += 1
        if m.closing_refused > 1 or m.rung >= Rung.SUPERVISOR:
            self.caller_says(["curt_goodbye"])
            self.caller_hangs_up("the caller hung up unhappy")
            return
        climb = self._climb() if self.temper.mood >= 2 else []
        self.caller_says([*parts, "unresolved_close", *climb])

    # ----- the caller's agenda ---------------------------------------------------
    def _agenda(self, heard: Heard, answered: list[str]) -> list[str]:
        """What the caller brings up unasked: the reason for calling, beats, a supervisor."""
        m, acts = self.memory, heard.acts
        if not m.reason_given:
            if self.scenario.caller.volunteers_name and "give_name" in answered:
                answered.remove("give_name")
                return self._reason()
            if not answered or m.agent_lines >= 3 or self.scenario.caller.volunteers_name:
                return self._reason()
            return []
        # a grievance said this turn, or a yes to an offer of what they came for, leaves no
        # room for the push a beat makes ("can't you just connect me?" right after "yes, please")
        quiet = self._aggrieved or self._just_accepted
        beats = fired_beats(acts, self.beats, m) if not quiet else []
        if m.supervisor_handled:  # offered in this very line: no need to ask for one
            beats = [b for b in beats if b != "ask_supervisor"]
        if beats:
            beats = self._no_false_relief(heard, beats)
        m.beat_just_said = set(beats)
        return beats + self._supervisor(acts)

    def _reason(self) -> list[str]:
        m = self.memory
        m.reason_given = True
        first = "opening" if self.scenario.line("opening") else "reason"
        parts = [first, *_opening_beats(self.beats, m)]
        m.beat_just_said = set(parts) | {"reason"}
        return parts

    # ----- the hold, as the caller feels it -----------------------------------------
    def held(self) -> None:
        """The agent put the caller on hold: the cost depends on how it was set up."""
        how = self.memory.put_on_hold()
        if how is HoldAsk.AGREED:
            return
        if how is HoldAsk.ANNOUNCED:
            self.temper.apply("hold_announced")
        elif how is HoldAsk.REFUSED:
            self.temper.apply("hold_after_refusal")
            self.memory.mistreated()
        else:
            self.temper.apply("hold_without_ok")
            self.memory.mistreated()


#: an offer of a way to reach what the caller wants (a call back, a message, an email)
_MEANS = re.compile(
    r"\b(?:call you|ring you|get back to you|reach you|contact you|a message|an email|"
    r"e-?mail you|voicemail|(?:have|get) (?:him|her|them|someone) (?:to )?(?:call|ring|email))\b",
    re.IGNORECASE,
)


_PHONE_WORDS = re.compile(r"\b(?:phone|mobile|cell|telephone|contact number|call you)\b", re.I)
_EMAIL_WORDS = re.compile(r"\b(?:e-?mail)\b", re.I)
_BARE_NUMBER = re.compile(r"\bnumber\b", re.I)
_PASSES_ON = re.compile(
    r"\b(?:pass (?:it|that|this|them) (?:on|along)|get back to you|call you|ring you|"
    r"let (?:him|her|them) know|take a message|leave a message|in case we get cut off)\b",
    re.I,
)
#: what a caller calls their number ("the pro number", "my booking reference")
_NUMBER_NAME = re.compile(r"\b([a-z]+ (?:number|reference|ref|code|id))\b")
_NOT_NAMES = frozenset("the my a your that this our phone its his her".split())
#: a short wait pressed for ("it'll only be like two minutes", "just a sec, honestly")
_JUST_A_WAIT = re.compile(
    r"\b(?:only|just|barely|literally) (?:be |take |takes )?(?:(?:like|about|a|one|two|three|"
    r"couple|of|few|30|thirty|60|sixty|\d+) ){0,3}(?:minute|minutes|min|mins|second|seconds|sec|"
    r"secs|moment|moments|tick)\b"
)
#: what was promised, taken back ("actually I don't have access to profiles, sorry")
_TAKES_BACK = re.compile(
    r"\b(?:actually|turns out|it turns out|my mistake|i was wrong|scratch that|on second thought|"
    r"correction|i am afraid)\b"
)
_ID_WORDS = re.compile(
    r"\b(?:account|member|membership|order|policy|reference|case|ticket|invoice|customer|"
    r"id|card|serial|tracking|claim)\b",
    re.I,
)
_ADDRESSED = re.compile(r"\b(?:mr|mrs|ms|miss|mister)\.? ([A-Za-z][a-z'-]+)", re.I)
_NOT_FOUND = re.compile(
    r"\b(?:can ?not|can't|cant|cannot|could not|couldn't|unable to|don't|do not) "
    r"(?:see|find|locate|pull up|bring up)\b(?: \w+){0,4} (?:order|account|booking|record|"
    r"reservation|policy|number)\b|\bno (?:order|account|booking|record|reservation) "
    r"(?:under|with|for|matching)\b",
    re.I,
)
_ASKS_DETAILS = frozenset(
    {"ask_account", "ask_name", "ask_callback_number", "ask_email", "ask_callback_time",
     "check_history", "confirm_detail", "ask_spell"}
)  # fmt: skip
#: the agent goes to reach the person the caller wants ("let me try his line", "I'm
#: sending someone to get him")
_REACH_PERSON = re.compile(
    r"\b(?:let me|i ll|i will|i can|i m going to|i am going to|i m|i am|we ll|we will|we re|we are)"
    r" (?:just )?(?:try|trying|ring|ringing|call|calling|page|paging|buzz|reach|get hold of|fetch|"
    r"send(?:ing)? someone to (?:get|fetch|find))(?: for)? (?:him|her|them|his|her|their)\b"
)
#: the agent is the one they asked for
_I_AM_SUPERVISOR = re.compile(
    r"\b(?:i am|i m|this is|you re speaking (?:to|with)|you are speaking (?:to|with)) "
    r"(?:the |a |your |their )?"
    r"(?:supervisor|manager|team leader|team lead|duty manager|shift lead)\b"
)
#: "she's here now", "my manager is on the line": someone fetched has come
_ARRIVED = re.compile(
    r"\b(?:she|he|they|supervisor|manager|team leader|team lead)(?: is| s| are| has| have)?"
    r"(?: just)? (?:here|on the line|with us|joined|come|arrived|available now|free now)\b"
)
_BAD_NEWS = frozenset({"bad_news", "refuse_help", "dismiss"})
#: words in a line that explains rather than announces an explanation
_LONG_LINE = 18
_OBJECTS_TO_TIME = frozenset(
    {"object_timeframe", "object_fix_time", "object_again", "object_no_time", "object_changed"}
)


_TAKES = frozenset({"accept_offer", "thanks_answer", "thanks", "conditional_offer"})
#: a yes to what the agent is doing for them: no beat pushes for it in the same breath
#: ("Yes, that's fine. Can't you just connect me with someone?" after a transfer announced)
_TAKES_UP = frozenset({"accept_offer", "agree_transfer", "choose_transfer"})
#: what an agent offers in place of someone who is away
_A_WAY_ON = frozenset(
    {"offer_message", "offer_transfer_or_message", "offer_voicemail_choice", "ask_urgent",
     "make_offer", "promise_callback", "announce_transfer", "handoff"}
)  # fmt: skip
#: someone is there to take the call ("Dave's on the line", "she's free now")
_ON_THE_LINE = r"(?:on the line|on|there|free|available|here|ready|with me)\b"
#: what a caller would not say a person answered their choice with
_YES_TO_OFFERS = frozenset(
    {"accept_offer", "accept_alternative", "agree_transfer", "choose_transfer", "choose_message",
     "choose_voicemail", "confirm_yes", "conditional_offer", "decline_offer", "accept_supervisor",
     "agree_hold", "checkin_agree"}
)  # fmt: skip


def _asks_id_too(datum: list[str], heard: Heard) -> bool:
    """A line that asks for the account or order number and a phone or email together: the
    more specific ask took the general one's place (`replies._SUBSUMED`); both are wanted."""
    return (
        "give_id" not in datum
        and bool({"give_phone", "give_email"} & set(datum))
        and "ask_account" in heard.acts
        and bool(_BOTH_ASKED.search(heard.text))
    )


_BOTH_ASKED = re.compile(
    r"\b(?:order|account|member|membership|policy|reference|customer) (?:number|id|no)\b"
    r".*\band\b|\band\b.*\b(?:order|account|member|membership|policy|reference|customer) "
    r"(?:number|id|no)\b",
    re.I,
)


def _yes_its_all(answered: list[str], heard: Heard) -> list[str]:
    """ "Is that everything?" is answered "yes, that's all", where "anything else?" gets "no"."""
    from simulator.engine.topics import asks_is_that_all

    if "nothing_else" not in answered or not asks_is_that_all(heard.text):
        return answered
    return ["that_is_all" if a == "nothing_else" else a for a in answered]


def _which_datum(answered: list[str], heard: Heard, leaving_word: bool = False) -> list[str]:
    """ "What's your phone number?" read as a verification question still gets the phone, and
    so does a bare "what's your number?" from someone taking a message or a call back."""
    # the id ask's answer: the id, or "I don't have that" from a caller with none
    asked = "give_id" if "give_id" in answered else ""
    if not asked and "no_data" in answered and "ask_account" in heard.acts:
        asked = "no_data"
    if not asked:
        return answered
    # a bare "number" is the phone to someone leaving word, to a line that passes it on,
    # and to a caller with no account at all ("what's your number, I'll pass it on")
    for_phone = leaving_word or asked == "no_data" or bool(_PASSES_ON.search(heard.text))
    phone = _PHONE_WORDS.search(heard.text) or (
        for_phone and _BARE_NUMBER.search(heard.text) and not _ID_WORDS.search(heard.text)
    )
    swap = "give_phone" if phone else ""
    swap = "give_email" if not swap and _EMAIL_WORDS.search(heard.text) else swap
    if not swap:
        return answered
    return [swap if a == asked else a for a in answered if a != swap]


_READY_TO_WRITE = re.compile(
    r"\b(?:got|have you got|do you have|you have|grab|get) (?:a )?(?:pen|pencil|paper|"
    r"something to write)\b|\bready to (?:write|take|jot) (?:this|it|that|these)? ?down\b"
)
_THANKS_THEM = re.compile(r"^(?:(?:ok|okay|well|right|great) )*(?:thank you|thanks)\b")
_THANKS_WAITING = re.compile(
    r"\bthank(?:s| you) (?:so much |very much )?for (?:waiting|holding|your patience|"
    r"bearing with me|hanging on)\b"
)
_BACKCHANNEL = re.compile(
    r"^(?:ok|okay|mm|mhm|mm hmm|uh huh|right|alright|all right|i see|sure|yeah|yes|got it|"
    r"okay okay|ok ok)$"
)
_YES_TO_WAIT = frozenset({"agree_hold", "checkin_agree", "conditional_offer", "accept_offer"})
_ASKS_ABOVE = frozenset({"refused_supervisor", "ask_supervisor", "escalate_supervisor"})


def _mistreats(acts: frozenset[str]) -> list[str]:
    """The mistreatments in a line; a "can't" with the way it can be done is no refusal
    ("I can't send documents over the phone, but I'll email it to you")."""
    found = [a for a in MISTREATMENT if a in acts]
    # (not "you'll have to call back tomorrow", read as a call back promised)
    if "refuse_help" in found and (_HELPS - {"promise_callback"}) & acts:
        found.remove("refuse_help")
    return found


def _names_match(name: str, wanted: str) -> bool:
    """'Dave Ortiz' is the 'Dave' or 'Mr. Ortiz' a caller asks for."""
    parts = {p.lower().strip(".") for p in name.split()}
    return bool(parts & {p.lower().strip(".") for p in wanted.split()})


#: every agent act the reactions above look at (with `replies.ANSWERS` and `replies.UNHEARD`
#: this covers the recogniser's whole catalogue; a test checks nothing is left out).
REACTS_TO: frozenset[str] = (
    frozenset(MISTREATMENT)
    | _BRUSH_OFF
    | _HELPS
    | _SCREENING
    | _ACTS_ON_IT
    | frozenset(_MILD)
    | {
        "empathy",
        "summarize",
        "offer_hold_alternative",
        "notify_supervisor",
        "thank_for_holding",
        "refuse_supervisor",
        "small_talk",
        "repair_request",
        "ask_spell",
        "confirm_detail",
        "make_offer",
        "check_understanding",
        "announce_hold",
        "announce_transfer",
        "offer_transfer_or_message",
        "give_number",
        "closing_thanks",
        "goodbye",
        "ask_hold",
        "ask_callback_time",
    }
)

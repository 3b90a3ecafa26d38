"""A trainee's retraining plan: one FSRS card per protocol item, the scenarios to play next.

Every graded call is a review of each item it exercised (`ratings`), replayed
in order through the `fsrs` scheduler, so overrides and regrades are always
reflected. Days, not minutes, are the unit of practice: the scheduler has no
same-day learning steps, a failed item comes back the next day, and fuzzing
is off so the same records always give the same plan.

The plan targets the items failed on their latest review, then items due for
review; it picks up to three scenarios that practise them (`practice`), at
the trainee's level: the easiest difficulty whose scenarios they have not yet
passed (two different ones, or all there are), so difficulty steps up once a
level is passed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fsrs import Card, Rating, Scheduler

from simulator.training.practice import DIFFICULTIES, Practice
from simulator.training.ratings import rate_call, section
from simulator.training.reviews import GradedCall

PICKS = 3  # scenarios per plan (shift mode plays three calls)
LEVEL_PASSES = 2  # different scenarios passed to pass a level
SECTION_WORDS = {
    "open": "opening",
    "soft": "soft skills",
    "hold": "holds",
    "xfer": "transfers",
    "msg": "messages",
    "second": "second requests",
    "esc": "escalation",
    "close": "closing",
}
FAILING, DUE = 3, 2  # urgency of a target item


def scheduler() -> Scheduler:
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


@dataclass(frozen=True)
class ItemCard:
    item: str
    reviews: int
    passes: int
    fails: int
    last_result: str
    last_reviewed: dt.datetime
    due: dt.datetime
    stability: float

    def urgency(self, now: dt.datetime) -> int:
        if self.last_result == "fail":
            return FAILING
        return DUE if self.due <= now else 0

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["last_reviewed"] = self.last_reviewed.isoformat()
        out["due"] = self.due.isoformat()
        out["stability"] = round(self.stability, 3)
        return out


@dataclass(frozen=True)
class Pick:
    scenario: str
    title: str
    difficulty: str
    items: tuple[str, ...]  # the target items it practises
    why: str

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["items"] = list(self.items)
        return out


@dataclass(frozen=True)
class Plan:
    trainee: str
    now: dt.datetime
    calls: int
    level: str
    cards: tuple[ItemCard, ...]  # soonest due first
    targets: tuple[str, ...]  # failing, then due; most urgent first
    picks: tuple[Pick, ...]

    @property
    def headline(self) -> str:
        """What the start screen shows: 'due today: holds, closing'."""
        sections = list(dict.fromkeys(section(i) for i in self.targets))
        if not sections:
            return "nothing due today"
        return "due today: " + ", ".join(SECTION_WORDS.get(s, s) for s in sections)

    def to_json(self) -> dict[str, Any]:
        return {
            "trainee": self.trainee,
            "now": self.now.isoformat(),
            "calls": self.calls,
            "level": self.level,
            "headline": self.headline,
            "targets": list(self.targets),
            "next": [p.to_json() for p in self.picks],
            "cards": [c.to_json() for c in self.cards],
        }


class Replay:
    """Every call's item results replayed through the scheduler, resumable: the state after
    the first N calls can be kept (`to_json`) and more calls replayed on top of it."""

    def __init__(self) -> None:
        self.sched = scheduler()
        self.calls = 0
        self.cards: dict[str, Card] = {}
        self.last: dict[str, Rating] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.reviewed: dict[str, dt.datetime] = {}

    def add(self, call: GradedCall) -> None:
        for item, rating in rate_call(call.results, self.last).items():
            card = self.cards.get(item) or Card(card_id=0, due=call.started_at)
            self.cards[item], _ = self.sched.review_card(card, rating, call.started_at)
            self.last[item] = rating
            self.counts.setdefault(item, Counter())[call.results[item]] += 1
            self.reviewed[item] = call.started_at
        self.calls += 1

    def item_cards(self) -> list[ItemCard]:
        out = [
            ItemCard(
                item,
                sum(self.counts[item].values()),
                self.counts[item]["pass"],
                self.counts[item]["fail"],
                "fail" if self.last[item] == Rating.Again else "pass",
                self.reviewed[item],
                card.due,
                float(card.stability or 0.0),
            )
            for item, card in self.cards.items()
        ]
        return sorted(out, key=lambda c: (c.due, c.item))

    def to_json(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "items": {
                item: {
                    "card": card.to_dict(),
                    "last": int(self.last[item]),
                    "counts": dict(self.counts[item]),
                    "reviewed": self.reviewed[item].isoformat(),
                }
                for item, card in self.cards.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Replay:
        r = cls()
        r.calls = int(data["calls"])
        for item, d in data["items"].items():
            r.cards[item] = Card.from_dict(d["card"])
            r.last[item] = Rating(int(d["last"]))
            r.counts[item] = Counter({k: int(v) for k, v in d["counts"].items()})
            r.reviewed[item] = dt.datetime.fromisoformat(d["reviewed"])
        return r


def item_cards(calls: Iterable[GradedCall]) -> list[ItemCard]:
    """Replay every call's item results through the scheduler; one card per item seen."""
    replay = Replay()
    for call in calls:
        replay.add(call)
    return replay.item_cards()


def level_of(calls: Sequence[GradedCall], scenarios: Sequence[Practice]) -> str:
    """The easiest difficulty not yet passed (LEVEL_PASSES different scenarios, or all)."""
    passed: dict[str, set[str]] = {d: set() for d in DIFFICULTIES}
    for c in calls:
        if c.passed and c.scenario and c.outcome == "completed":
            passed.setdefault(c.difficulty or "medium", set()).add(c.scenario)
    for level in DIFFICULTIES:
        there = {s.id for s in scenarios if s.difficulty == level}
        if there and len(passed[level] & there) < min(LEVEL_PASSES, len(there)):
            return level
    return DIFFICULTIES[-1]


def build_plan(
    trainee: str,
    calls: Sequence[GradedCall],
    scenarios: Sequence[Practice],
    now: dt.datetime,
    cards: Sequence[ItemCard] | None = None,
) -> Plan:
    """The plan at `now`; `cards` are the calls' replayed cards when already known
    (`simulator.training.cache`)."""
    cards = list(item_cards(calls) if cards is None else cards)
    level = level_of(calls, scenarios)
    urgent = sorted(
        (c for c in cards if c.urgency(now)),
        key=lambda c: (-c.urgency(now), -c.fails, c.due, c.item),
    )
    targets = tuple(c.item for c in urgent)
    weights = {c.item: c.urgency(now) for c in urgent}
    played = Counter(c.scenario for c in calls if c.scenario)
    picks = choose(scenarios, weights, level, played)
    return Plan(trainee, now, len(calls), level, tuple(cards), targets, tuple(picks))


def _fit(s: Practice, level: str) -> float:
    """How well a scenario's difficulty suits the level: at it, below it, above it."""
    gap = DIFFICULTIES.index(s.difficulty) - DIFFICULTIES.index(level)
    return 1.0 if gap == 0 else (0.8 if gap < 0 else 0.3)


def choose(
    scenarios: Sequence[Practice],
    weights: dict[str, int],
    level: str,
    played: Counter[str],
) -> list[Pick]:
    """Greedy cover: each pick practises the most urgent items the earlier picks leave."""
    left = dict(weights)
    picks: list[Pick] = []
    pool = list(scenarios)
    while pool and len(picks) < PICKS and left:
        best = max(pool, key=lambda s: (_gain(s, left) * _fit(s, level), -played[s.id], s.id))
        items = tuple(i for i in left if i in best.practised)
        if not items:
            break
        picks.append(Pick(best.id, best.title, best.difficulty, items, _why(items, weights)))
        pool.remove(best)
        for i in items:
            del left[i]
    return picks + _fill(pool, level, played, PICKS - len(picks))


def _gain(s: Practice, left: dict[str, int]) -> float:
    return float(sum(u * s.weight(i) for i, u in left.items()))


def _why(items: Sequence[str], weights: dict[str, int]) -> str:
    failing = [i for i in items if weights[i] == FAILING]
    due = [i for i in items if weights[i] != FAILING]
    parts = []
    if failing:
        parts.append("practises " + ", ".join(failing) + " (failed last time)")
    if due:
        parts.append(("reviews " if failing else "reviews ") + ", ".join(due) + " (due)")
    return "; ".join(parts)


def _fill(pool: list[Practice], level: str, played: Counter[str], n: int) -> list[Pick]:
    """Scenarios at the trainee's level they have played least: the built-in first call first
    for a new trainee."""
    at = [s for s in pool if s.difficulty == level]
    at.sort(key=lambda s: (played[s.id], not s.default, s.id))
    why = "a new call at your level" if any(played.values()) else "a first call"
    return [
        Pick(
            s.id,
            s.title,
            s.difficulty,
            (),
            why if played[s.id] == 0 else "more practice at your level",
        )
        for s in at[:n]
    ]

"""Hand-built view models: for layout tests and for drawing screens without an engine run.

They mirror the public example call (spec example 01, Fernwood Garden Supply), so what they
show is what a real call shows.
"""

from __future__ import annotations

from simulator.window.views import (
    CallView,
    CaptionLine,
    DirectoryEntry,
    Evidence,
    ItemRow,
    ScenarioRow,
    ScorecardView,
    SectionView,
    ShiftCallRow,
    ShiftSummaryView,
    StartView,
    TimelineLine,
    TimelineMark,
    TimelineView,
)


def start_view() -> StartView:
    return StartView(
        trainee="Carla",
        scenarios=(
            ScenarioRow(
                "hold-basics",
                "Wrong planter delivered",
                "order problem",
                "easy",
                72.0,
                recommended=True,
            ),
            ScenarioRow(
                "irate-second", "Refund still missing", "irate, second request", "hard", 55.5
            ),
            ScenarioRow("spam-vendor", "'Urgent' vendor call", "spam", "medium", None),
            ScenarioRow("wrong-number", "Looking for the pharmacy", "wrong number", "easy", 100),
            ScenarioRow("product-q", "Will it survive frost?", "product question", "medium", None),
        ),
    )


CAPTIONS = (
    CaptionLine(
        "agent",
        "Good morning, thank you for calling Fernwood Garden Supply, this is "
        "Carla. How can I help you today?",
        0,
    ),
    CaptionLine(
        "caller",
        "Hi, I got my planter delivery yesterday and it's the wrong one. I "
        "ordered the large terracotta and got the small.",
        5,
    ),
    CaptionLine(
        "agent",
        "I'm sorry you received the wrong size. I'd be happy to get the large "
        "terracotta planter sent out to you. May I have your name, please?",
        12,
    ),
    CaptionLine("caller", "James Whitford.", 20),
    CaptionLine("agent", "Thank you, Mr. Whitford. May I have the order number?", 22),
    CaptionLine("caller", "Order F G 7 7 2 0 1 4.", 29),
    CaptionLine("event", "lookup what=order", 37),
    CaptionLine(
        "agent",
        "May I place you on a brief hold while I check that the large terracotta is in stock?",
        47,
    ),
    CaptionLine("caller", "Sure, no problem. I'll wait.", 54, current=True),
    CaptionLine("event", "hold", 55),
)

DIRECTORY = (
    DirectoryEntry("Carol Baines", "Returns", "110"),
    DirectoryEntry("Dev Patel", "Warehouse", "214"),
    DirectoryEntry("Irene Soto", "Supervisor", "101"),
)


def call_view(**changes: object) -> CallView:
    base = CallView(
        brand="Fernwood Garden Supply",
        agent="Carla",
        scenario_title="Wrong planter delivered",
        phase="live",
        clock_s=151,
        caller_name="James Whitford",
        mood=0.2,
        mood_label="calm",
        patience=0.74,
        captions=CAPTIONS,
        choices=(
            "Thank you for holding, Mr. Whitford. The large terracotta is in stock.",
            "Sorry, still checking, can you hold a bit longer?",
            "They messed up at the warehouse again, yep.",
            "I'm transferring you to the warehouse now.",
        ),
        on_hold=True,
        hold_s=96,
        directory=DIRECTORY,
        history=(
            "INFO 03/02: ordered large terracotta planter (FG772014).",
            "INFO 03/09: delivered; signed by J. Whitford.",
        ),
        looked_up=True,
    )
    return _replace(base, **changes)


def _replace(view: CallView, **changes: object) -> CallView:
    from dataclasses import replace

    return replace(view, **changes)  # type: ignore[arg-type]


def scorecard_view() -> ScorecardView:
    fail_rule = "No hold segment may run longer than the check-in limit (120 s)."
    sections = (
        SectionView(
            "Opening",
            (
                ItemRow("open.thank_for_calling", "Thanks the caller for calling", "pass"),
                ItemRow("open.introduce_self", "Gives own name", "pass"),
                ItemRow("open.ask_caller_name", "Asks the caller's name", "pass"),
                ItemRow(
                    "open.use_caller_name",
                    "Uses the caller's name twice",
                    "fail",
                    reason="the caller's name was used once",
                    rule="After learning the caller's name, use it in at least two lines.",
                    evidence=(Evidence(12, "00:22", "Thank you, Mr. Whitford."),),
                ),
            ),
        ),
        SectionView(
            "Hold",
            (
                ItemRow("hold.ask_permission", "Asks permission before holding", "pass"),
                ItemRow(
                    "hold.max_segment",
                    "Checks in within the hold limit",
                    "fail",
                    reason="hold segment of 150 s (limit 120 s)",
                    rule=fail_rule,
                    evidence=(Evidence(15, "00:55", "* hold"),),
                ),
                ItemRow("hold.offer_alternative", "Offers an alternative to waiting", "na"),
            ),
        ),
        SectionView(
            "Closing",
            (
                ItemRow("close.summarize", "Summarises the call", "pass"),
                ItemRow("close.notes_logged", "Logs call notes", "pass"),
            ),
        ),
    )
    lines = tuple(
        TimelineLine(i + 1, c.time, c.speaker, c.text)
        for i, c in enumerate(CAPTIONS)
        if c.speaker != "event"
    )
    return ScorecardView(
        scenario_title="Wrong planter delivered",
        score=81.8,
        passed=True,
        critical_failures=(),
        sections=sections,
        timeline=TimelineView(
            duration=190,
            holds=((55, 130),),
            marks=(
                TimelineMark(37, "lookup", "lookup order"),
                TimelineMark(151, "ticket", "ticket FG-1188"),
                TimelineMark(178, "note", "note"),
                TimelineMark(190, "hangup", "hangup by caller"),
            ),
            lines=lines,
        ),
        next_title="Refund still missing",
        bonus="answered in 2 rings (bonus)",
    )


def shift_view() -> ShiftSummaryView:
    return ShiftSummaryView(
        trainee="Carla",
        calls=(
            ShiftCallRow("Wrong planter delivered", 88, True, 2, 190),
            ShiftCallRow("'Urgent' vendor call", 40, False, 4, 95),
            ShiftCallRow("Looking for the pharmacy", 100, True, 1, 62),
        ),
    )

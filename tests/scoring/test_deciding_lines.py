"""The evidence of a mark points at the line that decided it (issue 17).

On hand-graded calls of the real-call classes, each listed item's evidence must
hold exactly the lines (1-based, as in the file) a QA lead would point at: the
caller's reason, not an aside before it; the recap, not the greeting; the line
that reads the number out; the promise of a call back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.grader import grade
from scoring.policy import load_policy
from scoring.reader import read_transcript

CALLS = Path(__file__).parent / "calls"

CASES = [
    # the aside "Sorry, I can hardly hear you." (line 10) is not the reason (line 12)
    ("open.restate_reason--reason-after-cannot-hear-you", "open.restate_reason", (12, 13)),
    ("close.summarize--so-i-have-down-cancel-plan", "close.summarize", (17,)),
    ("close.summarize--refund-going-back-no-marker", "close.summarize", (15,)),
    ("close.reference--order-number-in-digit-groups", "close.reference", (12,)),
    ("close.reference--caller-repeats-case-number-agent-confirms", "close.reference", (15,)),
    ("msg.collect_details--someone-will-get-back-to-you", "msg.collect_details", (13,)),
    ("msg.expectation--wait-for-their-call-by-five", "msg.expectation", (15,)),
    ("close.offer_more_help--cut-off-anything-else-i-can", "close.offer_more_help", (12,)),
    ("open.ask_caller_name--how-may-i-address-you", "open.ask_caller_name", (8,)),
    ("open.use_caller_name--good-your-name-is-then-once", "open.use_caller_name", (15,)),
    # written-call classes of issue 17: the question, the plain report, the fix, the number
    ("msg.callback_time--best-number-and-time-to-get-hold-of-you", "msg.callback_time", (12,)),
    ("msg.callback_time--is-there-a-better-time-uk", "msg.expectation", (13, 14)),
    ("soft.empathy--plain-statement-power-out-since-morning", "soft.empathy", (10, 11)),
    ("soft.empathy--gift-card-would-not-scan-no-sympathy", "soft.empathy", (9, 10, 12)),
    ("open.restate_reason--stock-question-glad-to-check", "open.restate_reason", (9, 10)),
    ("second.confirm--so-you-rang-last-week-still-nothing", "second.confirm", (12,)),
    ("second.resolve_24h--refund-reissued-during-the-call", "second.resolve_24h", (14,)),
    ("xfer.announce--extension-read-in-groups-uk", "xfer.announce", (18,)),
    ("xfer.no_internal_contacts--product-lead-cell-us", "xfer.no_internal_contacts", (13,)),
    ("soft.we_not_they--they-for-our-dispatch-capitalised", "soft.we_not_they", (13,)),
    # held-out batch 2 classes: the closing recap, the changed booking's number, the short
    # brand, the reason in other words, the busy person, the chosen time, the terse ask
    ("close.summarize--so-late-fee-removed-collect-on-tenth-a", "close.summarize", (17,)),
    ("close.summarize--done-booking-now-runs-to-sunday", "close.reference", (17,)),
    ("close.brand--tails-and-whiskers-short-form", "close.brand", (14,)),
    ("close.reference--new-order-number-spelled-with-spaces-a", "close.reference", (15,)),
    ("open.restate_reason--your-outage-for-power-out-a", "open.restate_reason", (10, 11)),
    ("open.restate_reason--wrong-number-surgery-number-for-dr", "open.restate_reason", (11, 12)),
    ("msg.unavailable--in-court-all-day-she-will-ring-you-a", "msg.unavailable", (11, 11)),
    ("msg.expectation--irate-chose-four-fifteen-today", "msg.expectation", (15, 16)),
    ("soft.empathy--prescription-not-ready-despite-text", "soft.empathy", (9, 10, 12)),
    ("open.ask_caller_name--terse-name-question", "open.ask_caller_name", (11,)),
    ("open.verify_account--um-your-policy-number-dob-to-verify", "open.verify_account", (11,)),
    ("close.summarize--thats-the-addon-cancelled-no-so", "close.summarize", (17,)),
    # held-out batch 3 classes (gaps4): the "so" recap, the callback before "anything else?",
    # a third party's call back, the booking that keeps its number, the plain problem, the
    # thanks before "have a good day", "I'll get someone out", the busy person in trade words
    ("close.summarize--aussie-ute-hire-righto-so-closing", "close.summarize", (18,)),
    ("close.summarize--cheque-stopped-new-one-goes-out", "close.summarize", (16,)),
    (
        "msg.expectation--accountant-will-phone-back-was-there-anything-else",
        "msg.expectation",
        (20, 21),
    ),
    ("esc.expert_eta--dentist-will-ring-between-patients-no-time", "esc.expert_eta", (10,)),
    ("close.reference--hotel-dates-changed-reservation-number-remains", "close.reference", (13,)),
    ("soft.empathy--spaniel-off-her-food-since-sunday", "soft.empathy", (9, 10)),
    ("close.thank--cold-caller-thanks-for-your-time-good-day-from-all", "close.thank", (13,)),
    ("open.restate_reason--locksmith-get-someone-out-to-you", "open.restate_reason", (9, 10)),
    ("msg.unavailable--plumber-out-on-the-tools-till-half-four", "msg.unavailable", (11, 11)),
    # gaps6: the reason the agent's empathy answers, not the short answer just before it
    ("soft.empathy--glasses-pinch-sorry-in-the-second-reply-a", "soft.empathy", (8, 11)),
    ("soft.empathy--pipe-burst-empathy-first-then-cut-off-line-a", "soft.empathy", (9, 10)),
    # the line that reads the number: in pairs of tens; a case "for that" made in the call
    ("close.reference--job-number-read-in-tens", "close.reference", (14,)),
    ("close.reference--case-reference-for-that-resend-payment-b", "close.reference", (13,)),
]


@pytest.mark.parametrize(("stem", "item_id", "lines"), CASES, ids=lambda v: str(v))
def test_evidence_is_the_deciding_line(stem: str, item_id: str, lines: tuple[int, ...]) -> None:
    card = grade(read_transcript(CALLS / f"{stem}.txt"), load_policy("default"))
    got = tuple(e.line for e in card.results[item_id].evidence)
    assert got == lines, f"{item_id}: evidence lines {got}, want {lines}"

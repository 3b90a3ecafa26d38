"""gaps12 (issue 17): rules learnt from batch 11's classes, each with its counter-example."""

from __future__ import annotations

from scoring.grader import grade
from scoring.policy import load_policy
from scoring.reader import parse_text

_OPEN = (
    "# callsim transcript: 1\n# brand: Acme\n# agent: Dana\n# caller: Ann Lee\n# context: order\n"
    "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?\n"
    "[00:03] CALLER: Ann Lee. My order came damaged.\n"
)


def _result(body: str, item: str) -> str:
    card = grade(parse_text(_OPEN + body), load_policy("default"))
    return card.results[item].result


def test_a_credit_offered_and_declined_makes_no_record() -> None:
    body = (
        "[00:05] AGENT: I'm sorry, Ann. I can put a credit on your account for the trouble.\n"
        "[00:09] CALLER: I don't want a credit, I want a new one sent.\n"
    )
    assert _result(body, "close.reference") == "na"


def test_a_credit_offered_and_taken_is_a_record_changed() -> None:
    body = (
        "[00:05] AGENT: I'm sorry, Ann. I can put a credit on your account for the trouble.\n"
        "[00:09] CALLER: Yes please, that would be fine.\n"
    )
    assert _result(body, "close.reference") == "fail"


def test_the_more_help_question_is_no_offer_of_a_change() -> None:
    body = (
        "[00:05] AGENT: Done, your booking now runs to Sunday. Anything else I can help with?\n"
        "[00:09] CALLER: No, thanks.\n"
    )
    assert _result(body, "close.reference") == "fail"


def test_a_booking_moved_for_the_caller_is_a_record_changed() -> None:
    body = "[00:05] AGENT: I've moved you to Friday afternoon, between one and four.\n"
    assert _result(body, "close.reference") == "fail"
    offer = (
        "[00:05] AGENT: I could move you to Friday afternoon if that's easier?\n"
        "[00:09] CALLER: No, Thursday is fine.\n"
    )
    assert _result(offer, "close.reference") == "na"


def test_the_today_of_the_more_help_question_is_no_time_for_the_answer() -> None:
    body = (
        "[00:05] AGENT: Sorry, Ann. Our inspector has to see photos first, and he will email "
        "you his decision.\n"
        "[00:09] CALLER: Okay.\n"
        "[00:11] AGENT: Is there anything else I can help you with today?\n"
    )
    assert _result(body, "esc.expert_eta") == "fail"
    timed = body.replace("his decision.", "his decision by Friday.")
    assert _result(timed, "esc.expert_eta") == "pass"


def test_them_as_the_object_of_our_team_is_the_things() -> None:
    body = (
        "[00:05] AGENT: Sorry, Ann. Please email the photos, and our quality team will "
        "review them.\n"
    )
    assert _result(body, "soft.we_not_they") == "pass"
    blame = "[00:05] AGENT: Sorry, Ann. Our packing team messed up, I'll ask them to fix it.\n"
    assert _result(blame, "soft.we_not_they") == "fail"


def _irate(body: str) -> str:
    text = _OPEN.replace("# context: order", "# context: irate, order") + body
    return grade(parse_text(text), load_policy("default")).results["msg.expectation"].result


def test_the_call_is_timed_by_its_own_sentence_not_the_visit_in_the_same_line() -> None:
    body = (
        "[00:05] AGENT: Sorry, Ann. The engineer comes on Thursday next week. My manager will "
        "ring you within the hour.\n"
    )
    assert _irate(body) == "pass"
    late = body.replace("within the hour", "tomorrow")
    assert _irate(late) == "fail"
    # one sentence with two times: the longer still counts, as before
    one = "[00:05] AGENT: Sorry, Ann. My manager will ring you within the hour or tomorrow.\n"
    assert _irate(one) == "fail"


def _restate(caller: str, agent: str) -> str:
    text = (
        "# callsim transcript: 1\n# brand: Acme\n# agent: Dana\n# caller: Ann Lee\n"
        "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?\n"
        f"[00:03] CALLER: Ann Lee. {caller}\n"
        f"[00:05] AGENT: {agent}\n"
    )
    return grade(parse_text(text), load_policy("default")).results["open.restate_reason"].result


def test_a_question_carried_to_the_person_names_the_reason() -> None:
    caller = "Is Mr Patel in? It's about the price of the steel beam on my quote."
    carried = "He's out, but I'll do my best to get your question about the steel beam to him."
    assert _restate(caller, carried) == "pass"
    assert _restate(caller, "He's out, but I'll do my best to get a message to him.") == "fail"


def test_the_means_to_pursue_the_reason_given_is_help() -> None:
    caller = "I'm calling about your card terminal rates, you're paying too much."
    means = (
        "So it's a sales call about card terminal rates. I can't put you through, but I can "
        "give you our general email so you can send the details."
    )
    assert _restate(caller, means) == "pass"
    bare = "I can't put you through, but I can give you our general email so you can write in."
    assert _restate(caller, bare) == "fail"


def test_a_weekday_with_a_clock_time_is_that_day_not_today() -> None:
    from scoring.extract import timeframe_hours

    assert timeframe_hours("I've booked a fitter for Friday at nine.") == 96
    assert timeframe_hours("She'll ring you at nine today, Friday.") == 8
    assert timeframe_hours("She'll ring you back by five.") == 8


def _callback_results(offer: str, reply: str) -> str:
    text = (
        "# callsim transcript: 1\n# brand: Acme\n# agent: Dana\n# caller: Ann Lee\n"
        "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?\n"
        "[00:03] CALLER: Ann Lee. My order came damaged.\n"
        f"[00:05] AGENT: {offer}\n"
        f"[00:09] CALLER: {reply}\n"
    )
    return grade(parse_text(text), load_policy("default")).results["msg.callback_time"].result


def test_a_no_to_the_bad_time_question_keeps_the_callback() -> None:
    offer = "Sorry, Ann. My manager will ring you within the hour. Is there any time that's bad?"
    assert _callback_results(offer, "No, any time, I'm in all day.") == "pass"
    declined = "Sorry, Ann. Would you like my manager to ring you back?"
    assert _callback_results(declined, "No thanks, it's fine.") == "na"


def _empathy(caller: str, agent: str) -> str:
    text = (
        "# callsim transcript: 1\n# brand: Acme\n# agent: Dana\n# caller: Ann Lee\n"
        "[00:00] AGENT: Thank you for calling Acme, this is Dana. May I have your name?\n"
        f"[00:03] CALLER: Ann Lee. {caller}\n"
        f"[00:05] AGENT: {agent}\n"
    )
    return grade(parse_text(text), load_policy("default")).results["soft.empathy"].result


def test_a_thing_wrong_in_degree_is_a_problem() -> None:
    assert _empathy("The blind you fitted is too narrow.", "Let me look at it.") == "fail"
    assert _empathy("The water's too strong since the new filter.", "Let me look.") == "fail"
    assert _empathy("The rain's getting in on the landing.", "Let me look.") == "fail"
    assert _empathy("Is the medium one too small for a ten year old?", "Let me look.") == "na"
    assert _empathy("I love the colour, it is not too bright at all.", "Let me look.") == "na"


def test_sorry_go_on_after_cutting_in_is_no_empathy() -> None:
    caller = "I wanted to ask about the pool, I swim before"
    assert _empathy(caller, "The early lanes? Sorry, carry on.") == "na"


def test_a_promise_already_broken_is_a_problem() -> None:
    late = "It's been in since Monday and I was told it'd be ready yesterday."
    assert _empathy(late, "Let me look.") == "fail"
    ahead = "I was told it'd be ready on Monday, can I collect on Tuesday?"
    assert _empathy(ahead, "Let me look.") == "na"


def test_a_no_to_a_later_question_does_not_decline_the_change() -> None:
    body = (
        "[00:05] AGENT: I've put a credit on your account, and we can refund it too if you like.\n"
        "[00:09] AGENT: Is there anything else I can help with?\n"
        "[00:11] CALLER: No, that's it.\n"
    )
    assert _result(body, "close.reference") == "fail"


def test_where_the_caller_now_stands_and_what_comes_next_is_a_recap() -> None:
    from scoring.items.closing import _states_done_then_next

    recap = "You're on Saturday now in the same room, and the text is coming this afternoon."
    assert _states_done_then_next(recap)
    assert not _states_done_then_next("You're on the waiting list now. Anything else?")
    assert not _states_done_then_next("You're on hold now for a minute while I check.")


def test_a_visit_ahead_in_the_present_is_a_next_step_but_a_missed_one_is_not() -> None:
    from scoring.items.closing import _states_done_then_next

    assert _states_done_then_next("So two gardeners come the week of the ninth for the hedges.")
    assert not _states_done_then_next("So the engineer did not come back, that is awful.")


def test_a_colleagues_say_so_is_a_handoff_but_a_detail_is_not() -> None:
    handoff = (
        "[00:05] AGENT: Sorry, Ann. I need the transport planner to confirm the driver. I'll "
        "ring you back within the hour with it confirmed.\n"
    )
    assert _result(handoff, "esc.expert_eta") == "pass"
    detail = (
        "[00:05] AGENT: Sorry, Ann. I need the postcode to confirm the address. I'll ring you "
        "back within the hour with a slot.\n"
    )
    assert _result(detail, "esc.expert_eta") == "na"

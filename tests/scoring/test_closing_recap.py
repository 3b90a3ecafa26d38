"""close.summarize's closing rule: a statement of a thing done and what happens next (issue 17).

In the agent's last lines, a sentence that says what was done and then what happens next
(or, opening with "so", the next step and then what was done) is the closing summary,
however it is worded; a question, or a thing done with no next step, is not.
"""

from __future__ import annotations

import pytest

from scoring.items.closing import _states_done_then_next

RECAPS = [
    "That's the data add-on cancelled from today, and you won't be billed for it again.",
    "So you'll get the new card in five to seven days, and the old one's already blocked.",
    "So the refund of forty pounds is on its way back to your card, three to five days.",
    "So that's it: no more add-on, and your bill goes back to twenty pounds.",
    "Thanks. I've placed the replacement order and it ships tomorrow. Anything else?",
    "Okay so, Milo's stitches come out Friday at ten with Sarah, and the cone stays on till then.",
    "Right so, the reading's in and the bill's being redone, you should have it by Friday.",
    "Alright, so your cleaning's Tuesday the ninth at two-thirty, and a reminder text goes out.",
    "Okay, the cheque's been stopped, and a new one goes out in the post tomorrow.",
    "Great, the driver's been told, he'll knock next time.",
    "Okay Mrs Chen, your appointment's now Wednesday at three, and the reminder will update.",
    # gaps9: the arrangement listed with no verb, then the step ahead; a "then" opener
    "Perfect. Thursday morning, engineer Dave, new door seal. He'll ring you half an hour before.",
    "Right then: Saturday at eleven, Lymington Yacht Haven, pontoon D. Simon will meet you there.",
]
NOT_RECAPS = [
    "Right, that's all sorted for you!",
    "I've logged your complaint about the driver.",
    "So the extra charge was our mistake.",
    "The refund was sent on Monday, will you be in tomorrow to check?",
    "Is there anything else I can help with?",
    "So sorry again for the mix-up, I'll let you go now.",
    "So if anything changes before Friday, just give us a ring tomorrow.",
    "So the parcel was due last Tuesday and it never turned up.",
    "So the engineer should have come yesterday and nobody rang you.",
    "So you'll be in tomorrow for the engineer then?",
    "Okay, that's done for you now. Bye!",
    "So I'm afraid there's nothing more I can do today.",
    "So it's been a pleasure speaking with you today.",
    "So you're welcome to ring back anytime this week.",
    # gaps9: days listed as bad news; filler around a day; news of someone's absence
    "Monday, Tuesday, Wednesday, all full, sorry. Try ringing back on Friday.",
    "Right, so, um, Thursday. Anything else?",
    "Right, so Mr Okoro's not available, he's out on a test until about half three.",
]


@pytest.mark.parametrize("text", RECAPS)
def test_a_thing_done_and_what_happens_next_is_a_recap(text: str) -> None:
    assert _states_done_then_next(text)


@pytest.mark.parametrize("text", NOT_RECAPS)
def test_no_next_step_or_a_question_is_no_recap(text: str) -> None:
    assert not _states_done_then_next(text)

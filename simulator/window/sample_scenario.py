"""A scenario built in code, so the window can be tried (and tested) before any YAML loads.

It follows the public example call (spec example 01): a wrong planter, a hold to check the
stock, and a colleague in the directory to consult or transfer to. The shipped YAML
scenarios replace it in the start screen as soon as a loader finds them.
"""

from __future__ import annotations

from types import MappingProxyType

from simulator.scenario.model import Caller, Contact, Mistake, Scenario, Step

SAMPLE = Scenario(
    id="window-sample",
    title="Wrong planter delivered",
    brand="Fernwood Garden Supply",
    agent="Carla",
    difficulty="easy",
    summary="A calm customer received the wrong planter size.",
    tags=("order problem",),
    context=frozenset({"order"}),
    ticket_id="FG-1188",
    caller=Caller(
        name="James Whitford",
        title="Mr.",
        phone="614-555-0193",
        email="jwhitford@lakemail.com",
        id_number="FG772014",
        orders=("FG772014",),
        patience=80,
        wants="transfer",
    ),
    history=(
        "03/02 ordered the large terracotta planter (FG772014).",
        "03/09 delivered; signed for by J. Whitford.",
    ),
    directory=(
        Contact("110", "Carol Baines", "Returns"),
        Contact("214", "Dev Patel", "Warehouse", "voicemail"),
        Contact("101", "Irene Soto", "Supervisor"),
    ),
    lines=MappingProxyType(
        {
            "reason": (
                "Hi, I got my planter delivery yesterday and it's the wrong one. I ordered the "
                "large terracotta and got the small.",
            ),
            "give_id": ("Order F G 7 7 2 0 1 4.",),
        }
    ),
    script=(
        Step(
            "Good morning, thank you for calling {brand}, this is {agent}. How can I help you "
            "today?",
            mistakes=(Mistake("Yep, hello?", frozenset({"open.thank_for_calling"})),),
        ),
        Step(
            "I'm sorry you received the wrong size. I'd be happy to get the large terracotta "
            "planter sent out to you. May I have your name, please?",
            mistakes=(Mistake("Okay. Name?", frozenset({"soft.empathy"})),),
        ),
        Step(
            "Thank you, {caller.address}. May I have the order number, please?",
            mistakes=(Mistake("/skip", frozenset({"open.verify_account"})),),
        ),
        Step(
            "If we get disconnected, what's the best number to call you back on?",
            mistakes=(Mistake("/skip", frozenset({"hold.callback_number"})),),
        ),
        Step(
            "May I place you on a brief hold while I check that the large terracotta is in stock?",
            mistakes=(Mistake("/hold", frozenset({"hold.ask_permission"})),),
        ),
        Step("/hold"),
        Step("/resume"),
        Step(
            "Thank you for holding, {caller.address}. I've placed a replacement order at no "
            "charge and it ships tomorrow.",
            mistakes=(Mistake("Okeydokey, it ships tomorrow.", frozenset({"soft.no_jargon"})),),
        ),
        Step("/ticket"),
        Step(
            "Your case number is {ticket_id}. To recap: your large planter ships tomorrow and "
            "I'll email you a summary. Is there anything else I can help you with today?",
        ),
        Step("/note Wrong size planter; replacement ships tomorrow; case FG-1188."),
        Step("/email summary of the replacement order"),
        Step("Thank you for calling {brand}, have a great day."),
    ),
)

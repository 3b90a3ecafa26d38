"""Shared fixtures: the shipped scenarios, and a small scenario built in code."""

from __future__ import annotations

import pytest

from simulator.scenario import Scenario, load_all
from simulator.scenario.model import Caller, Contact, Step

#: The shipped scenarios that load (one that does not fails `test_every_shipped_scenario_validates`
#: without stopping the other tests from being collected).
SHIPPED: list[Scenario] = load_all()[0]
SHIPPED_IDS = [s.id for s in SHIPPED]


@pytest.fixture
def tiny() -> Scenario:
    return Scenario(
        id="tiny",
        title="Tiny",
        brand="Acme",
        caller=Caller(
            name="Maria Lopez",
            title="Ms.",
            id_number="5521907",
            phone="555-0100",
            email="maria@example.com",
            mood="annoyed",
            patience=50,
        ),
        context=frozenset({"order"}),
        lines={"reason": ("My order came in the wrong color.",)},
        directory=(
            Contact("4410", "Carol Reyes", "Billing", "answered"),
            Contact("4420", "Greg Lyons", "Shipping", "voicemail"),
        ),
        history=("Nov 12: called about the color; exchange promised.",),
        script=(Step("Thank you for calling {brand}, this is {agent}. May I have your name?"),),
    )

"""What to practise next: most important first, never a call where the mistake is right."""

from __future__ import annotations

from simulator.advice import drills, practise_next
from simulator.autoplay import mistake_moves
from simulator.engine import CallEngine
from simulator.frontend.base import run_call
from simulator.frontend.headless import HeadlessFrontend
from simulator.scenario.library import load_all
from simulator.session import grade_file, policy_params


def _play_and_grade(scenario, moves, tmp_path):  # type: ignore[no-untyped-def]
    from scoring.writer import TranscriptWriter

    pack, params = policy_params(scenario.policy)
    path = tmp_path / "call.txt"
    engine = CallEngine(scenario, seed=1, params=params)
    with TranscriptWriter(path, engine.headers) as writer:
        engine = CallEngine(scenario, seed=1, params=params, on_line=writer.write)
        run_call(engine, HeadlessFrontend(moves))
    return grade_file(path, pack)


def test_a_wrongly_transferred_spam_call_is_never_sent_to_a_transfer_call(tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = load_all()[0]
    spam = next(s for s in library if s.id == "spam-listing-verification")
    step, mistake = next(
        (i, j)
        for i, st in enumerate(spam.script)
        for j, m in enumerate(st.mistakes)
        if m.agent.startswith("/transfer")
    )
    card = _play_and_grade(spam, mistake_moves(spam, step, mistake), tmp_path)
    assert "xfer.screened" in card.critical_failures
    tips = practise_next(card, spam, library=library)
    assert tips[0].startswith("Screen before you transfer")  # the critical item first
    named = [t.rsplit("callsim play ", 1)[1] for t in tips]
    kinds = {s.id: set(s.context) for s in library}
    for sid in named:
        assert "transfer_ok" not in kinds[sid], (sid, tips)


def test_drills_keep_to_the_same_kind_of_call() -> None:
    library = load_all()[0]
    family = next(s for s in library if s.id == "family-emergency-transfer")
    found = drills("xfer.warm", family, library)
    assert found[-1] == family.id  # retrying the call itself is the last resort
    for sid in found:
        other = next(s for s in library if s.id == sid)
        assert set(other.context) - {"order", "documentation"} == {"transfer_ok"}

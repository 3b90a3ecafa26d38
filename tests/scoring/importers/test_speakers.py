"""Speaker mapping: --agent-speaker, role words, what is said; refusals that name the fix."""

from __future__ import annotations

from tests.scoring.importers.conftest import Reader, Refusal, rows

TWO = "start,speaker,text\n0,Ana,Hello?\n1,Ben,Hi, this is Ben.\n2,Ana,Okay.\n"


def test_agent_speaker_names_the_agent_case_and_spaces_ignored(read: Reader) -> None:
    t = read(TWO, "two.csv", agent_speaker=" ben ")
    assert [r[1] for r in rows(t)] == ["CALLER", "AGENT", "CALLER"]
    assert (t.agent, t.caller) == ("Ben", "Ana")


def test_an_unknown_agent_speaker_lists_the_speakers(refused: Refusal) -> None:
    err = refused(TWO, "two.csv", agent_speaker="Dana")
    assert "'dana' is not a speaker" in err.message
    assert "'Ana', 'Ben'" in err.message


def test_undecidable_speakers_are_refused_naming_the_option(refused: Refusal) -> None:
    err = refused(TWO, "two.csv")
    assert "cannot tell which speaker is the agent" in err.message
    assert "--agent-speaker 'Ana'" in err.message


def test_a_role_word_on_one_side_makes_the_other_side_the_caller(read: Reader) -> None:
    text = "start,speaker,text\n0,Agent Dana,Hello?\n1,Maria Lopez,Hi.\n"
    t = read(text, "c.csv")
    assert [r[1] for r in rows(t)] == ["AGENT", "CALLER"]
    assert (t.agent, t.caller) == ("Dana", "Maria Lopez")


def test_the_agent_is_who_greets_and_asks_even_when_the_caller_speaks_first(read: Reader) -> None:
    text = (
        "start,speaker,text\n"
        "0,spk_0,Hello? Hello?\n"
        "1,spk_1,Good morning, you've reached Harbor Bank. May I have your name?\n"
        "4,spk_0,It's Tom. I was charged twice on my card.\n"
        "8,spk_1,Can I place you on a brief hold while I check?\n"
    )
    assert [r[1] for r in rows(read(text, "c.csv"))] == ["CALLER", "AGENT", "CALLER", "AGENT"]


def test_three_speakers_without_roles_need_agent_speaker(read: Reader, refused: Refusal) -> None:
    text = TWO + "3,Cy,Transferring you now.\n4,Cy,Bye.\n"
    assert "3 speakers" in refused(text, "three.csv").message
    assert [r[1] for r in rows(read(text, "three.csv", agent_speaker="Ben,Cy"))] == [
        "CALLER", "AGENT", "CALLER", "AGENT", "AGENT",
    ]  # fmt: skip


def test_one_speaker_is_not_a_call(refused: Refusal) -> None:
    err = refused("start,speaker,text\n0,spk_0,Hello.\n1,spk_0,Thanks for calling.\n", "one.csv")
    assert "only one speaker" in err.message


def test_every_turn_empty_is_no_speech(refused: Refusal) -> None:
    err = refused("start,speaker,text\n0,Agent,\n1,Customer,  \n", "empty.csv")
    assert "no speech" in err.message


def test_customer_service_is_the_company_and_letters_are_not_names(read: Reader) -> None:
    text = "start,speaker,text\n0,Customer Service,Hello.\n1,Caller,Hi.\n"
    assert [r[1] for r in rows(read(text, "cs.csv"))] == ["AGENT", "CALLER"]
    letters = "start,speaker,text\n0,A,Thanks for calling Nimbus, how can I help?\n1,B,Hi.\n"
    t = read(letters, "ab.csv")
    assert [r[1] for r in rows(t)] == ["AGENT", "CALLER"]
    assert "agent" not in t.headers
    assert "caller" not in t.headers

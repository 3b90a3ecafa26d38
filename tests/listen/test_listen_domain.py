import pytest

from simulator.listen.domain import (
    DomainTerms,
    corpus_lines,
    domain_sentences,
    expand_template,
    fill_once,
    load_scenario_terms,
    terms_from_scenario,
)

SCENARIO = {
    "brand": "CAM Credit Union",
    "agent": "Dwayne",
    "ticket_id": "CU-40922",
    "caller": {"name": "Patricia Owens", "title": "Ms.", "phone": "330-555-0116",
               "id_number": "6177023"},
    "directory": [{"ext": "3302", "name": "Daniel Kim", "dept": "Member Success"}],
    "script": [
        "Thank you for calling {brand}, this is {agent}.",
        "/hold",
        {"agent": "Thank you for holding, {caller.address}.",
         "mistakes": [{"agent": "Sorry about the wait.", "fails": ["hold.thank_on_return"]}]},
    ],
}  # fmt: skip


def test_scenario_terms_follow_the_scenario_format():
    terms = terms_from_scenario(SCENARIO)
    assert terms.brand == ("CAM Credit Union",)
    assert terms.caller == ("Patricia Owens",)
    assert terms.person == ("Daniel Kim",)
    assert terms.ext == ("3302",)
    assert "330-555-0116" in terms.number
    assert terms.responses == (
        "Thank you for calling CAM Credit Union, this is Dwayne.",
        "Thank you for holding, miss Owens.",
        "Sorry about the wait.",
    )


@pytest.mark.parametrize(
    "hostile",
    [None, [], "text", 42, {"caller": "Bob"}, {"directory": "x"}, {"script": [None, 3, {}]},
     {"brand": ["a"], "agent": {"name": 1}}],
)  # fmt: skip
def test_odd_scenarios_narrow_the_model_instead_of_failing(hostile):
    assert isinstance(terms_from_scenario(hostile), DomainTerms)


def test_unreadable_scenario_file_is_a_value_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("brand: [unclosed\n")
    with pytest.raises(ValueError, match="cannot read scenario"):
        load_scenario_terms(bad)


def test_templates_are_filled_with_scenario_names_and_spoken_numbers():
    lines = expand_template("transferring you to {person} at {ext}", terms_from_scenario(SCENARIO))
    assert "transferring you to Daniel Kim at three thousand three hundred two" in lines
    assert "transferring you to Daniel at three three zero two" in lines


def test_without_a_scenario_slots_take_the_catalogue_examples():
    assert expand_template("thanks for calling {brand}", DomainTerms())[0] == (
        "thanks for calling acme"
    )


def test_domain_sentences_include_names_and_scenario_lines():
    words = {w for s in domain_sentences(terms_from_scenario(SCENARIO)) for w in s}
    assert {"owens", "dwayne", "cam", "kim", "holding"} <= words


def test_corpus_lines_are_sentences_with_known_slots_only(tmp_path):
    (tmp_path / "a.txt").write_text(
        "# a comment\nThanks, {caller}. How can I help?\n\n  Bear with me.  \n", "utf-8"
    )
    assert corpus_lines(tmp_path) == ["Thanks, {caller}.", "How can I help?", "Bear with me."]
    known = {"brand", "agent", "caller", "person", "dept", "ext", "number", "item"}
    import re

    used = {slot for line in corpus_lines() for slot in re.findall(r"\{(\w+)\}", line)}
    assert used <= known, used - known
    assert len(corpus_lines()) > 2000


def test_corpus_slots_rotate_through_the_scenario_values():
    terms = terms_from_scenario(SCENARIO).merged(DomainTerms(agent=("Lee",)))
    filled = {fill_once("this is {agent}", terms, n) for n in range(4)}
    assert filled == {"this is Dwayne", "this is Lee"}
    assert fill_once("calling {brand} for {caller}", terms, 0) == (
        "calling CAM Credit Union for Patricia Owens"
    )


def test_the_corpus_reaches_the_language_model_with_the_scenario_names():
    sentences = {" ".join(s) for s in domain_sentences(terms_from_scenario(SCENARIO))}
    assert "thank you for calling cam credit union this is dwayne" in sentences
    assert not any("{" in s for s in sentences)


def test_phrasing_examples_are_parsed_once_per_version_of_the_file(tmp_path):
    import os

    from simulator.listen import domain

    folder = tmp_path / "phrasing"
    folder.mkdir()
    path = folder / "agent.yaml"
    path.write_text("items:\n  a:\n    examples: [Thanks for holding.]\n", encoding="utf-8")
    domain._file_examples.cache_clear()
    assert list(domain._phrasing_yaml_examples(folder)) == ["Thanks for holding."]
    assert list(domain._phrasing_yaml_examples(folder)) == ["Thanks for holding."]
    assert domain._file_examples.cache_info().hits == 1
    path.write_text("items:\n  a:\n    examples: [Sorry for the wait, Ta.]\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # an edit is seen even within the clock's resolution
    assert list(domain._phrasing_yaml_examples(folder)) == ["Sorry for the wait", "Ta."]
    path.write_text("items: [unclosed\n", encoding="utf-8")
    assert list(domain._phrasing_yaml_examples(folder)) == []

"""The topics file (scoring/phrasing/topics.yaml): its worked pairs, and bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.call import content_stems
from scoring.normalise import normalise
from scoring.topics import TopicsError, load_topics, topics


def _shared(reason: str, reply: str) -> set[str]:
    known = topics()
    about = known.of(content_stems(reason), normalise(reason))
    return known.named(about, content_stems(reply), normalise(reply))


@pytest.mark.parametrize(("reason", "reply"), topics().examples)
def test_example_pairs_share_a_topic(reason: str, reply: str) -> None:
    assert _shared(reason, reply), f"no topic shared: {reason!r} / {reply!r}"


@pytest.mark.parametrize(("reason", "reply"), topics().counter_examples)
def test_counter_example_pairs_share_none(reason: str, reply: str) -> None:
    assert not _shared(reason, reply), f"a topic shared: {reason!r} / {reply!r}"


def test_shipped_topics_load_with_words_and_phrases() -> None:
    known = topics()
    assert len(known.names) >= 10
    assert known.phrases
    assert known.examples
    assert known.counter_examples


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("nothing: here\n", "expected a mapping with 'topics'"),
        ("topics:\n  power: {}\n", "topic power: needs 'words'"),
        ("topics:\n  power:\n    words: power\n    phrases: ['']\n", "non-empty"),
        ("topics:\n  power:\n    words: power\nexamples: [[a]]\n", "pairs"),
        ("topics: [\n", "topics.yaml"),
        ("topics:\n  a:\n    words: bill\n  b:\n    words: bills\n", "also in topic a"),
    ],
)
def test_bad_file_is_refused_with_its_name(tmp_path: Path, body: str, fragment: str) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TopicsError) as err:
        load_topics(path)
    assert fragment in str(err.value)

"""How a graded call's item results become FSRS review ratings (docs/decisions.md).

Each graded call is one review of every item it was graded on:

- `fail` -> Again (the item is relearned: it comes back soon);
- `pass` when the trainee's previous review of that item was a fail -> Hard
  (recovered, not yet secure);
- `pass` while another item of the same section failed in the call -> Good;
- `pass` with nothing failed in its section -> Easy;
- `na` -> no review (the call did not exercise the item).
"""

from __future__ import annotations

from collections.abc import Mapping

from fsrs import Rating


def section(item: str) -> str:
    """An item's section: the part of its id before the dot (`hold.max_segment` -> `hold`)."""
    return item.split(".", 1)[0]


def rate_call(results: Mapping[str, str], last: Mapping[str, Rating]) -> dict[str, Rating]:
    """The rating of each item the call exercised; `last` is each item's previous rating."""
    failed_sections = {section(i) for i, r in results.items() if r == "fail"}
    out: dict[str, Rating] = {}
    for item, result in results.items():
        if result == "fail":
            out[item] = Rating.Again
        elif result != "pass":
            continue
        elif last.get(item) == Rating.Again:
            out[item] = Rating.Hard
        elif section(item) in failed_sections:
            out[item] = Rating.Good
        else:
            out[item] = Rating.Easy
    return out

"""A problem found in a scenario file, printed as `FILE:LINE:COL: message (hint: ...)`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from scoring.literal import printable


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """One line, shown literally: escapes in a file name or a quoted value stay escaped."""
        tail = f" (hint: {self.hint})" if self.hint else ""
        return printable(f"{self.path}:{self.line}:{self.column}: {self.message}{tail}")


class ScenarioError(ValueError):
    """A scenario that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""

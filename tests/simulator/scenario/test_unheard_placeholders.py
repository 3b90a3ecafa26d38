"""A line that names something the caller never hears in its situation would never be said:
validate refuses it (red team 3: "will_do: ok {heard.option}" left the caller silent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main

SHIPPED = Path(__file__).resolve().parents[3] / "scenarios" / "person-unavailable.yaml"


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ('  will_do: "ok {heard.option}"\n', False),
        ('  goodbye: "Thanks. {heard.correction}"\n', False),
        ('  choose_option: "{heard.option}, please."\n', True),
        ('  accept_offer: "{heard.timeframe}? Great, thank you."\n', True),  # a time, any line
    ],
)
def test_a_heard_value_only_where_it_is_heard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, ok: bool
) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("lines:\n", "lines:\n" + line, 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == (0 if ok else 1)
    out = capsys.readouterr().out
    assert ("is never heard when the caller says" in out) is not ok

"""A store whose text is not UTF-8 (another program wrote bytes into a text column).

Found by the fifth red team: SQLite keeps any bytes in a TEXT column, and Python cannot
read them back as text. `history`, `trainees` and `override` said so in one line, but
`export csv`, `export xapi` and `report --team` ended in a SQLAlchemy traceback of 20
lines quoting the query. Every command now says it in one line naming the store and the
column, and what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.cli import main

EXAMPLE = Path(__file__).resolve().parents[3] / "shared/spec/examples"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the module (the commands only read it)."""
    db = tmp_path_factory.mktemp("damage") / "records.sqlite"
    call = EXAMPLE / "01-clean-excellent-call-with-hold.txt"
    argv = ["grade", str(call), "--record", "--trainee", "Ann Lee", "--team", "Blue"]
    assert main([*argv, "--db", f"sqlite:///{db}"]) == 0
    with sqlite3.connect(db) as c:
        c.execute("UPDATE trainees SET name = CAST(x'416e6e20ff4c6565' AS TEXT)")  # 'Ann \xffLee'
    c.close()
    return db


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "csv"],
        ["export", "xapi"],
        ["report", "--team", "Blue"],
        ["history"],
        ["trainees", "--json"],
    ],
)
def test_text_that_is_not_utf8_in_the_store_is_one_line(
    argv: list[str], store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    status = main(
        [
            *argv,
            "--db",
            f"sqlite:///{store}",
            *(["--out", str(tmp_path / "r.html")] if argv[0] == "report" else []),
        ]
    )
    out, err = capsys.readouterr()
    assert status == 2, (out, err)
    assert err.count("\n") == 1, err
    assert err.startswith(f"callsim {argv[0]}"), err
    assert f"the store {store} is damaged: trainees.name holds text that is not UTF-8" in err, err
    assert "SELECT" not in err

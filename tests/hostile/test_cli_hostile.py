"""Every command against hostile files, as real subprocesses with time and memory limits.

For each command (grade, validate, scenarios, play --autoplay, transcribe,
convert) the corpus of `corpus.py` is handed over the way a user would: a
folder where the command takes folders (one subprocess for all of it), else
file by file through `drive.py` (one subprocess, the command run once a
file). What must hold for every file: the exit status README promises, a
one-line message naming the file when it is refused, no "Traceback", no
line of another file (/etc/passwd) in any output, no terminal escape
reaching the terminal, and the whole run within a time and memory bound.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.literal import unicode_safe
from tests.conftest import ROOT
from tests.hostile.corpus import (
    COMMON,
    ESC,
    PASSWD_LINE,
    TRANSCRIPT_ONLY,
    WAV_ONLY,
    YAML_ONLY,
    Case,
    build,
)

#: Address space for one run: the program needs about 0.4 GiB; defect 8 grew to 2.6 GB.
MEMORY_LIMIT = 1536 * 1024 * 1024
#: Seconds a whole run may take, and one file within a driven run.
RUN_TIMEOUT = 120
FILE_TIMEOUT = 20


def _limits() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "XDG_DATA_HOME": str(tmp / "data"),
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "OPENBLAS_NUM_THREADS": "1",  # each BLAS thread reserves address space
            "OMP_NUM_THREADS": "1",
            "COLUMNS": "100",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def run_cli(args: list[str], tmp: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    """`callsim ARGS` in a fresh process, bounded in time and memory."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    return subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", "simulator.cli", *args],
        text=True,
        errors="replace",
        timeout=RUN_TIMEOUT,
        preexec_fn=_limits,
        env=_env(tmp),
        cwd=tmp,
        check=False,
        **streams,
    )


def drive(template: list[str], files: list[str], tmp: Path) -> list[tuple[str, str, str]]:
    """The command once a file, in one bounded process: (status, stdout, stderr) a file."""
    out = tmp / f"drive-{template[0]}"
    out.mkdir()
    cmd = [sys.executable, str(ROOT / "tests/hostile/drive.py"), str(out), str(FILE_TIMEOUT)]
    done = subprocess.run(
        [*cmd, "--", *template, "--", *files],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=RUN_TIMEOUT + FILE_TIMEOUT * 2,
        preexec_fn=_limits,
        env=_env(tmp),
        cwd=tmp,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [
        tuple(  # type: ignore[misc]
            (out / f"{n}.{part}").read_text(encoding="utf-8", errors="replace")
            for part in ("status", "out", "err")
        )
        for n in range(len(files))
    ]


def _as_root() -> bool:
    return os.geteuid() == 0  # root reads a chmod-000 file: "unreadable" is readable


def _refused(case: Case) -> bool:
    return case.refused and not (case.name == "unreadable" and _as_root())


def check_clean(text: str, where: str) -> None:
    assert "Traceback" not in text, f"{where}: traceback\n{text[-3000:]}"
    assert PASSWD_LINE not in text, f"{where}: quotes /etc/passwd"


def check_named_once(err: str, path: str, where: str) -> None:
    """Some one line of the message names the file (by its name; paths may be shortened)."""
    name = Path(path).name
    assert any(name in line for line in err.splitlines()), f"{where}: file not named\n{err}"


def check_file_run(status: str, out: str, err: str, path: str, case: Case, ok: set[str]) -> None:
    where = f"{Path(path).name}"
    assert status not in ("timeout", "exception"), f"{where}: {status}\n{err[-3000:]}"
    check_clean(out + err, where)
    assert ESC not in out + err, f"{where}: a raw escape sequence reached the terminal"
    if _refused(case):
        assert status in ok - {"0"}, f"{where}: status {status}, expected one of {ok - {'0'}}"
        check_named_once(out + err, path, where)


# ---------------------------------------------------------------- grade


@pytest.fixture(scope="module")
def transcripts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    folder = tmp_path_factory.mktemp("hostile") / "calls"
    cases = build(folder, COMMON + TRANSCRIPT_ONLY, ".txt")
    # a folder named like a transcript is a folder: its calls are graded, not skipped
    # (an empty one, "folder.txt" of COMMON, is "no transcripts found in" it)
    inner = folder / "more.txt" / "inside.txt"
    inner.parent.mkdir()
    TRANSCRIPT_ONLY[0].build(inner)
    cases[str(inner)] = TRANSCRIPT_ONLY[0]
    # rich markup in a path ("x[/]y.txt"): a name, not markup (defect 4)
    (folder / "x[").mkdir()
    markup = folder / "x[" / "]y.txt"
    TRANSCRIPT_ONLY[0].build(markup)
    cases[str(markup)] = TRANSCRIPT_ONLY[0]
    return folder, cases


def test_grade_folder_json_lists_every_file_and_closes(
    transcripts: tuple[Path, dict[str, Case]], tmp_path: Path
) -> None:
    folder, cases = transcripts
    done = run_cli(["grade", "--json", str(folder)], tmp_path)
    check_clean(done.stdout + done.stderr, "grade --json")
    assert done.returncode == 2  # README: 2 when any file could not be read or parsed
    results = {r["file"]: r for r in json.loads(done.stdout)}  # the array is closed
    # an empty folder lists nothing; a name that is not UTF-8 is shown with \xff escapes
    listed = {unicode_safe(p): p for p in cases if Path(p).name != "folder.txt"}
    assert set(results) == set(listed)
    for shown, result in results.items():
        path = listed[shown]
        case = cases[path]
        if _refused(case):
            assert "error" in result, f"{path} was graded"
            assert "\n" not in result["error"]
            assert result["error"].startswith(path)
            assert len(result["error"]) < 400 + len(path), result["error"]
        elif case.name != "unreadable":
            assert "score" in result, result


def test_grade_each_file_alone(transcripts: tuple[Path, dict[str, Case]], tmp_path: Path) -> None:
    _, cases = transcripts
    files = sorted(cases)
    for path, (status, out, err) in zip(
        files, drive(["grade", "{}"], files, tmp_path), strict=True
    ):
        check_file_run(status, out, err, path, cases[path], {"0", "2"})
        if not _refused(cases[path]) and cases[path].name != "unreadable":
            assert status == "0", f"{path}: {err}"
            assert "/ 100" in out  # the scorecard


def test_grade_summary_has_a_row_for_every_file(
    transcripts: tuple[Path, dict[str, Case]], tmp_path: Path
) -> None:
    folder, cases = transcripts
    done = run_cli(["grade", "--summary", str(folder)], tmp_path)
    check_clean(done.stdout + done.stderr, "grade --summary")
    assert done.returncode == 2
    assert ESC not in done.stdout
    for path in cases:
        if Path(path).name != "folder.txt":
            name = unicode_safe(Path(path).name)
            assert name in done.stdout, f"no summary row for {path}"


def test_grade_a_full_disk_is_one_line(tmp_path: Path) -> None:
    call = build(tmp_path / "c", TRANSCRIPT_ONLY[:1], ".txt")
    with open("/dev/full", "w") as full:
        done = run_cli(["grade", "--json", *call], tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "cannot write" in done.stderr
    assert "Traceback" not in done.stderr


def test_grade_with_hostile_policy_packs(
    scenarios: tuple[Path, dict[str, Case]], tmp_path: Path
) -> None:
    """`--policy FILE` over the YAML corpus, plus packs whose `extends:` points out of
    their folder or round in a cycle: one line naming the pack, status 2, nothing quoted."""
    cases = dict(scenarios[1])  # the fixture's dict is shared with the scenario tests
    packs = tmp_path / "packs"
    packs.mkdir()
    extra = {
        "passwd": "name: p\nextends: /etc/passwd\n",
        "up": "name: p\nextends: ../../../../../etc/passwd\n",
        "cycle-a": "name: a\nextends: cycle-b\n",
        "cycle-b": "name: b\nextends: cycle-a.yaml\n",
    }
    for name, text in extra.items():
        (packs / f"{name}.yaml").write_text(text, encoding="utf-8")
        cases[str(packs / f"{name}.yaml")] = Case(name, lambda p: None)
    call = next(iter(build(tmp_path / "c", TRANSCRIPT_ONLY[:1], ".txt")))
    files = sorted(cases)
    template = ["grade", "--json", "--policy", "{}", call]
    for path, (status, out, err) in zip(files, drive(template, files, tmp_path), strict=True):
        check_file_run(status, out, err, path, cases[path], {"0", "2"})
        assert err.count("\n") <= 1, err


@pytest.mark.slow
def test_grade_interrupted_leaves_a_valid_array(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the process group, workers too) mid-folder: exit 130, one line,
    no worker tracebacks, and the calls graded so far as a closed JSON array."""
    import signal

    folder = tmp_path / "many"
    paths = build(folder, TRANSCRIPT_ONLY[:1], ".txt")
    text = Path(next(iter(paths))).read_bytes()
    for n in range(1500):
        (folder / f"c{n:04d}.txt").write_bytes(text)
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", "grade", "--json", "--jobs", "2", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
        cwd=tmp_path,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        bufsize=0,  # unbuffered pipes: every byte read below is one communicate() sees too
    )
    assert proc.stdout is not None
    head = proc.stdout.read(4096)  # the first graded calls are out: interrupt mid-way
    os.killpg(proc.pid, signal.SIGINT)
    rest, err = proc.communicate(timeout=RUN_TIMEOUT)
    graded = json.loads(head + rest)
    assert proc.returncode == 130
    assert 0 < len(graded) < 1501
    assert err.decode().strip() == "callsim: interrupted"


@pytest.mark.parametrize("jobs", ["0", "1000000", "lots"])
def test_grade_jobs_is_bounded(jobs: str, tmp_path: Path) -> None:
    done = run_cli(["grade", "--jobs", jobs, "x.txt"], tmp_path)
    assert done.returncode == 2
    assert "--jobs" in done.stderr
    check_clean(done.stderr, "grade --jobs")


# ---------------------------------------------------------------- convert


def test_convert_each_file(transcripts: tuple[Path, dict[str, Case]], tmp_path: Path) -> None:
    if not (ROOT / "simulator/commands/convert.py").exists():
        pytest.skip("no convert command")
    _, cases = transcripts
    files = sorted(cases)
    for path, (status, out, err) in zip(
        files, drive(["convert", "{}"], files, tmp_path), strict=True
    ):
        case = cases[path]
        # convert refuses what cannot be read; a policy header or a call with nothing said
        # is for the grader to judge, and a caller's words come back as written
        if case not in COMMON and case.name != "big-time":
            case = Case(case.name, case.build, refused=False)
        check_file_run(status, "", err, path, case, {"0", "2"})
        check_clean(out, path)


# ---------------------------------------------------------------- scenarios: validate, list, play


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    folder = tmp_path_factory.mktemp("hostile") / "scenarios"
    return folder, build(folder, COMMON + YAML_ONLY, ".yaml")


def test_validate_folder(scenarios: tuple[Path, dict[str, Case]], tmp_path: Path) -> None:
    folder, cases = scenarios
    done = run_cli(["validate", str(folder)], tmp_path)
    check_clean(done.stdout + done.stderr, "validate")
    assert ESC not in done.stdout + done.stderr
    assert done.returncode == 1, done.stderr
    for path, case in cases.items():
        if _refused(case) and case.name != "folder":
            check_named_once(done.stdout + done.stderr, path, f"validate {case.name}")


def test_scenarios_dir(scenarios: tuple[Path, dict[str, Case]], tmp_path: Path) -> None:
    folder, cases = scenarios
    done = run_cli(["scenarios", "--scenario-dir", str(folder)], tmp_path)
    check_clean(done.stdout + done.stderr, "scenarios")
    assert ESC not in done.stdout + done.stderr
    assert done.returncode == 1
    for path, case in cases.items():
        if _refused(case) and case.name != "folder":
            check_named_once(done.stderr, path, f"scenarios {case.name}")


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["scenarios", "--scenario-dir"],
        ["scenarios", "--json", "--scenario-dir"],
    ],
)
def test_a_scenario_name_that_is_not_utf8(command: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios/irate-double-charge.yaml", folder / "x\udcff.yaml")
    done = run_cli([*command, str(folder)], tmp_path)
    check_clean(done.stdout + done.stderr, " ".join(command))
    assert done.returncode == 0, done.stderr


def test_scenarios_missing_dir_is_one_line(tmp_path: Path) -> None:
    done = run_cli(["scenarios", "--scenario-dir", str(tmp_path / "nope")], tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "nope" in done.stderr
    check_clean(done.stderr, "scenarios --scenario-dir")


@pytest.mark.slow
def test_play_bad_scenarios(scenarios: tuple[Path, dict[str, Case]], tmp_path: Path) -> None:
    _, cases = scenarios
    files = sorted(cases)
    template = ["play", "{}", "--autoplay", "ideal", "--ui", "terminal", "--voice", "off"]
    for path, (status, out, err) in zip(files, drive(template, files, tmp_path), strict=True):
        check_file_run(status, out, err, path, cases[path], {"0", "1", "2"})


@pytest.mark.slow
def test_play_bad_autoplay_scripts(tmp_path: Path) -> None:
    # brackets are words a trainee may type: only the file faults must be refused
    scripts = [c for c in COMMON if c.name != "deep"]
    cases = build(tmp_path / "scripts", scripts, ".moves")
    files = sorted(cases)
    template = ["play", "--autoplay", "{}", "--ui", "terminal", "--voice", "off"]
    for path, (status, out, err) in zip(files, drive(template, files, tmp_path), strict=True):
        check_file_run(status, out, err, path, cases[path], {"1", "2"})


# ---------------------------------------------------------------- transcribe


@pytest.mark.slow
def test_transcribe_bad_recordings(tmp_path: Path) -> None:
    cases = build(tmp_path / "wavs", COMMON + WAV_ONLY, ".wav")
    cases[str(tmp_path / "wavs" / "missing.wav")] = Case("missing", lambda p: None)
    files = sorted(cases)
    for path, (status, out, err) in zip(
        files, drive(["transcribe", "{}"], files, tmp_path), strict=True
    ):
        check_file_run(status, out, err, path, cases[path], {"0", "2"})
        assert "System error" not in err, f"{path}: {err}"


def test_corpus_is_cleaned_up(tmp_path: Path) -> None:
    """A FIFO or a chmod-000 file in a pytest temp folder must not break its removal."""
    folder = tmp_path / "c"
    build(folder, COMMON, ".txt")
    shutil.rmtree(folder)
    assert not folder.exists()

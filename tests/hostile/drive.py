"""Run one `callsim` command over many files in one process, as a user would one by one.

    python tests/hostile/drive.py OUT SECONDS -- ARG... {} ARG... -- FILE...

For each FILE, `{}` in the arguments is replaced by it and `simulator.cli.main`
runs with the process's real stdout and stderr pointed at OUT/N.out and
OUT/N.err (file descriptors, so anything the command or a library writes is
caught). OUT/N.status gets the exit status, `timeout` when the file took
longer than SECONDS, or `exception` when an exception escaped `main` (its
traceback is then in N.err, where the test finds it). Starting Python and
importing the program once, not once a file, keeps the hostile suite fast;
the test runs this script as a subprocess with time and memory limits.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from pathlib import Path
from types import FrameType


class _Timeout(BaseException):
    """Raised by the alarm: a BaseException, so no `except Exception` in the program eats it."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _run_one(argv: list[str], out: Path, n: int, seconds: int) -> str:
    from simulator.cli import main

    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(out / f"{n}.out", "wb") as fo, open(out / f"{n}.err", "wb") as fe:
        os.dup2(fo.fileno(), 1)
        os.dup2(fe.fileno(), 2)
        signal.alarm(seconds)
        try:
            status = str(main(argv))
        except SystemExit as exc:  # argparse's usage errors
            status = str(exc.code if isinstance(exc.code, int) else 2)
        except _Timeout:
            status = "timeout"
        except BaseException:  # noqa: BLE001 - recorded for the test to report
            traceback.print_exc()
            status = "exception"
        finally:
            signal.alarm(0)
            try:
                sys.stdout.flush()
            except OSError:
                pass
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    return status


def main() -> None:
    out, seconds = Path(sys.argv[1]), int(sys.argv[2])
    rest = sys.argv[3:]
    first = rest.index("--")
    second = rest.index("--", first + 1)
    template, files = rest[first + 1 : second], rest[second + 1 :]
    signal.signal(signal.SIGALRM, _alarm)
    for n, path in enumerate(files):
        argv = [path if a == "{}" else a for a in template]
        status = _run_one(argv, out, n, seconds)
        (out / f"{n}.status").write_text(status, encoding="utf-8")


if __name__ == "__main__":
    main()

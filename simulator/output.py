"""What a failed write of the output looks like, and how a command stops after one.

Shared by the CLI's entry point and the commands that write as they go (grade,
scenarios, play): each says "cannot write ..." in one line and exits 2.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

#: A write that failed for want of room or a working device: the output (stdout, a file).
OUTPUT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EBADF}
)


def quiet_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the exit's flush cannot fail again
    (with a traceback, after the one line that said what went wrong)."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError):
        pass


def stdout_console(**options: Any) -> Console:
    """A rich console on stdout whose broken pipe ends the command as every other write does.

    rich's own handler exits 1, so `callsim history | head -1` failed in a pipeline where
    `callsim grade ... | head -1` succeeds: the reader having what it wanted is not an error.
    """
    from rich.console import Console as RichConsole

    class PipeConsole(RichConsole):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            quiet_stdout()
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return PipeConsole(**options)

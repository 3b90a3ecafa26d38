"""Writing a small file so that a crash leaves the old one or the new one, never half of either.

The trainee's saved cepstral mean and voice adaptation are read back at the
next start; a torn file there would silently cost the trainee accuracy.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_text_atomically"]


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    Raises OSError as writing would; the temporary file is removed then.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", dir=target.parent, prefix=f".{target.name}-", suffix=".tmp", delete=False,
            encoding="utf-8",
        ) as f:  # fmt: skip
            temp = f.name
            f.write(text)
        os.replace(temp, target)
    except BaseException:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
        raise

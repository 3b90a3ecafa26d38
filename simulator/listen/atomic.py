"""Writing a small file so that a crash leaves the old one or the new one, never half of either.

The trainee's saved cepstral mean and voice adaptation are read back at the
next start; a torn file there would silently cost the trainee accuracy.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_bytes_atomically", "write_text_atomically"]


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Raises OSError as writing would; the temporary file is removed then.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "wb", dir=target.parent, prefix=f".{target.name}-", suffix=".tmp", delete=False
        ) as f:
            temp = f.name
            f.write(data)
        os.replace(temp, target)
    except BaseException:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
        raise


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """`write_bytes_atomically` for UTF-8 text."""
    write_bytes_atomically(path, text.encode("utf-8"))

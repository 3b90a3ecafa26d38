"""The British accent prior: an acoustic transform shipped with the product.

CMUdict and the acoustic model are American. British variants in the
dictionary (`pronounce`) cover what a British speaker says differently;
how the sounds themselves differ is left to adaptation, which a new trainee
has not had yet: no enrolment, and the session learns only after a call's
worth of speech. So one global MLLR transform (3 x 13 x 14 numbers, the
kind `callsim enrol` learns for one speaker) is learnt once, from many
British voices saying the dev2 agent lines in several noise conditions
(``benchmarks/build_accent_prior.py``, rerunnable), and shipped as
``data/accent-uk.mllr``. A recogniser loads it as soon as the accent is
decided British (`SphinxRecogniser.accent`), and drops nothing else: the
dictionary keeps both variants, and an enrolment or the session's own
transform, once there is one, replaces it (they fit the trainee better).

It is applied by building the decoder again with PocketSphinx's ``mllr``
setting (about 0.12 s of CPU), once a session: on the worker that builds a
call's recogniser when the accent was decided in an earlier call, or
before the first turn after it is decided in this one.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .adapt import AdaptError, read_mllr

__all__ = ["PRIOR", "prior_config"]

PRIOR = Path(__file__).parent / "data" / "accent-uk.mllr"


@functools.lru_cache(maxsize=4)
def _checked(path: str) -> bool:
    try:
        read_mllr(path)
    except (AdaptError, OSError):
        return False
    return True


def prior_config(config: dict[str, Any], path: str | Path | None = None) -> dict[str, str]:
    """The decoder setting that loads the British prior (``{"mllr": path}``), or {} when the
    recogniser already has a transform of its own (enrolment, session) or the file is not
    sound (it is never handed to PocketSphinx then)."""
    path = path or PRIOR
    if "mllr" in config or "mean" in config or not _checked(str(path)):
        return {}
    return {"mllr": str(path)}

"""Find and load the eSpeak NG library before pyttsx3 looks for it.

pyttsx3's espeak driver opens ``libespeak-ng.so.1`` by name. On a fresh
machine with no system package, the PyPI wheel ``espeakng-loader`` ships the
library and its data; loading it with ``RTLD_GLOBAL`` first makes that name
resolve to the already-loaded copy. ``ESPEAK_DATA_PATH`` must point at a real
data folder *before* the library initialises: with a wrong one the C library
calls ``exit(1)``, which no ``except`` can catch, so the path is checked here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EspeakLibrary", "EspeakUnavailable", "load_espeak"]

_SYSTEM_DATA_DIRS = (
    "/usr/lib/x86_64-linux-gnu/espeak-ng-data",
    "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
    "/usr/share/espeak-ng-data",
    "/usr/local/share/espeak-ng-data",
)


class EspeakUnavailable(RuntimeError):
    """No usable eSpeak NG library and data folder were found."""


@dataclass(frozen=True)
class EspeakLibrary:
    """Where the loaded library and its data folder are, and who provided them."""

    library: str
    data_path: str
    source: str  # "system" or "espeakng-loader"


_loaded: EspeakLibrary | None = None


def _is_data_dir(path: str | os.PathLike[str]) -> bool:
    """A data folder holds ``phontab`` and a ``voices`` folder; anything else makes eSpeak exit."""
    p = Path(path)
    return (p / "phontab").is_file() and ((p / "voices").is_dir() or (p / "lang").is_dir())


def _system_candidate() -> EspeakLibrary | None:
    name = ctypes.util.find_library("espeak-ng")
    if not name:
        return None
    for data in _SYSTEM_DATA_DIRS:
        if _is_data_dir(data):
            return EspeakLibrary(name, data, "system")
    return None


def _wheel_candidate() -> EspeakLibrary | None:
    try:
        import espeakng_loader
    except ImportError:
        return None
    folder = Path(espeakng_loader.__file__).parent
    data = folder / "espeak-ng-data"
    for lib in ("libespeak-ng.so.1", "libespeak-ng.so", "libespeak-ng.dylib", "espeak-ng.dll"):
        if (folder / lib).is_file() and _is_data_dir(data):
            return EspeakLibrary(str(folder / lib), str(data), "espeakng-loader")
    return None


def load_espeak(prefer_system: bool = True) -> EspeakLibrary:
    """Load eSpeak NG once per process (the library cannot be initialised twice).

    A system library is preferred where present (it is what the machine's
    owner maintains); otherwise the wheel's copy. Raises `EspeakUnavailable`
    with the reason when neither is usable.
    """
    global _loaded
    if _loaded is not None:
        return _loaded
    order = (_system_candidate, _wheel_candidate)
    if not prefer_system:
        order = order[::-1]
    for find in order:
        found = find()
        if found is None:
            continue
        try:
            ctypes.CDLL(found.library, mode=ctypes.RTLD_GLOBAL)
        except OSError:
            continue
        os.environ["ESPEAK_DATA_PATH"] = found.data_path
        _loaded = found
        return found
    raise EspeakUnavailable(
        "eSpeak NG not found: install the Python package 'espeakng-loader' "
        "(pip install espeakng-loader) or the system package libespeak-ng1"
    )

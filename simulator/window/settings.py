"""The window's remembered settings: font size, the trainee's name, last scores.

A small JSON file in the user's config folder (platformdirs). Last scores live here only
until a session store records every call; the start screen's "last score" and
"recommended next" read them. A missing or broken file means defaults, never an error.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("callsim")) / "window.json"


@dataclass
class Settings:
    font_scale: float = 1.0
    trainee: str = ""
    last_scores: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Settings:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            scores = {str(k): float(v) for k, v in dict(data.get("last_scores", {})).items()}
            return cls(float(data.get("font_scale", 1.0)), str(data.get("trainee", "")), scores)
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()

    def save(self, path: str | os.PathLike[str]) -> None:
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
            tmp.replace(target)
        except OSError:
            pass  # a read-only home must not stop a training call

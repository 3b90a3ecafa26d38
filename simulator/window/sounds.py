"""Phone sounds through pygame.mixer, silent when there is no audio device.

A missing sound card must never stop a training call: `Sounds.open()` tries the mixer once
and falls back to a no-op player, and the window shows captions either way.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pygame

from assets import ASSETS_DIR

SOUND_DIR = Path(ASSETS_DIR) / "sounds"
NAMES = ("ring", "hold", "transfer", "hangup")


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence C libraries writing to file descriptor 2 (not Python's sys.stderr object)."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # pytest capture, IDEs
        yield
        return
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


class Sounds:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = False
        self.problem = ""
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._loops: dict[str, pygame.mixer.Channel] = {}
        if not enabled:
            self.problem = "sound is off"
            return
        try:
            if not pygame.mixer.get_init():
                with _quiet_stderr():  # ALSA prints to fd 2 itself when there is no card
                    pygame.mixer.init(frequency=22050, size=-16, channels=1)
            for name in NAMES:
                self._sounds[name] = pygame.mixer.Sound(str(SOUND_DIR / f"{name}.wav"))
            self.enabled = True
        except (pygame.error, FileNotFoundError) as exc:
            self.problem = f"no sound ({exc})"

    def play(self, name: str) -> None:
        if self.enabled and name in self._sounds:
            self._sounds[name].play()

    def loop(self, name: str, on: bool) -> None:
        """Start or stop a looping sound (ringing, hold music); repeated calls are cheap."""
        if not self.enabled or name not in self._sounds:
            return
        channel = self._loops.get(name)
        if on and channel is None:
            found = self._sounds[name].play(loops=-1)
            if found is not None:
                self._loops[name] = found
        elif not on and channel is not None:
            channel.stop()
            del self._loops[name]

    def stop_all(self) -> None:
        for name in list(self._loops):
            self.loop(name, False)

    @property
    def looping(self) -> frozenset[str]:
        return frozenset(self._loops)

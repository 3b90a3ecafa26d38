"""Run in a subprocess by test_listen_mic_e2e: the window, its real push-to-talk seam and SDL
capture, with SDL's `disk` audio driver reading a recorded line as the microphone.

argv: transcript folder, seconds to hold the talk key. Prints one JSON line: the transcript's
speech lines and the loudest level the call screen's meter showed while the key was held.
"""

from __future__ import annotations

import json
import sys
import time

import pygame

from scoring.reader import read_transcript
from simulator.listen.listeners import push_to_talk_factory
from simulator.window.app import WindowApp, WindowOptions
from simulator.window.screenshot import FakeClock


def main() -> None:
    folder, hold_s = sys.argv[1], float(sys.argv[2])
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode((1280, 800))
    pygame.event.clear()
    factory, reason = push_to_talk_factory()  # the window's own seam: SDL capture, PocketSphinx
    if factory is None:
        print(json.dumps({"error": reason}))
        return
    clock = FakeClock()
    app = WindowApp(
        WindowOptions(trainee="Carla", transcript_dir=folder),
        clock=clock,
        surface=surface,
        speak=None,
        listener_factory=factory,
    )
    meter: list[float] = []

    def answered() -> bool:
        """The caller has spoken after the trainee's first line."""
        speakers = [c.speaker for c in app.call.captions] if app.call else []
        return "agent" in speakers and "caller" in speakers[speakers.index("agent") :]

    def frames(seconds: float, until=lambda: False) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            time.sleep(0.03)
            clock.now += 0.03
            app.pump()
            meter.extend(w.value for w in app.screen.widgets if w.id == "mic")  # type: ignore[attr-defined]

    def key(kind: int, code: int) -> None:
        pygame.event.post(pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0))
        frames(0.1)

    frames(0.2)
    key(pygame.KEYDOWN, pygame.K_RETURN)  # the default scenario
    key(pygame.KEYDOWN, pygame.K_SPACE)  # answer
    frames(0.3)
    key(pygame.KEYDOWN, pygame.K_SPACE)  # talk: the microphone opens, the file plays into it
    frames(hold_s)
    key(pygame.KEYUP, pygame.K_SPACE)
    assert app.ears is not None
    app.ears.wait(30)
    frames(30.0, until=answered)  # the recognised words become a `say`, the caller answers
    frames(0.1)
    app.close()
    lines = [(s.speaker, s.text) for s in read_transcript(app.transcript_path).speech()]
    print(json.dumps({"lines": lines, "meter": max(meter, default=0.0)}))


if __name__ == "__main__":
    main()

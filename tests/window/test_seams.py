"""The voice and push-to-talk seams: a caller voice keeps its caption lit; held Space talks."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame
import pytest

from scoring.reader import read_transcript
from simulator.window.app import WindowApp, WindowOptions
from simulator.window.screenshot import FakeClock

pytestmark = pytest.mark.window


class FakePlayback:
    def __init__(self) -> None:
        self.playing = True

    def is_playing(self) -> bool:
        return self.playing

    def stop(self) -> None:
        self.playing = False


@dataclass
class Heard:
    text: str


class FakeMicrophone:
    """Records while the talk key is held, then 'recognises' a fixed line."""

    def __init__(self, held, scenario) -> None:  # type: ignore[no-untyped-def]
        self.held = held
        self.scenario = scenario

    def listen(self) -> Heard:
        deadline = time.monotonic() + 5
        while not self.held() and time.monotonic() < deadline:
            time.sleep(0.001)
        while self.held() and time.monotonic() < deadline:
            time.sleep(0.001)
        return Heard(
            "Good morning, thank you for calling Fernwood Garden Supply, this is "
            "Carla. May I have your name, please?"
        )


def test_voice_keeps_the_caption_lit_and_push_to_talk_says_the_words(tmp_path, recogniser) -> None:  # type: ignore[no-untyped-def]
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode((1280, 800))
    pygame.event.clear()
    playbacks: list[FakePlayback] = []

    def speak(line, scenario, mood):  # type: ignore[no-untyped-def]
        assert scenario.caller.name == "James Whitford"
        assert mood == "calm"
        playbacks.append(FakePlayback())
        return playbacks[-1]

    clock = FakeClock()
    app = WindowApp(
        WindowOptions(trainee="Carla", transcript_dir=str(tmp_path)),
        clock=clock,
        surface=surface,
        speak=speak,
        listener_factory=FakeMicrophone,
    )

    def frames(n: int = 3) -> None:
        for _ in range(n):
            clock.now += 0.1
            app.pump()

    def post(kind: int, key: int) -> None:
        pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0))
        frames()

    frames()
    post(pygame.KEYDOWN, pygame.K_RETURN)
    post(pygame.KEYDOWN, pygame.K_SPACE)  # answer
    assert app.call is not None
    assert "button ptt: Talk [Space]" in [w.describe() for w in app.screen.widgets]
    post(pygame.KEYDOWN, pygame.K_SPACE)  # talk...
    assert app.call.listening
    post(pygame.KEYUP, pygame.K_SPACE)  # ...and release
    assert app.ears is not None
    app.ears.wait()
    frames()
    t = read_transcript(app.transcript_path)
    first = next(t.speech())
    assert first.speaker == "agent"
    assert first.text.startswith("Good morning, thank you for calling")
    frames(100)  # ten seconds: a caption without a voice would have gone out by now
    assert playbacks
    assert any(c.current for c in app.call.captions)
    playbacks[-1].playing = False
    frames()
    assert not any(c.current for c in app.call.captions)
    app.close()
    pygame.display.quit()

"""Window tests run on SDL's dummy drivers and drive the app with real pygame events."""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import warnings  # noqa: E402

with warnings.catch_warnings():
    # pygame.pkgdata imports pkg_resources, which newer setuptools deprecate on import.
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=Warning)
    import pygame  # noqa: E402

import pytest  # noqa: E402

from simulator.window.app import WindowApp, WindowOptions  # noqa: E402
from simulator.window.screenshot import FakeClock  # noqa: E402


@pytest.fixture(autouse=True)
def _dummy_sdl(monkeypatch: pytest.MonkeyPatch) -> None:
    """SDL's dummy drivers for these tests only (not leaked into other tests' subprocesses)."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


def _has_recogniser() -> bool:
    try:
        import scoring.acts  # noqa: F401
    except ImportError:
        return False
    return True


HAS_ACTS = _has_recogniser()


def stub_recognise(text: str, speaker: str) -> frozenset[str]:
    """A tiny stand-in for scoring.acts, for tests of the window alone."""
    t = text.lower()
    acts = set()
    if "hold" in t and ("may i" in t or "can you" in t):
        acts.add("ask_hold")
    if "name" in t and "may i" in t:
        acts.add("ask_name")
    if "thank you for calling" in t and speaker == "agent" and "this is" not in t:
        acts.add("closing_thanks")
    return frozenset(acts)


@pytest.fixture
def recogniser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the real act recogniser when it is installed, else the stub."""
    if not HAS_ACTS:
        import simulator.engine.engine as engine_module

        monkeypatch.setattr(engine_module, "default_recogniser", lambda: stub_recognise)


class Driver:
    """Posts real pygame events to the app and advances its clock frame by frame."""

    def __init__(self, app: WindowApp, clock: FakeClock) -> None:
        self.app = app
        self.clock = clock
        self.frames()  # the first frame; the scenario list loads right after it

    def frames(self, seconds: float = 0.1, step: float = 0.1) -> None:
        left = seconds
        while left > 1e-9:
            self.clock.now += min(step, left)
            left -= step
            self.app.pump()

    def key(self, key: int, mod: int = 0, text: str | None = None) -> None:
        """One key press as pygame delivers it: KEYDOWN, then TEXTINPUT for a printable key
        (not with Ctrl), then KEYUP."""
        self.post_key(key, mod, text)
        self.frames()

    @staticmethod
    def post_key(key: int, mod: int = 0, text: str | None = None) -> None:
        if text is None:
            text = chr(key) if 32 <= key < 127 else ""
            if mod & pygame.KMOD_SHIFT:
                text = text.upper()
        if mod & pygame.KMOD_CTRL:
            text = ""
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0)
        )
        if text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, scancode=0))

    def type(self, text: str) -> None:
        """Typing: each character is a key press (KEYDOWN, TEXTINPUT, KEYUP)."""
        for ch in text:
            key = ord(ch.lower()) if ch.isascii() else 0
            mod = pygame.KMOD_LSHIFT if ch.isupper() else 0
            self.post_key(key, mod, ch)
        self.frames()

    def click(self, widget_id: str) -> None:
        if not self.app.screen.widgets:
            self.frames()  # widgets exist once a frame has been drawn
        w = self.widget(widget_id)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=w.rect.center, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=w.rect.center, button=1))
        self.frames()

    def widget(self, widget_id: str):  # type: ignore[no-untyped-def]
        for w in self.app.screen.widgets + self.app.screen.modal_widgets:
            if w.id == widget_id:
                return w
        raise AssertionError(f"no widget {widget_id!r} on {self.app.screen.name}")

    def texts(self) -> list[str]:
        return [w.describe() for w in self.app.screen.widgets + self.app.screen.modal_widgets]

    def choose(self, contains: str = "", ideal: bool = False) -> None:
        """Press the number key of the card whose text contains `contains` (or the ideal)."""
        call = self.app.call
        assert call is not None
        for c in call.choices:
            if (ideal and c.ideal) or (contains and contains in c.label):
                self.key(pygame.K_0 + int(c.key))
                return
        raise AssertionError(f"no card with {contains!r}: {[c.label for c in call.choices]}")


@pytest.fixture
def make_driver(tmp_path, recogniser):  # type: ignore[no-untyped-def]
    """A driver for an app over given scenarios (None: the shipped ones), with WindowOptions;
    every window test opens its app here, so they all start from the same display."""
    apps: list[WindowApp] = []

    def make(scenarios=None, **options):  # type: ignore[no-untyped-def]
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_mode((1280, 800), pygame.RESIZABLE)
        pygame.event.clear()
        clock = FakeClock()
        options.setdefault("trainee", "Carla")
        options.setdefault("transcript_dir", str(tmp_path))
        opts = WindowOptions(**options)
        app = WindowApp(opts, scenarios, clock=clock, surface=pygame.display.get_surface())
        apps.append(app)
        return Driver(app, clock)

    yield make
    for app in apps:
        app.close()
    pygame.display.quit()


@pytest.fixture
def driver(make_driver) -> Driver:  # type: ignore[no-untyped-def]
    return make_driver(size=(1280, 800))  # type: ignore[no-any-return]

"""Push-to-talk: hold Space, speak, release; the recognised words become a `say` move.

A listener (the voice branch's `MicrophoneListener(push_to_talk=held)`, or a test double)
blocks while it records, so it runs on a worker thread; the frame loop never waits for it.
The listener is built once, with a callable that says whether the talk key is held.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol


class HeardLike(Protocol):
    text: str


class HeldListener(Protocol):
    def listen(self) -> HeardLike | None:
        """Record while the talk key is held; the recognised turn, or None."""
        ...


#: builds the listener for a call: (is the talk key held?, scenario) -> listener. The scenario
#: lets a recogniser be biased to its words (the voice branch's `build_domain_recogniser`).
ListenerFactory = Callable[[Callable[[], bool], Any], HeldListener]
Factory = Callable[[Callable[[], bool]], HeldListener]


class PushToTalk:
    def __init__(self, factory: Factory, held: Callable[[], bool]) -> None:
        self._factory = factory
        self._held = held
        self._listener: HeldListener | None = None
        self._worker: threading.Thread | None = None
        self._heard: queue.Queue[str] = queue.Queue()

    def start(self, hint: Any = None) -> None:
        """The talk key went down: listen on a worker unless one is already listening.
        ``hint``: the engine's `ListenHint` for this turn (what the trainee is likely to say)."""
        if self._worker is not None and self._worker.is_alive():
            return
        self.prepare()
        if hint is not None and hasattr(self._listener, "hint"):
            self._listener.hint = hint  # type: ignore[union-attr]
        self._worker = threading.Thread(target=self._listen, name="push-to-talk", daemon=True)
        self._worker.start()

    def prepare(self) -> None:
        """Build the listener now (call start), so its recogniser is ready by the first turn."""
        if self._listener is None:
            self._listener = self._factory(self._held)

    def _listen(self) -> None:
        assert self._listener is not None
        try:
            heard = self._listener.listen()
        except Exception as exc:  # noqa: BLE001 - a broken microphone must not end the call
            self._heard.put(f"\0{exc}")
            return
        self._heard.put(heard.text if heard is not None else "")

    def level(self) -> float:
        """The microphone's loudness now, 0..1 (the listener's `level`; 0 for one without)."""
        return float(getattr(self._listener, "level", 0.0) or 0.0)

    def heard(self) -> Iterator[str]:
        """Texts recognised since the last frame ("" when nothing was caught)."""
        while True:
            try:
                text = self._heard.get_nowait()
            except queue.Empty:
                return
            if not text.startswith("\0"):
                yield text

    def wait(self, timeout: float = 2.0) -> None:
        """For tests: let the worker finish."""
        if self._worker is not None:
            self._worker.join(timeout)

"""The screen base class: builds widgets each frame, routes events, keeps keyboard focus.

Every screen is fully usable from the keyboard: Tab and Shift+Tab move the focus through
the focusable widgets in the order they were built, Enter or Space activates the focused
one, and each screen adds its own shortcuts in `on_key`. A modal dialog, when open, gets
the events first.
"""

from __future__ import annotations

from typing import Protocol

import pygame

from simulator.window.actions import Action
from simulator.window.theme import Theme
from simulator.window.widgets import Widget

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class Modal(Protocol):
    def build(self, rect: pygame.Rect, theme: Theme) -> list[Widget]: ...
    def on_key(self, event: pygame.event.Event) -> Action | None: ...
    def on_text(self, text: str) -> None: ...
    def click(self, widget: Widget) -> Action | None: ...


class Screen:
    """Subclasses implement `build` and may override `on_key`, `on_text`, `on_wheel`."""

    name = "screen"

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.widgets: list[Widget] = []
        self.modal_widgets: list[Widget] = []
        self.focus_id: str | None = None
        self.modal: Modal | None = None
        self.mouse: tuple[int, int] = (-1, -1)
        self._drawn: object = None  # the state the surface shows now (see `state`)
        #: the character of a key press that opened a text box: its TEXTINPUT is not typed
        self._swallow = ""

    # -- building and drawing -------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> list[Widget]:  # pragma: no cover - abstract
        raise NotImplementedError

    def layout(self, rect: pygame.Rect) -> list[Widget]:
        """Build the widgets for `rect`, mark focus and hover; return all (modal last)."""
        self.widgets = self.build(rect)
        self.modal_widgets = self.modal.build(rect, self.theme) if self.modal else []
        active = self.modal_widgets if self.modal else self.widgets
        focusable = [w for w in active if w.focusable and w.enabled]
        if focusable and self.focus_id not in {w.id for w in focusable}:
            self.focus_id = None
        for w in active:
            w.focused = w.focused or w.id == self.focus_id  # a builder may focus a text box
            if hasattr(w, "hover"):
                w.hover = w.rect.collidepoint(self.mouse)
        return self.widgets + self.modal_widgets

    def state(self) -> tuple[object, ...]:
        """Everything a frame depends on besides the widgets' own data; screens add theirs.

        When it equals the last drawn frame's, `draw` skips the work: most frames of a call
        show nothing new (the clock moves once a second)."""
        modal = getattr(self.modal, "state", lambda: None)() if self.modal else None
        t = self.theme
        return (self.focus_id, self.mouse, type(self.modal), modal, t.scale, t.density)

    def draw(self, surf: pygame.Surface, force: bool = False) -> list[Widget]:
        key = (surf.get_size(), id(surf), self.state())
        if not force and key == self._drawn:
            return self.widgets + self.modal_widgets
        self._drawn = key
        surf.fill(self.theme.palette.bg)
        self.theme.fit(surf.get_size())
        widgets = self.layout(surf.get_rect())
        for w in self.widgets:
            w.draw(surf, self.theme)
        if self.modal:
            shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
            shade.fill((0, 0, 0, 150))
            surf.blit(shade, (0, 0))
            for w in self.modal_widgets:
                w.draw(surf, self.theme)
        return widgets

    def snapshot(self, size: tuple[int, int] = (1280, 800)) -> list[str]:
        """The widgets and their texts, one line each: the textual snapshot tests compare."""
        self.theme.fit(size)
        return [w.describe() for w in self.layout(pygame.Rect((0, 0), size))]

    # -- events -----------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Action | None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        if event.type == pygame.MOUSEWHEEL:
            return self.on_wheel(event.y)
        if event.type == pygame.TEXTINPUT:
            swallow, self._swallow = self._swallow, ""
            if swallow and event.text == swallow:
                return None  # the letter of the hotkey that opened this box (N, E ...)
            if self.modal:
                self.modal.on_text(event.text)
            else:
                self.on_text(event.text)
            return None
        if event.type == pygame.KEYDOWN:
            return self._keydown(event)
        if event.type == pygame.KEYUP:
            return self.on_key_up(event)
        return None

    def text_target(self) -> object:
        """Where typed text goes now (None: nowhere); screens with a text box say which."""
        return ("modal", id(self.modal)) if self.modal else None

    def _keydown(self, event: pygame.event.Event) -> Action | None:
        """A key press. pygame sends a printable key as KEYDOWN and then TEXTINPUT; when the
        KEYDOWN opens a text box (N for a note, E for an email, N for the name), the
        TEXTINPUT that follows belongs to the key, not to the box."""
        before = self.text_target()
        self._swallow = ""
        action = self._key(event)
        char = getattr(event, "unicode", "") or ""
        if char.isprintable() and char and self.text_target() != before:
            self._swallow = char
        return action

    def _click(self, pos: tuple[int, int]) -> Action | None:
        active = self.modal_widgets if self.modal else self.widgets
        for w in reversed(active):
            if w.enabled and w.rect.collidepoint(pos):
                if w.focusable:
                    self.focus_id = w.id
                if self.modal:
                    return self.modal.click(w)
                return self.on_click(w, pos)
        return None

    def _key(self, event: pygame.event.Event) -> Action | None:
        if event.key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return None
        if self.modal:
            if event.key in ACTIVATE_KEYS and self.focus_id:
                return self._activate(event)  # the focused button, not the default one
            action = self.modal.on_key(event)
            if action is not None:
                return action
            return self._activate(event)
        action = self.on_key(event)
        if action is not None:
            return action
        return self._activate(event)

    def _activate(self, event: pygame.event.Event) -> Action | None:
        if event.key in ACTIVATE_KEYS and self.focus_id:
            active = self.modal_widgets if self.modal else self.widgets
            for w in active:
                if w.id == self.focus_id and w.enabled:
                    return self.modal.click(w) if self.modal else self.on_click(w, w.rect.center)
        return None

    def move_focus(self, step: int) -> None:
        active = self.modal_widgets if self.modal else self.widgets
        ids = [w.id for w in active if w.focusable and w.enabled]
        if not ids:
            return
        if self.focus_id in ids:
            i = (ids.index(self.focus_id) + step) % len(ids)
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.focus_id = ids[i]

    # -- hooks ------------------------------------------------------------------------------
    def on_click(self, widget: Widget, pos: tuple[int, int]) -> Action | None:
        return widget.action

    def on_key(self, event: pygame.event.Event) -> Action | None:
        return None

    def on_key_up(self, event: pygame.event.Event) -> Action | None:
        return None

    def on_text(self, text: str) -> None:
        return None

    def on_wheel(self, dy: int) -> Action | None:
        return None

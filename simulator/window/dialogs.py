"""Modal dialogs of the call screen: the directory picker and the one-line text prompt.

Both are keyboard-first: the picker takes 1-9 or arrows and Enter, the prompt takes typing
and Enter; Esc closes either without doing anything.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from simulator.window.actions import Action, act
from simulator.window.layout import pad, split_v, stack
from simulator.window.theme import Theme
from simulator.window.views import DirectoryEntry
from simulator.window.widgets import Button, Label, Panel, Row, TextBox, Widget


def _dialog_rect(rect: pygame.Rect, theme: Theme, rows: int) -> pygame.Rect:
    w = min(rect.w - 40, theme.px(620))
    h = min(rect.h - 40, theme.px(150) + rows * theme.px(48))
    r = pygame.Rect(0, 0, w, h)
    r.center = rect.center
    return r


class _ListKeys:
    """The keys and clicks of a dialog that lists rows to pick: arrows move, Enter or a
    digit picks, Esc closes; a click on a row (widget id PREFIX.N) picks row N."""

    index: int
    prefix: str
    close: Callable[[], None]

    def _count(self) -> int:
        raise NotImplementedError

    def choose(self, i: int) -> Action | None:
        raise NotImplementedError

    def on_key(self, event: pygame.event.Event) -> Action | None:
        if event.key == pygame.K_ESCAPE:
            self.close()
        elif event.key in (pygame.K_DOWN, pygame.K_UP) and self._count():
            step = 1 if event.key == pygame.K_DOWN else -1
            self.index = (self.index + step) % self._count()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.choose(self.index)
        elif pygame.K_1 <= event.key <= pygame.K_9:
            return self.choose(event.key - pygame.K_1)
        return None

    def on_text(self, text: str) -> None:
        return None

    def click(self, widget: Widget) -> Action | None:
        if widget.id.startswith(self.prefix + "."):
            return self.choose(int(widget.id.split(".")[1]))
        return None


class DirectoryPicker(_ListKeys):
    """Pick a person from the scenario's directory to consult or transfer to."""

    prefix = "dir"

    def __init__(
        self,
        purpose: str,
        entries: tuple[DirectoryEntry, ...],
        close: Callable[[], None],
        then: Callable[[Action], Action | None] | None = None,
    ):
        self.purpose = purpose  # "consult" or "transfer"
        self.entries = entries
        self.index = 0
        self.close = close
        self.then = then  # what to do with the pick (a transfer asks to confirm first)

    def build(self, rect: pygame.Rect, theme: Theme) -> list[Widget]:
        box = _dialog_rect(rect, theme, max(1, len(self.entries)))
        verb = "Consult" if self.purpose == "consult" else "Transfer to"
        hint = "1-9 or ↑/↓ and Enter · Esc cancels"
        widgets: list[Widget] = [Panel("dialog", box, title=f"{verb}: company directory")]
        inner = pad(box, theme.px(14))
        head, body = split_v(
            pygame.Rect(inner.x, inner.y + theme.px(20), inner.w, inner.h - theme.px(20)),
            [theme.px(26), 1.0],
        )
        widgets.append(Label("dialog.hint", head, hint, role="small", color=theme.palette.muted))
        for i, (entry, r) in enumerate(
            zip(
                self.entries,
                stack(body, theme.px(40), len(self.entries), theme.px(6)),
                strict=False,
            )
        ):
            widgets.append(
                Row(
                    f"dir.{i}",
                    r,
                    entry.name,
                    action=act(self.purpose, ext=entry.ext, to=entry.name, dept=entry.dept),
                    columns=(f"{i + 1}. {entry.name}", entry.dept, f"ext. {entry.ext}"),
                    widths=(0.45, 0.35, 0.2),
                    selected=i == self.index,
                )
            )
        if not self.entries:
            widgets.append(
                Label(
                    "dialog.empty",
                    body,
                    "This scenario has no directory.",
                    color=theme.palette.muted,
                )
            )
        return widgets

    def state(self) -> object:
        return self.index

    def choose(self, i: int) -> Action | None:
        if 0 <= i < len(self.entries):
            e = self.entries[i]
            self.close()
            picked = act(self.purpose, ext=e.ext, to=e.name, dept=e.dept)
            return self.then(picked) if self.then is not None else picked
        return None

    def _count(self) -> int:
        return len(self.entries)


class TextPrompt:
    """Ask for one line of text (a call note, an email address) and emit an action with it."""

    def __init__(
        self,
        title: str,
        placeholder: str,
        make: Callable[[str], Action],
        close: Callable[[], None],
        value: str = "",
    ):
        self.title = title
        self.placeholder = placeholder
        self.make = make
        self.close = close
        self.value = value

    def build(self, rect: pygame.Rect, theme: Theme) -> list[Widget]:
        box = _dialog_rect(rect, theme, 1)
        inner = pad(box, theme.px(14))
        _, hint, field, buttons = split_v(
            inner, [theme.px(20), theme.px(24), theme.px(44), theme.px(40)], theme.px(8)
        )
        ok_r = pygame.Rect(buttons.right - theme.px(130), buttons.y, theme.px(130), buttons.h)
        cancel_r = ok_r.move(-theme.px(140), 0)
        return [
            Panel("dialog", box, title=self.title),
            Label(
                "dialog.hint",
                hint,
                "Enter saves · Esc cancels",
                role="small",
                color=theme.palette.muted,
            ),
            TextBox("dialog.text", field, self.value, placeholder=self.placeholder, focused=True),
            Button("dialog.cancel", cancel_r, "Cancel", shortcut="Esc"),
            Button("dialog.ok", ok_r, "Save", shortcut="Enter", style="primary"),
        ]

    def state(self) -> object:
        return self.value

    def submit(self) -> Action | None:
        value = self.value.strip()
        self.close()
        return self.make(value) if value else None

    def on_key(self, event: pygame.event.Event) -> Action | None:
        if event.key == pygame.K_ESCAPE:
            self.close()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.submit()
        elif event.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1]
        return None

    def on_text(self, text: str) -> None:
        self.value += text

    def click(self, widget: Widget) -> Action | None:
        if widget.id == "dialog.ok":
            return self.submit()
        if widget.id == "dialog.cancel":
            self.close()
        return None


class ConfirmDialog:
    """Ask before something that cannot be undone (hang up, transfer, quit mid-call).

    Enter or Y confirms, Esc or N cancels; a stray key does nothing, so a slip of the
    finger on X or T never ends a call by itself."""

    def __init__(
        self,
        title: str,
        message: str,
        action: Action,
        close: Callable[[], None],
        confirm: str = "Yes",
    ):
        self.title = title
        self.message = message
        self.action = action
        self.close = close
        self.confirm = confirm

    def build(self, rect: pygame.Rect, theme: Theme) -> list[Widget]:
        box = _dialog_rect(rect, theme, 2)
        inner = pad(box, theme.px(14))
        _, text, buttons = split_v(inner, [theme.px(20), 1.0, theme.px(40)], theme.px(8))
        ok_r = pygame.Rect(buttons.right - theme.px(170), buttons.y, theme.px(170), buttons.h)
        cancel_r = ok_r.move(-theme.px(180), 0)
        return [
            Panel("dialog", box, title=self.title),
            Label("dialog.text", text, self.message, role="label", wrap=True),
            Button("dialog.cancel", cancel_r, "Cancel", shortcut="Esc"),
            Button("dialog.ok", ok_r, self.confirm, shortcut="Enter", style="danger"),
        ]

    def state(self) -> object:
        return self.title

    def yes(self) -> Action:
        self.close()
        return self.action

    def on_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in (pygame.K_ESCAPE, pygame.K_n):
            self.close()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_y):
            return self.yes()
        return None

    def on_text(self, text: str) -> None:
        return None

    def click(self, widget: Widget) -> Action | None:
        if widget.id == "dialog.ok":
            return self.yes()
        if widget.id == "dialog.cancel":
            self.close()
        return None


class OptionPicker(_ListKeys):
    """Pick one of a few named actions (what LOOKUP searches): 1-9, or ↑/↓ and Enter."""

    prefix = "opt"

    def __init__(
        self, title: str, options: tuple[tuple[str, Action], ...], close: Callable[[], None]
    ):
        self.title = title
        self.options = options
        self.index = 0
        self.close = close

    def build(self, rect: pygame.Rect, theme: Theme) -> list[Widget]:
        box = _dialog_rect(rect, theme, len(self.options))
        inner = pad(box, theme.px(14))
        head, body = split_v(
            pygame.Rect(inner.x, inner.y + theme.px(20), inner.w, inner.h - theme.px(20)),
            [theme.px(26), 1.0],
        )
        hint = "1-9 or ↑/↓ and Enter · Esc cancels"
        widgets: list[Widget] = [
            Panel("dialog", box, title=self.title),
            Label("dialog.hint", head, hint, role="small", color=theme.palette.muted),
        ]
        rows = stack(body, theme.px(40), len(self.options), theme.px(6))
        for i, ((label, action), r) in enumerate(zip(self.options, rows, strict=True)):
            widgets.append(
                Row(
                    f"opt.{i}",
                    r,
                    label,
                    action=action,
                    columns=(f"{i + 1}. {label}",),
                    selected=i == self.index,
                )
            )
        return widgets

    def state(self) -> object:
        return self.index

    def choose(self, i: int) -> Action | None:
        if 0 <= i < len(self.options):
            self.close()
            return self.options[i][1]
        return None

    def _count(self) -> int:
        return len(self.options)

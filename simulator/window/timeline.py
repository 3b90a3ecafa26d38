"""The call replayed as a timeline: holds as bars, events as marks, speech as ticks.

Clicking a mark (or choosing it with the arrow keys) selects it; the scorecard screen then
lists the transcript lines around that moment.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.window.actions import Action, act
from simulator.window.captions import clock_text
from simulator.window.theme import Color, Theme
from simulator.window.views import TimelineView
from simulator.window.widgets import Widget, blit_text, draw_box

MARK_COLORS = {
    "transfer": "bad",
    "consult": "accent",
    "hangup": "muted",
    "mute": "bad",
    "hold": "warn",
}


@dataclass
class Timeline(Widget):
    view: TimelineView | None = None
    selected: int | None = None

    kind = "timeline"

    def __post_init__(self) -> None:
        self.focusable = True

    def _x(self, t: float, bar: pygame.Rect) -> int:
        dur = max(1, self.view.duration if self.view else 1)
        return bar.x + int(bar.w * min(1.0, max(0.0, t / dur)))

    def _bar(self, theme: Theme) -> pygame.Rect:
        return pygame.Rect(
            self.rect.x + theme.px(14),
            self.rect.y + theme.px(34),
            self.rect.w - theme.px(28),
            theme.px(18),
        )

    def mark_points(self, theme: Theme) -> list[tuple[int, pygame.Rect]]:
        if not self.view:
            return []
        bar = self._bar(theme)
        size = theme.px(14)
        out = []
        for i, m in enumerate(self.view.marks):
            r = pygame.Rect(0, 0, size, size)
            r.center = (self._x(m.time, bar), bar.bottom + theme.px(14))
            out.append((i, r))
        return out

    def click_mark(self, pos: tuple[int, int], theme: Theme) -> Action | None:
        for i, r in self.mark_points(theme):
            if r.inflate(6, 10).collidepoint(pos):
                return act("mark", index=str(i))
        return None

    def _color(self, theme: Theme, kind: str) -> Color:
        return getattr(theme.palette, MARK_COLORS.get(kind, "agent"))

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        draw_box(surf, self.rect, pal.panel, pal.border, radius=theme.px(10))
        blit_text(
            surf,
            theme,
            "CALL TIMELINE  (←/→ or click a mark)",
            (self.rect.x + theme.px(12), self.rect.y + theme.px(8)),
            "small",
            pal.muted,
            "semibold",
        )
        if not self.view:
            return
        bar = self._bar(theme)
        draw_box(surf, bar, pal.bg, pal.border, radius=theme.px(4))
        for ln in self.view.lines:  # speech ticks
            x = self._x(ln.time, bar)
            color = pal.agent if ln.speaker == "agent" else pal.caller
            pygame.draw.line(surf, color, (x, bar.y + 3), (x, bar.bottom - 4), 1)
        for start, end in self.view.holds:
            r = pygame.Rect(self._x(start, bar), bar.y + 2, 0, bar.h - 4)
            r.w = max(3, self._x(end, bar) - r.x)
            draw_box(surf, r, pal.warn, None, radius=theme.px(3))
        for i, r in self.mark_points(theme):
            m = self.view.marks[i]
            color = self._color(theme, m.kind)
            pygame.draw.polygon(surf, color, [r.midtop, r.midright, r.midbottom, r.midleft])
            if i == self.selected:
                pygame.draw.polygon(
                    surf, pal.focus, [r.midtop, r.midright, r.midbottom, r.midleft], 2
                )
        blit_text(surf, theme, "00:00", (bar.x, bar.bottom + theme.px(24)), "small", pal.faint)
        blit_text(
            surf,
            theme,
            clock_text(self.view.duration),
            (bar.right, bar.bottom + theme.px(24)),
            "small",
            pal.faint,
            anchor="topright",
        )
        if self.focused:
            pygame.draw.rect(surf, pal.focus, self.rect.inflate(4, 4), width=2, border_radius=12)

    def describe(self) -> str:
        if not self.view:
            return "timeline: empty"
        marks = ", ".join(f"{clock_text(m.time)} {m.label}" for m in self.view.marks)
        holds = ", ".join(f"{clock_text(a)}-{clock_text(b)}" for a, b in self.view.holds)
        return f"timeline {self.id}: holds [{holds}] marks [{marks}]"

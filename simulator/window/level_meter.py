"""The microphone level meter shown while the trainee holds the talk key.

A trainee who sees the bar move knows the microphone hears them (and which
one: `--mic NAME`); a flat bar says the wrong input is picked or muted
before a whole turn is lost. One line high, so it takes the notice's place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.window.theme import Theme
from simulator.window.widgets import Widget, blit_text, draw_box


@dataclass
class LevelMeter(Widget):
    """The word Mic and a horizontal bar, 0..1 (the listener's `level`), within one text line."""

    value: float = 0.0

    kind = "level"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        label = blit_text(
            surf, theme, self.text, self.rect.midleft, "small", pal.muted, anchor="midleft"
        )
        x = label.right + theme.px(8)
        h = max(2, min(theme.px(8), self.rect.h))
        bar = pygame.Rect(x, self.rect.centery - h // 2, max(0, self.rect.right - x), h)
        draw_box(surf, bar, pal.bg, None, radius=h // 2)
        v = min(1.0, max(0.0, self.value))
        if v > 0 and bar.w > 0:
            fill = bar.copy()
            fill.w = max(h, int(bar.w * v))
            draw_box(surf, fill, pal.ok if v < 0.9 else pal.warn, None, radius=h // 2)

    def describe(self) -> str:
        return f"level {self.id}: {self.text} {round(self.value * 100)}%"

"""The live caption view: both sides of the call, newest at the bottom, scrollable.

Lines are wrapped once per width (the theme caches the wrapping) and laid out bottom-up so
that only what is visible gets drawn: a long call costs no more per frame than a short one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.window.theme import Theme
from simulator.window.views import CaptionLine
from simulator.window.widgets import Widget, blit_text, draw_box


def clock_text(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}"


@dataclass
class CaptionView(Widget):
    lines: tuple[CaptionLine, ...] = ()
    scroll: int = 0  # lines scrolled back from the newest (0 = follow the call)

    kind = "captions"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        draw_box(surf, self.rect, pal.panel, pal.border, radius=theme.px(10))
        inner = self.rect.inflate(-theme.px(24), -theme.px(20))
        lh = theme.line_height("body")
        gap = theme.px(8)
        who_w = theme.px(92)
        text_w = inner.w - who_w
        prev_clip = surf.get_clip()
        surf.set_clip(inner)
        y = inner.bottom
        visible = self.lines[: len(self.lines) - self.scroll] if self.scroll else self.lines
        for line in reversed(visible):
            if line.speaker == "event":
                rows = [line.text]
                h = theme.line_height("label") + gap
            else:
                rows = theme.wrap(line.text, text_w, "body")
                h = max(len(rows) * lh, 2 * theme.line_height("small") + 2) + gap
            y -= h
            if y + h < inner.top:
                break
            self._draw_line(surf, theme, line, rows, inner.x, y, who_w, h - gap)
        surf.set_clip(prev_clip)
        if self.scroll:
            blit_text(
                surf,
                theme,
                f"↓ {self.scroll} newer (End)",
                (inner.right, inner.bottom),
                "small",
                pal.accent,
                "semibold",
                "bottomright",
            )
        if not self.lines:
            blit_text(
                surf,
                theme,
                "Captions of both sides appear here.",
                inner.center,
                "label",
                pal.faint,
                anchor="center",
            )

    def _draw_line(
        self,
        surf: pygame.Surface,
        theme: Theme,
        line: CaptionLine,
        rows: list[str],
        x: int,
        y: int,
        who_w: int,
        h: int,
    ) -> None:
        pal = theme.palette
        if line.speaker == "event":
            blit_text(
                surf, theme, f"{clock_text(line.time)}   • {line.text}", (x, y), "label", pal.muted
            )
            return
        if line.current:
            band = pygame.Rect(
                x - theme.px(8), y - theme.px(3), self.rect.w - theme.px(8), h + theme.px(6)
            )
            draw_box(surf, band, pal.highlight, pal.caller, radius=theme.px(6))
        color = pal.agent if line.speaker == "agent" else pal.caller
        who = "YOU" if line.speaker == "agent" else "CALLER"
        blit_text(surf, theme, who, (x, y + 2), "small", color, "bold")
        blit_text(
            surf,
            theme,
            clock_text(line.time),
            (x, y + theme.line_height("small") + 2),
            "small",
            pal.faint,
        )
        lh = theme.line_height("body")
        text_color = pal.text if line.speaker == "caller" or not line.current else pal.text
        for i, row in enumerate(rows):
            blit_text(surf, theme, row, (x + who_w, y + i * lh), "body", text_color)

    def describe(self) -> str:
        cur = [ln for ln in self.lines if ln.current]
        tail = f", current: {cur[-1].text[:40]}" if cur else ""
        return f"captions {self.id}: {len(self.lines)} lines{tail}"

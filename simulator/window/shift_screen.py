"""The end-of-shift summary: each call's score, rings and handle time, and the averages."""

from __future__ import annotations

import pygame

from simulator.window.actions import Action, act
from simulator.window.captions import clock_text
from simulator.window.layout import pad, split_h, split_v, stack
from simulator.window.screen import Screen
from simulator.window.theme import Theme
from simulator.window.views import ShiftSummaryView
from simulator.window.widgets import Button, Label, Panel, Row, Widget

COLUMNS = (0.46, 0.16, 0.12, 0.12, 0.14)


class ShiftSummaryScreen(Screen):
    name = "shift"

    def __init__(self, theme: Theme, view: ShiftSummaryView) -> None:
        super().__init__(theme)
        self.view = view

    def build(self, rect: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        outer = pad(rect, t.px(28), t.px(22))
        head, figures, table, foot = split_v(outer, [t.px(56), t.px(60), 1.0, t.px(48)], t.px(14))
        n = len(v.calls)
        f1, f2, f3 = split_h(figures, [1.0, 1.0, 1.0], t.px(12))
        widgets: list[Widget] = [
            Label(
                "title",
                head,
                f"Shift summary · {v.trainee or 'trainee'}",
                role="huge",
                weight="bold",
                color=pal.accent,
            ),
            Label("avg.score", f1, f"Average score {v.average_score:.0f}", role="title"),
            Label(
                "avg.aht", f2, f"Average handle time {clock_text(v.average_handle_s)}", role="title"
            ),
            Label(
                "rings", f3, f"Answered within 3 rings: {v.within_three_rings}/{n}", role="title"
            ),
            Panel("table", table, title="Calls  ·  1-9 or click opens a scorecard"),
        ]
        inner = pad(table, t.px(14))
        body = pygame.Rect(inner.x, inner.y + t.px(24), inner.w, inner.h - t.px(24))
        for i, (call, r) in enumerate(zip(v.calls, stack(body, t.px(44), n, t.px(6)), strict=True)):
            widgets.append(
                Row(
                    f"call.{i}",
                    r,
                    call.title,
                    action=act("open_call", index=str(i)),
                    columns=(
                        f"{i + 1}. {call.title}",
                        f"score {call.score:.0f}",
                        "PASS" if call.passed else "FAIL",
                        f"{call.rings} rings",
                        clock_text(call.handle_s),
                    ),
                    widths=COLUMNS,
                )
            )
        home, _ = split_h(foot, [t.px(220), 1.0])
        widgets.append(
            Button(
                "home", home, "Start screen", action=act("home"), shortcut="Enter", style="primary"
            )
        )
        return widgets

    def state(self) -> tuple[object, ...]:
        return (*super().state(), id(self.view))

    def on_key(self, event: pygame.event.Event) -> Action | None:
        if event.key == pygame.K_ESCAPE:
            return act("home")
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.focus_id:
            return act("home")
        if pygame.K_1 <= event.key <= pygame.K_9 and event.key - pygame.K_1 < len(self.view.calls):
            return act("open_call", index=str(event.key - pygame.K_1))
        return None

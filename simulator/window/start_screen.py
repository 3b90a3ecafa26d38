"""The start screen: who is training, which scenario, or a whole shift.

The list shows the recommended scenario first (the adapter orders it), with its archetype,
difficulty and the trainee's last score. ↑/↓ pick, Enter starts the call, S starts a shift,
N edits the name; the mouse works too.
"""

from __future__ import annotations

import pygame

from simulator.window.actions import Action, act
from simulator.window.layout import pad, split_h, split_v, stack
from simulator.window.screen import Screen
from simulator.window.theme import Theme
from simulator.window.views import StartView
from simulator.window.widgets import Button, Label, Panel, Row, TextBox, Widget

COLUMNS = (0.46, 0.2, 0.14, 0.2)


class StartScreen(Screen):
    name = "start"

    def __init__(self, theme: Theme, view: StartView) -> None:
        super().__init__(theme)
        self.view = view
        self.trainee = view.trainee
        self.editing_name = not view.trainee
        self.index = 0
        self.first = 0  # first visible row

    def state(self) -> tuple[object, ...]:
        return (*super().state(), id(self.view), self.trainee, self.editing_name, self.index)

    @property
    def selected_id(self) -> str | None:
        rows = self.view.scenarios
        return rows[self.index].id if rows else None

    def build(self, rect: pygame.Rect) -> list[Widget]:
        t, pal = self.theme, self.theme.palette
        outer = pad(rect, t.px(28), t.px(22))
        head, body, foot = split_v(outer, [t.px(84), 1.0, t.px(56)], t.px(16))
        title, sub = split_v(head, [t.px(50), 1.0])
        name_row, list_panel = split_v(body, [t.px(52), 1.0], t.px(14))
        name_label, name_box, _ = split_h(name_row, [t.px(150), t.px(360), 1.0], t.px(12))
        widgets: list[Widget] = [
            Label(
                "title",
                title,
                "callsim  ·  phone desk trainer",
                role="huge",
                weight="bold",
                color=pal.accent,
            ),
            Label(
                "subtitle",
                sub,
                self.view.plan
                or "Take a simulated call, then see how it scored against the protocol.",
                color=pal.muted,
            ),
            Label("name.label", name_label, "Trainee name", weight="semibold"),
            TextBox(
                "name",
                name_box,
                self.trainee,
                placeholder="Type your name (N)",
                focused=self.editing_name,
            ),
            Panel("scenarios", list_panel, title="Scenarios  ·  ↑/↓ to pick, Enter to start"),
        ]
        widgets += self._rows(list_panel)
        if self.view.loading:
            widgets.append(
                Label("loading", list_panel, "Loading scenarios…", color=pal.muted, align="center")
            )
        start_r, shift_r, smaller, larger, quit_r = split_h(
            foot, [t.px(240), t.px(260), t.px(56), t.px(56), 1.0], t.px(12)
        )
        widgets += [
            Button(
                "start",
                start_r,
                "Start call",
                action=act("start"),
                shortcut="Enter",
                style="primary",
                enabled=bool(self.view.scenarios),
            ),
            Button(
                "shift",
                shift_r,
                f"Start a shift ({self.view.shift_size} calls)",
                action=act("shift"),
                shortcut="S",
                enabled=bool(self.view.scenarios),
            ),
            Button("font.smaller", smaller, "A−", action=act("font", step="-1")),
            Button("font.larger", larger, "A+", action=act("font", step="+1")),
            Label(
                "keys",
                quit_r,
                "Tab moves · Ctrl +/- size · Ctrl+Q quits",
                role="small",
                color=pal.faint,
                align="right",
            ),
        ]
        return widgets

    def _rows(self, panel: pygame.Rect) -> list[Widget]:
        t, pal = self.theme, self.theme.palette
        inner = pad(panel, t.px(14))
        header = pygame.Rect(inner.x, inner.y + t.px(24), inner.w, t.px(22))
        body = pygame.Rect(
            inner.x, header.bottom + t.px(6), inner.w, inner.bottom - header.bottom - t.px(6)
        )
        row_h, gap = t.px(46), t.px(6)
        visible = max(1, (body.h + gap) // (row_h + gap))
        if self.index < self.first:
            self.first = self.index
        elif self.index >= self.first + visible:
            self.first = self.index - visible + 1
        widgets: list[Widget] = []
        x = header.x + t.px(12)
        for i, name in enumerate(("Scenario", "Caller type", "Difficulty", "Last score")):
            w = int((header.w - t.px(24)) * COLUMNS[i])
            widgets.append(
                Label(
                    f"col.{i}",
                    pygame.Rect(x, header.y, w, header.h),
                    name.upper(),
                    role="small",
                    color=pal.faint,
                    weight="semibold",
                )
            )
            x += w
        room = int((header.w - t.px(24)) * COLUMNS[1]) - t.px(8)

        def kind(archetype: str) -> str:  # a narrow column shows the first tag only
            fits = t.font("label").size(archetype)[0] <= room
            return archetype if fits else archetype.split(",")[0]

        rows = self.view.scenarios[self.first : self.first + visible]
        for k, (row, r) in enumerate(zip(rows, stack(body, row_h, len(rows), gap), strict=True)):
            i = self.first + k
            last = f"{row.last_score:.0f}" if row.last_score is not None else "not yet played"
            if row.best_score is not None and row.last_score is not None:
                last += f" · best {row.best_score:.0f}"
            widgets.append(
                Row(
                    f"scenario.{i}",
                    r,
                    row.title,
                    action=act("select", index=str(i)),
                    columns=(row.title, kind(row.archetype), row.difficulty, last),
                    widths=COLUMNS,
                    selected=i == self.index,
                    badge="RECOMMENDED" if row.recommended else "",
                )
            )
        return widgets

    # -- events -----------------------------------------------------------------------------
    def on_click(self, widget: Widget, pos: tuple[int, int]) -> Action | None:
        if widget.id == "name":
            self.editing_name = True
            return None
        self.editing_name = False
        if widget.id.startswith("scenario."):
            i = int(widget.id.split(".")[1])
            if i == self.index and widget.focused:
                return self.start("start")
            self.index = i
            return None
        if widget.id in ("start", "shift"):
            return self.start(widget.id)
        return widget.action

    def start(self, kind: str) -> Action | None:
        if not self.view.scenarios:
            return None
        return act(kind, scenario=self.selected_id or "", trainee=self.trainee.strip())

    def on_key(self, event: pygame.event.Event) -> Action | None:
        if self.editing_name:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                self.editing_name = False
                self.focus_id = None  # so the next Enter starts the call
            elif event.key == pygame.K_BACKSPACE:
                self.trainee = self.trainee[:-1]
            return None
        n = len(self.view.scenarios)
        if event.key in (pygame.K_DOWN, pygame.K_UP) and n:
            self.index = (self.index + (1 if event.key == pygame.K_DOWN else -1)) % n
            self.focus_id = None
            return None
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.focus_id:
            return self.start("start")
        if event.key == pygame.K_s:
            return self.start("shift")
        if event.key == pygame.K_n:
            self.editing_name = True
        return None

    def text_target(self) -> object:
        return super().text_target() or ("name" if self.editing_name else None)

    def on_text(self, text: str) -> None:
        if self.editing_name and len(self.trainee) < 40:
            self.trainee += text

    def on_wheel(self, dy: int) -> Action | None:
        n = len(self.view.scenarios)
        if n:
            self.index = max(0, min(n - 1, self.index - dy))
        return None

"""The scorecard screen: how the call went, why, and where in the call.

Score and pass/fail first, then the critical failures, then each section with its items.
A failed item shows the rule in one sentence and its evidence (the line and time). Below,
the call as a timeline; selecting a mark lists the transcript lines around it.
Keys: ↑/↓ or wheel scroll the items, ←/→ select timeline marks, R retry, N next
recommended, Esc or B back to the start screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.window.actions import Action, act
from simulator.window.captions import clock_text
from simulator.window.layout import pad, split_h, split_v
from simulator.window.screen import Screen
from simulator.window.theme import Color, Theme
from simulator.window.timeline import Timeline
from simulator.window.views import ItemRow, ScorecardView, TimelineLine
from simulator.window.widgets import Button, Label, Panel, Widget, blit_text, draw_box

MARK_WINDOW_S = 20  # lines shown around a selected timeline mark


@dataclass
class ItemList(Widget):
    """The scrolling list of items: critical failures, then sections; failed items open."""

    rows: tuple[tuple[str, ItemRow | None], ...] = ()  # (section heading or "", item)
    scroll: int = 0

    kind = "items"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        draw_box(surf, self.rect, pal.panel, pal.border, radius=theme.px(10))
        inner = pad(self.rect, theme.px(14), theme.px(10))
        clip = surf.get_clip()
        surf.set_clip(inner)
        y = inner.y
        for heading, item in self.rows[self.scroll :]:
            if y > inner.bottom:
                break
            if item is None:
                y += theme.px(6)
                color = pal.bad if heading.startswith("Critical") else pal.muted
                blit_text(surf, theme, heading.upper(), (inner.x, y), "small", color, "bold")
                y += theme.line_height("small") + theme.px(4)
                continue
            y = self._item(surf, theme, item, inner, y)
        surf.set_clip(clip)
        if self.scroll:
            blit_text(
                surf,
                theme,
                f"↑ {self.scroll} more",
                (inner.right, inner.y),
                "small",
                pal.accent,
                anchor="topright",
            )

    def _item(
        self, surf: pygame.Surface, theme: Theme, item: ItemRow, inner: pygame.Rect, y: int
    ) -> int:
        pal = theme.palette
        mark, color = {"pass": ("✓", pal.ok), "fail": ("✗", pal.bad)}.get(
            item.result, ("–", pal.faint)
        )
        blit_text(surf, theme, mark, (inner.x + theme.px(4), y), "body", color, "bold")
        x = inner.x + theme.px(28)
        width = inner.right - x
        title_color: Color = pal.text if item.result != "na" else pal.faint
        title = item.title or item.id
        crit = "  CRITICAL" if item.critical and item.result == "fail" else ""
        r = blit_text(
            surf,
            theme,
            title,
            (x, y),
            "body",
            title_color,
            "semibold" if item.result == "fail" else "regular",
        )
        if crit:
            blit_text(surf, theme, crit, (r.right, r.y + 2), "small", pal.bad, "bold")
        blit_text(surf, theme, item.id, (inner.right, y + 2), "small", pal.faint, anchor="topright")
        y += theme.line_height("body")
        if item.result != "fail":
            return y + theme.px(2)
        for text, role, c in self._details(item, theme):
            for line in theme.wrap(text, width, role):
                blit_text(surf, theme, line, (x, y), role, c)
                y += theme.line_height(role)
        return y + theme.px(8)

    @staticmethod
    def _details(item: ItemRow, theme: Theme) -> list[tuple[str, str, Color]]:
        pal = theme.palette
        out: list[tuple[str, str, Color]] = []
        if item.rule:
            out.append((f"Rule: {item.rule}", "label", pal.muted))
        if item.reason:
            out.append((f"Why: {item.reason}", "label", pal.warn))
        for ev in item.evidence[:3]:
            out.append((f"Line {ev.line} at {ev.time}: “{ev.text}”", "label", pal.caller))
        return out

    def describe(self) -> str:
        return f"items {self.id}: {len([r for r in self.rows if r[1]])} items"


def _replay_line(ln: TimelineLine) -> str:
    return f"{clock_text(ln.time)}  {ln.speaker.upper()}: {ln.text}"


class ScorecardScreen(Screen):
    name = "scorecard"

    def __init__(self, theme: Theme, view: ScorecardView) -> None:
        super().__init__(theme)
        self.view = view
        self.scroll = 0
        self.mark: int | None = None
        self.show_na = False
        self.rows = self._flatten(view)

    def state(self) -> tuple[object, ...]:
        return (*super().state(), id(self.view), self.scroll, self.mark, self.show_na)

    def toggle_na(self) -> None:
        self.show_na = not self.show_na
        self.rows = self._flatten(self.view, self.show_na)

    @staticmethod
    def _flatten(
        view: ScorecardView, show_na: bool = False
    ) -> tuple[tuple[str, ItemRow | None], ...]:
        """What went wrong first: critical failures, the other failures by weight, the cards
        to rethink; then what passed; the n/a items folded into one heading (A unfolds)."""
        items = [it for section in view.sections for it in section.items]
        failed = sorted(
            (it for it in items if it.result == "fail" and not it.critical),
            key=lambda it: -it.weight,
        )
        passed = [it for it in items if it.result == "pass"]
        na = [it for it in items if it.result == "na"]
        rows: list[tuple[str, ItemRow | None]] = []
        if view.critical_failures:
            rows.append(("Critical failures", None))
            rows += [("", it) for it in view.critical_failures]
        if failed:
            rows.append((f"Failed · {len(failed)}", None))
            rows += [("", it) for it in failed]
        if view.picks:
            rows.append(("Cards to rethink", None))
            rows += [
                ("", ItemRow("your choice", f"You chose: {card}", "fail", reason=why))
                for card, why in view.picks
            ]
        if passed:
            rows.append((f"Passed · {len(passed)}", None))
            rows += [("", it) for it in passed]
        if na:
            fold = "A hides them" if show_na else "A shows them"
            rows.append((f"Not applicable to this call · {len(na)} ({fold})", None))
            if show_na:
                rows += [("", it) for it in na]
        return tuple(rows)

    def build(self, rect: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        outer = pad(rect, t.px(20), t.px(16))
        head, body, foot = split_v(outer, [t.px(96), 1.0, t.px(48)], t.px(14))
        score_r, verdict_r, info_r = split_h(head, [t.px(190), t.px(180), 1.0], t.px(16))
        items_r, side = split_h(body, [0.6, 0.4], t.px(14))
        advice_lines = len(t.wrap(self._advice_text(), side.w - 2 * t.px(14), "label"))
        advice_h = t.px(50) + t.line_height("label") * advice_lines
        tl_r, advice_r, lines_r = split_v(
            side, [t.px(100), min(advice_h, side.h // 2), 1.0], t.px(12)
        )
        verdict = "PASS" if v.passed else "FAIL"
        title_r, sub_r = split_v(info_r, [0.5, 0.5])
        crit = len(v.critical_failures)
        sub = (
            f"{crit} critical failure{'s' if crit != 1 else ''}" if crit else "No critical failures"
        )
        if v.bonus:
            sub += f" · {v.bonus}"
        widgets: list[Widget] = [
            Panel("score.box", score_r),
            Label(
                "score",
                score_r,
                f"{v.score:.0f}",
                role="huge",
                weight="bold",
                color=pal.ok if v.passed else pal.bad,
                align="center",
            ),
            Panel(
                "verdict.box",
                verdict_r.inflate(0, -t.px(30)),
                color=pal.accent_dark if v.passed else pal.bad_dark,
            ),
            Label(
                "verdict",
                verdict_r,
                verdict,
                role="title",
                weight="bold",
                color=pal.ok if v.passed else pal.bad,
                align="center",
            ),
            Label("title", title_r, v.scenario_title, role="title", weight="bold"),
            Label("subtitle", sub_r, sub, color=pal.bad if crit else pal.muted),
            ItemList("items", items_r, rows=self.rows, scroll=self.scroll),
            Timeline("timeline", tl_r, view=v.timeline, selected=self.mark),
        ]
        widgets += self._advice(advice_r)
        widgets += self._lines(lines_r)
        widgets += self._buttons(foot)
        return widgets

    def _advice_text(self) -> str:
        text = "\n".join(f"{i}. {tip}" for i, tip in enumerate(self.view.advice, 1))
        return text or "Nothing failed: try a harder scenario."

    def _advice(self, r: pygame.Rect) -> list[Widget]:
        t = self.theme
        body = pad(r, t.px(14), 0)
        body = pygame.Rect(body.x, r.y + t.px(32), body.w, r.h - t.px(40))
        return [
            Panel("advice", r, title="What to practise next"),
            Label("advice.text", body, self._advice_text(), role="label", wrap=True),
        ]

    def _lines(self, r: pygame.Rect) -> list[Widget]:
        t, pal = self.theme, self.theme.palette
        tl = self.view.timeline
        if self.mark is None or not (0 <= self.mark < len(tl.marks)):
            text = "Select a mark on the timeline to see the lines around it."
            return [
                Panel("lines", r, title="Replay"),
                Label(
                    "lines.hint",
                    pad(r, t.px(14), t.px(34)),
                    text,
                    role="label",
                    color=pal.faint,
                    wrap=True,
                ),
            ]
        m = tl.marks[self.mark]
        box = pad(r, t.px(14), t.px(34)).move(0, t.px(12))
        near = [ln for ln in tl.lines if abs(ln.time - m.time) <= MARK_WINDOW_S]
        shown: list[TimelineLine] = []
        used = 0
        for ln in sorted(near, key=lambda ln: abs(ln.time - m.time)):  # closest first
            height = len(t.wrap(_replay_line(ln), box.w, "label")) * t.line_height("label")
            if used + height > box.h:
                break  # a short panel shows the lines closest to the mark, each whole
            shown.append(ln)
            used += height
        body = "\n".join(_replay_line(ln) for ln in sorted(shown, key=lambda ln: ln.number))
        return [
            Panel("lines", r, title=f"Replay at {clock_text(m.time)} · {m.label}"),
            Label(
                "lines.text", box, body or "No speech near this moment.", role="label", wrap=True
            ),
        ]

    def _buttons(self, r: pygame.Rect) -> list[Widget]:
        t, v = self.theme, self.view
        retry, nxt, report, home = split_h(r, [t.px(150), 1.0, t.px(190), t.px(190)], t.px(12))
        next_text = f"Next: {v.next_title}" if v.next_title else "No next scenario"
        return [
            Button("retry", retry, "Retry", action=act("retry"), shortcut="R", style="primary"),
            Button(
                "next", nxt, next_text, action=act("next"), shortcut="N", enabled=bool(v.next_title)
            ),
            Button(
                "report",
                report,
                "HTML report" if v.report_available else "Report: soon",
                action=act("report"),
                shortcut="O",
                enabled=v.report_available,
            ),
            Button("home", home, "Start screen", action=act("home"), shortcut="Esc"),
        ]

    # -- events -----------------------------------------------------------------------------
    def on_click(self, widget: Widget, pos: tuple[int, int]) -> Action | None:
        if isinstance(widget, Timeline):
            hit = widget.click_mark(pos, self.theme)
            if hit is not None:
                self.mark = int(hit.get("index"))
            return None
        return widget.action

    def on_key(self, event: pygame.event.Event) -> Action | None:
        keys = {
            pygame.K_r: "retry",
            pygame.K_n: "next",
            pygame.K_ESCAPE: "home",
            pygame.K_b: "home",
            pygame.K_o: "report",
        }
        if event.key in keys:
            name = keys[event.key]
            if name == "next" and not self.view.next_title:
                return None
            if name == "report" and not self.view.report_available:
                return None
            return act(name)
        if event.key == pygame.K_a:
            self.toggle_na()
            return None
        marks = len(self.view.timeline.marks)
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and marks:
            step = 1 if event.key == pygame.K_RIGHT else -1
            self.mark = (
                (step - 1) // 2 % marks if self.mark is None else ((self.mark + step) % marks)
            )
            return None
        scroll = {pygame.K_DOWN: -1, pygame.K_UP: 1, pygame.K_PAGEDOWN: -8, pygame.K_PAGEUP: 8}
        if event.key in scroll:
            self.on_wheel(scroll[event.key])
        return None

    def on_wheel(self, dy: int) -> Action | None:
        self.scroll = max(0, min(len(self.rows) - 1, self.scroll - dy))
        return None

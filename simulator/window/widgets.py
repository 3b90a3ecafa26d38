"""Small immediate-mode widgets: rebuilt from the view model every frame, drawn, hit-tested.

A screen returns a fresh list of widgets for each frame, so no widget keeps state that could
drift from the engine's. Anything that must persist (focus, scroll, text being typed) lives
in the screen. `describe()` gives a one-line text form used by the textual snapshot tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from simulator.window.actions import Action
from simulator.window.theme import Color, Theme


@dataclass
class Widget:
    id: str
    rect: pygame.Rect
    text: str = ""
    action: Action | None = None
    focusable: bool = False
    focused: bool = False
    enabled: bool = True

    kind = "widget"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def click(self, pos: tuple[int, int]) -> Action | None:
        """The action a left click at `pos` triggers, if any."""
        if self.enabled and self.action is not None and self.rect.collidepoint(pos):
            return self.action
        return None

    def clipped(self, theme: Theme) -> bool:
        """True when the widget cannot show all of its text at its size (screenshot tests)."""
        return False

    def describe(self) -> str:
        flags = "" if self.enabled else " (disabled)"
        return f"{self.kind} {self.id}: {self.text}{flags}".rstrip(": ")


_BOXES: dict[tuple[int, int, Color, Color | None, int, int], pygame.Surface] = {}
_KEY = (255, 0, 255)  # colour key for the transparent corners of cached boxes


def draw_box(
    surf: pygame.Surface,
    rect: pygame.Rect,
    color: Color,
    border: Color | None = None,
    radius: int = 8,
    width: int = 1,
) -> None:
    """A rounded box. Rounded rectangles are slow to rasterise, and a frame draws the same
    few dozen again and again, so each size and style is drawn once and then blitted."""
    if rect.w <= 0 or rect.h <= 0:
        return
    key = (rect.w, rect.h, color, border, radius, width)
    box = _BOXES.get(key)
    if box is None:
        if len(_BOXES) > 400:
            _BOXES.clear()
        box = pygame.Surface(rect.size)
        box.fill(_KEY)
        local = pygame.Rect((0, 0), rect.size)
        pygame.draw.rect(box, color, local, border_radius=radius)
        if border is not None:
            pygame.draw.rect(box, border, local, width=width, border_radius=radius)
        box.set_colorkey(_KEY, pygame.RLEACCEL)
        _BOXES[key] = box
    surf.blit(box, rect)


def blit_text(
    surf: pygame.Surface,
    theme: Theme,
    text: str,
    pos: tuple[int, int],
    role: str = "body",
    color: Color | None = None,
    weight: str = "regular",
    anchor: str = "topleft",
) -> pygame.Rect:
    img = theme.text(text, role, color, weight)
    r = img.get_rect(**{anchor: pos})
    surf.blit(img, r)
    return r


@dataclass
class Panel(Widget):
    """A titled background box; not interactive."""

    title: str = ""
    color: Color | None = None

    kind = "panel"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        draw_box(surf, self.rect, self.color or pal.panel, pal.border, radius=theme.px(10))
        if self.title:
            blit_text(
                surf,
                theme,
                self.title.upper(),
                (self.rect.x + theme.px(12), self.rect.y + theme.px(8)),
                "small",
                pal.muted,
                "semibold",
            )

    def describe(self) -> str:
        return f"panel {self.id}: {self.title}".rstrip(": ")


@dataclass
class Label(Widget):
    role: str = "body"
    color: Color | None = None
    weight: str = "regular"
    wrap: bool = False
    align: str = "left"

    kind = "label"

    def clipped(self, theme: Theme) -> bool:
        if not self.text:
            return False
        if not self.wrap:
            return theme.font(self.role, self.weight).size(self.text)[0] > self.rect.w
        lines = theme.wrap(self.text, self.rect.w, self.role, self.weight)
        return len(lines) * theme.line_height(self.role) > self.rect.h + 2

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        if not self.wrap:
            text = theme.ellipsize(self.text, self.rect.w, self.role, self.weight)
            anchor, pos = {
                "left": ("midleft", self.rect.midleft),
                "center": ("center", self.rect.center),
                "right": ("midright", self.rect.midright),
            }[self.align]
            blit_text(surf, theme, text, pos, self.role, self.color, self.weight, anchor)
            return
        y = self.rect.y
        lh = theme.line_height(self.role)
        for line in theme.wrap(self.text, self.rect.w, self.role, self.weight):
            if y + lh > self.rect.bottom + 2:
                break
            blit_text(surf, theme, line, (self.rect.x, y), self.role, self.color, self.weight)
            y += lh


@dataclass
class Button(Widget):
    """A push button with an optional shortcut hint on the right and a style."""

    shortcut: str = ""
    style: str = "normal"  # normal | primary | danger | active | warn
    hover: bool = False

    kind = "button"

    def __post_init__(self) -> None:
        self.focusable = True

    def clipped(self, theme: Theme) -> bool:
        pad = theme.px(10)
        hint = 0
        if self.shortcut:
            hint = theme.font("small", "semibold").size(self.shortcut)[0] + theme.px(8) + pad
        width = theme.font("label", "semibold").size(self.text)[0]
        return width > self.rect.w - 2 * pad - hint

    def colors(self, theme: Theme) -> tuple[Color, Color, Color]:
        pal = theme.palette
        if not self.enabled:
            return pal.panel_alt, pal.faint, pal.border
        fill, text, border = {
            "primary": (pal.accent_dark, pal.text, pal.accent),
            "danger": (pal.bad_dark, pal.text, pal.bad),
            "active": (pal.warn, pal.bg, pal.warn),
            "warn": ((92, 68, 18), pal.text, pal.warn),
        }.get(self.style, (pal.button, pal.text, pal.border))
        if self.hover and self.style == "normal":
            fill = pal.button_hover
        return fill, text, border

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        fill, text_color, border = self.colors(theme)
        draw_box(surf, self.rect, fill, border, radius=theme.px(8))
        pad = theme.px(10)
        hint_w = 0
        if self.shortcut:
            hint = theme.text(self.shortcut, "small", theme.palette.muted, "semibold")
            hr = hint.get_rect(midright=(self.rect.right - pad, self.rect.centery))
            chip = hr.inflate(theme.px(8), theme.px(4))
            draw_box(surf, chip, theme.palette.bg, None, radius=theme.px(4))
            surf.blit(hint, hr)
            hint_w = chip.w + pad
        label = theme.ellipsize(self.text, self.rect.w - 2 * pad - hint_w, "label", "semibold")
        blit_text(
            surf,
            theme,
            label,
            (self.rect.x + pad, self.rect.centery),
            "label",
            text_color,
            "semibold",
            "midleft",
        )
        if self.focused:
            pygame.draw.rect(
                surf, theme.palette.focus, self.rect.inflate(4, 4), width=2, border_radius=10
            )

    def describe(self) -> str:
        key = f" [{self.shortcut}]" if self.shortcut else ""
        state = "" if self.enabled else " (disabled)"
        style = f" <{self.style}>" if self.style != "normal" else ""
        return f"button {self.id}: {self.text}{key}{style}{state}"


@dataclass
class Card(Button):
    """A numbered response card: the number in a badge, the reply wrapped beside it."""

    number: int = 0
    role: str = "label"

    kind = "card"

    @staticmethod
    def text_inset(theme: Theme) -> int:
        """Card width not available to its text: the number badge and the paddings."""
        return theme.px(10) + theme.px(26) + theme.px(10) + theme.px(10)

    def lines(self, theme: Theme) -> list[str]:
        return theme.wrap(self.text, self.rect.w - self.text_inset(theme), self.role)

    def clipped(self, theme: Theme) -> bool:
        return len(self.lines(theme)) * theme.line_height(self.role) + theme.px(8) > self.rect.h

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        fill = pal.button_hover if self.hover else pal.button
        draw_box(surf, self.rect, fill if self.enabled else pal.panel_alt, pal.border, theme.px(8))
        badge = pygame.Rect(0, 0, theme.px(26), theme.px(26))
        badge.topleft = (self.rect.x + theme.px(10), self.rect.y + theme.px(10))
        draw_box(surf, badge, pal.accent_dark, pal.accent, radius=theme.px(6))
        blit_text(surf, theme, str(self.number), badge.center, "label", pal.text, "bold", "center")
        x = badge.right + theme.px(10)
        y = self.rect.y + theme.px(8)
        lh = theme.line_height(self.role)
        color = pal.text if self.enabled else pal.faint
        for line in self.lines(theme):  # all of it: the layout made the card tall enough
            blit_text(surf, theme, line, (x, y), self.role, color)
            y += lh
        if self.focused:
            pygame.draw.rect(surf, pal.focus, self.rect.inflate(4, 4), width=2, border_radius=10)

    def describe(self) -> str:
        return f"card {self.number}: {self.text}"


@dataclass
class TextBox(Widget):
    """A one-line text entry; the screen owns the text, this only draws it."""

    placeholder: str = ""
    cursor_on: bool = True

    kind = "textbox"

    def __post_init__(self) -> None:
        self.focusable = True

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        border = pal.accent if self.focused else pal.border
        draw_box(
            surf, self.rect, pal.bg, border, radius=theme.px(8), width=2 if self.focused else 1
        )
        pad = theme.px(12)
        width = self.rect.w - 2 * pad
        if self.text:
            shown = self.text
            font = theme.font("body")
            while shown and font.size(shown)[0] > width - 4:
                shown = shown[1:]  # keep the end (where the cursor is) in view
            r = blit_text(
                surf,
                theme,
                shown,
                (self.rect.x + pad, self.rect.centery),
                "body",
                pal.text,
                anchor="midleft",
            )
            cursor_x = r.right + 1
        else:
            blit_text(
                surf,
                theme,
                theme.ellipsize(self.placeholder, width, "body"),
                (self.rect.x + pad, self.rect.centery),
                "body",
                pal.faint,
                anchor="midleft",
            )
            cursor_x = self.rect.x + pad
        if self.focused and self.cursor_on:
            h = theme.line_height("body") - 4
            pygame.draw.line(
                surf,
                pal.accent,
                (cursor_x, self.rect.centery - h // 2),
                (cursor_x, self.rect.centery + h // 2),
                2,
            )

    def describe(self) -> str:
        return f"textbox {self.id}: {self.text or '<' + self.placeholder + '>'}"


@dataclass
class Meter(Widget):
    """A labelled horizontal bar, 0..1, coloured by level (green, amber, red)."""

    value: float = 1.0
    color: Color | None = None

    kind = "meter"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        v = min(1.0, max(0.0, self.value))
        color = self.color or (pal.ok if v > 0.5 else pal.warn if v > 0.25 else pal.bad)
        label_h = theme.line_height("small")
        blit_text(surf, theme, self.text, self.rect.topleft, "small", pal.muted, "semibold")
        blit_text(
            surf,
            theme,
            f"{round(v * 100)}%",
            self.rect.topright,
            "small",
            pal.muted,
            anchor="topright",
        )
        bar = pygame.Rect(self.rect.x, self.rect.y + label_h + 2, self.rect.w, theme.px(10))
        draw_box(surf, bar, pal.bg, None, radius=theme.px(5))
        if v > 0:
            fill = bar.copy()
            fill.w = max(theme.px(10), int(bar.w * v))
            draw_box(surf, fill, color, None, radius=theme.px(5))

    def describe(self) -> str:
        return f"meter {self.id}: {self.text} {round(self.value * 100)}%"


@dataclass
class Face(Widget):
    """The caller's mood as a face: the mouth curves with mood, the colour follows it."""

    mood: float = 0.0

    kind = "face"

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        m = min(1.0, max(-1.0, self.mood))
        color = pal.ok if m > 0.25 else pal.bad if m < -0.35 else pal.warn
        c = self.rect.center
        r = min(self.rect.w, self.rect.h) // 2
        pygame.draw.circle(surf, color, c, r)
        pygame.draw.circle(surf, pal.shadow, c, r, width=max(2, r // 12))
        eye = max(2, r // 8)
        for dx in (-r // 3, r // 3):
            pygame.draw.circle(surf, pal.shadow, (c[0] + dx, c[1] - r // 4), eye)
        if m < -0.35:  # angry brows
            w = max(2, r // 12)
            pygame.draw.line(
                surf, pal.shadow, (c[0] - r // 2, c[1] - r // 2), (c[0] - r // 6, c[1] - r // 3), w
            )
            pygame.draw.line(
                surf, pal.shadow, (c[0] + r // 2, c[1] - r // 2), (c[0] + r // 6, c[1] - r // 3), w
            )
        mouth = pygame.Rect(0, 0, r, max(4, int(r * 0.6 * abs(m)) + 2))
        mouth.center = (c[0], c[1] + r // 3)
        if abs(m) < 0.1:
            pygame.draw.line(surf, pal.shadow, mouth.midleft, mouth.midright, max(2, r // 12))
        elif m > 0:
            mouth.centery -= mouth.h // 2
            pygame.draw.arc(surf, pal.shadow, mouth.inflate(0, mouth.h), 3.5, 5.9, max(2, r // 12))
        else:
            mouth.centery += mouth.h // 2
            pygame.draw.arc(surf, pal.shadow, mouth.inflate(0, mouth.h), 0.4, 2.75, max(2, r // 12))

    def describe(self) -> str:
        return f"face {self.id}: {self.text} ({self.mood:+.1f})"


@dataclass
class Row(Widget):
    """A selectable list row with columns (scenario list, directory picker)."""

    columns: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()
    selected: bool = False
    badge: str = ""
    badge_color: Color | None = None
    extra: list[str] = field(default_factory=list)

    kind = "row"

    def __post_init__(self) -> None:
        self.focusable = True

    def clipped(self, theme: Theme) -> bool:
        widths = self.widths or tuple(1 / max(1, len(self.columns)) for _ in self.columns)
        inner = self.rect.w - theme.px(24)
        for i, (col, frac) in enumerate(zip(self.columns, widths, strict=False)):
            role, weight = ("body", "semibold") if i == 0 else ("label", "regular")
            room = int(inner * frac) - theme.px(8)
            if i == 0 and self.badge:
                room -= theme.font("small", "bold").size(self.badge)[0] + 8
            if theme.font(role, weight).size(col)[0] > room:
                return True
        return False

    def draw(self, surf: pygame.Surface, theme: Theme) -> None:
        pal = theme.palette
        fill = pal.highlight if self.selected else pal.panel_alt
        draw_box(surf, self.rect, fill, pal.accent if self.selected else None, theme.px(6))
        x = self.rect.x + theme.px(12)
        widths = self.widths or tuple(1 / max(1, len(self.columns)) for _ in self.columns)
        inner = self.rect.w - theme.px(24)
        for i, (col, frac) in enumerate(zip(self.columns, widths, strict=False)):
            w = int(inner * frac)
            role, weight, color = (
                ("body", "semibold", pal.text) if i == 0 else ("label", "regular", pal.muted)
            )
            text = theme.ellipsize(col, w - theme.px(8), role, weight)
            if i == 0 and self.badge:
                b = blit_text(
                    surf,
                    theme,
                    self.badge,
                    (x, self.rect.centery),
                    "small",
                    self.badge_color or pal.accent,
                    "bold",
                    "midleft",
                )
                text = theme.ellipsize(col, w - theme.px(8) - b.w - 8, role, weight)
                blit_text(
                    surf,
                    theme,
                    text,
                    (b.right + 8, self.rect.centery),
                    role,
                    color,
                    weight,
                    "midleft",
                )
            else:
                blit_text(surf, theme, text, (x, self.rect.centery), role, color, weight, "midleft")
            x += w
        if self.focused:
            pygame.draw.rect(surf, pal.focus, self.rect.inflate(4, 4), width=2, border_radius=8)

    def describe(self) -> str:
        sel = "> " if self.selected else ""
        badge = f"[{self.badge}] " if self.badge else ""
        return f"row {sel}{badge}" + " | ".join(self.columns)

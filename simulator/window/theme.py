"""Palette, fonts and a text cache: one place that decides how the window looks.

Every screen draws through a `Theme`, so the look stays coherent and a font-size change
(the trainee's setting) is one number. Rendered text is cached because a frame draws the
same few dozen labels again and again; re-rendering them each frame would cost most of the
16 ms a frame has.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from assets import ASSETS_DIR

FONT_DIR = Path(ASSETS_DIR) / "fonts"
FONT_FILES = {
    "regular": FONT_DIR / "Inter-Regular.otf",
    "semibold": FONT_DIR / "Inter-SemiBold.otf",
    "bold": FONT_DIR / "Inter-Bold.otf",
    "mono": FONT_DIR / "DejaVuSansMono.ttf",
}

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """A dark 'night shift' desktop: navy panels, one teal accent, traffic-light states."""

    bg: Color = (16, 22, 34)
    panel: Color = (26, 34, 50)
    panel_alt: Color = (33, 43, 62)
    border: Color = (52, 64, 88)
    text: Color = (226, 232, 240)
    muted: Color = (140, 152, 173)
    faint: Color = (88, 100, 124)
    accent: Color = (45, 212, 191)
    accent_dark: Color = (17, 94, 89)
    agent: Color = (125, 211, 252)
    caller: Color = (253, 230, 138)
    highlight: Color = (51, 65, 85)
    ok: Color = (74, 222, 128)
    warn: Color = (251, 191, 36)
    bad: Color = (248, 113, 113)
    bad_dark: Color = (91, 33, 40)
    focus: Color = (250, 250, 250)
    button: Color = (41, 53, 76)
    button_hover: Color = (55, 70, 99)
    shadow: Color = (8, 11, 18)


#: Font roles and their size in points at scale 1.0.
BASE_SIZES = {
    "small": 13,
    "body": 16,
    "label": 14,
    "title": 22,
    "huge": 44,
    "clock": 18,
    "timer": 34,
}


@dataclass
class Theme:
    """Fonts at the chosen scale and a bounded cache of rendered text surfaces."""

    scale: float = 1.0
    palette: Palette = field(default_factory=Palette)
    cache_size: int = 600
    _fonts: dict[tuple[str, str], pygame.font.Font] = field(default_factory=dict, repr=False)
    _text: OrderedDict[tuple[str, str, Color], pygame.Surface] = field(
        default_factory=OrderedDict, repr=False
    )
    _wrapped: dict[tuple[str, int, str, str], list[str]] = field(default_factory=dict, repr=False)
    _cut: dict[tuple[str, int, str, str], str] = field(default_factory=dict, repr=False)

    #: the display's density: 1.0 up to about 1600x1000, 2.0 on a 4K screen (see `fit`)
    density: float = 1.0

    MIN_SCALE = 0.8
    MAX_SCALE = 1.6
    #: the window size at which density 1.0 stops being enough (HiDPI and 4K screens)
    BASE_SIZE = (1600, 1000)

    def set_scale(self, scale: float) -> None:
        scale = round(min(self.MAX_SCALE, max(self.MIN_SCALE, scale)), 2)
        if scale != self.scale:
            self.scale = scale
            self._clear()

    def fit(self, size: tuple[int, int]) -> None:
        """Follow the window size: on a big (HiDPI, 4K) window everything grows in steps of
        a quarter, so text keeps its size on the screen; the trainee's scale applies on top."""
        raw = min(size[0] / self.BASE_SIZE[0], size[1] / self.BASE_SIZE[1])
        density = max(1.0, min(3.0, int(raw * 4) / 4))
        if density != self.density:
            self.density = density
            self._clear()

    def _clear(self) -> None:
        self._fonts.clear()
        self._text.clear()
        self._wrapped.clear()
        self._cut.clear()

    def px(self, n: float) -> int:
        """A length that grows with the font size (paddings, row heights)."""
        return int(round(n * self.scale * self.density))

    def font(self, role: str = "body", weight: str = "regular") -> pygame.font.Font:
        key = (role, weight)
        f = self._fonts.get(key)
        if f is None:
            if not pygame.font.get_init():
                pygame.font.init()
            path = FONT_FILES["mono" if role in ("clock", "timer") else weight]
            size = int(BASE_SIZES[role] * self.scale * self.density)
            f = pygame.font.Font(str(path), max(8, size))
            self._fonts[key] = f
        return f

    def text(
        self, text: str, role: str = "body", color: Color | None = None, weight: str = "regular"
    ) -> pygame.Surface:
        color = color or self.palette.text
        key = (text, f"{role}:{weight}", color)
        surf = self._text.get(key)
        if surf is None:
            surf = self.font(role, weight).render(text, True, color)
            self._text[key] = surf
            if len(self._text) > self.cache_size:
                self._text.popitem(last=False)
        else:
            self._text.move_to_end(key)
        return surf

    def line_height(self, role: str = "body") -> int:
        return self.font(role).get_linesize()

    def wrap(self, text: str, width: int, role: str = "body", weight: str = "regular") -> list[str]:
        """Break text into lines that fit `width` pixels, on word boundaries (cached)."""
        key = (text, width, role, weight)
        hit = self._wrapped.get(key)
        if hit is not None:
            return hit
        if len(self._wrapped) > 2000:
            self._wrapped.clear()
        font = self.font(role, weight)
        lines: list[str] = []
        for para in text.split("\n"):
            words = para.split()
            cur = ""
            for word in words:
                trial = f"{cur} {word}" if cur else word
                if font.size(trial)[0] <= width or not cur:
                    cur = trial
                else:
                    lines.append(cur)
                    cur = word
            lines.append(cur)
        self._wrapped[key] = lines
        return lines

    def ellipsize(self, text: str, width: int, role: str = "body", weight: str = "regular") -> str:
        """`text`, cut with an ellipsis to fit `width` pixels (cached like `wrap`)."""
        key = (text, width, role, weight)
        hit = self._cut.get(key)
        if hit is not None:
            return hit
        if len(self._cut) > 2000:
            self._cut.clear()
        font = self.font(role, weight)
        cut = text
        if font.size(text)[0] > width:
            while cut and font.size(cut + "…")[0] > width:
                cut = cut[:-1]
            cut += "…"
        self._cut[key] = cut
        return cut

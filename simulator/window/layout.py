"""Rectangle arithmetic for layouts that follow the window size.

Sizes are either fixed pixels (int) or shares of what is left (float), like CSS flex:
`split_h(r, [220, 1.0, 200])` gives a 220 px column, a flexible one, and a 200 px one.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame


def _sizes(total: int, parts: Sequence[float], gap: int) -> list[int]:
    fixed = sum(int(p) for p in parts if isinstance(p, int))
    flex = sum(p for p in parts if not isinstance(p, int)) or 1.0
    left = max(0, total - fixed - gap * (len(parts) - 1))
    return [int(p) if isinstance(p, int) else int(left * p / flex) for p in parts]


def split_h(rect: pygame.Rect, parts: Sequence[float], gap: int = 0) -> list[pygame.Rect]:
    """Columns, left to right."""
    out, x = [], rect.x
    for w in _sizes(rect.w, parts, gap):
        out.append(pygame.Rect(x, rect.y, w, rect.h))
        x += w + gap
    return out


def split_v(rect: pygame.Rect, parts: Sequence[float], gap: int = 0) -> list[pygame.Rect]:
    """Rows, top to bottom."""
    out, y = [], rect.y
    for h in _sizes(rect.h, parts, gap):
        out.append(pygame.Rect(rect.x, y, rect.w, h))
        y += h + gap
    return out


def grid(rect: pygame.Rect, cols: int, rows: int, gap: int = 0) -> list[pygame.Rect]:
    """Cells row by row."""
    cells = []
    for row in split_v(rect, [1.0] * rows, gap):
        cells.extend(split_h(row, [1.0] * cols, gap))
    return cells


def pad(rect: pygame.Rect, x: int, y: int | None = None) -> pygame.Rect:
    y = x if y is None else y
    return pygame.Rect(rect.x + x, rect.y + y, max(0, rect.w - 2 * x), max(0, rect.h - 2 * y))


def stack(rect: pygame.Rect, height: int, count: int, gap: int = 0) -> list[pygame.Rect]:
    """`count` rows of a fixed height from the top of `rect` (they may overflow it)."""
    return [pygame.Rect(rect.x, rect.y + i * (height + gap), rect.w, height) for i in range(count)]

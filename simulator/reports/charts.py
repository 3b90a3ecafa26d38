"""The reports' charts, drawn by matplotlib as SVG text for inlining in the page.

Figures are made with `matplotlib.figure.Figure` (no pyplot, no GUI backend)
and saved as SVG with text kept as text. Labels are item ids, section names
and dates (never a trainee's or caller's words), with `$` escaped so no label
is read as mathtext. Each kind of chart has its own hash salt, so the ids
matplotlib gives clip paths never clash between the charts of one page, and
the same values always give the same SVG (chart_cache.py keeps it).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence

PASS, FAIL, NA, LINE = "#2e7d32", "#c62828", "#9e9e9e", "#1565c0"


def _figure(
    width: float, height: float, left: float = 0.8, bottom: float = 0.6, right: float = 0.2
) -> object:
    """A figure with fixed margins in inches (a layout engine measuring every label cost
    more than drawing the chart)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    fig.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - 0.25 / height
    )
    return fig


def _svg(fig: object, salt: str) -> str:
    """The figure as SVG text; `salt` (one per kind of chart in a page) seeds its ids."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", metadata={"Date": None})  # type: ignore[attr-defined]
    text = buf.getvalue()
    return text[text.index("<svg") :]


def plain(text: str) -> str:
    """A label matplotlib shows as written (no mathtext)."""
    return text.replace("$", r"\$")


def scores_over_time(
    when: Sequence[dt.datetime], scores: Sequence[float], passed: Sequence[bool], pass_mark: float
) -> str:
    fig = _figure(8, 2.8, bottom=0.75)
    ax = fig.add_subplot()  # type: ignore[attr-defined]
    ax.plot(when, scores, color=LINE, linewidth=0.8, alpha=0.6)
    for ok, colour in ((True, PASS), (False, FAIL)):  # one colour a call: cheaper to draw
        xs = [w for w, p in zip(when, passed, strict=True) if p is ok]
        ys = [v for v, p in zip(scores, passed, strict=True) if p is ok]
        if xs:
            ax.scatter(xs, ys, s=12, color=colour, zorder=3, linewidths=0)
    ax.axhline(pass_mark, color=NA, linestyle="--", linewidth=0.8)
    ax.set_ylim(0, 102)
    ax.set_ylabel("score")
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()  # type: ignore[attr-defined]
    return _svg(fig, "scores")


def section_rates(rates: Mapping[str, float]) -> str:
    names = list(rates)
    fig = _figure(8, 0.35 * max(3, len(names)) + 0.8, left=1.0)
    ax = fig.add_subplot()  # type: ignore[attr-defined]
    values = [100 * rates[n] for n in names]
    ax.barh(
        [plain(n) for n in names],
        values,
        color=[PASS if v >= 80 else FAIL for v in values],
    )
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("% of applicable items passed")
    for y, v in enumerate(values):
        ax.text(min(v + 1, 92), y, f"{v:.0f}%", va="center", fontsize=8)
    return _svg(fig, "sections")


def item_trend(
    items: Sequence[str], periods: Sequence[str], rates: Sequence[Sequence[float]]
) -> str:
    """A heat map: one row per item, one column per period, pass rate as colour (NaN: n/a).

    Rows and columns are labelled with plain text, not axis ticks: matplotlib builds five
    artists for every tick, and fifty item rows cost more than the rest of the report."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    data = np.ma.masked_invalid(np.array(rates, dtype=float))
    fig = _figure(9, 0.18 * max(4, len(items)) + 1.3, left=1.9, bottom=0.9)
    ax = fig.add_subplot()  # type: ignore[attr-defined]
    cmap = LinearSegmentedColormap.from_list("passrate", [FAIL, "#fbc02d", PASS]).with_extremes(
        bad="#eeeeee"
    )
    mesh = ax.pcolormesh(data, cmap=cmap, vmin=0, vmax=1, edgecolors="white", linewidth=0.5)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_ylim(max(1, len(items)), 0)  # the first item on top
    rows = ax.get_yaxis_transform()  # x in axes fractions, y in rows
    for y, item in enumerate(items):
        ax.text(-0.01, y + 0.5, plain(item), transform=rows, ha="right", va="center", fontsize=7)
    columns = ax.get_xaxis_transform()  # x in columns, y in axes fractions
    for x in range(0, len(periods), max(1, len(periods) // 12)):
        ax.text(
            x + 0.5,
            -0.02,
            plain(periods[x]),
            transform=columns,
            fontsize=7,
            rotation=45,
            ha="right",
            va="top",
            rotation_mode="anchor",
        )
    fig.colorbar(mesh, ax=ax, label="pass rate", shrink=0.6, pad=0.02)  # type: ignore[attr-defined]
    return _svg(fig, "trend")


def call_timeline(
    speech: Sequence[tuple[str, float, float]],
    holds: Sequence[tuple[float, float]],
    events: Sequence[tuple[str, float]],
    end: float,
    hold_limit: float | None,
) -> str:
    """Who spoke when and every hold, to scale; `speech` is (speaker, start, length)."""
    fig = _figure(9, 2.4, bottom=0.55, right=0.6)
    ax = fig.add_subplot()  # type: ignore[attr-defined]
    rows = {"caller": 2, "agent": 1}
    for who, colour in (("caller", "#6a1b9a"), ("agent", LINE)):
        spans = [(s, max(w, 0.5)) for sp, s, w in speech if sp == who]
        ax.broken_barh(spans, (rows[who] - 0.35, 0.7), facecolors=colour)
    too_long = [hold_limit is not None and h[1] > hold_limit for h in holds]
    over = [h for h, long in zip(holds, too_long, strict=True) if long]
    ok = [h for h, long in zip(holds, too_long, strict=True) if not long]
    ax.broken_barh(ok, (-0.35, 0.7), facecolors="#f9a825")
    ax.broken_barh(over, (-0.35, 0.7), facecolors=FAIL)
    for start, length in holds:
        ax.text(start + length / 2, 0, f"{length:.0f}s", ha="center", va="center", fontsize=7)
    for name, at in events:
        ax.axvline(at, color=NA, linewidth=0.6, linestyle=":")
        ax.text(at, 2.55, plain(name), fontsize=6, rotation=45, ha="left", va="bottom")
    ax.set_yticks([0, 1, 2], ["hold", "agent", "caller"])
    ax.set_ylim(-0.6, 3.2)
    ax.set_xlim(0, max(end, 1.0))
    ax.set_xlabel("seconds from the start of the call")
    ax.grid(axis="x", alpha=0.3)
    return _svg(fig, "timeline")


#: The charts by name: the chart cache's names, and what a report asks its drawing helper for.
BY_NAME: dict[str, Callable[..., str]] = {
    "scores": scores_over_time,
    "sections": section_rates,
    "trend": item_trend,
    "timeline": call_timeline,
}

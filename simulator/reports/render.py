"""Pages from views: Jinja2 with autoescape on for every template (names, transcript lines,
reasons and scenario titles are escaped; only matplotlib's SVG is inserted as markup)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from simulator import __version__
from simulator.records.show import OUTCOME_WORDS

RECENT_CALLS = 50


@cache
def environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("simulator.reports", "templates"),
        autoescape=True,  # every template, whatever its name
        finalize=literal,  # every value shown, before it is escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        when=_when,
        outcome=lambda o: OUTCOME_WORDS.get(o, o),
        minutes=_minutes,
        version=__version__,  # not importlib.metadata: scanning the installed packages is slow
    )
    return env


#: shown as escapes in a page: controls (a terminal escape, a bell, NEL), bidi embeddings,
#: overrides and isolates (they reorder the rest of the line as a browser shows it),
#: line and paragraph separators, and surrogates; joiners (ZWJ, ZWNJ) spell words
#: in Arabic, Persian and Indic scripts and stay
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_ESCAPED = frozenset({"Cc", "Zl", "Zp", "Cs"})


def literal(value: Any) -> Any:
    """A value as the page shows it: text from a transcript or a file with its control
    characters written as escapes (`\\x1b`, `\\u202e`), as the terminal shows them;
    markup the page made itself (a chart's SVG) as it is."""
    from markupsafe import Markup

    if not isinstance(value, str) or isinstance(value, Markup) or value.isprintable():
        return value
    return "".join(_escape(ch) for ch in value)


def _escape(ch: str) -> str:
    import unicodedata

    if ch in "\t\n" or (ch not in _BIDI and unicodedata.category(ch) not in _ESCAPED):
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _when(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if value else ""


def _minutes(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def page(template: str, **values: Any) -> str:
    written = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return str(environment().get_template(template).render(written=written, **values))


def call_page(view: Any) -> str:
    items = view.detail.items
    order = sorted(items, key=lambda i: i.item)
    return page(
        "call.html",
        view=view,
        failed=[i for i in order if i.result == "fail"],
        passed=[i for i in order if i.result == "pass"],
        not_applicable=[i for i in order if i.result not in ("fail", "pass")],
    )


def trainee_charts(view: Any) -> dict[str, tuple[Any, ...]]:
    """The trainee page's charts, by name (charts.BY_NAME), with the values each draws."""
    scored = [c for c in view.calls if c.score is not None]
    wanted: dict[str, tuple[Any, ...]] = {}
    if scored:
        wanted["scores"] = (
            [c.started_at for c in scored],
            [float(c.score or 0) for c in scored],
            [bool(c.passed) for c in scored],
            scored[-1].pass_mark or 80.0,
        )
    if view.sections:
        wanted["sections"] = (view.sections,)
    if view.items and view.periods:
        wanted["trend"] = ([s.item for s in view.items], view.periods, view.trend)
    return wanted


def trainee_page(view: Any, svgs: dict[str, str]) -> str:
    """The trainee's page, with the charts `trainee_charts` asked for, drawn."""
    from simulator.reports.gather import period_word

    calls = view.calls
    scored = [c for c in calls if c.score is not None]
    average = f"{sum(c.score or 0 for c in scored) / len(scored):.1f}" if scored else "-"
    return page(
        "trainee.html",
        view=view,
        average=average,
        passes=sum(1 for c in calls if c.passed),
        scores_svg=svgs.get("scores", ""),
        sections_svg=svgs.get("sections", ""),
        trend_svg=svgs.get("trend", ""),
        period=period_word(calls[-1].started_at - calls[0].started_at) if calls else "week",
        due_cards=list(view.plan.cards),
        recent=list(reversed(calls[-RECENT_CALLS:])),
        failed_of=lambda c: sorted(i for i, r in c.results.items() if r == "fail"),
    )


def team_page(view: Any, total_calls: int) -> str:
    return page("team.html", view=view, total_calls=total_calls, colour=_colour)


def _colour(cell: tuple[int, int]) -> str:
    """Red (0%) through amber to green (100%), light enough to read the number on."""
    passes, tries = cell
    hue = 120 * passes / tries if tries else 0
    return f"hsl({hue:.0f}, 60%, 78%)"

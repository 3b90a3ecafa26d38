"""How natural the caller is off the script, over the realism corpus (tests/data/realism/).

Three figures the issue asks for, plus the corpus's own pass rate:

1. generic replies: of the corpus lines that ask the caller something, the share
   answered with a bare nod ("Okay.") or puzzlement ("not sure what you mean"). Aim < 2 %.
2. verbatim repeats: caller lines of more than five words said twice word for word in
   one call. Measured on every corpus case and on long off-script calls (each
   scenario's corpus lines in a seeded random order, 40 agent lines a call). Aim: none.
3. polite goodbyes from a caller whose goal was not met and who is angry or furious.
   Aim: none.

    .venv/bin/python benchmarks/bench_realism.py [--seeds N] [--calls N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring.acts import recognise  # noqa: E402
from scoring.transcript import Speech  # noqa: E402
from simulator.engine import CallEngine  # noqa: E402
from simulator.engine.moves import parse_move  # noqa: E402
from simulator.engine.topics import is_question  # noqa: E402
from simulator.scenario.lines import render  # noqa: E402
from tests.simulator.engine.realism import cases, generic, judge, play, scenario  # noqa: E402

_POLITE = re.compile(r"\b(?:thank|thanks|appreciate|have a (?:good|nice|great|lovely))\b", re.I)


class Watch:
    """Counts repeats and bad goodbyes as a call's caller lines are spoken."""

    def __init__(self) -> None:
        self.repeats: list[str] = []
        self.bad_goodbyes: list[str] = []
        self.caller_lines = 0

    def call(self, engine: CallEngine, moves: list[str]) -> None:
        said: Counter[str] = Counter()
        values = engine._values
        engine.start()
        for text in moves:
            if engine.finished:
                break
            n = len(engine.lines)
            engine.apply(parse_move(render(text, values)))
            for line in engine.lines[n:]:
                if isinstance(line, Speech) and line.speaker == "caller":
                    self._line(engine, line.text, said)

    def _line(self, engine: CallEngine, text: str, said: Counter[str]) -> None:
        self.caller_lines += 1
        said[text] += 1
        if said[text] == 2 and len(text.split()) > 5:
            self.repeats.append(text)
        acts = recognise(text, "caller")
        unmet = not engine.memory.goal_met
        angry = engine.temper.mood >= 2
        if "goodbye" in acts and _POLITE.search(text) and unmet and angry:
            spam = {"spam", "wrong_number"} & engine.scenario.context
            if not spam:
                self.bad_goodbyes.append(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5, help="seeds per corpus case")
    ap.add_argument("--calls", type=int, default=20, help="long off-script calls per scenario")
    args = ap.parse_args()
    corpus = list(cases())
    questions = generic_n = passed = total = 0
    watch = Watch()
    for seed in range(args.seeds):
        for case in corpus:
            p = play(case, seed)
            total += 1
            passed += judge(p)
            if is_question(case.agent):
                questions += 1
                generic_n += generic(p.reply)
            s = scenario(case.scenario)
            before = case.before if case.before is not None else [st.agent for st in s.script[:2]]
            watch.call(CallEngine(s, seed=seed), [*before, case.agent])
    by_scenario: dict[str, list[str]] = {}
    for case in corpus:
        by_scenario.setdefault(case.scenario, []).append(case.agent)
    long_calls = 0
    for sid, lines in sorted(by_scenario.items()):
        s = scenario(sid)
        for n in range(args.calls):
            rng = random.Random(f"{sid}:{n}")
            opening = [st.agent for st in s.script[:2]]
            moves = (
                opening
                + [rng.choice(lines) for _ in range(40)]
                + s.script[-1:][0].agent.split("\n")
            )
            watch.call(CallEngine(s, seed=n), moves)
            long_calls += 1
    print(f"realism corpus: {passed}/{total} replies of the expected class ({args.seeds} seeds)")
    share = 100 * generic_n / max(1, questions)
    print(f"generic replies to questions: {generic_n}/{questions} = {share:.2f}%  (aim < 2%)")
    print(
        f"caller lines of more than five words repeated verbatim in a call: "
        f"{len(watch.repeats)} over {watch.caller_lines} caller lines, "
        f"{long_calls} long off-script calls and {total} corpus calls  (aim 0)"
    )
    for text in watch.repeats[:5]:
        print(f"    repeated: {text!r}")
    print(
        f"polite goodbyes from an angry caller whose goal was not met: "
        f"{len(watch.bad_goodbyes)}  (aim 0)"
    )
    for text in watch.bad_goodbyes[:5]:
        print(f"    goodbye: {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

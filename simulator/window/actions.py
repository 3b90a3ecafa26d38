"""What the trainee asked for, as values: the screens emit these, the app carries them out.

Screens turn clicks and keys into actions and never call the engine themselves. The app
routes call actions to the call adapter, which turns them into engine moves; so the window
holds no rule of its own and tests can assert on actions without an engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Action:
    """`name` is what to do; `args` carry the details (a choice number, text, an extension)."""

    name: str
    args: dict[str, str] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted(self.args.items()))))

    def get(self, key: str, default: str = "") -> str:
        return self.args.get(key, default)


def act(name: str, **args: str) -> Action:
    return Action(name, dict(args))


#: Call actions (handled by the call adapter): answer, choose(n), say(text), hold, resume,
#: mute, unmute, consult(ext), transfer(ext), lookup, note(text), ticket, email(to, what),
#: hangup. App actions: pause, start(scenario), shift, retry, next, home, quit,
#: font(+/-), ptt_down, ptt_up, report.
CALL_ACTIONS = frozenset(
    {
        "answer",
        "choose",
        "say",
        "hold",
        "resume",
        "mute",
        "unmute",
        "consult",
        "transfer",
        "lookup",
        "note",
        "ticket",
        "email",
        "hangup",
    }
)

"""Who is the agent? Mapping a file's speakers to AGENT and CALLER.

In order of trust: the user's `--agent-speaker` (names the agent's labels;
everyone else is the caller); roles the file itself records (Contact Lens's
ParticipantRole); role words in the labels ("Agent", "Customer", "Rep 2",
"Dana (agent)"); and, for two unnamed speakers (`spk_0`, "Speaker 1", two
people's names), what they say: the agent is the one who thanks the caller
for calling, asks for their name or account, asks to hold or offers more
help, as the act recogniser reads those lines. When none of these decides, the
file is refused with one line naming the speakers and `--agent-speaker`,
rather than graded with the roles guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from scoring.importers.base import Turn, fail
from scoring.transcript import Speaker

#: Words in a label that say which side it is (lower case).
AGENT_WORDS = frozenset(
    "agent csr rep representative associate advisor adviser operator support staff "
    "employee supervisor specialist".split()
)
CALLER_WORDS = frozenset("caller customer member client consumer guest patient".split())
_COMPANY_SIDE = re.compile(r"\bcustomer[ _-]*(?:service|support|care|success)\b", re.I)
#: Labels that name no one: generic diarisation labels.
_GENERIC = frozenset("speaker spk ch channel person voice unknown participant".split())

#: Agent acts (docs/acts.md) that a caller does not perform; and caller acts an agent does not.
AGENT_ACTS = frozenset(
    {
        "thank_for_calling",
        "ask_name",
        "ask_account",
        "ask_hold",
        "thank_for_holding",
        "anything_else",
        "ask_callback_number",
        "hold_reason",
        "ask_email",
    }
)
CALLER_ACTS = frozenset({"report_problem", "ask_supervisor", "ask_transfer", "still_unhappy"})
#: Offers of help the act recogniser has no act for (it judges what the agent
#: promises, not this opening question).
_OFFER_HELP = re.compile(
    r"\b(?:how|what) (?:can|may|might|could) (?:i|we) (?:help|assist|do for)|"
    r"\byou(?:'ve| have) reached\b",
    re.I,
)
#: How many of a speaker's turns are read to decide (the opening decides it).
_TURNS_READ = 12


def label_words(label: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", label.lower())


def role_of_label(label: str) -> Speaker | None:
    """The side a label's role words name, if exactly one side ("Customer Service" is the agent)."""
    if _COMPANY_SIDE.search(label):
        return "agent"
    words = set(label_words(label))
    agent, caller = bool(words & AGENT_WORDS), bool(words & CALLER_WORDS)
    if agent != caller:
        return "agent" if agent else "caller"
    return None


def person_name(label: str) -> str:
    """The person's name in a label ("Dana Smith", "Agent Dana" -> "Dana"), or "" for
    role words and diarisation labels (`spk_0`, "Speaker 2")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", label) if w.lower() not in AGENT_WORDS]
    words = [w for w in words if w.lower() not in CALLER_WORDS]
    if not words or len(words) > 4 or any(any(c.isdigit() for c in w) for w in words):
        return ""
    if any(len(w) < 2 for w in words):  # AssemblyAI's "A" and "B" are not initials of anyone
        return ""
    if any(w.lower() in _GENERIC for w in words) or not all(w[0].isupper() for w in words):
        return ""
    return " ".join(words)


def speakers_in(turns: Iterable[Turn]) -> list[str]:
    seen: dict[str, None] = {}
    for t in turns:
        seen.setdefault(t.speaker, None)
    return list(seen)


def assign(turns: Sequence[Turn], path: str, agent_speaker: str | None) -> dict[str, Speaker]:
    """Each speaker label's side; refuses the file when it cannot be told."""
    labels = speakers_in(turns)
    if agent_speaker:
        return _named(labels, agent_speaker, path)
    roles = _from_file(turns)
    if roles is not None:
        return roles
    by_words = _from_label_words(labels)
    if by_words is not None:
        return by_words
    return _from_content(turns, labels, path)


def _named(labels: list[str], agent_speaker: str, path: str) -> dict[str, Speaker]:
    wanted = {" ".join(n.split()).lower() for n in agent_speaker.split(",") if n.strip()}
    found = {label for label in labels if " ".join(label.split()).lower() in wanted}
    missing = wanted - {" ".join(label.split()).lower() for label in found}
    if not wanted:  # "--agent-speaker ," would make every speaker the caller
        fail(path, 0, f"--agent-speaker names no speaker (speakers: {_listing(labels)})")
    if missing:
        fail(
            path,
            0,
            f"--agent-speaker {', '.join(sorted(missing))!r} is not a speaker in the file "
            f"(speakers: {_listing(labels)})",
        )
    return {label: ("agent" if label in found else "caller") for label in labels}


def _from_file(turns: Sequence[Turn]) -> dict[str, Speaker] | None:
    if not all(t.role for t in turns):
        return None
    out: dict[str, Speaker] = {}
    for t in turns:
        if t.role:
            out.setdefault(t.speaker, t.role)
    return out


def _from_label_words(labels: list[str]) -> dict[str, Speaker] | None:
    sides = {label: role_of_label(label) for label in labels}
    known = {side for side in sides.values() if side}
    if not known:
        return None
    if len(known) == 1 and list(sides.values()).count(None) >= 1:
        other: Speaker = "caller" if known == {"agent"} else "agent"
        return {label: side or other for label, side in sides.items()}
    if None in sides.values():
        return None
    return {label: side for label, side in sides.items() if side}


def _from_content(turns: Sequence[Turn], labels: list[str], path: str) -> dict[str, Speaker]:
    if len(labels) == 1:
        fail(
            path,
            0,
            f"only one speaker ({_listing(labels)}) in the file: a call needs the agent and the "
            "caller (turn on speaker or channel identification in the transcription)",
        )
    if len(labels) > 2:
        fail(
            path,
            0,
            f"{len(labels)} speakers ({_listing(labels)}) and no roles: name the agent "
            "with --agent-speaker NAME[,NAME]",
        )
    scores = _agent_scores(turns)
    a, b = labels
    if scores.get(a, 0) == scores.get(b, 0) or max(scores.get(a, 0), scores.get(b, 0)) <= 0:
        fail(
            path,
            0,
            f"cannot tell which speaker is the agent ({_listing(labels)}): "
            f"name it with --agent-speaker {_shown(a)} (or {_shown(b)})",
        )
    agent = a if scores.get(a, 0) > scores.get(b, 0) else b
    return {label: ("agent" if label == agent else "caller") for label in labels}


def _agent_scores(turns: Sequence[Turn]) -> Mapping[str, int]:
    """Agent-like lines minus caller-like lines among each speaker's first turns."""
    from scoring.acts import recognise  # the recogniser loads its phrasing data on first use

    score: dict[str, int] = {}
    read: dict[str, int] = {}
    for t in turns:
        if read.get(t.speaker, 0) >= _TURNS_READ:
            continue
        read[t.speaker] = read.get(t.speaker, 0) + 1
        agent_like = bool(recognise(t.text, "agent") & AGENT_ACTS) or bool(
            _OFFER_HELP.search(t.text)
        )
        caller_like = bool(recognise(t.text, "caller") & CALLER_ACTS)
        score[t.speaker] = score.get(t.speaker, 0) + int(agent_like) - int(caller_like)
    return score


def _listing(labels: list[str]) -> str:
    shown = ", ".join(_shown(label) for label in labels[:6])
    return shown + (f" and {len(labels) - 6} more" if len(labels) > 6 else "")


def _shown(label: str) -> str:
    """A label quoted, whole up to 40 characters: a 30,000-character one made a message as long."""
    return repr(label if len(label) <= 40 else f"{label[:40]}...")

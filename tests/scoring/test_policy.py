"""Policy packs: shipped packs load, trainer packs extend them, broken packs are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.grader import grade
from scoring.items import ITEM_IDS
from scoring.policy import PolicyError, load_policy, shipped_policies
from scoring.reader import parse_text

HOLD_100S = """# callsim transcript: 1
[00:00] AGENT: Thank you for calling Acme, this is Dana. May I put you on hold while I check?
[00:03] CALLER: Sure.
[00:04] * hold
[01:44] * resume
[01:45] AGENT: Thank you for holding.
"""


def test_shipped_packs() -> None:
    assert set(shipped_policies()) >= {
        "default",
        "advantus",
        "cam456",
        "retail-monitor",
        "advisorycloud",
    }
    default = load_policy("default")
    assert default.items == ITEM_IDS
    assert set(default.critical) == {
        "xfer.screened",
        "xfer.product_kept",
        "xfer.once",
        "soft.no_mute",
        "esc.no_fourth_level",
    }
    assert default.params["hold_checkin_s"] == 120
    for name in shipped_policies():
        pack = load_policy(name)
        assert pack.items
        assert set(pack.items) <= set(ITEM_IDS)


@pytest.mark.parametrize("name", shipped_policies())
def test_shipped_packs_pass_the_schema(name: str) -> None:
    """Loading skips the schema for shipped packs (start-up time); this is where they meet it."""
    from scoring.policy import POLICY_DIR, _validate_shape
    from scoring.safeyaml import load_file_doc

    path = POLICY_DIR / f"{name}.yaml"
    _validate_shape(path, load_file_doc(path))


def test_org_packs_hold_their_own_items() -> None:
    assert "xfer.screened" in load_policy("advantus").items
    assert "second.notify_supervisor" in load_policy("cam456").items
    assert "soft.no_jargon" in load_policy("retail-monitor").items
    assert "close.caller_hangs_up_first" in load_policy("advisorycloud").items
    assert "soft.no_jargon" not in load_policy("advantus").items


def test_trainer_pack_extends_and_changes_the_hold_limit(tmp_path: Path) -> None:
    pack = tmp_path / "strict.yaml"
    pack.write_text(
        "name: strict\nextends: default\nparams:\n  hold_checkin_s: 90\n"
        "items:\n  close.thank: 2\n  close.brand: {weight: 2, critical: true}\n"
        "  soft.no_jargon: 0\n"
    )
    policy = load_policy(str(pack))
    assert policy.params["hold_checkin_s"] == 90
    assert policy.weights["close.thank"] == 2
    assert "close.brand" in policy.critical
    assert "soft.no_jargon" not in policy.items
    t = parse_text(HOLD_100S, "c.txt")
    assert grade(t, load_policy("default")).results["hold.max_segment"].result == "pass"
    assert grade(t, policy).results["hold.max_segment"].result == "fail"


@pytest.mark.parametrize(
    ("body", "line", "phrase"),
    [
        ("name: x\nitems:\n  open.nope: 1\n", 3, "unknown item id 'open.nope'"),
        # the line comes from the loader's marks, not a text search ("open.nope" in a comment)
        ("# open.nope: 1 was here\nname: x\nitems:\n  open.nope: 1\n", 4, "open.nope"),
        ("name: x\nitems:\n  open.introduce_self: -1\n", 3, "open.introduce_self"),
        ("name: x\nitems:\n  open.introduce_self: heavy\n", 3, "open.introduce_self"),
        (
            "name: x\nparams:\n  hold_checkin_s: -5\nitems:\n  soft.no_mute: 1\n",
            3,
            "hold_checkin_s",
        ),
        ("name: x\nparams:\n  hold_limit: 5\nitems:\n  soft.no_mute: 1\n", 3, "hold_limit"),
        ("name: x\nitems: [1, 2\n", 3, "expected ','"),
        ("name: x\ncritical: [open.nope]\nitems:\n  soft.no_mute: 1\n", 2, "open.nope"),
        ("name: x\nextends: nosuchpack\n", 2, "'nosuchpack': no such pack beside this one"),
    ],
)
def test_broken_packs_are_clear_errors(tmp_path: Path, body: str, line: int, phrase: str) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(body)
    with pytest.raises(PolicyError) as info:
        load_policy(str(pack))
    msg = str(info.value)
    if line:
        assert msg.startswith(f"{pack}:{line}"), msg
    assert phrase in msg


def test_unknown_shipped_name() -> None:
    with pytest.raises(PolicyError, match="shipped packs are"):
        load_policy("acme")


def test_alias_bomb_pack_refused_fast(tmp_path: Path) -> None:
    bomb = ["name: x", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(1, 10):
        bomb.append(f"l{i}: &l{i} [{', '.join(['*' + prev] * 9)}]")
        prev = f"l{i}"
    pack = tmp_path / "bomb.yaml"
    pack.write_text("\n".join(bomb) + "\n")
    with pytest.raises(PolicyError, match="alias bomb"):
        load_policy(str(pack))


# ---------------------------------------------------------------- names from files are not paths


def test_a_transcript_header_names_a_pack_never_a_path() -> None:
    from scoring.policy import load_named

    assert load_named("cam456").name == "cam456"
    for bad in ("/etc/passwd", "../../etc/passwd", "default.yaml", "x" * 500):
        with pytest.raises(PolicyError) as info:
            load_named(bad)
        msg = str(info.value)
        assert "root:" not in msg
        assert len(msg) < 300, msg  # a short excerpt of the bad name, not all of it


def test_extra_packs_are_found_by_name(tmp_path: Path) -> None:
    from scoring.policy import load_named

    mine = tmp_path / "mine.yaml"
    mine.write_text("name: strict\nextends: default\nparams:\n  hold_checkin_s: 90\n")
    pack = load_policy(str(mine))
    assert load_named("strict", {"strict": pack}) is pack
    with pytest.raises(PolicyError):
        load_named(str(mine), {"strict": pack})  # its path is not its name


def test_extends_resolves_beside_the_pack(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("name: base\nitems:\n  close.thank: 3\n")
    (tmp_path / "top.yaml").write_text("name: top\nextends: base\nitems:\n  close.brand: 1\n")
    (tmp_path / "file.yaml").write_text("name: f\nextends: ./base.yaml\n")
    assert load_policy(str(tmp_path / "top.yaml")).weights == {"close.thank": 3, "close.brand": 1}
    assert load_policy(str(tmp_path / "file.yaml")).weights == {"close.thank": 3}


@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.yaml", "../../../../etc/hosts"])
def test_extends_outside_the_folder_is_refused(tmp_path: Path, target: str) -> None:
    (tmp_path / "outside.yaml").write_text("name: o\nitems:\n  close.thank: 1\n")
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "p.yaml"
    pack.write_text(f"name: p\nextends: {target}\n")
    with pytest.raises(PolicyError, match="outside the pack's folder") as info:
        load_policy(str(pack))
    assert str(info.value).startswith(f"{pack}:2:")


def test_extends_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "link.yaml").symlink_to("/etc/passwd")
    (folder / "p.yaml").write_text("name: p\nextends: link.yaml\n")
    with pytest.raises(PolicyError, match="outside") as info:
        load_policy(str(folder / "p.yaml"))
    assert "root:" not in str(info.value)


def test_an_extends_cycle_is_reported_as_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: a\nextends: b\n")
    (tmp_path / "b.yaml").write_text("name: b\nextends: a\n")
    (tmp_path / "self.yaml").write_text("name: s\nextends: self.yaml\n")
    with pytest.raises(PolicyError, match=r"cycle: a\.yaml -> b\.yaml -> a\.yaml"):
        load_policy(str(tmp_path / "a.yaml"))
    with pytest.raises(PolicyError, match="cycle"):
        load_policy(str(tmp_path / "self.yaml"))


def test_errors_never_quote_another_file(tmp_path: Path) -> None:
    """A pack that is some other file (a password list) is refused without echoing it."""
    other = tmp_path / "passwd.yaml"
    other.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin\n")
    with pytest.raises(PolicyError) as info:
        load_policy(str(other))
    assert "root:x" not in str(info.value)
    long_value = tmp_path / "long.yaml"
    long_value.write_text("name: x\ntitle: [" + "secret, " * 2000 + "]\nitems:\n  close.thank: 1\n")
    with pytest.raises(PolicyError) as info:
        load_policy(str(long_value))
    assert len(str(info.value)) < 400


def test_a_number_past_4300_digits_is_an_error(tmp_path: Path) -> None:
    pack = tmp_path / "big.yaml"
    pack.write_text(
        "name: x\nparams:\n  hold_checkin_s: " + "9" * 5000 + "\nitems:\n  close.thank: 1\n"
    )
    with pytest.raises(PolicyError, match=r"big\.yaml:3:.*5,000 digits"):
        load_policy(str(pack))


def test_policy_defaults_live_in_one_typed_place() -> None:
    from scoring.policy import DEFAULT_PARAMS, DEFAULTS, PolicyParams

    assert isinstance(DEFAULTS, PolicyParams)
    assert (DEFAULTS.hold_checkin_s, DEFAULTS.callback_hours, DEFAULTS.max_transfers) == (
        120,
        24,
        1,
    )
    assert dict(DEFAULT_PARAMS) == {
        "hold_checkin_s": 120,
        "callback_hours": 24,
        "irate_callback_hours": 1,
        "max_transfers": 1,
    }
    assert load_policy("default").params == DEFAULT_PARAMS


@pytest.mark.parametrize("given", ["a" * 5000, "a/" * 3000, "x\x00y", "a/\x00b.yaml"])
def test_a_policy_argument_too_long_for_a_path_is_a_policy_error(given: str) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(given)
    assert len(str(info.value)) < 7000

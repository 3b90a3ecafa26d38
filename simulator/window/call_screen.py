"""The call screen, laid out like an agent desktop.

    ┌ top bar: brand · agent · scenario · status · call clock · shift figures ───────────┐
    │ caller panel   │ live captions (scrolling, current caller line highlighted) │ phone │
    │ (face, name,   │                                                             │ ctrls │
    │ mood, patience)│ response cards 1-4                                          │ H M C │
    │ phone / hold   │ free reply box · Send · push-to-talk                        │ T L N │
    │ caller record  │                                                             │ K E X │
    └ footer: the keys ─────────────────────────────────────────────────────────────────┘

Keys when the reply box is not focused: 1-4 choose a card, Enter types a reply,
H hold/resume, M mute, C consult, T transfer, L lookup, N note, K ticket, E email,
X hang up, Space answers (ringing) or talks (held down, when speech input is on), Esc
pauses. Ctrl+the same letter works even while typing.
"""

from __future__ import annotations

import pygame

from simulator.window.actions import Action, act
from simulator.window.captions import CaptionView, clock_text
from simulator.window.dialogs import ConfirmDialog, DirectoryPicker, OptionPicker, TextPrompt
from simulator.window.layout import pad, split_h, split_v, stack
from simulator.window.level_meter import LevelMeter
from simulator.window.screen import Screen
from simulator.window.theme import Theme
from simulator.window.views import CallView
from simulator.window.widgets import Button, Card, Face, Label, Meter, Panel, TextBox, Widget

#: (id, label, shortcut key) of the phone controls, top to bottom.
CONTROLS = (
    ("hold", "HOLD", "H"),
    ("mute", "MUTE", "M"),
    ("consult", "CONSULT", "C"),
    ("transfer", "TRANSFER", "T"),
    ("lookup", "LOOKUP", "L"),
    ("note", "NOTE", "N"),
    ("ticket", "TICKET", "K"),
    ("email", "EMAIL", "E"),
    ("hangup", "HANG UP", "X"),
)
SHORTCUTS = {getattr(pygame, f"K_{key.lower()}"): cid for cid, _, key in CONTROLS}
#: controls that still work once the caller has gone: after-call work (wrap-up)
WRAP_UP_CONTROLS = ("note", "ticket", "email")


class CallScreen(Screen):
    name = "call"

    def __init__(self, theme: Theme, view: CallView) -> None:
        super().__init__(theme)
        self.view = view
        self.reply = ""
        self.typing = False
        self.scroll = 0
        self.blink = True

    def state(self) -> tuple[object, ...]:
        return (*super().state(), self.view, self.reply, self.typing, self.scroll, self.blink)

    # -- building ---------------------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> list[Widget]:
        t = self.theme
        v = self.view
        outer = pad(rect, t.px(12))
        top, body, foot = split_v(outer, [t.px(46), 1.0, t.px(22)], t.px(10))
        left, mid, right = split_h(body, [0.24, 0.56, 0.2], t.px(12))
        widgets: list[Widget] = []
        widgets += self._top_bar(top)
        widgets += self._caller_panel(left)
        widgets += self._centre(mid)
        widgets += self._controls(right)
        keys = (
            "1-4 choose · Enter type · Space answer/talk · H hold · M mute · C consult · "
            "T transfer · L lookup · N note · K ticket · E email · X hang up · Esc pause · "
            "Ctrl +/- text size"
        )
        if t.font("small").size(keys)[0] > foot.w:  # the buttons show their own keys
            keys = "1-4 choose · Enter type · Space answer/talk · Esc pause · Ctrl +/- text size"
        widgets.append(Label("footer", foot, keys, role="small", color=t.palette.faint))
        if v.paused:
            widgets += self._paused(rect)
        return widgets

    def _status(self) -> tuple[str, str]:
        v = self.view
        if v.paused:
            return "PAUSED", "muted"
        if v.phase == "ringing":
            return f"RINGING · {v.rings}", "warn"
        if v.phase == "ended":
            return "CALL ENDED", "muted"
        if v.on_hold:
            return "ON HOLD", "warn"
        if v.muted:
            return "MUTED", "bad"
        return "LIVE", "ok"

    def _top_bar(self, r: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        status, color = self._status()
        narrow = r.w < t.px(1150)
        shift_w = (t.px(250) if narrow else t.px(330)) if v.shift else 0
        title_share = 0.0 if narrow and v.shift else 0.4  # the scenario title gives way first
        brand, title, chip, clock, shift = split_h(
            pad(r, t.px(14), 0),
            [0.6 if narrow else 0.3, title_share, t.px(130), t.px(80), shift_w],
            t.px(12),
        )
        widgets: list[Widget] = [
            Panel("topbar", r),
            Label("brand", brand, f"{v.brand} · {v.agent}", role="title", weight="bold"),
            Label("scenario", title, v.scenario_title, color=pal.muted),
            Button(
                "status",
                chip.inflate(0, -t.px(12)),
                status,
                style={"ok": "primary", "warn": "warn", "bad": "danger"}.get(color, "normal"),
            ),
            Label("clock", clock, clock_text(v.clock_s), role="clock", align="right"),
        ]
        widgets[-2].focusable = False
        if v.shift:
            s = v.shift
            aht = clock_text(s.average_handle_s) if s.average_handle_s is not None else "--:--"
            text = (
                f"Call {s.call_number}/{s.calls_total} · waiting {s.waiting} · "
                f"≤3 rings {s.within_three_rings}/{s.answered} · AHT {aht}"
            )
            if narrow:
                text = (
                    f"{s.call_number}/{s.calls_total} · {s.waiting} waiting · "
                    f"≤3 rings {s.within_three_rings}/{s.answered} · AHT {aht}"
                )
            widgets.append(
                Label("shift", shift, text, role="label", color=pal.accent, align="right")
            )
        return widgets

    def _caller_panel(self, r: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        narrow = r.w - 2 * t.px(14) - t.px(64) - t.px(12) < t.px(150)
        short = r.h < t.px(560)  # a short window: the record keeps room, the mood bar goes
        tall = t.px(285 if narrow else 240)
        caller_h = min(t.px(190 if narrow else 170) if short else tall, int(r.h * 0.5))
        phone_h = min(t.px(100 if r.h < t.px(450) else 120 if short else 150), int(r.h * 0.3))
        caller, phone, record = split_v(r, [caller_h, phone_h, 1.0], t.px(12))
        inner = pad(caller, t.px(14))
        face_r = pygame.Rect(inner.x, inner.y + t.px(22), t.px(64), t.px(64))
        name_r = pygame.Rect(
            face_r.right + t.px(12),
            face_r.y + t.px(4),
            inner.right - face_r.right - t.px(12),
            t.px(28),
        )
        mood_r = name_r.move(0, t.px(30))
        below = face_r.bottom + t.px(16)
        if name_r.w < t.px(150):  # a narrow column: the name goes under the face
            name_r = pygame.Rect(inner.x, face_r.bottom + t.px(8), inner.w, t.px(28))
            mood_r = pygame.Rect(
                face_r.right + t.px(12),
                face_r.centery - t.px(10),
                inner.right - face_r.right - t.px(12),
                t.px(20),
            )
            below = name_r.bottom + t.px(2)
        meters = stack(pygame.Rect(inner.x, below, inner.w, 0), t.px(36), 2, t.px(10))
        fits = [
            m for m in meters if m.bottom <= inner.bottom + t.px(8)
        ]  # a short panel keeps patience
        known = v.caller_name or ("Incoming call" if v.phase == "ringing" else "Name not given")
        widgets: list[Widget] = [
            Panel("caller", caller, title="Caller"),
            Face("face", face_r, v.mood_label, mood=v.mood),
            Label(
                "caller.name",
                name_r,
                known,
                role="title",
                weight="semibold",
                color=pal.text if v.caller_name else pal.muted,
            ),
            Label("caller.mood", mood_r, f"Mood: {v.mood_label}", role="label", color=pal.muted),
        ]
        if len(fits) == 2:
            widgets.append(Meter("mood", fits[0], "MOOD", value=(v.mood + 1) / 2))
        if fits:
            widgets.append(Meter("patience", fits[-1], "PATIENCE", value=v.patience))
        widgets += self._phone_panel(phone)
        widgets += self._record_panel(record)
        return widgets

    def _phone_panel(self, r: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        inner = pad(r, t.px(14))
        body = pygame.Rect(inner.x, inner.y + t.px(20), inner.w, inner.h - t.px(20))
        widgets: list[Widget] = [Panel("phone", r, title="Phone")]
        if v.phase == "ringing":
            line, button = split_v(body, [1.0, t.px(42)], t.px(8))
            rings = "ring" if v.rings == 1 else "rings"
            widgets.append(
                Label(
                    "phone.rings",
                    line,
                    f"{v.rings} {rings}",
                    role="timer",
                    color=pal.warn if v.rings > 3 else (pal.accent if self.blink else pal.text),
                    align="center",
                )
            )
            widgets.append(
                Button(
                    "answer",
                    button,
                    "ANSWER",
                    action=act("answer"),
                    shortcut="Space",
                    style="primary",
                )
            )
        elif v.on_hold:
            color = (
                pal.bad
                if v.hold_s >= v.hold_limit_s
                else pal.warn
                if v.hold_s >= v.hold_warn_s
                else pal.ok
            )
            timer, note = split_v(body, [1.0, t.px(22)])
            widgets.append(
                Label(
                    "hold.timer",
                    timer,
                    clock_text(v.hold_s),
                    role="timer",
                    color=color,
                    align="center",
                )
            )
            widgets.append(
                Label(
                    "hold.note",
                    note,
                    f"on hold · check in by {clock_text(v.hold_limit_s)}",
                    role="small",
                    color=pal.muted,
                    align="center",
                )
            )
        elif v.phase == "ended":
            line, button = split_v(body, [1.0, t.px(42)], t.px(8))
            widgets.append(
                Label(
                    "phone.state",
                    line,
                    "Wrap-up: N note · K ticket · E email",
                    role="label",
                    color=pal.muted,
                    align="center",
                    wrap=False,
                )
            )
            widgets.append(
                Button(
                    "done",
                    button,
                    "DONE: SCORECARD",
                    action=act("done"),
                    shortcut="Enter",
                    style="primary",
                )
            )
        else:
            state = "Muted" if v.muted else "Connected"
            widgets.append(
                Label(
                    "phone.state",
                    body,
                    state,
                    role="title",
                    color=pal.bad if v.muted else pal.ok,
                    align="center",
                )
            )
        return widgets

    def _record_panel(self, r: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        widgets: list[Widget] = [Panel("record", r, title="Caller record")]
        inner = pad(r, t.px(14))
        body = pygame.Rect(inner.x, inner.y + t.px(22), inner.w, inner.h - t.px(22))
        if not v.looked_up:
            widgets.append(
                Label(
                    "record.hint",
                    body,
                    "Press L (LOOKUP) to search the records: earlier contacts, the order, "
                    "the account.",
                    role="label",
                    color=pal.faint,
                    wrap=True,
                )
            )
            return widgets
        text = "\n".join(v.history) if v.history else "No earlier contacts on record."
        text = text.replace(" | ", " · ")
        role = "label"
        if len(t.wrap(text, body.w, role)) * t.line_height(role) > body.h:
            role = "small"  # a long record in a short panel: smaller, not cut
        widgets.append(Label("record.entries", body, text, role=role, wrap=True))
        return widgets

    def _centre(self, r: pygame.Rect) -> list[Widget]:
        t, v, pal = self.theme, self.view, self.theme.palette
        gap = t.px(10)
        role, heights = self._card_heights(r.w, r.h // 2)
        captions, cards, reply, notice = split_v(
            r, [1.0, sum(heights) + gap * (len(heights) - 1), t.px(46), t.px(20)], gap
        )
        widgets: list[Widget] = [
            CaptionView("captions", captions, lines=v.captions, scroll=self.scroll)
        ]
        live = v.phase == "live" and not v.paused
        cells = [c for row in split_v(cards, heights, gap) for c in split_h(row, [1.0, 1.0], gap)]
        for i, cell in enumerate(cells[: len(v.choices)]):
            widgets.append(
                Card(
                    f"card.{i + 1}",
                    cell,
                    v.choices[i],
                    action=act("choose", n=str(i + 1)),
                    number=i + 1,
                    enabled=live,
                    role=role,
                )
            )
        ptt_w = t.px(150) if v.speech_input else 0
        box, send, ptt = split_h(reply, [1.0, t.px(96), ptt_w], t.px(10))
        widgets.append(
            TextBox(
                "reply",
                box,
                self.reply,
                placeholder="Type your own reply (Enter) …",
                focused=self.typing,
                cursor_on=self.blink,
                enabled=live,
            )
        )
        widgets.append(
            Button(
                "send",
                send,
                "Send",
                action=act("say", text=self.reply),
                enabled=live and bool(self.reply.strip()),
            )
        )
        if v.speech_input:
            widgets.append(
                Button(
                    "ptt",
                    ptt,
                    "Listening…" if v.listening else "Talk",
                    shortcut="Space",
                    style="active" if v.listening else "normal",
                    enabled=live,
                )
            )
        if v.listening:
            widgets.append(LevelMeter("mic", notice, "Mic", value=v.mic_level))
        else:
            widgets.append(Label("notice", notice, v.notice, role="label", color=pal.accent))
        return widgets

    def _card_heights(self, width: int, room: int) -> tuple[str, list[int]]:
        """Two rows of two cards, each row as tall as its longest card, so every card is
        readable in full (never cut with "…"); in a small window the cards' text steps down
        to the small size before the rows outgrow `room`."""
        t, choices = self.theme, self.view.choices
        gap = t.px(10)
        text_w = (width - gap) // 2 - Card.text_inset(t)
        heights: list[int] = []
        role = "label"
        for role in ("label", "small"):
            lh = t.line_height(role)
            heights = []
            for row in (choices[0:2], choices[2:4]):
                lines = max((len(t.wrap(c, text_w, role)) for c in row), default=2)
                heights.append(max(t.px(74), max(2, lines) * lh + t.px(16)))
            if sum(heights) + gap <= room:
                break
        return role, heights

    def _controls(self, r: pygame.Rect) -> list[Widget]:
        t, v = self.theme, self.view
        live = v.phase == "live" and not v.paused
        widgets: list[Widget] = [Panel("controls", r, title="Phone controls")]
        inner = pad(r, t.px(12))
        body = pygame.Rect(inner.x, inner.y + t.px(24), inner.w, inner.h - t.px(24))
        h = min(t.px(46), (body.h - 8 * t.px(8)) // 9)
        for (cid, label, key), cell in zip(CONTROLS, stack(body, h, 9, t.px(8)), strict=True):
            name, style = cid, "normal"
            if cid == "hold" and v.on_hold:
                label, name, style = "RESUME", "resume", "active"
            elif cid == "mute" and v.muted:
                label, name, style = "UNMUTE", "unmute", "active"
            elif cid == "hangup":
                style = "danger"
            enabled = live and not (v.on_hold and cid in ("mute",))
            if v.phase == "ended" and cid in WRAP_UP_CONTROLS and not v.paused:
                enabled = True  # after-call work
            widgets.append(
                Button(
                    f"ctl.{cid}",
                    cell,
                    label,
                    action=act(name),
                    shortcut=key,
                    style=style,
                    enabled=enabled,
                )
            )
        return widgets

    def _paused(self, rect: pygame.Rect) -> list[Widget]:
        t = self.theme
        box = pygame.Rect(0, 0, t.px(420), t.px(140))
        box.center = rect.center
        title, hint = split_v(pad(box, t.px(18)), [1.0, t.px(24)])
        return [
            Panel("paused", box, color=t.palette.panel_alt),
            Label(
                "paused.title",
                title,
                "Paused — the call clock is stopped",
                role="title",
                weight="semibold",
                align="center",
            ),
            Label(
                "paused.hint",
                hint,
                "Esc resumes",
                role="label",
                color=t.palette.muted,
                align="center",
            ),
        ]

    # -- events -----------------------------------------------------------------------------
    def open_picker(self, purpose: str) -> None:
        then = self.confirm_transfer if purpose == "transfer" else None
        self.modal = DirectoryPicker(purpose, self.view.directory, self.close_modal, then)
        self.focus_id = None

    def open_lookup(self) -> None:
        """LOOKUP asks what to search, worded as the cards word a lookup."""
        from simulator.cards import LOOKUPS

        options = tuple((text, act("lookup", what=what)) for what, text in LOOKUPS.items())
        self.modal = OptionPicker("Look up in the records", options, self.close_modal)
        self.focus_id = None

    def confirm(self, title: str, message: str, action: Action, yes: str) -> None:
        self.modal = ConfirmDialog(title, message, action, self.close_modal, yes)
        self.focus_id = None

    def confirm_transfer(self, picked: Action) -> None:
        who = picked.get("to")
        dept = f" in {picked.get('dept')}" if picked.get("dept") else ""
        self.confirm(
            "Transfer the call?",
            f"Transfer the caller to {who}{dept} at extension {picked.get('ext')}? "
            "The caller leaves your line; you can still log notes and wrap up.",
            picked,
            "Transfer",
        )

    def confirm_hangup(self) -> None:
        self.confirm(
            "Hang up?",
            "End the call now? The caller hears the line go dead. "
            "(It is better to let the caller hang up first.)",
            act("hangup"),
            "Hang up",
        )

    def confirm_quit(self) -> None:
        ringing = self.view.phase == "ringing"
        message = (
            "The phone is still ringing: quitting now records the call as abandoned, not graded."
            if ringing
            else "Quitting ends this call now; it is graded as far as it went."
        )
        self.confirm("Quit callsim?", message, act("quit"), "Quit")

    def open_prompt(self, purpose: str) -> None:
        if purpose == "note":
            self.modal = TextPrompt(
                "Call note",
                "What happened, what was agreed, what is next",
                lambda s: act("note", text=s),
                self.close_modal,
            )
        else:
            self.modal = TextPrompt(
                "Email the caller (to the address on file)",
                "What the email covers: the case number, next steps …",
                lambda s: act("email", what=s),
                self.close_modal,
            )
        self.focus_id = None

    def close_modal(self) -> None:
        self.modal = None
        self.focus_id = None

    def control(self, cid: str) -> Action | None:
        """A phone control pressed by click or shortcut; some open a dialog first."""
        v = self.view
        wrap_up = v.phase == "ended" and cid in WRAP_UP_CONTROLS
        if (v.phase != "live" and not wrap_up) or v.paused:
            return None
        if cid in ("consult", "transfer"):
            self.open_picker(cid)
            return None
        if cid in ("note", "email"):
            self.open_prompt(cid)
            return None
        if cid == "hangup":
            self.confirm_hangup()
            return None
        if cid == "lookup":
            self.open_lookup()
            return None
        if cid == "hold":
            return act("resume" if v.on_hold else "hold")
        if cid == "mute":
            return act("unmute" if v.muted else "mute")
        return act(cid)

    def on_click(self, widget: Widget, pos: tuple[int, int]) -> Action | None:
        if widget.id.startswith("ctl."):
            return self.control(widget.id[4:])
        if widget.id == "reply":
            self.typing = True
            return None
        if widget.id == "send":
            return self.send()
        return widget.action

    def send(self) -> Action | None:
        text = self.reply.strip()
        if not text or self.view.phase != "live":
            return None
        self.reply = ""
        self.typing = False  # back to keys: 1-4 and the phone shortcuts work again
        return act("say", text=text)

    def on_key(self, event: pygame.event.Event) -> Action | None:
        v = self.view
        if event.key == pygame.K_ESCAPE:
            if self.typing:
                self.typing = False
                return None
            return act("pause")
        if v.paused:
            return None
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        if ctrl and event.key in SHORTCUTS:
            return self.control(SHORTCUTS[event.key])
        if self.typing:
            return self._typing_key(event)
        return self._command_key(event)

    def _typing_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.send()
        if event.key == pygame.K_BACKSPACE:
            self.reply = self.reply[:-1]
        return None

    def _command_key(self, event: pygame.event.Event) -> Action | None:
        v = self.view
        if v.phase == "ringing" and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_a):
            return act("answer")
        if v.phase == "ended" and event.key in SHORTCUTS:
            return self.control(SHORTCUTS[event.key])
        if v.phase == "ended" and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return act("done")  # wrap-up done: the scorecard
        if v.phase != "live":
            return None
        if pygame.K_1 <= event.key <= pygame.K_4:
            n = event.key - pygame.K_0
            return act("choose", n=str(n)) if n <= len(v.choices) else None
        if event.key in SHORTCUTS:
            return self.control(SHORTCUTS[event.key])
        if event.key == pygame.K_SPACE and v.speech_input and not self.focus_id:
            return act("ptt_down")
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.focus_id:
            self.typing = True
            return None
        return self._scroll_key(event)

    def _scroll_key(self, event: pygame.event.Event) -> Action | None:
        step = {pygame.K_PAGEUP: 3, pygame.K_PAGEDOWN: -3, pygame.K_END: -10_000}.get(event.key)
        if step is not None:
            self.on_wheel(step)
        return None

    def on_key_up(self, event: pygame.event.Event) -> Action | None:
        if event.key == pygame.K_SPACE and self.view.listening:
            return act("ptt_up")
        return None

    def text_target(self) -> object:
        return super().text_target() or ("reply" if self.typing else None)

    def on_text(self, text: str) -> None:
        if self.typing and self.view.phase == "live" and not self.view.paused:
            self.reply += text

    def on_wheel(self, dy: int) -> Action | None:
        self.scroll = max(0, min(len(self.view.captions) - 1, self.scroll + dy))
        return None

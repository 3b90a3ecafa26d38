"""`callsim transcribe` on real WAV files."""

import json

import pytest
from listen_audio import CALL_LINES, with_noise

from simulator.cli import main
from simulator.voice.profile import VoiceProfile


@pytest.fixture(scope="module")
def hold_wav(tmp_path_factory, synth):
    path = tmp_path_factory.mktemp("wav") / "hold.wav"
    audio = synth.synthesize("May I place you on a brief hold while I check your order?",
                             VoiceProfile(variant="f5", rate=160))  # fmt: skip
    with_noise(audio, 30).write_wav(path)
    return path


@pytest.mark.audio
def test_transcribe_prints_the_text(hold_wav, capsys):
    assert main(["transcribe", str(hold_wav)]) == 0
    out = capsys.readouterr().out
    assert "hold" in out


@pytest.mark.audio
def test_transcribe_json_lists_turns_and_acts(hold_wav, capsys, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text("brand: Advantus\nagent: Dana\ncaller: {name: Maria Lopez}\n")
    assert main(["transcribe", str(hold_wav), "--json", "--scenario", str(scenario)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "ask_hold" in report["acts"]
    assert len(report["turns"]) == 1
    assert report["turns"][0]["end"] > report["turns"][0]["start"]


def test_missing_file_and_unknown_scenario_exit_2(tmp_path, capsys):
    assert main(["transcribe", str(tmp_path / "none.wav")]) == 2
    assert "callsim transcribe:" in capsys.readouterr().err
    (tmp_path / "x.wav").write_bytes(b"not a wav")
    assert main(["transcribe", str(tmp_path / "x.wav")]) == 2
    assert "x.wav: not an audio file this can read" in capsys.readouterr().err


@pytest.mark.audio
def test_transcribe_takes_a_shipped_scenario_by_id(hold_wav, capsys):
    assert main(["transcribe", str(hold_wav), "--scenario", "irate-double-charge"]) == 0
    assert "hold" in capsys.readouterr().out


@pytest.mark.audio
def test_transcribe_reads_a_24_bit_stereo_flac_recording(hold_wav, capsys, tmp_path):
    import numpy as np
    import soundfile

    from simulator.voice.audio import read_wav

    mono = read_wav(hold_wav)
    x = np.frombuffer(mono.pcm, dtype="<i2").astype(np.float64) / 32768
    flac = tmp_path / "hold.flac"
    soundfile.write(flac, np.stack([x, x], axis=1), mono.rate, subtype="PCM_24")
    assert main(["transcribe", str(flac)]) == 0
    assert "hold" in capsys.readouterr().out


@pytest.mark.audio
def test_telephone_band_audio_is_transcribed_with_a_notice(hold_wav, capsys, tmp_path):
    import numpy as np
    import soundfile

    from simulator.voice.audio import read_wav

    audio = read_wav(hold_wav)
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64) / 32768
    narrow = np.interp(np.arange(0, x.size, audio.rate / 8000), np.arange(x.size), x)
    path = tmp_path / "phone\x1b[31m.wav"  # a name with an escape sequence is shown literally
    soundfile.write(path, narrow, 8000, subtype="PCM_16")
    assert main(["transcribe", str(path)]) == 0
    captured = capsys.readouterr()
    assert "8000 Hz (telephone band)" in captured.err
    assert "\x1b" not in captured.err
    assert captured.out.strip()  # something was heard; accuracy is not promised at 8 kHz


@pytest.fixture(scope="module")
def call_wav(tmp_path_factory, synth):
    """Six agent turns in one voice, a second apart: about 20 s of speech."""
    from simulator.listen.recogniser import to_16k
    from simulator.voice.audio import Audio

    voice = VoiceProfile(variant="m2", rate=165)
    lines = CALL_LINES
    gap = b"\0\0" * 16000
    pcm = b"".join(
        gap + to_16k(with_noise(synth.synthesize(t, voice), 30, seed=n))
        for n, t in enumerate(lines)
    )
    path = tmp_path_factory.mktemp("wav") / "call.wav"
    Audio(pcm + gap, 16000).write_wav(path)
    return path


@pytest.mark.audio
def test_self_adapt_recognises_a_long_recording_again(call_wav, hold_wav, capsys):
    assert main(["transcribe", str(call_wav), "--json", "--self-adapt"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["self_adapted"] is True
    assert len(report["turns"]) == 6
    assert "ask_hold" in report["acts"]
    said = set(
        " ".join(CALL_LINES).lower().replace(",", "").replace(".", "").replace("?", "").split()
    )
    heard = set(report["text"].split())
    assert len(said & heard) >= 0.7 * len(said)  # the second pass is a transcript, not noise
    assert main(["transcribe", str(hold_wav), "--json", "--self-adapt"]) == 0
    assert json.loads(capsys.readouterr().out)["self_adapted"] is False  # under 15 s of speech


class _Learner:
    """A stand-in for `SessionAdapter` that records how it was asked to align."""

    made: list["_Learner"] = []

    def __init__(self, **_: object) -> None:
        self.british = False
        _Learner.made.append(self)

    def add(self, pcm: bytes, text: str) -> None:
        pass

    def learn_if_due(self, background: bool = True) -> bool:
        return False


@pytest.mark.parametrize("british", [True, False])
def test_the_second_pass_aligns_a_british_speaker_as_british(monkeypatch, british):
    """As the play session does (listeners.SessionLearner): a recording the first pass heard
    in a British accent is learnt from with the British pronunciations (speech7)."""
    from simulator.commands import transcribe
    from simulator.listen import enrolment
    from simulator.voice.audio import Audio

    _Learner.made.clear()
    monkeypatch.setattr(enrolment, "SessionAdapter", _Learner)
    assert transcribe._second_pass(Audio(b"", 16000), None, [], british) is None
    assert [learner.british for learner in _Learner.made] == [british]

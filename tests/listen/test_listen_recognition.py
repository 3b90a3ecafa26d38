"""Real audio end to end: agent lines synthesised by eSpeak NG in several voices, with noise,
recognised by the domain-biased PocketSphinx model, and the acts checked."""

import pytest
from listen_audio import with_noise

from simulator.listen.listeners import acts_of
from simulator.voice.profile import VoiceProfile

pytestmark = pytest.mark.audio

VOICES = [VoiceProfile(variant=v, rate=160) for v in ("m3", "f5", "f2")]

# (line as a trainee might say it, the act it must be heard doing)
LINES = [
    ("May I place you on a brief hold while I check the stock?", "ask_hold"),
    ("Thank you so much for holding.", "thank_for_holding"),
    ("Is there anything else I can help you with today?", "anything_else"),
    ("I'm so sorry about the trouble with your order.", "empathy"),
    ("Can I get your order number please?", "ask_account"),
]


@pytest.mark.parametrize(("line", "act"), LINES)
def test_agent_lines_in_noise_are_heard_doing_their_act(synth, recogniser, line, act):
    # eSpeak adds random pitch flutter, so one voice may slip; most must not.
    heard = []
    for n, voice in enumerate(VOICES):
        audio = with_noise(synth.synthesize(line, voice), snr_db=20, seed=n)
        heard.append(recogniser.recognise(audio).text)
    hits = [text for text in heard if act in acts_of(text)]
    assert len(hits) >= 2, f"{act} heard in {len(hits)}/3: {heard}"


def test_recognition_is_faster_than_real_time(synth, recogniser):
    audio = synth.synthesize(LINES[0][0], VOICES[0])
    result = recogniser.recognise(audio)
    assert result.audio_seconds == pytest.approx(audio.duration)
    assert result.real_time_factor < 1.0


def test_the_domain_model_beats_the_stock_model_on_agent_lines(synth, recogniser):
    from simulator.listen.recogniser import SphinxRecogniser

    stock = SphinxRecogniser()
    domain_hits = stock_hits = 0
    for line, act in LINES:
        audio = with_noise(synth.synthesize(line, VOICES[1]), snr_db=25)
        domain_hits += act in acts_of(recogniser.recognise(audio).text)
        stock_hits += act in acts_of(stock.recognise(audio).text)
    assert domain_hits >= stock_hits
    assert domain_hits >= 4


def test_scenario_names_become_recognisable(synth):
    from simulator.listen.domain import DomainTerms
    from simulator.listen.recogniser import build_domain_recogniser

    rec = build_domain_recogniser(DomainTerms(brand=("Advantus",), agent=("Dwayne",)))
    assert "advantus" not in rec.model.unpronounceable
    audio = synth.synthesize("Thank you for calling Advantus, this is Dwayne.", VOICES[0])
    text = rec.recognise(with_noise(audio, 30)).text
    assert "advantus" in text.split() or "dwayne" in text.split(), text


def test_words_outside_the_phrasings_are_still_heard(synth, recogniser):
    """The background vocabulary keeps the trainee's own words possible."""
    line = "We changed the software last year and people like it."
    heard = set()
    for n, voice in enumerate(VOICES[:2]):
        heard |= set(
            recogniser.recognise(with_noise(synth.synthesize(line, voice), 30, n)).text.split()
        )
    content = {"changed", "software", "last", "year", "people", "like"}
    assert len(content & heard) >= 4, heard

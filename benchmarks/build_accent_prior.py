"""Build a British accent prior: one MLLR transform learnt from many British voices.

A new trainee's first turns are decoded with the American acoustic model; a
British speaker loses most there (docs/voice.md, "British speakers"). This
learns one global MLLR transform (3 x 13 x 14 numbers, the same kind
`callsim enrol` learns for one speaker) from many British voices, which a
recogniser could load as soon as it hears the accent, before it has learnt
anything of the trainee.

The speech: the dev2 agent lines (benchmarks/data/spoken_agent_dev2_lines.yaml;
never the held-out lines, and not the dev lines, on which the prior is
judged) spoken by British eSpeak NG voice variants that are NOT the
benchmark's four (m3, f5, m1, f2), each line by ``--per-line`` of them in
turn, in turn clean, in 30 dB white noise and in 20 dB office noise. The
alignment dictionary carries each word's British variant beside CMUdict's,
so what the transform learns is the sound of the voices, not the
pronunciation the dictionary already covers.

    python benchmarks/build_accent_prior.py --out accent-uk.mllr
        [--voices m2,m4,m5,m7,f1,f3] [--per-line 3] [--lines dev2]

Measured and NOT switched on in the recogniser (docs/voice.md, "Issue 16, third
session"): it cuts word errors on first turns but moves few acts, made no gain in a
whole call (office noise: two lines fewer of 36), and part of what it learns is
eSpeak's own sound (it helps eSpeak's American voices too, not flite's). A transform
it writes can be tried on recordings with ``callsim transcribe FILE --adapt PATH``.

Deterministic for the same eSpeak NG and pocketsphinx (seeded noise).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_speech import DEV2, load_lines  # noqa: E402
from benchmarks.office_noise import OfficeNoise  # noqa: E402
from simulator.listen.adapt import enrol, write_mllr  # noqa: E402
from simulator.listen.enrolment import prepared  # noqa: E402
from simulator.listen.pronounce import Lexicon  # noqa: E402
from simulator.listen.recogniser import _model_path  # noqa: E402
from simulator.listen.words import tokens  # noqa: E402
from simulator.voice.audio import Audio  # noqa: E402
from simulator.voice.profile import VoiceProfile  # noqa: E402
from simulator.voice.tts import EspeakSynthesizer  # noqa: E402

BENCHMARK_VARIANTS = {"m3", "f5", "m1", "f2"}  # never used here: the benchmark's speakers
DEFAULT_VOICES = "m2,m4,m5,m7,f1,f3"
RATES = (150, 165, 175)  # words a minute, in turn


def white(audio: Audio, snr_db: float, seed: int) -> Audio:
    import numpy as np

    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    loud = x[np.abs(x) > 300]
    level = float(np.sqrt(np.mean(loud**2))) if loud.size else 0.0
    noise = np.random.default_rng(seed).normal(0, level * 10 ** (-snr_db / 20), x.size)
    return Audio(np.clip(x + noise, -32768, 32767).astype("<i2").tobytes(), audio.rate)


def readings(lines: list[str], variants: list[str], per_line: int) -> list[tuple[bytes, list[str]]]:
    """Each line said by ``per_line`` of the voices in turn, in turn clean / white / office."""
    synth = EspeakSynthesizer()
    office = OfficeNoise(synth, seed=11)
    out = []
    k = 0
    for n, text in enumerate(lines):
        for j in range(per_line):
            variant = variants[(n * per_line + j) % len(variants)]
            voice = VoiceProfile(language="en-gb", variant=variant, rate=RATES[k % len(RATES)])
            audio = synth.synthesize(text, voice)
            if k % 3 == 1:
                audio = white(audio, 30.0, seed=5000 + k)
            elif k % 3 == 2:
                audio = office.add(audio, 20.0, seed=5000 + k)
            out.append((prepared(audio), tokens(text)))
            k += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the transform")
    parser.add_argument("--voices", default=DEFAULT_VOICES, help="British eSpeak NG variants")
    parser.add_argument("--per-line", type=int, default=3)
    parser.add_argument("--lines", type=Path, default=DEV2)
    parser.add_argument("--iterations", type=int, default=3)
    args = parser.parse_args()
    variants = [v.strip() for v in args.voices.split(",") if v.strip()]
    if BENCHMARK_VARIANTS & set(variants):
        parser.error(f"the benchmark's voices are not for learning: {sorted(BENCHMARK_VARIANTS)}")
    texts = [str(i["text"]) for i in load_lines(None, args.lines)]
    started = time.process_time()
    pairs = readings(texts, variants, args.per_line)
    seconds = sum(len(p) for p, _ in pairs) / 32000
    print(f"{len(pairs)} readings, {seconds / 60:.1f} min of speech", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="callsim-prior-") as folder:
        dictionary = Path(folder) / "prior.dict"
        words = {w for _, ws in pairs for w in ws}
        Lexicon(_model_path("en-us/cmudict-en-us.dict")).write_dict(words, dictionary, british=True)
        result = enrol(pairs, dictionary, iterations=args.iterations)
    if result.mllr is None:
        print("build_accent_prior: too little speech aligned", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_mllr(result.mllr, args.out)
    print(
        f"wrote {args.out}: {result.aligned} readings aligned ({result.seconds / 60:.1f} min),"
        f" {len(result.skipped)} skipped, {time.process_time() - started:.0f} s CPU",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

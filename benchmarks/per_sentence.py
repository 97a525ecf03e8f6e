"""Per-sentence analysis speed: each stage, the whole of it, and its ratio to raw VADER.

    .venv/bin/python benchmarks/per_sentence.py [--replicas 100] [--profile N] [--stage S]

The corpus is the committed seeds replicated ``--replicas`` times (the same
400-article corpus as ``make bench`` by default). Rates use CPU time of this
process (``time.process_time``), which is steadier than wall time on a machine
shared with other jobs; wall time is printed beside it. ``--profile N`` runs
cProfile over the whole per-sentence analysis of the first N body sentences
and prints the top functions by own time. Nothing is cached across calls on
sentence text, so replicated sentences cost as much as new ones.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from analysis import config
from analysis.corpus import read_corpus
from analysis.ingest import body_sentences, build_tables


def replicated_corpus(folder: Path, replicas: int) -> Path:
    for i in range(replicas):
        for src in sorted(config.RAW_DIR.glob("*.txt")):
            text = src.read_text(encoding="utf-8")
            # a unique first line keeps the duplicate check from skipping replicas
            (folder / f"{src.stem}_{i:03d}.txt").write_text(f"Replica {i} of {src.stem}.\n{text}", encoding="utf-8")
    return folder


def timed(label: str, fn, n: int, unit: str, results: dict):
    cpu0, wall0 = time.process_time(), time.perf_counter()
    out = fn()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    results[label] = cpu
    print(f"{label:<34} cpu {cpu:7.2f} s  wall {wall:7.2f} s  {n:>7,} {unit}  {n / cpu:>9,.0f} {unit}/s (cpu)",
          flush=True)
    return out


def stages(body):
    """The per-sentence stages as the notebooks call them, each a zero-argument function."""
    from analysis import claims, framing, sentiment
    from analysis.attribution import attribute_sentences

    sia = sentiment.make_analyzer()
    adjusted = sentiment.with_overrides(sia, sentiment.load_overrides(config.VADER_OVERRIDES_CSV))
    tone_words = sentiment.derive_tone_words(sia.lexicon)
    lexicon = framing.load_cues(extra=framing.extra_cue_paths(config.STORY_DIR))
    places, gazetteer, cues = claims.load_places(), claims.load_gazetteer(), claims.load_cues()
    texts = list(body["text"])
    prepared = [sentiment.prepare_text(t) for t in texts]
    return {
        "raw VADER (polarity_scores)": lambda: [sia.polarity_scores(t) for t in prepared],
        "attribution": lambda: attribute_sentences(body),
        "sentiment (raw + adjusted + tone)": lambda: sentiment.score_sentences(body, sia, adjusted, tone_words),
        "framing (cues, frame, attribution)": lambda: framing.score_sentences(body, lexicon),
        "claims (extract + context)": lambda: claims.build_claims(body, places, gazetteer, cues),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicas", type=int, default=100)
    ap.add_argument("--profile", type=int, default=0, help="profile the whole analysis on N sentences")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = replicated_corpus(Path(tmp), args.replicas)
        corpus = read_corpus(folder)
        n_articles = len(corpus.articles)
        # one-time costs (importing NLTK and SciPy, loading Punkt) are timed apart from the per-article rate
        timed("one-time setup (import, Punkt)", lambda: build_tables(read_corpus(config.RAW_DIR)), 4, "articles", {})
        tables = timed("clean + split", lambda: build_tables(corpus), n_articles, "articles", results)
    body = body_sentences(tables.sentences)
    if args.profile:
        body = body.head(args.profile)
    n = len(body)
    fns = stages(body)
    if args.profile:
        whole = [f for name, f in fns.items() if not name.startswith("raw")]
        prof = cProfile.Profile()
        prof.enable()
        for f in whole:
            f()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0
    for name, fn in fns.items():
        timed(name, fn, n, "sentences", results)
    whole = sum(v for k, v in results.items() if k not in ("clean + split", "raw VADER (polarity_scores)"))
    vader = results["raw VADER (polarity_scores)"]
    print(f"{'whole per-sentence analysis':<34} cpu {whole:7.2f} s  {n:>25,} sentences  {n / whole:>9,.0f} sentences/s"
          f" (cpu); {whole / vader:.1f}x raw VADER")
    return 0


if __name__ == "__main__":
    sys.exit(main())

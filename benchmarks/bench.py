"""Benchmarks: how fast and how big the pipeline's pieces are on this machine.

Run with `make bench`. Speed and memory are measured here, never asserted in
tests (timed tests flake on shared machines). The corpus is replicated to
reach a size where timings are stable; the numbers printed are per run on the
replicated corpus.

Targets (what a classroom laptop should manage comfortably):
  - ingestion: a 400-article corpus in under 30 s;
  - sentence scoring (VADER): at least 5,000 sentences/s on one core;
  - framing cues and claim extraction: at least 500 sentences/s;
  - peak memory of the whole benchmark under 1 GiB.
"""
from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.corpus import read_corpus
from analysis.ingest import build_tables

REPLICAS = 100  # 4 articles x 100 = 400 articles


def timed(label: str, fn, n_items: int, unit: str, target_rate: float | None = None):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    rate = n_items / seconds if seconds else float("inf")
    verdict = "" if target_rate is None else ("  OK" if rate >= target_rate else f"  BELOW TARGET ({target_rate:,.0f}/s)")
    print(f"{label:<38} {seconds:8.2f} s  {n_items:>7,} {unit}  {rate:>10,.0f} {unit}/s{verdict}")
    return result


def replicated_corpus(folder: Path) -> Path:
    for i in range(REPLICAS):
        for src in sorted(config.RAW_DIR.glob("*.txt")):
            text = src.read_text(encoding="utf-8")
            # a unique first line keeps the duplicate check from skipping replicas
            (folder / f"{src.stem}_{i:03d}.txt").write_text(f"Replica {i} of {src.stem}.\n{text}", encoding="utf-8")
    return folder


def main() -> int:
    print(f"python {sys.version.split()[0]}; replicating the corpus {REPLICAS}x\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = replicated_corpus(Path(tmp))
        n_articles = len(list(folder.glob("*.txt")))
        corpus = timed("read + validate articles", lambda: read_corpus(folder), n_articles, "articles")
        tables = timed("clean + split into sentences", lambda: build_tables(corpus), n_articles, "articles",
                       target_rate=400 / 30)
    body = tables.sentences[~tables.sentences["is_heading"]].reset_index(drop=True)
    n = len(body)

    from analysis import sentiment
    analyzer = sentiment.make_analyzer()
    timed("VADER sentence scores", lambda: [analyzer.polarity_scores(t) for t in body["text"]], n, "sentences",
          target_rate=5000)

    from analysis import claims, framing
    lexicon = framing.load_cues()
    timed("framing cues + frame per sentence", lambda: framing.score_sentences(body, lexicon), n, "sentences",
          target_rate=500)
    places, gazetteer, cues = claims.load_places(), claims.load_gazetteer(), claims.load_cues()
    timed("claim extraction + context", lambda: claims.build_claims(body, places, gazetteer, cues), n, "sentences",
          target_rate=500)

    from analysis.attribution import attribute_sentences
    timed("attribution rules", lambda: attribute_sentences(body), n, "sentences", target_rate=500)

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak_mib:,.0f} MiB{'  OK' if peak_mib < 1024 else '  ABOVE TARGET (1 GiB)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where the per-sentence framing and claims time goes: a cProfile of each on a synthetic corpus.

``python benchmarks/hotspots.py [--articles 220] [--top 15]`` generates (or reuses) a
synthetic corpus in build/bench/, then profiles ``framing.score_sentences`` and
``claims.build_claims`` on its body sentences and prints, for each, the functions with the
most time of their own (tottime) and the most time including callees (cumtime), each as a
share of the stage's total.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def profile(label: str, fn, top: int) -> None:
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    fn()
    prof.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(prof)
    total = stats.total_tt
    print(f"\n## {label}: {wall:.2f} s wall ({total:.2f} s profiled)\n")
    rows = []
    for (file, line, name), (cc, nc, tt, ct, _) in stats.stats.items():
        where = f"{Path(file).name}:{line}({name})" if line else name
        rows.append((where, nc, tt, ct))
    for key, title in ((2, "own time (tottime)"), (3, "including callees (cumtime)")):
        print(f"| {title} | calls | seconds | share |\n| --- | --- | --- | --- |")
        for where, nc, tt, ct in sorted(rows, key=lambda r: r[key], reverse=True)[:top]:
            value = tt if key == 2 else ct
            print(f"| `{where}` | {nc:,} | {value:.2f} | {value / total:.0%} |")
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=220, help="synthetic articles (220 give about 5,000 sentences)")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)

    from synthetic import generate

    from analysis import claims, framing
    from analysis.corpus import read_corpus
    from analysis.ingest import body_sentences, build_tables

    folder = ROOT / "build" / "bench" / f"synth-{args.articles}"
    if not folder.exists():
        generate(args.articles, folder)
    body = body_sentences(build_tables(read_corpus(folder)).sentences)
    print(f"{len(body):,} body sentences from {args.articles} synthetic articles")
    lexicon = framing.load_cues(extra=[folder / "framing_cues_extra.csv"])
    places, gazetteer, cues = claims.load_places(), claims.load_gazetteer(folder / "gazetteer.csv"), claims.load_cues()
    framing.score_sentences(body.head(20), lexicon)  # warm caches (lexicon files, compiled rules)
    claims.build_claims(body.head(20), places, gazetteer, cues)
    profile("framing.score_sentences", lambda: framing.score_sentences(body, lexicon), args.top)
    profile("claims.build_claims", lambda: claims.build_claims(body, places, gazetteer, cues), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())

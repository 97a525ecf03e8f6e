"""Synthetic corpora of any size, made by recombining the committed articles' paragraphs.

``python benchmarks/synthetic.py N OUT_DIR [--seed S]`` writes ``N`` article files
(``synth_00000.txt`` …) into ``OUT_DIR``. Each article is a fresh draw of the seed
articles' cleaned paragraphs (read and cleaned by the project's own reader and
cleaner, so the synthetic text is what the pipeline would see), mostly from one
"home" seed whose outlet, kind and title it carries in a ``Key: value`` header, so
every outlet is repeated about N/4 times. Draws are seeded per article: the same
seed gives the same files, and the first 100 articles of a 1,000-article corpus are
the 100-article corpus. The story files (``data/story/*.csv``: claim slots,
gazetteer, extra framing cues) are copied beside the articles, so ``make
CORPUS=OUT_DIR`` does the same work per sentence as on the committed corpus.

The source folder is only read, never written.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.corpus import UNKNOWN, read_corpus
from analysis.ingest import build_tables

DEFAULT_SEED = 20251121
PARAGRAPHS = (5, 12)  # body paragraphs per article (inclusive): about 23 sentences, as in the seeds
HOME_SHARE = 0.7      # share of an article's paragraphs drawn from its home seed
HEADING_CHANCE = 0.3  # chance of a section heading before a paragraph (from the seeds' headings)


@dataclass
class Source:
    """One seed article: its header fields and its cleaned paragraphs."""

    outlet: str
    kind: str
    title: str
    paragraphs: list[str]
    headings: list[str]


def load_sources(raw_dir: str | Path = config.RAW_DIR) -> list[Source]:
    """The seed articles, read and cleaned by the pipeline's own functions."""
    tables = build_tables(read_corpus(raw_dir))
    sources = []
    for art in tables.articles.itertuples(index=False):
        paras = tables.paragraphs[tables.paragraphs["article_id"] == art.article_id]
        outlet = art.outlet if art.outlet != UNKNOWN else re.sub(r"\s*\(\d+\)$", "", art.label)
        sources.append(Source(
            outlet=outlet,
            kind=art.kind if art.kind != UNKNOWN else "article",
            title=art.title if art.title != UNKNOWN else f"{outlet} on the OpenAI–Foxconn alliance",
            paragraphs=paras.loc[~paras["is_heading"], "text"].tolist(),
            headings=paras.loc[paras["is_heading"], "text"].tolist(),
        ))
    return sources


def article_text(i: int, sources: list[Source], seed: int = DEFAULT_SEED, attempt: int = 0) -> str:
    """The file text of synthetic article ``i`` (header, blank line, paragraphs)."""
    rng = random.Random(f"{seed}-{i}-{attempt}")
    home = sources[i % len(sources)]
    others = [p for s in sources if s is not home for p in s.paragraphs]
    all_headings = [h for s in sources for h in s.headings]
    lines = []
    for _ in range(rng.randint(*PARAGRAPHS)):
        if all_headings and rng.random() < HEADING_CHANCE:
            lines.append(rng.choice(home.headings or all_headings))
        pool = home.paragraphs if (rng.random() < HOME_SHARE or not others) else others
        lines.append(rng.choice(pool))
    day = 1 + (i * 7) % 28
    header = [
        f"Title: {home.title} ({i})",
        f"Outlet: {home.outlet}",
        f"Date: 2025-11-{day:02d}",
        f"Kind: {home.kind}",
        f"Label: {home.outlet[:30]} #{i}",
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(lines) + "\n"


def generate(n: int, out_dir: str | Path, seed: int = DEFAULT_SEED,
             raw_dir: str | Path = config.RAW_DIR, story_dir: str | Path = config.PROJECT_ROOT / "data" / "story") -> Path:
    """Write ``n`` synthetic articles (and the story files) into ``out_dir``; return it.

    ``out_dir`` must be new or empty of ``.txt`` files, so an old corpus is never mixed in.
    """
    out = Path(out_dir)
    if out.exists() and any(out.glob("*.txt")):
        raise FileExistsError(f"{out} already holds articles; choose an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    sources = load_sources(raw_dir)
    seen: set[str] = set()
    for i in range(n):
        for attempt in range(100):
            text = article_text(i, sources, seed, attempt)
            body = text.split("\n\n", 1)[1]
            fingerprint = hashlib.sha256(" ".join(body.split()).encode()).hexdigest()
            if fingerprint not in seen:  # the reader skips duplicate bodies
                break
        else:
            raise RuntimeError(f"could not draw a distinct body for article {i}")
        seen.add(fingerprint)
        (out / f"synth_{i:05d}.txt").write_text(text, encoding="utf-8")
    for story_file in sorted(Path(story_dir).glob("*.csv")):
        shutil.copyfile(story_file, out / story_file.name)
    return out


def describe(folder: str | Path) -> pd.Series:
    """Articles, outlets and sentences of a generated corpus (as the pipeline reads it)."""
    tables = build_tables(read_corpus(folder))
    body = tables.sentences[~tables.sentences["is_heading"]]
    return pd.Series({"articles": len(tables.articles), "outlets": tables.articles["outlet"].nunique(),
                      "sentences": len(body)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    generate(args.n, args.out_dir, args.seed)
    print(describe(args.out_dir).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A small deterministic synthetic corpus for the large-corpus tests.

Article ``i`` takes a header (title, outlet, date, kind, label) from seed article
``i % 4`` and 4 to 9 body paragraphs drawn, with a random generator seeded by
``i``, from all the seed articles' cleaned paragraphs. The same ``n`` always gives
the same files. The story files are copied beside the articles so notebook 04
does its usual work. The seed folder is only read.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

from analysis import config
from analysis.corpus import UNKNOWN, read_corpus
from analysis.ingest import build_tables


def write_corpus(n: int, out: Path, raw_dir: Path = config.RAW_DIR,
                 story_dir: Path = config.PROJECT_ROOT / "data" / "story") -> Path:
    """Write ``n`` synthetic articles into the new folder ``out``; return it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=False)
    tables = build_tables(read_corpus(raw_dir))
    paragraphs = tables.paragraphs[~tables.paragraphs["is_heading"]]["text"].tolist()
    seeds = list(tables.articles.itertuples(index=False))
    seen = set()
    for i in range(n):
        seed = seeds[i % len(seeds)]
        outlet = seed.outlet if seed.outlet != UNKNOWN else f"Outlet {i % len(seeds)}"
        rng = random.Random(i)
        while True:  # the reader skips duplicate bodies, so every body is new
            body = rng.sample(paragraphs, rng.randint(4, 9))
            if tuple(body) not in seen:
                seen.add(tuple(body))
                break
        header = [f"Title: Synthetic article {i}", f"Outlet: {outlet}", f"Date: 2025-11-{1 + i % 28:02d}",
                  "Kind: article", f"Label: {outlet[:24]} #{i}"]
        (out / f"synth_{i:04d}.txt").write_text("\n".join(header) + "\n\n" + "\n\n".join(body) + "\n",
                                                encoding="utf-8")
    for story_file in sorted(Path(story_dir).glob("*.csv")):
        shutil.copyfile(story_file, out / story_file.name)
    return out

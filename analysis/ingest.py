"""Turn a :class:`~analysis.corpus.Corpus` into the structured tables.

Pipeline per article: repair encoding -> drop boilerplate lines (recording
each with its rule) -> paragraphs and headings -> sentences -> word counts.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import config
from . import text as T
from .corpus import UNKNOWN, Corpus

ARTICLE_COLUMNS = [
    "article_id", "source_file", "label", "title", "outlet", "author", "published", "url", "kind",
    "title_basis", "outlet_basis", "author_basis", "published_basis", "url_basis",
    "byline_bio", "ai_authorship_disclosed", "encoding_repairs", "encoding_drops",
    "n_lines_removed", "n_paragraphs", "n_headings", "n_sentences", "n_words", "sha256", "notes",
    "source_row", "format", "published_raw", "language", "language_basis", "near_duplicate_of",
    "near_duplicate_similarity",
]
PARAGRAPH_COLUMNS = ["paragraph_id", "article_id", "line_no", "is_heading", "is_list_item", "text"]
SENTENCE_COLUMNS = ["sentence_id", "article_id", "paragraph_id", "position", "is_heading", "line_no", "n_words", "text"]
REMOVED_COLUMNS = ["article_id", "line_no", "text", "rule"]



def load_ai_disclosure(path: str | Path = config.AI_DISCLOSURE_CSV) -> re.Pattern:
    """The phrases (regular expressions, case-insensitive) that disclose AI authorship, as one pattern."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "pattern" not in df.columns:
        raise ValueError(f"{path}: missing column 'pattern'")
    return re.compile(r"\b(" + "|".join(p.strip() for p in df["pattern"] if p.strip()) + r")\b", re.IGNORECASE)


_AI_DISCLOSURE = load_ai_disclosure()


@dataclass
class CorpusTables:
    """The tables the ingestion notebook writes to ``data/processed``."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed_lines: pd.DataFrame

    def items(self):
        """(file stem, table) pairs in the order they are written."""
        return [("articles", self.articles), ("paragraphs", self.paragraphs),
                ("sentences", self.sentences), ("removed_lines", self.removed_lines)]


def _clean_line(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def structure_article(article: dict, rules, *, data_checked: bool = False
                      ) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """Clean and structure one article record from :func:`read_corpus`.

    ``rules`` is the boilerplate table or its :func:`analysis.text.compile_boilerplate_rules`.
    Returns (article row, paragraph rows, sentence rows, removed-line rows).
    """
    if not data_checked:
        from .nltk_data import require_nltk_data

        require_nltk_data()
    if isinstance(rules, pd.DataFrame):
        rules = T.compile_boilerplate_rules(rules)
    aid = article["article_id"]
    body, report = T.repair_mojibake(article["body_raw"])
    title = "" if article["title"] == UNKNOWN else article["title"]
    outlet = "" if article["outlet"] == UNKNOWN else article["outlet"]
    offset = int(article["header_lines"])  # line numbers refer to the raw file

    paragraphs, sentences, removed, bios = [], [], [], []
    position = 0
    for i, raw_line in enumerate(body.split("\n"), start=1 + offset):
        line = _clean_line(raw_line)
        if not line:
            continue
        rule = T.match_boilerplate(line, rules, title=title, outlet=outlet)
        if rule:
            removed.append({"article_id": aid, "line_no": i, "text": line, "rule": rule})
            if rule == "author_bio":
                bios.append(line)
            continue
        heading = T.is_heading(line)
        is_list = line.startswith(("- ", "• ", "* "))
        content = T.strip_leading_symbols(line) if (heading or is_list) else line
        if not content:
            removed.append({"article_id": aid, "line_no": i, "text": line, "rule": "symbols_only"})
            continue
        pid = f"{aid}-p{len(paragraphs):03d}"
        paragraphs.append({"paragraph_id": pid, "article_id": aid, "line_no": i,
                           "is_heading": heading, "is_list_item": is_list, "text": content})
        for sent in ([content] if heading else T.sentences(content, data_checked=True)):
            sentences.append({
                "sentence_id": f"{aid}-s{position:03d}", "article_id": aid, "paragraph_id": pid,
                "position": position, "is_heading": heading, "line_no": i,
                "n_words": len(T.word_tokens(sent)), "text": sent,
            })
            position += 1

    body_sents = [s for s in sentences if not s["is_heading"]]
    row = {k: article.get(k, "") for k in ARTICLE_COLUMNS}
    row.update({
        "byline_bio": " ".join(bios),
        "ai_authorship_disclosed": bool(_AI_DISCLOSURE.search(" ".join(bios) + " " + body)),
        "encoding_repairs": report.repaired,
        "encoding_drops": report.dropped,
        "n_lines_removed": len(removed),
        "n_paragraphs": sum(not p["is_heading"] for p in paragraphs),
        "n_headings": sum(p["is_heading"] for p in paragraphs),
        "n_sentences": len(body_sents),
        "n_words": sum(s["n_words"] for s in body_sents),
    })
    return row, paragraphs, sentences, removed


def body_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The body sentences (``is_heading`` False), sorted by article and position.

    The one body-sentence filter (sentiment, framing, claims, notebook 04).
    Accepts ``is_heading`` as booleans or as the strings a CSV round trip may
    give; a table without ``is_heading`` is all body, and one without
    ``article_id`` or ``position`` keeps its order on the missing key.
    """
    if "is_heading" in sentences.columns:
        heading = sentences["is_heading"].astype(str).str.lower().isin({"true", "1"})
        body = sentences.loc[~heading].copy()
    else:
        body = sentences.copy()
    order = [c for c in ("article_id", "position") if c in body.columns]
    if order:
        body = body.sort_values(order, kind="stable")
    return body.reset_index(drop=True)


@functools.cache
def _nltk_ready() -> None:
    """Check the NLTK data once per process (a pool or Dask worker checks its own)."""
    from .nltk_data import require_nltk_data

    require_nltk_data()


def _structure_checked(article: dict, rules) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """:func:`structure_article` with the NLTK data checked once per process, for the engine."""
    _nltk_ready()
    return structure_article(article, rules, data_checked=True)


def build_tables(corpus: Corpus, rules: pd.DataFrame | None = None) -> CorpusTables:
    """Structure every article of a corpus into the four tables (stable row order).

    The articles are structured in parallel by :func:`analysis.engine.map_articles`
    (``WORKERS``, ``DASK_SCHEDULER``); the tables are the same whatever the engine.
    """
    from functools import partial

    from .engine import map_articles

    compiled = T.compile_boilerplate_rules(T.load_boilerplate_rules() if rules is None else rules)
    records = corpus.articles.to_dict("records")
    T.sentences("Load the model here. Forked workers then share it.")  # else each worker loads Punkt (seconds)
    structured = map_articles(partial(_structure_checked, rules=compiled), records,
                              [r["article_id"] for r in records], desc="clean + split")
    arts, paras, sents, removed = [], [], [], []
    for a, p, s, r in structured:
        arts.append(a)
        paras += p
        sents += s
        removed += r
    return CorpusTables(
        articles=pd.DataFrame(arts, columns=ARTICLE_COLUMNS),
        paragraphs=pd.DataFrame(paras, columns=PARAGRAPH_COLUMNS),
        sentences=pd.DataFrame(sents, columns=SENTENCE_COLUMNS),
        removed_lines=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
    )


def write_tables(tables: CorpusTables, processed_dir: str | Path) -> list[Path]:
    """Write each table as ``<name>.csv`` in ``processed_dir`` (and Parquet when large); return the paths."""
    from .io import write_table

    return [path for name, df in tables.items() for path in write_table(df, processed_dir, name)]

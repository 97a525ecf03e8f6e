"""Screening a corpus before analysis: language and near-duplicates.

* :func:`detect_language` gives an ISO 639-1 code with langdetect (a port of
  Google's language-detection library), seeded so reruns agree. A text too
  short, or a detection below :data:`MIN_LANGUAGE_PROBABILITY`, is ``und``
  (undetermined) rather than a guess.
* :func:`near_duplicates` finds articles that substantially repeat an earlier
  one (a syndicated copy under another outlet, say): word 5-gram shingles,
  candidate pairs from MinHash LSH (datasketch), then the exact Jaccard
  similarity of the two shingle sets. Pairs at or above
  :data:`NEAR_DUPLICATE_THRESHOLD` are near-duplicates.

Why 0.5: a copy with a new headline, a changed paragraph and different page
furniture still shares well over half of its 5-word sequences with the
original (about 0.8 in the test corpus), while two independent reports of one
event, even quoting the same statement, share only the quote's few shingles
(below 0.1 on the seed articles).
"""
from __future__ import annotations

import re

import pandas as pd

UNDETERMINED = "und"
MIN_LANGUAGE_WORDS = 15
MIN_LANGUAGE_PROBABILITY = 0.90
LANGUAGE_SAMPLE_WORDS = 200  # langdetect is reliable on a few sentences and slow on long texts
NEAR_DUPLICATE_THRESHOLD = 0.5
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def load_language_profiles() -> None:
    """Load langdetect's language profiles now (about a second) rather than on first use."""
    from langdetect.detector_factory import init_factory

    init_factory()


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` (``und`` when too short or uncertain)."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    words = _WORD.findall(text or "")
    if len(words) < MIN_LANGUAGE_WORDS:
        return UNDETERMINED
    DetectorFactory.seed = 0  # langdetect samples at random: a fixed seed makes it deterministic
    try:
        best = detect_langs(" ".join(words[:LANGUAGE_SAMPLE_WORDS]))[0]
    except LangDetectException:
        return UNDETERMINED
    if best.prob < MIN_LANGUAGE_PROBABILITY:
        return UNDETERMINED
    return best.lang.split("-")[0]


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of lower-cased word ``k``-grams of ``text`` (the whole text if shorter)."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def near_duplicates(articles: pd.DataFrame, text_column: str = "body_raw",
                    threshold: float = NEAR_DUPLICATE_THRESHOLD) -> pd.DataFrame:
    """For each article, the earlier article it substantially repeats.

    ``articles`` needs ``article_id`` and ``text_column``; its row order is
    the order of precedence (the first of two copies is the original), so
    sort it by publication date first if you know them. Returns columns
    ``article_id, near_duplicate_of, near_duplicate_similarity`` (empty /
    NaN for an article that repeats nothing).
    """
    from datasketch import MinHash, MinHashLSH

    ids = list(articles["article_id"])
    sets = {a: shingles(t) for a, t in zip(ids, articles[text_column].fillna(""))}
    lsh = MinHashLSH(threshold=threshold * 0.8, num_perm=128)  # generous: exact Jaccard confirms below
    of, sim = {}, {}
    empty = MinHash(num_perm=128, seed=1)  # copied per article: building the permutations is the slow part
    for aid in ids:
        m = empty.copy()
        m.update_batch([s.encode("utf-8") for s in sets[aid]])
        best = None
        for other in lsh.query(m):
            j = jaccard(sets[aid], sets[other])
            if j >= threshold and (best is None or (j, -ids.index(other)) > (best[0], -ids.index(best[1]))):
                best = (j, other)
        if best is not None:
            of[aid], sim[aid] = best[1], round(best[0], 3)
        lsh.insert(aid, m)
    return pd.DataFrame({"article_id": ids, "near_duplicate_of": [of.get(a, "") for a in ids],
                         "near_duplicate_similarity": [sim.get(a, float("nan")) for a in ids]})


def lexicon_scope(articles: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """The articles the English lexicons may score, and the ones they leave out with the reason.

    An article is left out when its ``language`` is known and not English;
    ``und`` (undetermined) stays in. Returns (kept article ids, a table
    ``article_id, label, language, reason``).
    """
    lang = articles.get("language", pd.Series(["en"] * len(articles), index=articles.index)).fillna(UNDETERMINED)
    out = ~lang.astype(str).isin(["en", UNDETERMINED])
    left = articles.loc[out, ["article_id", "label"]].assign(
        language=lang[out].astype(str),
        reason="not in English: VADER and the project's lexicons are English word lists, so they would score it as neutral")
    return articles.loc[~out, "article_id"].tolist(), left.reset_index(drop=True)


def flagged_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``articles`` marked ``near_duplicate_of`` another (works on a table read back from CSV,
    where an all-empty column comes back as NaN)."""
    dup = articles["near_duplicate_of"] if "near_duplicate_of" in articles.columns else pd.Series(index=articles.index)
    return articles[dup.notna() & (dup.astype(str).str.strip() != "")]

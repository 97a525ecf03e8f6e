"""Comparing vocabularies (notebook 03): Fightin' Words keyness (Monroe, Colaresi & Quinn 2008) and keyword in context. Words are matched like framing cues (:func:`analysis.framing.compile_term`)."""
from __future__ import annotations

import functools
import re
from collections import Counter

import numpy as np
import pandas as pd

from .framing import compile_term, normalise
from .text import word_tokens


# --------------------------------------------------------------------------
# Keyness: Monroe, Colaresi & Quinn (2008)
# --------------------------------------------------------------------------

def keyness_tokens(text: str) -> list[str]:
    """Lower-cased word tokens with possessive 's removed; tokens without a letter are dropped."""
    return list(_keyness_tokens(text))


@functools.lru_cache(maxsize=1 << 18)
def _keyness_tokens(text: str) -> tuple[str, ...]:
    """:func:`keyness_tokens`, once per distinct sentence (notebook 03 counts each sentence several times)."""
    out = []
    for tok in word_tokens(normalise(text)):
        tok = re.sub(r"'s$", "", tok.lower())
        if any(ch.isalpha() for ch in tok):
            out.append(tok)
    return tuple(out)


def log_odds_dirichlet(y_i: pd.Series, y_j: pd.Series, alpha: pd.Series) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eqs. 16 and 20).

    ``y_i`` and ``y_j`` are word counts in the two groups, ``alpha`` the prior
    pseudo-counts, all indexed by word (missing counts are 0). With
    ``n = sum(y)`` and ``a0 = sum(alpha)``::

        delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
                - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
        var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z_w     = delta_w / sqrt(var_w)

    Positive z: the word is more typical of group i. Returns columns
    ``word, count, count_rest, delta, se, z``.
    """
    words = alpha.index.union(y_i.index).union(y_j.index)
    a = alpha.reindex(words, fill_value=0.0).astype(float)
    yi = y_i.reindex(words, fill_value=0).astype(float)
    yj = y_j.reindex(words, fill_value=0).astype(float)
    if (a <= 0).any():
        raise ValueError("every word needs a positive prior count")
    n_i, n_j, a0 = yi.sum(), yj.sum(), a.sum()
    delta = np.log((yi + a) / (n_i + a0 - yi - a)) - np.log((yj + a) / (n_j + a0 - yj - a))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    return pd.DataFrame({"word": words, "count": yi.astype(int).to_numpy(),
                         "count_rest": yj.astype(int).to_numpy(), "delta": delta.to_numpy(),
                         "se": np.sqrt(var).to_numpy(), "z": (delta / np.sqrt(var)).to_numpy()})


KEYNESS_ALL_WORDS_MAX = 1_000_000
"""Above this many target-word pairs, each target keeps only the words it uses (see :func:`keyness`)."""
KEYNESS_BLOCK = 256  # targets computed at once: bounds the memory on thousands of articles


def keyness(sentences: pd.DataFrame, by: str, prior_total: float | None = None,
            comparison: str | None = None) -> pd.DataFrame:
    """Each value of column ``by`` against all other rows, by :func:`log_odds_dirichlet`.

    The prior is the whole corpus's word distribution scaled to
    ``prior_total`` pseudo-counts (a0); the default ``None`` uses the corpus
    token count, i.e. a_w is the word's corpus count. Rows are sorted by
    target, then z descending, then word. ``is_stopword`` marks scikit-learn's
    English stop words (kept in the table, hidden in figures).

    Every target gets a row for every corpus word, unless targets x words exceeds
    :data:`KEYNESS_ALL_WORDS_MAX` (thousands of articles): then each target keeps only the
    words it uses, since a word an article never uses only says that, and the table would
    otherwise grow with the square of the corpus. The top keywords are the same either way.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts = {key: Counter(tok for t in part["text"] for tok in _keyness_tokens(t))
              for key, part in sentences.groupby(by, sort=True)}
    total = sum(counts.values(), Counter())
    corpus = pd.Series(total, dtype=float).sort_index()
    a0 = float(corpus.sum()) if prior_total is None else float(prior_total)
    alpha = corpus / corpus.sum() * a0
    # Each target against the rest, a block of targets at a time: a targets x words matrix of
    # counts, with the arithmetic of log_odds_dirichlet in the same order (the same bits).
    words = alpha.index
    column = {w: k for k, w in enumerate(words)}
    keys = list(counts)
    a = alpha.to_numpy(dtype=float)
    if (a <= 0).any():
        raise ValueError("every word needs a positive prior count")
    a_sum = alpha.astype(float).sum()
    totals = np.zeros(len(words))
    for c in counts.values():
        for w, n in c.items():
            totals[column[w]] += n
    every_word = len(keys) * len(words) <= KEYNESS_ALL_WORDS_MAX
    frames = []
    for start in range(0, len(keys), KEYNESS_BLOCK):
        block = keys[start:start + KEYNESS_BLOCK]
        y = np.zeros((len(block), len(words)))
        for row, key in enumerate(block):
            for w, n in counts[key].items():
                y[row, column[w]] = n
        rest = totals - y
        n_i, n_j = y.sum(axis=1)[:, None], rest.sum(axis=1)[:, None]
        delta = np.log((y + a) / (n_i + a_sum - y - a)) - np.log((rest + a) / (n_j + a_sum - rest - a))
        var = 1.0 / (y + a) + 1.0 / (rest + a)
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(n_i > 0, y / n_i * 1000, np.nan)
            rate_rest = np.where(n_j > 0, rest / n_j * 1000, np.nan)
        keep = np.ones(y.shape, dtype=bool) if every_word else y > 0
        rows, cols = np.nonzero(keep)
        frames.append(pd.DataFrame({
            "comparison": comparison or by,
            "target": np.array(block, dtype=object)[rows],
            "word": np.asarray(words, dtype=object)[cols],
            "count": y[rows, cols].astype(int), "count_rest": rest[rows, cols].astype(int),
            "delta": delta[rows, cols], "se": np.sqrt(var)[rows, cols], "z": (delta / np.sqrt(var))[rows, cols],
            "rate": rate[rows, cols], "rate_rest": rate_rest[rows, cols], "prior": a[cols],
        }))
    out = pd.concat(frames, ignore_index=True)
    out["is_stopword"] = out["word"].isin(ENGLISH_STOP_WORDS)
    out = out.sort_values(["comparison", "target", "z", "word"], ascending=[True, True, False, True])
    return out.reset_index(drop=True)


def top_keywords(keyed: pd.DataFrame, n: int = 8, min_count: int = 2) -> pd.DataFrame:
    """The ``n`` highest-z content words per target (no stop words, at least ``min_count`` uses)."""
    ok = keyed[~keyed["is_stopword"] & (keyed["count"] >= min_count)]
    return ok.groupby(["comparison", "target"], sort=True).head(n).reset_index(drop=True)


# --------------------------------------------------------------------------
# Concordance
# --------------------------------------------------------------------------

def kwic(sentences: pd.DataFrame, term: str, window: int = 6, inflect: bool = True) -> pd.DataFrame:
    """Keyword in context: every match of ``term`` (matched like a cue) with ``window`` words each side.

    Columns: sentence_id, article_id, left, keyword, right (in article and
    sentence order). Phrases, inflections and hyphen variants work as in the
    lexicon, so any cue can be read in its sentences.
    """
    rx = compile_term(term, inflect)
    rows = []
    for r in sentences.sort_values(["article_id", "position"]).itertuples():
        norm = normalise(r.text)
        for m in rx.finditer(norm):
            left = word_tokens(r.text[: m.start()])[-window:] if window else []
            right = word_tokens(r.text[m.end():])[:window] if window else []
            rows.append({"sentence_id": r.sentence_id, "article_id": r.article_id,
                         "left": " ".join(left), "keyword": r.text[m.start():m.end()],
                         "right": " ".join(right)})
    return pd.DataFrame(rows, columns=["sentence_id", "article_id", "left", "keyword", "right"])

"""Sentence-level sentiment: VADER scores, a domain override table, and a word-count tone.

The pieces, in the order the sentiment notebook uses them:

* :func:`make_analyzer` builds NLTK's VADER ``SentimentIntensityAnalyzer``
  from the project's offline data. Build one and reuse it.
* :func:`score_sentences` scores every sentence on its own (never a whole
  article in one call: the compound score saturates on long texts) and
  labels it with the thresholds VADER's authors give: compound >= 0.05 is
  positive, <= -0.05 negative, anything between neutral (:func:`classify`).
* :func:`load_overrides` / :func:`with_overrides` apply an editable table of
  domain corrections (``data/lexicons/vader_overrides.csv``) to a *copy* of
  the analyzer's lexicon; the analyzer you pass in is never changed.
* :func:`derive_tone_words` / :func:`tone_counts` give a second, transparent
  measure in the GDELT style: positive and negative words per 100 words.
* :func:`aggregate_articles` turns sentence scores into one row per article
  with seeded bootstrap intervals; :func:`load_hand_labels` and
  :func:`validate` compare the labels with hand coding.

Text is lightly normalised before scoring (:func:`prepare_text`) so that
VADER's tokenizer can find the words: typographic apostrophes become ASCII
ones (VADER recognises negations such as "don't" only with an ASCII
apostrophe), double quotes are removed and brackets and dashes are spaced
out (VADER strips at most one ASCII punctuation mark from one end of a word,
so '"unstoppable"', '(growth)' and 'today—growth' would not be looked up).
No word is added, removed or changed.
"""
from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from . import config
from .engine import map_articles
from .ingest import body_sentences  # noqa: F401 (the notebook calls S.body_sentences)

from .stats import DEFAULT_SEED, bootstrap_ci
from .text import word_tokens
from .validation import agreement_table, read_annotations
from .vader import (  # noqa: F401 (re-exported: notebooks and tests call S.<name>)
    POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD, LABELS, OVERRIDE_COLUMNS, _QUOTES, _WORD_ENTRY,
    make_analyzer, prepare_text, classify, polarity_scores,
    changed_terms, polarity_pair, vader_tokens, load_overrides, check_overrides,
    with_overrides,
)


OVERRIDES_FILE = config.VADER_OVERRIDES
TONE_WORDS_FILE = config.TONE_WORDS
HAND_LABELS_FILE = config.SENTIMENT_LABELS
TONE_WORD_COLUMNS = ["term", "polarity", "rationale"]
TONE_THRESHOLD = 1.0  # |mean valence| a VADER word needs to enter the derived word list

# --------------------------------------------------------------------------
# The word-count tone (GDELT style)
# --------------------------------------------------------------------------

def derive_tone_words(lexicon: Mapping[str, float], threshold: float = TONE_THRESHOLD) -> pd.DataFrame:
    """A transparent word list from VADER's lexicon: words with mean valence >= +threshold or <= -threshold.

    Only plain words are kept (letters, inner hyphen or apostrophe), so
    emoticons and symbols drop out. Columns as in ``tone_words.csv``:
    ``term, polarity, rationale`` (plus ``valence``).
    """
    rows = []
    for term, valence in lexicon.items():
        if not _WORD_ENTRY.match(term) or abs(valence) < threshold:
            continue
        polarity = "positive" if valence > 0 else "negative"
        rows.append({"term": term, "polarity": polarity,
                     "rationale": f"VADER lexicon mean valence {valence:+.1f} (|valence| >= {threshold:g})",
                     "valence": float(valence)})
    out = pd.DataFrame(rows, columns=TONE_WORD_COLUMNS + ["valence"])
    return out.sort_values(["polarity", "term"], kind="stable").reset_index(drop=True)


def load_tone_words(path: str | Path) -> pd.DataFrame | None:
    """Read an editable ``tone_words.csv`` (``term, polarity, rationale``), or None if it does not exist."""
    path = Path(path)
    if not path.exists():
        return None
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    missing = set(TONE_WORD_COLUMNS) - set(table.columns)
    if missing:
        raise ValueError(f"{path}: tone word list needs columns {sorted(missing)}")
    table["term"] = table["term"].str.strip().str.lower().map(prepare_text)
    table["polarity"] = table["polarity"].str.strip().str.lower()
    bad = sorted(set(table["polarity"]) - {"positive", "negative"})
    if bad:
        raise ValueError(f"{path}: polarity must be positive or negative, found {bad}")
    clash = table.groupby("term")["polarity"].nunique()
    if (clash > 1).any():
        raise ValueError(f"{path}: terms listed as both positive and negative: {sorted(clash[clash > 1].index)}")
    return table.drop_duplicates("term").sort_values(["polarity", "term"], kind="stable").reset_index(drop=True)


def tone_word_sets(tone_words: pd.DataFrame) -> tuple[frozenset[str], frozenset[str]]:
    """(positive words, negative words) from a tone word table."""
    pos = frozenset(tone_words.loc[tone_words["polarity"] == "positive", "term"])
    neg = frozenset(tone_words.loc[tone_words["polarity"] == "negative", "term"])
    return pos, neg


def tone_counts(text: str, positive: Iterable[str], negative: Iterable[str]) -> tuple[int, int, int]:
    """(words, positive words, negative words) in ``text``: plain counts, no weights, no rules.

    Words are :func:`analysis.text.word_tokens`, lower-cased, with typographic
    apostrophes made ASCII, matched whole against the lists.
    """
    positive = positive if isinstance(positive, (set, frozenset)) else set(positive)
    negative = negative if isinstance(negative, (set, frozenset)) else set(negative)
    # a word token holds no bracket, dash, double quote or opening quote, so prepare_text is the
    # translation of its typographic apostrophes (none in an ASCII token)
    words = [w.lower() if w.isascii() else w.translate(_QUOTES).lower() for w in word_tokens(text)]
    return len(words), sum(w in positive for w in words), sum(w in negative for w in words)


def per_100(count: float, n_words: float) -> float:
    """``count`` per 100 words (0 for an empty text)."""
    return 100.0 * count / n_words if n_words else 0.0


def tone_label(n_pos: int, n_neg: int) -> str:
    """The word-count measure's label: more positive than negative words is positive, and so on."""
    return "positive" if n_pos > n_neg else "negative" if n_neg > n_pos else "neutral"


# --------------------------------------------------------------------------
# Scoring sentences and aggregating to articles
# --------------------------------------------------------------------------

SENTENCE_COLUMNS = [
    "sentence_id", "article_id", "position", "rel_position", "n_words",
    "neg", "neu", "pos", "compound", "label", "compound_adjusted", "label_adjusted",
    "tone_pos", "tone_neg", "tone", "tone_label",
]


def _score_article(sentences: list[dict], analyzer, adjusted, changed, pos_words, neg_words) -> list[dict]:
    """The :func:`score_sentences` rows of one article's sentences (a pure function, for the engine)."""
    rows = []
    for r in sentences:
        text = r["text"]
        raw, adj = polarity_pair(text, analyzer, adjusted, changed)
        n, n_pos, n_neg = tone_counts(text, pos_words, neg_words)
        rows.append({
            "sentence_id": r["sentence_id"], "article_id": r["article_id"], "position": int(r["position"]),
            "n_words": n, "neg": raw["neg"], "neu": raw["neu"], "pos": raw["pos"],
            "compound": raw["compound"], "label": classify(raw["compound"]),
            "compound_adjusted": adj["compound"], "label_adjusted": classify(adj["compound"]),
            "tone_pos": n_pos, "tone_neg": n_neg, "tone": per_100(n_pos - n_neg, n),
            "tone_label": tone_label(n_pos, n_neg),
        })
    return rows


def score_sentences(sentences: pd.DataFrame, analyzer, adjusted=None, tone_words: pd.DataFrame | None = None,
                    text_column: str = "text") -> pd.DataFrame:
    """Score each sentence on its own; one row per sentence with :data:`SENTENCE_COLUMNS`.

    ``sentences`` needs ``sentence_id, article_id, position`` and the text.
    ``adjusted`` is an analyzer from :func:`with_overrides` (default: the same
    analyzer, so the adjusted columns equal the raw ones). ``tone_words`` is
    a table from :func:`derive_tone_words` or :func:`load_tone_words`
    (default: derived from ``analyzer``'s lexicon). ``rel_position`` is the
    sentence's place in its article's body, (rank + 0.5) / n, between 0 and 1.
    """
    adjusted = adjusted or analyzer
    changed = changed_terms(analyzer, adjusted)
    if tone_words is None:
        tone_words = derive_tone_words(analyzer.lexicon)
    pos_words, neg_words = tone_word_sets(tone_words)
    df = sentences.sort_values(["article_id", "position"], kind="stable").reset_index(drop=True)
    df = df[["sentence_id", "article_id", "position", text_column]].rename(columns={text_column: "text"})
    groups = [g.to_dict("records") for _, g in df.groupby("article_id", sort=False)]
    score = partial(_score_article, analyzer=analyzer, adjusted=adjusted, changed=changed,
                    pos_words=pos_words, neg_words=neg_words)
    per_article = map_articles(score, groups, [g[0]["article_id"] for g in groups], desc="VADER")
    out = pd.DataFrame([row for rows in per_article for row in rows])
    if out.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    rank = out.groupby("article_id").cumcount()
    size = out.groupby("article_id")["sentence_id"].transform("size")
    out["rel_position"] = (rank + 0.5) / size
    return out[SENTENCE_COLUMNS]


ARTICLE_COLUMNS = [
    "article_id", "article_label", "n_sentences", "n_words",
    "mean_compound", "ci_low", "ci_high", "share_positive", "share_neutral", "share_negative",
    "mean_compound_adjusted", "ci_low_adjusted", "ci_high_adjusted",
    "share_positive_adjusted", "share_neutral_adjusted", "share_negative_adjusted",
    "pos_words", "neg_words", "pos_per_100", "neg_per_100", "tone", "polarity",
]


def label_shares(labels: pd.Series) -> dict[str, float]:
    """Share of each label in :data:`LABELS` (they sum to 1; all 0 when empty)."""
    n = len(labels)
    counts = Counter(labels)
    return {lab: (counts[lab] / n if n else 0.0) for lab in LABELS}


def aggregate_articles(scored: pd.DataFrame, articles: pd.DataFrame | None = None,
                       seed: int = DEFAULT_SEED, **bootstrap_kwargs) -> pd.DataFrame:
    """One row per article (:data:`ARTICLE_COLUMNS`): means, seeded bootstrap CIs, label shares, tone.

    The intervals resample the article's sentences (95% percentile bootstrap
    of the mean compound, :func:`analysis.stats.bootstrap_ci`). Tone pools
    the article's words: positive and negative words per 100 words,
    ``tone`` = positive - negative and ``polarity`` = positive + negative.
    ``article_label`` comes from ``articles.label`` when given, else the id.
    """
    labels = {} if articles is None else dict(zip(articles["article_id"], articles["label"]))
    rows = []
    for aid, part in scored.groupby("article_id", sort=True):
        est, low, high = bootstrap_ci(part["compound"].to_numpy(), seed=seed, **bootstrap_kwargs)
        est_a, low_a, high_a = bootstrap_ci(part["compound_adjusted"].to_numpy(), seed=seed, **bootstrap_kwargs)
        shares = label_shares(part["label"])
        shares_a = label_shares(part["label_adjusted"])
        n_words, n_pos, n_neg = int(part["n_words"].sum()), int(part["tone_pos"].sum()), int(part["tone_neg"].sum())
        pos100, neg100 = per_100(n_pos, n_words), per_100(n_neg, n_words)
        rows.append({
            "article_id": aid, "article_label": labels.get(aid, aid), "n_sentences": len(part), "n_words": n_words,
            "mean_compound": est, "ci_low": low, "ci_high": high,
            **{f"share_{k}": v for k, v in shares.items()},
            "mean_compound_adjusted": est_a, "ci_low_adjusted": low_a, "ci_high_adjusted": high_a,
            **{f"share_{k}_adjusted": v for k, v in shares_a.items()},
            "pos_words": n_pos, "neg_words": n_neg, "pos_per_100": pos100, "neg_per_100": neg100,
            "tone": pos100 - neg100, "polarity": pos100 + neg100,
        })
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def normalise_sum(total: float, analyzer=None) -> float:
    """VADER's squashing of a summed valence into the compound: x / sqrt(x^2 + 15)."""
    if analyzer is not None:
        return float(analyzer.constants.normalize(total))
    return float(total / np.sqrt(total * total + 15))


def whole_text_vs_sentences(sentences: pd.DataFrame, scored: pd.DataFrame, analyzer) -> pd.DataFrame:
    """Why we score sentences: each article's body scored in *one* call next to the sentence mean.

    VADER sums word valences and squashes the sum with x / sqrt(x^2 + 15), so
    a long text's compound runs to +1 or -1 whatever the balance of its
    sentences. Columns: ``article_id, n_sentences, n_words,
    compound_whole_text, mean_compound``.
    """
    rows = []
    body = sentences.sort_values(["article_id", "position"], kind="stable")
    for aid, part in body.groupby("article_id", sort=True):
        text = prepare_text(" ".join(part["text"]))
        whole = analyzer.polarity_scores(text)["compound"]
        rows.append({"article_id": aid, "n_sentences": len(part),
                     "n_words": int(scored.loc[scored["article_id"] == aid, "n_words"].sum()),
                     "compound_whole_text": whole,
                     "mean_compound": float(scored.loc[scored["article_id"] == aid, "compound"].mean())})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------
# Evidence views
# --------------------------------------------------------------------------

def extremes(scored: pd.DataFrame, texts: pd.DataFrame, n: int = 1, column: str = "compound") -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences of each article.

    Ties break by position (earlier first). Columns: ``article_id, end``
    ("most positive"/"most negative"), ``rank, sentence_id, position, <column>, text``.
    """
    merged = scored.merge(texts[["sentence_id", "text"]], on="sentence_id", how="left")
    rows = []
    for aid, part in merged.groupby("article_id", sort=True):
        top = part.sort_values([column, "position"], ascending=[False, True], kind="stable").head(n)
        bottom = part.sort_values([column, "position"], ascending=[True, True], kind="stable").head(n)
        for end, chosen in (("most positive", top), ("most negative", bottom)):
            for rank, r in enumerate(chosen.itertuples(index=False), start=1):
                rows.append({"article_id": aid, "end": end, "rank": rank, "sentence_id": r.sentence_id,
                             "position": r.position, column: getattr(r, column), "text": r.text})
    return pd.DataFrame(rows, columns=["article_id", "end", "rank", "sentence_id", "position", column, "text"])


def sentiment_arc(scored: pd.DataFrame, window: int = 5, column: str = "compound") -> pd.DataFrame:
    """Compound by relative position with a centred rolling mean of ``window`` sentences per article.

    Columns: ``article_id, sentence_id, position, rel_position, <column>, rolling_mean``.
    """
    parts = []
    for aid, part in scored.sort_values(["article_id", "position"], kind="stable").groupby("article_id", sort=True):
        part = part[["article_id", "sentence_id", "position", "rel_position", column]].copy()
        part["rolling_mean"] = part[column].rolling(window, center=True, min_periods=1).mean()
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["article_id", "sentence_id", "position", "rel_position", column, "rolling_mean"])
    return pd.concat(parts, ignore_index=True)


def lexicon_hits(sentences: pd.DataFrame, analyzer, overrides: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every VADER lexicon entry that occurs in ``sentences``, as VADER tokenizes them.

    Columns: ``term, vader_valence, n_occurrences, n_sentences, n_articles,
    total_valence`` (valence x occurrences: the term's total push),
    ``override_valence`` (blank when not overridden), ``overridden``,
    ``example_sentence_id`` (first occurrence) and ``rationale``. Sorted by
    the size of the total push, largest first.
    """
    counts: Counter[str] = Counter()
    in_sentences: dict[str, set] = {}
    in_articles: dict[str, set] = {}
    first: dict[str, str] = {}
    body = sentences.sort_values(["article_id", "position"], kind="stable")
    for r in body.itertuples(index=False):
        for tok in vader_tokens(r.text, analyzer):
            if tok in analyzer.lexicon:
                counts[tok] += 1
                in_sentences.setdefault(tok, set()).add(r.sentence_id)
                in_articles.setdefault(tok, set()).add(r.article_id)
                first.setdefault(tok, r.sentence_id)
    ov = {} if overrides is None else {r.term: (r.override_valence, r.rationale) for r in overrides.itertuples()}
    rows = [{
        "term": t, "vader_valence": float(analyzer.lexicon[t]), "n_occurrences": n,
        "n_sentences": len(in_sentences[t]), "n_articles": len(in_articles[t]),
        "total_valence": round(float(analyzer.lexicon[t]) * n, 4),
        "override_valence": ov[t][0] if t in ov else np.nan, "overridden": t in ov,
        "example_sentence_id": first[t], "rationale": ov[t][1] if t in ov else "",
    } for t, n in counts.items()]
    out = pd.DataFrame(rows, columns=["term", "vader_valence", "n_occurrences", "n_sentences", "n_articles",
                                      "total_valence", "override_valence", "overridden", "example_sentence_id",
                                      "rationale"])
    out["_abs"] = out["total_valence"].abs()
    out = out.sort_values(["_abs", "term"], ascending=[False, True], kind="stable").drop(columns="_abs")
    return out.reset_index(drop=True)


def override_changes(scored: pd.DataFrame, texts: pd.DataFrame, analyzer, overrides: pd.DataFrame) -> pd.DataFrame:
    """Sentences whose compound moved under the overrides, largest move first.

    Columns: ``sentence_id, article_id, compound, compound_adjusted, change,
    label, label_adjusted, terms`` (the overridden terms VADER saw), ``text``.
    """
    terms = set(overrides["term"]) if overrides is not None else set()
    df = scored.merge(texts[["sentence_id", "text"]], on="sentence_id", how="left")
    df["change"] = (df["compound_adjusted"] - df["compound"]).round(4)
    df = df.loc[df["change"] != 0].copy()
    df["terms"] = [", ".join(sorted({t for t in vader_tokens(x, analyzer) if t in terms})) for x in df["text"]]
    df["_abs"] = df["change"].abs()
    df = df.sort_values(["_abs", "sentence_id"], ascending=[False, True], kind="stable")
    return df[["sentence_id", "article_id", "compound", "compound_adjusted", "change", "label", "label_adjusted",
               "terms", "text"]].reset_index(drop=True)


def rank_agreement(articles: pd.DataFrame, a: str = "mean_compound", b: str = "tone") -> pd.DataFrame:
    """Articles ranked by two measures side by side (rank 1 = most positive)."""
    out = articles[["article_id", "article_label", a, b]].copy()
    out[f"rank_{a}"] = out[a].rank(ascending=False, method="min").astype(int)
    out[f"rank_{b}"] = out[b].rank(ascending=False, method="min").astype(int)
    return out.sort_values([f"rank_{a}", "article_id"], kind="stable").reset_index(drop=True)


def spearman(x: Iterable[float], y: Iterable[float]) -> float:
    """Spearman rank correlation (average ranks for ties); NaN with fewer than 3 pairs or no spread."""
    x, y = pd.Series(list(x), dtype=float), pd.Series(list(y), dtype=float)
    if len(x) < 3 or x.nunique() < 2 or y.nunique() < 2:
        return float("nan")
    return float(x.rank().corr(y.rank()))


def sign_disagreements(scored: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """Sentences where VADER and the word count point in opposite directions (one positive, one negative)."""
    opposite = ((scored["label"] == "positive") & (scored["tone_label"] == "negative")) | (
        (scored["label"] == "negative") & (scored["tone_label"] == "positive"))
    df = scored.loc[opposite].merge(texts[["sentence_id", "text"]], on="sentence_id", how="left")
    return df[["sentence_id", "article_id", "compound", "label", "tone_pos", "tone_neg", "tone_label", "text"]] \
        .sort_values("sentence_id", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# Validation against hand coding
# --------------------------------------------------------------------------

def load_hand_labels(annotations_dir: str | Path, sentences: pd.DataFrame,
                     filename: str = HAND_LABELS_FILE) -> pd.DataFrame | None:
    """Hand-coded sentiment joined to ``sentences``, or None when the file does not exist.

    The file has ``sentence_id, text, sentiment, note``. Every coded
    sentence must exist in ``sentences`` with the same text (whitespace
    aside); otherwise the annotations are stale and a ValueError names the
    file and the first differing ids. Rows with an empty ``sentiment`` are
    not yet coded and are left out. Returns ``sentence_id, hand, note``.
    """
    coded = read_annotations(Path(annotations_dir) / filename, sentences, {"sentiment": LABELS},
                             skip_uncoded="sentiment")
    if coded is None:
        return None
    if "note" not in coded.columns:
        coded["note"] = ""
    return coded[["sentence_id", "sentiment", "note"]].rename(columns={"sentiment": "hand"})


MEASURES = {"VADER": "label", "VADER with overrides": "label_adjusted", "word-count tone": "tone_label"}


def validate(scored: pd.DataFrame, hand: pd.DataFrame,
             measures: Mapping[str, str] = MEASURES) -> tuple[pd.DataFrame, dict[str, dict]]:
    """Agreement of each measure's labels with the hand codes.

    Returns :func:`analysis.validation.agreement_table`'s ``(table, details)``:
    one row per measure (method, n, accuracy, macro_f1, kappa), and each
    measure's confusion matrix and per-label scores.
    """
    merged = hand.merge(scored, on="sentence_id", how="inner", validate="one_to_one")
    return agreement_table(merged["hand"], {name: merged[column] for name, column in measures.items()}, LABELS)


def disagreements(scored: pd.DataFrame, hand: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """Sentences where raw or overridden VADER differs from the hand code, with the coder's note."""
    df = hand.merge(scored, on="sentence_id").merge(texts[["sentence_id", "text"]], on="sentence_id")
    df = df.loc[(df["label"] != df["hand"]) | (df["label_adjusted"] != df["hand"])]
    return df[["sentence_id", "article_id", "hand", "label", "compound", "label_adjusted", "compound_adjusted",
               "text", "note"]].sort_values("sentence_id", kind="stable").reset_index(drop=True)


def lexicon_coverage(texts: Iterable[str], analyzer) -> tuple[int, int]:
    """(tokens VADER sees, tokens it finds in its lexicon) over ``texts``: how much of the prose it can read."""
    n = known = 0
    for text in texts:
        toks = vader_tokens(text, analyzer)
        n += len(toks)
        known += sum(t in analyzer.lexicon for t in toks)
    return n, known


# Imported last because they build on this module; the notebook keeps calling them as S.<name>.
from .sentiment_plots import LABEL_COLOURS, plot_arc, plot_article_means, plot_distribution, plot_measures  # noqa: E402,F401

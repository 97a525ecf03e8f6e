"""A supervised sentence-frame classifier beside the cue lexicon, and its honest evaluation.

The model is a multinomial logistic regression with balanced class weights
(scikit-learn) over two kinds of feature:

* the sentence's words: TF-IDF of word 1- and 2-grams (lower-cased,
  apostrophes and hyphens unified as in :func:`analysis.framing.normalise`);
* the lexicon's per-sentence cue counts (:data:`CUE_FEATURES`, the columns
  ``n_hype``, ``n_skeptic`` ... of the ``framing_sentences`` table), so the
  classifier *combines* the two measures: it can learn how much to trust
  each cue category, and which words the lexicon misses.

Everything is deterministic: the vectoriser has no randomness, ``lbfgs`` is a
deterministic solver, and ``random_state`` is fixed anyway.

**Input.** A *labelled story* is a ``framing_sentences`` table (from
:func:`analysis.framing.score_sentences`) with a hand-coded ``frame_hand``
column, one row per coded body sentence (:func:`labelled_sentences`).

**Evaluation.** :func:`leave_one_article_out` predicts each article's
sentences with a model trained on the other articles (within a story, or
with another story added to the training data); :func:`leave_one_story_out`
trains on one story and predicts the other, both ways. Both return one row
per sentence (``sentence_id, article_id, story, frame_hand, predicted``), so
every number can be traced back to its sentences. :func:`choose_measure`
applies the decision rule of ``docs/framing-measure-decision.md``.

**Reading the model.** :func:`coefficients` lists, per frame, the features
with the largest weights: the words (and cue counts) that push a sentence
towards hype, skepticism or neutrality.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from . import framing as F
from .framing import FRAMES, load_annotations, normalise
from .stats import DEFAULT_SEED, bootstrap_indices, percentile_interval
from .validation import agreement

RANDOM_STATE = DEFAULT_SEED
# Inverse regularisation strength: the best seed leave-one-article-out kappa over the grid
# {0.03, 0.1, 0.3, 1, 3, 10, 30, 100}, chosen on the seeds only, before any out-of-story test.
C = 0.1
CUE_FEATURES = ("n_hype", "n_skeptic", "n_booster", "n_hedge", "n_investor", "n_quoted_hype", "n_quoted_skeptic")
KAPPA_MARGIN = 0.05  # the decision rule's margin (docs/framing-measure-decision.md)
LEXICON_STORY = "openai-foxconn"  # the story the lexicon was written and revised on: its numbers there are in sample


def _preprocess(text: str) -> str:
    return normalise(text).lower()


def make_model(c: float = C, cue_features: Sequence[str] = CUE_FEATURES, words: bool = True):
    """An unfitted scikit-learn pipeline: words (1–2-gram TF-IDF) and/or cue counts -> logistic regression.

    ``cue_features=()`` gives a words-only model, ``words=False`` a cues-only model.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    parts = []
    if words:
        parts.append(("words", TfidfVectorizer(preprocessor=_preprocess, ngram_range=(1, 2), sublinear_tf=True),
                      "text"))
    if cue_features:
        parts.append(("cues", "passthrough", list(cue_features)))
    if not parts:
        raise ValueError("the model needs words, cue features or both")
    features = ColumnTransformer(parts, sparse_threshold=1.0)
    clf = LogisticRegression(C=c, class_weight="balanced", solver="lbfgs", max_iter=5000,
                             random_state=RANDOM_STATE)
    return Pipeline([("features", features), ("model", clf)])


def _check(table: pd.DataFrame, cue_features: Sequence[str], label: str | None = None) -> None:
    needed = {"text", *cue_features} | ({label} if label else set())
    missing = sorted(needed - set(table.columns))
    if missing:
        raise ValueError(f"the sentence table lacks columns {missing} (use analysis.framing.score_sentences)")


def fit(table: pd.DataFrame, labels: Sequence[str] | None = None, *, label: str = "frame_hand", **model_args):
    """Fit :func:`make_model` on the sentences of ``table`` and their frames.

    ``labels`` defaults to ``table[label]``. Raises ValueError if fewer than
    two frames occur (nothing to learn) or a label is not a known frame.
    """
    cue_features = model_args.get("cue_features", CUE_FEATURES)
    _check(table, cue_features)
    y = list(table[label] if labels is None else labels)
    if len(y) != len(table):
        raise ValueError(f"{len(table)} sentences but {len(y)} labels")
    bad = sorted(set(y) - set(FRAMES))
    if bad:
        raise ValueError(f"unknown frame labels {bad}; expected {list(FRAMES)}")
    if len(set(y)) < 2:
        raise ValueError("the training sentences carry fewer than two different frames")
    model = make_model(**model_args)
    with _one_thread():
        model.fit(table.reset_index(drop=True), y)
    return model


def _one_thread():
    """BLAS on one thread: on a shared 2-core machine its threads fight and a 0.2 s fit took 3.5 s
    (same solver, same iterations, same predictions)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def predict(model, table: pd.DataFrame) -> pd.Series:
    """Predicted frame of every sentence in ``table`` (a Series with ``table``'s index)."""
    if table.empty:
        return pd.Series([], index=table.index, dtype=object)
    with _one_thread():
        predicted = model.predict(table.reset_index(drop=True))
    return pd.Series(predicted, index=table.index, name="predicted")


def _rows(test: pd.DataFrame, predicted: Sequence[str], **extra) -> pd.DataFrame:
    cols = [c for c in ("sentence_id", "article_id", "story") if c in test.columns]
    out = test[cols].copy()
    if "story" not in out:
        out["story"] = ""
    out["frame_hand"] = test["frame_hand"].to_numpy()
    out["predicted"] = list(predicted)
    for key, value in extra.items():
        out[key] = value
    out["text"] = test["text"].to_numpy()
    return out.reset_index(drop=True)


def _article_fold(article_id: str, table: pd.DataFrame, extra_training: pd.DataFrame | None, model_args: dict):
    """One fold of :func:`leave_one_article_out`: ``article_id``'s sentences, predicted without them."""
    test = table[table["article_id"] == article_id]
    train = table[table["article_id"] != article_id]
    if extra_training is not None:
        train = pd.concat([train, extra_training], ignore_index=True)
    return _rows(test, predict(fit(train, **model_args), test), held_out=article_id)


def leave_one_article_out(table: pd.DataFrame, extra_training: pd.DataFrame | None = None,
                          **model_args) -> pd.DataFrame:
    """Predict each article's sentences with a model trained on every *other* article.

    ``table`` needs ``article_id`` and ``frame_hand``; ``extra_training``
    (e.g. another story's labelled sentences) is added to every training set.
    Returns one row per sentence of ``table``: sentence_id, article_id, story,
    frame_hand, predicted, held_out (the article left out), text.
    """
    from .engine import map_articles

    ids = sorted(table["article_id"].unique())
    fold = partial(_article_fold, table=table, extra_training=extra_training, model_args=model_args)
    out = pd.concat(map_articles(fold, ids, ids, desc="folds"), ignore_index=True)  # folds on every core
    order = {sid: i for i, sid in enumerate(table["sentence_id"])}
    return out.sort_values("sentence_id", key=lambda s: s.map(order)).reset_index(drop=True)


def leave_one_story_out(story_a: pd.DataFrame, story_b: pd.DataFrame, names: tuple[str, str] = ("a", "b"),
                        **model_args) -> pd.DataFrame:
    """Train on one story, predict the other, both ways.

    Returns one row per sentence of both stories, with ``direction``
    ("<train> → <test>") and the test ``story`` name.
    """
    a = story_a.assign(story=names[0])
    b = story_b.assign(story=names[1])
    parts = []
    for train, test, (tr, te) in ((a, b, names), (b, a, names[::-1])):
        model = fit(train, **model_args)
        parts.append(_rows(test, predict(model, test), direction=f"{tr} → {te}"))
    return pd.concat(parts, ignore_index=True)


def predict_articles(scored: pd.DataFrame, labelled: pd.DataFrame | None,
                     extra_training: pd.DataFrame | None = None, **model_args) -> pd.Series:
    """The classifier's frame for every sentence of ``scored``, never from a model that saw its article.

    Each article's sentences are predicted by a model trained on the labelled
    sentences of the *other* articles (``labelled``, may be None) plus
    ``extra_training`` (e.g. another story). Returns a Series indexed like
    ``scored``, or None when there is no training data at all.
    """
    parts = [t for t in (labelled, extra_training) if t is not None and not t.empty]
    if not parts:
        return None
    out = pd.Series(index=scored.index, dtype=object, name="frame_classifier")
    cache = {}
    for article_id, part in scored.groupby("article_id", sort=True):
        train = pd.concat([t[t["article_id"] != article_id] if t is labelled else t for t in parts],
                          ignore_index=True)
        key = tuple(train["sentence_id"])  # articles without labels share one model (trained on everything)
        if key not in cache:
            cache[key] = fit(train, **model_args)
        out.loc[part.index] = predict(cache[key], part).to_numpy()
    return out


# --------------------------------------------------------------------------
# Labelled data, scores and the decision rule
# --------------------------------------------------------------------------

def read_story(corpus_dir: str | Path, annotations_dir: str | Path, story_dir: str | Path | None,
               lexicons_dir: str | Path, name: str) -> dict:
    """Ingest a story's folder and score it: ``{"name", "sentences", "articles", "scored", "labelled"}``.

    The articles are read and split exactly as notebook 01 does
    (:func:`analysis.ingest.build_tables`), scored with the general lexicon
    plus the story's ``framing_cues_extra.csv`` (if ``story_dir`` has one),
    and joined to ``annotations_dir/framing_labels.csv`` (``labelled`` is None
    without labels). Raises :class:`analysis.corpus.CorpusError` for a missing
    or empty folder.
    """
    from .corpus import read_corpus
    from .ingest import build_tables
    from .text import load_boilerplate_rules

    lexicons_dir = Path(lexicons_dir)
    tables = build_tables(read_corpus(corpus_dir), load_boilerplate_rules(lexicons_dir / "boilerplate_rules.csv"))
    lexicon = F.load_cues(lexicons_dir / "framing_cues.csv", F.extra_cue_paths(story_dir))
    scored = F.score_sentences(tables.sentences, lexicon, attribution_csv=lexicons_dir / "attribution.csv",
                               speech_verbs_csv=lexicons_dir / "speech_verbs.csv")
    return {"name": name, "sentences": tables.sentences, "articles": tables.articles, "scored": scored,
            "lexicon": lexicon, "labelled": labelled_sentences(scored, annotations_dir, name)}


def labelled_sentences(scored: pd.DataFrame, annotations_dir: str | Path, story: str = "") -> pd.DataFrame | None:
    """The scored sentences that carry a hand-coded frame (``frame_hand``), or None without labels.

    ``scored`` is a ``framing_sentences`` table; the labels are
    ``annotations_dir/framing_labels.csv`` (checked against the sentence
    text by :func:`analysis.framing.load_annotations`).
    """
    merged = load_annotations(annotations_dir, scored)
    if merged is None:
        return None
    return merged.assign(story=story)


def scores(predictions: pd.DataFrame, method: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """Agreement of ``predicted`` with ``frame_hand``: one row (per group of ``by``) with
    method, [by...], n, accuracy, macro_f1, kappa."""
    rows = []
    groups = predictions.groupby(list(by), sort=True) if by else [((), predictions)]
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        res = agreement(part["frame_hand"], part["predicted"], FRAMES)
        rows.append({"method": method, **dict(zip(by, key)), "n": res["n"], "accuracy": res["accuracy"],
                     "macro_f1": res["macro_f1"], "kappa": res["kappa"]})
    return pd.DataFrame(rows)


SCORE_COLUMNS = ["evaluation", "gold", "train", "test", "method", "n", "accuracy", "macro_f1", "kappa"]


def evaluate_measures(current: pd.DataFrame | None, other: pd.DataFrame | None, names: tuple[str, str],
                      second_coders: Mapping[str, pd.DataFrame | None] | None = None) -> dict:
    """Every agreement number of the lexicon and the classifier on one or two labelled stories.

    ``current`` and ``other`` are labelled stories (:func:`labelled_sentences`,
    either may be None); ``names`` their names; ``second_coders`` maps a story
    name to an independent coding of that story (same form), for the human ceiling.
    Returns ``{"scores": DataFrame(SCORE_COLUMNS), "predictions": DataFrame
    (one row per sentence, method and evaluation), "decision": choose_measure(...)}``.
    The lexicon needs no training: its rows say ``train = "none (lexicon)"``.
    """
    cur_name, oth_name = names
    preds = []

    def add(evaluation, method, table, predicted, train, gold="coder 1"):
        part = _rows(table, predicted)
        part.insert(0, "evaluation", evaluation)
        part.insert(1, "method", method)
        part.insert(2, "train", train)
        part.insert(3, "gold", gold)
        part["test"] = table["story"].iloc[0] if len(table) else ""
        preds.append(part)

    words_only = {"cue_features": ()}
    loao_of: dict[str, pd.DataFrame] = {}
    stories = [(t, n, o, on) for t, n, o, on in ((current, cur_name, other, oth_name), (other, oth_name, current, cur_name))
               if t is not None]
    for table, name, rest, rest_name in stories:
        add("in sample", "lexicon", table, table["frame"], "none (lexicon)")
        add("in sample", "classifier", table, predict(fit(table), table), name)
        loao = leave_one_article_out(table)
        loao_of[name] = loao
        add("leave one article out", "classifier", table, loao["predicted"], f"{name}, other articles")
        add("leave one article out", "classifier (words only)", table,
            leave_one_article_out(table, **words_only)["predicted"], f"{name}, other articles")
        add("leave one article out", "lexicon", table, table["frame"], "none (lexicon)")
        if rest is not None:
            both = leave_one_article_out(table, extra_training=rest)
            add("leave one article out, other story added", "classifier", table, both["predicted"],
                f"{name}, other articles + {rest_name}")
            add("leave one story out", "classifier", table, predict(fit(rest), table), rest_name)
            add("leave one story out", "classifier (words only)", table,
                predict(fit(rest, **words_only), table), rest_name)
            add("leave one story out", "lexicon", table, table["frame"], "none (lexicon)")
    for table, name, _, _ in stories:
        second = (second_coders or {}).get(name)
        if second is None:
            continue
        both = table.merge(second[["sentence_id", "frame_hand"]], on="sentence_id", suffixes=("", "_2"))
        gold2 = both.assign(frame_hand=both["frame_hand_2"])
        add("second coder", "coder 2", both, both["frame_hand_2"], "none (human)")
        add("against coder 2", "lexicon", gold2, gold2["frame"], "none (lexicon)", gold="coder 2")
        loao = loao_of[name].set_index("sentence_id")["predicted"]  # the same folds as above: not refitted
        add("against coder 2", "classifier", gold2, gold2["sentence_id"].map(loao), f"{name}, other articles",
            gold="coder 2")
    if not preds:
        return {"scores": pd.DataFrame(columns=SCORE_COLUMNS),
                "predictions": pd.DataFrame(columns=["evaluation", "method", "train", "gold", "sentence_id",
                                                     "article_id", "story", "frame_hand", "predicted", "text", "test"]),
                "decision": choose_measure(None)}
    predictions = pd.concat(preds, ignore_index=True)
    rows = []
    for key, part in predictions.groupby(["evaluation", "gold", "train", "test", "method"], sort=False):
        res = agreement(part["frame_hand"], part["predicted"], FRAMES)
        rows.append(dict(zip(["evaluation", "gold", "train", "test", "method"], key), n=res["n"],
                         accuracy=res["accuracy"], macro_f1=res["macro_f1"], kappa=res["kappa"]))
    scores_ = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    loso = scores_[(scores_["evaluation"] == "leave one story out") & scores_["method"].isin(["lexicon", "classifier"])]
    return {"scores": scores_, "predictions": predictions, "decision": choose_measure(loso)}


def confusion(predictions: pd.DataFrame) -> pd.DataFrame:
    """Confusion matrix (rows: hand code, columns: method) of a prediction table."""
    return agreement(predictions["frame_hand"], predictions["predicted"], FRAMES)["confusion"]


def truly_out_of_story(scores_: pd.DataFrame) -> pd.DataFrame:
    """The leave-one-story-out rows of lexicon and classifier that are really out of sample: every
    classifier row, and the lexicon's rows except on :data:`LEXICON_STORY` (where it was built)."""
    out = scores_[(scores_["evaluation"] == "leave one story out") & scores_["method"].isin(["lexicon", "classifier"])]
    return out[~((out["method"] == "lexicon") & (out["test"] == LEXICON_STORY))]


def choose_measure(out_of_story: pd.DataFrame, lexicon: str = "lexicon", classifier: str = "classifier",
                   margin: float = KAPPA_MARGIN, basis: str = "mean out-of-story") -> dict:
    """Apply the decision rule of ``docs/framing-measure-decision.md``.

    ``out_of_story`` has one row per method and test direction (columns
    method, kappa, macro_f1). The classifier replaces the lexicon iff its mean
    kappa over the directions is at least ``margin`` higher and its mean
    macro-F1 is not lower. Returns ``{"measure", "reason", "kappa", "macro_f1"}``
    (the last two: dicts of the means per method). An empty table (no second
    story) keeps the lexicon. ``basis`` names the numbers in the reason (the third-story rule of
    :func:`analysis.held_out.decide` passes one row per method, so its "means" are the values).
    """
    if out_of_story is None or out_of_story.empty:
        return {"measure": lexicon, "reason": "no out-of-story test (the second story has no labels), so the "
                "lexicon stays", "kappa": {}, "macro_f1": {}}
    means = out_of_story.groupby("method")[["kappa", "macro_f1"]].mean()
    missing = {lexicon, classifier} - set(means.index)
    if missing:
        raise ValueError(f"out-of-story scores lack the method(s) {sorted(missing)}")
    k_l, k_c = means.loc[lexicon, "kappa"], means.loc[classifier, "kappa"]
    f_l, f_c = means.loc[lexicon, "macro_f1"], means.loc[classifier, "macro_f1"]
    wins = bool(k_c >= k_l + margin - 1e-12 and f_c >= f_l - 1e-12)
    reason = (f"{basis} kappa {k_c:.3f} (classifier) vs {k_l:.3f} (lexicon), needs a margin of "
              f"{margin:.2f}; macro-F1 {f_c:.3f} vs {f_l:.3f}, must not be lower")
    return {"measure": classifier if wins else lexicon, "reason": reason,
            "kappa": means["kappa"].to_dict(), "macro_f1": means["macro_f1"].to_dict()}


def change_effects(sentences: Mapping[str, pd.DataFrame], lexicons: Mapping[str, "F.Lexicon"],
                   annotations: Mapping[str, str | Path]) -> pd.DataFrame:
    """Agreement of the lexicon before and after each documented change, per story.

    A change is a value of the lexicon's ``change`` column (rows added
    together for one rule). *before* is the lexicon without any changed row;
    *after* adds only that change's rows; ``all changes`` adds them all. The
    three mappings are keyed by story name (ingested sentences, the story's
    full lexicon, its annotations folder). Columns: change, story, variant,
    n, accuracy, macro_f1, kappa.
    """
    rows = []
    for story, sents in sentences.items():
        lex = lexicons[story]
        changed = lex.rows["change"].fillna("").astype(str)
        changes = sorted(set(changed) - {""})
        base = lex.rows[changed == ""]
        variants = [("before", None, base)] + [("after", c, pd.concat([base, lex.rows[changed == c]]))
                                                for c in changes] + [("all changes", None, lex.rows)]
        for variant, change, rows_ in variants:
            scored = F.score_sentences(sents, F.build_lexicon(rows_))
            merged = load_annotations(annotations[story], scored)
            if merged is None:
                continue
            res = agreement(merged["frame_hand"], merged["frame"], FRAMES)
            rows.append({"change": change or variant, "story": story, "variant": variant, "n": res["n"],
                         "accuracy": res["accuracy"], "macro_f1": res["macro_f1"], "kappa": res["kappa"]})
    return pd.DataFrame(rows, columns=["change", "story", "variant", "n", "accuracy", "macro_f1", "kappa"])


ARTICLE_LABEL_VALUE = {"skeptical": -1, "neutral report": 0, "promotional": 1}


def read_article_labels(path: str | Path, articles: pd.DataFrame) -> pd.DataFrame | None:
    """Hand-coded article labels (columns article_id, article_label[, reason]) with their value
    (skeptical -1, neutral report 0, promotional +1); None if the file is absent.

    Raises ValueError naming the file for missing columns, unknown labels or
    unknown article ids.
    """
    path = Path(path)
    if not path.exists():
        return None
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"article_id", "article_label"} - set(labels.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    labels["article_label"] = labels["article_label"].str.strip().str.lower()
    bad = sorted(set(labels["article_label"]) - set(ARTICLE_LABEL_VALUE))
    if bad:
        raise ValueError(f"{path}: unknown article labels {bad}; expected {list(ARTICLE_LABEL_VALUE)}")
    unknown = sorted(set(labels["article_id"]) - set(articles["article_id"]))
    if unknown:
        raise ValueError(f"{path}: article ids not in the corpus: {unknown[:3]}")
    return labels.assign(label_value=labels["article_label"].map(ARTICLE_LABEL_VALUE))


def spearman_ci(x: Sequence[float], y: Sequence[float], seed: int = DEFAULT_SEED) -> tuple[float, float, float]:
    """Spearman's rho of ``x`` and ``y`` with a seeded percentile bootstrap interval over the pairs
    (the resamples of :func:`analysis.stats.bootstrap_ci`; resamples in which either variable is
    constant have no rho and are left out). All resamples are ranked at once."""
    from scipy.stats import rankdata, spearmanr

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return (float("nan"),) * 3
    idx = bootstrap_indices(len(x), seed=seed)
    rx, ry = rankdata(x[idx], axis=1), rankdata(y[idx], axis=1)  # average ranks for ties, as spearmanr
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    spread = np.sqrt((rx * rx).sum(axis=1) * (ry * ry).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = np.where(spread > 0, (rx * ry).sum(axis=1) / spread, np.nan)
    return (float(spearmanr(x, y).statistic), *percentile_interval(rho))


# --------------------------------------------------------------------------
# Reading the model
# --------------------------------------------------------------------------

def coefficients(model, n: int = 12) -> pd.DataFrame:
    """The ``n`` features with the largest positive weight for each frame.

    Columns: frame, rank, feature, kind ("words" or "cue count"), coefficient.
    For words the feature is the 1- or 2-gram; for cue counts the column name.
    """
    clf = model.named_steps["model"]
    names = model.named_steps["features"].get_feature_names_out()
    rows = []
    for frame, weights in zip(clf.classes_, clf.coef_):
        order = np.lexsort((names, -weights))[:n]
        for rank, i in enumerate(order, start=1):
            kind, feature = names[i].split("__", 1)
            rows.append({"frame": frame, "rank": rank, "feature": feature,
                         "kind": "words" if kind == "words" else "cue count", "coefficient": float(weights[i])})
    return pd.DataFrame(rows, columns=["frame", "rank", "feature", "kind", "coefficient"])


def misclassified(predictions: pd.DataFrame) -> pd.DataFrame:
    """The sentences whose prediction differs from the hand code, with both labels and the text."""
    wrong = predictions[predictions["frame_hand"] != predictions["predicted"]]
    cols = [c for c in ("sentence_id", "story", "direction", "frame_hand", "predicted", "text") if c in wrong]
    return wrong[cols].reset_index(drop=True)


# --------------------------------------------------------------------------
# Article level
# --------------------------------------------------------------------------

MEASURE_SWAP_COLUMNS = ("hype_index", "ci_low", "ci_high", "n_hype_sentences", "n_skeptical_sentences",
                        "n_neutral_sentences")


def with_measures(lexicon_table: pd.DataFrame, classifier_table: pd.DataFrame | None, measure: str) -> pd.DataFrame:
    """The ``framing_articles`` table with ``hype_index`` (and its interval and frame counts) from ``measure``.

    Adds ``measure`` and both measures' indices and intervals
    (``hype_index_lexicon``, ``ci_low_lexicon``, ... ``hype_index_classifier`` ...;
    NaN when there is no classifier). The ``*_incl_quotes`` columns, cue rates
    and sourcing shares always come from the lexicon.
    """
    if measure not in ("lexicon", "classifier"):
        raise ValueError(f"unknown measure {measure!r}")
    if measure == "classifier" and classifier_table is None:
        raise ValueError("the classifier was chosen but there is no classifier table")
    out = lexicon_table.copy()
    cls = None if classifier_table is None else classifier_table.set_index("article_id")
    for col in ("hype_index", "ci_low", "ci_high"):
        out[f"{col}_lexicon"] = lexicon_table[col].to_numpy()
        out[f"{col}_classifier"] = out["article_id"].map(cls[col]) if cls is not None else np.nan
    if measure == "classifier":
        for col in MEASURE_SWAP_COLUMNS:
            out[col] = out["article_id"].map(cls[col])
    out.insert(out.columns.get_loc("hype_index"), "measure", measure)
    return out


def article_agreement(tables: Mapping[str, pd.DataFrame], labels: Mapping[str, pd.DataFrame | None],
                      methods: Sequence[str] = ("lexicon", "classifier")) -> pd.DataFrame:
    """Spearman's rho between each measure's article index and the hand-coded article labels.

    ``tables`` maps a story name to its article table (from :func:`with_measures`),
    ``labels`` to its article labels (:func:`read_article_labels`, None if absent).
    One row per story and method, and per method for all stories pooled:
    scope, method, n_articles, spearman, ci_low, ci_high (seeded bootstrap over articles).
    """
    joined = []
    for story, table in tables.items():
        lab = labels.get(story)
        if lab is None or table is None:
            continue
        joined.append(table.merge(lab[["article_id", "article_label", "label_value"]], on="article_id")
                      .assign(story=story))
    rows = []
    if not joined:
        return pd.DataFrame(columns=["scope", "method", "n_articles", "spearman", "ci_low", "ci_high"])
    # sorted by article, so the pooled bootstrap does not depend on which story is the corpus
    data = pd.concat(joined, ignore_index=True).sort_values("article_id", kind="stable").reset_index(drop=True)
    scopes = [(s, data[data["story"] == s]) for s in tables if s in set(data["story"])]
    if len(scopes) > 1:
        scopes.append(("all stories", data))
    for scope, part in scopes:
        for method in methods:
            col = f"hype_index_{method}"
            ok = part[part[col].notna()]
            if ok.empty:
                continue
            rho, low, high = spearman_ci(ok[col], ok["label_value"])
            rows.append({"scope": scope, "method": method, "n_articles": len(ok), "spearman": rho,
                         "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=["scope", "method", "n_articles", "spearman", "ci_low", "ci_high"])


def plot_articles_by_label(tables: Mapping[str, pd.DataFrame], labels: Mapping[str, pd.DataFrame | None]):
    """Every article of every story: its hype index (chosen measure, with interval) against its hand label.

    Returns ``(figure, data)``; articles without a label are left out.
    """
    import matplotlib.pyplot as plt

    parts = []
    for story, table in tables.items():
        lab = labels.get(story)
        if lab is None or table is None:
            continue
        parts.append(table[["article_id", "article_label", "measure", "hype_index", "ci_low", "ci_high"]]
                     .rename(columns={"article_label": "article"})
                     .merge(lab[["article_id", "article_label", "label_value"]], on="article_id")
                     .assign(story=story))
    data = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["article_id", "article", "measure", "hype_index", "ci_low", "ci_high", "article_label",
                 "label_value", "story"])
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    markers = ["o", "s", "^", "D"]
    for i, (story, part) in enumerate(data.groupby("story", sort=False)):
        offset = (i - (data["story"].nunique() - 1) / 2) * 0.18
        jitter = (np.arange(len(part)) % 5 - 2) * 0.025
        x = part["label_value"].to_numpy(dtype=float) + offset + jitter
        ax.errorbar(x, part["hype_index"], yerr=[part["hype_index"] - part["ci_low"], part["ci_high"] - part["hype_index"]],
                    fmt=markers[i % len(markers)], capsize=2, alpha=0.8, label=f"{story} ({len(part)} articles)")
    ax.axhline(0, color="lightgrey", lw=1, zorder=0)
    ax.set_xticks([-1, 0, 1], ["skeptical", "neutral report", "promotional"])
    ax.set_xlabel("hand-coded article label")
    measure = ", ".join(sorted(data["measure"].unique())) if len(data) else ""
    ax.set_ylabel(f"hype–skepticism index ({measure})")
    ax.set_ylim(-1.05, 1.05)
    ax.set_title("Do the indices order the articles as the coders did? (95% bootstrap intervals)")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    fig.tight_layout()
    return fig, data

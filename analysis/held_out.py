"""The held-out story: the clean test of the framing measures (``docs/framing-measure-decision.md``,
last section).

A *held-out* story is one that no part of either measure was built, tuned or chosen on. The
lexicon is scored on it as it stands; the classifier is trained on every hand-labelled sentence
of the *other* stories and nothing of the held-out one, then predicts it. Both are compared
with the story's primary coding (coder A, the gold standard) and with its second coding (coder B,
a second gold, never merged with A); coder B against coder A is the human ceiling. At article
level each measure's index is compared with both coders' article labels (Spearman, bootstrap
interval). :func:`decide` then applies the third-story rule: the classifier replaces the lexicon
iff, against coder A, its kappa is at least :data:`analysis.classifier.KAPPA_MARGIN` higher and
its macro-F1 is not lower; without the held-out labels the two-story rule's decision stands.

Everything reuses :mod:`analysis.classifier` (fit, predict, scores, the rule, the article
agreement), so the held-out numbers are computed exactly as the two-story ones. Deterministic:
the model and the bootstrap have fixed seeds.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd

from . import classifier as K
from . import framing as F
from .stats import DEFAULT_SEED

CODER_A, CODER_B = "coder A", "coder B"  # the held-out story's primary and second coding
EVALUATION = "held-out story"
ARTICLE_COLUMNS = ["gold", "scope", "method", "n_articles", "spearman", "ci_low", "ci_high"]
METHODS = ("lexicon", "classifier")


def training_set(labelled: Mapping[str, pd.DataFrame | None], *exclude: str) -> pd.DataFrame | None:
    """The labelled sentences of every story in ``labelled`` (name -> table or None) except
    ``exclude``, stacked in the given order; None when nothing is left."""
    parts = [t for name, t in labelled.items() if name not in exclude and t is not None and not t.empty]
    return pd.concat(parts, ignore_index=True) if parts else None


def _add(parts: list, table: pd.DataFrame, predicted, method: str, gold: str, train: str) -> None:
    part = K._rows(table, list(predicted))
    part.insert(0, "method", method)
    part.insert(1, "gold", gold)
    part.insert(2, "train", train)
    parts.append(part)


def held_out_test(story: Mapping, training: pd.DataFrame, train_name: str,
                  second: pd.DataFrame | None = None,
                  article_labels: Mapping[str, pd.DataFrame | None] | None = None) -> dict:
    """Every number of the held-out test on one story.

    ``story`` is a story as :func:`analysis.classifier.read_story` returns it (``name``,
    ``scored``, ``articles``, ``labelled``: coder A's labels); ``training`` the labelled
    sentences of the other stories (``train_name`` says which, for the tables); ``second``
    coder B's labelled sentences (optional); ``article_labels`` maps ``CODER_A`` / ``CODER_B``
    to article labels (:func:`analysis.classifier.read_article_labels`, either may be None).

    Returns a dict: ``predictions`` (one row per sentence, method and gold), ``scores``
    (:data:`analysis.classifier.SCORE_COLUMNS`, evaluation ``held-out story``), ``frames`` (the
    classifier's frame for every sentence of ``story["scored"]``), ``lexicon_table`` and
    ``classifier_table`` (article tables of each measure), ``article_scores``
    (:data:`ARTICLE_COLUMNS`). Raises ValueError when the story has no labels.
    """
    test, name = story["labelled"], story["name"]
    if test is None or test.empty:
        raise ValueError(f"the held-out story {name!r} has no hand-coded sentence labels")
    model = K.fit(training)
    frames = K.predict(model, story["scored"]).rename("frame_classifier")
    by_id = pd.Series(frames.to_numpy(), index=story["scored"]["sentence_id"])
    parts: list = []
    _add(parts, test, test["frame"], "lexicon", CODER_A, "none (lexicon)")
    _add(parts, test, test["sentence_id"].map(by_id), "classifier", CODER_A, train_name)
    if second is not None and not second.empty:
        both = test.merge(second[["sentence_id", "frame_hand"]], on="sentence_id", suffixes=("", "_b"))
        _add(parts, both, both["frame_hand_b"], CODER_B, CODER_A, "none (human)")
        gold_b = both.assign(frame_hand=both["frame_hand_b"])
        _add(parts, gold_b, gold_b["frame"], "lexicon", CODER_B, "none (lexicon)")
        _add(parts, gold_b, gold_b["sentence_id"].map(by_id), "classifier", CODER_B, train_name)
    predictions = pd.concat(parts, ignore_index=True).assign(story=name)
    rows = [K.scores(part, method).assign(evaluation=EVALUATION, gold=gold, train=train, test=name)
            for (gold, method, train), part in predictions.groupby(["gold", "method", "train"], sort=False)]
    scores = pd.concat(rows, ignore_index=True)[K.SCORE_COLUMNS]

    scored, articles = story["scored"], story["articles"]
    lexicon_table = F.article_table(scored, articles, seed=DEFAULT_SEED)
    classifier_table = F.article_table(scored.assign(frame=frames, frame_incl_quotes=frames), articles,
                                       seed=DEFAULT_SEED)
    both_measures = K.with_measures(lexicon_table, classifier_table, "lexicon")  # only the *_lexicon/_classifier columns are read
    article_rows = [K.article_agreement({name: both_measures}, {name: labels}, METHODS).assign(gold=gold)
                    for gold, labels in (article_labels or {}).items() if labels is not None]
    article_scores = (pd.concat(article_rows, ignore_index=True)[ARTICLE_COLUMNS] if article_rows
                      else pd.DataFrame(columns=ARTICLE_COLUMNS))
    return {"predictions": predictions, "scores": scores, "frames": frames, "lexicon_table": lexicon_table,
            "classifier_table": classifier_table, "article_scores": article_scores}


def decide(held_out_scores: pd.DataFrame | None, two_story: dict, margin: float = K.KAPPA_MARGIN) -> dict:
    """The measure behind ``hype_index``: the third-story rule when the held-out story has labels,
    else the two-story rule's decision ``two_story`` (:func:`analysis.classifier.choose_measure`).

    ``held_out_scores`` is :func:`held_out_test`'s ``scores``; only the rows against coder A
    count. Returns choose_measure's dict plus ``rule`` (``"third story"`` or ``"two stories"``).
    """
    rows = None
    if held_out_scores is not None and len(held_out_scores):
        rows = held_out_scores[(held_out_scores["gold"] == CODER_A) & held_out_scores["method"].isin(METHODS)]
    if rows is None or rows.empty:
        return {**two_story, "rule": "two stories"}
    story = str(rows["test"].iloc[0])
    out = K.choose_measure(rows, margin=margin, basis=f"held-out story ({story}, against coder A)")
    return {**out, "rule": "third story"}


def run(stories: Mapping[str, Mapping], held_out: str) -> dict | None:
    """The held-out test of the story named ``held_out`` among ``stories``; None without it.

    ``stories`` maps a name to a story (:func:`analysis.classifier.read_story`'s dict) with
    three more keys: ``annotations`` (its annotations folder), ``article_labels_file`` (coder A's
    article labels, relative to it, "" for none) and ``second_coder_dir`` (coder B's folder,
    relative to it, with ``framing_labels.csv`` and ``article_labels.csv``; "" for none). The
    classifier is trained on the labelled sentences of every *other* story. None when
    ``held_out`` is empty, not among ``stories``, has no labels, or no other story has labels.
    Adds ``story``, ``training_stories``, ``n_training`` and ``article_labels`` to
    :func:`held_out_test`'s dict.
    """
    story = stories.get(held_out) if held_out else None
    if story is None or story.get("labelled") is None:
        return None
    labelled = {name: s.get("labelled") for name, s in stories.items()}
    training = training_set(labelled, held_out)
    if training is None:
        return None
    names = [n for n, t in labelled.items() if n != held_out and t is not None and not t.empty]
    annotations = Path(story["annotations"])
    second_dir = story.get("second_coder_dir") or ""
    labels_file = story.get("article_labels_file") or ""
    second = K.labelled_sentences(story["scored"], annotations / second_dir, held_out) if second_dir else None
    labels = {CODER_A: K.read_article_labels(annotations / labels_file, story["articles"]) if labels_file else None,
              CODER_B: (K.read_article_labels(annotations / second_dir / "article_labels.csv", story["articles"])
                        if second_dir else None)}
    out = held_out_test(story, training, " + ".join(names), second, labels)
    return {**out, "story": held_out, "training_stories": names, "n_training": len(training),
            "article_labels": labels}


def errors(predictions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentences each measure frames differently from coder A (method, sentence_id, coder A,
    predicted, text), and how many of each kind of error (method, coder A, predicted, sentences)."""
    against_a = predictions[(predictions["gold"] == CODER_A) & predictions["method"].isin(METHODS)]
    wrong = pd.concat([K.misclassified(part).assign(method=method)
                       for method, part in against_a.groupby("method", sort=False)], ignore_index=True)
    wrong = wrong[["method", "sentence_id", "frame_hand", "predicted", "text"]].rename(columns={"frame_hand": "coder A"})
    kinds = wrong.groupby(["method", "coder A", "predicted"]).size().rename("sentences").reset_index()
    return wrong, kinds

"""Tests for analysis.classifier: learning on hand-made sentences, the cross-validation splits,
the decision rule, and the seed cross-validated numbers reproduced exactly."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import classifier as K
from analysis import framing as F
from analysis.config import ANNOTATIONS_DIR, RAW_DIR, STORY_DIR
from analysis.corpus import read_corpus
from analysis.ingest import build_tables

FILLERS = ["the plant opens in the spring", "the firm makes servers in texas", "the deal covers racks and cables",
           "the company reported its results", "the chips ship next year", "the board met on monday"]


def toy_story(article_prefix="a", n_articles=3):
    """Hand-made sentences: 'soaring' marks hype, 'doubtful' marks skepticism, the rest is neutral."""
    rows = []
    for a in range(n_articles):
        for i, filler in enumerate(FILLERS):
            for frame, word in (("hype", "soaring"), ("skeptical", "doubtful"), ("neutral", "")):
                text = f"{filler} {word}".strip() if i % 2 else f"{word} {filler}".strip()
                rows.append({"sentence_id": f"{article_prefix}{a}-s{len(rows):03d}", "article_id": f"{article_prefix}{a}",
                             "text": text, "frame_hand": frame})
    table = pd.DataFrame(rows)
    for col in K.CUE_FEATURES:
        table[col] = 0
    return table


def test_the_classifier_learns_an_obvious_word_cue():
    model = K.fit(toy_story())
    new = pd.DataFrame({"text": ["analysts call the plan soaring", "the plan looks doubtful to analysts",
                                 "analysts call the plan"], **{c: [0, 0, 0] for c in K.CUE_FEATURES}})
    assert list(K.predict(model, new)) == ["hype", "skeptical", "neutral"]
    top = K.coefficients(model, n=1).set_index("frame")
    assert top.loc[["hype", "skeptical"], "feature"].tolist() == ["soaring", "doubtful"]
    assert (top["kind"] == "words").all()


def test_the_classifier_uses_the_lexicon_cue_counts():
    table = toy_story()
    table["text"] = "the same words everywhere"
    table["n_hype"] = (table["frame_hand"] == "hype").astype(int)
    table["n_skeptic"] = (table["frame_hand"] == "skeptical").astype(int)
    model = K.fit(table)
    new = table.head(3).assign(n_hype=[2, 0, 0], n_skeptic=[0, 2, 0])
    assert list(K.predict(model, new)) == ["hype", "skeptical", "neutral"]
    top = K.coefficients(model, n=1).set_index("frame")
    assert top.loc["hype", "feature"] == "n_hype" and top.loc["hype", "kind"] == "cue count"
    assert top.loc["skeptical", "feature"] == "n_skeptic"


def test_fit_refuses_unusable_training_data():
    table = toy_story()
    with pytest.raises(ValueError, match="fewer than two"):
        K.fit(table[table["frame_hand"] == "hype"])
    with pytest.raises(ValueError, match="unknown frame"):
        K.fit(table.assign(frame_hand="promotional"))
    with pytest.raises(ValueError, match="lacks columns"):
        K.fit(table.drop(columns=["n_hype"]))


def test_leave_one_article_out_never_trains_on_the_held_out_article():
    table = toy_story()
    # In article a0 the cue words swap meaning: a model that saw a0 while predicting it would get it right.
    swap = {"hype": "skeptical", "skeptical": "hype", "neutral": "neutral"}
    table.loc[table["article_id"] == "a0", "frame_hand"] = table.loc[table["article_id"] == "a0", "frame_hand"].map(swap)
    out = K.leave_one_article_out(table)
    assert list(out["sentence_id"]) == list(table["sentence_id"])
    assert (out["held_out"] == out["article_id"]).all()
    a0 = out[out["article_id"] == "a0"]
    # trained on a1 and a2 only, it predicts the usual meaning, i.e. every swapped sentence is wrong
    assert (a0.loc[a0["frame_hand"] != "neutral", "predicted"] != a0.loc[a0["frame_hand"] != "neutral", "frame_hand"]).all()


def test_leave_one_story_out_predicts_each_story_from_the_other():
    a, b = toy_story("a"), toy_story("b", n_articles=2)
    out = K.leave_one_story_out(a, b, names=("A", "B"))
    assert len(out) == len(a) + len(b)
    assert out.groupby("direction")["story"].unique().map(list).to_dict() == {"A → B": ["B"], "B → A": ["A"]}
    assert (out["predicted"] == out["frame_hand"]).all()  # the toy cue carries over
    assert K.scores(out, "classifier", by=["direction"])["kappa"].tolist() == [1.0, 1.0]


def test_the_decision_rule_needs_the_margin_and_no_loss_of_macro_f1():
    def table(kc, fc, kl=0.40, fl=0.60):
        return pd.DataFrame({"method": ["lexicon", "lexicon", "classifier", "classifier"],
                             "kappa": [kl, kl, kc, kc], "macro_f1": [fl, fl, fc, fc]})
    assert K.choose_measure(table(0.46, 0.61))["measure"] == "classifier"
    assert K.choose_measure(table(0.45, 0.60))["measure"] == "classifier"  # exactly the margin, F1 equal
    assert K.choose_measure(table(0.44, 0.70))["measure"] == "lexicon"  # kappa gain below the margin
    assert K.choose_measure(table(0.60, 0.59))["measure"] == "lexicon"  # macro-F1 lower
    assert K.choose_measure(pd.DataFrame())["measure"] == "lexicon"  # no second story
    # the mean over the two directions decides, not the better direction
    mixed = pd.DataFrame({"method": ["lexicon", "lexicon", "classifier", "classifier"],
                          "kappa": [0.4, 0.4, 0.7, 0.15], "macro_f1": [0.6, 0.6, 0.8, 0.5]})
    assert K.choose_measure(mixed)["measure"] == "lexicon"


@pytest.fixture(scope="module")
def seeds():
    sentences = build_tables(read_corpus(RAW_DIR)).sentences
    lexicon = F.load_cues(extra=F.extra_cue_paths(STORY_DIR))
    return K.labelled_sentences(F.score_sentences(sentences, lexicon), ANNOTATIONS_DIR, "seeds")


def test_seed_cross_validated_numbers_reproduce_exactly(seeds):
    """Regression pin: the values were computed once by this code and pasted here, so any change to
    the features, the model, the lexicon or the seed labels shows up. Update them on purpose only."""
    first = K.leave_one_article_out(seeds)
    again = K.leave_one_article_out(seeds)
    pd.testing.assert_frame_equal(first, again)
    row = K.scores(first, "classifier").iloc[0]
    assert row["n"] == 141
    assert row["kappa"] == pytest.approx(PINNED_SEED_LOAO_KAPPA, abs=1e-12)
    assert row["macro_f1"] == pytest.approx(PINNED_SEED_LOAO_MACRO_F1, abs=1e-12)


PINNED_SEED_LOAO_KAPPA = 0.426555023923445
PINNED_SEED_LOAO_MACRO_F1 = 0.6322091106065968


def test_the_lexicon_on_its_own_story_is_not_counted_as_out_of_story():
    rows = pd.DataFrame({"evaluation": ["leave one story out"] * 4 + ["in sample"],
                         "method": ["lexicon", "lexicon", "classifier", "classifier", "classifier"],
                         "test": [K.LEXICON_STORY, "other", K.LEXICON_STORY, "other", "other"],
                         "kappa": [0.5, 0.3, 0.4, 0.2, 0.9]})
    honest = K.truly_out_of_story(rows)
    assert list(zip(honest["method"], honest["test"])) == [("lexicon", "other"), ("classifier", K.LEXICON_STORY),
                                                           ("classifier", "other")]


def test_spearman_interval_is_seeded_and_undefined_for_constant_labels():
    x, y = [0.1, 0.4, -0.3, 0.2, -0.1, 0.5], [0, 1, -1, 1, 0, 1]
    first, again = K.spearman_ci(x, y), K.spearman_ci(x, y)
    assert first == again and first[1] <= first[0] <= first[2] <= 1.0
    assert all(v != v for v in K.spearman_ci(x, [1] * 6))  # NaN: one label only


def test_with_measures_takes_index_and_counts_from_the_chosen_measure():
    lex = pd.DataFrame({"article_id": ["a", "b"], "hype_index": [0.5, -0.1], "ci_low": [0.2, -0.3],
                        "ci_high": [0.7, 0.1], "n_hype_sentences": [3, 1], "n_skeptical_sentences": [0, 2],
                        "n_neutral_sentences": [1, 1], "hype_index_incl_quotes": [0.6, 0.0]})
    cls = lex.assign(hype_index=[0.1, -0.4], ci_low=[0.0, -0.6], ci_high=[0.3, -0.2], n_hype_sentences=[1, 0])
    kept = K.with_measures(lex, cls, "lexicon")
    assert kept["hype_index"].tolist() == [0.5, -0.1] and kept["hype_index_classifier"].tolist() == [0.1, -0.4]
    swapped = K.with_measures(lex, cls, "classifier")
    assert swapped["hype_index"].tolist() == [0.1, -0.4] and swapped["n_hype_sentences"].tolist() == [1, 0]
    assert swapped["hype_index_lexicon"].tolist() == [0.5, -0.1] and (swapped["measure"] == "classifier").all()
    assert swapped["hype_index_incl_quotes"].tolist() == [0.6, 0.0]  # always the lexicon's
    with pytest.raises(ValueError, match="no classifier table"):
        K.with_measures(lex, None, "classifier")


def test_article_labels_are_checked_and_named_in_errors(tmp_path):
    articles = pd.DataFrame({"article_id": ["a", "b"]})
    path = tmp_path / "article_labels.csv"
    path.write_text("article_id,article_label,reason\na,Promotional,x\nb,skeptical,y\n")
    assert K.read_article_labels(path, articles)["label_value"].tolist() == [1, -1]
    path.write_text("article_id,article_label\na,glowing\n")
    with pytest.raises(ValueError, match="article_labels.csv: unknown article labels"):
        K.read_article_labels(path, articles)
    path.write_text("article_id,article_label\nz,skeptical\n")
    with pytest.raises(ValueError, match="not in the corpus"):
        K.read_article_labels(path, articles)
    assert K.read_article_labels(tmp_path / "missing.csv", articles) is None

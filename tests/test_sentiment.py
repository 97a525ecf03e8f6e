"""Tests for analysis.sentiment: pinned VADER scores, thresholds, aggregation, overrides, word-count tone."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import sentiment as S
from analysis.stats import DEFAULT_N_BOOT, DEFAULT_SEED

POSITIVE = "The partnership is a great success and investors are delighted."
NEGATIVE = "The deal is a terrible failure and workers are angry."
NEUTRAL = "Foxconn builds servers in Ohio."
UNSTOPPABLE = "This shows unstoppable momentum."


@pytest.fixture(scope="module")
def sia():
    return S.make_analyzer()


def _overrides(rows):
    return pd.DataFrame(rows, columns=S.OVERRIDE_COLUMNS)


# -- pinned scores (computed once with NLTK 3.10's VADER and its lexicon) ---------------

def test_pinned_scores(sia):
    assert S.polarity_scores(POSITIVE, sia) == {"neg": 0.0, "neu": 0.351, "pos": 0.649, "compound": 0.9022}
    assert S.polarity_scores(NEGATIVE, sia) == {"neg": 0.618, "neu": 0.382, "pos": 0.0, "compound": -0.8658}
    assert S.polarity_scores(NEUTRAL, sia)["compound"] == 0.0
    assert S.polarity_scores(UNSTOPPABLE, sia)["compound"] == pytest.approx(-0.2023, abs=1e-4)


def test_typographic_apostrophe_is_normalised_so_negation_works(sia):
    # VADER only sees "don't" as a negation with an ASCII apostrophe.
    assert sia.polarity_scores("They don’t like it.")["compound"] == pytest.approx(0.3612, abs=1e-4)
    assert S.polarity_scores("They don’t like it.", sia)["compound"] == pytest.approx(-0.2755, abs=1e-4)
    assert S.prepare_text("“Hi,” she said—it’s ‘fine’ (really)") == "Hi, she said — it's fine'  really "


def test_prepared_text_lets_vader_find_quoted_and_bracketed_words(sia):
    text = 'The “unstoppable” plan (a "success") won—growth and ‘hype’ everywhere.'
    assert sia.polarity_scores(text)["compound"] == 0.0  # VADER alone finds none of the quoted words
    assert S.vader_tokens(text, sia) == ["the", "unstoppable", "plan", "success", "won", "growth", "and", "hype",
                                         "everywhere"]
    assert S.polarity_scores(text, sia)["compound"] > 0


# -- thresholds ------------------------------------------------------------------------

@pytest.mark.parametrize("compound, label", [
    (0.05, "positive"), (0.0499, "neutral"), (0.0, "neutral"), (-0.0499, "neutral"),
    (-0.05, "negative"), (0.9, "positive"), (-0.9, "negative"),
])
def test_thresholds_at_the_boundary(compound, label):
    assert S.classify(compound) == label


def test_thresholds_are_point_zero_five_not_point_five():
    # the mistaken ±0.5 would make all of these neutral
    assert [S.classify(c) for c in (0.3, 0.06, -0.06, -0.3)] == ["positive", "positive", "negative", "negative"]
    assert [S.classify(c) for c in (0.049, -0.049)] == ["neutral", "neutral"]


# -- scoring and aggregation -----------------------------------------------------------

def _sentences():
    return pd.DataFrame({
        "sentence_id": ["a-s0", "a-s1", "a-s2", "b-s0", "b-s1"],
        "article_id": ["a", "a", "a", "b", "b"],
        "position": [0, 1, 2, 0, 1],
        "text": [POSITIVE, NEUTRAL, NEGATIVE, POSITIVE, UNSTOPPABLE],
    })


def test_score_sentences_columns_labels_and_positions(sia):
    scored = S.score_sentences(_sentences(), sia)
    assert list(scored.columns) == S.SENTENCE_COLUMNS
    assert scored["label"].tolist() == ["positive", "neutral", "negative", "positive", "negative"]
    # without overrides the adjusted columns equal the raw ones
    assert scored["compound"].equals(scored["compound_adjusted"])
    assert scored["rel_position"].tolist() == pytest.approx([1 / 6, 3 / 6, 5 / 6, 1 / 4, 3 / 4])


def test_aggregation_shares_sum_to_one_and_mean_matches(sia):
    scored = S.score_sentences(_sentences(), sia)
    arts = S.aggregate_articles(scored, pd.DataFrame({"article_id": ["a", "b"], "label": ["A (a)", "B (b)"]}))
    assert list(arts.columns) == S.ARTICLE_COLUMNS
    a = arts.set_index("article_id").loc["a"]
    assert a["article_label"] == "A (a)" and a["n_sentences"] == 3
    assert a["mean_compound"] == pytest.approx((0.9022 + 0.0 - 0.8658) / 3)
    assert (a["share_positive"], a["share_neutral"], a["share_negative"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    for _, row in arts.iterrows():
        assert row[["share_positive", "share_neutral", "share_negative"]].sum() == pytest.approx(1.0)
        assert row["ci_low"] <= row["mean_compound"] <= row["ci_high"]


def test_seeded_bootstrap_reproduces_exactly(sia):
    scored = S.score_sentences(_sentences(), sia)
    first = S.aggregate_articles(scored)
    second = S.aggregate_articles(scored)
    pd.testing.assert_frame_equal(first, second)
    values = scored.loc[scored["article_id"] == "a", "compound"].to_numpy()
    # the percentile bootstrap written out: resample with the default seed, take the 2.5% and 97.5% quantiles
    rng = np.random.default_rng(DEFAULT_SEED)
    means = values[rng.integers(0, len(values), size=(DEFAULT_N_BOOT, len(values)))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    assert first.loc[0, ["mean_compound", "ci_low", "ci_high"]].tolist() == pytest.approx([values.mean(), low, high])


def test_label_shares_empty_and_order():
    assert S.label_shares(pd.Series([], dtype=str)) == {"negative": 0.0, "neutral": 0.0, "positive": 0.0}
    assert list(S.label_shares(pd.Series(["positive"]))) == list(S.LABELS)


def test_whole_text_saturates_while_sentence_mean_does_not(sia):
    body = pd.DataFrame({"sentence_id": [f"a-s{i}" for i in range(8)], "article_id": "a", "position": range(8),
                         "text": [POSITIVE, NEGATIVE] * 4})
    scored = S.score_sentences(body, sia)
    demo = S.whole_text_vs_sentences(body, scored, sia).iloc[0]
    assert abs(demo["mean_compound"]) < 0.05
    assert abs(demo["compound_whole_text"]) > abs(demo["mean_compound"])
    assert S.normalise_sum(10.0) == pytest.approx(10 / np.sqrt(115))
    assert S.normalise_sum(10.0, sia) == pytest.approx(S.normalise_sum(10.0))


# -- overrides -------------------------------------------------------------------------

def test_override_changes_sign_without_mutating_the_default(sia):
    before = dict(sia.lexicon)
    table = _overrides([["unstoppable", -0.8, 1.5, "praise in business prose"]])
    adjusted = S.with_overrides(sia, table)
    assert adjusted.lexicon["unstoppable"] == 1.5
    assert S.polarity_scores(UNSTOPPABLE, adjusted)["compound"] > 0 > S.polarity_scores(UNSTOPPABLE, sia)["compound"]
    assert sia.lexicon == before and sia.lexicon["unstoppable"] == -0.8
    assert S.make_analyzer().lexicon["unstoppable"] == -0.8
    assert adjusted.lexicon is not sia.lexicon


def test_zero_override_removes_term_so_boosters_cannot_push_it(sia):
    text = "It is a very critical moment."
    assert S.polarity_scores(text, sia)["compound"] < 0
    adjusted = S.with_overrides(sia, {"critical": 0})
    assert "critical" not in adjusted.lexicon and "critical" in sia.lexicon
    assert S.polarity_scores(text, adjusted)["compound"] == 0.0


def test_score_sentences_uses_adjusted_analyzer(sia):
    adjusted = S.with_overrides(sia, {"unstoppable": 1.5})
    scored = S.score_sentences(_sentences(), sia, adjusted).set_index("sentence_id")
    assert scored.loc["b-s1", "label"] == "negative" and scored.loc["b-s1", "label_adjusted"] == "positive"
    assert scored.loc["a-s0", "compound"] == scored.loc["a-s0", "compound_adjusted"]


def test_load_overrides_validates(tmp_path, sia):
    assert S.load_overrides(tmp_path / "missing.csv").empty
    good = tmp_path / "good.csv"
    good.write_text("term,vader_valence,override_valence,rationale\nUnstoppable,-0.8,1.5,praise\n")
    table = S.load_overrides(good)
    assert table["term"].tolist() == ["unstoppable"] and table["override_valence"].tolist() == [1.5]
    S.check_overrides(table, sia)  # matches the lexicon: no error
    wrong = table.assign(vader_valence=[-0.5])
    with pytest.raises(ValueError, match="unstoppable"):
        S.check_overrides(wrong, sia)
    two_words = tmp_path / "two.csv"
    two_words.write_text("term,vader_valence,override_valence,rationale\nsupply chain,,0,x\n")
    with pytest.raises(ValueError, match="one word"):
        S.load_overrides(two_words)
    too_big = tmp_path / "big.csv"
    too_big.write_text("term,vader_valence,override_valence,rationale\nshare,1.2,9,x\n")
    with pytest.raises(ValueError, match="-4 to 4"):
        S.load_overrides(too_big)


def test_project_override_table_matches_the_lexicon(sia):
    from analysis import config

    table = S.load_overrides(config.LEXICONS_DIR / S.OVERRIDES_FILE)
    assert not table.empty and table["rationale"].str.len().min() > 10
    S.check_overrides(table, sia)


# -- word-count tone -------------------------------------------------------------------

def test_word_count_tone_hand_computed():
    pos, neg = {"good", "strong"}, {"bad", "risk"}
    text = "Good news: strong demand, but one risk and a bad quarter were not good."
    # tokens: Good news strong demand but one risk and a bad quarter were not good -> 14 words
    n, n_pos, n_neg = S.tone_counts(text, pos, neg)
    assert (n, n_pos, n_neg) == (14, 3, 2)
    assert S.per_100(n_pos, n) - S.per_100(n_neg, n) == pytest.approx(100 / 14)  # tone
    assert S.per_100(n_pos, n) + S.per_100(n_neg, n) == pytest.approx(500 / 14)  # polarity
    assert S.per_100(3, 0) == 0.0
    assert S.tone_label(3, 2) == "positive" and S.tone_label(1, 1) == "neutral" and S.tone_label(0, 2) == "negative"


def test_article_tone_pools_words(sia):
    words = pd.DataFrame({"term": ["great", "terrible"], "polarity": ["positive", "negative"], "rationale": "x"})
    body = pd.DataFrame({"sentence_id": ["a-s0", "a-s1"], "article_id": "a", "position": [0, 1],
                         "text": ["A great great day.", "Terrible."]})  # 4 + 1 words; 2 positive, 1 negative
    arts = S.aggregate_articles(S.score_sentences(body, sia, tone_words=words)).iloc[0]
    assert (arts["n_words"], arts["pos_words"], arts["neg_words"]) == (5, 2, 1)
    assert arts["pos_per_100"] == pytest.approx(40.0) and arts["neg_per_100"] == pytest.approx(20.0)
    assert arts["tone"] == pytest.approx(20.0) and arts["polarity"] == pytest.approx(60.0)


def test_derived_tone_words_follow_the_threshold():
    lex = {"good": 1.9, "okay": 0.9, "bad": -2.5, "meh": -0.3, ":)": 2.0, "well-being": 1.5, "sux": -1.5}
    words = S.derive_tone_words(lex)
    assert dict(zip(words["term"], words["polarity"])) == {
        "sux": "negative", "bad": "negative", "good": "positive", "well-being": "positive"}
    assert words["term"].tolist() == ["bad", "sux", "good", "well-being"]


def test_load_tone_words(tmp_path):
    assert S.load_tone_words(tmp_path / "none.csv") is None
    path = tmp_path / "tone_words.csv"
    path.write_text("term,polarity,rationale\nGain,positive,x\nslump,negative,y\n")
    assert S.load_tone_words(path)["term"].tolist() == ["slump", "gain"]
    path.write_text("term,polarity,rationale\ngain,good,x\n")
    with pytest.raises(ValueError, match="positive or negative"):
        S.load_tone_words(path)


# -- evidence views and validation -----------------------------------------------------

def test_extremes_and_arc(sia):
    body = _sentences()
    scored = S.score_sentences(body, sia)
    ext = S.extremes(scored, body).set_index(["article_id", "end"])
    assert ext.loc[("a", "most positive"), "sentence_id"] == "a-s0"
    assert ext.loc[("a", "most negative"), "sentence_id"] == "a-s2"
    arc = S.sentiment_arc(scored, window=3)
    a = arc[arc["article_id"] == "a"]["rolling_mean"].tolist()
    assert a == pytest.approx([0.9022 / 2, (0.9022 - 0.8658) / 3, -0.8658 / 2])


def test_spearman_and_sign_disagreements(sia):
    assert S.spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert S.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert np.isnan(S.spearman([1, 2], [1, 2]))
    # VADER reads "despite" as a negation, flipping "promising"; the word count does not.
    body = pd.DataFrame({"sentence_id": ["x-s0"], "article_id": "x", "position": [0],
                         "text": ["Despite the promising goals, the project faces delays."]})
    words = pd.DataFrame({"term": ["promising"], "polarity": ["positive"], "rationale": "x"})
    scored = S.score_sentences(body, sia, tone_words=words)
    assert scored.loc[0, "label"] == "negative" and scored.loc[0, "tone_label"] == "positive"
    assert S.sign_disagreements(scored, body)["sentence_id"].tolist() == ["x-s0"]


def test_hand_labels_join_check_and_validation(tmp_path, sia):
    body = _sentences()
    assert S.load_hand_labels(tmp_path, body) is None
    coded = body[["sentence_id", "text"]].assign(sentiment=["positive", "neutral", "negative", "positive", "positive"],
                                                 note="")
    coded.loc[4, "sentiment"] = " Positive "
    coded.to_csv(tmp_path / S.HAND_LABELS_FILE, index=False)
    hand = S.load_hand_labels(tmp_path, body)
    assert hand["hand"].tolist() == ["positive", "neutral", "negative", "positive", "positive"]
    scored = S.score_sentences(body, sia, S.with_overrides(sia, {"unstoppable": 1.5}))
    table, details = S.validate(scored, hand)
    table = table.set_index("method")
    assert table.loc["VADER", "n"] == 5 and table.loc["VADER", "accuracy"] == pytest.approx(0.8)
    assert table.loc["VADER with overrides", "accuracy"] == pytest.approx(1.0)
    assert table.loc["VADER with overrides", "kappa"] == pytest.approx(1.0)
    assert details["VADER"]["confusion"].loc["positive", "negative"] == 1
    assert S.disagreements(scored, hand, body)["sentence_id"].tolist() == ["b-s1"]


def test_stale_hand_labels_raise_naming_the_file(tmp_path):
    body = _sentences()
    coded = body[["sentence_id", "text"]].assign(sentiment="neutral", note="")
    coded.loc[0, "text"] = "A sentence that has since been edited."
    coded.to_csv(tmp_path / S.HAND_LABELS_FILE, index=False)
    with pytest.raises(ValueError, match="sentiment_labels.csv is stale"):
        S.load_hand_labels(tmp_path, body)
    coded = body[["sentence_id", "text"]].assign(sentiment="mixed", note="")
    coded.to_csv(tmp_path / S.HAND_LABELS_FILE, index=False)
    with pytest.raises(ValueError, match="mixed"):
        S.load_hand_labels(tmp_path, body)


def test_article_means_figure_keys_on_article_id_when_labels_collide():
    """Two articles from one outlet once crashed notebook 02 ('x and y must have the same size')."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    row = {"article_label": "City Ledger", "mean_compound": 0.1, "ci_low": 0.0, "ci_high": 0.2,
           "mean_compound_adjusted": 0.1, "ci_low_adjusted": 0.0, "ci_high_adjusted": 0.2}
    table = pd.DataFrame([{**row, "article_id": "a"}, {**row, "article_id": "b", "mean_compound": -0.1, "ci_low": -0.2}])
    fig, data = S.plot_article_means(table)
    assert len(data) == 4 and sorted(data["article_id"].unique()) == ["a", "b"]
    assert len(fig.axes[0].get_yticks()) == 2
    plt.close(fig)

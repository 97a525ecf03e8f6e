"""Tests for analysis.framing (cue matching, decision rule, index, keyness) and the attribution rules."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import framing as F
from analysis.attribution import classify_attribution
from analysis.stats import DEFAULT_N_BOOT

pytestmark = pytest.mark.usefixtures("fixture_lexicons")  # rules run on frozen fixture lexicons (conftest.py)


def matches(term, text, inflect=True):
    return [text[m.start():m.end()] for m in F.compile_term(term, inflect).finditer(F.normalise(text))]


def cue_list(text, category):
    return [m.shown for m in F.find_cues(text) if m.status == "counted" and m.counts_as == category]


# ---------------------------------------------------------------- matching

def test_inflections_of_a_verb_match_and_case_is_ignored():
    text = "They reshape it; it reshapes; it was reshaped; RESHAPING everything."
    assert matches("reshape", text) == ["reshape", "reshapes", "reshaped", "RESHAPING"]
    assert matches("guarantee", "a guarantee, two guarantees, guaranteed") == ["guarantee", "guarantees", "guaranteed"]
    assert matches("inequity", "it creates inequities") == ["inequities"]


def test_uninflected_terms_and_word_boundaries():
    assert matches("critical", "critical, criticality, Critical", inflect=False) == ["critical", "Critical"]
    assert matches("risk", "a brisk walk with risks") == ["risks"]
    assert matches("market", "marketing and markets", inflect=False) == []


def test_phrases_match_across_whitespace_hyphens_and_apostrophes():
    assert matches("game changer", "a game-changer, a gamechanger? no: a game\nchanger") == [
        "game-changer", "game\nchanger"]
    assert matches("game-changer", "gamechanger and game changer and game‑changer") == [
        "gamechanger", "game changer", "game‑changer"]
    assert matches("cutting-edge", "cutting edge and cutting-edge") == ["cutting edge", "cutting-edge"]
    assert matches("world's largest", "the world’s largest maker") == ["world’s largest"]
    assert matches("next * era", "the next industrial era") == ["next industrial era"]
    assert matches("about <num>", "about $1.4 trillion, about control") == ["about $1.4"]
    # function words inside a phrase are not inflected
    assert matches("not disclose", "does not disclose; was not disclosed; nots disclose") == [
        "not disclose", "not disclosed"]


def test_longest_match_wins_over_its_parts():
    cues = F.find_cues("There is no doubt about it.")
    assert [(m.term, m.category) for m in cues] == [("no doubt", "booster")]


def test_lexicon_rejects_duplicates_and_unknown_categories(tmp_path):
    dup = tmp_path / "dup.csv"
    dup.write_text("term,category,inflect,rationale\nnovel,hype,no,x\nnovel,skeptic,no,y\n")
    with pytest.raises(ValueError, match="more than once"):
        F.load_cues(dup)
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category,inflect,rationale\nnovel,hyped,no,x\n")
    with pytest.raises(ValueError, match="unknown categories"):
        F.load_cues(bad)


def test_story_extra_file_is_appended(tmp_path):
    assert F.extra_cue_paths(tmp_path) == []
    extra = tmp_path / F.EXTRA_CUES_NAME
    extra.write_text("term,category,inflect,rationale\nstadium magic,hype,no,test\n")
    lex = F.load_cues(F.CUES_CSV, F.extra_cue_paths(tmp_path))
    assert F.score_sentence("The stadium magic arrives.", lex)["hype_cues"] == "stadium magic"


# ---------------------------------------------------------------- negation, remedies, quotes

def test_negated_hype_counts_as_skeptic():
    row = F.score_sentence("The company has an option to purchase, but no public purchase guarantee.")
    assert row["n_hype"] == 0 and row["skeptic_cues"] == "no public purchase guarantee"
    assert row["frame"] == "skeptical"
    row = F.score_sentence("A factory doesn't guarantee demand.")
    assert row["skeptic_cues"] == "doesn't guarantee" and row["frame"] == "skeptical"


def test_not_just_is_not_a_negation():
    row = F.score_sentence("The industry is serious about capacity, not just rhetoric.")
    assert row["skeptic_cues"] == "rhetoric" and row["negated_cues"] == ""
    row = F.score_sentence("The deal won't just reshape the industry.")
    assert row["hype_cues"] == "reshape" and row["frame"] == "hype"


def test_negated_booster_becomes_hedge_and_negator_takes_one_cue():
    row = F.score_sentence("Pledges don't always unfold as promised.")
    assert row["hedges"] == "don't always"
    assert row["skeptic_cues"] == "as promised"  # the negator was used up by "always"
    assert row["frame"] == "skeptical"


def test_adjective_before_a_kind_noun_describes_rather_than_praises():
    row = F.score_sentence("Foxconn, the world's largest contract electronics manufacturer, makes critical components.")
    assert row["hype_cues"] == "" and row["frame"] == "neutral"
    assert row["described_cues"] == "world's largest contract electronics manufacturer; critical components"
    # evaluative uses stay hype: no kind noun, a verb cue (inflected), or a clause boundary in between
    assert F.score_sentence("The deal is critical for the industry.")["hype_cues"] == "critical"
    assert F.score_sentence("It will reshape chip supply.")["hype_cues"] == "reshape"
    assert F.score_sentence("The result is massive, and so are the GPUs.")["hype_cues"] == "massive"


def test_open_questions_count_as_skeptical_only_in_the_writers_words():
    assert F.score_sentence("Will the deal pay off?")["skeptic_cues"] == "?"
    assert F.score_sentence("How much OpenAI will buy.")["frame"] == "skeptical"
    assert F.score_sentence("Whether the plant opens on time is unknown.")["skeptic_cues"] == "Whether; unknown"
    # an interrogative word inside the sentence is not an open question
    assert F.score_sentence("Analysts asked how much it costs.")["frame"] == "neutral"
    # a question inside a relayed quote is the speaker's, not the writer's
    row = F.score_sentence('He asked: "will this ever work out for them?"')
    assert row["frame"] == "neutral" and row["quoted_cues"] == "skeptic: ?"


def test_negated_skeptic_cue_is_dropped_and_clause_boundary_stops_negation():
    row = F.score_sentence("The plan is not risky.")
    assert row["n_skeptic"] == 0 and row["frame"] == "neutral"
    assert "risky" in row["negated_cues"]
    row = F.score_sentence("No, this will reshape the industry.")
    assert row["hype_cues"] == "reshape" and row["frame"] == "hype"
    row = F.score_sentence("There are no plans for the next five years to reshape it.")
    assert row["hype_cues"] == "reshape"  # five words away: outside the window


def test_remedied_risk_is_not_skepticism():
    row = F.score_sentence("Local production aims to mitigate risks from disruptions.")
    assert row["n_skeptic"] == 0 and row["remedied_cues"] == "mitigate risks"
    assert F.score_sentence("The risks are real.")["n_skeptic"] == 1


def test_aims_are_not_outcomes_and_post_hoc_rows_can_be_removed():
    row = F.score_sentence("The collaboration aims to bolster domestic manufacturing.")
    assert row["n_hype"] == 0 and row["aim_cues"] == "aims to bolster" and row["frame"] == "neutral"
    row = F.score_sentence("The collaboration will bolster domestic manufacturing.")
    assert row["hype_cues"] == "bolster" and row["frame"] == "hype"
    lexicon = F.load_cues()
    first = F.without_post_hoc(lexicon)
    assert "aim" not in set(first.rows["category"]) and len(first.rows) < len(lexicon.rows)
    assert F.score_sentence("The collaboration aims to bolster manufacturing.", first)["frame"] == "hype"


def test_hedges_do_not_cancel_hype_and_boosters_need_hype():
    row = F.score_sentence("It could unlock significant investment.")
    assert row["frame"] == "hype" and row["hype_score"] == 2 and row["hedges"] == "could"
    assert F.score_sentence("This clearly matters.")["frame"] == "neutral"
    row = F.score_sentence("This will clearly reshape the market.")
    assert row["hype_score"] == 2
    row = F.score_sentence("Costs could strain budgets.")
    assert row["skeptic_score"] == 2  # hedge counts on the skeptic side when a skeptic cue is present


def test_relayed_quote_cues_are_counted_separately():
    text = 'Liu said the company is "thrilled to partner with a pioneer in the field."'
    row = F.score_sentence(text)
    assert row["frame"] == "neutral" and row["n_hype"] == 0
    assert row["quoted_cues"] == "hype: thrilled; hype: pioneer"
    assert row["frame_incl_quotes"] == "hype" and row["n_quoted_hype"] == 2
    # a scare quote (fewer than MIN_QUOTE_WORDS words) stays the writer's own words
    row = F.score_sentence("Control of the AI “middle layer” is critical.")
    assert row["hype_cues"] == "critical" and row["quoted_cues"] == ""


def test_decision_rule_ties_are_neutral():
    assert F.frame_from_scores(2, 1) == "hype"
    assert F.frame_from_scores(1, 2) == "skeptical"
    assert F.frame_from_scores(1, 1) == "neutral"
    assert F.score_sentence("Despite the promising goals, the partnership faces challenges.")["frame"] == "neutral"


# ---------------------------------------------------------------- article index

def _scored(frames, article="a1", tokens=10):
    n = len(frames)
    df = pd.DataFrame({"sentence_id": [f"{article}-s{i:03d}" for i in range(n)], "article_id": article,
                       "position": range(n), "frame": frames, "frame_incl_quotes": frames,
                       "n_tokens": tokens, "attribution": ["named"] + ["none"] * (n - 1)})
    for cat in F.SCORED_CATEGORIES:
        df[f"n_{cat}"] = 0
    df["n_hype"] = [1 if f == "hype" else 0 for f in frames]
    df["n_quoted_hype"] = 0
    return df


def test_index_is_mean_of_sentence_values_with_seeded_interval():
    frames = ["hype", "hype", "skeptical", "neutral", "hype", "neutral", "skeptical", "hype"]
    scored = _scored(frames)
    articles = pd.DataFrame({"article_id": ["a1"], "label": ["Article (a1)"], "kind": ["blog"]})
    table = F.article_table(scored, articles, seed=7)
    row = table.iloc[0]
    assert row["hype_index"] == pytest.approx((4 - 2) / 8)
    values = np.array([1, 1, -1, 0, 1, 0, -1, 1], float)
    rng = np.random.default_rng(7)  # the percentile bootstrap, written out
    low, high = np.quantile(values[rng.integers(0, 8, size=(DEFAULT_N_BOOT, 8))].mean(axis=1), [0.025, 0.975])
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
    assert low <= row["hype_index"] <= high and low < high
    assert F.article_table(scored, articles, seed=7).equals(table)  # same seed, same interval
    assert row["rate_hype"] == pytest.approx(4 / 80 * 1000)  # 4 hype cues in 80 tokens
    assert row["share_named"] == pytest.approx(1 / 8) and row["share_none"] == pytest.approx(7 / 8)
    assert row["article_label"] == "Article (a1)"


def test_evidence_picks_strongest_sentences_per_side():
    scored = _scored(["hype", "hype", "skeptical"])
    scored["net_score"] = [1, 3, -2]
    for col in ["hype_cues", "boosters", "skeptic_cues", "hedges"]:
        scored[col] = ""
    scored["text"] = ["x", "y", "z"]
    ev = F.top_evidence(scored, n=1)
    assert list(ev["sentence_id"]) == ["a1-s001", "a1-s002"]


# ---------------------------------------------------------------- keyness

def test_log_odds_z_matches_hand_computation():
    y_i = pd.Series({"a": 3, "b": 1})
    y_j = pd.Series({"a": 1, "b": 3})
    alpha = pd.Series({"a": 1.0, "b": 1.0})
    res = F.log_odds_dirichlet(y_i, y_j, alpha).set_index("word")
    # n_i = n_j = 4, a0 = 2
    delta_a = math.log((3 + 1) / (4 + 2 - 3 - 1)) - math.log((1 + 1) / (4 + 2 - 1 - 1))
    var_a = 1 / (3 + 1) + 1 / (1 + 1)
    assert res.loc["a", "delta"] == pytest.approx(delta_a) == pytest.approx(2 * math.log(2))
    assert res.loc["a", "z"] == pytest.approx(delta_a / math.sqrt(var_a))
    assert res.loc["b", "z"] == pytest.approx(-res.loc["a", "z"])


def test_log_odds_uneven_example_and_keyness_prior():
    y_i = pd.Series({"deal": 2, "risk": 0, "the": 3})
    y_j = pd.Series({"deal": 1, "risk": 4, "the": 3})
    alpha = pd.Series({"deal": 0.5, "risk": 0.5, "the": 1.0})  # a0 = 2
    res = F.log_odds_dirichlet(y_i, y_j, alpha).set_index("word")
    d = math.log(0.5 / (5 + 2 - 0 - 0.5)) - math.log(4.5 / (8 + 2 - 4 - 0.5))
    assert res.loc["risk", "delta"] == pytest.approx(d)
    assert res.loc["risk", "z"] == pytest.approx(d / math.sqrt(1 / 0.5 + 1 / 4.5))
    sentences = pd.DataFrame({"article_id": ["x", "y"], "text": ["deal deal the", "risk the"]})
    keyed = F.keyness(sentences, "article_id")
    x = keyed[keyed["target"] == "x"].set_index("word")
    assert x.loc["deal", "prior"] == pytest.approx(2.0)  # a_w = corpus count when prior_total is None
    assert x.index[0] == "deal" and x.loc["deal", "z"] > 0 > x.loc["risk", "z"]
    half = F.keyness(sentences, "article_id", prior_total=2.5)
    assert half.set_index(["target", "word"]).loc[("x", "deal"), "prior"] == pytest.approx(1.0)


def test_kwic_returns_context_for_phrases():
    sentences = pd.DataFrame({"sentence_id": ["s1", "s2"], "article_id": ["a", "a"], "position": [0, 1],
                              "text": ["One two three game-changer four five.", "Nothing here."]})
    out = F.kwic(sentences, "game changer", window=2)
    assert out.to_dict("records") == [{"sentence_id": "s1", "article_id": "a", "left": "two three",
                                       "keyword": "game-changer", "right": "four five"}]


# ---------------------------------------------------------------- attribution

@pytest.mark.parametrize("sentence, kind, source", [
    ("According to CNBC, Foxconn will focus on core components.", "named", "CNBC"),
    ("Foxconn Chairman Young Liu emphasized that the company is thrilled.", "named", "Foxconn Chairman Young Liu"),
    ("CEO Sam Altman has projected $20 billion in revenue.", "named", "CEO Sam Altman"),
    ("The companies framed the move as a way to speed deployment.", "named", "the companies"),
    ("However, critics argue that subsidies strain budgets.", "vague", "critics"),
    ("The alliance is set to be announced according to reports.", "vague", "according to reports"),
    ("Pilot projects using AI for predictive maintenance have reduced error rates by 30%.", "none", ""),
    ("The economic stakes are high.", "none", ""),
])
def test_attribution_rules(sentence, kind, source):
    result = classify_attribution(sentence)
    assert (result.type, result.source) == (kind, source)


# ---------------------------------------------------------------- annotations

def test_annotations_absent_stale_and_bad_labels(tmp_path):
    scored = pd.DataFrame({"sentence_id": ["a-s000", "a-s001"], "article_id": ["a", "a"], "position": [0, 1],
                           "text": ["Foxconn builds racks.", "Critics doubt it."], "frame": ["neutral", "skeptical"],
                           "frame_incl_quotes": ["neutral", "skeptical"], "attribution": ["none", "vague"],
                           "attribution_cue": ["", "Critics"]})
    for col in ["hype_cues", "skeptic_cues", "hedges", "boosters", "quoted_cues"]:
        scored[col] = ""
    header = "sentence_id,text,frame,attribution\n"
    second = "a-s001,Critics doubt it.,skeptical,vague\n"
    assert F.load_annotations(tmp_path, scored) is None
    path = tmp_path / F.ANNOTATIONS_NAME
    path.write_text(header + "a-s000,Foxconn builds servers.,neutral,none\n" + second)
    with pytest.raises(ValueError, match="framing_labels.csv is stale"):
        F.load_annotations(tmp_path, scored)
    path.write_text(header + "a-s000,Foxconn builds racks.,promo,none\n" + second)
    with pytest.raises(ValueError, match="unknown labels"):
        F.load_annotations(tmp_path, scored)
    path.write_text(header + "a-s000,Foxconn  builds racks.,Hype,none\n" + second)
    merged = F.load_annotations(tmp_path, scored)
    table, details = F.validate(merged)
    assert merged.loc[0, "frame_hand"] == "hype"
    assert list(table.columns) == ["method", "n", "accuracy", "macro_f1", "kappa"]
    assert details["frame"]["confusion"].to_numpy().sum() == table.set_index("method").loc["frame", "n"] == 2
    summary = table.set_index("method")
    assert summary.loc["attribution", "accuracy"] == 1.0 and summary.loc["attribution", "kappa"] == 1.0
    assert summary.loc["frame", "accuracy"] == 0.5
    assert list(F.disagreements(merged)["sentence_id"]) == ["a-s000"]


def test_keyness_on_many_targets_keeps_the_words_each_uses_with_the_same_numbers(monkeypatch):
    from analysis import keyness as K

    body = pd.DataFrame({"article_id": ["a", "a", "b", "c"],
                         "text": ["Investors cheer the huge deal.", "The deal is huge.",
                                  "Skeptics doubt the deal.", "Power costs could rise."]})
    full = F.keyness(body, "article_id")
    monkeypatch.setattr(K, "KEYNESS_ALL_WORDS_MAX", 0)
    monkeypatch.setattr(K, "KEYNESS_BLOCK", 2)  # blocks of targets give the same numbers
    pruned = F.keyness(body, "article_id")
    assert (pruned["count"] > 0).all() and (full["count"] == 0).any()
    expected = full[full["count"] > 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(pruned, expected)
    pd.testing.assert_frame_equal(F.top_keywords(pruned, n=3, min_count=1), F.top_keywords(full, n=3, min_count=1))

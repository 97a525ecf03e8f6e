"""Tests for analysis.held_out: the held-out story's test on hand-made stories, the third-story rule,
and the real held-out numbers reproduced exactly on a rerun."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import classifier as K
from analysis import config
from analysis import framing as F
from analysis import held_out as H
from analysis.validation import agreement

HYPE, DOUBT = "soaring", "doubtful"  # the toy cue words: the lexicon below knows only these two
FILLERS = ["the plant opens in the spring", "the firm makes servers in texas", "the deal covers racks and cables",
           "the company reported its results", "the chips ship next year", "the board met on monday"]
LEXICON = F.build_lexicon(pd.DataFrame([
    {"term": HYPE, "category": "hype", "inflect": "no", "rationale": "test"},
    {"term": DOUBT, "category": "skeptic", "inflect": "no", "rationale": "test"},
]))


def toy_story(name: str, n_articles: int = 3, swap: bool = False) -> dict:
    """A scored, labelled story as analysis.classifier.read_story returns it. 'soaring' marks hype and
    'doubtful' skepticism; with ``swap`` the hand codes give each cue word the other meaning."""
    rows, labels = [], []
    for a in range(n_articles):
        article = f"{name}{a}"
        for frame, word in (("hype", HYPE), ("skeptical", DOUBT), ("neutral", "")):
            for i, filler in enumerate(FILLERS):
                text = (f"{filler} {word}" if i % 2 else f"{word} {filler}").strip().capitalize() + "."
                rows.append({"sentence_id": f"{article}-s{len(rows):03d}", "article_id": article,
                             "position": len(rows), "is_heading": False, "text": text})
                hand = {"hype": "skeptical", "skeptical": "hype"}.get(frame, frame) if swap else frame
                labels.append(hand)
    sentences = pd.DataFrame(rows)
    scored = F.score_sentences(sentences, LEXICON)
    labelled = scored.assign(frame_hand=labels, story=name)
    articles = pd.DataFrame({"article_id": sorted(sentences["article_id"].unique())})
    articles["label"] = articles["article_id"]
    return {"name": name, "scored": scored, "articles": articles, "labelled": labelled}


def test_training_set_leaves_out_the_held_out_story_and_missing_labels():
    a, b = toy_story("a")["labelled"], toy_story("b", 2)["labelled"]
    train = H.training_set({"a": a, "b": b, "c": None}, "b")
    assert set(train["story"]) == {"a"} and len(train) == len(a)
    both = H.training_set({"a": a, "b": b}, "nothing held out")
    assert list(both["story"].unique()) == ["a", "b"] and len(both) == len(a) + len(b)
    assert H.training_set({"a": a, "c": None}, "a") is None


def test_the_classifier_of_the_held_out_test_never_learns_from_the_held_out_story():
    train = toy_story("a")["labelled"]
    held = toy_story("h", swap=True)  # its coder reads the cue words the other way round
    result = H.held_out_test(held, train, "a")
    preds = result["predictions"]
    cls = preds[(preds["method"] == "classifier") & (preds["gold"] == H.CODER_A)]
    cued = cls["frame_hand"] != "neutral"
    # trained on story a only, it keeps a's meaning, so every swapped sentence is wrong
    assert (cls.loc[cued, "predicted"] != cls.loc[cued, "frame_hand"]).all()
    assert (cls.loc[~cued, "predicted"] == "neutral").all()
    scores = result["scores"].set_index(["gold", "method"])
    assert list(result["scores"].columns) == K.SCORE_COLUMNS
    assert (result["scores"]["evaluation"] == H.EVALUATION).all() and (result["scores"]["test"] == "h").all()
    assert scores.loc[(H.CODER_A, "classifier"), "train"] == "a"
    expected = agreement(held["labelled"]["frame_hand"], held["labelled"]["frame"], F.FRAMES)
    assert scores.loc[(H.CODER_A, "lexicon"), "kappa"] == pytest.approx(expected["kappa"])
    # the lexicon, like the model, reads the cues the usual way: only the neutral third agrees with the swap
    assert scores.loc[(H.CODER_A, "lexicon"), "accuracy"] == pytest.approx(1 / 3)
    assert scores.loc[(H.CODER_A, "classifier"), "accuracy"] == pytest.approx(1 / 3)
    assert set(result["frames"].index) == set(held["scored"].index)


def test_coder_b_is_a_second_gold_and_the_human_ceiling():
    train = toy_story("a")["labelled"]
    held = toy_story("h")
    second = held["labelled"].copy()
    changed = second.index[:6]  # coder B disagrees with coder A on six hype sentences
    second.loc[changed, "frame_hand"] = "neutral"
    labels_a = pd.DataFrame({"article_id": ["h0", "h1", "h2"], "article_label": ["promotional", "neutral report",
                                                                                 "skeptical"]})
    labels_a["label_value"] = labels_a["article_label"].map(K.ARTICLE_LABEL_VALUE)
    result = H.held_out_test(held, train, "a", second, {H.CODER_A: labels_a, H.CODER_B: None})
    scores = result["scores"].set_index(["gold", "method"])
    human = agreement(held["labelled"]["frame_hand"], second["frame_hand"], F.FRAMES)
    assert scores.loc[(H.CODER_A, H.CODER_B), "kappa"] == pytest.approx(human["kappa"])
    assert scores.loc[(H.CODER_A, H.CODER_B), "train"] == "none (human)"
    # against coder A the toy cues are learnt perfectly; against coder B the six changed sentences count as errors
    assert scores.loc[(H.CODER_A, "classifier"), "accuracy"] == 1.0
    assert scores.loc[(H.CODER_B, "classifier"), "accuracy"] == pytest.approx(1 - 6 / len(second))
    assert scores.loc[(H.CODER_B, "lexicon"), "n"] == len(second)
    art = result["article_scores"]
    assert list(art.columns) == H.ARTICLE_COLUMNS and set(art["gold"]) == {H.CODER_A}  # no labels from coder B
    assert sorted(art["method"]) == ["classifier", "lexicon"] and (art["n_articles"] == 3).all()
    # every toy article has the same mix of frames, so the indices tie and Spearman is undefined
    assert art["spearman"].isna().all()


def test_a_held_out_story_without_labels_is_refused():
    held = toy_story("h")
    with pytest.raises(ValueError, match="no hand-coded sentence labels"):
        H.held_out_test({**held, "labelled": None}, toy_story("a")["labelled"], "a")


def _held_out_scores(kc, fc, kl=0.20, fl=0.48, coder_b=(0.9, 0.9)):
    rows = [("coder A", "lexicon", kl, fl), ("coder A", "classifier", kc, fc), ("coder A", "coder B", 0.91, 0.95),
            ("coder B", "lexicon", kl, fl), ("coder B", "classifier", *coder_b)]
    return pd.DataFrame([{"evaluation": H.EVALUATION, "gold": g, "train": "x", "test": "third", "method": m, "n": 300,
                          "accuracy": 0.6, "macro_f1": f, "kappa": k} for g, m, k, f in rows])


def test_the_third_story_rule_decides_against_coder_a_with_the_margin():
    two_story = {"measure": "classifier", "reason": "two-story", "kappa": {}, "macro_f1": {}}
    won = H.decide(_held_out_scores(0.26, 0.50), two_story)
    assert won["measure"] == "classifier" and won["rule"] == "third story"
    assert "held-out story (third, against coder A) kappa 0.260 (classifier) vs 0.200 (lexicon)" in won["reason"]
    assert H.decide(_held_out_scores(0.25, 0.48), two_story)["measure"] == "classifier"  # exactly the margin, F1 equal
    # below the margin: the lexicon stays, even though the two-story rule chose the classifier and coder B's
    # numbers would favour it
    kept = H.decide(_held_out_scores(0.24, 0.60), two_story)
    assert kept["measure"] == "lexicon" and kept["kappa"] == {"classifier": 0.24, "lexicon": 0.20}
    assert H.decide(_held_out_scores(0.40, 0.47), two_story)["measure"] == "lexicon"  # macro-F1 lower


def test_without_held_out_labels_the_two_story_rule_stands():
    two_story = K.choose_measure(pd.DataFrame({"method": ["lexicon", "classifier"], "kappa": [0.3, 0.4],
                                               "macro_f1": [0.5, 0.6]}))
    for empty in (None, pd.DataFrame(columns=K.SCORE_COLUMNS), _held_out_scores(0.3, 0.5).query("gold == 'coder B'")):
        out = H.decide(empty, two_story)
        assert out["measure"] == "classifier" and out["rule"] == "two stories"
        assert out["reason"] == two_story["reason"]


def test_run_needs_the_held_out_story_and_another_labelled_story(tmp_path):
    a, h = toy_story("a"), toy_story("h")
    extra = {"annotations": tmp_path, "article_labels_file": "", "second_coder_dir": ""}
    stories = {"a": {**a, **extra}, "h": {**h, **extra}}
    assert H.run(stories, "") is None
    assert H.run(stories, "missing") is None
    assert H.run({"h": stories["h"]}, "h") is None  # nothing to train on
    assert H.run({**stories, "h": {**stories["h"], "labelled": None}}, "h") is None
    out = H.run(stories, "h")
    assert out["story"] == "h" and out["training_stories"] == ["a"] and out["n_training"] == len(a["labelled"])
    assert out["article_scores"].empty  # no article labels were given


def test_the_third_story_keeps_its_place_when_it_is_the_corpus():
    from analysis.pipeline import story_parameters

    params = story_parameters(config.THIRD_STORY_DIR)
    assert params["story_name"] == config.THIRD_STORY_DIR.name == "openai-broadcom"
    assert params["article_labels_file"] == "article_labels.csv"  # coder A's
    assert params["third_corpus_dir"] == "data/raw" and params["third_story_name"] == "openai-foxconn"
    assert "other_corpus_dir" not in params  # the second story stays the other story


# --------------------------------------------------------------------------
# The real held-out test (the third story), twice
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_stories():
    lex = config.LEXICONS_DIR
    specs = [("openai-foxconn", config.RAW_DIR, config.ANNOTATIONS_DIR, config.STORY_DIR, "coder2/article_labels.csv"),
             ("openai-amd", config.SECOND_STORY_DIR, config.SECOND_STORY_DIR / "annotations", config.SECOND_STORY_DIR,
              "article_labels.csv"),
             ("openai-broadcom", config.THIRD_STORY_DIR, config.THIRD_STORY_DIR / "annotations",
              config.THIRD_STORY_DIR, "article_labels.csv")]
    return {name: {**K.read_story(corpus, ann, story, lex, name), "annotations": ann, "article_labels_file": labels,
                   "second_coder_dir": "coder2"} for name, corpus, ann, story, labels in specs}


def test_held_out_numbers_reproduce_exactly(real_stories):
    """Regression pin: computed once by this code and pasted here, so any change to the model, the
    lexicon, the training stories or the third story's labels shows up. Update on purpose only."""
    first = H.run(real_stories, "openai-broadcom")
    again = H.run(real_stories, "openai-broadcom")
    pd.testing.assert_frame_equal(first["scores"], again["scores"])
    pd.testing.assert_frame_equal(first["article_scores"], again["article_scores"])
    assert first["training_stories"] == ["openai-foxconn", "openai-amd"]
    scores = first["scores"].set_index(["gold", "method"])
    assert scores.loc[(H.CODER_A, "classifier"), "n"] == 327
    for key, (kappa, f1) in PINNED_HELD_OUT.items():
        assert scores.loc[key, "kappa"] == pytest.approx(kappa, abs=1e-12), key
        assert scores.loc[key, "macro_f1"] == pytest.approx(f1, abs=1e-12), key
    art = first["article_scores"].set_index(["gold", "method"])
    for key, rho in PINNED_HELD_OUT_SPEARMAN.items():
        assert art.loc[key, "spearman"] == pytest.approx(rho, abs=1e-12), key
    assert H.decide(first["scores"], {"measure": "x"})["measure"] == PINNED_DECISION


PINNED_HELD_OUT = {  # (gold, method) -> (kappa, macro_f1)
    ("coder A", "lexicon"): (0.2048997772828507, 0.4765634507464516),
    ("coder A", "classifier"): (0.22755905511811025, 0.5020564641226787),
    ("coder A", "coder B"): (0.914447177018471, 0.9463844852379885),
    ("coder B", "lexicon"): (0.2072000488967668, 0.4880103554789175),
    ("coder B", "classifier"): (0.22313261125764627, 0.5050247380401452),
}
PINNED_HELD_OUT_SPEARMAN = {  # (gold, method) -> Spearman's rho of the article index with that coder's labels
    ("coder A", "lexicon"): 0.32727939691074126,
    ("coder A", "classifier"): 0.480913842338431,
    ("coder B", "lexicon"): 0.24397851163126283,
    ("coder B", "classifier"): 0.38716595988460833,
}
PINNED_DECISION = "lexicon"


def test_the_notebook_and_the_makefile_name_the_same_third_story_as_the_config():
    """The notebook's parameters and the Makefile must be literal paths; they must agree with
    analysis.config.THIRD_STORY_DIR, the one place the third story is named."""
    import ast
    import re

    import nbformat

    nb = nbformat.read(str(config.NOTEBOOKS_DIR / "03-compare-framing.ipynb"), as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    defaults = {node.target.id: ast.literal_eval(node.value) for node in ast.parse(cell.source).body
                if isinstance(node, ast.AnnAssign)}
    folder = config.THIRD_STORY_DIR.relative_to(config.PROJECT_ROOT).as_posix()
    assert defaults["third_corpus_dir"] == defaults["third_story_dir"] == folder
    assert defaults["third_annotations_dir"] == f"{folder}/annotations"
    assert defaults["third_story_name"] == defaults["held_out_story_name"] == config.THIRD_STORY_DIR.name
    makefile = (config.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^THIRD_STORY := {re.escape(folder)}$", makefile, re.M)


def test_errors_list_each_measures_misframed_sentences_against_coder_a_only():
    predictions = pd.DataFrame({
        "method": ["lexicon", "lexicon", "classifier", "classifier", "lexicon"],
        "gold": [H.CODER_A, H.CODER_A, H.CODER_A, H.CODER_A, H.CODER_B],
        "sentence_id": ["s1", "s2", "s1", "s2", "s1"], "article_id": "a", "story": "h",
        "frame_hand": ["hype", "skeptical", "hype", "skeptical", "neutral"],
        "predicted": ["neutral", "skeptical", "hype", "neutral", "hype"],
        "text": ["Huge win.", "Doubts remain.", "Huge win.", "Doubts remain.", "Huge win."]})
    wrong, kinds = H.errors(predictions)
    assert list(wrong.columns) == ["method", "sentence_id", "coder A", "predicted", "text"]
    assert sorted(zip(wrong["method"], wrong["sentence_id"])) == [("classifier", "s2"), ("lexicon", "s1")]
    assert kinds.to_dict("records") == [
        {"method": "classifier", "coder A": "skeptical", "predicted": "neutral", "sentences": 1},
        {"method": "lexicon", "coder A": "hype", "predicted": "neutral", "sentences": 1}]

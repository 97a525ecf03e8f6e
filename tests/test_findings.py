"""The findings prose is rendered from the tables, and the committed copies are current."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import config, findings
from analysis.report import README_END, README_START


@pytest.fixture
def results():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "label": ["Alpha <b>", "Beta", "Gamma"],
                             "kind": ["blog", "news", "blog"]})
    sentiment = pd.DataFrame({"article_id": ["a", "b", "c"], "n_sentences": [10, 20, 30],
                              "mean_compound": [0.31, 0.12, -0.05], "ci_low": [0.2, 0.01, -0.2],
                              "ci_high": [0.4, 0.25, 0.1]})
    framing = pd.DataFrame({"article_id": ["a", "b", "c"], "hype_index": [0.5, -0.3, 0.1],
                            "ci_low": [0.3, -0.5, -0.1], "ci_high": [0.7, -0.1, 0.3],
                            "share_named": [0.1, 0.3, 0.0], "share_vague": [0.2, 0.0, 0.05],
                            "share_none": [0.7, 0.7, 0.95]})
    validation = pd.DataFrame({"method": ["VADER"], "n": [60], "accuracy": [0.5], "macro_f1": [0.45], "kappa": [0.2]})
    matrix = pd.DataFrame({"group_id": ["s1", "s2", "s3"], "label": ["Date", "Money", "Place"],
                           "status": ["conflict", "single source (unsourced)", "agree"],
                           "reason": ["scheduled vs completed; other", "only a", "all give X"],
                           "n_articles": [2, 1, 3]})
    return findings.Results(articles, sentiment, framing, sentiment_validation=validation, claim_matrix=matrix)


def test_framing_sentence_names_the_extremes_with_their_intervals(results):
    text = findings.framing_summary(results)
    assert "**Alpha &lt;b&gt;** sells hardest (+0.50, 95% CI +0.30 to +0.70)" in text
    assert "**Beta** is the most skeptical (−0.30, 95% CI −0.50 to −0.10)" in text
    assert "above zero for 1 of the 3 articles and below zero for 1" in text


def test_tone_sentence(results):
    text = findings.tone_summary(results)
    assert "2 of the 3 articles lean positive" in text
    assert "warmest is **Alpha &lt;b&gt;** (+0.31" in text and "coolest **Gamma** (−0.05" in text
    assert "do not overlap" in text


def test_claims_sentence_counts_statuses(results):
    text = findings.claims_summary(results)
    assert "Of 3 facts compared across articles, 1 conflict" in text
    assert "1 agree, and 1 appear in a single article only (1 of those with no named source)" in text
    assert "**Date**: scheduled vs completed." in text


def test_trust_sentence_and_missing_tables(results):
    assert "agree with the hand coding on 50% of sentences (macro-F1 0.45, Cohen's kappa 0.20)" in \
        findings.trust_summary(results)
    results.sentiment_validation = None
    assert "accuracy here is unknown" in findings.trust_summary(results)
    results.claim_matrix = None
    assert findings.claims_summary(results) == "No claims were compared for this corpus."


def test_headline_has_four_paragraphs(results):
    text = findings.headline(results)
    assert len(text.split("\n\n")) == 4
    assert "the articles' mean sentence tone runs from −0.05 to +0.31" in text
    results.sentiment["mean_compound"] = [0.3, 0.2, 0.1]
    assert "every article's mean sentence tone is positive (from +0.10 to +0.30)" in findings.headline(results)


def _measure_tables(kappa_classifier):
    rows = []
    for test, train in (("seeds", "amd"), ("amd", "seeds")):
        rows.append({"evaluation": "leave one story out", "gold": "coder 1", "train": "none (lexicon)", "test": test,
                     "method": "lexicon", "n": 100, "accuracy": 0.6, "macro_f1": 0.55, "kappa": 0.30})
        rows.append({"evaluation": "leave one story out", "gold": "coder 1", "train": train, "test": test,
                     "method": "classifier", "n": 100, "accuracy": 0.7, "macro_f1": 0.65, "kappa": kappa_classifier})
        rows.append({"evaluation": "leave one article out", "gold": "coder 1", "train": f"{test}, other articles",
                     "test": test, "method": "classifier", "n": 100, "accuracy": 0.7, "macro_f1": 0.6, "kappa": 0.41})
    rows.append({"evaluation": "second coder", "gold": "coder 1", "train": "none (human)", "test": "seeds",
                 "method": "coder 2", "n": 100, "accuracy": 0.9, "macro_f1": 0.9, "kappa": 0.88})
    articles = pd.DataFrame({"scope": ["all stories", "all stories"], "method": ["lexicon", "classifier"],
                             "n_articles": [29, 29], "spearman": [0.45, 0.71], "ci_low": [0.1, 0.5],
                             "ci_high": [0.7, 0.85]})
    return pd.DataFrame(rows), articles


def test_measure_sentence_reports_both_measures_out_of_story_and_the_rule(results):
    assert "not compared" in findings.measure_summary(results)
    results.framing_measure_validation, results.framing_article_agreement = _measure_tables(0.62)
    results.framing["measure"] = "classifier"
    text = findings.measure_summary(results)
    assert ("on seeds (100 sentences), kappa 0.62 for the classifier trained on amd and 0.30 for the lexicon "
            "(macro-F1 0.65 and 0.55)") in text
    assert "keeps the **classifier** for the hype index." in text
    assert "best kappa on a story the method was not built on is 0.62 (classifier, tested on seeds" in text
    assert "reaching the target of 0.6" in text
    assert "kappa 0.41 on seeds, kappa 0.41 on amd" in text and "agree at kappa 0.88 on seeds." in text
    assert "Spearman 0.71 (95% CI 0.50 to 0.85, 29 articles, all stories)" in text
    results.framing_measure_validation, _ = _measure_tables(0.35)
    results.framing["measure"] = "lexicon"
    text = findings.measure_summary(results)
    assert "keeps the **lexicon**" in text and "is 0.35 (classifier, tested on seeds" in text
    assert "below the target of 0.6" in text
    assert "Spearman 0.45" in text


def test_committed_findings_match_the_committed_tables():
    current = findings.findings_markdown(findings.load_results(config.PROCESSED_DIR))
    committed = (config.REPORTS_DIR / "findings.md").read_text(encoding="utf-8")
    assert committed == current


def test_readme_block_is_the_generated_findings():
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n", readme.index(README_START)) + 1
    block = readme[start:readme.index(README_END)].strip()
    assert block == (config.REPORTS_DIR / "findings.md").read_text(encoding="utf-8").strip()


def _held_out_tables(kappa_classifier):
    rows = [("coder A", "lexicon", "none (lexicon)", 0.20, 0.48), ("coder A", "classifier", "seeds + amd", kappa_classifier, 0.50),
            ("coder A", "coder B", "none (human)", 0.91, 0.95), ("coder B", "lexicon", "none (lexicon)", 0.21, 0.49),
            ("coder B", "classifier", "seeds + amd", 0.22, 0.51)]
    scores = pd.DataFrame([{"evaluation": "held-out story", "gold": g, "train": t, "test": "third", "method": m,
                            "n": 327, "accuracy": 0.6, "macro_f1": f, "kappa": k} for g, m, t, k, f in rows])
    articles = pd.DataFrame({"gold": ["coder A", "coder A", "coder B", "coder B"], "scope": ["third"] * 4,
                             "method": ["lexicon", "classifier"] * 2, "n_articles": [25] * 4,
                             "spearman": [0.33, 0.48, 0.24, 0.39], "ci_low": [-0.09, 0.12, -0.2, 0.0],
                             "ci_high": [0.66, 0.74, 0.6, 0.7]})
    return scores, articles


def test_measure_sentence_adds_the_held_out_story_and_its_rule(results):
    results.framing_measure_validation, results.framing_article_agreement = _measure_tables(0.35)
    results.framing["measure"] = "lexicon"
    assert findings.held_out_summary(results) == ""  # no held-out table: the two-story sentence decides
    assert "keeps the **lexicon**" in findings.measure_summary(results)
    results.framing_held_out, results.framing_held_out_articles = _held_out_tables(0.23)
    text = findings.measure_summary(results)
    assert "keeps the **lexicon**" not in text  # the held-out rule decides, and says so once
    assert ("On a story held out from everything (third, 327 sentences; the classifier trained on seeds and amd "
            "only), against its primary coder (coder A): kappa 0.23 for the classifier and 0.20 for the lexicon "
            "(macro-F1 0.50 and 0.48); against coder B, 0.22 and 0.21; the two coders agree at kappa 0.91.") in text
    assert "the **lexicon** gives the hype index; the better kappa there is 0.23, below the target of 0.6." in text
    assert ("Spearman 0.33 (95% CI -0.09 to 0.66) for the lexicon, Spearman 0.48 (95% CI 0.12 to 0.74) for the "
            "classifier (25 articles; target 0.8).") in text
    results.framing_held_out, _ = _held_out_tables(0.65)
    results.framing["measure"] = "classifier"
    assert "the **classifier** gives the hype index; the better kappa there is 0.65, reaching the target" in \
        findings.measure_summary(results)

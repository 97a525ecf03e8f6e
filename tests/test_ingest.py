"""The structured tables built from the committed corpus."""
from __future__ import annotations

import pytest

from analysis import config
from analysis.corpus import read_corpus
from analysis.ingest import build_tables
from analysis.text import repair_mojibake


@pytest.fixture(scope="module")
def tables():
    return build_tables(read_corpus(config.RAW_DIR))


def test_ids_are_unique_and_ordered(tables):
    s = tables.sentences
    assert s["sentence_id"].is_unique
    assert list(s["sentence_id"]) == sorted(s["sentence_id"])
    assert (s.groupby("article_id")["position"].apply(lambda p: list(p) == list(range(len(p))))).all()


def test_no_sentence_is_cut_after_us(tables):
    s = tables.sentences
    assert s["text"].str.contains("U.S.", regex=False).sum() > 30
    assert not s["text"].str.endswith("U.S.").any()
    assert not s["text"].str.match(r"^[a-z]").any(), "a sentence starting lower-case is a fragment"


def test_removed_lines_record_every_rule(tables):
    r = tables.removed_lines
    by = r.groupby("article_id")["rule"].apply(set).to_dict()
    assert {"author_bio", "subscribe_prompt", "comments", "navigation"} <= by["000_10961d8c29418cd7"]
    assert {"masthead", "dateline", "emoji_strip", "hashtags", "title_line"} <= by["001_b43b3b52f3a7dfc9"]
    assert by["002_d77b414d7b5b88a9"] == {"subscribe_prompt"}
    assert {"comments", "title_line"} <= by["003_d3c1716510c1874b"]
    assert (r["line_no"] > 0).all()
    body = " ".join(tables.sentences["text"])
    for line in r["text"]:
        assert line not in tables.sentences["text"].values
    assert "Subscribe" not in body and "Post a Comment" not in body and "#MadeInUSA" not in body


def test_removed_line_numbers_point_at_the_raw_file(tables):
    for row in tables.removed_lines.itertuples():
        raw = (config.RAW_DIR / f"{row.article_id}.txt").read_text(encoding="utf-8")
        repaired = repair_mojibake(raw)[0].split("\n")  # lines are matched after the repair
        assert " ".join(repaired[row.line_no - 1].split()) == row.text


def test_ai_author_bio_is_kept_as_metadata(tables):
    a = tables.articles.set_index("article_id")
    assert a.loc["000_10961d8c29418cd7", "ai_authorship_disclosed"]
    assert "AI Writing Agent" in a.loc["000_10961d8c29418cd7", "byline_bio"]
    assert not a.loc["002_d77b414d7b5b88a9", "ai_authorship_disclosed"]


def test_counts_are_consistent(tables):
    a = tables.articles.set_index("article_id")
    body = tables.sentences[~tables.sentences["is_heading"]]
    assert (body.groupby("article_id").size() == a["n_sentences"]).all()
    assert (body.groupby("article_id")["n_words"].sum() == a["n_words"]).all()
    assert a.loc["001_b43b3b52f3a7dfc9", "encoding_repairs"] > 0
    assert a.loc["000_10961d8c29418cd7", "encoding_repairs"] == 0


def test_headings_are_marked_and_decorations_stripped(tables):
    h = tables.sentences[tables.sentences["is_heading"]]
    assert "Partnership Overview" in set(h["text"])
    assert "What to watch next" in set(h["text"])
    assert not h["text"].str.contains("🚀").any()
    removed = tables.removed_lines
    label = removed[(removed["article_id"] == "001_b43b3b52f3a7dfc9") & (removed["text"] == "Technology🚀")]
    assert label["rule"].tolist() == ["section_label"]  # the repaired emoji line is dropped, with its rule

"""Encoding repair, boilerplate rules, tokens and sentence boundaries."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import config, text


@pytest.fixture(scope="module")
def damaged():
    return (config.RAW_DIR / "001_b43b3b52f3a7dfc9.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired(damaged):
    return text.repair_mojibake(damaged)


def _line_starting(body: str, start: str) -> str:
    return next(line for line in body.split("\n") if line.startswith(start))


def test_repair_restores_quotes_dashes_and_symbols(repaired):
    body, report = repaired
    song = _line_starting(body, "Imagine Dragons")
    assert song.startswith("Imagine Dragons’ song “Machine” mirrors the OpenAI–Foxconn partnership")
    assert "just as the lyrics proclaim “I am the machine,” the collaboration" in song
    assert "It created GPT, ChatGPT, and DALL·E, tools that revolutionized" in body
    assert "framed as a “generational opportunity to reindustrialize America,” according to Altman" in body
    assert "the company is “thrilled to partner with OpenAI—a pioneer at the forefront of the AI digital age,” and" in body
    assert "control over the AI “middle layer” of hardware integration" in body
    assert report.repaired > 0 and report.dropped > 0


def test_repair_restores_intact_emoji_and_drops_damaged_ones_cleanly(repaired):
    body, _ = repaired
    lines = body.split("\n")
    assert "🚀 Partnership Overview" in lines
    assert "🤖 OpenAI: AI Pioneer" in lines
    assert "Technology🚀" in lines
    # 🏭-style emoji lost two bytes: removed, with no stray fragments or double spaces left
    assert "Foxconn: Hardware Giant" in lines
    assert "Manufacturing Footprint" in lines
    for bad in ("šŸ", "ā€", "Ā·", "ļø"):
        assert bad not in body
    assert "  " not in body


def test_exact_repaired_lines(repaired):
    body, _ = repaired
    assert _line_starting(body, "#AIInnovation") == (
        "#AIInnovation 🤖 #MadeInUSA #TechInvestment 💰 #GlobalCompetition ⚔ #SupplyChainResilience 🌎"
    )
    assert _line_starting(body, "🔒") == "🔒 The Hidden Power of the Middle Layer"


@pytest.mark.parametrize("name", ["000_10961d8c29418cd7.txt", "002_d77b414d7b5b88a9.txt", "003_d3c1716510c1874b.txt"])
def test_clean_files_pass_through_unchanged(name):
    raw = (config.RAW_DIR / name).read_text(encoding="utf-8")
    fixed, report = text.repair_mojibake(raw)
    assert fixed == raw
    assert report.repaired == report.dropped == 0


def test_curly_quotes_and_accents_in_clean_text_are_kept():
    s = "Foxconn’s chairman said “thrilled” — café, naïve, Łódź, señor."
    assert text.repair_mojibake(s)[0] == s


@pytest.fixture(scope="module")
def rules():
    return text.load_boilerplate_rules()


@pytest.mark.parametrize("line, rule", [
    ("Subscribe to get the latest posts sent to your email.", "subscribe_prompt"),
    ("Discover more from GadgetBond", "subscribe_prompt"),
    ("Stay ahead of the market.", "subscribe_prompt"),
    ("Trending Now", "navigation"),
    ("Latest Articles", "navigation"),
    ("Post a Comment", "comments"),
    ("No comments yet", "comments"),
    ("AI Writing Agent Henry Rivers. The Growth Investor.", "author_bio"),
    ("20 November 2025", "dateline"),
    ("Technology🚀", "section_label"),
    ("#AIInnovation 🤖 #MadeInUSA #TechInvestment 💰", "hashtags"),
    ("🎶 🌀 🛠 👾 👟 ☕ 📚 🚲 🌞 🔊 Machine - Imagine Dragons", "emoji_strip"),
])
def test_boilerplate_rules(rules, line, rule):
    assert text.match_boilerplate(line, rules) == rule


@pytest.mark.parametrize("line", [
    "The companies framed the move as a way to speed deployment.",
    "Investment Implications",
    "Comments from the CEO were upbeat.",
    "Foxconn will subscribe to the standard.",
    "OpenAI drives software innovation, while Foxconn delivers #1 hardware.",
])
def test_article_text_is_kept(rules, line):
    assert text.match_boilerplate(line, rules) is None


def test_title_and_masthead_lines_are_dropped_as_metadata(rules):
    assert text.match_boilerplate("Remi Chauveau Notes", rules, outlet="Remi Chauveau Notes") == "masthead"
    assert text.match_boilerplate("The Big Deal!", rules, title="The big deal") == "title_line"


def test_bad_rule_pattern_names_the_file(tmp_path):
    path = tmp_path / "rules.csv"
    pd.DataFrame([{"rule": "x", "pattern": "(unclosed", "description": "d"}]).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"rules.csv: rule 'x' has a bad pattern"):
        text.load_boilerplate_rules(path)


def test_headings():
    assert text.is_heading("Policy Alignment and Challenges")
    assert text.is_heading("What the deal doesn’t — and can’t — tell us yet")
    assert not text.is_heading("There are a handful of practical and political unknowns that matter:")
    assert not text.is_heading("- Money and timing.")


def test_word_tokens_keep_abbreviations_hyphens_and_numbers():
    assert text.word_tokens("The U.S. co-design of Foxconn’s $1.4 trillion plan — 30%!") == [
        "The", "U.S", "co-design", "of", "Foxconn’s", "1.4", "trillion", "plan", "30"]


def test_sentences_never_end_after_us():
    para = ("The U.S. government's CHIPS Act of 2022 allocated $39 billion. Foxconn's U.S. manufacturing "
            "plans benefit. This aligns with U.S. efforts to reduce reliance on China.")
    assert text.sentences(para) == [
        "The U.S. government's CHIPS Act of 2022 allocated $39 billion.",
        "Foxconn's U.S. manufacturing plans benefit.",
        "This aligns with U.S. efforts to reduce reliance on China.",
    ]


def test_us_before_a_capitalised_word_does_not_end_the_sentence():
    # Punkt treats "U.S." as an abbreviation, so it does not split before a capitalised
    # word: the known cost is that a sentence really ending in "U.S." runs on into the next.
    assert text.sentences("Production moves to the U.S. Foxconn agreed.") == [
        "Production moves to the U.S. Foxconn agreed."]
    assert text.sentences("Production moves to the U.S. and Foxconn agreed. Then it rained.") == [
        "Production moves to the U.S. and Foxconn agreed.", "Then it rained."]


def test_quote_spans_one_rule_closed_unclosed_and_short():
    s = "He said “we will build it here” and called it the AI “middle layer”."
    assert [s[a:b] for a, b in text.quote_spans(s)] == ["“we will build it here”"]  # 2 words: a scare quote
    s = 'Liu said "this changes the industry forever'
    assert [s[a:b] for a, b in text.quote_spans(s)] == ['"this changes the industry forever']  # runs to the end
    assert text.quote_spans("A “big deal”.") == [] and text.quote_spans("A “big deal”.", min_words=2) == [(2, 12)]


def test_framing_and_claims_agree_on_quotes():
    from analysis import claims as C
    from analysis import framing as F

    for s in ("Altman said “we are thrilled to partner” on Thursday.", "The “middle layer” matters.",
              "Liu: “the future is here, and it is"):
        assert F.quote_spans(F.normalise(s)) == [(c.start, c.end) for c in C.find_quotes(s)]


def test_inflections_shared_rule():
    assert {"stopping", "stopped", "stops"} <= set(text.inflections("stop"))  # the consonant is doubled
    assert len(text.inflections("stop")[0]) == max(map(len, text.inflections("stop")))  # longest first
    assert {"denies", "denied"} <= set(text.inflections("deny")) and "says" in text.inflections("say")
    assert set(text.inflections("project", past_only=True)) == {"projected", "projecting", "projectd"}
    assert "said" in text.inflections("say", irregular=["said"]) and "sayies" not in text.inflections("say")

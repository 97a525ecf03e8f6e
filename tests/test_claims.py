"""Tests for analysis.claims: extraction, normalisation, context, slots, statuses, grouping."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis import claims as C


def one(claims, kind):
    found = [c for c in claims if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


def sentences_table(rows):
    """rows: (sentence_id, article_id, text)."""
    return pd.DataFrame([{"sentence_id": s, "article_id": a, "text": t, "is_heading": False} for s, a, t in rows])


FIXTURE_LEXICONS = Path(__file__).parent / "fixtures" / "lexicons"
pytestmark = pytest.mark.usefixtures("fixture_lexicons")  # rules run on frozen fixture lexicons (conftest.py)


@pytest.fixture(scope="module")
def places():
    return C.load_places(FIXTURE_LEXICONS / "places.csv")


@pytest.fixture(scope="module")
def cues():
    return C.load_cues(FIXTURE_LEXICONS / "claim_cues.csv")


@pytest.fixture()
def gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(
        "name,kind,aliases,rationale\n"
        "Foxconn,org,Foxconn|Hon Hai,test\n"
        "OpenAI,org,OpenAI,test\n"
        "Sam Altman,person,Sam Altman|Altman,test\n"
        "Young Liu,person,Young Liu,test\n"
        "option to purchase,term,option to purchase|option to buy,test\n",
        encoding="utf-8",
    )
    return C.load_gazetteer(path)


# ---------------------------------------------------------------- money

def test_money_scale_words_and_qualifiers():
    found = C.parse_money("OpenAI has commitments of about $1.4 trillion and $39 billion went to chips; US$5m more.")
    assert [(c.raw, c.value) for c in found] == [("about $1.4 trillion", 1.4e12), ("$39 billion", 39e9), ("US$5m", 5e6)]
    assert found[0].precision == "approximate" and found[0].qualifier == "about"
    assert found[1].precision == "exact" and found[1].value_high is None


def test_money_ranges():
    a = one(C.parse_money("It will cost between $2 billion and $3 billion."), "money")
    assert (a.value, a.value_high, a.precision) == (2e9, 3e9, "range")
    b = one(C.parse_money("It will cost $2–3 billion."), "money")
    assert (b.value, b.value_high) == (2e9, 3e9)
    # "to" followed by a verb is not a range
    c = one(C.parse_money("The act allocated $39 billion to bolster production."), "money")
    assert (c.raw, c.value, c.value_high) == ("$39 billion", 39e9, None)
    # "and" without "between" joins two amounts, not a range
    d = C.parse_money("It spent $2 billion and $3 billion.")
    assert [x.value for x in d] == [2e9, 3e9]


def test_money_words_and_vague_amounts():
    w = one(C.parse_money("They paid five million dollars."), "money")
    assert w.value == 5e6
    v = one(C.parse_money("Revenue in the tens of billions is the goal."), "money")
    assert (v.value, v.value_high, v.precision) == (1e10, 1e11, "vague")
    r = one(C.parse_money("Reporting put its commitments in the hundreds of billions to low-trillion-dollar range."), "money")
    assert r.raw == "hundreds of billions to low-trillion-dollar range"
    assert (r.value, r.value_high) == (1e11, 4e12)
    m = one(C.parse_money("multi-hundred-billion- or trillion-dollar infrastructure plans"), "money")
    assert (m.value, m.value_high) == (2e11, 1e13)
    # no money context and a unit after "of": not money
    assert C.parse_money("Models with tens of billions of parameters.") == []
    assert C.parse_money("They planted hundreds of trees.") == []


# ---------------------------------------------------------------- percentages

def test_percentages():
    assert [(c.value, c.unit) for c in C.parse_percentages("Errors fell 30%, then 12 percent, then 5 per cent.")] == [
        (30.0, "%"), (12.0, "%"), (5.0, "%")]
    r = one(C.parse_percentages("a 20–30% cut"), "percent")
    assert (r.value, r.value_high, r.precision) == (20.0, 30.0, "range")
    p = one(C.parse_percentages("up 2.5 percentage points"), "percent")
    assert (p.value, p.unit) == (2.5, "percentage points")


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("text,iso,precision", [
    ("on November 21, 2025 at Tech Day", "2025-11-21", "exact"),
    ("dated 20 November 2025.", "2025-11-20", "exact"),
    ("As the Nov. 21 announcement approaches", "--11-21", "partial"),
    ("announced in 2017, it shrank", "2017", "partial"),
    ("in November 2025 the deal", "2025-11", "partial"),
    ("results for Q3 2025 are due", "2025-Q3", "partial"),
    ("see 2025-11-20 for details", "2025-11-20", "exact"),
])
def test_dates_calendar(text, iso, precision):
    d = one(C.parse_dates(text), "date")
    assert (d.value, d.precision, d.parsed) == (iso, precision, True)


def test_dates_qualifiers_keep_the_year_only():
    found = C.parse_dates("$20 billion by the end of 2025, with hundreds of billions by 2030.")
    assert [(c.value, c.qualifier) for c in found] == [("2025", "by the end of"), ("2030", "by")]


def test_relative_dates_have_no_iso_value():
    found = C.parse_dates("They announced this week, will meet on Thursday and start next year.")
    assert [c.raw for c in found] == ["this week", "on Thursday", "next year"]
    assert all(c.precision == "relative" and c.value is None and c.parsed for c in found)


def test_year_not_taken_from_money_or_percent():
    # numbers inside money are masked before dates are read
    claims = C.extract_claims("It raised $2025 million and 1999 percent.")
    assert [c.kind for c in claims] == ["money", "percent"]


# ---------------------------------------------------------------- counts

def test_counts_with_units():
    a = one(C.parse_counts("Foxconn will build 1,000 AI racks per week."), "count")
    assert (a.value, a.unit) == (1000.0, "ai racks per week")
    b = one(C.parse_counts("a ban for 10 years underscores the urgency"), "count")
    assert (b.value, b.unit, b.raw) == (10.0, "years", "10 years")
    c = one(C.parse_counts("it chases tens of gigawatts of compute"), "count")
    assert (c.value, c.value_high, c.unit, c.precision) == (10.0, 100.0, "gigawatts", "vague")
    d = one(C.parse_counts("structured around three core efforts: design"), "count")
    assert (d.value, d.unit) == (3.0, "core efforts")
    assert C.parse_counts("GPT-5.1 is out") == []
    e = one(C.parse_counts("the 25,000-seat venue opens"), "count")
    assert (e.value, e.unit, e.raw) == (25000.0, "seat", "25,000-seat")
    assert C.parse_counts("a 7-2 vote") == []


# ---------------------------------------------------------------- places and gazetteer

def test_places_longest_match_and_case(places):
    found = C.find_entities("Factories in Wisconsin and West Virginia help us and the US.", None, places)
    assert [c.value for c in found] == ["Wisconsin", "West Virginia", "United States"]
    assert places.ancestors("Ohio") == ["United States", "North America"]
    assert [c.value for c in C.find_entities("American firms", None, places)] == []


def test_gazetteer_aliases(gazetteer, places):
    found = C.find_entities("Hon Hai and OpenAI met; Altman said the U.S. government agreed.", gazetteer, places)
    assert [(c.kind, c.value) for c in found] == [("org", "Foxconn"), ("org", "OpenAI"), ("person", "Sam Altman"),
                                                  ("place", "United States")]
    # one claim per name per sentence
    assert len(C.find_entities("Foxconn, Foxconn, Hon Hai.", gazetteer, None)) == 1
    # terms match case-insensitively
    assert one(C.find_entities("It has an Option to Buy them.", gazetteer, None), "term").value == "option to purchase"


def test_gazetteer_rejects_unknown_kind(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text("name,kind,aliases\nX,company,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kinds"):
        C.load_gazetteer(bad)


# ---------------------------------------------------------------- quotes

def test_quotes_with_speaker(gazetteer, cues):
    s = sentences_table([
        ("a-s000", "a", "Foxconn chairman Young Liu described the company as “uniquely positioned to support OpenAI’s mission.”"),
        ("a-s001", "a", "The song “Machine” has the line “I am the machine,” over and over."),
        ("a-s002", "a", 'The statement quoted Sam Altman saying it is "a step toward building here."'),
    ])
    cl = C.build_claims(s, None, gazetteer, cues)
    q = cl[cl["kind"] == "quote"].set_index("sentence_id")
    assert q.loc["a-s000", "speaker"] == "Young Liu"
    assert q.loc["a-s000", "value"] == "uniquely positioned to support OpenAI’s mission"
    assert q.loc["a-s001", "speaker"] == "unknown"  # a lyric with no source; “Machine” is too short to count
    assert q.loc["a-s001", "value"] == "I am the machine"
    assert q.loc["a-s002", "speaker"] == "Sam Altman"


# ---------------------------------------------------------------- attribution, hedging, tense

def test_attribution_and_hedging(cues):
    s = sentences_table([
        ("a-s000", "a", "The expansion, if approved, would cost $5 billion according to reports."),
        ("a-s001", "a", "According to CNBC, Foxconn spent $2 billion."),
        ("a-s002", "a", "Foxconn spent $2 billion."),
    ])
    cl = C.build_claims(s, None, None, cues).set_index("sentence_id")
    assert (cl.loc["a-s000", "attribution"], cl.loc["a-s000", "source"]) == ("vague", "according to reports")
    assert bool(cl.loc["a-s000", "hedged"]) and cl.loc["a-s000", "hedge_cue"] == "would"
    assert (cl.loc["a-s001", "attribution"], cl.loc["a-s001", "source"]) == ("named", "CNBC")
    assert not bool(cl.loc["a-s002", "hedged"]) and cl.loc["a-s002", "attribution"] == "none"


@pytest.mark.parametrize("text,tense,cue", [
    ("OpenAI and Foxconn announced their collaboration on November 20, 2025.", "done", "announced"),
    ("Foxconn and OpenAI are set to announce their alliance on November 21, 2025.", "planned", "are set to"),
    ("Pilot projects have reduced error rates by 30%.", "done", "reduced"),
    ("Altman has projected $20 billion in revenue.", "planned", "projected"),
    ("They’ll build it in 2026.", "planned", "’ll"),
    ("The Wisconsin project was touted as a $10 billion investment.", "done", "touted"),
    ("Revenue was $3 billion.", "unmarked", ""),
])
def test_tense(text, tense, cue, cues):
    c = [x for x in C.extract_claims(text) if x.kind in ("date", "money", "percent")][0]
    ctx = C.claim_context(text, c.start, c.end, cues)
    assert (ctx["tense"], ctx["tense_cue"]) == (tense, cue)


def test_nearest_tense_cue_wins(cues):
    text = "OpenAI announced this week that they’ll build racks in 2027."
    dates = C.parse_dates(text)
    week, year = dates[0], dates[1]
    assert C.claim_context(text, week.start, week.end, cues)["tense"] == "done"
    assert C.claim_context(text, year.start, year.end, cues)["tense"] == "planned"


def test_may_the_month_is_not_a_hedge(cues):
    text = "The plant opened on May 5, 2024."
    d = one(C.parse_dates(text), "date")
    ctx = C.claim_context(text, d.start, d.end, cues)
    assert not ctx["hedged"] and d.value == "2024-05-05"


# ---------------------------------------------------------------- slots

def _slots(tmp_path, text):
    p = tmp_path / "claim_slots.csv"
    p.write_text(text, encoding="utf-8")
    return C.load_slots(p)


def test_slot_assignment_nearest_keyword_and_exclude(tmp_path, cues):
    slots = _slots(tmp_path,
                   "slot,description,kinds,keywords,exclude,event\n"
                   "infra,Infrastructure,money,infrastructure|commitments,,no\n"
                   "revenue,Revenue,money|date,revenue,,no\n"
                   "announced,Announcement,date,announc,Wisconsin,yes\n")
    s = sentences_table([
        ("a-s000", "a", "Infrastructure commitments of $1.4 trillion and $20 billion in revenue by 2025."),
        ("a-s001", "a", "The Wisconsin project was announced in 2017."),
        ("a-s002", "a", "They announced it on November 20, 2025."),
    ])
    cl = C.assign_slots(C.build_claims(s, None, None, cues), s, slots)
    got = dict(zip(cl["raw"], cl["group_id"]))
    assert got["$1.4 trillion"] == "infra"
    assert got["$20 billion"] == "revenue"
    assert got["by 2025"] == "revenue"  # infra does not take dates
    assert got["2017"] == ""  # excluded from the announcement slot
    assert got["November 20, 2025"] == "announced"
    assert set(cl.loc[cl["group_id"] != "", "group_origin"]) == {"slot file"}


def test_bad_slot_file_is_reported(tmp_path):
    with pytest.raises(ValueError, match="unknown kinds"):
        _slots(tmp_path, "slot,description,kinds,keywords\nx,X,amount,foo\n")


def test_alternation_inside_a_group_is_reported_with_file_and_slot(tmp_path):
    # Keywords are split on "|" before compiling, so "(6|six) GW" is two broken patterns:
    # the slot file is refused when read, naming the file and the slot, not later in a notebook.
    with pytest.raises(ValueError, match=r"slots\.csv: slot 'gw' has a bad keywords pattern '\(6'"):
        _slots(tmp_path, "slot,description,kinds,keywords\ngw,Gigawatts,count,(6|six) GW\n")


# ---------------------------------------------------------------- statuses

def claims_df(rows):
    base = {"kind": "money", "value": "", "value_high": "", "unit": "USD", "precision": "exact", "qualifier": "",
            "tense": "unmarked", "attribution": "none", "source": "", "raw": "", "sentence_id": ""}
    out = []
    for i, r in enumerate(rows):
        rec = {**base, **r}
        rec.setdefault("claim_id", f"c{i}")
        rec["sentence_id"] = rec["sentence_id"] or f"{rec['article_id']}-s{i:03d}"
        out.append(rec)
    return pd.DataFrame(out)


def test_status_agree():
    g = claims_df([{"article_id": "001", "value": "1400000000000"},
                   {"article_id": "002", "value": "1400000000000", "precision": "approximate", "qualifier": "about"}])
    assert C.compare_claims(g)[0] == C.STATUS_AGREE


def test_status_conflict_different_value():
    g = claims_df([{"article_id": "001", "kind": "date", "value": "2025-11-20", "unit": ""},
                   {"article_id": "000", "kind": "date", "value": "2025-11-21", "unit": ""}])
    status, reason = C.compare_claims(g)
    assert status == C.STATUS_CONFLICT and "2025-11-21" in reason and "2025-11-20" in reason


def test_status_conflict_scheduled_vs_completed():
    g = claims_df([{"article_id": "000", "kind": "date", "value": "2025-11-20", "unit": "", "tense": "planned"},
                   {"article_id": "001", "kind": "date", "value": "2025-11-20", "unit": "", "tense": "done"}])
    status, reason = C.compare_claims(g, event=True)
    assert status == C.STATUS_CONFLICT and "scheduled vs completed" in reason
    # the same claims in a slot that is not an event agree
    assert C.compare_claims(g, event=False)[0] == C.STATUS_AGREE


def test_status_differ_in_precision():
    point_vs_range = claims_df([{"article_id": "001", "value": "1400000000000"},
                                {"article_id": "002", "value": "100000000000", "value_high": "4000000000000",
                                 "precision": "vague"}])
    assert C.compare_claims(point_vs_range)[0] == C.STATUS_PRECISION
    year_vs_day = claims_df([{"article_id": "001", "kind": "date", "value": "2025", "unit": ""},
                             {"article_id": "002", "kind": "date", "value": "2025-11-20", "unit": ""}])
    assert C.compare_claims(year_vs_day)[0] == C.STATUS_PRECISION
    relative = claims_df([{"article_id": "001", "kind": "date", "value": "2025-11-20", "unit": ""},
                          {"article_id": "002", "kind": "date", "value": "", "unit": "", "precision": "relative",
                           "raw": "this week"}])
    status, reason = C.compare_claims(relative)
    assert status == C.STATUS_PRECISION and "this week" in reason
    places = claims_df([{"article_id": "000", "kind": "place", "value": "United States", "unit": "country"},
                        {"article_id": "001", "kind": "place", "value": "Ohio", "unit": "us_state"},
                        {"article_id": "001", "kind": "place", "value": "United States", "unit": "country"}])
    assert C.compare_claims(places, parents={"Ohio": "United States"})[0] == C.STATUS_PRECISION


def test_status_out_of_range_is_conflict():
    g = claims_df([{"article_id": "001", "value": "20000000000"},
                   {"article_id": "002", "value": "100000000000", "value_high": "1000000000000", "precision": "vague"}])
    assert C.compare_claims(g)[0] == C.STATUS_CONFLICT


def test_status_single_source_sourced_and_unsourced():
    named = claims_df([{"article_id": "001", "value": "39000000000", "attribution": "named", "source": "CNBC"}])
    status, reason = C.compare_claims(named)
    assert status == C.STATUS_SINGLE_SOURCED and "CNBC" in reason
    vague = claims_df([{"article_id": "000", "value": "39000000000", "attribution": "vague",
                        "source": "according to data"}])
    status, reason = C.compare_claims(vague)
    assert status == C.STATUS_SINGLE_UNSOURCED and "vague" in reason
    none = claims_df([{"article_id": "000", "kind": "percent", "value": "30", "unit": "%"}])
    assert C.compare_claims(none) == (C.STATUS_SINGLE_UNSOURCED, "only 000; no source given")


def test_status_not_comparable_and_quotes():
    g = claims_df([{"article_id": "001", "kind": "date", "precision": "relative", "raw": "this week", "unit": ""},
                   {"article_id": "002", "kind": "date", "precision": "relative", "raw": "on Thursday", "unit": ""}])
    assert C.compare_claims(g)[0] == C.STATUS_NOT_COMPARABLE
    same = claims_df([{"article_id": "001", "kind": "quote", "value": "generational opportunity to reindustrialize America,", "unit": ""},
                      {"article_id": "002", "kind": "quote", "value": "Generational opportunity to reindustrialize America.", "unit": ""}])
    assert C.compare_claims(same)[0] == C.STATUS_AGREE
    misquote = claims_df([{"article_id": "001", "kind": "quote", "value": "a great day", "unit": ""},
                          {"article_id": "002", "kind": "quote", "value": "a terrible day", "unit": ""}])
    assert C.compare_claims(misquote)[0] == C.STATUS_CONFLICT


# ---------------------------------------------------------------- bad input

def test_malformed_money_is_kept_unparsed():
    c = one(C.parse_money("It costs $1.4.5 billion."), "money")
    assert (c.parsed, c.value, c.raw, c.precision) == (False, None, "$1.4.5 billion", "unparsed")
    assert "1.4.5" in c.problem
    assert C.parse_number("1,00") is None and C.parse_number("1,000") == 1000.0


def test_malformed_dates_are_kept_unparsed():
    bad = one(C.parse_dates("on November 31 the deal"), "date")
    assert (bad.parsed, bad.value, bad.raw) == (False, None, "November 31")
    assert "no such day" in bad.problem
    assert one(C.parse_dates("February 29, 2025"), "date").parsed is False
    assert one(C.parse_dates("February 29, 2024"), "date").value == "2024-02-29"


def test_empty_and_claimless_text(cues):
    assert C.extract_claims("") == []
    assert C.extract_claims(None) == []
    assert C.extract_claims("The economic stakes are high.") == []
    s = sentences_table([("a-s000", "a", "The stakes are high."), ("a-s001", "a", "")])
    cl = C.build_claims(s, None, None, cues)
    assert cl.empty and list(cl.columns) == C.CLAIM_COLUMNS
    assert C.claim_matrix(C.auto_group(cl, s), ["a"]).empty


def test_malformed_claims_flow_through_the_matrix(cues):
    s = sentences_table([("a-s000", "a", "It costs $1.4.5 billion."), ("b-s000", "b", "It costs $1.4.5 billion.")])
    cl = C.auto_group(C.build_claims(s, None, None, cues), s)
    m = C.claim_matrix(cl, ["a", "b"])
    assert len(m) == 1 and m["a"].iloc[0].startswith("unparsed: $1.4.5 billion")
    assert m["status"].iloc[0] == C.STATUS_AGREE  # same wording, nothing to compare numerically


# ---------------------------------------------------------------- auto-grouping without a slot file

def test_auto_grouping_without_slots_finds_a_conflict(cues):
    s = sentences_table([
        ("a-s000", "a", "The council approved the new stadium, which will cost $500 million to build."),
        ("a-s001", "a", "The mayor spoke on Tuesday."),
        ("b-s000", "b", "The new stadium will cost $650 million to build, the council said."),
        ("b-s001", "b", "Parking fees rise 10% next year."),
    ])
    cl = C.auto_group(C.build_claims(s, None, None, cues), s)
    money = cl[cl["kind"] == "money"]
    assert money["group_id"].nunique() == 1 and set(money["group_origin"]) == {"auto"}
    m = C.claim_matrix(cl, ["a", "b"], slots=None)
    row = m[m["group_id"] == money["group_id"].iloc[0]].iloc[0]
    assert row["status"] == C.STATUS_CONFLICT and "$500 million" in row["reason"] and "$650 million" in row["reason"]
    pct = m[m["label"].str.startswith("percent")].iloc[0]
    assert pct["status"] == C.STATUS_SINGLE_UNSOURCED
    # relative dates alone make no matrix row
    assert not m["label"].str.contains("Tuesday").any()


def test_auto_grouping_links_the_same_exact_amount(cues):
    s = sentences_table([
        ("a-s000", "a", "The stadium will cost $450 million, according to the finance office."),
        ("b-s000", "b", "Harbor FC will build a $450 million stadium by the river."),
        ("b-s001", "b", "A bridge nearby was priced at $450 million in 1999."),
    ])
    cl = C.auto_group(C.build_claims(s, None, None, cues), s)
    money = cl[cl["kind"] == "money"].set_index("sentence_id")["group_id"]
    assert money["a-s000"] == money["b-s000"]  # same amount, shared word "stadium"
    assert money["b-s001"] != money["a-s000"]  # same amount, nothing else in common


def test_auto_grouping_never_merges_two_claims_of_one_sentence(cues):
    s = sentences_table([
        ("a-s000", "a", "OpenAI has $1.4 trillion in commitments and $20 billion in revenue."),
        ("b-s000", "b", "OpenAI has $1.4 trillion in commitments and $20 billion in revenue."),
    ])
    cl = C.auto_group(C.build_claims(s, None, None, cues), s)
    groups = cl[cl["kind"] == "money"].groupby("group_id")["sentence_id"].apply(list)
    assert len(groups) == 2 and all(len(set(v)) == len(v) for v in groups)


# ---------------------------------------------------------------- display and validation

def test_format_value():
    assert C.format_value("money", 1.4e12) == "$1.4 trillion"
    assert C.format_value("money", 1e10, 1e11, precision="vague") == "$10 billion–$100 billion (order of magnitude)"
    assert C.format_value("date", "2025", qualifier="by") == "2025 (by)"
    assert C.format_value("money", None, precision="unparsed", raw="$1.4.5 billion") == "unparsed: $1.4.5 billion"
    assert math.isclose(float(C._value_str(0.1 + 0.2)), 0.3)


def test_stale_hand_labels_are_refused(tmp_path):
    s = sentences_table([("a-s000", "a", "Foxconn spent $2 billion.")])
    (tmp_path / "framing_labels.csv").write_text(
        "sentence_id,text,frame,attribution,attribution_source,relayed_quote,note\n"
        "a-s000,Foxconn spent $3 billion.,neutral,none,,no,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="framing_labels.csv.*stale"):
        C.load_hand_attribution(tmp_path, s)
    assert C.load_hand_attribution(tmp_path / "missing", s) is None


def test_short_ids_never_merge_two_articles():
    assert C.short_id("000_10961d8c29418cd7") == "000"
    assert C.short_id("nyt_a") == "nyt_a" and C.short_id("nyt_b") == "nyt_b"
    assert C.short_id("booster-gazette") == "booster-gazette"

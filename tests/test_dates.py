"""Publication dates to ISO, and claim dates anchored to the publication date (document time)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.dates import ANCHOR_BASIS, anchor, anchor_claims, is_comparable, parse_published, with_anchored_values


@pytest.mark.parametrize("raw, iso", [
    ("November 20, 2025", "2025-11-20"),
    ("20 Nov 2025", "2025-11-20"),
    ("2025-11-20", "2025-11-20"),
    ("2025-11-20T09:00:00Z", "2025-11-20"),
    ("Thu, 20 Nov 2025 14:00:00 GMT", "2025-11-20"),
    ("4 mars 2026", "2026-03-04"),
])
def test_written_publication_dates_become_iso(raw, iso):
    assert parse_published(raw) == iso


@pytest.mark.parametrize("raw", ["sometime after the vote", "November 2025", "", "unknown", "2025-02-30"])
def test_a_date_that_is_not_a_full_date_stays_unknown(raw):
    assert parse_published(raw) == "unknown"


def test_weekday_is_the_most_recent_such_day_on_or_before_publication():
    # 2025-11-21 is a Friday
    assert anchor("on Thursday", "2025-11-21")[0] == "2025-11-20"
    assert anchor("Friday", "2025-11-21")[0] == "2025-11-21"  # the day itself counts
    assert anchor("on Saturday", "2025-11-21")[0] == "2025-11-15"


def test_weekday_in_the_future_tense_is_the_next_such_day():
    assert anchor("on Thursday", "2025-11-21", tense="planned")[0] == "2025-11-27"
    assert anchor("next Friday", "2025-11-21")[0] == "2025-11-28"
    assert anchor("last Friday", "2025-11-21")[0] == "2025-11-14"


def test_month_day_across_a_year_boundary():
    value, basis = anchor("Dec. 30", "2026-01-02")
    assert value == "2025-12-30" and basis.startswith(ANCHOR_BASIS)
    assert anchor("--12-30", "2026-01-02")[0] == "2025-12-30"  # the claims table's partial form


def test_month_day_follows_the_tense():
    assert anchor("Nov. 21", "2025-11-20", tense="planned")[0] == "2025-11-21"
    assert anchor("Nov. 2", "2026-03-05", tense="planned")[0] == "2026-11-02"  # a plan lies ahead
    assert anchor("Nov. 2", "2026-03-05", tense="done")[0] == "2025-11-02"


def test_today_this_week_last_month():
    assert anchor("today", "2025-11-20")[0] == "2025-11-20"
    assert anchor("yesterday", "2026-01-01")[0] == "2025-12-31"
    assert anchor("this week", "2025-11-20")[0] == "2025-W47"
    assert anchor("last month", "2026-01-10")[0] == "2025-12"
    assert anchor("next year", "2025-11-20")[0] == "2026"


def test_without_a_publication_date_nothing_is_resolved():
    for expression in ("Thursday", "Nov. 21", "today", "this week"):
        value, basis = anchor(expression, "unknown")
        assert value == "" and basis.startswith("unresolved")


def test_anchor_claims_adds_columns_and_never_changes_the_stated_value():
    claims = pd.DataFrame([
        {"claim_id": "a-c0", "article_id": "a", "kind": "date", "raw": "on Tuesday", "value": "", "precision": "relative", "tense": "done"},
        {"claim_id": "a-c1", "article_id": "a", "kind": "date", "raw": "Nov. 2", "value": "--11-02", "precision": "partial", "tense": "planned"},
        {"claim_id": "a-c2", "article_id": "a", "kind": "date", "raw": "March 3, 2026", "value": "2026-03-03", "precision": "exact", "tense": "done"},
        {"claim_id": "b-c0", "article_id": "b", "kind": "date", "raw": "on Tuesday", "value": "", "precision": "relative", "tense": "done"},
        {"claim_id": "a-c3", "article_id": "a", "kind": "money", "raw": "$5", "value": "5", "precision": "exact", "tense": "done"},
    ])
    articles = pd.DataFrame({"article_id": ["a", "b"], "published": ["2026-03-05", "unknown"]})
    out = anchor_claims(claims, articles)
    assert out["value"].tolist() == claims["value"].tolist()
    assert out["anchored"].tolist() == ["2026-03-03", "2026-11-02", "", "", ""]
    assert out["anchored_basis"].iloc[0].startswith(ANCHOR_BASIS)
    assert out["anchored_basis"].iloc[3].startswith("unresolved")
    assert out["anchored_basis"].iloc[2] == "" and out["anchored_basis"].iloc[4] == ""
    compared, ids = with_anchored_values(out)
    assert ids == ["a-c0", "a-c1"]
    assert compared.loc[0, "value"] == "2026-03-03" and compared.loc[0, "precision"] == "exact"
    assert is_comparable("2026-03") and not is_comparable("2026-W10")


def test_the_claim_matrix_compares_anchored_dates_and_says_so():
    from analysis import claims as C

    claims = pd.DataFrame([
        {"claim_id": "a-s000-c00", "article_id": "a", "sentence_id": "a-s000", "kind": "date", "raw": "on Tuesday",
         "value": "", "precision": "relative", "tense": "done", "group_id": "vote", "group_origin": "slot"},
        {"claim_id": "b-s000-c00", "article_id": "b", "sentence_id": "b-s000", "kind": "date", "raw": "March 3, 2026",
         "value": "2026-03-03", "precision": "exact", "tense": "done", "group_id": "vote", "group_origin": "slot"},
    ])
    for col in ("value_high", "unit", "qualifier", "source", "display", "hedge_cue", "tense_cue"):
        claims[col] = ""
    claims["attribution"] = "none"
    slots = pd.DataFrame([{"slot": "vote", "description": "vote day", "kinds": "date", "event": True}])
    articles = pd.DataFrame({"article_id": ["a", "b"], "published": ["2026-03-05", "2026-03-04"]})
    before = C.claim_matrix(claims, ["a", "b"], slots)
    after = C.claim_matrix(anchor_claims(claims, articles), ["a", "b"], slots)
    assert before.loc[0, "status"] != C.STATUS_AGREE
    assert after.loc[0, "status"] == C.STATUS_AGREE
    assert "anchored to publication" in after.loc[0, "reason"] and "a-s000-c00" in after.loc[0, "reason"]

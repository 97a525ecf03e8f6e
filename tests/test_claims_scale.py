"""The claim grouping and matrix give the same results with their large-corpus shortcuts as without.

The shortcuts (issue 11): candidate pairs pruned before linking (quotes through a word index,
amounts by value, other kinds by context similarity), value relations cached per distinct pair
of values, and articles that give the same values compared once. Each test runs the shortcut
and the plain all-pairs computation it replaced on a corpus with many repeated articles (the
seed claims copied several times, as syndicated coverage repeats them) and compares the tables.
"""
from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from analysis import claims as C
from analysis import config
from analysis.claims import compare, grouping
from analysis.claims.context import _distance
from conftest import committed_claims

COPIES = 3


@pytest.fixture(scope="module")
def repeated():
    """The seed claims and sentences, each article present ``COPIES`` times under new ids."""
    sentences, _, claims = committed_claims()
    s_parts, c_parts = [], []
    for n in range(COPIES):
        def rename(x: str, n=n) -> str:
            return f"{x}-copy{n}"
        s_parts.append(sentences.assign(sentence_id=sentences["sentence_id"].map(rename),
                                        article_id=sentences["article_id"].map(rename)))
        c_parts.append(claims.assign(claim_id=claims["claim_id"].map(rename),
                                     sentence_id=claims["sentence_id"].map(rename),
                                     article_id=claims["article_id"].map(rename)))
    sentences = pd.concat(s_parts, ignore_index=True)
    claims = pd.concat(c_parts, ignore_index=True)
    articles = sorted(sentences["article_id"].unique())
    return sentences, claims, articles


def _all_pairs(kind, kind_ids, recs, sim, lowest, equal_value_similarity):
    """Every pair of one kind's claims (names: every pair of equal value), as before the pruning."""
    if kind in C.SET_KINDS:
        return [(a, b) for a, b in itertools.combinations(kind_ids, 2) if recs[a]["value"] == recs[b]["value"]]
    return list(itertools.combinations(kind_ids, 2))


def _compare_values_all_pairs(reps, kind, conflicts, precision, agreements):
    """The article-by-article comparison as it was: every pair of articles, every pair of values."""
    best = {a: compare._most_precise(recs) for a, recs in reps.items()}
    rels = {}
    for a, b in itertools.combinations(sorted(reps), 2):
        rs = [compare.value_relation(x, y) for x in reps[a] for y in reps[b]]
        rels[(a, b)] = ("equal" if "equal" in rs else "nested" if "nested" in rs else
                        "overlap" if "overlap" in rs else "different" if "different" in rs else "incomparable")

    def listing():
        values: dict[str, list[str]] = {}
        for a, rec in best.items():
            values.setdefault(compare._label_of(rec), []).append(a)
        return " vs ".join(f"{compare._join(ids)} {v}" for v, ids in sorted(values.items(), key=lambda x: sorted(x[1])))

    if any(r == "different" for r in rels.values()):
        what = {"quote": "different wording", "date": "different dates"}.get(kind, "different values")
        conflicts.append(f"{what}: " + listing())
    elif any(r in ("nested", "overlap") for r in rels.values()):
        precision.append(listing())
    elif all(r == "equal" for r in rels.values()):
        agreements.append(f"all give {compare._label_of(next(iter(best.values())))}")


def _compare_sets_all_pairs(sets, kind, parents, conflicts, precision, agreements):
    rels = {(a, b): compare._set_relation(sets[a], sets[b], parents) for a, b in itertools.combinations(sorted(sets), 2)}
    listing = " vs ".join(f"{compare.short_id(a)} {', '.join(sorted(s))}" for a, s in sorted(sets.items()))
    if any(r == "different" for r in rels.values()):
        conflicts.append(f"nothing in common: {listing}")
    elif any(r in ("nested", "overlap") for r in rels.values()):
        precision.append(f"lists differ: {listing}")
    elif rels:
        agreements.append(f"all give {', '.join(sorted(next(iter(sets.values()))))}")


@pytest.mark.parametrize("threshold", [0.35, 0.15])
def test_pruned_pairs_group_as_every_pair_does(repeated, monkeypatch, threshold):
    sentences, claims, _ = repeated
    claims = claims.assign(group_id="", group_origin="")  # no slot file: every kind is grouped automatically
    fast = C.auto_group(claims, sentences, context_similarity_threshold=threshold)
    monkeypatch.setattr(grouping, "_possible_pairs", _all_pairs)
    slow = C.auto_group(claims, sentences, context_similarity_threshold=threshold)
    assert fast["group_id"].tolist() == slow["group_id"].tolist()
    # the copies really repeat: some quote and some amount are linked across copies
    auto = fast[fast["group_origin"] == "auto"]
    for kind in ("quote", "money", "date"):
        spread = auto[auto["kind"] == kind].groupby("group_id")["article_id"].nunique()
        assert (spread >= COPIES).any(), kind


def test_matrix_compares_repeated_articles_as_every_pair_does(repeated, monkeypatch):
    sentences, claims, articles = repeated
    slots = C.load_slots(config.CLAIM_SLOTS_CSV)
    grouped = C.auto_group(C.assign_slots(claims, sentences, slots), sentences)
    fast = C.claim_matrix(grouped, articles, slots)
    monkeypatch.setattr(compare, "_compare_values", _compare_values_all_pairs)
    monkeypatch.setattr(compare, "_compare_sets", _compare_sets_all_pairs)
    slow = C.claim_matrix(grouped, articles, slots)
    pd.testing.assert_frame_equal(fast, slow)
    assert set(fast["status"]) >= {C.STATUS_AGREE, C.STATUS_CONFLICT}  # both branches were exercised


def test_slots_are_assigned_as_claim_by_claim(repeated):
    sentences, claims, _ = repeated
    slots = C.load_slots(config.CLAIM_SLOTS_CSV)
    fast = C.assign_slots(claims, sentences, slots)
    texts = dict(zip(sentences["sentence_id"], sentences["text"]))
    for c, got in zip(claims.itertuples(), fast["group_id"]):
        text, best = texts[c.sentence_id], None
        for order, r in enumerate(slots.itertuples()):
            kinds = {k.strip() for k in r.kinds.split("|") if k.strip()}
            exclude = [p.strip() for p in (r.exclude or "").split("|") if p.strip()]
            if c.kind not in kinds or any(re.search(p, text, re.IGNORECASE) for p in exclude):
                continue
            spans = [m.span() for p in r.keywords.split("|") if p.strip()
                     for m in re.finditer(p.strip(), text, re.IGNORECASE)]
            if spans:
                cand = (min(_distance((int(c.start), int(c.end)), s) for s in spans), order, r.slot)
                best = cand if best is None or cand < best else best
        assert got == (best[2] if best else c.group_id)


def test_cached_relation_equals_value_relation():
    recs = [
        {"kind": "money", "precision": "exact", "value": 1e9, "value_high": None, "qualifier": ""},
        {"kind": "money", "precision": "approximate", "value": 1.05e9, "value_high": None, "qualifier": "about"},
        {"kind": "money", "precision": "vague", "value": 1e9, "value_high": 1e10, "qualifier": ""},
        {"kind": "money", "precision": "exact", "value": 5e8, "value_high": None, "qualifier": "more than"},
        {"kind": "money", "precision": "vague", "value": 5e9, "value_high": 2e10, "qualifier": ""},
        {"kind": "money", "precision": "exact", "value": 3e8, "value_high": None, "qualifier": ""},
        {"kind": "date", "precision": "exact", "value": "2026-01", "value_high": None, "qualifier": ""},
        {"kind": "date", "precision": "exact", "value": "2025-11", "value_high": None, "qualifier": ""},
        {"kind": "date", "precision": "exact", "value": "2025-11-20", "value_high": None, "qualifier": ""},
        {"kind": "quote", "precision": "exact", "value": "We are thrilled", "value_high": None, "qualifier": ""},
        {"kind": "quote", "precision": "exact", "value": "we are thrilled, truly", "value_high": None, "qualifier": ""},
        {"kind": "date", "precision": "relative", "value": "", "value_high": None, "qualifier": ""},
    ]
    seen = set()
    for a, b in itertools.product(recs, recs):
        assert compare.cached_relation(a, b) == compare.value_relation(a, b)
        seen.add(compare.value_relation(a, b))
    assert seen >= {"equal", "nested", "overlap", "different", "incomparable"}


def test_reasons_stay_readable_with_thousands_of_articles():
    n = 2_500
    group = pd.DataFrame({
        "article_id": [f"{i:04d}_x" for i in range(n)], "sentence_id": [f"{i:04d}_x-s000" for i in range(n)],
        "claim_id": [f"{i:04d}_x-s000-c00" for i in range(n)], "kind": "money",
        "value": ["1000000000"] * (n - 3) + ["2000000000"] * 3, "display": ["$1 billion"] * (n - 3) + ["$2 billion"] * 3,
        "precision": "exact", "attribution": ["named"] * 10 + ["none"] * (n - 10), "source": ["OpenAI"] * 10 + [""] * (n - 10)})
    status, reason = C.compare_claims(group)
    assert status == C.STATUS_CONFLICT
    assert "and 2,477 more $1 billion" in reason and "$2 billion" in reason and len(reason) < 1_000
    note = C.sourcing_note(group.assign(group_id="g"), "g")
    assert "and 2,470 more no source" in note and "named (OpenAI)" in note and len(note) < 1_000
    # up to MAX_LISTED articles every article is still named
    status, reason = C.compare_claims(group.iloc[[0, 1, n - 1]])
    assert reason == "different values: 0000_x, 0001_x $1 billion vs 2499_x $2 billion"

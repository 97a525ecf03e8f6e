"""Comparing a group of claims across articles: value relations and the group's status."""
from __future__ import annotations

import functools
import itertools
import re
from typing import Iterable

import pandas as pd

from .entities import ancestors
from .model import SET_KINDS, STATUS_AGREE, STATUS_CONFLICT, STATUS_NOT_COMPARABLE, STATUS_PRECISION, STATUS_SINGLE_SOURCED, STATUS_SINGLE_UNSOURCED, _f

# --------------------------------------------------------------------------
# Comparing values
# --------------------------------------------------------------------------

_ISO_RE = re.compile(r"(?P<y>\d{4})(?:-(?:Q(?P<q>[1-4])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?$|--(?P<m2>\d{2})-(?P<d2>\d{2})$")


def _date_fields(value: str) -> dict | None:
    m = _ISO_RE.match(str(value or ""))
    if not m:
        return None
    g = m.groupdict()
    return {
        "y": int(g["y"]) if g["y"] else None,
        "q": int(g["q"]) if g["q"] else None,
        "m": int(g["m"] or g["m2"]) if (g["m"] or g["m2"]) else None,
        "d": int(g["d"] or g["d2"]) if (g["d"] or g["d2"]) else None,
    }


def _date_relation(a: str, b: str) -> str:
    fa, fb = _date_fields(a), _date_fields(b)
    if fa is None or fb is None:
        return "incomparable"
    for f in ("y", "m", "d", "q"):
        if fa[f] is not None and fb[f] is not None and fa[f] != fb[f]:
            return "different"
    for x, y in ((fa, fb), (fb, fa)):  # a quarter against a month
        if x["q"] is not None and y["m"] is not None and not (3 * x["q"] - 2 <= y["m"] <= 3 * x["q"]):
            return "different"
    if [fa[f] is None for f in "ymdq"] == [fb[f] is None for f in "ymdq"]:
        return "equal"
    return "nested"


def _interval(c) -> tuple[float, float] | None:
    v, vh = _f(c.get("value")), _f(c.get("value_high"))
    if v is None:
        return None
    qual = str(c.get("qualifier") or "").lower()
    if vh is not None:
        return (v, vh)
    if qual in ("more than", "over", "at least", "upwards of"):
        return (v, float("inf"))
    if qual in ("up to", "less than", "under", "as much as", "at most"):
        return (0.0, v)
    return (v, v)


def value_relation(a: dict, b: dict) -> str:
    """How two claims' values relate: equal, nested, overlap, different or incomparable.

    * numbers: two point values are equal if they match (within 10% when either
      is approximate, "about $1.4 trillion"); a point inside a range or vague
      amount, or a range inside another, is nested; ranges that only overlap
      overlap; otherwise different;
    * dates: equal ISO values are equal; a coarser date containing a finer
      one ("2025" and "2025-11-20", "--11-21" and "2025-11-21") is nested;
    * quotes: the same words (ignoring case and punctuation) are equal; one
      quote's words all found in the other's is nested;
    * names: the same canonical name is equal.
    Unparsed and relative values are incomparable.
    """
    if a.get("kind") != b.get("kind"):
        return "incomparable"
    if str(a.get("precision")) in ("unparsed", "relative") or str(b.get("precision")) in ("unparsed", "relative"):
        return "incomparable"
    kind = a["kind"]
    if kind == "date":
        return _date_relation(a.get("value"), b.get("value"))
    if kind == "quote":
        ta, tb = _quote_tokens(a.get("value")), _quote_tokens(b.get("value"))
        if ta == tb:
            return "equal"
        return "nested" if set(ta) <= set(tb) or set(tb) <= set(ta) else "different"
    if kind in SET_KINDS:
        return "equal" if a.get("value") == b.get("value") else "different"
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return "incomparable"
    if ia[0] == ia[1] and ib[0] == ib[1]:
        approx = "approximate" in (a.get("precision"), b.get("precision"))
        tol = 0.10 if approx else 1e-9
        return "equal" if abs(ia[0] - ib[0]) <= tol * max(abs(ia[0]), abs(ib[0]), 1e-12) else "different"
    if ia == ib:
        return "equal"
    # half-open order-of-magnitude bands: [low, high)
    lo, hi = max(ia[0], ib[0]), min(ia[1], ib[1])
    if lo > hi or (lo == hi and not (ia[0] == ia[1] or ib[0] == ib[1])):
        return "different"
    inside = (ia[0] >= ib[0] and ia[1] <= ib[1]) or (ib[0] >= ia[0] and ib[1] <= ia[1])
    return "nested" if inside else "overlap"


@functools.lru_cache(maxsize=65536)
def _quote_tokens(text) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", str(text or "").lower()))


RELATION_FIELDS = ("kind", "precision", "value", "value_high", "qualifier")  # all value_relation reads


def relation_key(claim: dict) -> tuple:
    """The fields of a claim that decide :func:`value_relation`, as a hashable tuple."""
    return tuple(claim.get(f) for f in RELATION_FIELDS)


@functools.lru_cache(maxsize=262144)
def relation_of_keys(a: tuple, b: tuple) -> str:
    """:func:`value_relation` of two :func:`relation_key` tuples (cached)."""
    return value_relation(dict(zip(RELATION_FIELDS, a)), dict(zip(RELATION_FIELDS, b)))


def cached_relation(a: dict, b: dict) -> str:
    """:func:`value_relation`, computed once per distinct pair of values (large corpora repeat them)."""
    ka, kb = relation_key(a), relation_key(b)
    try:
        return relation_of_keys(ka, kb)
    except TypeError:  # an unhashable value: compare directly
        return value_relation(a, b)


# --------------------------------------------------------------------------
# The status of a group
# --------------------------------------------------------------------------

_ATTR_RANK = {"named": 0, "vague": 1, "none": 2}


def attribution_summary(group: pd.DataFrame) -> tuple[str, str]:
    """The best attribution in a set of claims (named > vague > none) and its sources."""
    if group.empty:
        return "none", ""
    best = min(group["attribution"].fillna("none"), key=lambda a: _ATTR_RANK.get(a, 3))
    sources = sorted({s for a, s in zip(group["attribution"], group["source"].fillna(""))
                      if a == best and isinstance(s, str) and s})
    return best, "; ".join(sources)


def _article_tense(part: pd.DataFrame) -> str | None:
    t = set(part["tense"].fillna("unmarked")) - {"unmarked"}
    if t == {"planned"}:
        return "planned"
    if t == {"done"}:
        return "done"
    return None


def _reduce_places(values: set[str], parents: dict[str, str]) -> set[str]:
    """Drop a place when a place inside it is also named ("U.S." with "Ohio")."""
    anc = {a for v in values for a in ancestors(v, parents)}
    return {v for v in values if v not in anc}


def _set_relation(a: set[str], b: set[str], parents: dict[str, str]) -> str:
    if a == b:
        return "equal"

    def covered(x, ys):  # x is named in ys, or is a region containing one of ys
        return x in ys or any(x in ancestors(y, parents) for y in ys)

    if all(covered(x, b) for x in a) or all(covered(x, a) for x in b):
        return "nested"
    return "overlap" if a & b else "different"


MAX_LISTED = 20
"""A reason names at most this many articles in one list; the rest are counted ("and 2,480 more")."""


def _join(ids: Iterable[str]) -> str:
    ids = sorted(ids)
    named = ", ".join(short_id(i) for i in ids[:MAX_LISTED])
    return named if len(ids) <= MAX_LISTED else f"{named} and {len(ids) - MAX_LISTED:,} more"


def _listing(parts: dict[str, str]) -> str:
    """"000 A vs 001 B" for each article's part; with many articles, articles with the same part are
    listed together ("000, 003 and 2,480 more A vs ..."), so the reason stays readable."""
    if len(parts) <= MAX_LISTED:
        return " vs ".join(f"{short_id(a)} {text}" for a, text in sorted(parts.items()))
    same: dict[str, list[str]] = {}
    for a, text in sorted(parts.items()):
        same.setdefault(text, []).append(a)
    return " vs ".join(f"{_join(ids)} {text}" for text, ids in sorted(same.items(), key=lambda x: sorted(x[1])))


def _verb(items, singular: str, plural: str) -> str:
    return singular if len(list(items)) == 1 else plural


def short_id(article_id: str) -> str:
    """'000_10961d8c29418cd7' -> '000' for readable reasons; any other id is kept whole.

    Only a number followed by a hex fingerprint is shortened, so two ids such as
    'nyt_a' and 'nyt_b' never collapse into one.
    """
    m = re.fullmatch(r"(\d+)_[0-9a-f]{6,}", str(article_id))
    return m.group(1) if m else str(article_id)


def compare_claims(group: pd.DataFrame, event: bool = False, parents: dict[str, str] | None = None) -> tuple[str, str]:
    """The status of one slot (or auto group) across articles, and the reason.

    ``group`` holds the slot's claims (columns article_id, kind, value,
    value_high, unit, precision, qualifier, tense, attribution, source; extra
    columns are ignored). Unparsed claims count as reports, not as values.
    Rules, in order:

    1. **single source**: one article only. *Sourced* if any of its claims
       sits in a sentence with a named source; otherwise *unsourced* (a vague
       source such as "according to reports" cannot be checked, so it counts
       as unsourced; the reason says it was vague).
    2. **conflict**: for an event slot, some articles say it is planned and
       others that it is done (scheduled vs completed); or two articles give
       different values of the same kind (disjoint numbers or dates,
       different quote wording, lists with nothing in common); or one article
       gives two values that contradict each other.
    3. **differ in precision**: values are compatible but not equal (a point
       inside a range or order of magnitude, a year vs a full date, a
       country vs its states, one list longer than another, an exact date vs
       "this week"), or only some articles give a value of some kind.
    4. **agree**: every comparable value is equal.
    5. **not comparable**: several articles, but some kind of value is given
       only in words that cannot be compared and differ (relative dates such
       as "this week" vs "on Thursday", or unparsed spans), and nothing else
       conflicts or differs.
    """
    parents = parents or {}
    g = group.copy()
    for col, default in (("precision", "exact"), ("qualifier", ""), ("tense", "unmarked"), ("unit", ""),
                         ("value_high", ""), ("attribution", "none"), ("source", "")):
        if col not in g.columns:
            g[col] = default
    g = g.fillna({"precision": "exact", "qualifier": "", "tense": "unmarked", "unit": "", "value_high": "",
                  "attribution": "none", "source": ""})
    articles = sorted(g["article_id"].unique())
    if not articles:
        return STATUS_NOT_COMPARABLE, "no claims"
    if len(articles) == 1:
        best, sources = attribution_summary(g)
        a = short_id(articles[0])
        if best == "named":
            return STATUS_SINGLE_SOURCED, f"only {a}; named source: {sources}"
        if best == "vague":
            return STATUS_SINGLE_UNSOURCED, f"only {a}; vague source only ({sources})"
        return STATUS_SINGLE_UNSOURCED, f"only {a}; no source given"

    conflicts: list[str] = []
    precision: list[str] = []
    agreements: list[str] = []
    incomparable: list[str] = []
    if event:
        tenses = {a: _article_tense(part) for a, part in g.groupby("article_id", sort=True)}
        planned = [a for a, t in tenses.items() if t == "planned"]
        done = [a for a, t in tenses.items() if t == "done"]
        if planned and done:
            conflicts.append(f"scheduled vs completed: {_join(planned)} {_verb(planned, 'says', 'say')} it is still "
                             f"to happen, {_join(done)} that it happened")
    g["_key"] = [f"{k}:{u}" if k == "count" else k for k, u in zip(g["kind"], g["unit"])]
    for key, part in g.groupby("_key", sort=True):
        kind = part["kind"].iloc[0]
        label = {"money": "an amount", "percent": "a percentage", "date": "a date", "quote": "a quote",
                 "place": "a place", "org": "an organisation", "person": "a person", "term": "a term"}.get(kind, key.replace("count:", "a count of "))
        have = sorted(part["article_id"].unique())
        have_set = set(have)  # membership tests against sets: lists made this quadratic in the articles
        missing = [a for a in articles if a not in have_set]
        if missing:
            precision.append(f"only {_join(have)} {_verb(have, 'gives', 'give')} {label}")
        usable = part[~part["precision"].isin(["unparsed", "relative"])]
        usable_ids = set(usable["article_id"])
        vague_only = [a for a in have if a not in usable_ids]
        with_values = sorted(usable["article_id"].unique())
        if vague_only and with_values:
            precision.append(f"{_join(vague_only)} {_verb(vague_only, 'gives', 'give')} only "
                             f"{_describe_unusable(part, vague_only)}")
        if not with_values:
            raws = {a: {str(r).strip().lower() for r in raw} for a, raw in part.groupby("article_id", sort=True)["raw"]}
            if len(have) > 1:
                if all(raws[a] == raws[have[0]] for a in have):
                    agreements.append(f"same wording ({'; '.join(sorted(raws[have[0]]))})")
                else:
                    incomparable.append(f"{label} given only in words that cannot be compared "
                                        f"({'; '.join(sorted(set().union(*raws.values())))})")
            continue
        if kind in SET_KINDS:
            sets = {a: set(values) for a, values in usable.groupby("article_id", sort=True)["value"]}
            if kind == "place":
                sets = {a: _reduce_places(s, parents) for a, s in sets.items()}
            _compare_sets(sets, kind, parents, conflicts, precision, agreements)
            continue
        reps = {}
        by_article: dict[str, list[dict]] = {}
        for rec in usable.to_dict("records"):  # one conversion, not one per article
            by_article.setdefault(rec["article_id"], []).append(rec)
        for a in sorted(by_article):
            recs = by_article[a]
            inner = sorted({tuple(sorted((_label_of(x), _label_of(y)))) for x, y in itertools.combinations(recs, 2)
                            if kind != "quote" and x.get("sentence_id") != y.get("sentence_id")
                            and cached_relation(x, y) == "different"})
            conflicts += [f"{short_id(a)} itself gives two values: {x} and {y}" for x, y in inner]
            reps[a] = recs
        _compare_values(reps, kind, conflicts, precision, agreements)
    if conflicts:
        return STATUS_CONFLICT, "; ".join(conflicts)
    if precision:
        return STATUS_PRECISION, "; ".join(precision)
    if incomparable:
        return STATUS_NOT_COMPARABLE, "; ".join(incomparable)
    if agreements:
        return STATUS_AGREE, "; ".join(agreements)
    return STATUS_NOT_COMPARABLE, "no value can be compared"


def _describe_unusable(part: pd.DataFrame, articles: list[str]) -> str:
    sub = part[part["article_id"].isin(articles)]
    kinds = sorted(set(sub["precision"]))
    word = " or ".join("a relative date" if k == "relative" else "an unparsed value" for k in kinds)
    raws = "; ".join(sorted({str(r) for r in sub["raw"]}))
    return f"{word} ({raws})"


def _label_of(rec: dict) -> str:
    return str(rec.get("display") or rec.get("value"))


def _compare_values(reps: dict[str, list[dict]], kind: str, conflicts, precision, agreements) -> None:
    """Pairwise comparison of articles: each article's most precise value against the other's values."""
    best = {a: _most_precise(recs) for a, recs in reps.items()}
    # Two articles relate through their distinct values only, so articles giving the same
    # values are compared once (thousands of articles repeat a handful of values).
    same_values: dict = {}
    for a in sorted(reps):
        same_values.setdefault(frozenset(relation_key(r) for r in reps[a]), []).append(reps[a])
    classes = list(same_values.values())
    pairs = [(x[0], y[0]) for x, y in itertools.combinations(classes, 2)]
    pairs += [(x[0], x[1]) for x in classes if len(x) > 1]
    found = set()
    for recs_a, recs_b in pairs:
        rs = {cached_relation(x, y) for x in recs_a for y in recs_b}
        found.add("equal" if "equal" in rs else "nested" if "nested" in rs else
                  "overlap" if "overlap" in rs else "different" if "different" in rs else "incomparable")
    if "different" in found:
        values: dict[str, list[str]] = {}
        for a, rec in best.items():
            values.setdefault(_label_of(rec), []).append(a)
        what = {"quote": "different wording", "date": "different dates"}.get(kind, "different values")
        conflicts.append(f"{what}: " + " vs ".join(f"{_join(ids)} {v}" for v, ids in sorted(values.items(), key=lambda x: sorted(x[1]))))
        return
    if found & {"nested", "overlap"}:
        values = {}
        for a, rec in best.items():
            values.setdefault(_label_of(rec), []).append(a)
        precision.append(" vs ".join(f"{_join(ids)} {v}" for v, ids in sorted(values.items(), key=lambda x: sorted(x[1]))))
        return
    if found <= {"equal"}:
        agreements.append(f"all give {_label_of(next(iter(best.values())))}")


def _most_precise(recs: list[dict]) -> dict:
    def width(r):
        if r["kind"] == "date":
            f = _date_fields(r.get("value")) or {}
            return -sum(f.get(x) is not None for x in "ymd")
        iv = _interval(r)
        return (iv[1] - iv[0]) if iv else float("inf")
    return min(recs, key=lambda r: (width(r), str(r.get("claim_id", ""))))


def _compare_sets(sets: dict[str, set[str]], kind: str, parents, conflicts, precision, agreements) -> None:
    distinct = list(dict.fromkeys(frozenset(sets[a]) for a in sorted(sets)))  # articles naming the same set: once
    rels = {_set_relation(set(x), set(y), parents) for x, y in itertools.combinations(distinct, 2)}
    if len(distinct) < len(sets):
        rels.add("equal")
    listing = _listing({a: ", ".join(sorted(s)) for a, s in sets.items()})
    if "different" in rels:
        conflicts.append(f"nothing in common: {listing}")
    elif rels & {"nested", "overlap"}:
        precision.append(f"lists differ: {listing}")
    elif rels:
        agreements.append(f"all give {', '.join(sorted(next(iter(sets.values()))))}")

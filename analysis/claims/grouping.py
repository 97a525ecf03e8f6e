"""Grouping claims about the same thing: story slots, then automatic groups."""
from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .compare import _interval, _quote_tokens, cached_relation, relation_key, relation_of_keys
from .context import _distance
from .entities import _read_list
from .model import CLAIM_SLOTS_CSV, KINDS, MATRIX_KINDS, NUMERIC_KINDS, SET_KINDS

# --------------------------------------------------------------------------
# Slots
# --------------------------------------------------------------------------

SLOT_COLUMNS = ["slot", "description", "kinds", "keywords", "exclude", "event", "expected"]


def load_slots(path: str | Path = CLAIM_SLOTS_CSV) -> pd.DataFrame:
    """Read the slot file: slot, description, kinds, keywords, and optional exclude, event, expected.

    ``kinds`` and ``keywords``/``exclude`` are ``|``-separated; keywords and
    exclusions are regular expressions matched case-insensitively against
    the sentence. ``event`` (yes/no) says whether "planned" vs "done" is a
    conflict in this slot.
    """
    df = _read_list(path, ["slot", "description", "kinds", "keywords"])
    for col in SLOT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    if df["slot"].duplicated().any():
        raise ValueError(f"{path}: duplicate slot names {sorted(df.loc[df['slot'].duplicated(), 'slot'])}")
    for r in df.itertuples():
        unknown = {k.strip() for k in r.kinds.split("|") if k.strip()} - set(KINDS)
        if unknown:
            raise ValueError(f"{path}: slot {r.slot!r} has unknown kinds {sorted(unknown)} (use {list(KINDS)})")
        for col in ("keywords", "exclude"):
            # Checked part by part, as assign_slots splits them on "|": a "|" inside a group
            # ("(6|six) GW") would otherwise pass here and crash later without naming the file.
            for part in (getattr(r, col) or "").split("|"):
                try:
                    re.compile(part.strip())
                except re.error as exc:
                    raise ValueError(
                        f"{path}: slot {r.slot!r} has a bad {col} pattern {part.strip()!r}: {exc}. "
                        f"'|' separates patterns in this file, so write alternatives as separate "
                        f"patterns (e.g. '6 GW|six GW') rather than inside a group.") from exc
    df["event"] = df["event"].astype(str).str.strip().str.lower().isin(["yes", "true", "1"])
    return df[SLOT_COLUMNS].reset_index(drop=True)


def assign_slots(claims: pd.DataFrame, sentences: pd.DataFrame, slots: pd.DataFrame | None) -> pd.DataFrame:
    """Put each claim into at most one slot.

    A slot is a candidate for a claim when the claim's kind is in the slot's
    ``kinds``, one of its ``keywords`` occurs in the sentence, and none of its
    ``exclude`` patterns does. Among candidates the slot whose keyword occurs
    nearest the claim (in characters) wins; a tie goes to the slot listed
    first. Returns a copy with ``group_id`` = the slot and ``group_origin`` =
    "slot file" for the claims placed.
    """
    out = claims.copy()
    if slots is None or slots.empty or out.empty:
        return out
    texts = dict(zip(sentences["sentence_id"], sentences["text"]))
    compiled = []
    for order, r in enumerate(slots.itertuples()):
        kinds = {k.strip() for k in r.kinds.split("|") if k.strip()}
        kw = [re.compile(p.strip(), re.IGNORECASE) for p in r.keywords.split("|") if p.strip()]
        ex = [re.compile(p.strip(), re.IGNORECASE) for p in (r.exclude or "").split("|") if p.strip()]
        compiled.append((order, r.slot, kinds, kw, ex))
    # Claims of one sentence share its text: each slot's exclusions and keyword spans are
    # found once per sentence, not once per claim.
    found: dict[str, list] = {}
    group_ids = list(out["group_id"]) if "group_id" in out.columns else [None] * len(out)
    origins = list(out["group_origin"]) if "group_origin" in out.columns else [None] * len(out)
    for n, (sid, kind, start, end) in enumerate(zip(out["sentence_id"], out["kind"], out["start"], out["end"])):
        if sid not in found:
            text = texts.get(sid, "")
            found[sid] = [(order, slot, kinds, [m.span() for k in kw for m in k.finditer(text)])
                          for order, slot, kinds, kw, ex in compiled if not any(x.search(text) for x in ex)]
        span = (int(start), int(end))
        best = None
        for order, slot, kinds, spans in found[sid]:
            if kind not in kinds or not spans:
                continue
            cand = (min(_distance(span, s) for s in spans), order, slot)
            best = cand if best is None or cand < best else best
        if best:
            group_ids[n] = best[2]
            origins[n] = "slot file"
    out["group_id"] = group_ids
    out["group_origin"] = origins
    return out


# --------------------------------------------------------------------------
# Automatic grouping
# --------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _stem(word: str) -> str:
    """Porter stem of one lower-cased word, computed once per distinct word (stemming dominates large corpora)."""
    from nltk.stem import PorterStemmer

    return PorterStemmer().stem(word)


def _stem_tokens(text: str) -> list[str]:
    from ..text import word_tokens

    return [_stem(t.lower()) for t in word_tokens(text) if not t[0].isdigit()]


def claim_contexts(claims: pd.DataFrame, sentences: pd.DataFrame, window: int = 8) -> list[str]:
    """The words around each claim: ``window`` words before and after it in its sentence (the claim itself left out)."""
    from ..text import word_tokens

    texts = dict(zip(sentences["sentence_id"], sentences["text"]))
    out = []
    for c in claims.itertuples():
        t = str(texts.get(c.sentence_id, ""))
        before = word_tokens(t[: int(c.start)])[-window:] if window else []
        after = word_tokens(t[int(c.end):])[:window] if window else []
        out.append(" ".join(before + after))
    return out


def context_vectors(claims: pd.DataFrame, sentences: pd.DataFrame, window: int = 8):
    """The TF-IDF vectors (sparse, one row per claim) of the claims' contexts; see :func:`context_similarity`."""
    from nltk.stem import PorterStemmer
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    stem = PorterStemmer()
    stop = {stem.stem(w) for w in ENGLISH_STOP_WORDS} | set(ENGLISH_STOP_WORDS)

    def tokens(text: str) -> list[str]:
        return [t for t in _stem_tokens(text) if t not in stop]

    texts = tuple(str(t) for t in sentences["text"])
    key = hash(texts)
    if _FITTED.get("key") != (key, texts):  # notebook 04 groups the same sentences' claims four times
        corpus = [tokens(t) for t in texts]
        vec = TfidfVectorizer(analyzer=_as_is, sublinear_tf=True).fit(corpus) if any(corpus) else None
        _FITTED.clear()
        _FITTED.update(key=(key, texts), vectorizer=vec)
    vec = _FITTED["vectorizer"]
    if len(claims) == 0 or vec is None:
        return csr_matrix((len(claims), 1))
    return vec.transform([tokens(c) for c in claim_contexts(claims, sentences, window)])


_FITTED: dict = {}  # the last TF-IDF model fitted by context_vectors, and the sentences it was fitted on


def _as_is(doc):
    return doc


_LINK_FIELDS = ("claim_id", "sentence_id", "kind", "unit", "precision", "value", "value_high", "qualifier")
MAX_PAIRWISE = 1000  # claims of one kind compared pair by pair; above it, see auto_group


def context_similarity(claims: pd.DataFrame, sentences: pd.DataFrame, window: int = 8) -> np.ndarray:
    """TF-IDF cosine between the contexts of claims (stemmed words, English stop words removed).

    The IDF weights are learnt from all the sentences, so words every
    article uses ("OpenAI", "Foxconn") count for little.
    """
    from nltk.stem import PorterStemmer
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    stem = PorterStemmer()
    stop = {stem.stem(w) for w in ENGLISH_STOP_WORDS} | set(ENGLISH_STOP_WORDS)

    def tokens(text: str) -> list[str]:
        return [t for t in _stem_tokens(text) if t not in stop]

    n = len(claims)
    corpus = [tokens(str(t)) for t in sentences["text"]]
    if n == 0 or not any(corpus):
        return np.zeros((n, n))
    vec = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit(corpus)
    matrix = vec.transform([tokens(c) for c in claim_contexts(claims, sentences, window)])
    return cosine_similarity(matrix)


def auto_group(
    claims: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    same_value_similarity: float = 0.15,
    context_similarity_threshold: float = 0.35,
    equal_value_similarity: float = 0.0,
    window: int = 8,
    prefix: str = "auto",
    max_pairwise: int = MAX_PAIRWISE,
) -> pd.DataFrame:
    """Group the claims no slot took, so any story gets a claim matrix.

    Two claims of the same kind (and, for counts, the same unit) from
    *different sentences* are linked when

    * they state the same exact amount, percentage or count (not a vague
      one) and the words around them share anything at all (cosine above
      ``equal_value_similarity``): "$450 million" twice is rarely chance; or
    * their values match or overlap (:func:`value_relation`: equal, nested,
      overlap) and the words around them (``window`` words each side) have a
      TF-IDF cosine of at least ``same_value_similarity``; or
    * the words around them have a cosine of at least
      ``context_similarity_threshold``, whatever the values: the same topic
      stated with different values, a possible conflict.

    Quotes are linked only when their wording matches (equal or one inside
    the other); places, organisations, people and terms by name alone.
    Links are made from the most similar pair down, and never so that two
    claims of one sentence end up in one group (a sentence giving "$1.4
    trillion" and "$20 billion" states two facts). Groups get ids
    ``auto-001`` ... in order of kind (the matrix kinds first) and first
    claim, and ``group_origin`` = "auto".

    Only claims of one kind are ever linked, so each kind is compared on its
    own. The pairwise comparison grows with the square of the claims, so a
    kind with more than ``max_pairwise`` claims (thousands of articles) is
    grouped in bounded time instead: names (places, organisations, people,
    terms) by value alone, each claim joining the first group of its value
    without a claim from its sentence (in claim order); other kinds compare
    each claim only with its ``NEIGHBOURS`` most similar contexts. Below the
    bound the result is exactly the pairwise one.
    """
    from sklearn.metrics.pairwise import cosine_similarity

    out = claims.copy()
    todo = out[(out["group_id"].fillna("") == "")]
    if todo.empty:
        return out
    vectors = context_vectors(todo, sentences, window)
    ids = list(todo.index)
    # only the fields the linking rule reads: converting all thirty columns cost seconds per 100,000 claims
    recs = todo[[c for c in _LINK_FIELDS if c in todo.columns]].to_dict("index")
    members = {i: [i] for i in ids}
    sents = {i: {recs[i]["sentence_id"]} for i in ids}
    root = {i: i for i in ids}
    candidates = []
    kinds_of = todo["kind"].to_numpy()
    for kind in dict.fromkeys(kinds_of):
        rows = np.flatnonzero(kinds_of == kind)
        kind_ids = [ids[r] for r in rows]
        if len(kind_ids) > max_pairwise and kind in SET_KINDS:
            _group_names_by_value(kind_ids, recs, members, sents, root)
            continue
        if len(kind_ids) > max_pairwise:
            pairs, sim_of = _nearest_pairs(vectors[rows], kind_ids)
        else:
            sim = cosine_similarity(vectors[rows]) if vectors.shape[1] else np.zeros((len(rows), len(rows)))
            pos = {i: k for k, i in enumerate(kind_ids)}
            pairs = _possible_pairs(kind, kind_ids, recs, sim, min(context_similarity_threshold, same_value_similarity),
                                    equal_value_similarity)
            sim_of = lambda a, b, sim=sim, pos=pos: float(sim[pos[a], pos[b]])  # noqa: E731
        candidates += _links(pairs, sim_of, recs, same_value_similarity, context_similarity_threshold,
                             equal_value_similarity)
    for _, _, _, a, b in sorted(candidates):
        ra, rb = root[a], root[b]
        if ra == rb or not sents[ra].isdisjoint(sents[rb]):
            continue
        keep, drop = (ra, rb) if recs[ra]["claim_id"] <= recs[rb]["claim_id"] else (rb, ra)
        for i in members[drop]:
            root[i] = keep
        members[keep] += members.pop(drop)
        sents[keep] |= sents.pop(drop)
    order = {k: i for i, k in enumerate(KINDS)}
    groups = sorted(members.values(), key=lambda m: (recs[m[0]]["kind"] not in MATRIX_KINDS, order[recs[m[0]]["kind"]],
                                                     min(recs[i]["claim_id"] for i in m)))
    group_of = {i: f"{prefix}-{n:03d}" for n, group in enumerate(groups, start=1) for i in group}
    out.loc[ids, "group_id"] = [group_of[i] for i in ids]
    out.loc[ids, "group_origin"] = "auto"
    return out


def _possible_pairs(kind, kind_ids, recs, sim, lowest, equal_value_similarity):
    """The pairs of one kind's claims that :func:`_links` could link, in the order of ``kind_ids``.

    Names are linked only to the same value, and other kinds (quotes aside) only
    above a similarity, so the other pairs need not be looked at: the result
    is the same as over all pairs, in a fraction of the time on large corpora.
    """
    if kind in SET_KINDS:
        by_value: dict = {}
        for i in kind_ids:
            by_value.setdefault(recs[i]["value"], []).append(i)
        return [p for same in by_value.values() for p in itertools.combinations(same, 2)]
    if kind == "quote":
        return _quote_pairs(kind_ids, recs)
    linkable = sim >= lowest
    if kind in NUMERIC_KINDS:
        # Below ``lowest`` only an exactly equal amount can link, so only pairs whose values lie
        # within 10% of each other (a superset of "equal") are kept.
        low = np.array([_comparable_low(recs[i]) for i in kind_ids], dtype=float)
        with np.errstate(invalid="ignore"):
            near = np.abs(low[:, None] - low[None, :]) <= 0.1 * np.maximum(np.abs(low[:, None]), np.abs(low[None, :])) + 1e-12
        linkable |= (sim > equal_value_similarity) & near
    first, second = np.nonzero(np.triu(linkable, 1))
    return [(kind_ids[a], kind_ids[b]) for a, b in zip(first, second)]


def _quote_pairs(kind_ids, recs) -> list:
    """Pairs of quotes whose words are the same or one's inside the other's (all a quote link needs).

    An index from each word to the quotes using it finds, for each quote, the quotes holding
    all its words, instead of comparing every pair.
    """
    words = [frozenset(_quote_tokens(recs[i].get("value"))) for i in kind_ids]
    having: dict[str, set[int]] = {}
    for n, ws in enumerate(words):
        for w in ws:
            having.setdefault(w, set()).add(n)
    found = set()
    for n, ws in enumerate(words):
        holders = set.intersection(*(having[w] for w in ws)) if ws else range(len(kind_ids))
        found.update((min(n, m), max(n, m)) for m in holders if m != n)
    return [(kind_ids[a], kind_ids[b]) for a, b in sorted(found)]


def _comparable_low(rec) -> float:
    """The low end of an exact or approximate amount (NaN for any other), for :func:`_possible_pairs`."""
    if rec.get("precision") not in ("exact", "approximate"):
        return np.nan
    interval = _interval(rec)
    return np.nan if interval is None else interval[0]


NEIGHBOURS = 30  # above max_pairwise: each claim is compared with this many most similar claims of its kind


def _group_names_by_value(kind_ids, recs, members, sents, root) -> None:
    """Bounded grouping of names: one group per value, split only where a sentence would repeat."""
    open_groups: dict = {}
    for i in sorted(kind_ids, key=lambda i: recs[i]["claim_id"]):
        value, sid = recs[i]["value"], recs[i]["sentence_id"]
        for keep in open_groups.setdefault(value, []):
            if sid not in sents[keep]:
                members[keep] += members.pop(i)
                sents[keep] |= sents.pop(i)
                root[i] = keep
                break
        else:
            open_groups[value].append(i)


def _nearest_pairs(vectors, kind_ids, chunk: int = 500):
    """Each claim paired with its :data:`NEIGHBOURS` most similar claims (rows are L2-normalised TF-IDF)."""
    found: dict = {}
    n = vectors.shape[0]
    k = min(NEIGHBOURS, n - 1)
    t = vectors.T.tocsc()
    for start in range(0, n, chunk):
        block = (vectors[start:start + chunk] @ t).toarray()
        for r, row in enumerate(block, start=start):
            row[r] = -1.0
            for c in np.argpartition(-row, k)[:k] if k > 0 else []:
                a, b = (r, int(c)) if r < c else (int(c), r)
                found[(kind_ids[a], kind_ids[b])] = float(row[c])
    pairs = list(found)
    return pairs, lambda a, b: found[(a, b)]


def _links(pairs, sim_of, recs, same_value_similarity, context_similarity_threshold, equal_value_similarity) -> list:
    """The candidate links among ``pairs`` of claims of one kind (the rule in :func:`auto_group`)."""
    candidates = []
    keys: dict = {}  # each claim's relation key, computed once (a claim meets many others)

    def relation(a, b) -> str:
        for i in (a, b):
            if i not in keys:
                keys[i] = relation_key(recs[i])
        try:
            return relation_of_keys(keys[a], keys[b])
        except TypeError:  # an unhashable value
            return cached_relation(recs[a], recs[b])

    for a, b in pairs:
        ca, cb = recs[a], recs[b]
        if ca["kind"] != cb["kind"] or ca["sentence_id"] == cb["sentence_id"]:
            continue
        s = sim_of(a, b)
        if ca["kind"] in SET_KINDS:
            linked = ca["value"] == cb["value"]
        elif ca["kind"] == "quote":
            linked = relation(a, b) in ("equal", "nested")
        else:
            if ca["kind"] == "count" and ca["unit"] != cb["unit"]:
                continue
            if s < context_similarity_threshold and s < same_value_similarity and s <= equal_value_similarity:
                continue  # no value relation could link them: skip the costly comparison
            rel = relation(a, b)
            exact_equal = (rel == "equal" and ca["kind"] in NUMERIC_KINDS
                           and {ca["precision"], cb["precision"]} <= {"exact", "approximate"})
            linked = (s >= context_similarity_threshold
                      or (rel in ("equal", "nested", "overlap") and s >= same_value_similarity)
                      or (exact_equal and s > equal_value_similarity))
        if linked:
            candidates.append((-round(s, 12), ca["claim_id"], cb["claim_id"], a, b))
    return candidates

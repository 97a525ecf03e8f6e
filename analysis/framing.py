"""Framing: which sentences sell the alliance, which question it, and who says so.

Everything here is traceable to words. A sentence's frame comes from the cues
matched in it, and every cue is kept as text, so any score can be read back to
its sentences.

**Cue lexicon** (read and compiled by :mod:`analysis.framing_lexicon`). ``data/lexicons/framing_cues.csv`` (columns ``term, category,
inflect, rationale``) lists one term or phrase per row. Categories that score:

* ``hype``: promotional language (importance, novelty, scale and dominance,
  inevitability, benefits stated as certain);
* ``skeptic``: doubt, risk, unknowns, precedent, missing details, financing
  or execution conditions;
* ``booster`` and ``hedge``: Hyland's (2005) metadiscourse markers of
  commitment and of withheld commitment;
* ``investor``: market and money vocabulary (reported as a rate, not scored
  for or against the alliance: "margins can be thin" and "for investors ...
  long-term value" both use it).

Control categories change how the scoring cues count: ``negator``,
``negation_exempt``, ``remedy``, ``aim``, ``kind_noun`` and ``open_question``
(see :func:`find_cues`). The optional ``change`` column names the rule a
group of rows was added for, so each change can be evaluated before and after. Rows
with ``post_hoc = yes`` were added after comparing the method with hand
coding; :func:`without_post_hoc` removes them, so the agreement of the
method as first written can always be recomputed.

**Matching.** Case-insensitive, on word boundaries. A space in a term matches
any whitespace or a hyphen; a hyphen matches a hyphen, whitespace or nothing
("game changer" = "game-changer" = "gamechanger"); curly and straight
apostrophes and the Unicode hyphens are treated alike. With ``inflect=yes``
each content word also matches its regular inflections (reshape, reshapes,
reshaped, reshaping; guarantee, guarantees; inequity, inequities; rival,
rivalled). ``*`` at the start or end of a word matches any letters
("sceptic*", "*n't"); a word that is only ``*`` stands for any one word;
``<num>`` stands for a number ("about <num>" matches "about $1.4 trillion").
Overlapping matches are resolved longest first, so "no doubt" (booster) beats
"no" (negator) and "doubt" (skeptic).

**Edge cases** (each is tested in ``tests/test_framing.py``):

1. *Negation.* A hype cue preceded by a negator within
   :data:`NEGATION_WINDOW` words in the same clause ("doesn't guarantee",
   "no public purchase guarantee") is not hype: it counts as a skeptic cue,
   because denying a promise signals doubt. A negated booster ("not always",
   "not clear") counts as a hedge. A negated skeptic cue ("not risky") is
   dropped. Hedges and investor cues are not affected. A negator negates only
   the first cue after it ("don't always unfold as promised": "always"
   becomes a hedge, "as promised" stays a skeptic cue). A clause boundary
   (comma, colon, semicolon, dash, bracket, quotation mark, "but", "while",
   ...) ends the negator's reach.
2. *Not a negation.* "not just", "not only", "won't just" ... introduce an
   addition, not a denial: they are listed as ``negation_exempt`` and do not
   negate ("not just rhetoric" keeps the skeptic cue "rhetoric").
3. *Remedies.* A skeptic cue preceded by a remedy verb within the window
   ("mitigate risks", "overcoming potential obstacles", "addressing these
   challenges") names a problem the deal is said to solve, so it is not
   counted as skepticism.
4. *Aims are not outcomes.* A hype cue governed by an aim marker within the
   window ("aims to bolster", "seeks to enhance", "a strategy to
   strengthen") reports a goal rather than asserting a benefit, so it is not
   counted (column ``aim_cues``). Added after validation (``post_hoc``).
5. *Hedges* do not cancel hype: "could unlock significant investment" still
   promises. They add to the skeptic side only in a sentence that already has
   a skeptic cue (see the decision rule).
6. *Relayed quotes.* Cues inside a quotation of at least
   :data:`analysis.text.MIN_QUOTE_WORDS` words (:func:`analysis.text.quote_spans`) are *quoted cues*: listed in ``quoted_cues``
   and left out of the writer's scores. The frame follows the writer's own
   words; ``frame_incl_quotes`` gives the frame if quotes counted. Shorter
   quoted spans (scare quotes, titles: the AI "middle layer") count as the
   writer's words.
7. *Kind nouns* (issue 12, post hoc). An adjective hype cue (a hype term
   with ``inflect = no``) followed within :data:`NEGATION_WINDOW` words, in
   the same clause, by a ``kind_noun`` ("critical components", "the world's
   largest contract electronics manufacturer") describes rather than praises:
   it is not counted (column ``described_cues``).
8. *Open questions* (issue 12, post hoc). An ``open_question`` term counts as
   a skeptic cue only at the start of the sentence ("How much OpenAI will
   buy."); the term ``<question>`` is a sentence-final question mark. Inside
   a relayed quote it is a quoted cue.

**Decision rule** for a sentence (writer's own words)::

    hype_score    = hype cues    + (boosters if hype cues > 0 else 0)
    skeptic_score = skeptic cues + (hedges   if skeptic cues > 0 else 0)
    net = hype_score - skeptic_score
    frame = hype if net > 0, skeptical if net < 0, neutral if net == 0

Ties, and sentences without cues, are neutral.

**Article index.** The hype–skepticism index is the mean over an article's
body sentences of +1 (hype), -1 (skeptical) and 0 (neutral): it runs from -1
(every sentence skeptical) to +1 (every sentence hype). Its 95% interval is a
seeded percentile bootstrap over sentences (:func:`analysis.stats.bootstrap_ci`).
Cue rates are per 1,000 word tokens (:func:`analysis.text.word_tokens`).

**Keyness.** :func:`log_odds_dirichlet` implements Monroe, Colaresi & Quinn
(2008), "Fightin' Words", *Political Analysis* 16(4): log-odds ratios with an
informative Dirichlet prior and their z-scores.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from .attribution import ATTRIBUTION_TYPES, attribute_sentences, classify_attribution, compile_rules  # noqa: F401
from .engine import map_articles
from .framing_lexicon import (  # noqa: F401 (re-exported: notebooks and tests call F.<name>)
    CUES_CSV, EXTRA_CUES_NAME, ANNOTATIONS_NAME, SCORED_CATEGORIES, CONTROL_CATEGORIES, CATEGORIES, FRAMES,
    FRAME_VALUE, NEGATION_WINDOW, CUE_COLUMNS, load_grammar, _GRAMMAR, _FUNCTION_WORDS,
    normalise, term_pattern, QUESTION_TERM, term_anchor,
    compile_term, Lexicon, load_cues, build_lexicon, without_post_hoc, extra_cue_paths,
    _default_lexicon,
)
from .ingest import body_sentences
from .spans import non_overlapping
from .stats import DEFAULT_SEED, bootstrap_ci
from .text import MIN_QUOTE_WORDS, AnchorIndex, fold_for_prefilter, inflections, quote_spans, word_tokens  # noqa: F401
from .validation import agreement_table, read_annotations


# --------------------------------------------------------------------------
# Finding cues in a sentence
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class CueMatch:
    """One cue found in a sentence.

    ``category`` is the lexicon's; ``counts_as`` is what it counts as after the
    negation rule (e.g. a negated hype cue counts as ``skeptic``), or ``None``
    when it is dropped. ``status`` is ``counted``, ``quoted`` (inside a relayed
    quote), ``negated_dropped``, ``remedied``, ``aim`` or ``control`` (negators etc.).
    ``text`` is the matched text; ``shown`` adds the negator when one applied.
    """

    term: str
    category: str
    start: int
    end: int
    text: str
    shown: str
    counts_as: str | None
    status: str
    trigger: str = ""


_BOUNDARY = re.compile(r"[,;:()?!\"“”\[\]]|—|\s[–-]\s|\b(?:" + "|".join(map(re.escape, _GRAMMAR["clause_boundary"]))
                       + r")\b", re.IGNORECASE)


def _token_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for tok in word_tokens(text):
        start = text.index(tok, pos)
        spans.append((start, start + len(tok)))
        pos = start + len(tok)
    return spans


def _words_between(tokens: list[tuple[int, int]], end: int, start: int) -> int:
    return sum(1 for s, e in tokens if s >= end and e <= start)


def _scope_trigger(candidates: list, cue_start: int, text: str, tokens) -> object | None:
    """The nearest candidate ending before ``cue_start`` within the window and the same clause."""
    best = None
    for c in candidates:
        if c[1] > cue_start:
            continue
        if _words_between(tokens, c[1], cue_start) > NEGATION_WINDOW:
            continue
        if _BOUNDARY.search(text, c[1], cue_start):
            continue
        if best is None or c[1] > best[1]:
            best = c
    return best


def _forward_trigger(candidates: list, cue_end: int, text: str, tokens) -> object | None:
    """The nearest candidate starting after ``cue_end`` within the window and the same clause."""
    best = None
    for c in candidates:
        if c[0] < cue_end or _words_between(tokens, cue_end, c[0]) > NEGATION_WINDOW:
            continue
        if _BOUNDARY.search(text, cue_end, c[0]):
            continue
        if best is None or c[0] < best[0]:
            best = c
    return best


_FIRST_WORD = re.compile(r"[^\W_]")


def find_cues(sentence: str, lexicon: Lexicon | None = None) -> list[CueMatch]:
    """Every cue in ``sentence``, with the negation, remedy and quotation rules applied.

    Returns matches in text order, control cues (negators, remedies) included,
    so a reader can see why a cue was flipped or dropped.
    """
    lexicon = lexicon or _default_lexicon()
    text = normalise(sentence)
    folded = fold_for_prefilter(text)
    found = []
    candidates = lexicon.patterns if lexicon.index is None else lexicon.index.candidates(folded)
    for rx, term, category in candidates:
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), term, category))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], order[c[3]], c[2]))
    accepted = sorted(non_overlapping(found, priority=False))
    tokens = _token_spans(text)
    quotes = quote_spans(text)
    negators = [a for a in accepted if a[3] == "negator"]
    remedies = [a for a in accepted if a[3] == "remedy"]
    aims = [a for a in accepted if a[3] == "aim"]
    kinds = [a for a in accepted if a[3] == "kind_noun"]
    first = _FIRST_WORD.search(text)
    used: set = set()  # a negator negates only the first cue after it
    out = []
    for start, end, term, category in accepted:
        original = sentence[start:end]
        if category == "open_question" and (term == QUESTION_TERM or (first and start == first.start())):
            inside = any(qs <= start and end <= qe for qs, qe in quotes)
            out.append(CueMatch(term, category, start, end, original, original or "?", "skeptic",
                                "quoted" if inside else "counted"))
            continue
        if category in CONTROL_CATEGORIES:
            out.append(CueMatch(term, category, start, end, original, original, None, "control"))
            continue
        counts_as, status, shown, trigger = category, "counted", original, ""
        if category in ("hype", "booster", "skeptic"):
            neg = _scope_trigger([n for n in negators if n not in used], start, text, tokens)
            if neg is not None:
                used.add(neg)
                trigger = sentence[neg[0]:neg[1]]
                shown = sentence[neg[0]:end]
                counts_as = {"hype": "skeptic", "booster": "hedge", "skeptic": None}[category]
                if counts_as is None:
                    status = "negated_dropped"
        if category == "skeptic" and status == "counted" and counts_as == "skeptic":
            rem = _scope_trigger(remedies, start, text, tokens)
            if rem is not None:
                trigger, shown, counts_as, status = sentence[rem[0]:rem[1]], sentence[rem[0]:end], None, "remedied"
        if category == "hype" and status == "counted" and counts_as == "hype":
            aim = _scope_trigger(aims, start, text, tokens)
            if aim is not None:
                trigger, shown, counts_as, status = sentence[aim[0]:aim[1]], sentence[aim[0]:end], None, "aim"
        if category == "hype" and status == "counted" and term in lexicon.adjectives:
            kind = _forward_trigger(kinds, end, text, tokens)
            if kind is not None:
                trigger, shown, counts_as, status = sentence[kind[0]:kind[1]], sentence[start:kind[1]], None, "described"
        if status == "counted" and any(qs <= start and end <= qe for qs, qe in quotes):
            status = "quoted"
        out.append(CueMatch(term, category, start, end, original, shown, counts_as, status, trigger))
    return out


def frame_from_scores(hype_score: float, skeptic_score: float) -> str:
    """The decision rule: hype if hype_score > skeptic_score, skeptical if less, else neutral."""
    net = hype_score - skeptic_score
    return "hype" if net > 0 else "skeptical" if net < 0 else "neutral"


def _scores(counts: Counter) -> tuple[int, int]:
    hype = counts["hype"] + (counts["booster"] if counts["hype"] else 0)
    skeptic = counts["skeptic"] + (counts["hedge"] if counts["skeptic"] else 0)
    return hype, skeptic


def score_sentence(sentence: str, lexicon: Lexicon | None = None) -> dict:
    """Cues, counts, scores and frame of one sentence (see the module's decision rule)."""
    matches = find_cues(sentence, lexicon)
    own = Counter(m.counts_as for m in matches if m.status == "counted")
    quoted = Counter(m.counts_as for m in matches if m.status == "quoted")
    hype, skeptic = _scores(own)
    hype_all, skeptic_all = _scores(own + quoted)
    row = {
        "frame": frame_from_scores(hype, skeptic),
        "hype_score": hype,
        "skeptic_score": skeptic,
        "net_score": hype - skeptic,
        "frame_incl_quotes": frame_from_scores(hype_all, skeptic_all),
        "net_score_incl_quotes": hype_all - skeptic_all,
    }
    for cat in SCORED_CATEGORIES:
        row[f"n_{cat}"] = own[cat]
    row["n_quoted_hype"] = quoted["hype"]
    row["n_quoted_skeptic"] = quoted["skeptic"]
    for cat, col in CUE_COLUMNS.items():
        row[col] = "; ".join(m.shown for m in matches if m.status == "counted" and m.counts_as == cat)
    row["quoted_cues"] = "; ".join(f"{m.counts_as}: {m.shown}" for m in matches if m.status == "quoted")
    row["negated_cues"] = "; ".join(f"{m.shown} ({m.category}→{m.counts_as or 'dropped'})"
                                    for m in matches if m.trigger and m.status not in ("remedied", "aim")
                                    and m.category in ("hype", "booster", "skeptic"))
    row["remedied_cues"] = "; ".join(m.shown for m in matches if m.status == "remedied")
    row["aim_cues"] = "; ".join(m.shown for m in matches if m.status == "aim")
    row["described_cues"] = "; ".join(m.shown for m in matches if m.status == "described")
    return row


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

SENTENCE_COLUMNS = [
    "sentence_id", "article_id", "position", "frame", "hype_score", "skeptic_score", "net_score",
    "frame_incl_quotes", "net_score_incl_quotes", "n_tokens",
    "n_hype", "n_investor", "n_skeptic", "n_hedge", "n_booster", "n_quoted_hype", "n_quoted_skeptic",
    "hype_cues", "investor_cues", "skeptic_cues", "hedges", "boosters", "quoted_cues", "negated_cues",
    "remedied_cues", "aim_cues", "described_cues", "attribution", "attribution_source", "attribution_cue", "text",
]


def score_sentences(
    sentences: pd.DataFrame,
    lexicon: Lexicon | None = None,
    attribution_csv: str | Path | None = None,
    speech_verbs_csv: str | Path | None = None,
) -> pd.DataFrame:
    """Frame, cues and attribution for every body sentence: the ``framing_sentences`` table.

    The attribution lexicons default to :mod:`analysis.attribution`'s.
    """
    body = body_sentences(sentences).reset_index(drop=True)
    positions = list(body.groupby("article_id", sort=False).indices.items())
    texts = body["text"].to_numpy()
    compile_rules(attribution_csv, speech_verbs_csv)  # compiled once here; forked workers inherit the cache
    frame = partial(_frame_article, lexicon=lexicon, attribution_csv=attribution_csv, speech_verbs_csv=speech_verbs_csv)
    per_article = map_articles(frame, [list(texts[idx]) for _, idx in positions], [a for a, _ in positions],
                               desc="framing")
    results: list = [None] * len(body)
    for (_, idx), rows in zip(positions, per_article):
        for i, row in zip(idx, rows):
            results[i] = row
    scored = pd.DataFrame([cues for cues, _ in results])
    attributed = pd.DataFrame({"attribution": [a.type for _, a in results],
                               "attribution_source": [a.source for _, a in results],
                               "attribution_cue": [a.cue for _, a in results]})
    out = pd.concat([body[["sentence_id", "article_id", "position", "text"]], scored, attributed], axis=1)
    out["n_tokens"] = [len(word_tokens(t)) for t in out["text"]]
    return out[SENTENCE_COLUMNS]


def _frame_article(texts: list[str], lexicon, attribution_csv, speech_verbs_csv) -> list:
    """(cue scores, attribution) for each of one article's body sentences (a pure function, for
    :func:`analysis.engine.map_articles`)."""
    rules = compile_rules(attribution_csv, speech_verbs_csv)
    return [(score_sentence(t, lexicon), classify_attribution(t, rules=rules)) for t in texts]


def article_table(scored: pd.DataFrame, articles: pd.DataFrame, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The ``framing_articles`` table: index with bootstrap interval, cue rates, sourcing profile.

    Counts and sums come from one grouped pass over the sentences; only the bootstrap runs
    article by article.
    """
    columns = ["article_id", "article_label", "kind", "n_sentences", "n_tokens", "hype_index", "ci_low", "ci_high",
               "n_hype_sentences", "n_skeptical_sentences", "n_neutral_sentences", "hype_index_incl_quotes",
               "ci_low_incl_quotes", "ci_high_incl_quotes", *(f"rate_{cat}" for cat in SCORED_CATEGORIES),
               "rate_quoted_hype", "rate_vague_attribution", "rate_named_attribution",
               *(f"share_{kind}" for kind in ATTRIBUTION_TYPES)]
    if scored.empty:
        return pd.DataFrame(columns=columns)
    meta = articles.set_index("article_id")
    part = scored[["article_id", "n_tokens", *(f"n_{c}" for c in SCORED_CATEGORIES), "n_quoted_hype"]].copy()
    for frame in FRAMES:
        part[f"is_{frame}"] = (scored["frame"] == frame).to_numpy()
    for kind in ATTRIBUTION_TYPES:
        part[f"is_{kind}"] = (scored["attribution"] == kind).to_numpy()
    sums = part.groupby("article_id", sort=True).sum()
    sizes = scored.groupby("article_id", sort=True).size()
    values = scored["frame"].map(FRAME_VALUE).to_numpy(dtype=float)
    values_q = scored["frame_incl_quotes"].map(FRAME_VALUE).to_numpy(dtype=float)
    rows = []
    for article_id, idx in scored.groupby("article_id", sort=True).indices.items():
        est, low, high = bootstrap_ci(values[idx], seed=seed)
        est_q, low_q, high_q = bootstrap_ci(values_q[idx], seed=seed)
        total = sums.loc[article_id]
        n_tok = int(total["n_tokens"])
        per_k = 1000.0 / n_tok if n_tok else float("nan")
        n = int(sizes[article_id])
        row = {
            "article_id": article_id,
            "article_label": meta.loc[article_id, "label"] if article_id in meta.index else article_id,
            "kind": meta.loc[article_id, "kind"] if article_id in meta.index and "kind" in meta else "",
            "n_sentences": n,
            "n_tokens": n_tok,
            "hype_index": est, "ci_low": low, "ci_high": high,
            "n_hype_sentences": int(total["is_hype"]),
            "n_skeptical_sentences": int(total["is_skeptical"]),
            "n_neutral_sentences": int(total["is_neutral"]),
            "hype_index_incl_quotes": est_q, "ci_low_incl_quotes": low_q, "ci_high_incl_quotes": high_q,
        }
        for cat in SCORED_CATEGORIES:
            row[f"rate_{cat}"] = int(total[f"n_{cat}"]) * per_k
        row["rate_quoted_hype"] = int(total["n_quoted_hype"]) * per_k
        row["rate_vague_attribution"] = int(total["is_vague"]) * per_k
        row["rate_named_attribution"] = int(total["is_named"]) * per_k
        for kind in ATTRIBUTION_TYPES:
            row[f"share_{kind}"] = int(total[f"is_{kind}"]) / n
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def top_evidence(scored: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The ``n`` strongest hype and ``n`` strongest skeptical sentences of each article.

    Strength is the net score (ties: earlier sentence first). Columns:
    article_id, side, sentence_id, net_score, cues, text.
    """
    picks = []
    for order, (side, asc) in enumerate((("hype", False), ("skeptical", True))):
        ranked = scored[scored["frame"] == side].sort_values(["article_id", "net_score", "position"],
                                                             ascending=[True, asc, True], kind="stable")
        pick = ranked.groupby("article_id", sort=False).head(n)
        if side == "hype":
            cues = [h + (" + " + b if b else "") for h, b in zip(pick["hype_cues"], pick["boosters"])]
        else:
            cues = [k + (" + " + h if h else "") for k, h in zip(pick["skeptic_cues"], pick["hedges"])]
        picks.append(pd.DataFrame({"article_id": pick["article_id"].to_numpy(), "side": side,
                                   "sentence_id": pick["sentence_id"].to_numpy(),
                                   "net_score": pick["net_score"].to_numpy(), "cues": cues,
                                   "text": pick["text"].to_numpy(), "_side": order, "_rank": range(len(pick))}))
    out = pd.concat(picks, ignore_index=True).sort_values(["article_id", "_side", "_rank"], kind="stable")
    return out.drop(columns=["_side", "_rank"]).reset_index(drop=True)


# --------------------------------------------------------------------------
# Validation against hand coding
# --------------------------------------------------------------------------

def load_annotations(annotations_dir: str | Path, scored: pd.DataFrame) -> pd.DataFrame | None:
    """Hand-coded frames and attributions joined to ``scored``, or ``None`` if the file is absent.

    Raises ``ValueError`` naming the file when its sentence text differs from
    the sentence table (stale annotations), when it names sentences that do not
    exist, or when a label is not one of the known values
    (:func:`analysis.validation.read_annotations`).
    """
    ann = read_annotations(Path(annotations_dir) / ANNOTATIONS_NAME, scored,
                           {"frame": FRAMES, "attribution": ATTRIBUTION_TYPES})
    if ann is None:
        return None
    merged = scored.merge(ann.rename(columns={"text": "text_hand", "frame": "frame_hand",
                                              "attribution": "attribution_hand",
                                              "attribution_source": "attribution_source_hand",
                                              "note": "note_hand"}),
                          on="sentence_id", how="inner")
    return merged.sort_values(["article_id", "position"]).reset_index(drop=True)


def validate(merged: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict]]:
    """Agreement of the method with the hand codes, for frame (writer's words and with quotes) and attribution.

    Returns :func:`analysis.validation.agreement_table`'s ``(table, details)``:
    methods ``frame``, ``frame_incl_quotes`` and ``attribution``.
    """
    schemes = {
        "frame": ("frame_hand", "frame", FRAMES),
        "frame_incl_quotes": ("frame_hand", "frame_incl_quotes", FRAMES),
        "attribution": ("attribution_hand", "attribution", ATTRIBUTION_TYPES),
    }
    return agreement_table({name: merged[gold] for name, (gold, _, _) in schemes.items()},
                           {name: merged[pred] for name, (_, pred, _) in schemes.items()},
                           {name: labels for name, (_, _, labels) in schemes.items()})


def disagreements(merged: pd.DataFrame, scheme: str = "frame") -> pd.DataFrame:
    """Sentences where the method and the hand code differ, with the cues that decided."""
    if scheme == "attribution":
        cols = ["sentence_id", "attribution_hand", "attribution", "attribution_cue", "text"]
        mask = merged["attribution_hand"] != merged["attribution"]
    else:
        cols = ["sentence_id", "frame_hand", scheme, "hype_cues", "skeptic_cues", "hedges", "boosters",
                "quoted_cues", "text"]
        mask = merged["frame_hand"] != merged[scheme]
    return merged.loc[mask, cols].reset_index(drop=True)


def group_by_index(articles_table: pd.DataFrame) -> dict[str, str]:
    """Article id -> group from the sign of its hype index: 'leans hype' (> 0) or 'leans skeptical' (<= 0)."""
    return {r.article_id: ("leans hype" if r.hype_index > 0 else "leans skeptical")
            for r in articles_table.itertuples()}


# Imported last because they build on this module; the notebook keeps calling them as F.<name>.
from .framing_plots import plot_index, plot_keyness, plot_rates, plot_sourcing  # noqa: E402,F401
from .keyness import keyness, keyness_tokens, kwic, log_odds_dirichlet, top_keywords  # noqa: E402,F401

"""Framing: which sentences sell the alliance, which question it, and who says so.

Everything here is traceable to words. A sentence's frame comes from the cues
matched in it, and every cue is kept as text, so any score can be read back to
its sentences.

**Cue lexicon.** ``data/lexicons/framing_cues.csv`` (columns ``term, category,
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
   :data:`MIN_QUOTE_WORDS` words are *quoted cues*: listed in ``quoted_cues``
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

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from . import config
from .annotations import read_annotations
from .attribution import ATTRIBUTION_CSV, ATTRIBUTION_TYPES, SPEECH_VERBS_CSV, attribute_sentences
from .ingest import body_sentences
from .stats import DEFAULT_SEED, agreement, bootstrap_ci
from .text import word_tokens

CUES_CSV = config.LEXICONS_DIR / "framing_cues.csv"
EXTRA_CUES_NAME = "framing_cues_extra.csv"  # optional, in the story folder
ANNOTATIONS_NAME = "framing_labels.csv"

SCORED_CATEGORIES = ("hype", "investor", "skeptic", "hedge", "booster")
CONTROL_CATEGORIES = ("negator", "negation_exempt", "remedy", "aim", "kind_noun", "open_question")
CATEGORIES = SCORED_CATEGORIES + CONTROL_CATEGORIES
FRAMES = ("hype", "skeptical", "neutral")
FRAME_VALUE = {"hype": 1, "skeptical": -1, "neutral": 0}

NEGATION_WINDOW = 3  # at most this many words between a negator (remedy, aim) and the cue
MIN_QUOTE_WORDS = 4  # shorter quoted spans are scare quotes or titles, not relayed speech

# Output column for each category's cues in the sentence table.
CUE_COLUMNS = {"hype": "hype_cues", "investor": "investor_cues", "skeptic": "skeptic_cues",
               "hedge": "hedges", "booster": "boosters"}

# Words never inflected inside a phrase ("not disclose" must not match "nots disclose").
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for by with from as and or but not no nor is are was were be been "
    "it its this that these those than then so".split()
)

# --------------------------------------------------------------------------
# Text normalisation and term patterns
# --------------------------------------------------------------------------

# One character to one character, so match offsets are offsets in the original text.
_NORMALISE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-",
                            "\u00ad": "-", "\u00a0": " "})
_NUM = r"[$€£]?\d[\d,]*(?:\.\d+)?%?"
_ANY_WORD = r"[^\W_]+(?:['-][^\W_]+)*"


def normalise(text: str) -> str:
    """Text with apostrophes and hyphens unified; same length as ``text``."""
    return str(text).translate(_NORMALISE)


def _inflections(word: str) -> list[str]:
    """Regular inflections of an English word (a superset is harmless: it must also occur in text)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if (len(word) >= 3 and word[-1] in "bdgklmnprt" and word[-2] in "aeiou"
            and word[-3] not in "aeiou"):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # stop -> stopped, rival -> rivalled
    return sorted(forms, key=len, reverse=True)


def _word_regex(word: str, inflect: bool) -> str:
    if word == "<num>":
        return _NUM
    if word == "*":
        return _ANY_WORD
    if "<num>" in word:
        raise ValueError(f"<num> must be a word of its own, not part of {word!r}")
    pieces = word.split("-")
    if len(pieces) > 1:  # a hyphen inside a word: hyphen, whitespace or nothing
        return r"(?:-|\s+)?".join(_word_regex(p, False) for p in pieces[:-1]) + r"(?:-|\s+)?" + \
            _word_regex(pieces[-1], inflect)
    lead = r"\w*" if word.startswith("*") else ""
    tail = r"\w*" if word.endswith("*") and len(word) > 1 else ""
    core = word.strip("*")
    if not core:
        return _ANY_WORD
    if tail or lead or not inflect or core in _FUNCTION_WORDS:
        alternatives = [re.escape(core)]
    else:
        alternatives = [re.escape(f) for f in _inflections(core)]
    return lead + "(?:" + "|".join(alternatives) + ")" + tail


def term_pattern(term: str, inflect: bool = True) -> str:
    """The regular expression (a string) matching ``term`` as described in the module docstring."""
    words = normalise(term).strip().lower().split()
    if not words:
        raise ValueError("empty term")
    body = r"(?:\s+|-)".join(_word_regex(w, inflect) for w in words)
    return r"(?<![\w'])" + body + r"(?![\w])"


QUESTION_TERM = "<question>"  # the writer's sentence ends with a question mark
_QUESTION = re.compile(r"\?(?=[\s\"'”’)\]]*$)")


def compile_term(term: str, inflect: bool = True) -> re.Pattern:
    """:func:`term_pattern` compiled, case-insensitive (``<question>``: a sentence-final question mark)."""
    if term.strip() == QUESTION_TERM:
        return _QUESTION
    return re.compile(term_pattern(term, inflect), re.IGNORECASE)


# --------------------------------------------------------------------------
# The lexicon
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    """Compiled cues: ``rows`` is the table, ``patterns`` a tuple of (regex, term, category)."""

    rows: pd.DataFrame
    patterns: tuple
    adjectives: frozenset = frozenset()  # hype terms listed with inflect = no (the kind-noun rule applies to them)

    def terms(self, category: str) -> list[str]:
        return sorted(self.rows.loc[self.rows["category"] == category, "term"])


def _read_cues(path: Path) -> pd.DataFrame:
    cues = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    missing = {"term", "category", "rationale"} - set(cues.columns)
    if missing:
        raise ValueError(f"{path}: cue lexicon needs columns {sorted(missing)}")
    if "inflect" not in cues.columns:
        cues["inflect"] = "yes"
    if "post_hoc" not in cues.columns:
        cues["post_hoc"] = "no"
    if "change" not in cues.columns:
        cues["change"] = ""
    cues = cues[["term", "category", "inflect", "post_hoc", "rationale", "change"]].copy()
    cues["post_hoc"] = cues["post_hoc"].str.strip().str.lower().replace("", "no")
    cues["term"] = cues["term"].str.strip().str.lower()
    cues["category"] = cues["category"].str.strip().str.lower()
    cues["inflect"] = cues["inflect"].str.strip().str.lower().replace("", "yes")
    cues["source_file"] = path.name
    bad = sorted(set(cues["category"]) - set(CATEGORIES))
    if bad:
        raise ValueError(f"{path}: unknown categories {bad}; use one of {list(CATEGORIES)}")
    bad_inflect = sorted(set(cues["inflect"]) - {"yes", "no", "true", "false"})
    if bad_inflect:
        raise ValueError(f"{path}: inflect must be yes or no, not {bad_inflect}")
    if (cues["term"] == "").any():
        raise ValueError(f"{path}: a row has an empty term")
    return cues


def load_cues(path: str | Path = CUES_CSV, extra: Iterable[str | Path] = ()) -> Lexicon:
    """Read the cue lexicon (plus optional extra files, e.g. a story's additions) and compile it.

    A term may appear only once: the same term in two categories is an error,
    because a cue must mean one thing.
    """
    frames = [_read_cues(Path(path))] + [_read_cues(Path(p)) for p in extra]
    return build_lexicon(pd.concat(frames, ignore_index=True))


def build_lexicon(rows: pd.DataFrame) -> Lexicon:
    """Compile a cue table (columns term, category, inflect[, rationale, source_file]).

    Use it to try an edited lexicon without writing a file: take
    ``lexicon.rows``, add or drop rows, and build again.
    """
    rows = rows.copy()
    rows["term"] = rows["term"].str.strip().str.lower()
    rows["category"] = rows["category"].str.strip().str.lower()
    if "inflect" not in rows:
        rows["inflect"] = "yes"
    rows["inflect"] = rows["inflect"].fillna("yes").astype(str).str.strip().str.lower().replace("", "yes")
    for col in ("rationale", "source_file", "change"):
        if col not in rows:
            rows[col] = ""
    if "post_hoc" not in rows:
        rows["post_hoc"] = "no"
    rows["post_hoc"] = rows["post_hoc"].fillna("no").astype(str).str.strip().str.lower().replace("", "no")
    bad = sorted(set(rows["category"]) - set(CATEGORIES))
    if bad:
        raise ValueError(f"unknown categories {bad}; use one of {list(CATEGORIES)}")
    dup = rows[rows["term"].duplicated(keep=False)]
    if not dup.empty:
        listing = "; ".join(f"{r.term!r} ({r.category}, {r.source_file})" for r in dup.itertuples())
        raise ValueError(f"cue terms listed more than once: {listing}")
    patterns = tuple((compile_term(r.term, r.inflect in ("yes", "true")), r.term, r.category)
                     for r in rows.itertuples())
    adjectives = frozenset(rows.loc[(rows["category"] == "hype") & rows["inflect"].isin(["no", "false"]), "term"])
    return Lexicon(rows.reset_index(drop=True), patterns, adjectives)


def without_post_hoc(lexicon: Lexicon) -> Lexicon:
    """The lexicon without rows marked ``post_hoc = yes`` (the method as first written)."""
    return build_lexicon(lexicon.rows[lexicon.rows["post_hoc"].isin(["no", "false"])])


def extra_cue_paths(story_dir: str | Path | None) -> list[Path]:
    """``[story_dir/framing_cues_extra.csv]`` if that file exists, else ``[]``."""
    if story_dir is None:
        return []
    p = Path(story_dir) / EXTRA_CUES_NAME
    return [p] if p.exists() else []


@lru_cache(maxsize=4)
def _default_lexicon() -> Lexicon:
    return load_cues()


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


_BOUNDARY = re.compile(r"[,;:()?!\"“”\[\]]|—|\s[–-]\s|\b(?:but|while|although|though|yet|however|whereas)\b",
                       re.IGNORECASE)


def quote_spans(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """Character spans of relayed quotations: “…” or "…" holding at least ``min_words`` words.

    An opening quote that is never closed runs to the end of the sentence
    (a quotation continued in the next sentence).
    """
    spans = []
    for pattern in (r"“[^”]*(?:”|$)", r'"[^"]*(?:"|$)'):
        for m in re.finditer(pattern, text):
            if len(word_tokens(m.group())) >= min_words:
                spans.append((m.start(), m.end()))
    return sorted(spans)


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
    found = []
    for rx, term, category in lexicon.patterns:
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), term, category))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], order[c[3]], c[2]))
    accepted: list[tuple[int, int, str, str]] = []
    for cand in found:
        if all(cand[1] <= a[0] or cand[0] >= a[1] for a in accepted):
            accepted.append(cand)
    accepted.sort()
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
    attribution_csv: str | Path = ATTRIBUTION_CSV,
    speech_verbs_csv: str | Path = SPEECH_VERBS_CSV,
) -> pd.DataFrame:
    """Frame, cues and attribution for every body sentence: the ``framing_sentences`` table."""
    body = body_sentences(sentences)
    scored = pd.DataFrame([score_sentence(t, lexicon) for t in body["text"]])
    attributed = attribute_sentences(body[["text"]], attribution_csv=attribution_csv,
                                     speech_verbs_csv=speech_verbs_csv)
    out = pd.concat([body[["sentence_id", "article_id", "position", "text"]].reset_index(drop=True),
                     scored, attributed[["attribution", "attribution_source", "attribution_cue"]]
                     .reset_index(drop=True)], axis=1)
    out["n_tokens"] = [len(word_tokens(t)) for t in out["text"]]
    return out[SENTENCE_COLUMNS]


def article_table(scored: pd.DataFrame, articles: pd.DataFrame, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The ``framing_articles`` table: index with bootstrap interval, cue rates, sourcing profile."""
    rows = []
    meta = articles.set_index("article_id")
    for article_id, part in scored.groupby("article_id", sort=True):
        values = part["frame"].map(FRAME_VALUE).to_numpy(dtype=float)
        values_q = part["frame_incl_quotes"].map(FRAME_VALUE).to_numpy(dtype=float)
        est, low, high = bootstrap_ci(values, seed=seed)
        est_q, low_q, high_q = bootstrap_ci(values_q, seed=seed)
        n_tok = int(part["n_tokens"].sum())
        per_k = 1000.0 / n_tok if n_tok else float("nan")
        n = len(part)
        row = {
            "article_id": article_id,
            "article_label": meta.loc[article_id, "label"] if article_id in meta.index else article_id,
            "kind": meta.loc[article_id, "kind"] if article_id in meta.index and "kind" in meta else "",
            "n_sentences": n,
            "n_tokens": n_tok,
            "hype_index": est, "ci_low": low, "ci_high": high,
            "n_hype_sentences": int((part["frame"] == "hype").sum()),
            "n_skeptical_sentences": int((part["frame"] == "skeptical").sum()),
            "n_neutral_sentences": int((part["frame"] == "neutral").sum()),
            "hype_index_incl_quotes": est_q, "ci_low_incl_quotes": low_q, "ci_high_incl_quotes": high_q,
        }
        for cat in SCORED_CATEGORIES:
            row[f"rate_{cat}"] = part[f"n_{cat}"].sum() * per_k
        row["rate_quoted_hype"] = part["n_quoted_hype"].sum() * per_k
        row["rate_vague_attribution"] = (part["attribution"] == "vague").sum() * per_k
        row["rate_named_attribution"] = (part["attribution"] == "named").sum() * per_k
        for kind in ATTRIBUTION_TYPES:
            row[f"share_{kind}"] = (part["attribution"] == kind).sum() / n
        rows.append(row)
    return pd.DataFrame(rows)


def top_evidence(scored: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The ``n`` strongest hype and ``n`` strongest skeptical sentences of each article.

    Strength is the net score (ties: earlier sentence first). Columns:
    article_id, side, sentence_id, net_score, cues, text.
    """
    rows = []
    for article_id, part in scored.groupby("article_id", sort=True):
        for side, asc in (("hype", False), ("skeptical", True)):
            pick = part[part["frame"] == side].sort_values(["net_score", "position"], ascending=[asc, True]).head(n)
            for r in pick.itertuples():
                cues = r.hype_cues + (" + " + r.boosters if r.boosters else "") if side == "hype" else \
                    r.skeptic_cues + (" + " + r.hedges if r.hedges else "")
                rows.append({"article_id": article_id, "side": side, "sentence_id": r.sentence_id,
                             "net_score": r.net_score, "cues": cues, "text": r.text})
    return pd.DataFrame(rows, columns=["article_id", "side", "sentence_id", "net_score", "cues", "text"])


# --------------------------------------------------------------------------
# Keyness: Monroe, Colaresi & Quinn (2008)
# --------------------------------------------------------------------------

def keyness_tokens(text: str) -> list[str]:
    """Lower-cased word tokens with possessive 's removed; tokens without a letter are dropped."""
    out = []
    for tok in word_tokens(normalise(text)):
        tok = re.sub(r"'s$", "", tok.lower())
        if any(ch.isalpha() for ch in tok):
            out.append(tok)
    return out


def log_odds_dirichlet(y_i: pd.Series, y_j: pd.Series, alpha: pd.Series) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eqs. 16 and 20).

    ``y_i`` and ``y_j`` are word counts in the two groups, ``alpha`` the prior
    pseudo-counts, all indexed by word (missing counts are 0). With
    ``n = sum(y)`` and ``a0 = sum(alpha)``::

        delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
                - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
        var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z_w     = delta_w / sqrt(var_w)

    Positive z: the word is more typical of group i. Returns columns
    ``word, count, count_rest, delta, se, z``.
    """
    words = alpha.index.union(y_i.index).union(y_j.index)
    a = alpha.reindex(words, fill_value=0.0).astype(float)
    yi = y_i.reindex(words, fill_value=0).astype(float)
    yj = y_j.reindex(words, fill_value=0).astype(float)
    if (a <= 0).any():
        raise ValueError("every word needs a positive prior count")
    n_i, n_j, a0 = yi.sum(), yj.sum(), a.sum()
    delta = np.log((yi + a) / (n_i + a0 - yi - a)) - np.log((yj + a) / (n_j + a0 - yj - a))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    return pd.DataFrame({"word": words, "count": yi.astype(int).to_numpy(),
                         "count_rest": yj.astype(int).to_numpy(), "delta": delta.to_numpy(),
                         "se": np.sqrt(var).to_numpy(), "z": (delta / np.sqrt(var)).to_numpy()})


def keyness(sentences: pd.DataFrame, by: str, prior_total: float | None = None,
            comparison: str | None = None) -> pd.DataFrame:
    """Each value of column ``by`` against all other rows, by :func:`log_odds_dirichlet`.

    The prior is the whole corpus's word distribution scaled to
    ``prior_total`` pseudo-counts (a0); the default ``None`` uses the corpus
    token count, i.e. a_w is the word's corpus count. Rows are sorted by
    target, then z descending, then word. ``is_stopword`` marks scikit-learn's
    English stop words (kept in the table, hidden in figures).
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts = {key: Counter(tok for t in part["text"] for tok in keyness_tokens(t))
              for key, part in sentences.groupby(by, sort=True)}
    total = sum(counts.values(), Counter())
    corpus = pd.Series(total, dtype=float).sort_index()
    a0 = float(corpus.sum()) if prior_total is None else float(prior_total)
    alpha = corpus / corpus.sum() * a0
    frames = []
    for key, c in counts.items():
        rest = total - c
        res = log_odds_dirichlet(pd.Series(c, dtype=float), pd.Series(rest, dtype=float), alpha)
        res.insert(0, "target", key)
        res.insert(0, "comparison", comparison or by)
        n_i, n_j = sum(c.values()), sum(rest.values())
        res["rate"] = res["count"] / n_i * 1000 if n_i else np.nan
        res["rate_rest"] = res["count_rest"] / n_j * 1000 if n_j else np.nan
        res["prior"] = alpha.reindex(res["word"]).to_numpy()
        frames.append(res)
    out = pd.concat(frames, ignore_index=True)
    out["is_stopword"] = out["word"].isin(ENGLISH_STOP_WORDS)
    out = out.sort_values(["comparison", "target", "z", "word"], ascending=[True, True, False, True])
    return out.reset_index(drop=True)


def top_keywords(keyed: pd.DataFrame, n: int = 8, min_count: int = 2) -> pd.DataFrame:
    """The ``n`` highest-z content words per target (no stop words, at least ``min_count`` uses)."""
    ok = keyed[~keyed["is_stopword"] & (keyed["count"] >= min_count)]
    return ok.groupby(["comparison", "target"], sort=True).head(n).reset_index(drop=True)


# --------------------------------------------------------------------------
# Concordance
# --------------------------------------------------------------------------

def kwic(sentences: pd.DataFrame, term: str, window: int = 6, inflect: bool = True) -> pd.DataFrame:
    """Keyword in context: every match of ``term`` (matched like a cue) with ``window`` words each side.

    Columns: sentence_id, article_id, left, keyword, right (in article and
    sentence order). Phrases, inflections and hyphen variants work as in the
    lexicon, so any cue can be read in its sentences.
    """
    rx = compile_term(term, inflect)
    rows = []
    for r in sentences.sort_values(["article_id", "position"]).itertuples():
        norm = normalise(r.text)
        for m in rx.finditer(norm):
            left = word_tokens(r.text[: m.start()])[-window:] if window else []
            right = word_tokens(r.text[m.end():])[:window] if window else []
            rows.append({"sentence_id": r.sentence_id, "article_id": r.article_id,
                         "left": " ".join(left), "keyword": r.text[m.start():m.end()],
                         "right": " ".join(right)})
    return pd.DataFrame(rows, columns=["sentence_id", "article_id", "left", "keyword", "right"])


# --------------------------------------------------------------------------
# Validation against hand coding
# --------------------------------------------------------------------------

def load_annotations(annotations_dir: str | Path, scored: pd.DataFrame) -> pd.DataFrame | None:
    """Hand-coded frames and attributions joined to ``scored``, or ``None`` if the file is absent.

    Raises ``ValueError`` naming the file when its sentence text differs from
    the sentence table (stale annotations), when it names sentences that do not
    exist, or when a label is not one of the known values
    (:func:`analysis.annotations.read_annotations`).
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


def validate(merged: pd.DataFrame) -> dict:
    """Agreement of the method with the hand codes, for frame (writer's words and with quotes) and attribution.

    Returns ``{"summary": DataFrame(scheme, n, accuracy, macro_f1, kappa), scheme: agreement dict, ...}``.
    """
    schemes = {
        "frame": ("frame_hand", "frame", FRAMES),
        "frame_incl_quotes": ("frame_hand", "frame_incl_quotes", FRAMES),
        "attribution": ("attribution_hand", "attribution", ATTRIBUTION_TYPES),
    }
    out, rows = {}, []
    for name, (gold, pred, labels) in schemes.items():
        res = agreement(merged[gold], merged[pred], labels)
        out[name] = res
        rows.append({"scheme": name, "n": res["n"], "accuracy": res["accuracy"],
                     "macro_f1": res["macro_f1"], "kappa": res["kappa"]})
    out["summary"] = pd.DataFrame(rows)
    return out


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



# --------------------------------------------------------------------------
# Figures: each returns (figure, the data it shows)
# --------------------------------------------------------------------------

def plot_index(table: pd.DataFrame):
    """Hype–skepticism index per article with its 95% interval (writer's words; quotes counted as a ring)."""
    import matplotlib.pyplot as plt

    data = table.sort_values("hype_index")[["article_id", "article_label", "n_sentences", "hype_index",
                                            "ci_low", "ci_high", "hype_index_incl_quotes"]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.7 * len(data) + 1.4))
    y = np.arange(len(data))
    ax.errorbar(data["hype_index"], y, xerr=[data["hype_index"] - data["ci_low"], data["ci_high"] - data["hype_index"]],
                fmt="o", color="black", ecolor="grey", capsize=4, label="writer's own words (95% bootstrap CI)")
    ax.scatter(data["hype_index_incl_quotes"], y, facecolors="none", edgecolors="tab:red", s=70, zorder=3,
               label="if relayed quotes counted")
    ax.axvline(0, color="lightgrey", lw=1, zorder=0)
    ax.set_yticks(y, [f"{lab} (n={n})" for lab, n in zip(data["article_label"], data["n_sentences"])])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("hype–skepticism index: mean of +1 hype / −1 skeptical / 0 neutral sentences")
    ax.set_title("Where each article sits: selling (right) or questioning (left) its subject")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_rates(table: pd.DataFrame):
    """Cue rates per 1,000 tokens by category, one group of bars per article."""
    import matplotlib.pyplot as plt

    cols = ["rate_hype", "rate_booster", "rate_skeptic", "rate_hedge", "rate_investor"]
    data = table.sort_values("article_id")[["article_id", "article_label"] + cols].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 3.8))
    width = 0.8 / len(data)
    x = np.arange(len(cols))
    for i, row in data.iterrows():
        ax.bar(x + i * width - 0.4 + width / 2, [row[c] for c in cols], width, label=row["article_label"])
    ax.set_xticks(x, [c.removeprefix("rate_") for c in cols])
    ax.set_ylabel("cues per 1,000 tokens")
    ax.set_title("How often each kind of cue occurs (writer's own words)")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_sourcing(table: pd.DataFrame):
    """Share of body sentences with named, vague and no attribution, per article."""
    import matplotlib.pyplot as plt

    cols = ["share_named", "share_vague", "share_none"]
    data = table.sort_values("article_id")[["article_id", "article_label", "n_sentences"] + cols].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(data) + 1.3))
    left = np.zeros(len(data))
    colors = {"share_named": "tab:blue", "share_vague": "tab:orange", "share_none": "lightgrey"}
    for c in cols:
        ax.barh(data["article_label"], data[c], left=left, color=colors[c], label=c.removeprefix("share_"))
        left += data[c].to_numpy()
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of body sentences")
    ax.set_title("Who says so? Attribution of each sentence")
    ax.legend(ncols=3, fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.3))
    fig.tight_layout()
    return fig, data


def plot_keyness(top: pd.DataFrame, labels: dict[str, str] | None = None, ncols: int = 2):
    """Horizontal bars of z-scores for the top words of each target (from :func:`top_keywords`)."""
    import matplotlib.pyplot as plt

    labels = labels or {}
    targets = list(dict.fromkeys(top["target"]))
    nrows = math.ceil(len(targets) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 2.6 * nrows), squeeze=False)
    for ax, target in zip(axes.flat, targets):
        part = top[top["target"] == target].iloc[::-1]
        ax.barh(part["word"], part["z"], color="tab:purple")
        ax.axvline(1.96, color="grey", lw=0.8, ls="--")
        ax.set_title(labels.get(target, str(target)), fontsize=9)
        ax.tick_params(labelsize=8)
        ax.set_xlabel("z (log-odds, Dirichlet prior)", fontsize=8)
    for ax in list(axes.flat)[len(targets):]:
        ax.axis("off")
    fig.suptitle("Words most typical of each text compared with the rest (dashed: z = 1.96)", fontsize=10)
    fig.tight_layout()
    return fig, top.reset_index(drop=True)

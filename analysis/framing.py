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

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import config
from .attribution import ATTRIBUTION_TYPES, attribute_sentences
from .ingest import body_sentences
from .spans import non_overlapping
from .stats import DEFAULT_SEED, bootstrap_ci
from .text import MIN_QUOTE_WORDS, AnchorIndex, fold_for_prefilter, inflections, quote_spans, word_tokens  # noqa: F401
from .validation import agreement_table, read_annotations

CUES_CSV = config.FRAMING_CUES_CSV
EXTRA_CUES_NAME = config.FRAMING_CUES_EXTRA  # optional, in the story folder
ANNOTATIONS_NAME = config.FRAMING_LABELS

SCORED_CATEGORIES = ("hype", "investor", "skeptic", "hedge", "booster")
CONTROL_CATEGORIES = ("negator", "negation_exempt", "remedy", "aim", "kind_noun", "open_question")
CATEGORIES = SCORED_CATEGORIES + CONTROL_CATEGORIES
FRAMES = ("hype", "skeptical", "neutral")
FRAME_VALUE = {"hype": 1, "skeptical": -1, "neutral": 0}

NEGATION_WINDOW = 3  # at most this many words between a negator (remedy, aim) and the cue

# Output column for each category's cues in the sentence table.
CUE_COLUMNS = {"hype": "hype_cues", "investor": "investor_cues", "skeptic": "skeptic_cues",
               "hedge": "hedges", "booster": "boosters"}



def load_grammar(path: str | Path = config.FRAMING_GRAMMAR_CSV) -> dict[str, list[str]]:
    """The framing rules' word lists (word, role, rationale), by role, in file order.

    ``function_word``: never inflected inside a phrase ("not disclose" must not
    match "nots disclose"); ``clause_boundary``: a conjunction that ends the
    scope of a negator, remedy or aim cue (with punctuation and dashes).
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    bad = sorted(set(df["role"]) - {"function_word", "clause_boundary"})
    if bad:
        raise ValueError(f"{path}: unknown roles {bad}; use function_word or clause_boundary")
    return {role: [w.strip().lower() for w in df.loc[df["role"] == role, "word"]]
            for role in ("function_word", "clause_boundary")}


_GRAMMAR = load_grammar()
_FUNCTION_WORDS = frozenset(_GRAMMAR["function_word"])

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
        alternatives = [re.escape(f) for f in inflections(core)]
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


def _word_anchor(word: str, inflect: bool) -> str:
    """Text that every match of one word of a term contains (see :func:`term_anchor`)."""
    if word in ("<num>", "*"):
        return ""
    pieces = word.split("-")
    if len(pieces) > 1:  # each piece is matched, with or without a separator
        return max((_word_anchor(p, inflect and i == len(pieces) - 1) for i, p in enumerate(pieces)), key=len)
    core = word.strip("*")
    if word != core or not inflect or core in _FUNCTION_WORDS:
        return core
    return core[:-1]  # every regular inflection keeps all but the last letter (rely -> relied)


def term_anchor(term: str, inflect: bool = True) -> str:
    """The longest piece of lower-case ASCII text that every match of ``term`` contains, or "".

    A sentence without it (after :func:`analysis.text.fold_for_prefilter`)
    cannot match the term, so :func:`find_cues` skips the term's regex there.
    "" (no such text: "<num>", "*", a non-ASCII word) means the regex always runs.
    """
    if term.strip() == QUESTION_TERM:
        return "?"  # the question-mark rule: only sentences holding a "?" can match
    words = normalise(term).strip().lower().split()
    anchors = [a for a in (_word_anchor(w, inflect) for w in words) if a.isascii()]
    return max(anchors, key=len, default="")


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
    """Compiled cues: ``rows`` is the table, ``patterns`` a tuple of (regex, term, category).

    ``index`` holds the patterns by :func:`term_anchor`: the lookup that lets
    :func:`find_cues` try only the terms whose words occur in a sentence.
    """

    rows: pd.DataFrame
    patterns: tuple
    adjectives: frozenset = frozenset()  # hype terms listed with inflect = no (the kind-noun rule applies to them)
    index: AnchorIndex | None = None

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
    patterns, anchors = [], []
    for r in rows.itertuples():
        inflect = r.inflect in ("yes", "true")
        patterns.append((compile_term(r.term, inflect), r.term, r.category))
        anchors.append(term_anchor(r.term, inflect))
    adjectives = frozenset(rows.loc[(rows["category"] == "hype") & rows["inflect"].isin(["no", "false"]), "term"])
    return Lexicon(rows.reset_index(drop=True), tuple(patterns), adjectives=adjectives,
                   index=AnchorIndex(zip(anchors, patterns)))


def without_post_hoc(lexicon: Lexicon) -> Lexicon:
    """The lexicon without rows marked ``post_hoc = yes`` (the method as first written)."""
    return build_lexicon(lexicon.rows[lexicon.rows["post_hoc"].isin(["no", "false"])])


def extra_cue_paths(story_dir: str | Path | None) -> list[Path]:
    """``[story_dir/framing_cues_extra.csv]`` if that file exists, else ``[]``."""
    if story_dir is None:
        return []
    p = Path(story_dir) / EXTRA_CUES_NAME
    return [p] if p.exists() else []


def _default_lexicon() -> Lexicon:
    """The shipped cue list, compiled once per version of the file (an edited file is read again)."""
    return _lexicon_at(str(CUES_CSV), os.stat(CUES_CSV).st_mtime_ns)


@lru_cache(maxsize=4)
def _lexicon_at(path: str, _mtime_ns: int) -> Lexicon:
    return load_cues(path)


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

"""Who says so? Attribution of a sentence: named, vague or none.

Shared by the framing notebook (sourcing profiles) and the claims notebook
(how each claim is sourced). The rules, in order:

1. **named**: a named party is the source: "according to CNBC", a
   capitalised name followed by a reporting verb ("Sam Altman has projected",
   "Young Liu described"), or a named document ("OpenAI's statement",
   "the official announcement"; rows of category ``named`` in the lexicon),
   or a definite reference to a party already identified in the article
   followed by a reporting verb ("The companies framed the move as ...",
   "the agreement emphasizes ...").
2. **vague**: the source is gestured at but not identified: "according to
   reports", "data shows", "analysts", "critics" (rows of category ``vague``).
3. **none**: no attribution: the writer's own assertion.

A sentence with both a named and a vague source counts as named. The
lexicons are editable: ``data/lexicons/attribution.csv`` (source phrases,
plus the ``not_a_source`` words stripped from a would-be name and the
``definite_party`` nouns of rule 1) and ``data/lexicons/speech_verbs.csv``
(``past_forms_only`` marks verbs whose bare form is a common noun, such as
"projects", so only "projected" counts; ``irregular_forms`` lists "said" and
the like). Verb forms come from :func:`analysis.text.inflections`, the same
rule the framing cues use.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import config
from .text import AnchorIndex, fold_for_prefilter, inflections

ATTRIBUTION_CSV = config.ATTRIBUTION_CSV
SPEECH_VERBS_CSV = config.SPEECH_VERBS_CSV
ATTRIBUTION_TYPES = ("named", "vague", "none")

#: categories of ``attribution.csv``: source phrases, then the two helper lists
#: (capitalised words that open sentences or name generic things, not sources;
#: definite descriptions, "the companies", that point back to a named party)
SOURCE_CATEGORIES = ("named", "vague")
CATEGORIES = SOURCE_CATEGORIES + ("not_a_source", "definite_party")


@dataclass(frozen=True)
class Attribution:
    """The attribution of one sentence: its type, the source text, and the cue that decided."""

    type: str
    source: str = ""
    cue: str = ""


def compile_rules(attribution_csv: str | Path | None = None, speech_verbs_csv: str | Path | None = None):
    """The compiled rules for these lexicon files, rebuilt when a file changes (path and mtime are the key)."""
    a, v = str(attribution_csv or ATTRIBUTION_CSV), str(speech_verbs_csv or SPEECH_VERBS_CSV)
    return _load(a, v, os.stat(a).st_mtime_ns, os.stat(v).st_mtime_ns)


@lru_cache(maxsize=8)
def _load(attribution_csv: str, verbs_csv: str, *_mtimes):
    lex = pd.read_csv(attribution_csv, dtype=str, keep_default_na=False)
    verbs = pd.read_csv(verbs_csv, dtype=str, keep_default_na=False)
    bad = set(lex["category"]) - set(CATEGORIES)
    if bad:
        raise ValueError(f"{attribution_csv}: unknown categories {sorted(bad)} (use {', '.join(CATEGORIES)})")
    irregular = verbs["irregular_forms"] if "irregular_forms" in verbs.columns else [""] * len(verbs)
    forms = sorted({f for v, past, irr in zip(verbs["verb"], verbs["past_forms_only"], irregular)
                    for f in inflections(v.strip().lower(), past_only=past.strip().lower() == "true",
                                         irregular=[x.strip().lower() for x in irr.split("|") if x.strip()])},
                   key=len, reverse=True)
    listed = lambda category: [t.strip() for t in lex.loc[lex["category"] == category, "term"]]  # noqa: E731
    not_a_source = frozenset(listed("not_a_source"))
    definite = listed("definite_party")
    verb_re = "|".join(map(re.escape, forms))
    name = r"(?:[A-Z][\w’'.&-]*)(?:\s+(?:[A-Z][\w’'.&-]*|of|de|van|von|and\s+[A-Z][\w’'.&-]*))*"
    patterns = {
        "according": re.compile(r"\b(?i:according to)\s+(?:the\s+)?(" + name + r")"),
        "speaker": re.compile(
            r"(?<![\w’'])(" + name + r")(?:’s|'s)?\s+(?:has\s+|have\s+|had\s+|was\s+|is\s+)?"
            r"(?:also\s+|publicly\s+|repeatedly\s+|previously\s+)?(?:" + verb_re + r")\b"
        ),
    }
    patterns["definite"] = re.compile(
        r"\b(?i:the|both)\s+(?:two\s+)?(" + "|".join(map(re.escape, definite)) + r")\s+"
        r"(?:has\s+|have\s+|had\s+)?(?:also\s+|publicly\s+|repeatedly\s+|previously\s+)?(?:" + verb_re + r")\b"
    )
    terms = [(row.term.lower(), row.category) for row in lex.itertuples() if row.category in SOURCE_CATEGORIES]
    # each term with the lower-case text a match must contain ("" for a non-ASCII term: always tried)
    term_res = AnchorIndex((t if t.isascii() else "", (re.compile(r"\b" + re.escape(t) + r"\b", re.IGNORECASE), t, c))
                           for t, c in terms)
    # The speaker and definite rules end in a verb form after whitespace and before a non-word
    # character, so a sentence can match them only if a form is one of its runs of lower-case letters.
    verbs = frozenset(forms) if all(_LOWER_RUN.fullmatch(f) for f in forms) else None
    return patterns, term_res, not_a_source, verbs


_LOWER_RUN = re.compile(r"[a-z]+")


def _clean_name(name: str, not_a_source: frozenset) -> str | None:
    words = name.split()
    while words and words[0] in not_a_source:
        words = words[1:]
    cleaned = " ".join(words).strip(" .,")
    return cleaned or None


def classify_attribution(
    sentence: str,
    attribution_csv: str | Path | None = None,
    speech_verbs_csv: str | Path | None = None,
    *,
    rules=None,
) -> Attribution:
    """Classify one sentence as named, vague or none (see the module's rules).

    The lexicons default to :data:`ATTRIBUTION_CSV` and :data:`SPEECH_VERBS_CSV`
    (read when called, so tests can point them at fixture lexicons). ``rules``
    from :func:`compile_rules` skips that lookup when classifying many sentences.
    """
    return _classify(sentence, rules or compile_rules(attribution_csv, speech_verbs_csv))


def _classify(sentence: str, compiled) -> Attribution:
    patterns, term_res, not_a_source, verbs = compiled
    folded = fold_for_prefilter(sentence)
    m = patterns["according"].search(sentence) if "according to" in folded else None
    if m:
        source = _clean_name(m.group(1), not_a_source)
        if source:
            return Attribution("named", source, m.group(0))
    if verbs is None or not verbs.isdisjoint(_LOWER_RUN.findall(sentence)):
        for m in patterns["speaker"].finditer(sentence):
            source = _clean_name(m.group(1), not_a_source)
            if source:
                return Attribution("named", source, m.group(0))
        m = patterns["definite"].search(sentence)
        if m:
            return Attribution("named", "the " + m.group(1).lower(), m.group(0))
    term_res = term_res.candidates(folded)  # the others cannot match
    named_terms = [(rx, t) for rx, t, c in term_res if c == "named"]
    for rx, term in named_terms:
        hit = rx.search(sentence)
        if hit:
            # name the party owning a document where the sentence says so ("OpenAI's statement")
            owner = re.search(r"([A-Z][\w&-]*)(?:’s|'s)\s+(?:own\s+)?" + re.escape(term), sentence)
            return Attribution("named", owner.group(1) + "’s " + term if owner else term, hit.group(0))
    for rx, term, category in term_res:
        if category != "vague":
            continue
        hit = rx.search(sentence)
        if hit:
            return Attribution("vague", term, hit.group(0))
    return Attribution("none")


def attribute_sentences(sentences: pd.DataFrame, text_column: str = "text", **paths) -> pd.DataFrame:
    """Add ``attribution``, ``attribution_source`` and ``attribution_cue`` columns to a sentence table."""
    compiled = compile_rules(paths.get("attribution_csv"), paths.get("speech_verbs_csv"))
    results = [_classify(t, compiled) for t in sentences[text_column]]
    out = sentences.copy()
    out["attribution"] = [r.type for r in results]
    out["attribution_source"] = [r.source for r in results]
    out["attribution_cue"] = [r.cue for r in results]
    return out

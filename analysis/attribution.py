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
lexicons are editable: ``data/lexicons/attribution.csv`` and
``data/lexicons/speech_verbs.csv`` (``past_forms_only`` marks verbs whose
bare form is a common noun, such as "projects", so only "projected" counts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import config

ATTRIBUTION_CSV = config.LEXICONS_DIR / "attribution.csv"
SPEECH_VERBS_CSV = config.LEXICONS_DIR / "speech_verbs.csv"
ATTRIBUTION_TYPES = ("named", "vague", "none")

# Capitalised words that open sentences or name generic things, not sources.
_NOT_A_SOURCE = {
    "The", "This", "That", "These", "Those", "It", "Its", "They", "He", "She", "We", "I", "A", "An",
    "As", "While", "But", "And", "If", "In", "On", "For", "Still", "Meanwhile", "However", "Instead",
    "Under", "By", "With", "Beyond", "Together", "Their", "Our", "Your", "What", "Whether", "When",
    "Reports", "Data", "Research", "Analysts", "Critics", "Skeptics", "Experts", "Sources", "Observers",
}


# Definite descriptions that point back to a party or document the article has named
# ("the companies framed ..."): identifiable, so they count as named.
_DEFINITE_PARTIES = ("companies", "company", "firms", "firm", "partners", "agreement", "deal")


@dataclass(frozen=True)
class Attribution:
    """The attribution of one sentence: its type, the source text, and the cue that decided."""

    type: str
    source: str = ""
    cue: str = ""


def _verb_forms(verb: str, past_only: bool = False) -> list[str]:
    """Inflected forms of a reporting verb; only -ed/-ing ones when the bare form is a common noun."""
    forms = {verb + "ed", verb + "d", verb + "ing"} if past_only else {verb, verb + "s", verb + "ed", verb + "d", verb + "ing"}
    if verb.endswith("e"):
        forms |= {verb[:-1] + "ing", verb + "d"}
    irregular = {"say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "speak": ["spoke", "spoken"]}
    forms |= set(irregular.get(verb, []))
    if verb.endswith("y") and verb != "say":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=8)
def _load(attribution_csv: str, verbs_csv: str):
    lex = pd.read_csv(attribution_csv, dtype=str, keep_default_na=False)
    verbs = pd.read_csv(verbs_csv, dtype=str, keep_default_na=False)
    bad = set(lex["category"]) - {"named", "vague"}
    if bad:
        raise ValueError(f"{attribution_csv}: unknown categories {sorted(bad)} (use named or vague)")
    forms = sorted({f for v, past in zip(verbs["verb"], verbs["past_forms_only"])
                    for f in _verb_forms(v.strip().lower(), past.strip().lower() == "true")}, key=len, reverse=True)
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
        r"\b(?i:the|both)\s+(?:two\s+)?(" + "|".join(_DEFINITE_PARTIES) + r")\s+"
        r"(?:has\s+|have\s+|had\s+)?(?:also\s+|publicly\s+|repeatedly\s+|previously\s+)?(?:" + verb_re + r")\b"
    )
    terms = [(row.term.lower(), row.category) for row in lex.itertuples()]
    term_res = [(re.compile(r"\b" + re.escape(t) + r"\b", re.IGNORECASE), t, c) for t, c in terms]
    return patterns, term_res


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0] in _NOT_A_SOURCE:
        words = words[1:]
    cleaned = " ".join(words).strip(" .,")
    return cleaned or None


def classify_attribution(
    sentence: str,
    attribution_csv: str | Path = ATTRIBUTION_CSV,
    speech_verbs_csv: str | Path = SPEECH_VERBS_CSV,
) -> Attribution:
    """Classify one sentence as named, vague or none (see the module's rules)."""
    patterns, term_res = _load(str(attribution_csv), str(speech_verbs_csv))
    m = patterns["according"].search(sentence)
    if m:
        source = _clean_name(m.group(1))
        if source:
            return Attribution("named", source, m.group(0))
    for m in patterns["speaker"].finditer(sentence):
        source = _clean_name(m.group(1))
        if source:
            return Attribution("named", source, m.group(0))
    m = patterns["definite"].search(sentence)
    if m:
        return Attribution("named", "the " + m.group(1).lower(), m.group(0))
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
    results = [classify_attribution(t, **paths) for t in sentences[text_column]]
    out = sentences.copy()
    out["attribution"] = [r.type for r in results]
    out["attribution_source"] = [r.source for r in results]
    out["attribution_cue"] = [r.cue for r in results]
    return out

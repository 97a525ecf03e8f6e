"""The framing cue lexicon: reading, checking and compiling ``framing_cues.csv``.

Term syntax and matching rules are described in :mod:`analysis.framing`, which
matches the compiled :class:`Lexicon` against sentences. Kept apart so a reader
who edits the word lists finds in one place how a row becomes a pattern.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import config
from .text import AnchorIndex, inflections

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

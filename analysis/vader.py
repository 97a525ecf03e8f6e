"""VADER, sentence by sentence: the analyzer, text preparation, labels, and domain overrides.

Used by :mod:`analysis.sentiment`, which builds the tables and figures of notebook 02
on top of these scores (see its docstring for the method and the thresholds' source).
"""
from __future__ import annotations

import copy
import re
import functools
import string
from pathlib import Path
from typing import Mapping

import pandas as pd

POSITIVE_THRESHOLD = 0.05  # compound >= this is positive (VADER authors' documented value)
NEGATIVE_THRESHOLD = -0.05  # compound <= this is negative
LABELS = ("negative", "neutral", "positive")  # order used in every table and confusion matrix
OVERRIDE_COLUMNS = ["term", "vader_valence", "override_valence", "rationale"]
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": "", "\u201d": "", "\u201e": "", "\u201f": "", "\u2033": "", '"': "",
                         "(": " ", ")": " ", "[": " ", "]": " ", "{": " ", "}": " ",
                         "\u2014": " \u2014 ", "\u2013": " \u2013 "})
_OPENING_SINGLE = re.compile(r"(?<![\w'])'(?=\w)")
_WORD_ENTRY = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


# --------------------------------------------------------------------------
# The analyzer and single scores
# --------------------------------------------------------------------------

def make_analyzer():
    """NLTK's VADER analyzer, loaded from the project's offline NLTK data."""
    from nltk.sentiment import SentimentIntensityAnalyzer

    from .nltk_data import require_nltk_data

    require_nltk_data()
    return SentimentIntensityAnalyzer()


def prepare_text(text: str) -> str:
    """Make words findable for VADER's tokenizer (see the module docstring).

    Typographic apostrophes become ASCII ones; double quotes (straight or
    curly) are removed; brackets become spaces; em and en dashes get spaces
    around them; an opening single quote is removed ('hype' -> hype'),
    so VADER can strip the closing one. Hyphens inside words ("co-design")
    and apostrophes inside words ("don't") are kept.
    """
    return _OPENING_SINGLE.sub("", str(text).translate(_QUOTES))


def classify(compound: float, positive: float = POSITIVE_THRESHOLD, negative: float = NEGATIVE_THRESHOLD) -> str:
    """Label a compound score: ``positive`` (>= 0.05), ``negative`` (<= -0.05) or ``neutral``."""
    if compound >= positive:
        return "positive"
    if compound <= negative:
        return "negative"
    return "neutral"


def polarity_scores(text: str, analyzer) -> dict[str, float]:
    """VADER's ``neg, neu, pos, compound`` for one piece of text (after :func:`prepare_text`)."""
    return analyzer.polarity_scores(prepare_text(text))


_PUNCTUATION = string.punctuation


def _vader_words(text: str, constants) -> list[str]:
    """VADER's ``SentiText.words_and_emoticons`` of ``text``, computed in one pass.

    NLTK builds a dictionary of every (punctuation mark, word) pair to strip
    one mark from either end of a token; the same rule, applied to the token:
    a token keeps its text unless it is a mark from ``PUNC_LIST`` followed (or
    preceded) by a word of the punctuation-free text. Its tokens have no
    ASCII punctuation, so the mark is the token's whole leading (trailing) run.
    """
    words_only = {w for w in constants.REGEX_REMOVE_PUNCTUATION.sub("", text).split() if len(w) > 1}
    marks = constants.PUNC_LIST
    out = []
    for token in text.split():
        if len(token) <= 1:
            continue
        if token[0] in _PUNCTUATION:
            rest = token.lstrip(_PUNCTUATION)
            if rest in words_only and token[:len(token) - len(rest)] in marks:
                token = rest
        if token[-1] in _PUNCTUATION:
            rest = token.rstrip(_PUNCTUATION)
            if rest in words_only and token[len(rest):] in marks:
                token = rest
        out.append(token)
    return out


def _sentitext(text: str, analyzer):
    """NLTK's ``SentiText`` for ``text``, its tokens computed by :func:`_vader_words`."""
    from nltk.sentiment.vader import SentiText

    st = SentiText.__new__(SentiText)
    st.text = text
    st.PUNC_LIST = analyzer.constants.PUNC_LIST
    st.REGEX_REMOVE_PUNCTUATION = analyzer.constants.REGEX_REMOVE_PUNCTUATION
    st.words_and_emoticons = _vader_words(text, analyzer.constants)
    st.is_cap_diff = st.allcap_differential(st.words_and_emoticons)
    return st


def _scores_from_sentitext(analyzer, sentitext) -> dict[str, float]:
    """The rest of NLTK's ``SentimentIntensityAnalyzer.polarity_scores``, on a tokenized text.

    The same steps as NLTK 3.9+: look up each token's valence with the
    analyzer's own methods, apply the "but" rule, and score. Splitting the
    call lets one tokenizing serve the raw and the adjusted analyzer.
    """
    sentiments: list = []
    words = sentitext.words_and_emoticons
    first_index: dict[str, int] = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    boosters = analyzer.constants.BOOSTER_DICT
    last = len(words) - 1
    for item in words:
        i = first_index[item]
        low = item.lower()
        if (i < last and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = analyzer._but_check(words, sentiments)
    return analyzer.score_valence(sentiments, sentitext.text)


def changed_terms(analyzer, adjusted) -> frozenset[str]:
    """The lexicon entries whose valence differs between two analyzers (added, removed or changed)."""
    a, b = analyzer.lexicon, adjusted.lexicon
    return frozenset(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def polarity_pair(text: str, analyzer, adjusted, changed: frozenset[str] | None = None
                  ) -> tuple[dict[str, float], dict[str, float]]:
    """:func:`polarity_scores` of ``text`` under ``analyzer`` and under ``adjusted``, tokenizing once.

    VADER looks up only the sentence's own tokens (lower-cased) in its
    lexicon, so where none of them is among ``changed``
    (:func:`changed_terms`, computed here when not given) the two scores are
    the same and the second is not computed.
    """
    st = _sentitext(prepare_text(text), analyzer)
    raw = _scores_from_sentitext(analyzer, st)
    if adjusted is analyzer:
        return raw, raw
    changed = changed_terms(analyzer, adjusted) if changed is None else changed
    if not any(w.lower() in changed for w in st.words_and_emoticons):
        return raw, dict(raw)
    return raw, _scores_from_sentitext(adjusted, st)


def vader_tokens(text: str, analyzer) -> list[str]:
    """The lower-cased tokens VADER looks up for ``text`` (its own tokenizer, edge punctuation removed)."""
    return list(_lower_tokens(text, analyzer.constants))


@functools.lru_cache(maxsize=1 << 18)
def _lower_tokens(text: str, constants) -> tuple[str, ...]:
    """:func:`vader_tokens`, once per distinct text (notebook 02 reads every sentence several times);
    :func:`_vader_words` gives NLTK's ``SentiText`` tokens in one pass."""
    return tuple(w.lower() for w in _vader_words(prepare_text(text), constants))


# --------------------------------------------------------------------------
# Domain overrides
# --------------------------------------------------------------------------

def load_overrides(path: str | Path) -> pd.DataFrame:
    """Read the override table, or return an empty one if ``path`` does not exist.

    Columns: ``term`` (one token, matched case-insensitively as VADER does),
    ``vader_valence`` (the lexicon's value, for the reader; blank for a new
    term), ``override_valence`` (-4..4; 0 removes the term so VADER treats it
    as unknown), ``rationale``.
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype=float if "valence" in c else str) for c in OVERRIDE_COLUMNS})
    table = pd.read_csv(path, dtype={"term": str, "rationale": str}, keep_default_na=False, na_values=[""],
                        comment="#")
    missing = set(OVERRIDE_COLUMNS) - set(table.columns)
    if missing:
        raise ValueError(f"{path}: override table needs columns {sorted(missing)}")
    table = table[OVERRIDE_COLUMNS].copy()
    table["term"] = table["term"].str.strip().str.lower()
    if table["term"].str.contains(r"\s", regex=True).any() or (table["term"] == "").any():
        bad = table.loc[table["term"].str.contains(r"\s", regex=True) | (table["term"] == ""), "term"].tolist()
        raise ValueError(f"{path}: VADER looks up single tokens, so terms must be one word: {bad}")
    dupes = table.loc[table["term"].duplicated(), "term"].tolist()
    if dupes:
        raise ValueError(f"{path}: terms listed twice: {dupes}")
    for col in ("vader_valence", "override_valence"):
        table[col] = pd.to_numeric(table[col], errors="raise").astype(float)
    if table["override_valence"].isna().any() or (table["override_valence"].abs() > 4).any():
        raise ValueError(f"{path}: override_valence must be a number from -4 to 4 for every term")
    return table.sort_values("term", kind="stable").reset_index(drop=True)


def check_overrides(overrides: pd.DataFrame, analyzer, source: str = "override table") -> None:
    """Raise if a ``vader_valence`` in the table is not the analyzer's lexicon value.

    The column documents what is being overridden; a mismatch means the table
    was written for another lexicon version (or mistyped) and should be fixed.
    """
    problems = []
    for row in overrides.itertuples():
        actual = analyzer.lexicon.get(row.term)
        stated = None if pd.isna(row.vader_valence) else float(row.vader_valence)
        if actual is None and stated is not None:
            problems.append(f"{row.term!r}: table says {stated:g}, but the term is not in VADER's lexicon")
        elif actual is not None and (stated is None or abs(actual - stated) > 1e-9):
            problems.append(f"{row.term!r}: table says {stated}, VADER's lexicon says {actual:g}")
    if problems:
        raise ValueError(f"{source}: vader_valence does not match the lexicon: " + "; ".join(problems))


def with_overrides(analyzer, overrides: pd.DataFrame | Mapping[str, float]):
    """A new analyzer whose lexicon is a copy of ``analyzer``'s with the overrides applied.

    ``analyzer`` (and its lexicon dict) is left untouched. A valence of 0
    removes the term from the copy: VADER skips words it does not know, while
    a known word scored 0 would still pick up a booster's push ("very
    critical" would turn positive).
    """
    if isinstance(overrides, pd.DataFrame):
        overrides = dict(zip(overrides["term"], overrides["override_valence"]))
    lexicon = dict(analyzer.lexicon)
    for term, value in overrides.items():
        term = str(term).strip().lower()
        if float(value) == 0.0:
            lexicon.pop(term, None)
        else:
            lexicon[term] = float(value)
    adjusted = copy.copy(analyzer)  # shares only the read-only constants
    adjusted.lexicon = lexicon
    return adjusted

"""Claims: the checkable facts in each sentence, normalised, sourced and compared.

A *claim* is a span of a sentence that a fact-checker could look up: an amount
of money, a percentage, a date, a count with a unit, a place, a named
organisation, person or story term, or a direct quote. This module

1. **extracts** claims from sentences with regular expressions and editable
   word lists (:func:`extract_claims`);
2. **normalises** them: money to US dollars (``value``, and ``value_high`` for
   ranges), dates to ISO 8601 (``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` /
   ``--MM-DD`` when partial; relative dates such as "this week" get no ISO
   value), percentages and counts to numbers. The raw span is always kept, and
   a span that looks like a claim but does not parse ("$1.4.5 billion",
   "November 31") is kept with ``parsed = False`` and the ``problem``;
3. adds **context** from the sentence (:func:`claim_context`): attribution via
   :mod:`analysis.attribution` (named / vague / none), hedging (the nearest
   hedge cue: could, would, if approved, set to, aims to ...) and tense
   (``planned`` / ``done`` / ``unmarked``, from the nearest tense cue);
4. **groups** claims about the same thing: into the *slots* of an editable
   story file (:func:`assign_slots`), and the rest automatically by kind,
   value and sentence similarity (:func:`auto_group`);
5. **compares** each group across articles (:func:`compare_claims`, a pure
   function) and builds the slots x articles *claim matrix*
   (:func:`claim_matrix`).

Tense heuristic (documented because it decides "scheduled vs completed"): the
cue nearest to the claim in the sentence wins. Cues come from
``data/lexicons/claim_cues.csv``: future and modal forms (will, 'll, set to,
could, would, plans to, projected, approaches ...) mark ``planned``; past
forms of news verbs (announced, allocated, reduced ...), the present perfect
("has reduced") and the past passive ("was touted") mark ``done``. Rows are
tried in file order, and a later row's match that overlaps an earlier one is
dropped, so "has projected" is a forecast (planned), not a completed act.
No cue in the sentence gives ``unmarked``.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import itertools
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import config
from .annotations import read_annotations
from .attribution import classify_attribution

PLACES_CSV = config.LEXICONS_DIR / "places.csv"
CLAIM_CUES_CSV = config.LEXICONS_DIR / "claim_cues.csv"
GAZETTEER_CSV = config.STORY_DIR / "gazetteer.csv"
CLAIM_SLOTS_CSV = config.STORY_DIR / "claim_slots.csv"

KINDS = ("money", "percent", "date", "count", "place", "org", "person", "term", "quote")
NUMERIC_KINDS = ("money", "percent", "count")
SET_KINDS = ("place", "org", "person", "term")
#: kinds that make a row of the claim matrix when no slot claims them; places,
#: organisations, people and terms without a slot are *mentions*, counted apart
MATRIX_KINDS = ("money", "percent", "date", "count", "quote")

STATUS_AGREE = "agree"
STATUS_CONFLICT = "conflict"
STATUS_PRECISION = "differ in precision"
STATUS_SINGLE_SOURCED = "single source (sourced)"
STATUS_SINGLE_UNSOURCED = "single source (unsourced)"
STATUS_NOT_COMPARABLE = "not comparable"
STATUSES = (STATUS_CONFLICT, STATUS_PRECISION, STATUS_AGREE, STATUS_SINGLE_SOURCED,
            STATUS_SINGLE_UNSOURCED, STATUS_NOT_COMPARABLE)
STATUS_COLOURS = {
    STATUS_CONFLICT: "#f4b6b6",
    STATUS_PRECISION: "#ffe8a3",
    STATUS_AGREE: "#c8e6c0",
    STATUS_SINGLE_SOURCED: "#cfe0f3",
    STATUS_SINGLE_UNSOURCED: "#e4d2ec",
    STATUS_NOT_COMPARABLE: "#e0e0e0",
}

CLAIM_COLUMNS = [
    "claim_id", "article_id", "sentence_id", "kind", "raw", "start", "end", "value", "value_high",
    "unit", "precision", "qualifier", "display", "parsed", "problem", "speaker", "group_id",
    "group_origin", "attribution", "source", "hedged", "hedge_cue", "tense", "tense_cue",
]


# --------------------------------------------------------------------------
# The claim record
# --------------------------------------------------------------------------

@dataclass
class Claim:
    """One claim found in one sentence.

    ``value``/``value_high`` are numbers for money (USD), percent and count,
    an ISO string for dates, the canonical name for places, organisations,
    people and terms, and the quoted words for quotes. ``precision`` is one of
    exact, approximate, bound, range, vague (an order of magnitude), partial
    (a date missing its year, say), relative (a date like "this week") or
    unparsed.
    """

    kind: str
    raw: str
    start: int
    end: int
    value: float | str | None = None
    value_high: float | str | None = None
    unit: str = ""
    precision: str = "exact"
    qualifier: str = ""
    parsed: bool = True
    problem: str = ""
    speaker: str = ""

    @property
    def display(self) -> str:
        return format_value(self.kind, self.value, self.value_high, self.unit, self.precision,
                            self.raw, self.qualifier, self.speaker)


def _unparsed(kind: str, m_raw: str, start: int, end: int, problem: str, unit: str = "") -> Claim:
    return Claim(kind, m_raw, start, end, None, None, unit, "unparsed", "", False, problem)


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------

_NUM = r"\d(?:[\d.,]*\d)?"  # greedy on purpose: "1.4.5" is caught whole, then rejected
_VALID_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "t": 1e12,
}
_SCALE = r"(?:\s?-?(?:thousand|million|billion|trillion)s?(?![\w])|\s?(?:bn|mn|mln|tn)(?![\w])|(?:k|m|b|t)(?![\w]))"
_WORD_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12,
}
_APPROX = ("about", "around", "roughly", "nearly", "almost", "approximately", "some", "circa", "~")
_BOUNDS = ("more than", "over", "up to", "at least", "less than", "under", "as much as", "as little as",
           "at most", "upwards of")
_QUAL = r"(?P<qual>(?:" + "|".join(re.escape(q) for q in sorted(_APPROX + _BOUNDS, key=len, reverse=True)) + r")\s+)?"


def parse_number(text: str) -> float | None:
    """``"1,000"`` -> 1000.0, ``"1.4"`` -> 1.4; None for malformed numbers like ``"1.4.5"``."""
    text = text.strip()
    if not _VALID_NUM.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    w = word.strip().lstrip("-").strip().lower()
    w = w[:-1] if w.endswith("s") and w[:-1] in SCALES else w
    return SCALES.get(w, 1.0)


def _precision_from_qualifier(qual: str) -> str:
    q = (qual or "").strip().lower()
    if not q:
        return "exact"
    return "approximate" if q in _APPROX else "bound"


def _num_str(v: float | None) -> str:
    """A number as a stable string (no float noise, no exponent below 1e15)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    return format(float(v), ".15g")


# --------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------

_CUR = r"(?:US\$|USD\s?|\$)"
_MONEY_RE = re.compile(
    _QUAL + r"(?P<between>between\s+)?" + _CUR + r"(?P<n1>" + _NUM + r")(?P<s1>" + _SCALE + r")?"
    r"(?:\s*(?P<sep>(?(between)and|(?:–|—|-|to)))\s*(?:" + _CUR + r")?(?P<n2>" + _NUM + r")(?P<s2>" + _SCALE + r")?)?",
    re.IGNORECASE,
)
_MONEY_WORDS_RE = re.compile(
    _QUAL + r"(?P<n1>" + _NUM + r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten))"
    r"(?P<s1>\s+(?:thousand|million|billion|trillion))?\s+(?:U\.S\.\s+|US\s+)?dollars\b",
    re.IGNORECASE,
)
# Vague amounts: an order of magnitude rather than a number.
_VAGUE_RE = re.compile(
    r"(?P<mag>tens|hundreds|thousands)\s+of\s+(?P<mag_s>thousands|millions|billions|trillions)(?P<mag_d>\s+of\s+dollars)?"
    r"|multi-?(?P<mh>hundred-|ten-)?(?P<ms>million|billion|trillion)(?P<ms_d>-dollar)?"
    r"|(?P<lvl>low|mid|high)[-\s]?(?P<ls>million|billion|trillion)s?(?P<ls_d>[-\s]dollars?)?(?:\s+range)?"
    r"|(?P<xs>million|billion|trillion)-dollar",
    re.IGNORECASE,
)
_VAGUE_JOIN = re.compile(r"\s*-?\s*(?:to|or)\s+(?:the\s+)?", re.IGNORECASE)
_MONEY_CONTEXT = re.compile(
    r"\$|dollar|revenue|spend|invest|fund|cost|price|valuation|capex|budget|commitment|financ|cheque|"
    r"\bcheck\b|sales|profit|loss|debt|raise|subsid|grant", re.IGNORECASE)


def _vague_interval(m: re.Match) -> tuple[float, float, bool]:
    """(low, high, says_dollars) of one vague amount; see the module docs for the scale."""
    g = m.groupdict()
    if g["mag"]:
        base = SCALES[g["mag_s"].lower()[:-1]]
        factor = {"tens": 10, "hundreds": 100, "thousands": 1000}[g["mag"].lower()]
        return base * factor, base * factor * 10, bool(g["mag_d"])
    if g["ms"]:
        base = SCALES[g["ms"].lower()]
        mult = {"hundred-": 100, "ten-": 10, None: 1}[g["mh"].lower() if g["mh"] else None]
        return 2 * base * mult, 10 * base * mult, bool(g["ms_d"])
    if g["lvl"]:
        base = SCALES[g["ls"].lower()]
        lo, hi = {"low": (1, 4), "mid": (4, 7), "high": (7, 10)}[g["lvl"].lower()]
        return lo * base, hi * base, bool(g["ls_d"])
    base = SCALES[g["xs"].lower()]
    return base, 10 * base, True


def parse_money(text: str) -> list[Claim]:
    """Amounts of money in ``text``, normalised to US dollars.

    Handles "$39 billion", "$1.4 trillion", "US$5m", "$2–3 billion",
    "between $2 billion and $3 billion", "5 million dollars", qualifiers
    ("about", "more than") and vague amounts kept as an order of magnitude:
    "tens of billions" = [1e10, 1e11), "hundreds of billions" = [1e11, 1e12),
    "multi-billion" = [2e9, 1e10), "low-trillion-dollar range" = [1e12, 4e12)
    (mid = [4, 7), high = [7, 10) times the scale), "trillion-dollar" =
    [1e12, 1e13); two vague amounts joined by "to"/"or" become one range.
    Vague phrases without "dollar(s)" count as money only if the sentence
    talks about money ($, revenue, spending, investment ...).
    """
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _MONEY_RE.finditer(text):
        n2 = m.group("n2")  # "and" joins a range only after "between" (a regex conditional)
        end = m.end()
        raw = text[m.start():end]
        v1 = parse_number(m.group("n1"))
        v2 = parse_number(n2) if n2 else None
        if v1 is None or (n2 and v2 is None):
            bad = m.group("n1") if v1 is None else n2
            claims.append(_unparsed("money", raw, m.start(), end, f"malformed number '{bad}'", "USD"))
            taken.append((m.start(), end))
            continue
        s1, s2 = m.group("s1"), (m.group("s2") if n2 else None)
        if n2 and not s1 and s2:
            s1 = s2  # "$2–3 billion": the scale of the second applies to both
        low = v1 * _scale(s1)
        high = v2 * _scale(s2 or s1) if n2 else None
        qual = (m.group("qual") or "").strip()
        precision = "range" if n2 else _precision_from_qualifier(qual)
        if high is not None and high < low:
            claims.append(_unparsed("money", raw, m.start(), end, "range runs backwards", "USD"))
        else:
            claims.append(Claim("money", raw, m.start(), end, low, high, "USD", precision, qual))
        taken.append((m.start(), end))
    for m in _MONEY_WORDS_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        n = m.group("n1")
        v = float(_WORD_NUMBERS[n.lower()]) if n.lower() in _WORD_NUMBERS else parse_number(n)
        if v is None:
            claims.append(_unparsed("money", m.group(0), m.start(), m.end(), f"malformed number '{n}'", "USD"))
        else:
            qual = (m.group("qual") or "").strip()
            claims.append(Claim("money", m.group(0), m.start(), m.end(), v * _scale(m.group("s1")), None, "USD",
                                _precision_from_qualifier(qual), qual))
        taken.append((m.start(), m.end()))
    # vague amounts, merged into ranges when joined by "to" / "or"
    vague = [m for m in _VAGUE_RE.finditer(text) if free(m.start(), m.end())]
    i = 0
    money_context = bool(_MONEY_CONTEXT.search(text))
    while i < len(vague):
        first = last = vague[i]
        lo, hi, dollars = _vague_interval(first)
        j = i + 1
        while j < len(vague) and _VAGUE_JOIN.fullmatch(text[last.end():vague[j].start()]):
            last = vague[j]
            lo2, hi2, d2 = _vague_interval(last)
            lo, hi, dollars = min(lo, lo2), max(hi, hi2), dollars or d2
            j += 1
        i = j
        after = text[last.end():]
        if re.match(r"\s+of\s+(?!dollars)\w", after, re.IGNORECASE) and not dollars:
            continue  # "tens of billions of parameters": a count, not money
        if not (dollars or money_context):
            continue
        claims.append(Claim("money", text[first.start():last.end()], first.start(), last.end(), lo, hi, "USD",
                            "vague"))
        taken.append((first.start(), last.end()))
    return sorted(claims, key=lambda c: c.start)


# --------------------------------------------------------------------------
# Percentages
# --------------------------------------------------------------------------

_PCT_RE = re.compile(
    _QUAL + r"(?<![\w.,])(?P<n1>" + _NUM + r")(?:\s*(?:–|—|-|to)\s*(?P<n2>" + _NUM + r"))?"
    r"\s?(?P<u>%|per\s?cent\b|percent\b|percentage points?\b)",
    re.IGNORECASE,
)


def parse_percentages(text: str) -> list[Claim]:
    """Percentages: "30%", "30 percent", "30 per cent", "20–30%", "5 percentage points"."""
    out = []
    for m in _PCT_RE.finditer(text):
        v1 = parse_number(m.group("n1"))
        v2 = parse_number(m.group("n2")) if m.group("n2") else None
        unit = "percentage points" if m.group("u").lower().startswith("percentage") else "%"
        if v1 is None or (m.group("n2") and v2 is None):
            out.append(_unparsed("percent", m.group(0), m.start(), m.end(), "malformed number", unit))
            continue
        qual = (m.group("qual") or "").strip()
        precision = "range" if v2 is not None else _precision_from_qualifier(qual)
        out.append(Claim("percent", m.group(0), m.start(), m.end(), v1, v2, unit, precision, qual))
    return out


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DQUAL = r"(?P<dqual>(?:by\s+the\s+(?:end|start|middle)\s+of|by\s+(?:end|mid)\s+of|by|since|until|before|after|" \
         r"as\s+of|the\s+end\s+of|end\s+of|early|late|mid-)\s*)?"
_YEAR = r"(?P<y>(?:1[89]|2\d)\d{2})"
_DATE_PATTERNS = [
    ("iso", re.compile(_DQUAL + r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")),
    ("mdy", re.compile(_DQUAL + r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+" + _YEAR + r"(?!\d))?")),
    ("dmy", re.compile(_DQUAL + r"(?<![\w.,])(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r"(?!\d))?")),
    ("my", re.compile(_DQUAL + r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"(?!\d)")),
    ("quarter", re.compile(_DQUAL + r"\b(?:Q(?P<q>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter(?:\s+of)?)\s+" + _YEAR + r"(?!\d)",
                           re.IGNORECASE)),
    ("year", re.compile(_DQUAL + r"(?<![\w$.,#-])" + _YEAR +
                        r"(?![\w%]|[.,]\d|-\d|\s?(?:percent|thousand|million|billion|trillion)\b)")),
]
_RELATIVE_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+this\s+(?:week|month|year)|this\s+(?:week|month|year|quarter|spring|summer|fall|autumn|winter)"
    r"|last\s+(?:week|month|year|quarter)|next\s+(?:week|month|year|quarter|decade)"
    r"|in\s+the\s+coming\s+(?:days|weeks|months|years)|today|yesterday|tomorrow|tonight)\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(r"\b(?:(?:on|last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _date_claim(kind: str, m: re.Match) -> Claim:
    g = m.groupdict()
    qual = re.sub(r"\s+", " ", (g.get("dqual") or "").strip())
    raw, start, end = m.group(0), m.start(), m.end()
    year = int(g["y"]) if g.get("y") else None
    if kind == "quarter":
        q = int(g["q"]) if g.get("q") else _QUARTER_WORDS[g["qw"].lower()]
        return Claim("date", raw, start, end, f"{year:04d}-Q{q}", None, "", "partial", qual)
    if kind == "year":
        return Claim("date", raw, start, end, f"{year:04d}", None, "", "partial", qual)
    month = int(g["m"]) if kind == "iso" else MONTHS[g["mon"].lower().rstrip(".")]
    day = int(g["d"]) if g.get("d") else None
    if kind == "iso" and not 1 <= month <= 12:
        return _unparsed("date", raw, start, end, f"no month {month}")
    if day is not None:
        max_day = calendar.monthrange(year, month)[1] if year else (29 if month == 2 else calendar.monthrange(2001, month)[1])
        if not 1 <= day <= max_day:
            name = calendar.month_name[month]
            return _unparsed("date", raw, start, end, f"no such day: {name} {day}" + (f", {year}" if year else ""))
    if year and day:
        return Claim("date", raw, start, end, _dt.date(year, month, day).isoformat(), None, "", "exact", qual)
    if year:
        return Claim("date", raw, start, end, f"{year:04d}-{month:02d}", None, "", "partial", qual)
    return Claim("date", raw, start, end, f"--{month:02d}-{day:02d}", None, "", "partial", qual)


def parse_dates(text: str) -> list[Claim]:
    """Calendar and relative dates.

    "November 21, 2025" / "20 November 2025" / "2025-11-20" -> "2025-11-21";
    "Nov. 21" -> "--11-21" (ISO 8601 for a month and day with no year);
    "November 2025" -> "2025-11"; "2017", "by 2030", "by the end of 2025" ->
    the year (the words before it are kept in ``qualifier``); "Q3 2025" ->
    "2025-Q3". "this week", "next year", "Thursday" are kept with
    ``precision = "relative"`` and no value. Impossible dates ("November
    31") are kept unparsed. Missing parts are never invented.
    """
    found: list[Claim] = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            found.append(_date_claim(kind, m))
    for rx in (_RELATIVE_RE, _WEEKDAY_RE):
        for m in rx.finditer(text):
            found.append(Claim("date", m.group(0), m.start(), m.end(), None, None, "", "relative"))
    return _non_overlapping(found)


def _non_overlapping(claims: list[Claim]) -> list[Claim]:
    """Keep the longest of overlapping claims (the earliest on a tie)."""
    kept: list[Claim] = []
    for c in sorted(claims, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


# --------------------------------------------------------------------------
# Counts with units
# --------------------------------------------------------------------------

_COUNT_STOP = {
    "of", "in", "to", "and", "or", "by", "for", "with", "the", "a", "an", "that", "which", "from", "on", "at",
    "as", "is", "are", "was", "were", "will", "would", "could", "than", "more", "its", "their", "this", "these",
    "those", "it", "be", "been", "has", "have", "had", "but", "while", "into", "over", "after", "before", "per",
}
_UNIT_WORDS = {"year", "month", "week", "day", "hour", "minute", "gigawatt", "megawatt", "gw", "mw", "employee",
               "job", "worker", "factory", "plant", "site", "state", "country", "unit", "server", "rack", "chip",
               "people", "generation", "time", "percent", "seat", "home", "acre", "mile", "kilometer", "kilometre"}
_COUNT_RE = re.compile(
    r"(?<![\w$.,#/-])(?P<n>" + _NUM + r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|dozen)\b)(?P<s>\s+(?:thousand|million|billion))?(?=\s+[A-Za-z]|-[A-Za-z])",
    re.IGNORECASE,
)
_VAGUE_COUNT_RE = re.compile(
    r"\b(?P<mag>dozens|tens|hundreds|thousands|millions)\s+of\s+(?:(?P<scale>thousands|millions|billions)\s+of\s+)?(?=[A-Za-z])",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\s+([A-Za-z][A-Za-z-]*)")
_FIRST_WORD_RE = re.compile(r"(?:\s+|-)([A-Za-z][A-Za-z-]*)")  # "10 years" or "10-year"


def _unit_after(text: str, pos: int) -> tuple[str, int]:
    """The unit words after a number: up to three words, ending at a plural or a unit word, plus 'per X'."""
    words: list[str] = []
    end = pos
    for k in range(3):
        m = (_FIRST_WORD_RE if k == 0 else _WORD_RE).match(text, end)
        if not m or m.group(1).lower() in _COUNT_STOP:
            break
        words.append(m.group(1))
        end = m.end()
        w = m.group(1).lower()
        if w.rstrip("s") in _UNIT_WORDS or (w.endswith("s") and not w.endswith("ss")):
            break
    if not words:
        return "", pos
    per = re.match(r"\s+(?:per|a|each)\s+(week|day|month|year|hour|quarter)\b", text[end:], re.IGNORECASE)
    if per:
        words.append(f"per {per.group(1)}")
        end += per.end()
    return " ".join(words), end


def parse_counts(text: str) -> list[Claim]:
    """Counts with a unit: "1,000 AI racks per week", "10 years", "three core efforts", "tens of gigawatts".

    A bare number with no unit word after it is not a claim. Vague counts
    ("tens of gigawatts") keep an order of magnitude like vague money.
    """
    out: list[Claim] = []
    for m in _COUNT_RE.finditer(text):
        unit, end = _unit_after(text, m.end())
        if not unit:
            continue
        n = m.group("n")
        raw = text[m.start():end]
        v = float(_WORD_NUMBERS[n.lower()]) if n.lower() in _WORD_NUMBERS else parse_number(n)
        if v is None:
            out.append(_unparsed("count", raw, m.start(), end, f"malformed number '{n}'", unit.lower()))
            continue
        out.append(Claim("count", raw, m.start(), end, v * _scale(m.group("s")), None, unit.lower(), "exact"))
    for m in _VAGUE_COUNT_RE.finditer(text):
        unit, end = _unit_after(text, m.end() - 1)
        if not unit or unit.lower() in ("thousands", "millions", "billions", "trillions"):
            continue  # "tens of billions" with no unit: money or nothing, never a count
        factor = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1000, "millions": 1e6}[m.group("mag").lower()]
        base = _scale(m.group("scale")[:-1]) if m.group("scale") else 1.0
        lo = factor * base * (2 if m.group("mag").lower() == "dozens" else 1)
        hi = factor * base * 10
        out.append(Claim("count", text[m.start():end], m.start(), end, lo, hi, unit.lower(), "vague"))
    return _non_overlapping(out)


# --------------------------------------------------------------------------
# Places, organisations, people, terms
# --------------------------------------------------------------------------

@dataclass
class EntityMatcher:
    """Finds the names in an editable list (places lexicon or story gazetteer).

    Names and aliases of places, organisations and people are matched
    case-sensitively (so "US" is the country, "us" the pronoun); terms are
    matched case-insensitively. The longest alias wins where two overlap
    ("West Virginia" over "Virginia").
    """

    table: pd.DataFrame  # name, kind, aliases[, within]
    parents: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        aliases: list[tuple[str, str, str]] = []
        for row in self.table.itertuples():
            names = {row.name.strip()} | {a.strip() for a in str(row.aliases).split("|") if a.strip()}
            for alias in names:
                aliases.append((alias, row.name.strip(), row.kind.strip()))
        aliases.sort(key=lambda a: (-len(a[0]), a[0]))
        self._lookup = {}
        parts = []
        for alias, name, kind in aliases:
            key = alias if kind != "term" else alias.lower()
            if key in self._lookup:
                continue
            self._lookup[key] = (name, kind)
            esc = re.escape(alias)
            parts.append(esc if kind != "term" else f"(?i:{esc})")
        self._rx = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])") if parts else None
        if "within" in self.table.columns:
            self.parents = {r.name: r.within for r in self.table.itertuples() if isinstance(r.within, str) and r.within}

    def find(self, text: str) -> list[Claim]:
        """One claim per name per text (its first mention), in order of appearance."""
        if self._rx is None:
            return []
        out, seen = [], set()
        for m in self._rx.finditer(text):
            alias = m.group(0)
            name, kind = self._lookup.get(alias) or self._lookup.get(alias.lower())
            if name in seen:
                continue
            seen.add(name)
            out.append(Claim("place" if kind not in ("org", "person", "term") else kind, alias, m.start(), m.end(),
                             name, None, kind, "exact"))
        return out

    def canonical(self, text: str, kinds: Iterable[str] = ("person", "org")) -> str | None:
        """The canonical name of the first listed person (else organisation) in ``text``."""
        found = self.find(text)
        for kind in kinds:
            for c in found:
                if c.unit == kind:
                    return c.value
        return None

    def ancestors(self, name: str) -> list[str]:
        out, seen = [], {name}
        while name in self.parents and self.parents[name] not in seen:
            name = self.parents[name]
            seen.add(name)
            out.append(name)
        return out


def _read_list(path: str | Path, required: Sequence[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(required) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)} (needs {list(required)})")
    return df


def load_places(path: str | Path = PLACES_CSV) -> EntityMatcher:
    """The places lexicon (name, kind, aliases, within, rationale)."""
    return EntityMatcher(_read_list(path, ["name", "kind", "aliases", "within"]))


def load_gazetteer(path: str | Path = GAZETTEER_CSV) -> EntityMatcher:
    """The story gazetteer (name, kind org/person/term, aliases separated by |, rationale)."""
    df = _read_list(path, ["name", "kind", "aliases"])
    bad = set(df["kind"].str.strip()) - {"org", "person", "term"}
    if bad:
        raise ValueError(f"{path}: unknown kinds {sorted(bad)} (use org, person or term)")
    return EntityMatcher(df)


def find_entities(text: str, gazetteer: EntityMatcher | None, places: EntityMatcher | None) -> list[Claim]:
    """Gazetteer names first, then places that do not overlap them ("U.S. government" is an org)."""
    found = gazetteer.find(text) if gazetteer is not None else []
    if places is not None:
        for c in places.find(text):
            if all(c.end <= g.start or c.start >= g.end for g in found):
                found.append(c)
    return sorted(found, key=lambda c: c.start)


# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------

_QUOTE_RE = re.compile(r"“(?P<a>[^“”]+)”|\"(?P<b>[^\"]+)\"")


def find_quotes(text: str, min_words: int = 3) -> list[Claim]:
    """Direct quotes between “ ” or " " with at least ``min_words`` words.

    Shorter quoted strings are titles or scare quotes (“Machine”, the AI
    “middle layer”), not statements. The speaker is filled in by
    :func:`extract_claims`.
    """
    out = []
    for m in _QUOTE_RE.finditer(text):
        inner = (m.group("a") or m.group("b") or "").strip()
        if len(re.findall(r"[^\W_]+", inner)) < min_words:
            continue
        out.append(Claim("quote", m.group(0), m.start(), m.end(), inner.strip(" ,.;:"), None, "", "exact"))
    return out


# --------------------------------------------------------------------------
# Context: hedging and tense
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Cues:
    """The hedge / tense cue list, compiled (see ``data/lexicons/claim_cues.csv``)."""

    rows: tuple[tuple[str, re.Pattern, frozenset], ...]

    def matches(self, text: str) -> list[tuple[int, int, str, frozenset]]:
        """Cue matches; a later row's match overlapping an earlier row's is dropped."""
        kept: list[tuple[int, int, str, frozenset]] = []
        for cue, rx, roles in self.rows:
            for m in rx.finditer(text):
                if all(m.end() <= s or m.start() >= e for s, e, _, _ in kept):
                    kept.append((m.start(), m.end(), cue, roles))
        return sorted(kept)


def _bounded(pattern: str) -> str:
    pre = r"(?<![\w])" if re.match(r"[\w\\(]", pattern) and not pattern.startswith("(?<") else ""
    return pre + "(?:" + pattern + r")(?![\w])"


def load_cues(path: str | Path = CLAIM_CUES_CSV) -> Cues:
    """Read the cue list: cue, pattern (a regex, case-insensitive), roles (hedge|planned|done), rationale."""
    df = _read_list(path, ["cue", "pattern", "roles"])
    rows = []
    for r in df.itertuples():
        roles = frozenset(x.strip() for x in r.roles.split("|") if x.strip())
        if roles - {"hedge", "planned", "done"}:
            raise ValueError(f"{path}: cue {r.cue!r} has unknown roles {sorted(roles - {'hedge', 'planned', 'done'})}")
        try:
            rx = re.compile(_bounded(r.pattern), re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{path}: cue {r.cue!r} has a bad pattern: {exc}") from exc
        rows.append((r.cue, rx, roles))
    return Cues(tuple(rows))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def claim_context(text: str, start: int, end: int, cues: Cues, matches=None) -> dict:
    """Hedging and tense of the claim at ``text[start:end]``: the nearest cue of each role wins.

    Returns ``hedged`` (bool), ``hedge_cue``, ``tense`` (planned / done /
    unmarked) and ``tense_cue`` (the words matched).
    """
    matches = cues.matches(text) if matches is None else matches
    span = (start, end)
    hedges = [(_distance(span, (s, e)), s, text[s:e]) for s, e, _, roles in matches if "hedge" in roles]
    tenses = [(_distance(span, (s, e)), s, text[s:e], "planned" if "planned" in roles else "done")
              for s, e, _, roles in matches if roles & {"planned", "done"}]
    h = min(hedges) if hedges else None
    t = min(tenses) if tenses else None
    return {
        "hedged": h is not None,
        "hedge_cue": h[2] if h else "",
        "tense": t[3] if t else "unmarked",
        "tense_cue": t[2] if t else "",
    }


# --------------------------------------------------------------------------
# Extraction from sentences
# --------------------------------------------------------------------------

def _mask(text: str, claims: list[Claim]) -> str:
    chars = list(text)
    for c in claims:
        for i in range(c.start, c.end):
            chars[i] = " "
    return "".join(chars)


def extract_claims(
    text: str,
    places: EntityMatcher | None = None,
    gazetteer: EntityMatcher | None = None,
    *,
    min_quote_words: int = 3,
    attribution: tuple[str, str] | None = None,
) -> list[Claim]:
    """All claims in one sentence, in order of position.

    Numbers are read in a fixed order, each on the text left after the
    previous ones (money, then percentages, dates and counts), so "$39
    billion" is not also a count. Places and gazetteer names are optional.
    ``attribution`` is the sentence's (type, source), used to name a quote's
    speaker; without it, or with a non-named source, the speaker is the first
    gazetteer person in the sentence, else "unknown".
    """
    if not isinstance(text, str) or not text.strip():
        return []
    claims: list[Claim] = []
    masked = text
    for parser in (parse_money, parse_percentages, parse_dates, parse_counts):
        found = parser(masked)
        claims += found
        masked = _mask(masked, found)
    claims += find_entities(text, gazetteer, places)
    quotes = find_quotes(text, min_quote_words)
    if quotes:
        speaker = _speaker(text, gazetteer, attribution)
        for q in quotes:
            q.speaker = speaker
        claims += quotes
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(claims, key=lambda c: (c.start, order[c.kind], c.end))


def _speaker(text: str, gazetteer: EntityMatcher | None, attribution: tuple[str, str] | None) -> str:
    if attribution and attribution[0] == "named" and attribution[1]:
        source = attribution[1]
        if gazetteer is not None:
            name = gazetteer.canonical(source)
            if name:
                return name
        return source
    if gazetteer is not None:
        name = gazetteer.canonical(text, kinds=("person",))
        if name:
            return name
    return "unknown"


def build_claims(
    sentences: pd.DataFrame,
    places: EntityMatcher | None = None,
    gazetteer: EntityMatcher | None = None,
    cues: Cues | None = None,
    *,
    lexicons_dir: str | Path | None = None,
    min_quote_words: int = 3,
) -> pd.DataFrame:
    """The claims table for every body sentence (``is_heading`` False), with context.

    Columns: :data:`CLAIM_COLUMNS` (``group_id``/``group_origin`` are left
    empty here: see :func:`assign_slots` and :func:`auto_group`).
    """
    cues = cues if cues is not None else load_cues()
    attr_paths = {}
    if lexicons_dir is not None:
        lex = Path(lexicons_dir)
        if (lex / "attribution.csv").exists() and (lex / "speech_verbs.csv").exists():
            attr_paths = {"attribution_csv": lex / "attribution.csv", "speech_verbs_csv": lex / "speech_verbs.csv"}
    body = sentences
    if "is_heading" in sentences.columns:
        body = sentences[~sentences["is_heading"].astype(str).str.lower().isin(["true", "1"])]
    rows = []
    for s in body.sort_values("sentence_id").itertuples():
        text = s.text if isinstance(s.text, str) else ""
        att = classify_attribution(text, **attr_paths) if text else None
        found = extract_claims(text, places, gazetteer, min_quote_words=min_quote_words,
                               attribution=(att.type, att.source) if att else None)
        matches = cues.matches(text)
        for i, c in enumerate(found):
            ctx = claim_context(text, c.start, c.end, cues, matches)
            row = asdict(c)
            row.update(ctx)
            row.update({
                "claim_id": f"{s.sentence_id}-c{i:02d}",
                "article_id": s.article_id,
                "sentence_id": s.sentence_id,
                "value": _value_str(c.value),
                "value_high": _value_str(c.value_high),
                "display": c.display,
                "attribution": att.type,
                "source": att.source,
                "group_id": "",
                "group_origin": "",
            })
            rows.append(row)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _value_str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return _num_str(v)
    return str(v)


# --------------------------------------------------------------------------
# Display
# --------------------------------------------------------------------------

def _money_words(v: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= scale:
            return f"${v / scale:,.4g} {word}"
    return f"${v:,.0f}" if float(v).is_integer() else f"${v:,.2f}"


def _f(v) -> float | None:
    if v is None or v == "":
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(x) else x


def format_value(kind: str, value, value_high=None, unit: str = "", precision: str = "exact", raw: str = "",
                 qualifier: str = "", speaker: str = "") -> str:
    """A short human-readable form of a normalised value ("$1.4 trillion", "2025-11-20 (by)")."""
    if precision == "unparsed":
        return f"unparsed: {raw}"
    if precision == "relative":
        return f"relative: {raw.strip()}"
    v, vh = _f(value), _f(value_high)
    qual = f"{qualifier} " if qualifier and kind in NUMERIC_KINDS else ""
    if kind == "money" and v is not None:
        if vh is not None:
            text = f"{_money_words(v)}–{_money_words(vh)}"
            return text + (" (order of magnitude)" if precision == "vague" else "")
        return qual + _money_words(v)
    if kind == "percent" and v is not None:
        u = "%" if unit == "%" else f" {unit}"
        return f"{qual}{v:g}–{vh:g}{u}" if vh is not None else f"{qual}{v:g}{u}"
    if kind == "count" and v is not None:
        if vh is not None:
            return f"{v:,.0f}–{vh:,.0f} {unit}" + (" (order of magnitude)" if precision == "vague" else "")
        number = f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"
        return f"{qual}{number} {unit}"
    if kind == "date":
        return f"{value} ({qualifier})" if qualifier else str(value)
    if kind == "quote":
        text = str(value)
        text = text if len(text) <= 70 else text[:67].rstrip() + "…"
        return f"“{text}” ({speaker or 'unknown'})"
    return str(value)


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
            try:
                re.compile(getattr(r, col) or "x")
            except re.error as exc:
                raise ValueError(f"{path}: slot {r.slot!r} has a bad {col} pattern: {exc}") from exc
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
    for idx, c in out.iterrows():
        text = texts.get(c["sentence_id"], "")
        span = (int(c["start"]), int(c["end"]))
        best = None
        for order, slot, kinds, kw, ex in compiled:
            if c["kind"] not in kinds or any(x.search(text) for x in ex):
                continue
            dists = [_distance(span, m.span()) for k in kw for m in k.finditer(text)]
            if not dists:
                continue
            cand = (min(dists), order, slot)
            best = cand if best is None or cand < best else best
        if best:
            out.at[idx, "group_id"] = best[2]
            out.at[idx, "group_origin"] = "slot file"
    return out


# --------------------------------------------------------------------------
# Automatic grouping
# --------------------------------------------------------------------------

def _stem_tokens(text: str) -> list[str]:
    from nltk.stem import PorterStemmer

    from .text import word_tokens

    stem = PorterStemmer()
    return [stem.stem(t.lower()) for t in word_tokens(text) if not t[0].isdigit()]


def claim_contexts(claims: pd.DataFrame, sentences: pd.DataFrame, window: int = 8) -> list[str]:
    """The words around each claim: ``window`` words before and after it in its sentence (the claim itself left out)."""
    from .text import word_tokens

    texts = dict(zip(sentences["sentence_id"], sentences["text"]))
    out = []
    for c in claims.itertuples():
        t = str(texts.get(c.sentence_id, ""))
        before = word_tokens(t[: int(c.start)])[-window:] if window else []
        after = word_tokens(t[int(c.end):])[:window] if window else []
        out.append(" ".join(before + after))
    return out


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
    """
    out = claims.copy()
    todo = out[(out["group_id"].fillna("") == "")]
    if todo.empty:
        return out
    sim = context_similarity(todo, sentences, window)
    ids = list(todo.index)
    pos = {i: k for k, i in enumerate(ids)}
    recs = todo.to_dict("index")
    candidates = []
    for a, b in itertools.combinations(ids, 2):
        ca, cb = recs[a], recs[b]
        if ca["kind"] != cb["kind"] or ca["sentence_id"] == cb["sentence_id"]:
            continue
        s = float(sim[pos[a], pos[b]])
        if ca["kind"] in SET_KINDS:
            linked = ca["value"] == cb["value"]
        elif ca["kind"] == "quote":
            linked = value_relation(ca, cb) in ("equal", "nested")
        else:
            if ca["kind"] == "count" and ca["unit"] != cb["unit"]:
                continue
            rel = value_relation(ca, cb)
            exact_equal = (rel == "equal" and ca["kind"] in NUMERIC_KINDS
                           and {ca["precision"], cb["precision"]} <= {"exact", "approximate"})
            linked = (s >= context_similarity_threshold
                      or (rel in ("equal", "nested", "overlap") and s >= same_value_similarity)
                      or (exact_equal and s > equal_value_similarity))
        if linked:
            candidates.append((-round(s, 12), ca["claim_id"], cb["claim_id"], a, b))
    members = {i: [i] for i in ids}
    sents = {i: {recs[i]["sentence_id"]} for i in ids}
    root = {i: i for i in ids}
    for _, _, _, a, b in sorted(candidates):
        ra, rb = root[a], root[b]
        if ra == rb or sents[ra] & sents[rb]:
            continue
        keep, drop = (ra, rb) if recs[ra]["claim_id"] <= recs[rb]["claim_id"] else (rb, ra)
        for i in members[drop]:
            root[i] = keep
        members[keep] += members.pop(drop)
        sents[keep] |= sents.pop(drop)
    order = {k: i for i, k in enumerate(KINDS)}
    groups = sorted(members.values(), key=lambda m: (recs[m[0]]["kind"] not in MATRIX_KINDS, order[recs[m[0]]["kind"]],
                                                     min(recs[i]["claim_id"] for i in m)))
    for n, group in enumerate(groups, start=1):
        for i in group:
            out.at[i, "group_id"] = f"{prefix}-{n:03d}"
            out.at[i, "group_origin"] = "auto"
    return out


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


def _quote_tokens(text) -> list[str]:
    return re.findall(r"[^\W_]+", str(text or "").lower())


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
    def ancestors(x):
        out, seen = set(), {x}
        while x in parents and parents[x] not in seen:
            x = parents[x]
            seen.add(x)
            out.add(x)
        return out
    anc = set().union(*(ancestors(v) for v in values)) if values else set()
    return {v for v in values if v not in anc}


def _set_relation(a: set[str], b: set[str], parents: dict[str, str]) -> str:
    if a == b:
        return "equal"

    def covered(x, ys):  # x is named in ys, or is a region containing one of ys
        if x in ys:
            return True
        for y in ys:
            z, seen = y, {y}
            while z in parents and parents[z] not in seen:
                z = parents[z]
                seen.add(z)
                if z == x:
                    return True
        return False

    if all(covered(x, b) for x in a) or all(covered(x, a) for x in b):
        return "nested"
    return "overlap" if a & b else "different"


def _join(ids: Iterable[str]) -> str:
    return ", ".join(short_id(i) for i in sorted(ids))


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
        tenses = {a: _article_tense(g[g["article_id"] == a]) for a in articles}
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
        missing = [a for a in articles if a not in have]
        if missing:
            precision.append(f"only {_join(have)} {_verb(have, 'gives', 'give')} {label}")
        usable = part[~part["precision"].isin(["unparsed", "relative"])]
        vague_only = [a for a in have if a not in set(usable["article_id"])]
        with_values = sorted(usable["article_id"].unique())
        if vague_only and with_values:
            precision.append(f"{_join(vague_only)} {_verb(vague_only, 'gives', 'give')} only "
                             f"{_describe_unusable(part, vague_only)}")
        if not with_values:
            raws = {a: {str(r).strip().lower() for r in part.loc[part["article_id"] == a, "raw"]} for a in have}
            if len(have) > 1:
                if all(raws[a] == raws[have[0]] for a in have):
                    agreements.append(f"same wording ({'; '.join(sorted(raws[have[0]]))})")
                else:
                    incomparable.append(f"{label} given only in words that cannot be compared "
                                        f"({'; '.join(sorted(set().union(*raws.values())))})")
            continue
        if kind in SET_KINDS:
            sets = {a: set(usable.loc[usable["article_id"] == a, "value"]) for a in with_values}
            if kind == "place":
                sets = {a: _reduce_places(s, parents) for a, s in sets.items()}
            _compare_sets(sets, kind, parents, conflicts, precision, agreements)
            continue
        reps = {}
        for a in with_values:
            recs = usable[usable["article_id"] == a].to_dict("records")
            inner = sorted({tuple(sorted((_label_of(x), _label_of(y)))) for x, y in itertools.combinations(recs, 2)
                            if kind != "quote" and x.get("sentence_id") != y.get("sentence_id")
                            and value_relation(x, y) == "different"})
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
    rels = {}
    for a, b in itertools.combinations(sorted(reps), 2):
        rs = [value_relation(x, y) for x in reps[a] for y in reps[b]]
        rels[(a, b)] = ("equal" if "equal" in rs else "nested" if "nested" in rs else
                        "overlap" if "overlap" in rs else "different" if "different" in rs else "incomparable")
    different = [(a, b) for (a, b), r in rels.items() if r == "different"]
    if different:
        values: dict[str, list[str]] = {}
        for a, rec in best.items():
            values.setdefault(_label_of(rec), []).append(a)
        what = {"quote": "different wording", "date": "different dates"}.get(kind, "different values")
        conflicts.append(f"{what}: " + " vs ".join(f"{_join(ids)} {v}" for v, ids in sorted(values.items(), key=lambda x: sorted(x[1]))))
        return
    loose = [(a, b) for (a, b), r in rels.items() if r in ("nested", "overlap")]
    if loose:
        values = {}
        for a, rec in best.items():
            values.setdefault(_label_of(rec), []).append(a)
        precision.append(" vs ".join(f"{_join(ids)} {v}" for v, ids in sorted(values.items(), key=lambda x: sorted(x[1]))))
        return
    if all(r == "equal" for r in rels.values()):
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
    rels = {(a, b): _set_relation(sets[a], sets[b], parents) for a, b in itertools.combinations(sorted(sets), 2)}
    listing = " vs ".join(f"{short_id(a)} {', '.join(sorted(s))}" for a, s in sorted(sets.items()))
    if any(r == "different" for r in rels.values()):
        conflicts.append(f"nothing in common: {listing}")
    elif any(r in ("nested", "overlap") for r in rels.values()):
        precision.append(f"lists differ: {listing}")
    elif rels:
        agreements.append(f"all give {', '.join(sorted(next(iter(sets.values()))))}")


# --------------------------------------------------------------------------
# The claim matrix and its evidence
# --------------------------------------------------------------------------

def cell_text(part: pd.DataFrame, event: bool = False) -> str:
    """One article's entry in the matrix: its distinct values, then its attribution (and tense for events)."""
    if part.empty:
        return ""
    values = list(dict.fromkeys(part["display"]))
    best, sources = attribution_summary(part)
    attr = {"named": f"named: {sources}", "vague": f"vague: {sources}", "none": "no source"}.get(best, best)
    extra = ""
    if event:
        t = _article_tense(part)
        extra = f"; {t}" if t else ""
    return "; ".join(values) + f" [{attr}{extra}]"


def claim_matrix(
    claims: pd.DataFrame,
    article_ids: Sequence[str],
    slots: pd.DataFrame | None = None,
    parents: dict[str, str] | None = None,
    matrix_kinds: Sequence[str] = MATRIX_KINDS,
) -> pd.DataFrame:
    """One row per slot (file order), then per auto group of a checkable kind.

    Auto groups made only of relative dates ("today") are left out: there is
    nothing to check. Slots that found no claim keep their row (status "not
    comparable", reason "no claim found"), so a slot file's gaps show.

    Columns: group_id, label, origin, kinds, event, one column per article
    id (its values and attribution, empty if it says nothing), n_articles,
    n_claims, status, reason.
    """
    rows = []
    slot_rows = [] if slots is None else list(slots.itertuples())
    for r in slot_rows:
        part = claims[claims["group_id"] == r.slot]
        rows.append(_matrix_row(part, r.slot, r.description, "slot file", r.kinds, bool(r.event), article_ids, parents))
    autos = claims[(claims["group_origin"] == "auto") & claims["kind"].isin(matrix_kinds)]
    for gid, part in autos.groupby("group_id", sort=True):
        part = part.sort_values("claim_id")
        if (part["precision"] == "relative").all():
            continue  # "today", "this week" alone: nothing a reader could check
        kind = part["kind"].iloc[0]
        usable = part[~part["precision"].isin(["relative", "unparsed"])]
        first = _most_precise(usable.to_dict("records")) if len(usable) else part.iloc[0].to_dict()
        label = f"{kind}: {first['display']}"
        rows.append(_matrix_row(part, gid, label, "auto", kind, kind == "date", article_ids, parents))
    cols = ["group_id", "label", "origin", "kinds", "event", *article_ids, "n_articles", "n_claims", "status", "reason"]
    return pd.DataFrame(rows, columns=cols)


def _matrix_row(part, gid, label, origin, kinds, event, article_ids, parents) -> dict:
    row = {"group_id": gid, "label": label, "origin": origin, "kinds": kinds, "event": event}
    for a in article_ids:
        row[a] = cell_text(part[part["article_id"] == a].sort_values("claim_id"), event)
    if part.empty:
        status, reason = STATUS_NOT_COMPARABLE, "no claim found"
    else:
        from .dates import with_anchored_values  # dates anchored to publication (issue 10)

        compared, anchored = with_anchored_values(part)
        status, reason = compare_claims(compared, event=event, parents=parents)
        if anchored:
            reason += f" (rests on dates anchored to publication, not stated: {', '.join(anchored)})"
    row.update({"n_articles": int(part["article_id"].nunique()), "n_claims": int(len(part)),
                "status": status, "reason": reason})
    return row


def evidence_table(claims: pd.DataFrame, sentences: pd.DataFrame, labels: dict[str, str] | None = None,
                   group_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The sentences behind each matrix row: group_id, article, sentence_id, kind, raw, display, attribution, tense, text."""
    labels = labels or {}
    sub = claims if group_ids is None else claims[claims["group_id"].isin(group_ids)]
    texts = dict(zip(sentences["sentence_id"], sentences["text"]))
    out = pd.DataFrame({
        "group_id": sub["group_id"],
        "article": [labels.get(a, a) for a in sub["article_id"]],
        "sentence_id": sub["sentence_id"],
        "kind": sub["kind"],
        "raw": sub["raw"],
        "normalised": sub["display"],
        "attribution": [f"{a}: {s}" if isinstance(s, str) and s else a for a, s in zip(sub["attribution"], sub["source"])],
        "hedge_cue": sub["hedge_cue"],
        "tense": sub["tense"],
        "text": [texts.get(s, "") for s in sub["sentence_id"]],
    })
    if group_ids is not None:
        order = {g: i for i, g in enumerate(group_ids)}
        out["_o"] = out["group_id"].map(order)
        out = out.sort_values(["_o", "sentence_id", "raw"]).drop(columns="_o")
    else:
        out = out.sort_values(["group_id", "sentence_id", "raw"])
    return out.reset_index(drop=True)


def mentions_table(claims: pd.DataFrame, article_ids: Sequence[str], kinds: Sequence[str] = ("place", "org", "person", "term")) -> pd.DataFrame:
    """Sentences mentioning each place / organisation / person / term, per article (kind, name, one column per article, total)."""
    sub = claims[claims["kind"].isin(kinds)]
    if sub.empty:
        return pd.DataFrame(columns=["kind", "name", *article_ids, "total"])
    table = (sub.groupby(["kind", "value", "article_id"])["sentence_id"].nunique()
             .unstack("article_id", fill_value=0).reindex(columns=list(article_ids), fill_value=0))
    table["total"] = table.sum(axis=1)
    table = table.reset_index().rename(columns={"value": "name"})
    table.columns.name = None
    return table.sort_values(["kind", "total", "name"], ascending=[True, False, True]).reset_index(drop=True)


def style_claim_matrix(display: pd.DataFrame, status_column: str = "status", value_columns: Sequence[str] = ()):
    """A Styler for the matrix built like :func:`analysis.narrative.show_table` (escaped, stable id), coloured by status.

    The status cell and every non-empty article cell of a row take the
    status colour (:data:`STATUS_COLOURS`); empty cells stay white.
    """
    import hashlib

    from pandas.io.formats.style import Styler

    digest = hashlib.sha1(pd.util.hash_pandas_object(display.astype(str), index=True).values.tobytes()
                          + str(list(display.columns)).encode()).hexdigest()[:10]
    styler = Styler(display, uuid=f"t{digest}", cell_ids=False)
    styler = styler.format(escape="html").format_index(escape="html", axis=0).format_index(escape="html", axis=1)

    def colour(row):
        c = STATUS_COLOURS.get(row[status_column], "")
        return [f"background-color: {c}" if c and (col == status_column or (col in value_columns and str(row[col]).strip()))
                else "" for col in row.index]

    styler = styler.apply(colour, axis=1)
    styler = styler.set_table_styles([{"selector": "td", "props": "vertical-align: top; text-align: left; max-width: 22em;"},
                                      {"selector": "th", "props": "text-align: left;"}])
    return styler.hide(axis="index")


# --------------------------------------------------------------------------
# Validation against hand coding
# --------------------------------------------------------------------------

def load_hand_attribution(annotations_dir: str | Path, sentences: pd.DataFrame) -> pd.DataFrame | None:
    """The hand-coded framing labels (attribution, relayed_quote) joined to sentences, or None if absent.

    Raises a ValueError naming the file if a sentence's text differs from the
    current ``sentences`` table (the annotations are stale).
    """
    return read_annotations(Path(annotations_dir) / "framing_labels.csv", sentences,
                            {"attribution": ("named", "vague", "none")})


def _truthy(x) -> bool:
    return str(x).strip().lower() in {"yes", "true", "1", "y"}


def validate_against_hand(claims: pd.DataFrame, hand: pd.DataFrame) -> dict:
    """Agreement of the claims' context with hand coding, on the sentences that carry claims.

    Returns ``attribution`` (the :func:`analysis.stats.agreement` dict for the
    attribution type of claim-bearing sentences) and, if the hand coding has
    ``relayed_quote``, ``quotes`` (agreement of "this sentence has a direct
    quote of 3+ words" with the hand flag, on all coded sentences) and
    ``quote_disagreements`` (sentence_id, hand, method, text).
    """
    from .stats import agreement

    per_sentence = claims.drop_duplicates("sentence_id")[["sentence_id", "attribution"]]
    joined = per_sentence.merge(hand[["sentence_id", "attribution"]], on="sentence_id", suffixes=("", "_hand"))
    result = {"n_sentences": int(len(joined))}
    if not joined.empty:
        result["attribution"] = agreement(joined["attribution_hand"].str.strip(), joined["attribution"],
                                          labels=["named", "vague", "none"])
    if "relayed_quote" in hand.columns:
        has_quote = set(claims.loc[claims["kind"] == "quote", "sentence_id"])
        gold = ["quote" if _truthy(x) else "no quote" for x in hand["relayed_quote"]]
        pred = ["quote" if s in has_quote else "no quote" for s in hand["sentence_id"]]
        result["quotes"] = agreement(gold, pred, labels=["quote", "no quote"])
        result["quote_disagreements"] = pd.DataFrame(
            [{"sentence_id": s, "hand": g, "method": p_, "text": t}
             for s, g, p_, t in zip(hand["sentence_id"], gold, pred, hand["text"]) if g != p_],
            columns=["sentence_id", "hand", "method", "text"])
    return result


# --------------------------------------------------------------------------
# Summaries for the notebook
# --------------------------------------------------------------------------

CHECKABLE_KINDS = ("money", "percent", "date", "count", "quote")


def article_summary(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: checkable claims (money, percent, date, count, quote), their density and context.

    Columns: article_id, label, n_words, n_checkable, per_1000_words, named,
    vague, none (shares of checkable claims by attribution), hedged (share),
    planned, done, unmarked (shares by tense), unparsed (count).
    """
    rows = []
    for a in articles.sort_values("article_id").itertuples():
        part = claims[(claims["article_id"] == a.article_id) & claims["kind"].isin(CHECKABLE_KINDS)]
        n = len(part)
        share = (lambda mask: float(mask.sum()) / n if n else float("nan"))
        words = int(getattr(a, "n_words", 0) or 0)
        rows.append({
            "article_id": a.article_id,
            "label": getattr(a, "label", a.article_id),
            "n_words": words,
            "n_checkable": n,
            "per_1000_words": 1000.0 * n / words if words else float("nan"),
            "named": share(part["attribution"] == "named"),
            "vague": share(part["attribution"] == "vague"),
            "none": share(part["attribution"] == "none"),
            "hedged": share(part["hedged"].astype(bool)),
            "planned": share(part["tense"] == "planned"),
            "done": share(part["tense"] == "done"),
            "unmarked": share(part["tense"] == "unmarked"),
            "unparsed": int((~part["parsed"].astype(bool)).sum()),
        })
    return pd.DataFrame(rows)


def sourcing_note(claims: pd.DataFrame, group_id: str) -> str:
    """How each article in a group is sourced, e.g. "000 vague (according to reports); 001 named (OpenAI)"."""
    part = claims[claims["group_id"] == group_id]
    out = []
    for a, sub in part.groupby("article_id", sort=True):
        best, sources = attribution_summary(sub)
        out.append(f"{short_id(a)} {'no source' if best == 'none' else best}" + (f" ({sources})" if sources else ""))
    return "; ".join(out)


def matrix_grid(matrix: pd.DataFrame, article_ids: Sequence[str]) -> pd.DataFrame:
    """The matrix in long form for the figure: group_id, label, article_id, has_claim, status."""
    rows = []
    for _, r in matrix.iterrows():
        for a in article_ids:
            rows.append({"group_id": r["group_id"], "label": r["label"], "article_id": a,
                         "has_claim": bool(str(r[a] if isinstance(r[a], str) else "").strip()),
                         "status": r["status"]})
    return pd.DataFrame(rows, columns=["group_id", "label", "article_id", "has_claim", "status"])


def kind_counts(claims: pd.DataFrame, article_ids: Sequence[str]) -> pd.DataFrame:
    """Claims per kind (rows, in :data:`KINDS` order) and article (columns)."""
    kinds = [k for k in KINDS if k in set(claims["kind"])]
    table = (claims.groupby(["kind", "article_id"]).size().unstack("article_id", fill_value=0)
             .reindex(index=kinds, columns=list(article_ids), fill_value=0))
    table.columns.name = None
    return table.reset_index()


def bullets(rows: pd.DataFrame, claims: pd.DataFrame, with_sources: bool = True) -> tuple[str, dict]:
    """A Markdown bullet list of matrix rows for :func:`analysis.narrative.say`: (template, values).

    The values (labels, reasons, sources) are passed separately so that
    ``say`` escapes them; only the list markup is in the template.
    """
    template, values = [], {}
    for i, (_, r) in enumerate(rows.iterrows()):
        template.append(f"- **{{l{i}}}**: {{r{i}}}" + (f". *Sources:* {{s{i}}}." if with_sources else ""))
        values.update({f"l{i}": r["label"], f"r{i}": r["reason"]})
        if with_sources:
            values[f"s{i}"] = sourcing_note(claims, r["group_id"])
    return "\n".join(template), values


ATTRIBUTION_COLOURS = {"named": "#4c72b0", "vague": "#dd8452", "none": "#b0b0b0"}


def plot_kinds_by_attribution(counts: pd.DataFrame, article_ids: Sequence[str], labels: dict[str, str]):
    """Small multiples: per article, claims per kind stacked by attribution (counts: article_id, kind, attribution, n)."""
    import matplotlib.pyplot as plt

    kinds = [k for k in KINDS if k in set(counts["kind"])]
    fig, axes = plt.subplots(1, len(article_ids), figsize=(3.2 * len(article_ids), 0.3 * len(kinds) + 1.6),
                             sharey=True, sharex=True, squeeze=False)
    for ax, a in zip(axes[0], article_ids):
        left = pd.Series(0.0, index=kinds)
        for att in ("named", "vague", "none"):
            part = counts[(counts["article_id"] == a) & (counts["attribution"] == att)].set_index("kind")["n"]
            vals = part.reindex(kinds, fill_value=0).astype(float)
            ax.barh(kinds, vals, left=left, color=ATTRIBUTION_COLOURS[att], label=att)
            left += vals
        ax.set_title(labels.get(a, a), fontsize=9)
        ax.set_xlabel("claims")
    axes[0][0].invert_yaxis()
    axes[0][-1].legend(title="attribution", fontsize=8, title_fontsize=8, loc="lower right")
    fig.suptitle("Claims by kind and attribution of their sentence", fontsize=11)
    fig.tight_layout()
    return fig


def plot_claim_matrix(matrix: pd.DataFrame, grid: pd.DataFrame, article_ids: Sequence[str], labels: dict[str, str]):
    """The slots x articles grid: a cell is coloured by the row's status where the article says something."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    has = {(r.group_id, r.article_id): bool(r.has_claim) for r in grid.itertuples()}
    fig, ax = plt.subplots(figsize=(1.6 * len(article_ids) + 5.5, 0.36 * len(matrix) + 1.4))
    for i, (_, r) in enumerate(matrix.iterrows()):
        for j, a in enumerate(article_ids):
            on = has.get((r["group_id"], a), False)
            ax.add_patch(Rectangle((j, i), 0.95, 0.9, color=STATUS_COLOURS[r["status"]] if on else "#f7f7f7"))
            if on:
                ax.text(j + 0.47, i + 0.45, "●", ha="center", va="center", fontsize=8, color="#333333")
    ax.set_xlim(0, max(len(article_ids), 1))
    ax.set_ylim(max(len(matrix), 1), 0)
    ax.set_xticks([j + 0.47 for j in range(len(article_ids))])
    ax.set_xticklabels([labels.get(a, a) for a in article_ids], rotation=20, ha="right", fontsize=8)
    ax.set_yticks([i + 0.45 for i in range(len(matrix))])
    ax.set_yticklabels([str(x) if len(str(x)) <= 48 else str(x)[:46] + "…" for x in matrix["label"]], fontsize=8)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    present = [s for s in STATUSES if s in set(matrix["status"])]
    ax.legend(handles=[Patch(color=STATUS_COLOURS[s], label=s) for s in present], loc="upper left",
              bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title("Which article says what, coloured by the fact's status", fontsize=10)
    fig.tight_layout()
    return fig

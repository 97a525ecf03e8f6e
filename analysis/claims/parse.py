"""Parsing numbers, money, percentages, dates and counts out of a sentence."""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import CLAIM_NUMBER_WORDS_CSV
from ..spans import is_free, non_overlapping
from ..text import fold_for_prefilter
from .model import Claim, _unparsed

# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------

_NUM = r"\d(?:[\d.,]*\d)?"  # greedy on purpose: "1.4.5" is caught whole, then rejected
_VALID_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
NUMBER_WORD_ROLES = ("scale_word", "scale_abbreviation", "scale_suffix", "number_word", "approximate", "bound")


def load_number_words(path: str | Path = CLAIM_NUMBER_WORDS_CSV) -> dict[str, list[tuple[str, float | None]]]:
    """The number vocabulary (word, role, value, rationale), by role, in file order.

    Roles: ``scale_word`` ("billion", also plural and after a hyphen),
    ``scale_abbreviation`` ("bn", with or without a space), ``scale_suffix``
    ("$5m", attached), ``number_word`` ("two billion"), and the qualifiers
    ``approximate`` ("about") and ``bound`` ("more than").
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"word", "role", "value"} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    bad = sorted(set(df["role"]) - set(NUMBER_WORD_ROLES))
    if bad:
        raise ValueError(f"{path}: unknown roles {bad}; use {list(NUMBER_WORD_ROLES)}")
    out: dict[str, list[tuple[str, float | None]]] = {r: [] for r in NUMBER_WORD_ROLES}
    for i, r in enumerate(df.itertuples(), start=2):
        if r.role not in ("approximate", "bound") and not r.value.strip():
            raise ValueError(f"{path}, line {i}: {r.word!r} ({r.role}) needs a value")
        out[r.role].append((r.word.strip().lower(), float(r.value) if r.value.strip() else None))
    return out


_NUMBER_WORDS = load_number_words()
SCALES = {w: v for role in ("scale_word", "scale_abbreviation", "scale_suffix") for w, v in _NUMBER_WORDS[role]}
_alts = lambda role: "|".join(re.escape(w) for w, _ in _NUMBER_WORDS[role])  # noqa: E731
_SCALE = (r"(?:\s?-?(?:" + _alts("scale_word") + r")s?(?![\w])|\s?(?:" + _alts("scale_abbreviation") + r")(?![\w])|(?:"
          + _alts("scale_suffix") + r")(?![\w]))")
_WORD_NUMBERS = {w: int(v) for w, v in _NUMBER_WORDS["number_word"]}
_APPROX = tuple(w for w, _ in _NUMBER_WORDS["approximate"])
_BOUNDS = tuple(w for w, _ in _NUMBER_WORDS["bound"])
_QUAL = r"(?P<qual>(?:" + "|".join(re.escape(q) for q in sorted(_APPROX + _BOUNDS, key=len, reverse=True)) + r")\s+)?"


# Cheap tests that rule a pattern out before it scans the sentence: each names
# text that every match of the pattern contains (see the pattern's definition).
_DIGIT = re.compile(r"\d")
_MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_ISH = re.compile(r"(?:1[89]|2\d)\d{2}")  # what _YEAR needs
_ISO_ISH = re.compile(r"\d{4}-\d{2}-\d{2}")  # what the "iso" date pattern needs
_RELATIVE_WORDS = ("this", "last", "next", "coming", "today", "yesterday", "tomorrow", "tonight")


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
        return is_free((s, e), taken)

    folded = fold_for_prefilter(text)
    # every match of _MONEY_RE has a currency mark, of _MONEY_WORDS_RE "dollars",
    # of _VAGUE_RE a scale word ("...illion" or "thousands")
    money_matches = _MONEY_RE.finditer(text) if "$" in text or "usd" in folded else ()
    for m in money_matches:
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
    for m in (_MONEY_WORDS_RE.finditer(text) if "dollars" in folded else ()):
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
    if "illion" in folded or "thousands" in folded:
        vague = [m for m in _VAGUE_RE.finditer(text) if free(m.start(), m.end())]
    else:
        vague = []
    i = 0
    money_context = bool(vague) and bool(_MONEY_CONTEXT.search(text))
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
    if not _DIGIT.search(text) or not ("%" in text or "cent" in fold_for_prefilter(text)):
        return out  # every match has a number and "%", "percent", "per cent" or "percentage"
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
    if _DIGIT.search(text):  # every calendar pattern has a number
        month = any(m in text for m in _MONTH_PREFIXES)  # case-sensitive, as the patterns
        year = bool(_YEAR_ISH.search(text))
        possible = {"iso": bool(_ISO_ISH.search(text)), "mdy": month, "dmy": month, "my": month and year,
                    "quarter": year and "q" in fold_for_prefilter(text), "year": year}
        for kind, rx in _DATE_PATTERNS:
            if not possible[kind]:
                continue
            for m in rx.finditer(text):
                found.append(_date_claim(kind, m))
    folded = fold_for_prefilter(text)
    relative = [_RELATIVE_RE] if any(w in folded for w in _RELATIVE_WORDS) else []
    for rx in relative + ([_WEEKDAY_RE] if "day" in text else []):
        for m in rx.finditer(text):
            found.append(Claim("date", m.group(0), m.start(), m.end(), None, None, "", "relative"))
    return _non_overlapping(found)


def _non_overlapping(claims: list[Claim]) -> list[Claim]:
    """Keep the longest of overlapping claims (the earliest on a tie)."""
    return sorted(non_overlapping(claims, span=lambda c: (c.start, c.end)), key=lambda c: c.start)


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
_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
                "twenty", "thirty", "forty", "fifty", "hundred", "dozen")
_VAGUE_COUNT_WORDS = ("dozens", "tens", "hundreds", "thousands", "millions")
_COUNT_RE = re.compile(
    r"(?<![\w$.,#/-])(?P<n>" + _NUM + r"|(?:" + "|".join(_COUNT_WORDS) + r")\b)"
    r"(?P<s>\s+(?:thousand|million|billion))?(?=\s+[A-Za-z]|-[A-Za-z])",
    re.IGNORECASE,
)
_VAGUE_COUNT_RE = re.compile(
    r"\b(?P<mag>" + "|".join(_VAGUE_COUNT_WORDS) + r")\s+of\s+(?:(?P<scale>thousands|millions|billions)\s+of\s+)?(?=[A-Za-z])",
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
    folded = fold_for_prefilter(text)
    # a count starts with a digit or a number word; a vague count with a word such as "tens"
    if _DIGIT.search(text) or any(w in folded for w in _COUNT_WORDS):
        counts = _COUNT_RE.finditer(text)
    else:
        counts = ()
    for m in counts:
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
    for m in (_VAGUE_COUNT_RE.finditer(text) if any(w in folded for w in _VAGUE_COUNT_WORDS) else ()):
        unit, end = _unit_after(text, m.end() - 1)
        if not unit or unit.lower() in ("thousands", "millions", "billions", "trillions"):
            continue  # "tens of billions" with no unit: money or nothing, never a count
        factor = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1000, "millions": 1e6}[m.group("mag").lower()]
        base = _scale(m.group("scale")[:-1]) if m.group("scale") else 1.0
        lo = factor * base * (2 if m.group("mag").lower() == "dozens" else 1)
        hi = factor * base * 10
        out.append(Claim("count", text[m.start():end], m.start(), end, lo, hi, unit.lower(), "vague"))
    return _non_overlapping(out)

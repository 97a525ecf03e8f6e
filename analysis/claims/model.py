"""The claim record, the kinds of claim, the statuses a comparison can reach, and how a value is displayed."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import CLAIM_CUES_CSV, CLAIM_SLOTS_CSV, GAZETTEER_CSV, PLACES_CSV  # noqa: F401 (the loaders' defaults)

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

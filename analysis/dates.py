"""Dates: publication dates as ISO strings, and claim dates anchored to them.

Two jobs, both pure functions:

* :func:`parse_published` turns a written publication date ("November 20,
  2025", "20 Nov 2025", "2025-11-20T09:00:00Z") into ``YYYY-MM-DD`` with
  dateparser, or ``unknown`` when it cannot (the raw string is kept by the
  caller, never thrown away).
* :func:`anchor` resolves a partial or relative date that an article states
  ("Nov. 21", "Thursday", "today", "this week", "last month") against the
  article's publication date (its *document time*). The result is an
  inference, so callers keep it in its own column (``anchored``) beside the
  stated value and mark it with ``anchored_basis``. Without a publication
  date nothing is resolved.

Rules (tested in tests/test_dates.py):

* A weekday name is the most recent such day on or before publication; when
  the claim's tense is ``planned`` (future), the next such day on or after it.
* A month and day without a year take the year that puts them nearest to
  publication (an article of 2026-01-02 saying "Dec. 30" means 2025-12-30),
  within a year after it when the tense is ``planned``, within half a year
  before it when ``done``.
* today / yesterday / tomorrow / tonight: publication day, minus or plus one.
* this / last / next week: the ISO week (``2025-W47``); this / last / next
  month: ``YYYY-MM``; this / last / next year: ``YYYY``.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

UNKNOWN = "unknown"
ANCHOR_BASIS = "inferred from publication date"
"""``anchored_basis`` prefix: the value is not stated by the article."""

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_MD = re.compile(r"^--(\d{2})-(\d{2})$")
_COMPARABLE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _settings(**extra) -> dict:
    return {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", **extra}


def parse_published(raw: str | None) -> str:
    """A written publication date as ``YYYY-MM-DD``, or ``unknown``.

    A date needs a day, a month and a year: "November 2025" or "last fall" is
    not a publication date, so it gives ``unknown`` (and the caller keeps the
    raw text).
    """
    import dateparser

    text = " ".join(str(raw or "").split())
    if not text or text.lower() == UNKNOWN:
        return UNKNOWN
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return UNKNOWN
    parsed = dateparser.parse(text, settings=_settings(REQUIRE_PARTS=["day", "month", "year"]))
    return parsed.date().isoformat() if parsed else UNKNOWN


def _pub(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(published)) if published and _ISO_DAY.match(str(published)) else None
    except ValueError:
        return None


def _weekday(name: str, pub: dt.date, future: bool) -> dt.date:
    target = _WEEKDAYS.index(name)
    if future:
        return pub + dt.timedelta(days=(target - pub.weekday()) % 7)
    return pub - dt.timedelta(days=(pub.weekday() - target) % 7)


def _nearest_year(month: int, day: int, pub: dt.date, tense: str) -> dt.date | None:
    """The month and day in the year that fits the tense: within a year on or after publication for a
    plan, within half a year before it for something done; otherwise the nearest (a tie: the earlier)."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # 29 February in a common year
            continue
    if tense == "planned":  # a plan can lie up to a year ahead ("construction starts Nov. 2", said in March)
        candidates = [d for d in candidates if 0 <= (d - pub).days <= 366] or candidates
    elif tense == "done":  # a report of something done looks back at most half a year
        candidates = [d for d in candidates if 0 <= (pub - d).days <= 183] or candidates
    return min(candidates, key=lambda d: (abs((d - pub).days), d)) if candidates else None


def _month_day(text: str, pub: dt.date) -> tuple[int, int] | None:
    import dateparser

    m = _PARTIAL_MD.match(text.strip())
    if m:
        return int(m.group(1)), int(m.group(2))
    if not re.search(r"[A-Za-z]", text) or re.search(r"\b\d{4}\b", text):
        return None
    base = dt.datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(text, languages=["en"],
                              settings=_settings(RELATIVE_BASE=base, REQUIRE_PARTS=["day", "month"]))
    return (parsed.month, parsed.day) if parsed else None


def _iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_month(d: dt.date, months: int) -> str:
    index = d.year * 12 + d.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def anchor(expression: str, published: str | None, tense: str = "unmarked") -> tuple[str, str]:
    """Resolve a stated partial or relative date against the publication date.

    ``expression`` is what the article says ("on Thursday", "Nov. 21",
    "--11-21", "last month"); ``published`` is ``YYYY-MM-DD`` or anything
    else for unknown; ``tense`` is the claim's tense (``planned`` means the
    future). Returns ``(anchored, basis)``; ``anchored`` is "" when the
    expression is not a partial or relative date this module knows, or when
    there is no publication date (the basis then says why).
    """
    text = " ".join(str(expression or "").lower().split())
    pub = _pub(published)
    future = tense == "planned"
    rel = re.search(r"\b(today|tonight|yesterday|tomorrow)\b", text)
    week = re.search(r"\b(this|last|next)\s+(week|month|year)\b", text)
    day = re.search(r"\b(" + "|".join(_WEEKDAYS) + r")\b", text)
    if not (rel or week or day or _PARTIAL_MD.match(text) or re.search(r"[a-z]{3}", text)):
        return "", ""
    if pub is None:
        return "", "unresolved: the article's publication date is unknown"
    if rel:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[rel.group(1)]
        return (pub + dt.timedelta(days=shift)).isoformat(), f"{ANCHOR_BASIS} ({rel.group(1)})"
    if week:
        step = {"this": 0, "last": -1, "next": 1}[week.group(1)]
        unit = week.group(2)
        if unit == "week":
            value = _iso_week(pub + dt.timedelta(weeks=step))
        elif unit == "month":
            value = _shift_month(pub, step)
        else:
            value = f"{pub.year + step:04d}"
        return value, f"{ANCHOR_BASIS} ({week.group(0)})"
    if day:
        explicit_future = re.search(r"\bnext\s+" + day.group(1), text)
        explicit_past = re.search(r"\blast\s+" + day.group(1), text)
        wants_future = bool(explicit_future) or (future and not explicit_past)
        d = _weekday(day.group(1), pub, wants_future)
        if explicit_future and d == pub:
            d += dt.timedelta(days=7)
        if explicit_past and d == pub:
            d -= dt.timedelta(days=7)
        return d.isoformat(), f"{ANCHOR_BASIS} (weekday{', future tense' if wants_future else ''})"
    md = _month_day(text, pub)
    if md is None:
        return "", ""
    d = _nearest_year(md[0], md[1], pub, tense)
    if d is None:
        return "", ""
    return d.isoformat(), f"{ANCHOR_BASIS} (year)"


def is_comparable(value: str) -> bool:
    """True for the ISO forms the claim matrix compares (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    return bool(_COMPARABLE.match(str(value or "")))


def anchor_claims(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add ``anchored`` and ``anchored_basis`` to a claims table (a copy).

    Only date claims whose stated value is partial ("--11-21") or relative
    ("this week", "Thursday") are anchored, with each article's
    ``published`` date and the claim's ``tense``. The stated ``value`` is
    never changed.
    """
    out = claims.copy()
    published = dict(zip(articles["article_id"], articles.get("published", pd.Series(dtype=str))))
    anchored, basis = [], []
    for row in out.to_dict("records"):
        value = str(row.get("value") or "")
        relative = row.get("precision") == "relative"
        if row.get("kind") != "date" or not (relative or _PARTIAL_MD.match(value)):
            anchored.append("")
            basis.append("")
            continue
        a, b = anchor(value if _PARTIAL_MD.match(value) else str(row.get("raw", "")),
                      published.get(row.get("article_id")), str(row.get("tense") or "unmarked"))
        anchored.append(a)
        basis.append(b or "unresolved: no anchoring rule for this expression")
    out["anchored"] = anchored
    out["anchored_basis"] = basis
    return out


def with_anchored_values(group: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """For comparing: date claims whose anchored date the matrix can compare take it as their value.

    Returns (a copy of ``group``, the claim ids whose comparison now rests on
    anchoring). Groups without an ``anchored`` column come back unchanged.
    """
    if "anchored" not in group.columns:
        return group, []
    g = group.copy()
    use = (g["kind"] == "date") & g["anchored"].fillna("").astype(str).map(is_comparable)
    g.loc[use, "value"] = g.loc[use, "anchored"]
    g.loc[use, "precision"] = ["exact" if len(v) == 10 else "partial" for v in g.loc[use, "anchored"]]
    ids = g.loc[use, "claim_id"].tolist() if "claim_id" in g.columns else g.index[use].astype(str).tolist()
    return g, ids

"""Places, organisations, people, terms and direct quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from ..spans import non_overlapping
from ..text import MIN_QUOTE_WORDS, quote_spans
from .model import Claim, GAZETTEER_CSV, PLACES_CSV

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
        return ancestors(name, self.parents)


def ancestors(name: str, parents: dict[str, str]) -> list[str]:
    """The places that contain ``name``, innermost first ("Ohio" -> United States, North America).

    ``parents`` maps a place to the place it lies ``within``; a cycle in the
    lexicon stops the walk instead of looping.
    """
    out, seen = [], {name}
    while name in parents and parents[name] not in seen:
        name = parents[name]
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
    found = (gazetteer.find(text) if gazetteer is not None else []) + (places.find(text) if places is not None else [])
    return sorted(non_overlapping(found, span=lambda c: (c.start, c.end), priority=False), key=lambda c: c.start)


# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------

def find_quotes(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[Claim]:
    """Direct quotes, by the project's one rule (:func:`analysis.text.quote_spans`).

    Shorter quoted strings are titles or scare quotes (“Machine”, the AI
    “middle layer”), not statements; a quote left open runs to the end of the
    sentence. The value is the quoted words; the speaker is filled in by
    :func:`extract_claims`.
    """
    out = []
    for start, end in quote_spans(text, min_words):
        raw = text[start:end]
        closed = len(raw) > 1 and raw[-1] == {"“": "”"}.get(raw[0], raw[0])
        inner = raw[1:-1] if closed else raw[1:]
        out.append(Claim("quote", raw, start, end, inner.strip().strip(" ,.;:"), None, "", "exact"))
    return out

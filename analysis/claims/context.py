"""The context of a claim in its sentence: hedging and tense."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..spans import non_overlapping
from ..text import AnchorIndex, fold_for_prefilter, required_texts
from .entities import _read_list
from .model import CLAIM_CUES_CSV

# --------------------------------------------------------------------------
# Context: hedging and tense
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Cues:
    """The hedge / tense cue list, compiled (see ``data/lexicons/claim_cues.csv``)."""

    rows: tuple[tuple[str, re.Pattern, frozenset], ...]
    index: AnchorIndex | None = None  # the rows by the text their matches need (built by load_cues)

    def matches(self, text: str) -> list[tuple[int, int, str, frozenset]]:
        """Cue matches; a later row's match overlapping an earlier row's is dropped."""
        rows = self.rows if self.index is None else self.index.candidates(fold_for_prefilter(text))
        found = [(m.start(), m.end(), cue, roles) for cue, rx, roles in rows for m in rx.finditer(text)]
        return sorted(non_overlapping(found, priority=False))


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
    return Cues(tuple(rows), AnchorIndex([(required_texts(p), row) for p, row in zip(df["pattern"], rows)]))


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

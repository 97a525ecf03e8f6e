"""Extracting claims from the sentence table."""
from __future__ import annotations

from dataclasses import fields
from functools import partial
from pathlib import Path

import pandas as pd

from .. import config
from ..attribution import classify_attribution, compile_rules
from ..engine import map_articles
from ..ingest import body_sentences
from ..text import MIN_QUOTE_WORDS
from .context import Cues, claim_context, load_cues
from .entities import EntityMatcher, find_entities, find_quotes
from .model import CLAIM_COLUMNS, Claim, KINDS
from .parse import _num_str, parse_counts, parse_dates, parse_money, parse_percentages

# --------------------------------------------------------------------------
# Extraction from sentences
# --------------------------------------------------------------------------

_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


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
    min_quote_words: int = MIN_QUOTE_WORDS,
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
    min_quote_words: int = MIN_QUOTE_WORDS,
) -> pd.DataFrame:
    """The claims table for every body sentence (``is_heading`` False), with context.

    Columns: :data:`CLAIM_COLUMNS` (``group_id``/``group_origin`` are left
    empty here: see :func:`assign_slots` and :func:`auto_group`).
    """
    cues = cues if cues is not None else load_cues()
    attr_paths = {}
    if lexicons_dir is not None:
        lex = Path(lexicons_dir)
        if (lex / config.ATTRIBUTION).exists() and (lex / config.SPEECH_VERBS).exists():
            attr_paths = {"attribution_csv": lex / config.ATTRIBUTION, "speech_verbs_csv": lex / config.SPEECH_VERBS}
    body = body_sentences(sentences).sort_values("sentence_id", kind="stable")
    body = body.assign(_rank=range(len(body)))
    groups = [g[["_rank", "sentence_id", "article_id", "text"]].to_dict("records")
              for _, g in body.groupby("article_id", sort=False)]
    _claims_of_article([{"_rank": 0, "sentence_id": "-", "article_id": "-", "text": "On Nov. 21, 2025 it paid $1 billion."}],
                       places, gazetteer, cues, attr_paths, min_quote_words)  # load parsers and rules before workers fork
    extract = partial(_claims_of_article, places=places, gazetteer=gazetteer, cues=cues,
                      attr_paths=attr_paths, min_quote_words=min_quote_words)
    per_article = map_articles(extract, groups, [g[0]["article_id"] for g in groups], desc="claims")
    # back in sentence-id order, each sentence's claims in the order they were found
    rows = [row for _, row in sorted((pair for rows in per_article for pair in rows), key=lambda pair: pair[0])]
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _claims_of_article(records: list[dict], places, gazetteer, cues, attr_paths, min_quote_words) -> list:
    """(sentence rank, claim row) for each claim of one article's body sentences (a pure function, for
    :func:`analysis.engine.map_articles`)."""
    rules = compile_rules(**attr_paths)
    out = []
    for s in records:
        text = s["text"] if isinstance(s["text"], str) else ""
        att = classify_attribution(text, rules=rules) if text else None
        found = extract_claims(text, places, gazetteer, min_quote_words=min_quote_words,
                               attribution=(att.type, att.source) if att else None)
        matches = cues.matches(text)
        for i, c in enumerate(found):
            ctx = claim_context(text, c.start, c.end, cues, matches)
            row = {f: getattr(c, f) for f in _CLAIM_FIELDS}  # asdict without deep copies: the values are atomic
            row.update(ctx)
            row.update({
                "claim_id": f"{s['sentence_id']}-c{i:02d}",
                "article_id": s["article_id"],
                "sentence_id": s["sentence_id"],
                "value": _value_str(c.value),
                "value_high": _value_str(c.value_high),
                "display": c.display,
                "attribution": att.type,
                "source": att.source,
                "group_id": "",
                "group_origin": "",
            })
            out.append((s["_rank"], row))
    return out


def _value_str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return _num_str(v)
    return str(v)

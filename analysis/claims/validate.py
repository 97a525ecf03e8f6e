"""Validating claim attribution against hand coding."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import config
from ..validation import agreement_table, read_annotations

# --------------------------------------------------------------------------
# Validation against hand coding
# --------------------------------------------------------------------------

def load_hand_attribution(annotations_dir: str | Path, sentences: pd.DataFrame) -> pd.DataFrame | None:
    """The hand-coded framing labels (attribution, relayed_quote) joined to sentences, or None if absent.

    Raises a ValueError naming the file if a sentence's text differs from the
    current ``sentences`` table (the annotations are stale).
    """
    return read_annotations(Path(annotations_dir) / config.FRAMING_LABELS, sentences,
                            {"attribution": ("named", "vague", "none")})


def _truthy(x) -> bool:
    return str(x).strip().lower() in {"yes", "true", "1", "y"}


QUOTE_CHECK = "direct quote present (vs relayed_quote)"
ATTRIBUTION_CHECK = "attribution of claim-bearing sentences"


def _quote_flags(claims: pd.DataFrame, hand: pd.DataFrame) -> tuple[list[str], list[str]]:
    has_quote = set(claims.loc[claims["kind"] == "quote", "sentence_id"])
    gold = ["quote" if _truthy(x) else "no quote" for x in hand["relayed_quote"]]
    pred = ["quote" if s in has_quote else "no quote" for s in hand["sentence_id"]]
    return gold, pred


def validate_against_hand(claims: pd.DataFrame, hand: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict]]:
    """Agreement of the claims' context with hand coding, on the sentences that carry claims.

    Returns :func:`analysis.validation.agreement_table`'s ``(table, details)``
    with up to two methods: :data:`ATTRIBUTION_CHECK` (the attribution type of
    claim-bearing sentences) and, if the hand coding has ``relayed_quote``,
    :data:`QUOTE_CHECK` ("this sentence has a direct quote" against the hand
    flag, on all coded sentences). See :func:`quote_disagreements`.
    """
    per_sentence = claims.drop_duplicates("sentence_id")[["sentence_id", "attribution"]]
    joined = per_sentence.merge(hand[["sentence_id", "attribution"]], on="sentence_id", suffixes=("", "_hand"))
    gold, predicted, labels = {}, {}, {}
    if not joined.empty:
        gold[ATTRIBUTION_CHECK] = joined["attribution_hand"].str.strip()
        predicted[ATTRIBUTION_CHECK] = joined["attribution"]
        labels[ATTRIBUTION_CHECK] = ["named", "vague", "none"]
    if "relayed_quote" in hand.columns:
        gold[QUOTE_CHECK], predicted[QUOTE_CHECK] = _quote_flags(claims, hand)
        labels[QUOTE_CHECK] = ["quote", "no quote"]
    return agreement_table(gold, predicted, labels)


def quote_disagreements(claims: pd.DataFrame, hand: pd.DataFrame) -> pd.DataFrame:
    """Coded sentences where the quote detector and the ``relayed_quote`` flag differ (sentence_id, hand, method, text)."""
    gold, pred = _quote_flags(claims, hand)
    return pd.DataFrame(
        [{"sentence_id": s, "hand": g, "method": p_, "text": t}
         for s, g, p_, t in zip(hand["sentence_id"], gold, pred, hand["text"]) if g != p_],
        columns=["sentence_id", "hand", "method", "text"])

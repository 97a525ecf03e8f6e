"""Validating claim attribution against hand coding."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import config
from ..annotations import read_annotations

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


def validate_against_hand(claims: pd.DataFrame, hand: pd.DataFrame) -> dict:
    """Agreement of the claims' context with hand coding, on the sentences that carry claims.

    Returns ``attribution`` (the :func:`analysis.stats.agreement` dict for the
    attribution type of claim-bearing sentences) and, if the hand coding has
    ``relayed_quote``, ``quotes`` (agreement of "this sentence has a direct
    quote of 3+ words" with the hand flag, on all coded sentences) and
    ``quote_disagreements`` (sentence_id, hand, method, text).
    """
    from ..stats import agreement

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

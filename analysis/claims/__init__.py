"""Claims: the checkable facts in each sentence, normalised, sourced and compared.

A *claim* is a span of a sentence that a fact-checker could look up: an amount
of money, a percentage, a date, a count with a unit, a place, a named
organisation, person or story term, or a direct quote. This package

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

from .model import (  # noqa: F401
    Claim,
    CLAIM_COLUMNS,
    CLAIM_CUES_CSV,
    CLAIM_SLOTS_CSV,
    format_value,
    GAZETTEER_CSV,
    KINDS,
    MATRIX_KINDS,
    NUMERIC_KINDS,
    PLACES_CSV,
    SET_KINDS,
    STATUS_AGREE,
    STATUS_COLOURS,
    STATUS_CONFLICT,
    STATUS_NOT_COMPARABLE,
    STATUS_PRECISION,
    STATUS_SINGLE_SOURCED,
    STATUS_SINGLE_UNSOURCED,
    STATUSES,
)
from .parse import (  # noqa: F401
    MONTHS,
    parse_counts,
    parse_dates,
    parse_money,
    parse_number,
    parse_percentages,
    SCALES,
)
from .entities import (  # noqa: F401
    ancestors,
    EntityMatcher,
    find_entities,
    find_quotes,
    load_gazetteer,
    load_places,
)
from .context import (  # noqa: F401
    claim_context,
    Cues,
    load_cues,
)
from .extract import (  # noqa: F401
    build_claims,
    extract_claims,
    _value_str,
)
from .grouping import (  # noqa: F401
    assign_slots,
    auto_group,
    claim_contexts,
    context_similarity,
    load_slots,
    SLOT_COLUMNS,
)
from .compare import (  # noqa: F401
    attribution_summary,
    compare_claims,
    short_id,
    value_relation,
)
from .matrix import (  # noqa: F401
    article_summary,
    bullets,
    cell_text,
    CHECKABLE_KINDS,
    claim_matrix,
    evidence_table,
    kind_counts,
    matrix_grid,
    mentions_table,
    show_claim_matrix,
    sourcing_note,
    style_claim_matrix,
)
from .validate import (  # noqa: F401
    load_hand_attribution,
    ATTRIBUTION_CHECK,
    QUOTE_CHECK,
    quote_disagreements,
    validate_against_hand,
)
from .plots import (  # noqa: F401
    ATTRIBUTION_COLOURS,
    plot_claim_matrix,
    plot_kinds_by_attribution,
)

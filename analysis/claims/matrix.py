"""The claim matrix, its evidence, and the summaries the notebook shows."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from .. import sizing
from ..dates import with_anchored_values
from ..narrative import escaped_styler, styled
from .compare import MAX_LISTED, _article_tense, _join, _most_precise, attribution_summary, compare_claims, short_id
from .model import KINDS, MATRIX_KINDS, STATUS_COLOURS, STATUS_NOT_COMPARABLE

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
    row.update(dict.fromkeys(article_ids, ""))  # one pass over the group's own articles, not over every article
    for a, claims_of_a in part.groupby("article_id", sort=False):
        if a in row:
            row[a] = cell_text(claims_of_a.sort_values("claim_id"), event)
    if part.empty:
        status, reason = STATUS_NOT_COMPARABLE, "no claim found"
    else:
        compared, anchored = with_anchored_values(part)  # dates anchored to publication, when stated partly
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
    """A Styler for the matrix (:func:`analysis.narrative.escaped_styler`: escaped, stable id), coloured by status.

    The status cell and every non-empty article cell of a row take the
    status colour (:data:`STATUS_COLOURS`); empty cells stay white.
    """
    styler = escaped_styler(display)

    def colour(row):
        c = STATUS_COLOURS.get(row[status_column], "")
        return [f"background-color: {c}" if c and (col == status_column or (col in value_columns and str(row[col]).strip()))
                else "" for col in row.index]

    styler = styler.apply(colour, axis=1)
    styler = styler.set_table_styles([{"selector": "td", "props": "vertical-align: top; text-align: left; max-width: 22em;"},
                                      {"selector": "th", "props": "text-align: left;"}])
    return styler.hide(axis="index")


def show_claim_matrix(matrix: pd.DataFrame, article_ids: Sequence[str], labels: dict[str, str]):
    """The styled matrix for display, bounded by the notebook's limits (:mod:`analysis.sizing`).

    Up to ``max_rows`` facts and ``max_panels`` articles it is the whole matrix.
    Above, it shows the slots and then the facts stated by the most articles,
    and the articles that state the most of those facts, with a sentence
    saying so and a link to the full matrix as CSV.
    """
    limits = sizing.current()
    ids, rows = list(article_ids), matrix
    hidden = []
    if len(matrix) > limits.max_rows:
        ranked = matrix.assign(_auto=matrix["origin"] != "slot file").sort_values(
            ["_auto", "n_articles", "group_id"], ascending=[True, False, True], kind="mergesort")
        rows = matrix.loc[sorted(ranked.head(limits.max_rows).index)]
        hidden.append(f"the {len(rows):,} of {len(matrix):,} facts stated by the most articles (slots first)")
    if sizing.too_many(len(ids)):
        said = {a: int(rows[a].astype(str).str.strip().ne("").sum()) for a in ids}
        ids = sorted(sorted(ids, key=lambda a: (-said[a], a))[:limits.max_panels])
        hidden.append(f"the {len(ids)} of {len(article_ids):,} articles that state the most of them")
    display = rows[["label", *ids, "status", "reason"]].rename(columns={**labels, "label": "fact"})
    table = styled(style_claim_matrix(display, value_columns=[labels.get(a, a) for a in ids]))
    if hidden:
        full = matrix[["label", *article_ids, "status", "reason"]].rename(columns={**labels, "label": "fact"})
        _, table.note_html = sizing.link_note(full, "claim matrix", "The matrix shows " + " and ".join(hidden) + ".")
    return table


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
    notes = {}
    for a, sub in part.groupby("article_id", sort=True):
        best, sources = attribution_summary(sub)
        notes[a] = ("no source" if best == "none" else best) + (f" ({sources})" if sources else "")
    if len(notes) <= MAX_LISTED:
        return "; ".join(f"{short_id(a)} {note}" for a, note in notes.items())
    same: dict[str, list[str]] = {}  # many articles: those sourced alike are listed together
    for a, note in notes.items():
        same.setdefault(note, []).append(a)
    return "; ".join(f"{_join(ids)} {note}" for note, ids in sorted(same.items(), key=lambda x: sorted(x[1])))


def matrix_grid(matrix: pd.DataFrame, article_ids: Sequence[str]) -> pd.DataFrame:
    """The matrix in long form for the figure: group_id, label, article_id, has_claim, status."""
    import numpy as np

    ids = list(article_ids)
    n, k = len(matrix), len(ids)
    cells = matrix[ids].to_numpy(dtype=object).ravel() if n and k else np.array([], dtype=object)
    has = np.fromiter((isinstance(c, str) and bool(c.strip()) for c in cells), dtype=bool, count=len(cells))
    return pd.DataFrame({"group_id": np.repeat(matrix["group_id"].to_numpy(dtype=object), k),
                         "label": np.repeat(matrix["label"].to_numpy(dtype=object), k),
                         "article_id": np.tile(np.array(ids, dtype=object), n),
                         "has_claim": has,
                         "status": np.repeat(matrix["status"].to_numpy(dtype=object), k)},
                        columns=["group_id", "label", "article_id", "has_claim", "status"])


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
    ``say`` escapes them; only the list markup is in the template. Above the
    notebook's ``max_rows`` (:mod:`analysis.sizing`), the first rows and a last
    bullet saying how many more there are.
    """
    template, values = [], {}
    limit = sizing.current().max_rows
    n_more = max(0, len(rows) - limit)
    for i, (_, r) in enumerate(rows.head(limit).iterrows()):
        template.append(f"- **{{l{i}}}**: {{r{i}}}" + (f". *Sources:* {{s{i}}}." if with_sources else ""))
        values.update({f"l{i}": r["label"], f"r{i}": r["reason"]})
        if with_sources:
            values[f"s{i}"] = sourcing_note(claims, r["group_id"])
    if n_more:
        template.append("- … and {n_more:,} more, listed in `claim_matrix.csv`.")
        values["n_more"] = n_more
    return "\n".join(template), values

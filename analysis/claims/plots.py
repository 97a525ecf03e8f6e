"""The claims figures (notebook 04). Each returns ``(figure, data)``: the data is what the figure shows."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from .. import sizing
from .model import KINDS, STATUSES, STATUS_COLOURS

ATTRIBUTION_COLOURS = {"named": "#4c72b0", "vague": "#dd8452", "none": "#b0b0b0"}


def plot_kinds_by_attribution(counts: pd.DataFrame, article_ids: Sequence[str], labels: dict[str, str]):
    """Small multiples: per article, claims per kind stacked by attribution (counts: article_id, kind, attribution, n).

    Above ``max_panels`` articles, one panel for all articles together (the data are then the
    totals over articles, ``article_id`` = "all").
    """
    import matplotlib.pyplot as plt

    title = "Claims by kind and attribution of their sentence"
    if sizing.too_many(len(article_ids)):
        sizing.announce(f"With {len(article_ids):,} articles, the next figure adds up the claims of all of them "
                        "in one panel instead of one panel per article.")
        counts = (counts.groupby(["kind", "attribution"], sort=True)["n"].sum().reset_index()
                  .assign(article_id="all")[["article_id", "kind", "attribution", "n"]])
        labels = {"all": f"all {len(article_ids):,} articles"}
        article_ids = ["all"]
    kinds = [k for k in KINDS if k in set(counts["kind"])]
    fig, axes = plt.subplots(1, len(article_ids), figsize=(3.2 * len(article_ids), 0.3 * len(kinds) + 1.6),
                             sharey=True, sharex=True, squeeze=False)
    for ax, a in zip(axes[0], article_ids):
        left = pd.Series(0.0, index=kinds)
        for att in ("named", "vague", "none"):
            part = counts[(counts["article_id"] == a) & (counts["attribution"] == att)].set_index("kind")["n"]
            vals = part.reindex(kinds, fill_value=0).astype(float)
            ax.barh(kinds, vals, left=left, color=ATTRIBUTION_COLOURS[att], label=att)
            left += vals
        ax.set_title(labels.get(a, a), fontsize=9)
        ax.set_xlabel("claims")
    axes[0][0].invert_yaxis()
    axes[0][-1].legend(title="attribution", fontsize=8, title_fontsize=8, loc="lower right")
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig, counts


def plot_claim_matrix(matrix: pd.DataFrame, grid: pd.DataFrame, article_ids: Sequence[str], labels: dict[str, str]):
    """The slots x articles grid: a cell is coloured by the row's status where the article says something.

    Above ``max_rows`` facts, the facts stated by the most articles (slots first); above
    ``max_panels`` articles, the articles stating the most of those facts (:mod:`analysis.sizing`).
    The data are the grid cells drawn.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    limits = sizing.current()
    note = ""
    if len(matrix) > limits.max_rows:
        ranked = matrix.assign(_slot=matrix["origin"] != "slot file").sort_values(
            ["_slot", "n_articles", "group_id"], ascending=[True, False, True], kind="mergesort")
        matrix = ranked.head(limits.max_rows).drop(columns="_slot")
        note += f"; the {limits.max_rows} facts stated by most articles"
    if sizing.too_many(len(article_ids)):
        on = grid[grid["has_claim"].astype(bool) & grid["group_id"].isin(set(matrix["group_id"]))]
        per_article = on.groupby("article_id").size().reindex(list(article_ids), fill_value=0)
        per_article = per_article.rename("n").reset_index().rename(columns={"index": "article_id"})
        k = limits.max_panels
        top = per_article.sort_values(["n", "article_id"], ascending=[False, True], kind="mergesort").head(k)
        article_ids = sorted(top["article_id"])
        note += f"; the {k} of {len(per_article):,} articles stating most of them"
    if note:
        sizing.announce(f"The next figure draws {note[2:]}; the full matrix is in claim_matrix.csv.")
        grid = grid[grid["group_id"].isin(set(matrix["group_id"])) & grid["article_id"].isin(set(article_ids))]

    has = {(r.group_id, r.article_id): bool(r.has_claim) for r in grid.itertuples()}
    fig, ax = plt.subplots(figsize=(1.6 * len(article_ids) + 5.5, 0.36 * len(matrix) + 1.4))
    for i, (_, r) in enumerate(matrix.iterrows()):
        for j, a in enumerate(article_ids):
            on = has.get((r["group_id"], a), False)
            ax.add_patch(Rectangle((j, i), 0.95, 0.9, color=STATUS_COLOURS[r["status"]] if on else "#f7f7f7"))
            if on:
                ax.text(j + 0.47, i + 0.45, "●", ha="center", va="center", fontsize=8, color="#333333")
    ax.set_xlim(0, max(len(article_ids), 1))
    ax.set_ylim(max(len(matrix), 1), 0)
    ax.set_xticks([j + 0.47 for j in range(len(article_ids))])
    ax.set_xticklabels([labels.get(a, a) for a in article_ids], rotation=20, ha="right", fontsize=8)
    ax.set_yticks([i + 0.45 for i in range(len(matrix))])
    ax.set_yticklabels([str(x) if len(str(x)) <= 48 else str(x)[:46] + "…" for x in matrix["label"]], fontsize=8)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    present = [s for s in STATUSES if s in set(matrix["status"])]
    ax.legend(handles=[Patch(color=STATUS_COLOURS[s], label=s) for s in present], loc="upper left",
              bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title("Which article says what, coloured by the fact's status" + (f" ({note[2:]})" if note else ""),
                 fontsize=10)
    fig.tight_layout()
    return fig, grid

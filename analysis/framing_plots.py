"""The framing figures (notebook 03). Each returns ``(figure, data)``: the data is what the figure shows, for :func:`analysis.io.save_figure`."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import sizing


# --------------------------------------------------------------------------
# Figures: each returns (figure, the data it shows)
# --------------------------------------------------------------------------

def plot_index(table: pd.DataFrame):
    """Hype–skepticism index per article with its 95% interval (writer's words; quotes counted as a ring).

    Above ``max_panels`` articles, the highest and lowest by hype index (:mod:`analysis.sizing`).
    """
    import matplotlib.pyplot as plt

    note = sizing.extremes_note(len(table), "hype index")
    table = sizing.extremes(table, "hype_index")
    data = table.sort_values("hype_index")[["article_id", "article_label", "n_sentences", "hype_index",
                                            "ci_low", "ci_high", "hype_index_incl_quotes"]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.7 * len(data) + 1.4))
    y = np.arange(len(data))
    ax.errorbar(data["hype_index"], y, xerr=[data["hype_index"] - data["ci_low"], data["ci_high"] - data["hype_index"]],
                fmt="o", color="black", ecolor="grey", capsize=4, label="writer's own words (95% bootstrap CI)")
    ax.scatter(data["hype_index_incl_quotes"], y, facecolors="none", edgecolors="tab:red", s=70, zorder=3,
               label="if relayed quotes counted")
    ax.axvline(0, color="lightgrey", lw=1, zorder=0)
    ax.set_yticks(y, [f"{lab} (n={n})" for lab, n in zip(data["article_label"], data["n_sentences"])])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("hype–skepticism index: mean of +1 hype / −1 skeptical / 0 neutral sentences")
    ax.set_title("Where each article sits: selling (right) or questioning (left) its subject" + note,
                 **({"fontsize": 9} if note else {}))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_rates(table: pd.DataFrame):
    """Cue rates per 1,000 tokens by category, one group of bars per article.

    Above ``max_panels`` articles, a box plot of each rate across all articles (a distribution).
    """
    import matplotlib.pyplot as plt

    cols = ["rate_hype", "rate_booster", "rate_skeptic", "rate_hedge", "rate_investor"]
    if sizing.too_many(len(table)):
        sizing.announce(f"With {len(table):,} articles, the next figure shows how each cue rate is distributed "
                        "across them (box plots) instead of one bar per article; the rates are in the table below.")
        data = table.sort_values("article_id")[["article_id", "article_label"] + cols].reset_index(drop=True)
        fig, ax = plt.subplots(figsize=(8, 3.8))
        ax.boxplot([data[c] for c in cols], widths=0.5, medianprops={"color": "black"})
        ax.set_xticks(range(1, len(cols) + 1), [c.removeprefix("rate_") for c in cols])
        ax.set_ylabel("cues per 1,000 tokens")
        ax.set_title(f"How often each kind of cue occurs (writer's own words), across {len(data):,} articles",
                     fontsize=10)
        fig.tight_layout()
        return fig, data
    data = table.sort_values("article_id")[["article_id", "article_label"] + cols].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 3.8))
    width = 0.8 / len(data)
    x = np.arange(len(cols))
    for i, row in data.iterrows():
        ax.bar(x + i * width - 0.4 + width / 2, [row[c] for c in cols], width, label=row["article_label"])
    ax.set_xticks(x, [c.removeprefix("rate_") for c in cols])
    ax.set_ylabel("cues per 1,000 tokens")
    ax.set_title("How often each kind of cue occurs (writer's own words)")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_sourcing(table: pd.DataFrame):
    """Share of body sentences with named, vague and no attribution, per article.

    Above ``max_panels`` articles, the highest and lowest by share of unattributed sentences.
    """
    import matplotlib.pyplot as plt

    cols = ["share_named", "share_vague", "share_none"]
    note = sizing.extremes_note(len(table), "share of unattributed sentences")
    if note:
        table = sizing.extremes(table, "share_none")
    data = table if note else table.sort_values("article_id")
    data = data[["article_id", "article_label", "n_sentences"] + cols].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(data) + 1.3))
    left = np.zeros(len(data))
    colors = {"share_named": "tab:blue", "share_vague": "tab:orange", "share_none": "lightgrey"}
    y = np.arange(len(data))  # one bar per article_id, even if two labels were alike
    for c in cols:
        ax.barh(y, data[c], left=left, color=colors[c], label=c.removeprefix("share_"))
        left += data[c].to_numpy()
    ax.set_yticks(y, data["article_label"])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of body sentences")
    ax.set_title("Who says so? Attribution of each sentence" + note, **({"fontsize": 9} if note else {}))
    ax.legend(ncols=3, fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.3))
    fig.tight_layout()
    return fig, data


def plot_keyness(top: pd.DataFrame, labels: dict[str, str] | None = None, ncols: int = 2):
    """Horizontal bars of z-scores for the top words of each target (from :func:`top_keywords`).

    Above ``max_panels`` targets, the first and last ``max_panels // 2`` in the table's order.
    """
    import matplotlib.pyplot as plt

    labels = labels or {}
    all_targets = list(dict.fromkeys(top["target"]))
    targets = sizing.sample_articles(all_targets)
    if len(targets) < len(all_targets):
        top = top[top["target"].isin(targets)]
        sizing.announce(f"The next figure draws the first {len(targets) // 2} and the last {len(targets) // 2} "
                        f"of {len(all_targets):,} texts in order of their id; every text's words are in the "
                        "keyness table written by this notebook.")
    nrows = math.ceil(len(targets) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 2.6 * nrows), squeeze=False)
    for ax, target in zip(axes.flat, targets):
        part = top[top["target"] == target].iloc[::-1]
        ax.barh(part["word"], part["z"], color="tab:purple")
        ax.axvline(1.96, color="grey", lw=0.8, ls="--")
        ax.set_title(labels.get(target, str(target)), fontsize=9)
        ax.tick_params(labelsize=8)
        ax.set_xlabel("z (log-odds, Dirichlet prior)", fontsize=8)
    for ax in list(axes.flat)[len(targets):]:
        ax.axis("off")
    shown = "" if len(targets) == len(all_targets) else (
        f" (the first {len(targets) // 2} and last {len(targets) // 2} of {len(all_targets):,})")
    fig.suptitle(f"Words most typical of each text compared with the rest (dashed: z = 1.96){shown}", fontsize=10)
    fig.tight_layout()
    return fig, top.reset_index(drop=True)

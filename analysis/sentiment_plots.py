"""The sentiment figures (notebook 02). Each returns ``(figure, data)``: the data is what the figure shows, for :func:`analysis.io.save_figure`."""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from . import sizing
from .sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
from .stats import DEFAULT_SEED


# --------------------------------------------------------------------------
# Figures: each returns (figure, the data it shows) for analysis.io.save_figure
# --------------------------------------------------------------------------

LABEL_COLOURS = {"negative": "#c0392b", "neutral": "#7f8c8d", "positive": "#2471a3"}


def _label_map(articles: pd.DataFrame | None, ids: Iterable[str]) -> dict[str, str]:
    known = {} if articles is None else dict(zip(articles["article_id"], articles["label"]))
    return {a: known.get(a, a) for a in ids}


def _drawn_ids(per_article: pd.DataFrame, by: str) -> tuple[list[str], str]:
    """The article ids a per-article figure draws (:func:`analysis.sizing.extremes`) and its title's note."""
    drawn = sizing.extremes(per_article, by)
    return list(drawn["article_id"]), sizing.extremes_note(len(per_article), by.replace("_", " "))


def plot_article_means(article_table: pd.DataFrame):
    """Mean compound per article with its 95% bootstrap interval, raw and with overrides.

    Above ``max_panels`` articles, the highest and lowest by mean compound (:mod:`analysis.sizing`).
    """
    import matplotlib.pyplot as plt

    keep, note = _drawn_ids(article_table, "mean_compound")
    article_table = article_table[article_table["article_id"].isin(keep)]
    rows = []
    for r in article_table.itertuples(index=False):
        rows.append({"article_id": r.article_id, "article_label": r.article_label, "measure": "VADER",
                     "mean_compound": r.mean_compound, "ci_low": r.ci_low, "ci_high": r.ci_high})
        rows.append({"article_id": r.article_id, "article_label": r.article_label, "measure": "VADER with overrides",
                     "mean_compound": r.mean_compound_adjusted, "ci_low": r.ci_low_adjusted,
                     "ci_high": r.ci_high_adjusted})
    data = pd.DataFrame(rows)
    ranked = article_table.sort_values("article_id", ascending=False)
    order, ids = list(ranked["article_label"]), list(ranked["article_id"])  # keyed on ids: labels may repeat
    fig, ax = plt.subplots(figsize=(7.5, 0.7 * len(order) + 1.4))
    for k, (measure, marker, shift) in enumerate((("VADER", "o", 0.12), ("VADER with overrides", "s", -0.12))):
        part = data[data["measure"] == measure].set_index("article_id").loc[ids]
        y = np.arange(len(order)) + shift
        ax.errorbar(part["mean_compound"], y, xerr=[part["mean_compound"] - part["ci_low"],
                                                     part["ci_high"] - part["mean_compound"]],
                    fmt=marker, color=f"C{k}", capsize=3, label=measure)
    ax.axvspan(NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, color="0.9", zorder=0, label="neutral band (±0.05)")
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_yticks(np.arange(len(order)), order)
    ax.set_xlabel("mean compound of the article's sentences (95% bootstrap interval)")
    ax.set_title("Average sentence sentiment per article" + note, **({"fontsize": 10} if note else {}))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_arc(arc: pd.DataFrame, articles: pd.DataFrame | None = None, window: int = 5):
    """Sentence compounds along each article (dots) with a rolling mean (line), one panel per article.

    Above ``max_panels`` articles, small multiples of the articles with the highest and lowest
    mean compound (:mod:`analysis.sizing`); the data are those articles' sentences.
    """
    import matplotlib.pyplot as plt

    means = arc.groupby("article_id", sort=True)["compound"].mean().rename("mean_compound").reset_index()
    keep, note = _drawn_ids(means, "mean_compound")
    ids = sorted(keep) if not note else keep
    arc = arc[arc["article_id"].isin(ids)] if note else arc
    labels = _label_map(articles, ids)
    data = arc.assign(article_label=arc["article_id"].map(labels))
    fig, axes = plt.subplots(len(ids), 1, figsize=(7.5, 1.7 * len(ids) + 0.8), sharex=True, sharey=True,
                             squeeze=False)
    for k, (ax, aid) in enumerate(zip(axes[:, 0], ids)):
        part = data[data["article_id"] == aid]
        ax.axhspan(NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, color="0.9", zorder=0)
        ax.axhline(0, color="0.6", lw=0.6)
        ax.scatter(part["rel_position"], part["compound"], s=12, color=f"C{k}", alpha=0.55)
        ax.plot(part["rel_position"], part["rolling_mean"], color=f"C{k}", lw=2)
        ax.set_title(labels[aid], fontsize=9, loc="left")
        ax.set_ylim(-1.05, 1.05)
    axes[-1, 0].set_xlabel("relative position in the article (0 = first body sentence, 1 = last)")
    fig.supylabel("compound")
    fig.suptitle(f"Sentiment arc: sentence compounds and a {window}-sentence rolling mean{note}", fontsize=10)
    fig.tight_layout()
    return fig, data


def plot_distribution(scored: pd.DataFrame, articles: pd.DataFrame | None = None, seed: int = DEFAULT_SEED):
    """Box plot of sentence compounds per article with every sentence as a dot coloured by its label.

    Above ``max_panels`` articles, the articles with the highest and lowest mean compound.
    """
    import matplotlib.pyplot as plt

    means = scored.groupby("article_id", sort=True)["compound"].mean().rename("mean_compound").reset_index()
    keep, note = _drawn_ids(means, "mean_compound")
    ids = sorted(keep) if not note else keep[::-1]
    scored = scored[scored["article_id"].isin(ids)] if note else scored
    labels = _label_map(articles, ids)
    data = scored[["sentence_id", "article_id", "compound", "label"]].assign(
        article_label=scored["article_id"].map(labels))
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(7.5, 0.8 * len(ids) + 1.4))
    ax.boxplot([data.loc[data["article_id"] == a, "compound"] for a in ids], vert=False, widths=0.5,
               showfliers=False, medianprops={"color": "black"})
    for k, aid in enumerate(ids, start=1):
        part = data[data["article_id"] == aid]
        jitter = rng.uniform(-0.18, 0.18, size=len(part))
        ax.scatter(part["compound"], k + jitter, s=14, alpha=0.75, c=part["label"].map(LABEL_COLOURS), zorder=3)
    ax.axvspan(NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, color="0.9", zorder=0)
    ax.set_yticks(range(1, len(ids) + 1), [labels[a] for a in ids])
    ax.set_xlabel("sentence compound (dots: red negative, grey neutral, blue positive)")
    ax.set_title("How sentence sentiment is spread within each article" + note, **({"fontsize": 10} if note else {}))
    fig.tight_layout()
    return fig, data


def plot_measures(scored: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Sentence by sentence: VADER compound against the word-count tone (per 100 words).

    Above ``max_panels`` articles, one colour for all sentences (no legend of articles), drawn
    small and faint so that density shows.
    """
    import matplotlib.pyplot as plt

    ids = sorted(scored["article_id"].unique())
    labels = _label_map(articles, ids)
    data = scored[["sentence_id", "article_id", "compound", "tone", "label", "tone_label"]].assign(
        article_label=scored["article_id"].map(labels))
    fig, ax = plt.subplots(figsize=(7, 4.6))
    if sizing.too_many(len(ids)):
        sizing.announce(f"With {len(ids):,} articles, the next figure draws every sentence in one colour "
                        "instead of one colour per article.")
        ax.scatter(data["tone"], data["compound"], s=4, alpha=0.15, color="C0",
                   label=f"{len(data):,} sentences from {len(ids):,} articles")
    else:
        for k, aid in enumerate(ids):
            part = data[data["article_id"] == aid]
            ax.scatter(part["tone"], part["compound"], s=16, alpha=0.7, color=f"C{k}", label=labels[aid])
    ax.axhline(0, color="0.6", lw=0.6)
    ax.axvline(0, color="0.6", lw=0.6)
    ax.set_xlabel("word-count tone of the sentence (positive − negative words per 100 words)")
    ax.set_ylabel("VADER compound")
    ax.set_title("Two measures, sentence by sentence")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data

"""Figures for notebooks 01 and 05. Each function returns ``(figure, data)``.

The data is exactly what the figure shows, so ``analysis.io.save_figure`` can
save it beside the PNG. Each analysis stage has one plotting module of its own
(:mod:`analysis.sentiment_plots`, :mod:`analysis.framing_plots`,
:mod:`analysis.claims.plots`); notebook 05 reuses framing's sourcing figure.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import sizing


def article_lengths(articles: pd.DataFrame):
    """Words and body sentences per article, as two bar panels.

    Above ``max_panels`` articles, two histograms (the distribution of lengths).
    """
    import matplotlib.pyplot as plt

    data = articles[["article_id", "label", "n_words", "n_sentences"]].sort_values("article_id").reset_index(drop=True)
    if sizing.too_many(len(data)):
        sizing.announce(f"With {len(data):,} articles, the next figure shows the distribution of their lengths "
                        "(histograms) instead of one bar per article.")
        fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
        axes[0].hist(data["n_words"], bins=30, color="#4c72b0")
        axes[0].set_xlabel("words in body text")
        axes[0].set_ylabel("articles")
        axes[1].hist(data["n_sentences"], bins=30, color="#dd8452")
        axes[1].set_xlabel("body sentences")
        fig.suptitle(f"Article lengths after cleaning ({len(data):,} articles)")
        fig.tight_layout()
        return fig, data
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.45 * len(data) + 1.4))
    y = np.arange(len(data))  # one bar per article_id, even if two labels were alike
    axes[0].barh(y, data["n_words"], color="#4c72b0")
    axes[0].set_yticks(y, data["label"])
    axes[0].set_xlabel("words in body text")
    axes[1].barh(y, data["n_sentences"], color="#dd8452")
    axes[1].set_xlabel("body sentences")
    axes[1].set_yticks(y, [""] * len(data))
    for ax in axes:
        ax.invert_yaxis()
    fig.suptitle("Article lengths after cleaning")
    return fig, data


def tone_and_framing(overview: pd.DataFrame):
    """Mean VADER compound and hype–skepticism index per article, each with its 95% interval.

    Above ``max_panels`` articles, the highest and lowest by hype index (:mod:`analysis.sizing`).
    """
    import matplotlib.pyplot as plt

    note = sizing.extremes_note(len(overview), "hype index")
    overview = sizing.extremes(overview, "hype_index")
    data = overview[["article_id", "label", "mean_compound", "tone_ci_low", "tone_ci_high",
                     "hype_index", "hype_ci_low", "hype_ci_high"]].sort_values(["hype_index", "article_id"])
    data = data.reset_index(drop=True)
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.6 * len(data) + 1.6), sharey=True)
    y = np.arange(len(data))
    panels = [
        (axes[0], "mean_compound", "tone_ci_low", "tone_ci_high", "Tone: mean VADER compound", "#4c72b0"),
        (axes[1], "hype_index", "hype_ci_low", "hype_ci_high", "Framing: hype (+) vs skepticism (−)", "#c44e52"),
    ]
    for ax, est, low, high, title, colour in panels:
        ax.errorbar(data[est], y, xerr=[data[est] - data[low], data[high] - data[est]], fmt="o", color=colour, capsize=4)
        ax.axvline(0, color="grey", lw=0.8)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(-1, 1)
    axes[0].set_yticks(y)
    axes[0].set_yticklabels(data["label"])
    fig.suptitle("Each article's tone and framing, with 95% intervals" + note)
    fig.tight_layout()
    return fig, data

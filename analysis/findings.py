"""The findings: every sentence of the summary rendered from the processed tables.

Notebook 05 and the README's findings block both use these functions, so no
number in the summary is typed by hand. Each ``*_summary`` function takes the
loaded tables and returns Markdown; missing tables (another corpus without
annotations, say) give a sentence saying what is missing instead of a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .io import read_table
from .narrative import render

OPTIONAL_TABLES = ("sentiment_validation", "framing_validation", "claims", "claim_matrix",
                   "framing_measure_validation", "framing_article_agreement", "framing_held_out",
                   "framing_held_out_articles")


@dataclass
class Results:
    """The tables the earlier notebooks wrote (optional ones may be None)."""

    articles: pd.DataFrame
    sentiment: pd.DataFrame
    framing: pd.DataFrame
    sentiment_validation: pd.DataFrame | None = None
    framing_validation: pd.DataFrame | None = None
    claims: pd.DataFrame | None = None
    claim_matrix: pd.DataFrame | None = None
    framing_measure_validation: pd.DataFrame | None = None
    framing_article_agreement: pd.DataFrame | None = None
    framing_held_out: pd.DataFrame | None = None
    framing_held_out_articles: pd.DataFrame | None = None


def load_results(processed_dir: str | Path) -> Results:
    """Read the tables of notebooks 01–04 from ``processed_dir``."""
    processed_dir = Path(processed_dir)
    optional = {name: read_table(processed_dir, name) if (processed_dir / f"{name}.csv").exists() else None
                for name in OPTIONAL_TABLES}
    for name in ("sentiment_validation", "framing_validation"):
        if optional[name] is not None:  # tables written before the shared schema named the method column so
            optional[name] = optional[name].rename(columns={"measure": "method", "scheme": "method"})
    return Results(
        articles=read_table(processed_dir, "articles"),
        sentiment=read_table(processed_dir, "sentiment_articles"),
        framing=read_table(processed_dir, "framing_articles"),
        **optional,
    )


def _interval(est: float, low: float, high: float) -> str:
    return f"{est:+.2f}, 95% CI {low:+.2f} to {high:+.2f}".replace("-", "−")


def article_overview(r: Results) -> pd.DataFrame:
    """One row per article: tone and framing with intervals, and the sourcing profile."""
    tone = r.sentiment[["article_id", "n_sentences", "mean_compound", "ci_low", "ci_high"]].rename(
        columns={"ci_low": "tone_ci_low", "ci_high": "tone_ci_high"})
    frame = r.framing[["article_id", "hype_index", "ci_low", "ci_high", "share_named", "share_vague", "share_none"]]
    frame = frame.rename(columns={"ci_low": "hype_ci_low", "ci_high": "hype_ci_high"})
    meta = r.articles[["article_id", "label", "kind"]]
    out = meta.merge(tone, on="article_id", how="left").merge(frame, on="article_id", how="left")
    if r.claims is not None and len(r.claims):
        from .claims import CHECKABLE_KINDS  # money, percentages, dates, counts, quotes (not mere mentions)

        checkable = r.claims[r.claims["kind"].isin(CHECKABLE_KINDS)]
        counts = checkable.groupby("article_id").size().rename("n_claims")
        out = out.merge(counts, on="article_id", how="left")
        out["n_claims"] = out["n_claims"].fillna(0).astype(int)
    return out.sort_values("article_id").reset_index(drop=True)


def framing_summary(r: Results) -> str:
    """Who sells the deal and who questions it, with intervals."""
    f = r.framing.merge(r.articles[["article_id", "label"]], on="article_id").sort_values(
        ["hype_index", "article_id"], ascending=[False, True])
    top, bottom = f.iloc[0], f.iloc[-1]
    below = f[f["ci_high"] < 0]
    above = f[f["ci_low"] > 0]
    text = render(
        "On the hype–skepticism index (+1 every sentence sells the deal, −1 every sentence questions it), "
        "**{top}** sells hardest ({top_ci}) and **{bottom}** is the most skeptical ({bottom_ci}). ",
        top=top["label"], top_ci=_interval(top["hype_index"], top["ci_low"], top["ci_high"]),
        bottom=bottom["label"], bottom_ci=_interval(bottom["hype_index"], bottom["ci_low"], bottom["ci_high"]),
    )
    text += render(
        "The interval lies above zero for {n_above} of the {n} articles and below zero for {n_below}.",
        n_above=len(above), n=len(f), n_below=len(below),
    )
    return text


def tone_summary(r: Results) -> str:
    """How positive each article is by VADER, with intervals."""
    s = r.sentiment.merge(r.articles[["article_id", "label"]], on="article_id").sort_values(
        ["mean_compound", "article_id"], ascending=[False, True])
    warm, cool = s.iloc[0], s.iloc[-1]
    positive = int((s["ci_low"] > 0).sum())
    overlap = cool["ci_high"] >= warm["ci_low"]
    return render(
        "By VADER's sentence scores, {positive} of the {n} articles lean positive with an interval above zero; "
        "the warmest is **{warm}** ({warm_ci}) and the coolest **{cool}** ({cool_ci}){overlap}.",
        positive=positive, n=len(s), warm=warm["label"],
        warm_ci=_interval(warm["mean_compound"], warm["ci_low"], warm["ci_high"]),
        cool=cool["label"], cool_ci=_interval(cool["mean_compound"], cool["ci_low"], cool["ci_high"]),
        overlap=", and their intervals overlap, so tone alone barely separates them" if overlap
        else ", and their intervals do not overlap",
    )


def sourcing_summary(r: Results) -> str:
    """Which article leans most on unnamed sources and which on named ones."""
    f = r.framing.merge(r.articles[["article_id", "label"]], on="article_id")
    vague = f.sort_values(["share_vague", "article_id"], ascending=[False, True]).iloc[0]
    named = f.sort_values(["share_named", "article_id"], ascending=[False, True]).iloc[0]
    unattributed = f["share_none"].mean()
    return render(
        "Most sentences carry no attribution at all (on average {none:.0%} per article). "
        "**{vague}** leans most on unnamed sources ({vshare:.0%} of its sentences: \"according to reports\", "
        "\"data shows\"), while **{named}** names its sources most often ({nshare:.0%}).",
        none=unattributed, vague=vague["label"], vshare=float(vague["share_vague"]),
        named=named["label"], nshare=float(named["share_named"]),
    )


def _validation_row(table: pd.DataFrame | None, method: str) -> pd.Series | None:
    if table is None or "method" not in table.columns:
        return None
    rows = table[table["method"] == method]
    return rows.iloc[-1] if len(rows) else None


def validation_table(r: Results) -> pd.DataFrame | None:
    """The stages' agreement tables stacked (method, n, accuracy, macro_f1, kappa), or None without hand coding.

    Methods are prefixed with their stage ("sentiment: VADER"); framing's
    rows name the lexicon version they were computed with.
    """
    from .validation import AGREEMENT_COLUMNS

    tables = []
    if r.sentiment_validation is not None:
        sv = r.sentiment_validation
        tables.append(sv.assign(method="sentiment: " + sv["method"]))
    if r.framing_validation is not None:
        fv = r.framing_validation
        label = fv["method"] + (" (" + fv["lexicon"] + ")" if "lexicon" in fv.columns else "")
        tables.append(fv.assign(method="framing: " + label))
    return pd.concat(tables, ignore_index=True)[AGREEMENT_COLUMNS] if tables else None


def trust_summary(r: Results) -> str:
    """How far the methods agree with the hand coding."""
    vader = _validation_row(r.sentiment_validation, "VADER")
    frame = _validation_row(r.framing_validation, "frame")
    first = None
    if r.framing_validation is not None and "lexicon" in r.framing_validation.columns:
        rows = r.framing_validation[(r.framing_validation["method"] == "frame")]
        first = rows.iloc[0] if len(rows) > 1 else None
    attribution = _validation_row(r.framing_validation, "attribution")
    if vader is None and frame is None:
        return "No hand-coded labels were found for this corpus, so the methods' accuracy here is unknown."
    parts = []
    if vader is not None:
        parts.append(render("VADER's labels agree with the hand coding on {acc:.0%} of sentences "
                            "(macro-F1 {f1:.2f}, Cohen's kappa {k:.2f})",
                            acc=float(vader["accuracy"]), f1=float(vader["macro_f1"]), k=float(vader["kappa"])))
    if frame is not None:
        parts.append(render("the framing cues on {acc:.0%} (macro-F1 {f1:.2f}, kappa {k:.2f})",
                            acc=float(frame["accuracy"]), f1=float(frame["macro_f1"]), k=float(frame["kappa"])))
        if first is not None:
            parts[-1] += render(", up from {acc:.0%} (kappa {k:.2f}) before the lexicons were revised against "
                                "the coded errors", acc=float(first["accuracy"]), k=float(first["kappa"]))
    if attribution is not None:
        parts.append(render("the attribution rules on {acc:.0%} (kappa {k:.2f})",
                            acc=float(attribution["accuracy"]), k=float(attribution["kappa"])))
    return ("Against one coder's labels, " + "; ".join(parts) +
            ". Treat article-level differences as indicative, and read the evidence sentences.")


TARGET_KAPPA = 0.6  # issue 12: sentence-frame kappa on text the method was not built on
TARGET_SPEARMAN = 0.8  # issue 12: article-level Spearman on each story


def chosen_measure(r: Results) -> str:
    """Which measure gives ``hype_index`` (the ``measure`` column of framing_articles; lexicon if absent)."""
    if "measure" in r.framing.columns and len(r.framing):
        return str(r.framing["measure"].iloc[0])
    return "lexicon"


def _pick(table: pd.DataFrame, **where) -> pd.DataFrame:
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    return table[mask]


def measure_summary(r: Results) -> str:
    """The lexicon and the classifier side by side: in story, out of story, the human ceiling, the
    rule's choice, and the article-level correlation."""
    v = r.framing_measure_validation
    if v is None or v.empty:
        return "No hand-coded sentence labels were found, so the lexicon and the classifier were not compared here."
    measure = chosen_measure(r)
    from .classifier import LEXICON_STORY, truly_out_of_story

    held_out = held_out_summary(r)

    out = _pick(v, evaluation="leave one story out")
    parts = []
    for test in out["test"].unique():
        lex, cls = _pick(out, test=test, method="lexicon"), _pick(out, test=test, method="classifier")
        if lex.empty or cls.empty:
            continue
        lex, cls = lex.iloc[0], cls.iloc[0]
        parts.append(render("on {test} ({n} sentences), kappa {kc:.2f} for the classifier trained on {train} "
                            "and {kl:.2f} for the lexicon{note} (macro-F1 {fc:.2f} and {fl:.2f})", test=test,
                            n=int(lex["n"]), kl=float(lex["kappa"]), kc=float(cls["kappa"]), train=cls["train"],
                            note=" (in sample: it was built on this story)" if test == LEXICON_STORY else "",
                            fl=float(lex["macro_f1"]), fc=float(cls["macro_f1"])))
    if parts:
        text = "Trained on one story and tested on the other: " + "; ".join(parts) + "."
        honest = truly_out_of_story(out)
        best = honest.loc[honest["kappa"].idxmax()] if len(honest) else None
        if not held_out:
            text += render(" The rule written before that test keeps the **{m}** for the hype index.", m=measure)
        if best is not None:
            text += render(" The best kappa on a story the method was not built on is {b:.2f} ({bm}, tested on "
                           "{bt}; the lexicon's numbers on {ls} are in sample), {verdict} the target of {t:.1f}.",
                           b=float(best["kappa"]), bm=best["method"], bt=best["test"], ls=LEXICON_STORY,
                           verdict="reaching" if best["kappa"] >= TARGET_KAPPA else "below", t=TARGET_KAPPA)
    elif not held_out:
        text = render("There was no second labelled story, so nothing was tested out of story, and the "
                      "**{m}** gives the hype index.", m=measure)
    else:
        text = "There was no second labelled story to test on."
    loao = _pick(v, evaluation="leave one article out", method="classifier")
    if len(loao):
        text += " Within a story, leaving one article out, the classifier reaches " + ", ".join(
            render("kappa {k:.2f} on {t}", k=float(row.kappa), t=row.test) for row in loao.itertuples()) + "."
    human = _pick(v, evaluation="second coder")
    if len(human):
        text += " Two coders of the same sentences agree at " + ", ".join(
            render("kappa {k:.2f} on {t}", k=float(row.kappa), t=row.test) for row in human.itertuples()) + "."
    a = r.framing_article_agreement
    if a is not None and len(a):
        rows = _pick(a, method=measure)
        pooled = _pick(rows, scope="all stories")
        row = pooled.iloc[0] if len(pooled) else (rows.iloc[0] if len(rows) else None)
        if row is not None and pd.notna(row["spearman"]):
            text += render(" At article level the index correlates with the hand-coded article labels at "
                           "Spearman {r:.2f} (95% CI {lo:.2f} to {hi:.2f}, {n} articles, {scope}).",
                           r=float(row["spearman"]), lo=float(row["ci_low"]), hi=float(row["ci_high"]),
                           n=int(row["n_articles"]), scope=row["scope"])
    return text + (" " + held_out if held_out else "")


def held_out_summary(r: Results) -> str:
    """The held-out story's test (``framing_held_out``, ``framing_held_out_articles``): both measures
    against both coders, the coders' agreement, the article Spearman and the rule's choice; "" without it."""
    from .held_out import CODER_A, CODER_B

    v = r.framing_held_out
    if v is None or v.empty:
        return ""
    rows = v.set_index(["gold", "method"])
    if (CODER_A, "lexicon") not in rows.index or (CODER_A, "classifier") not in rows.index:
        return ""
    lex, cls = rows.loc[(CODER_A, "lexicon")], rows.loc[(CODER_A, "classifier")]
    text = render("On a story held out from everything ({story}, {n} sentences; the classifier trained on {train} "
                  "only), against its primary coder (coder A): kappa {kc:.2f} for the classifier and {kl:.2f} for "
                  "the lexicon (macro-F1 {fc:.2f} and {fl:.2f})", story=lex["test"], n=int(lex["n"]),
                  train=str(cls["train"]).replace(" + ", " and "), kc=float(cls["kappa"]), kl=float(lex["kappa"]),
                  fc=float(cls["macro_f1"]), fl=float(lex["macro_f1"]))
    if (CODER_B, "lexicon") in rows.index and (CODER_B, "classifier") in rows.index:
        text += render("; against coder B, {kc:.2f} and {kl:.2f}", kc=float(rows.loc[(CODER_B, "classifier"), "kappa"]),
                       kl=float(rows.loc[(CODER_B, "lexicon"), "kappa"]))
    if (CODER_A, CODER_B) in rows.index:
        text += render("; the two coders agree at kappa {k:.2f}", k=float(rows.loc[(CODER_A, CODER_B), "kappa"]))
    best = max(float(lex["kappa"]), float(cls["kappa"]))
    text += render(". By the rule written for that story before its labels existed, the **{m}** gives the hype "
                   "index; the better kappa there is {b:.2f}, {verdict} the target of {t:.1f}.", m=chosen_measure(r),
                   b=best, verdict="reaching" if best >= TARGET_KAPPA else "below", t=TARGET_KAPPA)
    a = r.framing_held_out_articles
    a = a[(a["gold"] == CODER_A) & a["spearman"].notna()] if a is not None and len(a) else None
    if a is not None and len(a):
        text += " Its articles against coder A's article labels: " + ", ".join(
            render("Spearman {rho:.2f} (95% CI {lo:.2f} to {hi:.2f}) for the {m}", rho=float(x.spearman),
                   lo=float(x.ci_low), hi=float(x.ci_high), m=x.method) for x in a.itertuples())
        text += render(" ({n} articles; target {t:.1f}).", n=int(a["n_articles"].iloc[0]), t=TARGET_SPEARMAN)
    return text


# --------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------

def claim_status_table(r: Results) -> pd.DataFrame:
    """The claim matrix reduced to slot, status and reason (empty if there is none)."""
    if r.claim_matrix is None or not len(r.claim_matrix):
        return pd.DataFrame(columns=["group_id", "label", "status", "reason", "n_articles"])
    cols = [c for c in ["group_id", "label", "origin", "status", "reason", "n_articles"] if c in r.claim_matrix.columns]
    return r.claim_matrix[cols].reset_index(drop=True)


def claims_summary(r: Results) -> str:
    """How many claim slots agree, conflict, or rest on one article."""
    table = claim_status_table(r)
    if table.empty:
        return "No claims were compared for this corpus."
    counts = table["status"].value_counts()
    conflicts = table[table["status"] == "conflict"]
    text = render(
        "Of {n} facts compared across articles, {conflict} conflict, {precision} differ in precision, "
        "{agree} agree, and {single} appear in a single article only ({unsourced} of those with no named source).",
        n=len(table), conflict=int(counts.get("conflict", 0)), precision=int(counts.get("differ in precision", 0)),
        agree=int(counts.get("agree", 0)),
        single=int(counts.get("single source (sourced)", 0) + counts.get("single source (unsourced)", 0)),
        unsourced=int(counts.get("single source (unsourced)", 0)),
    )
    if len(conflicts):
        first = conflicts.iloc[0]
        text += render(" The sharpest conflict is **{label}**: {reason}.", label=first["label"],
                       reason=str(first["reason"]).split(";")[0])
    return text


def headline(r: Results) -> str:
    """The findings in four paragraphs (the README's findings block)."""
    f = r.framing.merge(r.articles[["article_id", "label"]], on="article_id").sort_values(
        ["hype_index", "article_id"], ascending=[False, True])
    top, bottom = f.iloc[0], f.iloc[-1]
    s = r.sentiment
    first = render(
        "**{top}** sells the alliance hardest (hype–skepticism index {top_ci}) and **{bottom}** questions it "
        "most ({bottom_ci}), while by VADER {tone}.",
        top=top["label"], top_ci=_interval(top["hype_index"], top["ci_low"], top["ci_high"]),
        bottom=bottom["label"], bottom_ci=_interval(bottom["hype_index"], bottom["ci_low"], bottom["ci_high"]),
        tone=_tone_range(float(s["mean_compound"].min()), float(s["mean_compound"].max())),
    )
    return "\n\n".join([first, claims_summary(r), trust_summary(r), measure_summary(r)])


def _tone_range(lo: float, hi: float) -> str:
    span = f"from {lo:+.2f} to {hi:+.2f}".replace("-", "−")
    if lo > 0:
        return f"every article's mean sentence tone is positive ({span})"
    if hi < 0:
        return f"every article's mean sentence tone is negative ({span})"
    return f"the articles' mean sentence tone runs {span}"


def findings_markdown(r: Results, link: str = "reports/05-summarise-findings.html") -> str:
    """The README's findings block: the three sentences and a pointer to the evidence."""
    return (headline(r) + "\n\n" +
            f"Every number above is computed by the notebooks; the evidence is in [the findings notebook]({link}).\n")

"""The readability rule for large corpora (analysis.sizing): capped tables, bounded figures, bounded grouping,
and every notebook on a generated 60-article corpus with low limits."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis import claims as C
from analysis import config, sizing
from analysis.narrative import show_table

matplotlib.use("Agg")


# --- tables -----------------------------------------------------------------------

def test_a_short_table_is_shown_whole_and_writes_nothing(tmp_path):
    df = pd.DataFrame({"a": range(5)})
    with sizing.limits(max_rows=5, tables_dir=tmp_path, html_dir=tmp_path):
        cap = sizing.cap_table(df, "short")
        html = show_table(df)._repr_html_()
    assert cap.shown is df and cap.note == "" and cap.csv is None
    assert list(tmp_path.iterdir()) == []
    assert "hidden" not in html


def test_a_long_table_shows_its_ends_says_how_many_are_hidden_and_links_the_full_csv(tmp_path):
    df = pd.DataFrame({"article": [f"a{i:03d}" for i in range(250)], "score": np.arange(250) / 10})
    figures = tmp_path / "reports" / "figures"
    with sizing.limits(max_rows=20, tables_dir=figures, html_dir=tmp_path / "reports", prefix="09"):
        table = show_table(df, caption="Scores <per> article")
    html = table._repr_html_()
    assert "first 10 and last 10 of 250 rows (230 rows hidden)" in html
    assert html.count("<tr") == 1 + 20  # header + 20 rows
    assert "a000" in html and "a249" in html and "a100" not in html
    href = re.search(r'href="([^"]+)"', html).group(1)
    assert href.startswith("figures/09-table-scores-per-article-") and href.endswith(".csv")
    written = pd.read_csv(tmp_path / "reports" / href)
    pd.testing.assert_frame_equal(written, df)
    assert "230 rows hidden" in repr(table)


def test_a_wide_table_keeps_its_first_and_last_columns(tmp_path):
    n = sizing.MAX_COLUMNS + 6
    df = pd.DataFrame([range(n)], columns=[f"c{i}" for i in range(n)])
    with sizing.limits(max_rows=8, tables_dir=tmp_path, html_dir=tmp_path):
        assert sizing.cap_table(df[df.columns[:sizing.MAX_COLUMNS]]).note == ""
        cap = sizing.cap_table(df)
    k = sizing.END_ROWS
    assert list(cap.shown.columns) == [f"c{i}" for i in range(k)] + [f"c{i}" for i in range(n - k, n)]
    assert f"{n - 2 * k} columns hidden" in cap.note


def test_extremes_keep_small_tables_as_they_are_and_take_top_and_bottom_of_large_ones():
    df = pd.DataFrame({"article_id": [f"{i:03d}" for i in range(9)], "x": [5, 1, 8, 3, 9, 0, 7, 2, 6]})
    with sizing.limits(max_panels=9):
        assert sizing.extremes(df, "x") is df
        assert sizing.extremes_note(9, "x") == ""
    with sizing.limits(max_panels=4):
        assert list(sizing.extremes(df, "x")["x"]) == [9, 8, 1, 0]
        assert sizing.extremes_note(9, "x") == " (the 2 highest and 2 lowest of 9 articles by x)"


def test_name_list_is_short_at_any_length():
    with sizing.limits(max_rows=4):
        assert sizing.name_list(["a", "b", "c"]) == "a, b, c"
        assert sizing.name_list([str(i) for i in range(1000)], " > ") == "0 > 1 > … > 998 > 999 (1,000 in all)"


def test_configure_rejects_useless_limits():
    with pytest.raises(ValueError, match="at least 2"):
        sizing.configure(max_rows=1)


# --- figures ----------------------------------------------------------------------

def _arc(n_articles: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for a in range(n_articles):
        for k in range(10):
            rows.append({"article_id": f"{a:04d}", "sentence_id": f"{a:04d}-{k:03d}", "rel_position": k / 9,
                         "compound": float(rng.uniform(-1, 1)) + a / n_articles, "rolling_mean": 0.0})
    return pd.DataFrame(rows)


def test_the_sentiment_arc_draws_the_top_and_bottom_articles_above_max_panels():
    from analysis import sentiment as S

    arc = _arc(300)
    with sizing.limits(max_panels=6):
        fig, data = S.plot_arc(arc)
    assert len(fig.axes) == 6
    assert data["article_id"].nunique() == 6
    means = arc.groupby("article_id")["compound"].mean().sort_values()
    assert set(data["article_id"]) == set(means.index[:3]) | set(means.index[-3:])
    assert "3 highest and 3 lowest of 300 articles" in fig._suptitle.get_text()
    fig_small, data_small = S.plot_arc(_arc(3))
    assert len(fig_small.axes) == 3 and len(data_small) == 30


def test_the_claim_matrix_figure_and_table_are_bounded():
    ids = [f"{a:03d}" for a in range(40)]
    rows = []
    for g in range(30):
        row = {"group_id": f"auto-{g:03d}", "label": f"fact {g}", "origin": "auto", "kinds": "date", "event": False}
        row.update({a: ("2025 [no source]" if (int(a) + g) % 3 == 0 else "") for a in ids})
        row.update({"n_articles": sum(1 for a in ids if (int(a) + g) % 3 == 0), "n_claims": 1,
                    "status": "agree", "reason": ""})
        rows.append(row)
    matrix = pd.DataFrame(rows)
    grid = C.matrix_grid(matrix, ids)
    assert len(grid) == 30 * 40 and grid["has_claim"].sum() == sum(r["n_articles"] for r in rows)
    with sizing.limits(max_rows=10, max_panels=5):
        fig, data = C.plot_claim_matrix(matrix, grid, ids, {a: a for a in ids})
        table = C.show_claim_matrix(matrix, ids, {a: a for a in ids})
    assert data["group_id"].nunique() == 10 and data["article_id"].nunique() == 5
    html = table._repr_html_()
    assert "10 of 30 facts" in html and "5 of 40 articles" in html


# --- bounded grouping -------------------------------------------------------------

def test_bounded_grouping_keeps_one_sentence_per_group_and_groups_names_by_value():
    sentences = pd.DataFrame({"sentence_id": [f"s{i}" for i in range(6)], "article_id": list("aabbcc"),
                              "text": ["Foxconn and OpenAI met in Ohio."] * 6})
    claims = pd.DataFrame({
        "claim_id": [f"c{i}" for i in range(8)],
        "sentence_id": ["s0", "s0", "s1", "s2", "s3", "s4", "s5", "s5"],
        "article_id": list("aaabbccc"), "kind": ["org"] * 8,
        "value": ["Foxconn", "Foxconn", "Foxconn", "OpenAI", "Foxconn", "OpenAI", "Foxconn", "OpenAI"],
        "start": [0] * 8, "end": [7] * 8, "group_id": [""] * 8, "group_origin": [""] * 8})
    exact = C.auto_group(claims, sentences)
    bounded = C.auto_group(claims, sentences, max_pairwise=2)
    for grouped in (exact, bounded):
        per_group = grouped.groupby("group_id")
        assert (per_group["sentence_id"].nunique() == per_group.size()).all()  # never two claims of one sentence
        assert (per_group["value"].nunique() == 1).all()
    # s0 holds two Foxconn claims, so Foxconn needs two groups; OpenAI needs one
    assert bounded.groupby("value")["group_id"].nunique().to_dict() == {"Foxconn": 2, "OpenAI": 1}


# --- every notebook on a generated corpus -------------------------------------------

@pytest.mark.notebooks
def test_notebooks_stay_small_on_a_60_article_corpus_with_low_limits():
    from synthetic_corpus import write_corpus
    from test_notebooks import assert_clean_run, make

    root = config.PROJECT_ROOT
    corpus = root / "build" / "test-corpora" / "synthetic60"
    if corpus.exists():
        import shutil
        shutil.rmtree(corpus)
    write_corpus(60, corpus)
    # PARQUET_MIN_ROWS=500: the sentence tables get Parquet copies, as on ~10,000 articles
    make(f"CORPUS={corpus.relative_to(root)}", "MAX_ROWS=12", "MAX_PANELS=6", "PARQUET_MIN_ROWS=500")
    reports = root / "build" / "corpora" / "synthetic60" / "reports"
    assert_clean_run(reports)
    assert (reports.parent / "processed" / "sentences.parquet").is_file()
    assert "Large tables also have a Parquet copy" in (reports / "01-ingest-articles.html").read_text(encoding="utf-8")
    pages = sorted(reports.glob("0*.html"))
    assert len(pages) == 5
    capped = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert page.stat().st_size < 1_500_000, f"{page.name} is {page.stat().st_size:,} bytes"
        for note in re.finditer(r"rows hidden\)\. The full table: <a href=\"([^\"]+)\"", html):
            capped += 1
            assert (page.parent / note.group(1)).is_file(), f"{page.name} links a missing CSV {note.group(1)}"
        for table in re.findall(r"<table.*?</table>", html, flags=re.S):
            assert table.count("<tr") <= 1 + 60, f"{page.name} shows a table of {table.count('<tr')} rows"
    assert capped >= 5
    arc = (reports / "02-score-sentiment.html").read_text(encoding="utf-8")
    assert "The next figure draws the 3 articles with the highest and the 3 with the lowest mean compound, of 60" in arc
    data = pd.read_csv(reports / "figures" / "02-sentiment-arc.csv")
    assert data["article_id"].nunique() == 6


def test_bounded_grouping_on_the_seed_claims_keeps_the_grouping_rules():
    from conftest import committed_claims

    sentences, claims, fresh = committed_claims()
    exact = C.auto_group(fresh, sentences)
    assert list(exact["group_id"]) == list(claims["group_id"])  # below the bound: the committed grouping
    bounded = C.auto_group(fresh, sentences, max_pairwise=3)  # every kind above the bound
    auto = bounded[bounded["group_origin"] == "auto"]
    per_group = auto.groupby("group_id")
    assert (per_group["kind"].nunique() == 1).all()
    assert (per_group["sentence_id"].nunique() == per_group.size()).all()
    names = auto[auto["kind"].isin(["org", "place", "person", "term"])]
    assert (names.groupby("group_id")["value"].nunique() == 1).all()
    assert auto["group_id"].nunique() < len(auto)  # something was grouped

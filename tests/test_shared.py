"""Tests for the shared helpers: statistics, validation, spans, io, narrative, report, runner, attribution."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import io, narrative, report, runner, spans
from analysis.attribution import classify_attribution
from analysis.ingest import body_sentences
from analysis.stats import bootstrap_ci
from analysis.validation import AGREEMENT_COLUMNS, agreement_table

FIXTURES = Path(__file__).parent / "fixtures" / "lexicons"


# -- bootstrap_ci edge cases ------------------------------------------------------------

def test_bootstrap_empty_single_and_constant():
    assert all(math.isnan(x) for x in bootstrap_ci([]))
    assert bootstrap_ci([0.4]) == (0.4, 0.4, 0.4)  # one value: a zero-width interval
    assert bootstrap_ci([2.0, 2.0, 2.0]) == (2.0, 2.0, 2.0)


def test_bootstrap_seed_level_and_statistic():
    x = np.arange(20, dtype=float)
    est, low, high = bootstrap_ci(x)
    assert est == 9.5 and low < est < high
    assert bootstrap_ci(x) == (est, low, high)  # same seed, same interval
    assert bootstrap_ci(x, seed=1) != (est, low, high)
    _, low50, high50 = bootstrap_ci(x, level=0.5)
    assert low < low50 < high50 < high  # a lower level gives a narrower interval
    med, mlow, mhigh = bootstrap_ci(x, statistic=np.median, n_boot=200)
    assert med == 9.5 and mlow <= med <= mhigh


# -- validation --------------------------------------------------------------------------

def test_agreement_table_schema_and_details():
    gold = ["a", "a", "b", "b"]
    table, details = agreement_table(gold, {"perfect": ["a", "a", "b", "b"], "half": ["a", "b", "a", "b"]}, ["a", "b"])
    assert list(table.columns) == AGREEMENT_COLUMNS
    assert table["method"].tolist() == ["perfect", "half"]
    t = table.set_index("method")
    assert t.loc["perfect", "accuracy"] == 1.0 and t.loc["perfect", "kappa"] == 1.0
    assert t.loc["half", "accuracy"] == 0.5 and t.loc["half", "kappa"] == 0.0 and t.loc["half", "n"] == 4
    assert details["half"]["confusion"].loc["a", "b"] == 1  # hand code a, method b
    # gold and labels may differ per method
    table, _ = agreement_table({"x": ["a", "b"], "y": ["p", "q", "q"]}, {"x": ["a", "b"], "y": ["q", "q", "q"]},
                               {"x": ["a", "b"], "y": ["p", "q"]})
    assert table.set_index("method")["n"].tolist() == [2, 3] and table.set_index("method").loc["y", "accuracy"] == 2 / 3
    with pytest.raises(ValueError, match="gold has 2 labels but predicted has 1"):
        agreement_table(["a", "b"], {"m": ["a"]}, ["a", "b"])


# -- spans -------------------------------------------------------------------------------

def test_non_overlapping_longest_first_and_given_priority():
    found = [(0, 7), (0, 2), (3, 7), (8, 10), (9, 12)]
    assert sorted(spans.non_overlapping(found)) == [(0, 7), (9, 12)]  # longest first; a tie goes to the earlier
    assert spans.non_overlapping(found, priority=False) == [(0, 7), (8, 10)]  # input order wins
    assert spans.is_free((7, 8), [(0, 7), (8, 10)]) and spans.overlaps((0, 7), (6, 9))
    assert not spans.overlaps((0, 7), (7, 9))  # touching spans do not overlap


# -- body sentences ----------------------------------------------------------------------

def test_body_sentences_handles_strings_and_missing_columns():
    s = pd.DataFrame({"sentence_id": ["x2", "x1", "x0"], "article_id": ["x", "x", "x"], "position": [2, 1, 0],
                      "is_heading": ["False", "True", "false"], "text": ["c", "b", "a"]})
    assert body_sentences(s)["sentence_id"].tolist() == ["x0", "x2"]
    assert body_sentences(s.drop(columns="position"))["sentence_id"].tolist() == ["x2", "x0"]  # keeps order
    assert len(body_sentences(s.drop(columns="is_heading"))) == 3


# -- io ----------------------------------------------------------------------------------

def test_atomic_path_leaves_nothing_behind_on_error(tmp_path):
    target = tmp_path / "t.csv"
    io.write_csv(pd.DataFrame({"a": [1.0, 0.1 + 0.2]}), target)
    assert target.read_text() == "a\n1\n0.3\n"
    with pytest.raises(RuntimeError):
        with io.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "a\n1\n0.3\n" and sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


# -- narrative ---------------------------------------------------------------------------

def test_render_escapes_values_but_not_the_template_or_numbers():
    out = narrative.render("**{name}** has {n:,} words ({p:.0%})", name="<script>x_y*</script>", n=12345, p=0.256)
    assert out == r"**&lt;script&gt;x\_y\*&lt;/script&gt;** has 12,345 words (26%)"
    assert narrative.render("{s}", s="O'Brien & co") == "O'Brien &amp; co"  # apostrophes stay
    assert narrative.render("{s:>3}", s="a|b") == r"a\|b"  # a format spec applies before escaping


def test_show_table_escapes_and_is_reproducible():
    df = pd.DataFrame({"text": ["<b>bold</b>"], "n": [1]})
    a, b = narrative.show_table(df, caption="c"), narrative.show_table(df.copy(), caption="c")
    assert "&lt;b&gt;bold&lt;/b&gt;" in a._repr_html_() and "<b>bold" not in a._repr_html_()
    assert a._repr_html_() == b._repr_html_() and repr(a) == "<table: 1 rows x 2 columns>"


# -- report ------------------------------------------------------------------------------

def test_update_readme_replaces_only_the_block(tmp_path):
    readme, findings = tmp_path / "README.md", tmp_path / "findings.md"
    readme.write_text(f"# T\n\n{report.README_START} -->\nold\n{report.README_END}\nafter\n", encoding="utf-8")
    findings.write_text("new *findings*\n\n", encoding="utf-8")
    assert report.update_readme(readme, findings) is True
    assert readme.read_text() == f"# T\n\n{report.README_START} -->\nnew *findings*\n{report.README_END}\nafter\n"
    mtime = readme.stat().st_mtime_ns
    assert report.update_readme(readme, findings) is False and readme.stat().st_mtime_ns == mtime
    readme.write_text("no markers\n")
    with pytest.raises(ValueError):
        report.update_readme(readme, findings)


# -- runner ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, value", [
    ("true", True), ("False", False), ("5", 5), ("-3", -3), ("0.5", 0.5), ("1e-3", 0.001), (".25", 0.25),
    ("data/raw", "data/raw"), ("nan", "nan"), ("1.2.3", "1.2.3"), ("", ""),
])
def test_parse_value(raw, value):
    got = runner._parse_value(raw)
    assert got == value and type(got) is type(value)


# -- attribution -------------------------------------------------------------------------

def _attribution(sentence):
    return classify_attribution(sentence, FIXTURES / "attribution.csv", FIXTURES / "speech_verbs.csv")


def test_named_document_with_and_without_its_owner():
    a = _attribution("The plan appears in OpenAI's statement on the deal.")
    assert (a.type, a.source, a.cue) == ("named", "OpenAI’s statement", "statement")
    a = _attribution("The plan appears in Foxconn’s own statement.")
    assert (a.type, a.source) == ("named", "Foxconn’s statement")
    a = _attribution("The plan appears in a statement on the deal.")
    assert (a.type, a.source) == ("named", "statement")  # no owner named: the document alone


def test_words_that_are_not_sources_are_stripped():
    a = _attribution("However Sam Altman said the plan works.")
    assert (a.type, a.source) == ("named", "Sam Altman")


def test_kernels_run_at_once_get_their_own_ipc_sockets():
    # jupyter_client names every IPC kernel without a connection file "kernel-ipc" in the working
    # folder; two notebooks run by make -j then read each other's messages ("Invalid Signature").
    from analysis.runner import _quiet_kernel_manager

    manager = _quiet_kernel_manager()
    a, b = manager(), manager()
    assert a.transport == "ipc" and a.ip != b.ip
    assert Path(a.ip).is_absolute() and Path(a.ip).parent == Path(b.ip).parent

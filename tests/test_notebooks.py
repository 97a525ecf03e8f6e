"""Every notebook executed: on a second story, on hostile input, as student copies, and
again from clean to prove the committed reports are exactly what `make` produces."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis import config
from conftest import HOSTILE, VENV, make  # shared with test_browser.py

pytestmark = pytest.mark.notebooks

ROOT = config.PROJECT_ROOT
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def outputs_of(nb_path: Path):
    nb = nbformat.read(str(nb_path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


def assert_clean_run(reports: Path):
    for name in NOTEBOOKS:
        nb_path = reports / f"{name}.ipynb"
        assert nb_path.exists(), f"{nb_path} was not produced"
        assert (reports / f"{name}.html").exists()
        source = (ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        if "show_figure" in source or "save_figure" in source or "plt.show" in source:
            assert any("image/png" in out.get("data", {}) for out in outputs_of(nb_path)), \
                f"{name} draws figures but its executed copy shows none"
        for out in outputs_of(nb_path):
            assert out.output_type != "error", f"{name}: {out.get('ename')}: {out.get('evalue')}"
            if out.output_type == "stream":
                assert out.name != "stderr", f"{name} printed to stderr: {out.text[:300]}"
            text = json.dumps(out.get("data", {}))
            assert " at 0x" not in text, f"{name}: an output shows a memory address (not reproducible)"


# --- a second story ---------------------------------------------------------------

def _snapshot() -> dict[str, bytes]:
    return {str(p): p.read_bytes() for d in ("reports", "data/processed", "data/raw")
            for p in sorted((ROOT / d).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def stadium_run():
    corpus = ROOT / "tests" / "corpora" / "stadium"
    before = _snapshot()
    make(f"CORPUS={corpus.relative_to(ROOT)}")
    return ROOT / "build" / "corpora" / "stadium", before


def test_every_notebook_runs_on_another_story(stadium_run):
    out, _ = stadium_run
    assert_clean_run(out / "reports")
    assert (out / "reports" / "index.html").exists()
    for table in ["articles", "sentences", "removed_lines"]:
        assert (out / "processed" / f"{table}.csv").exists()


def test_notebooks_side_by_side_give_the_bytes_of_one_at_a_time(stadium_run):
    out, _ = stadium_run  # made with the default: 02, 03 and 04 side by side

    def files():
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    parallel = files()
    env = {**os.environ, "JOBS": "1"}
    subprocess.run([str(VENV / "bin" / "python"), "-m", "analysis.pipeline", "run-corpus",
                    "tests/corpora/stadium", "--only", "02,03,04"], cwd=ROOT, env=env, check=True,
                   capture_output=True, text=True)
    serial = files()
    assert serial.keys() == parallel.keys()
    assert [k for k in serial if serial[k] != parallel[k]] == []


def test_another_story_never_touches_the_committed_results(stadium_run):
    _, before = stadium_run
    assert _snapshot() == before


# --- hostile input ------------------------------------------------------------------

def test_markup_in_articles_stays_inert_in_every_render(hostile_run):
    _, out = hostile_run
    reports = out / "reports"
    assert_clean_run(reports)
    pages = sorted(reports.glob("*.html"))
    assert len(pages) == len(NOTEBOOKS) + 1
    for page in pages:
        body = page.read_text(encoding="utf-8")
        for attack in HOSTILE:
            assert attack not in body, f"{page.name} contains live markup from an article"
    for nb_path in sorted(reports.glob("*.ipynb")):
        for out_ in outputs_of(nb_path):
            for mime in ("text/html", "text/markdown"):
                rich = "".join(out_.get("data", {}).get(mime, ""))
                for attack in HOSTILE:
                    assert attack not in rich, f"{nb_path.name}: {mime} output carries live markup"


# --- student copies -------------------------------------------------------------------

def test_student_copies_have_no_solutions_and_run_top_to_bottom(tmp_path):
    student = tmp_path / "student"
    make("student", f"STUDENT_DIR={student}")
    corpus = ROOT / "tests" / "corpora" / "stadium"
    out = tmp_path / "out"
    for name in NOTEBOOKS:
        copy = student / f"{name}.ipynb"
        nb = nbformat.read(str(copy), as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
        assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
        source = nbformat.read(str(ROOT / "notebooks" / f"{name}.ipynb"), as_version=4)
        assert any("solution" in c.metadata.get("tags", []) for c in source.cells), f"{name} has no solutions"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    env.update(PYTHONPATH=str(ROOT), NLTK_DATA=str(ROOT / ".nltk_data"))
    for name in NOTEBOOKS:
        result = subprocess.run(
            [str(VENV / "bin" / "python"), "-m", "analysis.runner", "run", str(student / f"{name}.ipynb"),
             str(out / f"{name}.ipynb"), "-p", "corpus_dir", str(corpus), "-p", "processed_dir", str(out / "processed"),
             "-p", "figures_dir", str(out / "figures"), "-p", "reports_dir", str(out), "-p", "story_dir", str(corpus),
             "-p", "annotations_dir", str(corpus / "annotations")],
            cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"student copy of {name} failed:\n{result.stderr[-3000:]}"


# --- reproducible to the byte -----------------------------------------------------------

def _tracked_files() -> list[str]:
    ls = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if ls.returncode != 0:
        pytest.skip("not a git checkout: cannot tell which files are committed")
    return [f for f in ls.stdout.decode().split("\0") if f]


def test_rerun_from_clean_reproduces_the_committed_results_byte_for_byte(tmp_path):
    files = _tracked_files()
    outputs = [f for f in files if f.startswith(("reports/", "data/processed/"))]
    assert any(f.endswith(".html") for f in outputs), "no rendered reports are committed"
    copy = tmp_path / "clone"
    for f in files:
        if (ROOT / f).exists() and not f.startswith(("reports/", "data/processed/")):
            (copy / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, copy / f)
    make(cwd=copy)
    produced = sorted(str(p.relative_to(copy)) for d in ("reports", "data/processed")
                      for p in (copy / d).rglob("*") if p.is_file() and not p.name.startswith("."))
    assert produced == sorted(outputs), "the files make produces differ from the committed ones"
    stale = [f for f in outputs + ["README.md"] if (copy / f).read_bytes() != (ROOT / f).read_bytes()]
    assert not stale, f"committed results are stale or not reproducible: {stale}"


def test_second_make_does_nothing():
    make()  # a fresh clone's file times are arbitrary, so bring everything up to date first
    result = make("-q")  # exits 0 only if every target is up to date: nothing would rerun
    assert result.returncode == 0


# --- a failing notebook ------------------------------------------------------------------

def test_a_failing_notebook_names_its_cell_and_leaves_no_finished_output(tmp_path):
    from nbformat.v4 import new_code_cell, new_notebook

    from analysis import runner

    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("raise ValueError('broken on purpose')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp_path / "99-broken.ipynb"
    nbformat.write(nb, str(src))
    out = tmp_path / "reports" / "99-broken.ipynb"
    with pytest.raises(SystemExit) as exc:
        runner.run(src, out)
    message = str(exc.value)
    assert "99-broken.ipynb" in message and "cell 1" in message and "broken on purpose" in message
    assert not out.exists()
    assert (tmp_path / "reports" / "99-broken.failed.ipynb").exists()
    assert not list((tmp_path / "reports").glob("*.running.ipynb"))


def test_unknown_parameter_is_refused(tmp_path):
    from analysis import runner

    with pytest.raises(SystemExit, match="unknown parameter"):
        runner.run(ROOT / "notebooks" / f"{NOTEBOOKS[0]}.ipynb", tmp_path / "x.ipynb", {"corpus_dri": "typo"})


# --- a messy folder: every format, names with spaces and accents, bad input ---------------

MESSY = ROOT / "tests" / "corpora" / "messy corpus é"


@pytest.fixture(scope="module")
def messy_run():
    before = _snapshot()
    make(f"CORPUS={MESSY.relative_to(ROOT)}")  # one argv item: spaces and an accent, no shell quoting
    out = ROOT / "build" / "corpora" / "messy-corpus-e"
    return out, before


def _table(out: Path, name: str):
    import pandas as pd

    return pd.read_csv(out / "processed" / f"{name}.csv", keep_default_na=False)


def _markdown_outputs(nb_path: Path) -> str:
    return "\n".join("".join(o.get("data", {}).get("text/markdown", "")) for o in outputs_of(nb_path))


def test_every_notebook_runs_on_a_messy_folder(messy_run):
    out, before = messy_run
    assert_clean_run(out / "reports")
    assert (out / "reports" / "index.html").exists()
    assert _snapshot() == before  # neither the committed results nor the corpus folder changed


def test_messy_folder_tables_hold_each_case(messy_run):
    out, _ = messy_run
    arts = _table(out, "articles").set_index("article_id")
    assert arts["label"].is_unique
    assert set(arts.loc[arts["outlet"] == "Alder Ledger", "label"]) == {"Alder Ledger, 2026-03-05", "Alder Ledger, 2026-03-09"}
    assert arts.loc["page sauvegardée", "format"] == "html" and arts.loc["pasted page", "format"] == "html in .txt"
    assert arts.loc["export média-row2", "language"] == "fr" and str(arts.loc["export média-row1", "source_row"]) == "1"
    assert arts.loc["Valley Wire copy", "near_duplicate_of"] == "Alder Ledger – vote night"
    assert (arts.loc["url only", "outlet"], arts.loc["url only", "outlet_basis"]) == ("northshore-times.example", "from url")
    assert (arts.loc["bad date", "published"], arts.loc["bad date", "published_raw"]) == ("unknown", "sometime after the vote")
    assert arts.loc["Alder Ledger – vote night", "published"] == "2026-03-05"
    sents = _table(out, "sentences")
    page_text = " ".join(sents.loc[sents["article_id"] == "page sauvegardée", "text"])
    assert "6-3 on Tuesday" in page_text and "newsletter" not in page_text and "Privacy" not in page_text
    # the English lexicons leave the French row out; the near-duplicate stays
    for table in ("sentiment_articles", "framing_articles"):
        scored = set(_table(out, table)["article_id"])
        assert "export média-row2" not in scored and "Valley Wire copy" in scored, table
        assert len(scored) == len(arts) - 1
    # anchored dates: a separate column, the stated value untouched, and the matrix says so
    claims = _table(out, "claims")
    tuesday = claims[(claims["article_id"] == "Alder Ledger – vote night") & (claims["raw"] == "on Tuesday")].iloc[0]
    assert (tuesday["value"], tuesday["anchored"]) == ("", "2026-03-03")
    assert tuesday["anchored_basis"].startswith("inferred from publication date")
    unresolved = claims[(claims["article_id"] == "url only") & (claims["raw"] == "on Tuesday")].iloc[0]
    assert unresolved["anchored"] == "" and unresolved["anchored_basis"].startswith("unresolved")
    matrix = _table(out, "claim_matrix").set_index("group_id")
    assert "anchored to publication" in matrix.loc["vote_date", "reason"]
    assert matrix.loc["vote_date", "status"] != "conflict"  # Tuesday (anchored) and March 3, 2026 agree


def test_messy_folder_notebooks_report_inputs_languages_and_duplicates(messy_run):
    out, _ = messy_run
    nb01 = (out / "reports" / "01-ingest-articles.html").read_text(encoding="utf-8")
    for text in ("Every input and what became of it", "export média.csv (row 3)", "no text column",
                 "not JSON", "empty page.html", "Articles not in English", "Near-duplicates (kept, flagged)"):
        assert text in nb01, text
    for name in ("02-score-sentiment", "03-compare-framing"):
        md = _markdown_outputs(out / "reports" / f"{name}.ipynb")
        assert "La Gazette d'Alder" in md and "not in English" in md, name
        assert "Valley Wire" in md, name
    md04 = _markdown_outputs(out / "reports" / "04-compare-claims.ipynb")
    assert "anchored to a publication date" in md04 and "Valley Wire repeats" in md04


def test_make_hands_any_path_to_python_intact(tmp_path):
    path = "week 3 articles/é l'été"
    result = make("-s", f"CORPUS={path}", "PY=echo")  # echo stands in for python: prints the argument it got
    assert result.stdout.strip().splitlines()[-1] == f"-m analysis.pipeline run-corpus {path}"


# --- prose that holds on any corpus -------------------------------------------------------

_DEFINITE_COUNT = re.compile(
    r"\b(?:the|these|those|all|both)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:[\w’'-]+\s+)?(?:articles?|outlets?|intervals?|blogs?|posts?|pieces?|sources?)\b", re.IGNORECASE)
_RANKING = re.compile(r"\b(?:the\s+(?:most|least|warmest|coolest|longest|shortest|first|last)\s+(?:\w+\s+)?article)\b",
                      re.IGNORECASE)
_SEED_NAMES = re.compile(r"GadgetBond|Remi Chauveau|investor newsletter|explainer blog|personal blog|Foxconn's chairman")


def _typed_claims(markdown: str) -> list[str]:
    """Paragraphs of hand-typed markdown that state a corpus-specific count, ranking or seed fact."""
    found = []
    for para in markdown.split("\n\n"):
        about_seeds = "project's own corpus" in para or "project's own articles" in para
        for rx in (_DEFINITE_COUNT, _RANKING):
            found += [m.group(0) for m in rx.finditer(para)]
        if _SEED_NAMES.search(para) and not about_seeds:
            found.append(_SEED_NAMES.search(para).group(0))
    return found


def test_the_checker_catches_typed_counts_and_rankings():
    assert _typed_claims("Differences between the two middle articles should not be over-read.")
    assert _typed_claims("look at how close the four tone intervals sit")
    assert _typed_claims("The most skeptical article is GadgetBond.")
    assert not _typed_claims("In the project's own corpus, the investor newsletter's bio says so.")
    assert not _typed_claims("Two articles that describe one event in different words may not group.")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_markdown_cell_states_a_count_or_ranking_by_hand(name, messy_run):
    """Typed prose must hold on any corpus: results are rendered from the tables (narrative.say)."""
    out, _ = messy_run
    source = nbformat.read(str(ROOT / "notebooks" / f"{name}.ipynb"), as_version=4)
    executed = nbformat.read(str(out / "reports" / f"{name}.ipynb"), as_version=4)
    typed = [c.source for c in source.cells if c.cell_type == "markdown"]
    assert [c.source for c in executed.cells if c.cell_type == "markdown"] == typed  # the same prose ran here
    bad = [hit for md in typed for hit in _typed_claims(md)]
    assert not bad, f"{name}: markdown states corpus-specific results by hand: {bad}"

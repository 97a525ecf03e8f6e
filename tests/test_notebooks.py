"""Every notebook executed: on a second story, on hostile input, as student copies, and
again from clean to prove the committed reports are exactly what `make` produces."""
from __future__ import annotations

import json
import os
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

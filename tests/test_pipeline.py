"""analysis.pipeline: which notebooks run side by side, how many at once, and what a failure leaves."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis import config, pipeline

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def test_stages_put_ingestion_first_findings_last_and_the_analyses_between():
    stages = [[nb.name[:2] for nb in stage] for stage in pipeline.stages(NOTEBOOKS)]
    assert stages == [["01"], ["02", "03", "04"], ["05"]]
    only = [nb for nb in NOTEBOOKS if nb.name[:2] in ("02", "04")]
    assert [[nb.name[:2] for nb in s] for s in pipeline.stages(only)] == [["02", "04"]]
    assert pipeline.stages([NOTEBOOKS[0]]) == [[NOTEBOOKS[0]]]


def test_jobs_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("JOBS", "3")
    assert pipeline.jobs_from_env() == 3
    monkeypatch.delenv("JOBS")
    assert pipeline.jobs_from_env() >= 1
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("JOBS", bad)
        with pytest.raises(SystemExit, match="JOBS"):
            pipeline.jobs_from_env()


def _notebook(path: Path, code: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("out_dir: str = ''", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


@pytest.mark.notebooks
def test_side_by_side_failure_names_the_notebook_and_leaves_no_finished_output(tmp_path):
    good = _notebook(tmp_path / "02-good.ipynb", "print(1 + 1)")
    bad = _notebook(tmp_path / "03-bad.ipynb", "raise ValueError('broken on purpose')")
    reports = tmp_path / "reports"
    with pytest.raises(SystemExit) as failure:
        pipeline._run_side_by_side([good, bad], reports, {"out_dir": str(tmp_path)}, {}, jobs=2)
    assert "03-bad.ipynb" in str(failure.value) and "02-good" not in str(failure.value)
    assert (reports / "02-good.ipynb").is_file() and (reports / "02-good.html").is_file()
    assert not (reports / "03-bad.ipynb").exists() and not (reports / "03-bad.html").exists()
    assert (reports / "03-bad.failed.ipynb").is_file()


def test_the_injected_parameters_cell_gets_the_same_id_every_run():
    from analysis.runner import clean_notebook

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["injected-parameters"]})]
    kept = nb.cells[0]["id"]
    clean_notebook(nb)
    assert nb.cells[1]["id"] == "injected-parameters" and nb.cells[0]["id"] == kept
    nbformat.validate(nb)

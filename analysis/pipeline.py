"""Run every notebook on any corpus folder, whatever its name.

``python -m analysis.pipeline run-corpus "week 3 articles/é l'été"`` runs the
notebooks in order on that folder into ``build/corpora/<slug>/`` (executed
notebooks, HTML and ``index.html`` in ``reports/``, tables in ``processed/``).
``make CORPUS="..."`` calls it, because make cannot quote a path with spaces
in its targets. The slug is the folder's name in lower-case ASCII letters,
digits and hyphens (``é l'été`` -> ``e-l-ete``), so output paths never need
quoting. A failing notebook stops the run with the runner's message; its
output is never left looking finished (see :mod:`analysis.runner`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

from . import config
from .engine import cores

BUILD_DIR = config.PROJECT_ROOT / "build" / "corpora"
INGEST, FINDINGS = "01", "05"  # the notebook that every other reads, and the one that reads them all


def slug(name: str) -> str:
    """A safe folder name: ASCII letters, digits and hyphens (``corpus`` if nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return text or "corpus"


def _as_parameter(path: Path) -> str:
    """A path as notebooks take it: relative to the project root when inside it, else absolute."""
    path = path.resolve()
    try:
        return str(path.relative_to(config.PROJECT_ROOT))
    except ValueError:
        return str(path)


def corpus_outputs(corpus_dir: str | Path) -> Path:
    """The output folder for a corpus: ``build/corpora/<slug of its folder name>``."""
    return BUILD_DIR / slug(Path(corpus_dir).resolve().name)


def story_parameters(corpus_dir: str | Path) -> dict[str, str]:
    """Parameters naming the corpus's story, for the notebooks that declare them (notebook 03).

    Notebook 03 tests the framing measures across two labelled stories: by default this corpus
    against the second story. On the second story itself the two swap, so its out-of-story test
    is the project's own seed corpus. The third story (:data:`analysis.config.THIRD_STORY_DIR`) is
    the held-out test wherever the notebook runs; on that story itself it is the corpus, and the
    seed corpus fills the notebook's third-story slot, so the classifier of the held-out test is
    still trained on the seeds and the second story only.
    """
    corpus = Path(corpus_dir).resolve()
    if corpus == config.THIRD_STORY_DIR.resolve():
        # The held-out story itself: it stays held out (the classifier is trained on the seeds and the
        # second story only), so the seed corpus takes the third-story slot.
        return {"story_name": config.THIRD_STORY_DIR.name, "article_labels_file": "article_labels.csv",
                **_seed_story_as("third")}
    if corpus != config.SECOND_STORY_DIR.resolve():
        return {"story_name": slug(corpus.name)}
    return {"story_name": config.SECOND_STORY_DIR.name, "article_labels_file": "article_labels.csv",
            **_seed_story_as("other")}


def _seed_story_as(slot: str) -> dict[str, str]:
    """Notebook 03's parameters that put the seed story in its ``slot`` ("other" or "third") story."""
    return {
        f"{slot}_story_name": "openai-foxconn", f"{slot}_corpus_dir": _as_parameter(config.RAW_DIR),
        f"{slot}_annotations_dir": _as_parameter(config.ANNOTATIONS_DIR),
        f"{slot}_story_dir": _as_parameter(config.STORY_DIR),
        f"{slot}_article_labels_file": "coder2/article_labels.csv",
    }


def stages(notebooks: list[Path]) -> list[list[Path]]:
    """The notebooks in the order they can run: ingestion first, the findings notebook last,
    and the analyses between them (sentiment, framing, claims) side by side, since each reads
    only the ingestion's tables (the Makefile's rules say the same)."""
    first = [nb for nb in notebooks if nb.name[:2] == INGEST]
    last = [nb for nb in notebooks if nb.name[:2] == FINDINGS]
    middle = [nb for nb in notebooks if nb not in first and nb not in last]
    return [[nb] for nb in first] + ([middle] if middle else []) + [[nb] for nb in last]


def jobs_from_env() -> int:
    """How many notebooks may run at once: ``JOBS``, else one per core."""
    value = os.environ.get("JOBS", "").strip()
    if not value:
        return cores()
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"JOBS={value!r}: expected a whole number of at least 1")
    return int(value)


def _parameters_for(src: Path, params: dict, extra: dict) -> dict:
    """The run's parameters for one notebook: the standard ones, and the story ones it declares."""
    from .runner import declared_parameters

    declared = declared_parameters(src)
    return {**params, **{k: v for k, v in extra.items() if k in declared}}


def _run_side_by_side(stage: list[Path], reports: Path, params: dict, extra: dict, jobs: int) -> None:
    """Run independent notebooks at the same time, each in its own process (runner CLI), then render them.

    Unless ``WORKERS`` is set, the cores are shared out among the notebooks running at once,
    so their process pools do not fight over them. A failure in one lets the others finish,
    then stops the run naming every notebook that failed; none of the failed ones leaves a
    finished-looking output (see :mod:`analysis.runner`).
    """
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    env = dict(os.environ)
    at_once = min(jobs, len(stage))
    if not env.get("WORKERS", "").strip():
        env["WORKERS"] = str(max(1, cores() // at_once))

    def one(src: Path) -> tuple[Path, int]:
        executed = reports / f"{src.stem}.ipynb"
        print(f"running {_as_parameter(src)} -> {_as_parameter(executed)}", flush=True)
        args = [sys.executable, "-m", "analysis.runner", "run", str(src), str(executed),
                "--parameters-json", json.dumps(_parameters_for(src, params, extra))]
        code = subprocess.run(args, env=env, cwd=config.PROJECT_ROOT).returncode
        if code == 0:
            code = subprocess.run([sys.executable, "-m", "analysis.runner", "html", str(executed),
                                   str(reports / f"{src.stem}.html")], env=env, cwd=config.PROJECT_ROOT).returncode
        return src, code

    # The later notebooks (claims, framing) are the longer ones: started first, they finish sooner.
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        failed = sorted(src for src, code in pool.map(one, stage[::-1]) if code != 0)
    if failed:
        raise SystemExit("failed: " + ", ".join(_as_parameter(src) for src in failed))


def run_corpus(corpus_dir: str | Path, notebooks: list[Path] | None = None, jobs: int | None = None) -> Path:
    """Run every notebook (or ``notebooks``) on ``corpus_dir``; return the output folder.

    ``jobs`` notebooks may run at once (default ``JOBS``, else one per core; see :func:`stages`).
    """
    from . import report, runner

    corpus = Path(corpus_dir)
    if not corpus.is_dir():
        raise SystemExit(f"{corpus}: the corpus folder does not exist")
    out = corpus_outputs(corpus)
    reports = out / "reports"
    params = {
        "corpus_dir": _as_parameter(corpus),
        "processed_dir": _as_parameter(out / "processed"),
        "figures_dir": _as_parameter(reports / "figures"),
        "reports_dir": _as_parameter(reports),
        "story_dir": _as_parameter(corpus),
        "annotations_dir": _as_parameter(corpus / "annotations"),
    }
    extra = story_parameters(corpus)
    for name in ("max_rows", "max_panels"):  # make passes MAX_ROWS / MAX_PANELS through the environment
        value = os.environ.get(name.upper(), "").strip()
        if value:
            if not value.isdigit():
                raise SystemExit(f"{name.upper()}={value!r}: expected a whole number")
            params[name] = int(value)
    notebooks = notebooks or sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    jobs = jobs_from_env() if jobs is None else jobs
    for stage in stages(notebooks):
        if len(stage) == 1 or jobs == 1:
            for src in stage:
                executed = reports / f"{src.stem}.ipynb"
                print(f"running {_as_parameter(src)} -> {_as_parameter(executed)}", flush=True)
                runner.run(src, executed, _parameters_for(src, params, extra))
                runner.render_html(executed, reports / f"{src.stem}.html")
        else:
            _run_side_by_side(stage, reports, params, extra, jobs)
    report.build_index(reports)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.pipeline", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run-corpus", help="run every notebook on a corpus folder into build/corpora/<slug>/")
    p_run.add_argument("corpus_dir")
    p_run.add_argument("--only", default="", metavar="01,02",
                       help="run only these notebooks (by number; the ones before must have run)")
    p_slug = sub.add_parser("out-dir", help="print the output folder a corpus folder gets")
    p_slug.add_argument("corpus_dir")
    args = parser.parse_args(argv)
    if args.command == "run-corpus":
        only = [n.strip() for n in args.only.split(",") if n.strip()]
        chosen = None
        if only:
            chosen = [p for p in sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")) if p.name[:2] in only]
            if len(chosen) != len(only):
                raise SystemExit(f"--only {args.only}: no notebook for some of these numbers")
        out = run_corpus(args.corpus_dir, chosen)
        print(f"done: {_as_parameter(out)}")
    else:
        print(_as_parameter(corpus_outputs(args.corpus_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks: how fast and how big the pipeline is as the corpus grows.

``make bench`` (or ``python benchmarks/bench.py --sizes 100,1000``) generates synthetic
corpora of N articles (see ``benchmarks/synthetic.py``) and, for each, plus the four seed
articles as a baseline, measures

* **stages**, in a fresh Python process per corpus: read, clean + split (serial and on the
  process pool), attribution, raw VADER on the body sentences, the sentiment table
  (VADER with overrides + word-count tone), framing, claims; seconds, sentences per
  second, and the ratio of the whole per-sentence analysis (attribution + sentiment +
  framing + claims) to raw VADER on the same sentences; that process's peak memory;
* **notebooks**, run one after another through ``make CORPUS``'s entry point
  (``python -m analysis.pipeline run-corpus <folder> --only NN``), each capped by
  ``--timeout`` seconds: wall time, peak memory of the whole process tree (make, runner,
  kernel and any workers; sampled every 0.2 s with psutil), and the size of each page.

Results print as markdown tables ready for benchmarks/README.md and are saved in
``build/bench/results.md`` and ``results.json``. Speed and memory are measured here,
never asserted in tests (timed tests flake on shared machines).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BENCH_DIR = ROOT / "build" / "bench"
NOTEBOOKS = ["01-ingest-articles", "02-score-sentiment", "03-compare-framing", "04-compare-claims",
             "05-summarise-findings"]
NEEDS = {"02-score-sentiment": ["01-ingest-articles"], "03-compare-framing": ["01-ingest-articles"],
         "04-compare-claims": ["01-ingest-articles"],
         "05-summarise-findings": ["02-score-sentiment", "03-compare-framing", "04-compare-claims"]}
ANALYSIS_STAGES = ["attribution", "sentiment", "framing", "claims"]


# --------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------

def seeds_corpus(folder: Path) -> Path:
    """A copy of the committed corpus with its story files and annotations, as one folder."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for src in sorted((ROOT / "data" / "raw").iterdir()):
        if src.suffix in {".txt", ".csv"}:
            shutil.copyfile(src, folder / src.name)
    for src in sorted((ROOT / "data" / "story").glob("*.csv")):
        shutil.copyfile(src, folder / src.name)
    shutil.copytree(ROOT / "data" / "annotations", folder / "annotations")
    return folder


def synthetic_corpus(n: int, folder: Path) -> Path:
    from synthetic import generate

    if folder.exists():
        shutil.rmtree(folder)
    return generate(n, folder)


# --------------------------------------------------------------------------
# Stages (run in a child process: python bench.py --stages FOLDER)
# --------------------------------------------------------------------------

def run_stages(folder: Path) -> dict:
    """Time each stage on ``folder``; return seconds per stage and the counts."""
    from analysis import claims, framing
    from analysis import sentiment as S
    from analysis.attribution import attribute_sentences
    from analysis.corpus import read_corpus
    from analysis.ingest import body_sentences, build_tables

    seconds: dict[str, float] = {}

    def timed(name, fn):
        start = time.perf_counter()
        result = fn()
        seconds[name] = time.perf_counter() - start
        return result

    from analysis.corpus import Corpus

    corpus = timed("read", lambda: read_corpus(folder))
    warm = build_tables(Corpus(corpus.articles.head(1)))  # load the models and rules once, untimed
    S.score_sentences(body_sentences(warm.sentences), S.make_analyzer())
    os.environ["WORKERS"] = "1"
    tables = timed("clean + split (1 process)", lambda: build_tables(corpus))
    os.environ.pop("WORKERS")
    tables = timed("clean + split (pool)", lambda: build_tables(corpus))
    body = body_sentences(tables.sentences)
    sia = S.make_analyzer()
    adjusted = S.with_overrides(sia, S.load_overrides(ROOT / "data" / "lexicons" / "vader_overrides.csv"))
    texts = body["text"].tolist()
    timed("raw VADER", lambda: [sia.polarity_scores(t) for t in texts])
    timed("attribution", lambda: attribute_sentences(body))
    os.environ["WORKERS"] = "1"
    timed("sentiment", lambda: S.score_sentences(body, sia, adjusted))
    os.environ.pop("WORKERS")
    timed("sentiment (pool)", lambda: S.score_sentences(body, sia, adjusted))
    lexicon = framing.load_cues(extra=sorted(folder.glob("framing_cues_extra.csv")))
    timed("framing", lambda: framing.score_sentences(body, lexicon))
    gazetteer = folder / "gazetteer.csv"
    places, gaz, cues = claims.load_places(), claims.load_gazetteer(gazetteer) if gazetteer.exists() else None, \
        claims.load_cues()
    timed("claims", lambda: claims.build_claims(body, places, gaz, cues))
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return {"articles": len(tables.articles), "sentences": len(body), "seconds": seconds, "peak_mib": peak}


def stages_in_child(folder: Path, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--stages", str(folder)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------
# Notebooks
# --------------------------------------------------------------------------

class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.2):
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                self.peak_total = max(self.peak_total, sum(rss))
                self.peak_single = max(self.peak_single, max(rss, default=0))
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def stop(self):
        self._stop.set()
        self._thread.join()


def _make_env() -> dict:
    """This environment without the flags of a make that called us (its jobserver is not ours)."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}}
    env["PROGRESS"] = "0"
    return env


def run_make(folder: Path, only: str | None, timeout: float) -> dict:
    """``make CORPUS=folder`` (``only=None``), or one notebook of it through the same entry point
    (``python -m analysis.pipeline run-corpus folder --only NN``); seconds, peak memory, status."""
    if only is None:
        cmd = ["make", "--no-print-directory", f"CORPUS={folder.relative_to(ROOT)}"]
    else:
        cmd = [sys.executable, "-m", "analysis.pipeline", "run-corpus", str(folder), "--only", only]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env=_make_env())
    memory = TreeMemory(proc.pid)
    try:
        output, _ = proc.communicate(timeout=timeout)
        status = "ok" if proc.returncode == 0 else "failed"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            output, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
        status = f"timed out after {timeout:.0f} s"
    memory.stop()
    seconds = time.perf_counter() - start
    if status == "failed":
        print(output[-2000:], file=sys.stderr)
    return {"status": status, "seconds": seconds, "peak_total_mib": memory.peak_total / 2**20,
            "peak_process_mib": memory.peak_single / 2**20}


def run_notebooks(folder: Path, timeout: float, whole: bool, only: list[str] | None = None) -> dict:
    """Run each notebook (and its HTML page) in order; then, optionally, a clean whole ``make``.

    ``only``: the notebooks to run, by number prefix (e.g. ``["01", "02"]``); default all.
    """
    from analysis.pipeline import corpus_outputs

    out_root = corpus_outputs(folder)
    reports = out_root / "reports"
    shutil.rmtree(out_root, ignore_errors=True)
    results: dict[str, dict] = {}
    for nb in NOTEBOOKS:
        if only and nb[:2] not in only:
            results[nb] = {"status": "not run"}
            continue
        if any(results.get(dep, {}).get("status") != "ok" for dep in NEEDS.get(nb, [])):
            results[nb] = {"status": "skipped (an input notebook did not finish)"}
            continue
        results[nb] = run_make(folder, nb[:2], timeout)
        page = reports / f"{nb}.html"
        results[nb]["page_mib"] = page.stat().st_size / 2**20 if page.exists() else None
        print(f"  {folder.name} {nb}: {results[nb]['status']} {results[nb]['seconds']:.1f} s", file=sys.stderr)
    summary = {"notebooks": results}
    if whole:
        shutil.rmtree(out_root, ignore_errors=True)
        summary["whole"] = run_make(folder, None, timeout * len(NOTEBOOKS))
        summary["whole"]["pages_mib"] = [round((reports / f"{nb}.html").stat().st_size / 2**20, 2)
                                         if (reports / f"{nb}.html").exists() else None for nb in NOTEBOOKS]
        print(f"  {folder.name} whole make: {summary['whole']['status']} {summary['whole']['seconds']:.1f} s",
              file=sys.stderr)
    return summary


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                           if ln.startswith("MemTotal")))
    except (OSError, StopIteration, ValueError):
        mem_kib = 0
    return {"cores": len(os.sched_getaffinity(0)), "cpu": cpu, "ram_gib": round(mem_kib / 2**20, 1),
            "python": platform.python_version(), "load_average": os.getloadavg(),
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def _fmt_s(value):
    return "–" if value is None else f"{value:,.1f}"


def markdown(results: list[dict], info: dict) -> str:
    lines = [
        f"Machine: {info['cores']} cores ({info['cpu']}), {info['ram_gib']} GiB RAM, Python {info['python']}; "
        f"{info['when']}, load average at start {info['load_average'][0]:.1f}.", "",
        "**Stages** (seconds; rates in sentences/s unless marked; one process, pool = all cores):", "",
        "| corpus | articles | sentences | read | clean+split 1 proc | clean+split pool | raw VADER | attribution "
        "| sentiment 1 proc | sentiment pool | framing | claims | analysis/s | × raw VADER | peak MiB |",
        "|" + " --- |" * 15,
    ]
    for r in results:
        st = r["stages"]
        if "error" in st:
            lines.append(f"| {r['name']} | {st['error']} |" + " |" * 13)  # 15 columns
            continue
        s, n = st["seconds"], st["sentences"]
        analysis = sum(s[k] for k in ANALYSIS_STAGES)
        cell = lambda k, unit=n, label="": f"{s[k]:.2f} ({unit / s[k]:,.0f}{label}/s)"  # noqa: E731
        lines.append(
            f"| {r['name']} | {st['articles']:,} | {n:,} | {s['read']:.2f} "
            f"| {cell('clean + split (1 process)', st['articles'], ' art')} | {cell('clean + split (pool)', st['articles'], ' art')} "
            f"| {cell('raw VADER')} | {cell('attribution')} | {cell('sentiment')} | {cell('sentiment (pool)')} "
            f"| {cell('framing')} | {cell('claims')} | {n / analysis:,.0f} | {analysis / s['raw VADER']:.1f} "
            f"| {st['peak_mib']:,.0f} |")
    lines += ["", "**Notebooks** (one at a time, `python -m analysis.pipeline run-corpus … --only NN`; seconds, peak MiB of the "
              "process tree, page MiB):", "",
              "| corpus | " + " | ".join(NOTEBOOKS) + " | sum | peak MiB (tree / largest process) | pages MiB |",
              "|" + " --- |" * (len(NOTEBOOKS) + 4)]
    for r in results:
        nbs = r["notebooks"]["notebooks"]
        cells, pages, peak_t, peak_p, total = [], [], 0.0, 0.0, 0.0
        for nb in NOTEBOOKS:
            x = nbs.get(nb, {})
            if x.get("status") == "ok":
                cells.append(f"{x['seconds']:.1f}")
                pages.append(f"{x['page_mib']:.2f}")
                total += x["seconds"]
            else:
                cells.append(x.get("status", "–") if "seconds" not in x else f"{x['status']}")
                pages.append("–")
            peak_t = max(peak_t, x.get("peak_total_mib", 0))
            peak_p = max(peak_p, x.get("peak_process_mib", 0))
        finished = all(nbs.get(nb, {}).get("status") == "ok" for nb in NOTEBOOKS)
        lines.append(f"| {r['name']} | " + " | ".join(cells) + f" | {total:.1f}{'' if finished else ' (partial)'} "
                     f"| {peak_t:,.0f} / {peak_p:,.0f} "
                     f"| {' + '.join(pages)} |")
    wholes = [r for r in results if "whole" in r["notebooks"]]
    if wholes:
        lines += ["", "**Whole `make CORPUS=…`** from clean, with the Makefile's default parallelism:", "",
                  "| corpus | status | seconds | × the seeds | peak MiB (tree / largest process) | pages MiB |",
                  "| --- | --- | --- | --- | --- | --- |"]
        seeds = next((r["notebooks"]["whole"]["seconds"] for r in wholes if r["name"].startswith("seeds")), None)
        for r in wholes:
            w = r["notebooks"]["whole"]
            ratio = f"{w['seconds'] / seeds:.2f}" if seeds else "–"
            pages = " + ".join("–" if p is None else f"{p:.2f}" for p in w.get("pages_mib", []))
            lines.append(f"| {r['name']} | {w['status']} | {w['seconds']:.1f} | {ratio} | {w['peak_total_mib']:,.0f} / "
                         f"{w['peak_process_mib']:,.0f} | {pages} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "100,1000"),
                        help="comma-separated corpus sizes (default 100,1000; env BENCH_SIZES)")
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", 600)),
                        help="seconds allowed per notebook (default 600)")
    parser.add_argument("--stage-timeout", type=float, default=float(os.environ.get("BENCH_STAGE_TIMEOUT", 3600)),
                        help="seconds allowed for the stages of one corpus (default 3600)")
    parser.add_argument("--no-notebooks", action="store_true", help="time the stages only")
    parser.add_argument("--notebooks", default="", help="only these notebooks, by number (e.g. 01,02; "
                        "'none' with --whole: only the whole make)")
    parser.add_argument("--whole", action="store_true", help="also time one clean whole `make CORPUS=…`")
    parser.add_argument("--no-seeds", action="store_true", help="skip the 4-article baseline")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage timings (notebooks only)")
    parser.add_argument("--stages", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages:
        print(json.dumps(run_stages(args.stages)))
        return 0

    sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    info = machine()
    print(f"{info['cores']} cores, {info['cpu']}, {info['ram_gib']} GiB, Python {info['python']}; "
          f"sizes {sizes}; timeout {args.timeout:.0f} s", file=sys.stderr)
    corpora = [] if args.no_seeds else [("seeds (4)", seeds_corpus(BENCH_DIR / "seeds"))]
    corpora += [(f"synthetic {n:,}", synthetic_corpus(n, BENCH_DIR / f"synth-{n}")) for n in sizes]
    results = []
    for name, folder in corpora:
        print(f"{name}: stages", file=sys.stderr)
        entry = {"name": name, "folder": str(folder),
                 "stages": {"error": "not run"} if args.no_stages else stages_in_child(folder, args.stage_timeout)}
        entry["notebooks"] = {"notebooks": {}} if args.no_notebooks else run_notebooks(
            folder, args.timeout, args.whole, [x.strip() for x in args.notebooks.split(",") if x.strip()])
        results.append(entry)
    text = markdown(results, info)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "results.md").write_text(text, encoding="utf-8")
    (BENCH_DIR / "results.json").write_text(json.dumps({"machine": info, "results": results}, indent=1),
                                            encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

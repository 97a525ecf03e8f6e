"""Map a pure per-article function over the articles: serially, on a process pool, or on Dask.

The per-article work of the pipeline (clean and split, score, frame, extract) depends on
one article only, so it can run on every core, or on many machines. :func:`map_articles`
is the one place that decides how:

* **serial** when ``WORKERS=1``, when there are too few articles for a pool to pay off
  (fewer than :data:`MIN_PARALLEL`), or when asked for;
* a **process pool** on this machine otherwise, with ``WORKERS`` processes (default: all
  cores);
* a **Dask distributed cluster** when ``DASK_SCHEDULER=tcp://host:8786`` is set (each worker
  needs this project installed and the NLTK data on ``NLTK_DATA``; see docs/scaling.md).

Whatever the engine, the results come back in the order of the input, so the tables the
callers build from them are byte-identical. Articles are sent in chunks (about
:data:`CHUNKS_PER_WORKER` per worker) to keep the per-task overhead small. An error in one
article is raised as :class:`ArticleError`, naming the article.

Progress (tqdm) goes to the terminal only: to stderr when stderr is a terminal and this is
not a notebook kernel, or to the file that ``PROGRESS`` names (the runner sets it to its
terminal, e.g. ``/dev/pts/3``, so a kernel can draw there without anything reaching the
notebook). ``PROGRESS=0`` turns it off, ``PROGRESS=1`` forces stderr.
"""
from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import Any

MIN_PARALLEL = 16
"""Fewer articles than this run serially under the ``auto`` engine (a pool costs more than it saves)."""

CHUNKS_PER_WORKER = 4
"""Chunks per worker: enough to balance uneven articles, few enough to keep overhead small."""

ENGINES = ("auto", "serial", "processes", "dask")

PROGRESS_DELAY = 2.0
"""Seconds before a progress bar appears: quick stages show none."""


class ArticleError(RuntimeError):
    """The per-article function failed on one article; the message names it."""

    def __init__(self, article_id: str, problem: str):
        self.article_id = article_id
        self.problem = problem
        super().__init__(f"article {article_id}: {problem}")

    def __reduce__(self):  # keep the two arguments across process and network boundaries
        return (ArticleError, (self.article_id, self.problem))


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def workers_from_env(workers: int | None = None) -> int:
    """The number of worker processes: ``workers``, else ``WORKERS``, else every core."""
    if workers is None:
        value = os.environ.get("WORKERS", "").strip()
        if value:
            try:
                workers = int(value)
            except ValueError:
                raise ValueError(f"WORKERS must be a whole number of processes, not {value!r}") from None
        else:
            workers = cores()
    if workers < 1:
        raise ValueError(f"WORKERS must be at least 1, not {workers}")
    return workers


def choose_engine(n_items: int, engine: str = "auto", workers: int | None = None) -> str:
    """The engine :func:`map_articles` will use for ``n_items`` articles."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    if os.environ.get("DASK_SCHEDULER", "").strip():
        return "dask"
    if workers_from_env(workers) == 1 or n_items < MIN_PARALLEL:
        return "serial"
    return "processes"


def chunk(items: Sequence, n_chunks: int) -> list[list]:
    """Split ``items`` into at most ``n_chunks`` consecutive lists of near-equal length."""
    if not items:
        return []
    size = math.ceil(len(items) / max(1, n_chunks))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _run_chunk(pairs: list[tuple[str, Any]], fn: Callable) -> list:
    """Apply ``fn`` to each (article id, item) pair; wrap a failure in :class:`ArticleError`."""
    out = []
    for article_id, item in pairs:
        try:
            out.append(fn(item))
        except ArticleError:
            raise
        except Exception as exc:  # the message must name the article wherever it ran
            raise ArticleError(str(article_id), f"{type(exc).__name__}: {exc}") from exc
    return out


# --------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------

def _in_kernel() -> bool:
    return "ipykernel" in sys.modules and type(sys.stderr).__module__.startswith("ipykernel")


@contextmanager
def progress_stream():
    """The stream progress goes to, or None when progress is off (see the module docstring)."""
    setting = os.environ.get("PROGRESS", "").strip()
    if setting.lower() in {"0", "off", "false", "no"}:
        yield None
    elif setting.lower() in {"1", "on", "true", "yes", "stderr"}:
        yield sys.__stderr__
    elif setting:
        try:
            stream = open(setting, "w", encoding="utf-8")  # e.g. the runner's terminal
        except OSError:
            yield None
            return
        with stream:
            yield stream
    else:
        tty = sys.__stderr__ is not None and sys.__stderr__.isatty()
        yield sys.__stderr__ if tty and not _in_kernel() else None


def terminal_for_progress() -> str | None:
    """The device path of this process's terminal (for ``PROGRESS``), or None without one."""
    for stream in (sys.__stderr__, sys.__stdout__):
        try:
            if stream is not None and stream.isatty():
                return os.ttyname(stream.fileno())
        except (OSError, ValueError):
            continue
    return None


# --------------------------------------------------------------------------
# The map
# --------------------------------------------------------------------------

def map_articles(
    fn: Callable[[Any], Any],
    items: Sequence,
    ids: Sequence[str] | None = None,
    *,
    engine: str = "auto",
    workers: int | None = None,
    scheduler: str | None = None,
    desc: str = "articles",
) -> list:
    """``[fn(item) for item in items]``, computed by the chosen engine, in the input order.

    ``fn`` must be a pure function that pickles (a module-level function, or a
    ``functools.partial`` of one). ``ids`` name the items in error messages (default: their
    positions). ``engine`` is ``auto``, ``serial``, ``processes`` or ``dask``; ``workers``
    overrides ``WORKERS``; ``scheduler`` overrides ``DASK_SCHEDULER``.
    """
    items = list(items)
    ids = [str(i) for i in (ids if ids is not None else range(len(items)))]
    if len(ids) != len(items):
        raise ValueError(f"{len(ids)} ids for {len(items)} items")
    if not items:
        return []
    pairs = list(zip(ids, items))
    chosen = choose_engine(len(items), engine, workers)
    if scheduler is not None and engine == "auto":
        chosen = "dask"
    with progress_stream() as stream:
        if chosen == "serial":
            return _serial(pairs, fn, stream, desc)
        if chosen == "processes":
            return _processes(pairs, fn, workers_from_env(workers), stream, desc)
        address = scheduler or os.environ.get("DASK_SCHEDULER", "").strip()
        if not address:
            raise ValueError("the dask engine needs a scheduler address: set DASK_SCHEDULER=tcp://host:8786")
        return _dask(pairs, fn, address, stream, desc)


def _bar(total: int, stream, desc: str, unit: str = "article"):
    from tqdm import tqdm

    return tqdm(total=total, file=stream, desc=desc, unit=unit, disable=stream is None,
                delay=PROGRESS_DELAY, mininterval=0.5, leave=False)


def _serial(pairs, fn, stream, desc) -> list:
    out = []
    with _bar(len(pairs), stream, desc) as bar:
        for pair in pairs:
            out += _run_chunk([pair], fn)
            bar.update(1)
    return out


def _processes(pairs, fn, workers: int, stream, desc) -> list:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    chunks = chunk(pairs, workers * CHUNKS_PER_WORKER)
    # fork starts workers in milliseconds and shares the loaded modules; elsewhere, spawn
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    results: list[list | None] = [None] * len(chunks)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=mp.get_context(method)) as pool, \
            _bar(len(pairs), stream, desc) as bar:
        futures = {pool.submit(_run_chunk, c, fn): i for i, c in enumerate(chunks)}
        for future in as_completed(futures):
            i = futures[future]
            results[i] = future.result()  # re-raises ArticleError naming the article
            bar.update(len(chunks[i]))
    return [r for part in results for r in part]


def _dask(pairs, fn, address: str, stream, desc) -> list:
    import dask.bag as db
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        n_threads = max(1, sum(client.nthreads().values()))
        size = math.ceil(len(pairs) / (n_threads * CHUNKS_PER_WORKER)) if pairs else 1
        # one bag partition per chunk of articles; each partition maps to a list of results
        bag = db.from_sequence(pairs, partition_size=size).map_partitions(_run_chunk, fn)
        futures = client.compute(bag.to_delayed(), optimize_graph=False)
        results = []
        with _bar(len(pairs), stream, desc) as bar:
            for future in futures:  # in order; the cluster works on all of them meanwhile
                part = future.result()  # re-raises ArticleError naming the article
                results.append(part)
                bar.update(len(part))
    return [r for part in results for r in part]

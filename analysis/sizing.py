"""One rule for keeping notebooks readable at any corpus size.

A notebook that shows one row, one bar or one panel per article is fine for four
articles and unreadable (and megabytes long) for ten thousand. Every notebook
therefore applies the same two limits, set from its parameters with
:func:`configure`:

``max_rows``
    A table longer than this shows its first and last :data:`END_ROWS` rows (the
    top and bottom of its order), a sentence saying how many rows are hidden, and
    a relative link to the full table, written as CSV beside the figures. A table
    wider than :data:`MAX_COLUMNS` (one column per article) keeps its first and
    last columns the same way.
``max_panels``
    A figure with one panel, bar or row per article draws every article up to
    this many; above it, it draws the ``max_panels // 2`` articles at the top and
    at the bottom of its measure (small multiples of the extremes), and its title
    says so. Figures whose data are sentences become distributions.

The defaults are far above what the four committed articles need, so their
reports do not change. The limits are module settings, not arguments threaded
through every call, because one notebook sets them once for all its tables and
figures; :func:`limits` sets them temporarily (for tests).
"""
from __future__ import annotations

import hashlib
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd

MAX_ROWS = 100   # default: longest table shown whole (the committed corpus's longest has 87 rows)
MAX_PANELS = 12  # default: most articles drawn one by one in a per-article figure
END_ROWS = 10    # rows shown at each end of a capped table (never more than max_rows // 2)
MAX_COLUMNS = 24  # wider tables (one column per article) keep their first and last END_ROWS columns


@dataclass(frozen=True)
class Limits:
    max_rows: int = MAX_ROWS
    max_panels: int = MAX_PANELS
    tables_dir: Path | None = None  # where the full CSV of a capped table goes
    html_dir: Path | None = None    # where the rendered page lives (links are relative to it)
    prefix: str = ""                # the notebook's number, e.g. "02", for file names


_limits = Limits()


def current() -> Limits:
    """The limits in force."""
    return _limits


def configure(max_rows: int = MAX_ROWS, max_panels: int = MAX_PANELS, tables_dir: str | Path | None = None,
              prefix: str = "", html_dir: str | Path | None = None) -> Limits:
    """Set the limits for this notebook (from its ``max_rows`` and ``max_panels`` parameters).

    ``tables_dir`` (the notebook's figures folder) receives the full CSV of each
    capped table; links to it are relative to ``html_dir``, by default the
    folder above ``tables_dir`` (``reports/`` for ``reports/figures/``), where
    the Makefile renders the pages.
    """
    global _limits
    if int(max_rows) < 2 or int(max_panels) < 2:
        raise ValueError(f"max_rows and max_panels must be at least 2 (got {max_rows}, {max_panels})")
    tables = Path(tables_dir) if tables_dir is not None else None
    html = Path(html_dir) if html_dir is not None else (tables.parent if tables is not None else None)
    _limits = Limits(int(max_rows), int(max_panels), tables, html, prefix)
    return _limits


@contextmanager
def limits(**changes) -> Iterator[Limits]:
    """Temporarily change some limits: ``with sizing.limits(max_rows=10): ...``."""
    global _limits
    before = _limits
    _limits = replace(_limits, **{k: (Path(v) if k.endswith("_dir") and v is not None else v)
                                  for k, v in changes.items()})
    try:
        yield _limits
    finally:
        _limits = before


# --------------------------------------------------------------------------
# Figures: which articles to draw
# --------------------------------------------------------------------------

def too_many(n: int) -> bool:
    """True when ``n`` articles are more than a per-article figure draws one by one."""
    return n > _limits.max_panels


def extremes(table: pd.DataFrame, by: str, id_column: str = "article_id") -> pd.DataFrame:
    """The rows of ``table`` a per-article figure draws.

    Every row while there are at most ``max_panels``; otherwise the
    ``max_panels // 2`` rows with the highest ``by`` and as many with the lowest
    (ties broken by ``id_column``), highest first. The input order is kept when
    nothing is dropped, so small corpora draw exactly as before.
    """
    if not too_many(len(table)):
        return table
    k = _limits.max_panels // 2
    ranked = table.sort_values([by, id_column], ascending=[False, True], kind="mergesort")
    return pd.concat([ranked.head(k), ranked.tail(k)])


def extremes_note(n_total: int, by: str, what: str = "articles") -> str:
    """The words a figure's title adds when it draws only the extremes (empty when it draws all).

    When it is not empty, the same words are also said in the notebook's prose (:func:`announce`).
    """
    if not too_many(n_total):
        return ""
    k = _limits.max_panels // 2
    announce(f"The next figure draws the {k} {what} with the highest and the {k} with the lowest {by}, "
             f"of {n_total:,} (at most {_limits.max_panels} are drawn one by one).")
    return f" (the {k} highest and {k} lowest of {n_total:,} {what} by {by})"


def announce(sentence: str) -> None:
    """Say ``sentence`` (escaped) in the running notebook; nothing outside one.

    Figures that draw only part of a large corpus use it, so the rendered
    prose, not only the figure's title, says which articles are shown.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    if get_ipython() is None:
        return
    from .narrative import say

    say("{s}", s=sentence)


# --------------------------------------------------------------------------
# Tables: first and last rows, a sentence, a link to the full CSV
# --------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "table"


def table_name(df: pd.DataFrame, caption: str | None) -> str:
    """A stable file name for a capped table: notebook prefix, caption slug, short content hash."""
    digest = hashlib.sha1(pd.util.hash_pandas_object(df.astype(str), index=False).values.tobytes()
                          + str(list(df.columns)).encode()).hexdigest()[:8]
    stem = "-".join(p for p in (_limits.prefix, "table", _slug(caption) if caption else "", digest) if p)
    return f"{stem}.csv"


@dataclass(frozen=True)
class Cap:
    """What :func:`cap_table` kept: the rows and columns shown, and the sentence that says so."""

    shown: pd.DataFrame
    note: str          # Markdown (escaped); empty when nothing was hidden
    note_html: str     # the same sentence as HTML
    csv: Path | None   # the full table, when it was written


def cap_table(df: pd.DataFrame, caption: str | None = None) -> Cap:
    """Cut ``df`` to its first and last rows (and columns) when it exceeds ``max_rows``.

    The full table goes to ``tables_dir`` as CSV (when one is configured) and the
    note links to it relative to the rendered page.
    """
    n_rows, n_cols = df.shape
    max_rows = _limits.max_rows
    if n_rows <= max_rows and n_cols <= MAX_COLUMNS:
        return Cap(df, "", "", None)
    k = max(1, min(END_ROWS, max_rows // 2))
    shown = df if n_rows <= max_rows else pd.concat([df.head(k), df.tail(k)])
    if n_cols > MAX_COLUMNS:
        keep = list(df.columns[:END_ROWS]) + list(df.columns[-END_ROWS:])
        shown = shown[keep]
    parts = []
    if n_rows > max_rows:
        parts.append(f"the first {k} and last {k} of {n_rows:,} rows ({n_rows - 2 * k:,} rows hidden)")
    if n_cols > MAX_COLUMNS:
        parts.append(f"the first {END_ROWS} and last {END_ROWS} of {n_cols:,} columns "
                     f"({n_cols - 2 * END_ROWS:,} columns hidden)")
    sentence = "This table shows " + " and ".join(parts) + "."
    md, html = link_note(df, caption, sentence)
    csv = _limits.tables_dir / table_name(df, caption) if _limits.tables_dir is not None else None
    return Cap(shown, md, html, csv)


def sample_articles(ids: Sequence[str]) -> list[str]:
    """At most ``max_panels`` article ids, first and last in the given order."""
    ids = list(ids)
    if not too_many(len(ids)):
        return ids
    k = _limits.max_panels // 2
    return ids[:k] + ids[-k:]


def name_list(names: Sequence[str], sep: str = ", ") -> str:
    """``names`` joined by ``sep``; above ``max_rows`` names, the first and last few and how many in all."""
    names = [str(n) for n in names]
    if len(names) <= _limits.max_rows:
        return sep.join(names)
    k = max(1, min(END_ROWS, _limits.max_rows // 2))
    return f"{sep.join(names[:k])}{sep}…{sep}{sep.join(names[-k:])} ({len(names):,} in all)"


def link_note(df: pd.DataFrame, caption: str | None, sentence: str) -> tuple[str, str]:
    """``sentence`` plus a relative link to ``df`` written in full as CSV: (Markdown, HTML)."""
    import html as _html

    from .io import write_csv
    from .narrative import escape_text

    md = html = escape_text(sentence)
    if _limits.tables_dir is not None:
        csv = write_csv(df, _limits.tables_dir / table_name(df, caption))
        href = os.path.relpath(csv, _limits.html_dir or csv.parent).replace(os.sep, "/")
        md += f" The full table: [{escape_text(csv.name)}]({href})."
        html += f' The full table: <a href="{_html.escape(href)}">{_html.escape(csv.name)}</a>.'
    return md, html

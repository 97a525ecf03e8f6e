"""Reading and writing the project's tables and figures, reproducibly.

CSV files are UTF-8 with ``\\n`` line endings and a fixed float format, written
to a temporary name and moved into place, so an interrupted run never leaves a
half-written table. Figures are PNG without a timestamp, saved with the table
of the data they show and described in the PNG's ``Description`` text chunk
(``analysis.figures.describe_figure``), which pages use as the alt text.

Large tables: :func:`write_table` also writes a Parquet copy (``<name>.parquet``, via
pyarrow) when a table has at least :data:`PARQUET_MIN_ROWS` rows, and :func:`read_table`
reads that copy when it is there and current. The copy holds exactly what reading the CSV
gives, so a notebook sees the same table whichever file it reads. The CSV is always
written: it is what a reader opens, and what the committed results keep.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

FLOAT_FORMAT = "%.6g"

def _rows_from_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ValueError(f"{name}={value!r}: expected a whole number of rows")
    return int(value)


PARQUET_MIN_ROWS = _rows_from_env("PARQUET_MIN_ROWS", 200_000)
"""Tables with at least this many rows (about 10,000 articles' sentences) get a Parquet copy
(the environment variable ``PARQUET_MIN_ROWS`` sets another bound, e.g. for tests).

Below it, CSV alone reads in well under a second; above it, Parquet reads several times
faster and is a fraction of the size. The committed 4-article results are far below it.
"""

_CSV_READ = {"keep_default_na": False, "na_values": [""]}


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place only if the block succeeds.

    The one write-to-temporary-then-rename in the project (tables, figures,
    notebooks, pages, the README, the NLTK zip). The temporary name keeps the
    suffix (``x.tmp.png``), so writers that choose a format from it still work;
    on an error it is removed, so nothing half-written looks finished.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.stem}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(text: str, path: str | Path) -> Path:
    """Write ``text`` to ``path`` as UTF-8, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` to ``path`` (no index) atomically and reproducibly."""
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n", float_format=FLOAT_FORMAT)
    return Path(path)


def read_table(processed_dir: str | Path, name: str) -> pd.DataFrame:
    """Read ``<processed_dir>/<name>.csv`` written by an earlier notebook.

    The error names the notebook to run when the table is missing.
    """
    path = Path(processed_dir) / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist: run the notebook that writes it first (`make` runs them in order)."
        )
    parquet = path.with_suffix(".parquet")
    if parquet.exists() and parquet.stat().st_mtime_ns >= path.stat().st_mtime_ns:
        return pd.read_parquet(parquet)  # written from this CSV by write_table: the same table
    return pd.read_csv(path, **_CSV_READ)


def write_table(df: pd.DataFrame, processed_dir: str | Path, name: str,
                parquet_min_rows: int = PARQUET_MIN_ROWS) -> list[Path]:
    """Write ``<name>.csv``, and a ``<name>.parquet`` copy for large tables; return the paths.

    The Parquet copy is made from the CSV as :func:`read_table` reads it (so dtypes agree)
    when ``df`` has at least ``parquet_min_rows`` rows; a stale copy of a table that is now
    smaller is removed, so it can never be read in place of the CSV.
    """
    csv = write_csv(df, Path(processed_dir) / f"{name}.csv")
    parquet = csv.with_suffix(".parquet")
    if len(df) < parquet_min_rows:
        parquet.unlink(missing_ok=True)
        return [csv]
    with atomic_path(parquet) as tmp:
        pd.read_csv(csv, **_CSV_READ).to_parquet(tmp, index=False)
    return [csv, parquet]


def save_figure(fig, data: pd.DataFrame, name: str, figures_dir: str | Path) -> Path:
    """Save ``fig`` as ``<name>.png`` and the data behind it as ``<name>.csv``.

    The PNG carries the figure's description (computed from ``fig`` and ``data``).
    In a notebook, ``analysis.figures.show_figure`` saves and shows a figure in one call.
    """
    from .figures import describe_figure

    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    png = figures_dir / f"{name}.png"
    with atomic_path(png) as tmp:
        fig.savefig(tmp, dpi=110, bbox_inches="tight",
                    metadata={"Software": None, "Description": describe_figure(fig, data)})
    write_csv(data, figures_dir / f"{name}.csv")
    return png

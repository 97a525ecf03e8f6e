"""Reading article files of every format into plain records.

Each reader returns a list of records (dicts) and never touches the file. A
record holds ``body_raw`` (the article text), ``source_file``,
``source_row`` (the 1-based data row of a tabular file, else empty),
``format``, the metadata it found (``title``, ``outlet``, ``author``,
``published``, ``url``, ``kind``, ``label``, ``language``) and, per value,
where it came from (``<field>_from``).

* ``.txt``: an optional ``Key: value`` header, then the body (see
  :func:`analysis.corpus.parse_header`). A ``.txt`` that holds an HTML page
  is read like a ``.html`` file.
* ``.html`` / ``.htm``: trafilatura extracts the main text and the page's
  metadata (title, author, date, site name, address); navigation, scripts,
  newsletter boxes and footers are left out.
* ``.csv`` / ``.jsonl``: one article per row. Column names are mapped to the
  project's fields by ``data/lexicons/column_names.csv`` (Media Cloud's names
  and the project's own), plus an optional ``column_names.csv`` in the corpus
  folder for other names.

Problems are raised as :class:`analysis.corpus.CorpusError` (a whole file) or
returned as row problems (one row), always naming the file and row.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from . import config

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".csv", ".jsonl")
"""File types read as articles."""

COLUMN_NAMES_FILE = "column_names.csv"
COLUMN_NAMES_CSV = config.LEXICONS_DIR / COLUMN_NAMES_FILE
FIELDS = ("text", "title", "outlet", "author", "published", "url", "kind", "label", "language")
"""The fields a tabular column can map to."""

NOT_ARTICLE_FILES = {
    "metadata.csv": "metadata file",
    COLUMN_NAMES_FILE: "column-name mapping",
    "claim_slots.csv": "story file (claim slots)",
    "gazetteer.csv": "story file (gazetteer)",
    "framing_cues_extra.csv": "story file (extra framing cues)",
    "sha256sums": "checksum file",
}
"""Files in a corpus folder that configure the run rather than hold articles."""

MIN_PAGE_WORDS = 25
"""A page whose extracted text is shorter than this holds no article (a menu, a cookie notice)."""

_HTML_SIGNS = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|script|meta|nav)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when a text file is really a web page (a doctype or ``<html>`` start, or many tags)."""
    start = text.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html")):
        return True
    return len(_HTML_SIGNS.findall(text[:20000])) >= 5


def load_column_names(folder: str | Path | None = None, path: str | Path = COLUMN_NAMES_CSV) -> dict[str, str]:
    """Column name (lower case) -> field, from the project file plus the corpus folder's own file.

    Both files have columns ``column, field`` (and a free ``source`` note);
    the folder's rows win. An unknown field is an error naming the file.
    """
    from .corpus import CorpusError

    files = [Path(path)]
    if folder is not None and (Path(folder) / COLUMN_NAMES_FILE).exists():
        files.append(Path(folder) / COLUMN_NAMES_FILE)
    mapping: dict[str, str] = {}
    for f in files:
        table = pd.read_csv(f, dtype=str, keep_default_na=False)
        if not {"column", "field"} <= set(table.columns):
            raise CorpusError(f, "a column-name mapping needs the columns 'column' and 'field'")
        for row in table.itertuples():
            field = row.field.strip().lower()
            if field not in FIELDS:
                raise CorpusError(f, f"maps {row.column!r} to unknown field {row.field!r}; fields: {', '.join(FIELDS)}")
            mapping[row.column.strip().lower()] = field
    return mapping


# --------------------------------------------------------------------------
# Web pages
# --------------------------------------------------------------------------

def read_html(path: Path, html: str, fmt: str = "html") -> dict:
    """The main text and metadata of a saved web page (trafilatura)."""
    import trafilatura

    from .corpus import CorpusError

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True, deduplicate=True,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    n_words = len(text.split())
    if n_words < MIN_PAGE_WORDS:
        found = f" (all it found: {' '.join(text.split())[:60]!r})" if text else ""
        raise CorpusError(path, f"the web page holds no article text that could be extracted: {n_words} words, "
                                f"fewer than {MIN_PAGE_WORDS}, only navigation, scripts or boilerplate{found}")
    record = {"format": fmt, "body_raw": text + "\n", "header_lines": 0}
    for field, attr in (("title", "title"), ("author", "author"), ("published", "date"),
                        ("outlet", "sitename"), ("url", "url")):
        value = getattr(doc, attr, None)
        if value:
            record[field] = " ".join(str(value).split())
            record[f"{field}_from"] = "web page metadata"
    return record


# --------------------------------------------------------------------------
# Tabular exports
# --------------------------------------------------------------------------

def _rows_csv(path: Path, data: bytes) -> tuple[list[dict], list[tuple[int, str]]]:
    from .corpus import CorpusError

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"the file is not valid UTF-8 (byte at offset {exc.start}): re-save it as UTF-8") from None
    try:
        reader = csv.DictReader(io.StringIO(text))
        rows = [dict(r) for r in reader]
    except csv.Error as exc:
        raise CorpusError(path, f"cannot be read as CSV: {exc}") from None
    if reader.fieldnames is None:
        raise CorpusError(path, "the CSV file is empty (no header row)")
    return rows, []


def _rows_jsonl(path: Path, data: bytes) -> tuple[list[dict | None], list[tuple[int, str]]]:
    from .corpus import CorpusError

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"the file is not valid UTF-8 (byte at offset {exc.start}): re-save it as UTF-8") from None
    rows: list[dict | None] = []
    problems = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append((n, f"line {n} is not JSON ({exc.msg}, column {exc.colno})"))
            rows.append(None)
            continue
        if not isinstance(obj, dict):
            problems.append((n, f"line {n} is JSON but not an object with named fields"))
            rows.append(None)
            continue
        rows.append({str(k): "" if v is None else str(v) for k, v in obj.items()})
    return rows, problems


def read_table_rows(path: Path, data: bytes, mapping: dict[str, str]) -> tuple[list[dict], list[tuple[int, str]]]:
    """Records for each row of a ``.csv`` or ``.jsonl`` export, and the rows that could not be read.

    Returns (records, [(row number, problem), ...]). A row number is the
    data row (1 = the first article) for CSV and the line number for JSONL.
    Raises :class:`CorpusError` when the file has no text column at all.
    """
    from .corpus import CorpusError

    fmt = "jsonl" if path.suffix.lower() == ".jsonl" else "csv"
    rows, problems = (_rows_jsonl if fmt == "jsonl" else _rows_csv)(path, data)
    columns = sorted({c for r in rows if r for c in r})
    fields = {}
    for col in columns:
        field = mapping.get(col.strip().lower())
        if field and field not in fields.values():
            fields[col] = field
    if "text" not in fields.values():
        if not rows and not problems:
            raise CorpusError(path, "the file holds no rows")
        if rows and all(r is None for r in rows):
            raise CorpusError(path, "no line of the file could be read: " + "; ".join(p for _, p in problems[:3]))
        names = sorted(c for c, f in mapping.items() if f == "text")
        raise CorpusError(path, f"no text column (columns: {', '.join(columns) or 'none'}; a text column is "
                                f"one of {', '.join(names)}); map yours in a {COLUMN_NAMES_FILE} in the corpus folder")
    records = []
    jsonl_lines = [n for n, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1) if line.strip()] \
        if fmt == "jsonl" else None
    for i, row in enumerate(rows, start=1):
        number = jsonl_lines[i - 1] if jsonl_lines else i
        if row is None:
            continue
        record = {"format": f"{fmt} row", "source_row": number, "header_lines": 0}
        for col, field in fields.items():
            value = " ".join(str(row.get(col, "") or "").split()) if field != "text" else str(row.get(col, "") or "")
            if value:
                record[field if field != "text" else "body_raw"] = value
                if field != "text":
                    record[f"{field}_from"] = f"{fmt} column '{col}'"
        body = record.get("body_raw", "")
        if not body.strip():
            problems.append((number, f"{'line' if fmt == 'jsonl' else 'row'} {number} has no article text"))
            continue
        record["body_raw"] = body.replace("\r\n", "\n").replace("\r", "\n")
        records.append(record)
    problems.sort()
    return records, problems

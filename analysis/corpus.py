"""Reading a folder of articles: formats, headers, metadata, validation.

A corpus is a folder of article files, optionally with a ``metadata.csv``
beside them: UTF-8 ``.txt`` files (one article each; an optional ``Key:
value`` header of title, outlet, author, date, url, kind, label, keys
case-insensitive, then a blank line and the body), saved web pages
(``.html``/``.htm``, or a ``.txt`` holding one), and tabular exports
(``.csv``/``.jsonl``, one article per row; see :mod:`analysis.formats`).

Every article keeps its provenance (``source_file``, ``source_row``) and its
metadata is normalised: ``published`` is ``YYYY-MM-DD`` or ``unknown`` with the
raw text in ``published_raw``, and a missing outlet is taken from the URL's
domain (basis ``from url``). Labels are made unique. :mod:`analysis.screening`
adds ``language`` and ``near_duplicate_of``.

Bad files and rows never stop the whole corpus: :func:`read_corpus` skips them
and reports each one with the file (and row) name and the problem, and
``Corpus.inputs`` lists every input with its status. Nothing in the folder is
ever written.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

HEADER_KEYS = ("title", "outlet", "author", "date", "url", "kind", "label")
"""Keys an article header may use. ``date`` fills the ``published`` column."""

METADATA_FIELDS = ("title", "outlet", "author", "published", "url", "kind", "label", "language")
"""Metadata columns carried into ``articles.csv``."""

BASIS_FIELDS = ("title", "outlet", "author", "published", "url", "language")
"""Fields whose provenance is recorded in a ``<field>_basis`` column."""

UNKNOWN = "unknown"
LABEL_MAX = 40  # display labels appear on figure axes and in table headers


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """A one-line display label of at most ``limit`` characters (cut with an ellipsis)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class CorpusError(ValueError):
    """A problem with one corpus file (or one of its rows), or with the corpus folder itself."""

    def __init__(self, path: Path | str, problem: str, row: int | None = None):
        self.path = Path(path)
        self.problem = problem
        self.row = row
        where = f"{self.path}" + (f", row {row}" if row is not None else "")
        super().__init__(f"{where}: {problem}")


INPUT_COLUMNS = ["input", "source_file", "source_row", "format", "article_id", "language", "status",
                 "metadata_basis"]
"""Columns of the corpus report (:attr:`Corpus.inputs`): one row per file, or per row of a table."""


@dataclass
class Corpus:
    """The readable articles of a folder, the problems found in the rest, and a report of every input."""

    articles: pd.DataFrame
    problems: list[CorpusError] = field(default_factory=list)
    inputs: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=INPUT_COLUMNS))

    def problems_frame(self) -> pd.DataFrame:
        """The problems as a table: file, row (empty for a whole file) and problem."""
        return pd.DataFrame(
            [{"file": p.path.name, "row": "" if p.row is None else p.row, "problem": p.problem}
             for p in self.problems],
            columns=["file", "row", "problem"],
        )


# --------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30}):[ \t]*(.*)$")


def decode_article(path: Path, data: bytes) -> str:
    """Decode a file's bytes as UTF-8, or raise :class:`CorpusError` saying why not."""
    if not data.strip():
        raise CorpusError(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise CorpusError(path, "the file looks binary (it contains NUL bytes), not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise CorpusError(
            path,
            f"the file is not valid UTF-8 (byte 0x{bad:02X} at offset {exc.start}); "
            "it is probably cp1252 or Latin-1: re-save it as UTF-8",
        ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
    if controls > max(3, len(text) // 100):
        raise CorpusError(path, f"the file looks binary ({controls} control characters), not a text article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_header(text: str, path: Path | str = "<text>") -> tuple[dict[str, str], str, int]:
    """Split an optional ``Key: value`` header from the body.

    Returns (header fields, body, number of lines the header used including the
    blank line). A first block counts as a header only when every line is a
    ``Key: value`` line and at least one key is known; then an unknown key is
    an error rather than silently ignored.
    """
    lines = text.split("\n")
    block: list[tuple[str, str]] = []
    for line in lines:
        if not line.strip():
            break
        m = _HEADER_LINE.match(line.strip())
        if not m:
            return {}, text, 0
        block.append((m.group(1).lower(), m.group(2).strip()))
    else:
        return {}, text, 0  # no blank line after the block: it is all body
    if not block or not any(key in HEADER_KEYS for key, _ in block):
        return {}, text, 0
    header: dict[str, str] = {}
    for key, value in block:
        if key not in HEADER_KEYS:
            raise CorpusError(path, f"unknown header key {key!r}; allowed keys: {', '.join(HEADER_KEYS)}")
        if key in header:
            raise CorpusError(path, f"header key {key!r} appears twice")
        header[key] = value
    used = len(block) + 1
    return header, "\n".join(lines[used:]), used


def read_article(path: Path) -> dict:
    """Read one ``.txt`` or ``.html``/``.htm`` article file into a record (raises :class:`CorpusError`).

    A ``.txt`` file that holds a web page is read like a ``.html`` file
    (format ``html in .txt``).
    """
    from . import formats

    data = path.read_bytes()
    text = decode_article(path, data)
    base = {"article_id": path.stem, "source_file": path.name, "source_row": "",
            "sha256": hashlib.sha256(data).hexdigest(), "n_bytes": len(data)}
    if path.suffix.lower() in (".html", ".htm") or formats.looks_like_html(text):
        fmt = "html" if path.suffix.lower() in (".html", ".htm") else "html in .txt"
        return {**base, **formats.read_html(path, text, fmt)}
    header, body, header_lines = parse_header(text, path)
    if not body.strip():
        raise CorpusError(path, "the header is followed by no article text")
    record = {**base, "format": "txt", "header_lines": header_lines, "body_raw": body}
    for key, value in header.items():
        name = "published" if key == "date" else key
        record[name] = value
        record[f"{name}_from"] = "header"
    return record


def read_rows(path: Path, mapping: dict[str, str]) -> tuple[list[dict], list[CorpusError]]:
    """Read a ``.csv`` or ``.jsonl`` export: one record per row with text, one problem per bad row."""
    from . import formats

    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(path, "the file is empty")
    rows, problems = formats.read_table_rows(path, data, mapping)
    records = []
    for r in rows:
        body = r["body_raw"]
        records.append({"article_id": f"{path.stem}-row{r['source_row']}", "source_file": path.name,
                        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                        "n_bytes": len(body.encode("utf-8")), **r})
    return records, [CorpusError(path, problem, row) for row, problem in problems]


# --------------------------------------------------------------------------
# Metadata file
# --------------------------------------------------------------------------

def read_metadata(path: Path) -> pd.DataFrame:
    """Read a hand-curated ``metadata.csv`` keyed by ``source_file``."""
    meta = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "source_file" not in meta.columns:
        raise CorpusError(path, "metadata.csv needs a 'source_file' column naming each article file")
    dupes = meta["source_file"][meta["source_file"].duplicated()].tolist()
    if dupes:
        raise CorpusError(path, f"metadata.csv lists {dupes} more than once")
    return meta


def outlet_from_url(url: str) -> str:
    """The web domain of an address (``https://www.example.com/x`` -> ``example.com``), or ""."""
    from urllib.parse import urlsplit

    url = str(url or "").strip()
    if not re.match(r"(?i)^(https?://|www\.)", url):
        return ""
    host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _merge_metadata(record: dict, meta_row: dict | None) -> dict:
    """Fill metadata from the file itself first (header, page, row), then metadata.csv, else 'unknown'.

    Then normalise: ``published`` to ``YYYY-MM-DD`` (raw text kept in
    ``published_raw``), a missing outlet from the URL's domain.
    """
    from .dates import parse_published

    out = dict(record)
    for name in METADATA_FIELDS:
        own_value = record.get(name, "")
        csv_value = (meta_row or {}).get(name, "")
        if own_value and own_value != UNKNOWN:
            out[name] = own_value
            basis = record.get(f"{name}_from", "header")
        elif csv_value and csv_value != UNKNOWN:
            out[name] = csv_value
            basis = (meta_row or {}).get(f"{name}_basis", "") or "metadata.csv"
        else:
            out[name] = UNKNOWN
            basis = UNKNOWN
        if name in BASIS_FIELDS:
            out[f"{name}_basis"] = basis
    raw = out["published"]
    out["published_raw"] = "" if raw == UNKNOWN else raw
    out["published"] = parse_published(raw)
    if raw != UNKNOWN and out["published"] == UNKNOWN:
        out["published_basis"] = f"{out['published_basis']}; date not understood, kept raw in published_raw"
    if out["outlet"] == UNKNOWN and outlet_from_url(out["url"]):
        out["outlet"], out["outlet_basis"] = outlet_from_url(out["url"]), "from url"
    out["notes"] = (meta_row or {}).get("notes", "")
    return out


def unique_labels(articles: pd.DataFrame) -> list[str]:
    """A short, readable, unique display label per article.

    The stated label, else the outlet, else a short title, else the id.
    Articles that would share a label get a disambiguator: their publication
    dates if these tell them apart (``City Ledger, 2026-03-05``), else their
    titles, else their ids. Labels are for display only: tables join on
    ``article_id``.
    """
    base = []
    for r in articles.to_dict("records"):
        for candidate in (r.get("label"), r.get("outlet"), r.get("title"), r["article_id"]):
            if candidate and candidate != UNKNOWN:
                base.append(short_label(candidate))
                break
    records = articles.to_dict("records")
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(base):
        groups.setdefault(label, []).append(i)
    labels = list(base)
    for label, members in groups.items():
        if len(members) < 2:
            continue
        for source in ("published", "title", "article_id"):  # the first that tells the group apart
            extra = [str(records[i].get(source) or UNKNOWN) for i in members]
            if UNKNOWN not in extra and len(set(extra)) == len(extra):
                break
        for i, e in zip(members, extra):
            suffix = f", {short_label(e, 24)}" if source != "article_id" else f" ({short_label(e, 24)})"
            labels[i] = short_label(label, LABEL_MAX - len(suffix)) + suffix
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):  # a disambiguated label could still meet a stated one
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} #{seen[label]}"
    return labels


# --------------------------------------------------------------------------
# A folder
# --------------------------------------------------------------------------

def _metadata_basis(record: dict) -> str:
    """One line for the corpus report: how the title, outlet and date are known."""
    return "; ".join(f"{name}: {record.get(f'{name}_basis', UNKNOWN)}" for name in ("title", "outlet", "published"))


def read_corpus(folder: str | Path) -> Corpus:
    """Read every article in ``folder`` (files sorted by name; rows in file order).

    Raises :class:`CorpusError` if the folder is missing or holds no readable
    article; otherwise bad files and rows are skipped and listed in
    ``Corpus.problems``, and ``Corpus.inputs`` reports every input.
    """
    from . import formats, screening
    from .engine import map_articles

    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "the corpus folder does not exist")
    entries = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    inputs: list[dict] = []

    def report(path: Path, fmt: str, status: str, row="", article_id="", record=None):
        inputs.append({"input": path.name + (f" (row {row})" if row != "" else ""), "source_file": path.name,
                       "source_row": row, "format": fmt, "article_id": article_id, "language": "",
                       "status": status, "metadata_basis": _metadata_basis(record) if record else ""})

    files = []
    for path in entries:
        config_kind = formats.NOT_ARTICLE_FILES.get(path.name.lower())
        if config_kind:
            report(path, path.suffix.lstrip(".").lower() or path.name, f"not an article: {config_kind}")
        elif path.suffix.lower() in formats.ARTICLE_SUFFIXES:
            files.append(path)
        else:
            report(path, path.suffix.lstrip(".").lower() or "no extension",
                   f"skipped: not an article format ({', '.join(formats.ARTICLE_SUFFIXES)})")
    if not files:
        found = ", ".join(p.name for p in entries) or "nothing"
        raise CorpusError(folder, f"the corpus folder holds no article files ({', '.join(formats.ARTICLE_SUFFIXES)}); "
                                  f"it holds: {found}")
    meta_path = folder / "metadata.csv"
    meta = read_metadata(meta_path) if meta_path.exists() else pd.DataFrame(columns=["source_file"])
    meta_rows = {row["source_file"]: row for row in meta.to_dict("records")}
    mapping = formats.load_column_names(folder)

    records: list[dict] = []
    problems: list[CorpusError] = []
    seen: dict[str, str] = {}
    for path in files:
        fmt = path.suffix.lstrip(".").lower()
        try:
            if fmt in ("csv", "jsonl"):
                found, row_problems = read_rows(path, mapping)
            else:
                found, row_problems = [read_article(path)], []
        except CorpusError as exc:
            problems.append(exc)
            report(path, fmt, f"skipped: {exc.problem}")
            continue
        for exc in row_problems:
            problems.append(exc)
            report(path, f"{fmt} row", f"skipped: {exc.problem}", row=exc.row)
        for record in found:
            where = record["source_file"] + (f" (row {record['source_row']})" if record.get("source_row") else "")
            fingerprint = hashlib.sha256(re.sub(r"\s+", " ", record["body_raw"]).strip().encode()).hexdigest()
            if fingerprint in seen:
                problem = f"duplicate article: same text as {seen[fingerprint]}; skipped"
                problems.append(CorpusError(path, problem, record.get("source_row") or None))
                report(path, record["format"], f"skipped: {problem}", row=record.get("source_row", ""))
                continue
            seen[fingerprint] = where
            merged = _merge_metadata(record, meta_rows.get(path.name) if not record.get("source_row") else None)
            records.append(merged)
            report(path, record["format"], "read", row=record.get("source_row", ""), record=merged)
    for name in sorted(set(meta_rows) - {p.name for p in files}):
        problems.append(CorpusError(meta_path, f"lists {name!r}, which is not in the folder"))
    if not records:
        detail = "; ".join(str(p) for p in problems)
        raise CorpusError(folder, f"no readable article in the folder ({detail})")

    articles = pd.DataFrame(records)
    # ids: the file name's stem, or stem-rowN; two files with one stem (a.txt, a.html) keep their suffix
    clash = articles["article_id"].duplicated(keep=False)
    articles.loc[clash, "article_id"] = [f"{Path(f).stem}-{Path(f).suffix.lstrip('.')}" + (f"-row{r}" if r else "")
                                         for f, r in zip(articles.loc[clash, "source_file"],
                                                         articles.loc[clash, "source_row"])]
    articles["label"] = unique_labels(articles)
    stated = articles["language"].where(articles["language"].str.fullmatch(r"[a-z]{2}", na=False))
    # Only articles without a stated language are detected, on every core (langdetect is slow).
    unstated = articles[stated.isna()]
    if len(unstated):
        screening.load_language_profiles()  # once here, so forked workers inherit them
    detected = pd.Series(map_articles(screening.detect_language, list(unstated["body_raw"]),
                                      list(unstated["article_id"]), desc="language"),
                         index=unstated.index, dtype=object)
    articles["language"] = stated.fillna(detected)
    articles["language_basis"] = articles["language_basis"].where(stated.notna(), "detected (langdetect)")
    order = articles.assign(_d=articles["published"].replace(UNKNOWN, "9999"), _i=range(len(articles)))
    dupes = screening.near_duplicates(order.sort_values(["_d", "_i"], kind="stable"))
    articles = articles.merge(dupes, on="article_id", how="left")

    inputs_df = pd.DataFrame(inputs, columns=INPUT_COLUMNS)
    inputs_df = inputs_df.assign(_r=pd.to_numeric(inputs_df["source_row"], errors="coerce").fillna(0)).sort_values(
        ["source_file", "_r"], kind="stable").drop(columns="_r").reset_index(drop=True)
    key = articles.set_index(["source_file", articles["source_row"].astype(str)])
    for i, r in inputs_df.iterrows():
        k = (r["source_file"], str(r["source_row"]))
        if r["status"] == "read" and k in key.index:
            a = key.loc[k]
            inputs_df.loc[i, ["article_id", "language"]] = [a["article_id"], a["language"]]
            if a["near_duplicate_of"]:
                inputs_df.loc[i, "status"] = (f"read; near-duplicate of {a['near_duplicate_of']} "
                                              f"(Jaccard {a['near_duplicate_similarity']:.2f})")
    columns = ["article_id", "source_file", "source_row", "format", *METADATA_FIELDS,
               *(f"{f}_basis" for f in BASIS_FIELDS), "published_raw", "near_duplicate_of",
               "near_duplicate_similarity", "notes", "sha256", "n_bytes", "header_lines", "body_raw"]
    return Corpus(articles[columns], problems, inputs_df)


def verify_checksums(folder: str | Path, sums_file: str = "SHA256SUMS") -> pd.DataFrame:
    """Compare each file listed in ``folder/SHA256SUMS`` with its current SHA-256.

    Returns columns ``file, expected, actual, unchanged``; an empty table when
    the folder has no checksum file (a new corpus need not have one).
    """
    folder = Path(folder)
    sums = folder / sums_file
    rows = []
    if sums.exists():
        for line in sums.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            expected, name = line.split(maxsplit=1)
            path = folder / name.strip().lstrip("*")
            actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
            rows.append({"file": path.name, "expected": expected, "actual": actual, "unchanged": expected == actual})
    return pd.DataFrame(rows, columns=["file", "expected", "actual", "unchanged"])

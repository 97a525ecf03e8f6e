"""Reading a folder of article files: headers, metadata, validation.

A corpus is a folder of UTF-8 ``.txt`` files, one article each, optionally with
a ``metadata.csv`` beside them. An article may start with ``Key: value`` header
lines (title, outlet, author, date, url, kind, label; keys case-insensitive)
followed by a blank line, then the body.

Bad files never stop the whole corpus: :func:`read_corpus` skips them and
reports each one with the file name and the problem. Nothing in the folder is
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

METADATA_FIELDS = ("title", "outlet", "author", "published", "url", "kind", "label")
"""Metadata columns carried into ``articles.csv``."""

BASIS_FIELDS = ("title", "outlet", "author", "published", "url")
"""Fields whose provenance is recorded in a ``<field>_basis`` column."""

UNKNOWN = "unknown"
LABEL_MAX = 40  # display labels appear on figure axes and in table headers


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """A one-line display label of at most ``limit`` characters (cut with an ellipsis)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class CorpusError(ValueError):
    """A problem with one corpus file, or with the corpus folder itself."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass
class Corpus:
    """The readable articles of a folder and the problems found in the rest."""

    articles: pd.DataFrame
    problems: list[CorpusError] = field(default_factory=list)

    def problems_frame(self) -> pd.DataFrame:
        """The problems as a table: file and problem."""
        return pd.DataFrame(
            [{"file": p.path.name, "problem": p.problem} for p in self.problems],
            columns=["file", "problem"],
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
    """Read one article file into a record (raises :class:`CorpusError`)."""
    data = path.read_bytes()
    text = decode_article(path, data)
    header, body, header_lines = parse_header(text, path)
    if not body.strip():
        raise CorpusError(path, "the header is followed by no article text")
    record = {
        "article_id": path.stem,
        "source_file": path.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "n_bytes": len(data),
        "header_lines": header_lines,
        "body_raw": body,
    }
    for key, value in header.items():
        record["published" if key == "date" else key] = value
    return record


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


def _merge_metadata(record: dict, meta_row: dict | None) -> dict:
    """Fill metadata from the header first, then metadata.csv, else 'unknown'."""
    out = dict(record)
    for name in METADATA_FIELDS:
        header_value = record.get(name, "")
        csv_value = (meta_row or {}).get(name, "")
        if header_value:
            out[name] = header_value
            basis = "header"
        elif csv_value and csv_value != UNKNOWN:
            out[name] = csv_value
            basis = (meta_row or {}).get(f"{name}_basis", "") or "metadata.csv"
        else:
            out[name] = UNKNOWN
            basis = UNKNOWN
        if name in BASIS_FIELDS:
            out[f"{name}_basis"] = basis
    if out["label"] == UNKNOWN:
        out["label"] = out["outlet"] if out["outlet"] != UNKNOWN else record["article_id"]
    out["label"] = short_label(out["label"])
    out["notes"] = (meta_row or {}).get("notes", "")
    return out


# --------------------------------------------------------------------------
# A folder
# --------------------------------------------------------------------------

def read_corpus(folder: str | Path) -> Corpus:
    """Read every ``*.txt`` article in ``folder`` (sorted by file name).

    Raises :class:`CorpusError` if the folder is missing or holds no readable
    article; otherwise bad files are skipped and listed in ``Corpus.problems``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "the corpus folder does not exist")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise CorpusError(folder, "the corpus folder holds no .txt article files")
    meta_path = folder / "metadata.csv"
    meta = read_metadata(meta_path) if meta_path.exists() else pd.DataFrame(columns=["source_file"])
    meta_rows = {row["source_file"]: row for row in meta.to_dict("records")}

    records: list[dict] = []
    problems: list[CorpusError] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            record = read_article(path)
        except CorpusError as exc:
            problems.append(exc)
            continue
        fingerprint = hashlib.sha256(re.sub(r"\s+", " ", record["body_raw"]).strip().encode()).hexdigest()
        if fingerprint in seen:
            problems.append(CorpusError(path, f"duplicate article: same text as {seen[fingerprint]}; skipped"))
            continue
        seen[fingerprint] = path.name
        records.append(_merge_metadata(record, meta_rows.get(path.name)))
    for name in sorted(set(meta_rows) - {p.name for p in files}):
        problems.append(CorpusError(meta_path, f"lists {name!r}, which is not in the folder"))
    if not records:
        detail = "; ".join(str(p) for p in problems)
        raise CorpusError(folder, f"no readable article in the folder ({detail})")
    columns = ["article_id", "source_file", *METADATA_FIELDS, *(f"{f}_basis" for f in BASIS_FIELDS),
               "notes", "sha256", "n_bytes", "header_lines", "body_raw"]
    return Corpus(pd.DataFrame(records)[columns], problems)


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

"""Large tables get a Parquet copy that reads back as exactly the table the CSV gives."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from analysis import io
from analysis.corpus import read_corpus
from analysis.ingest import build_tables, write_tables


@pytest.fixture(scope="module")
def tables(raw_dir):
    return build_tables(read_corpus(raw_dir))


def test_small_tables_stay_csv_only(tables, tmp_path):
    paths = write_tables(tables, tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{name}.csv" for name, _ in tables.items())
    assert not list(tmp_path.glob("*.parquet"))


@pytest.mark.parametrize("name", ["articles", "paragraphs", "sentences", "removed_lines"])
def test_parquet_copy_reads_back_as_the_csv_does(tables, tmp_path, name):
    df = dict(tables.items())[name]
    csv_dir, pq_dir = tmp_path / "csv", tmp_path / "pq"
    io.write_table(df, csv_dir, name)
    paths = io.write_table(df, pq_dir, name, parquet_min_rows=1)
    assert [p.suffix for p in paths] == [".csv", ".parquet"]
    from_csv = io.read_table(csv_dir, name)
    from_parquet = io.read_table(pq_dir, name)
    pd.testing.assert_frame_equal(from_parquet, from_csv, check_exact=True)
    assert (pq_dir / f"{name}.csv").read_bytes() == (csv_dir / f"{name}.csv").read_bytes()


def test_a_stale_parquet_copy_is_never_read(tables, tmp_path):
    df = tables.sentences
    io.write_table(df, tmp_path, "sentences", parquet_min_rows=1)
    # a table rewritten as CSV only (e.g. by write_csv) is newer than its old Parquet copy
    smaller = df.head(3)
    io.write_csv(smaller, tmp_path / "sentences.csv")
    parquet = tmp_path / "sentences.parquet"
    os.utime(parquet, ns=(1, 1))
    assert len(io.read_table(tmp_path, "sentences")) == 3
    # write_table removes the copy when the table falls below the threshold
    io.write_table(smaller, tmp_path, "sentences", parquet_min_rows=10)
    assert not parquet.exists()


def test_the_parquet_bound_from_the_environment_must_be_a_number(monkeypatch):
    from analysis import io

    monkeypatch.setenv("PARQUET_MIN_ROWS", "500")
    assert io._rows_from_env("PARQUET_MIN_ROWS", 200_000) == 500
    monkeypatch.delenv("PARQUET_MIN_ROWS")
    assert io._rows_from_env("PARQUET_MIN_ROWS", 200_000) == 200_000
    monkeypatch.setenv("PARQUET_MIN_ROWS", "lots")
    with pytest.raises(ValueError, match="PARQUET_MIN_ROWS='lots': expected a whole number"):
        io._rows_from_env("PARQUET_MIN_ROWS", 200_000)

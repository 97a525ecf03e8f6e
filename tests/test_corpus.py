"""Reading a corpus folder: headers, metadata, and every kind of bad input."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import CorpusError, parse_header, read_corpus, verify_checksums
from analysis.ingest import build_tables

GOOD = "The council voted on Tuesday. Critics said the cost would rise.\n"


def _snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# --- headers -----------------------------------------------------------------

def test_header_keys_are_case_insensitive_and_date_fills_published():
    header, body, used = parse_header("TITLE: A vote\nOutlet: City Times\ndate: 2026-03-04\n\nBody here.\n")
    assert header == {"title": "A vote", "outlet": "City Times", "date": "2026-03-04"}
    assert body == "Body here.\n"
    assert used == 4


def test_text_without_header_is_all_body():
    text = "Breaking: the council voted.\nMore text.\n"
    assert parse_header(text) == ({}, text, 0)


def test_first_paragraph_with_a_colon_is_not_a_header():
    text = "Note: this is prose, not a header\n\nMore text.\n"
    assert parse_header(text)[0] == {}


def test_unknown_header_key_names_file_and_key(tmp_path):
    with pytest.raises(CorpusError, match=r"a\.txt: unknown header key 'titel'"):
        parse_header("Titel: Oops\nOutlet: X\n\nBody.\n", tmp_path / "a.txt")


def test_duplicate_header_key(tmp_path):
    with pytest.raises(CorpusError, match="appears twice"):
        parse_header("Title: A\nTitle: B\n\nBody.\n", tmp_path / "a.txt")


def test_header_and_metadata_csv_both_supply_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Title: From header\nAuthor: Ann\n\n" + GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("council", "board"), encoding="utf-8")
    pd.DataFrame([
        {"source_file": "a.txt", "title": "From csv", "outlet": "Paper A"},
        {"source_file": "b.txt", "title": "B title", "outlet": "unknown"},
    ]).to_csv(tmp_path / "metadata.csv", index=False)
    arts = read_corpus(tmp_path).articles.set_index("article_id")
    assert arts.loc["a", "title"] == "From header" and arts.loc["a", "title_basis"] == "header"
    assert arts.loc["a", "outlet"] == "Paper A" and arts.loc["a", "outlet_basis"] == "metadata.csv"
    assert arts.loc["a", "author"] == "Ann"
    assert arts.loc["b", "outlet"] == "unknown" and arts.loc["b", "outlet_basis"] == "unknown"
    assert arts.loc["b", "published"] == "unknown"


# --- bad input -----------------------------------------------------------------

@pytest.fixture
def mixed_folder(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "cp1252.txt").write_bytes("The council’s “vote” — €5m".encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes("Café owners said the vote was señor García’s idea".replace("’", "'").encode("latin-1"))
    (tmp_path / "badkey.txt").write_text("Title: X\nSource: Y\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text(GOOD.replace(" ", "  "), encoding="utf-8")
    return tmp_path


def test_each_bad_file_is_reported_with_its_name_and_problem(mixed_folder):
    c = read_corpus(mixed_folder)
    problems = dict(zip(c.problems_frame()["file"], c.problems_frame()["problem"]))
    assert list(c.articles["article_id"]) == ["copy"] or list(c.articles["article_id"]) == ["good"]
    assert "empty" in problems["empty.txt"]
    assert "empty" in problems["blank.txt"]
    assert "binary" in problems["binary.txt"]
    assert "not valid UTF-8" in problems["cp1252.txt"] and "cp1252 or Latin-1" in problems["cp1252.txt"]
    assert "not valid UTF-8" in problems["latin1.txt"]
    assert "unknown header key 'source'" in problems["badkey.txt"]
    dup = [p for f, p in problems.items() if "duplicate" in p]
    assert len(dup) == 1 and "same text as" in dup[0]
    assert all(str(p).startswith(str(mixed_folder)) for p in c.problems)


def test_reading_never_changes_the_folder(mixed_folder):
    before = _snapshot(mixed_folder)
    build_tables(read_corpus(mixed_folder))
    assert _snapshot(mixed_folder) == before


def test_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nope")


def test_folder_without_articles(tmp_path):
    (tmp_path / "notes.md").write_text("hi")
    with pytest.raises(CorpusError, match="holds no article files .*it holds: notes.md"):
        read_corpus(tmp_path)


def test_folder_with_only_bad_files_lists_them(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"no readable article.*empty.txt: the file is empty"):
        read_corpus(tmp_path)


def test_metadata_naming_a_missing_file_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    pd.DataFrame([{"source_file": "ghost.txt", "title": "G"}]).to_csv(tmp_path / "metadata.csv", index=False)
    problems = read_corpus(tmp_path).problems_frame()
    assert problems["problem"].str.contains("ghost.txt").any()


def test_bom_and_windows_newlines_are_accepted(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfTitle: T\r\n\r\nBody one.\r\nBody two.\r\n")
    art = read_corpus(tmp_path).articles.iloc[0]
    assert art["title"] == "T" and art["body_raw"] == "Body one.\nBody two.\n"


# --- the committed corpus --------------------------------------------------------

def test_raw_seed_files_are_unchanged():
    checks = verify_checksums(config.RAW_DIR)
    assert len(checks) == 4 and checks["unchanged"].all()


def test_committed_metadata_never_guesses():
    arts = read_corpus(config.RAW_DIR).articles.set_index("article_id")
    assert arts.loc["002_d77b414d7b5b88a9", "title"] == "unknown"
    assert arts.loc["002_d77b414d7b5b88a9", "published"] == "unknown"
    assert arts.loc["001_b43b3b52f3a7dfc9", "published"] == "2025-11-20"
    for field in ("title", "outlet", "author", "published", "url"):
        unknown = arts[field] == "unknown"
        assert (arts.loc[unknown, f"{field}_basis"] == "unknown").all()
        assert (arts.loc[~unknown, f"{field}_basis"] != "unknown").all()


def test_long_labels_are_shortened_for_figures(tmp_path):
    (tmp_path / "a.txt").write_text("Outlet: " + "Very long outlet name " * 5 + "\n\n" + GOOD, encoding="utf-8")
    label = read_corpus(tmp_path).articles.iloc[0]["label"]
    assert len(label) <= 40 and label.endswith("…")


# --- hand-coded labels ------------------------------------------------------------

def test_annotations_are_checked_against_the_sentence_table(tmp_path):
    from analysis.validation import read_annotations

    sentences = pd.DataFrame({"sentence_id": ["a-s000", "a-s001"], "text": ["One  sentence.", "Two."]})
    path = tmp_path / "labels.csv"
    assert read_annotations(path, sentences, {"label": ["x", "y"]}) is None
    pd.DataFrame({"sentence_id": ["a-s001", "a-s000"], "text": ["Two.", "One sentence."],
                  "label": [" X", "y"]}).to_csv(path, index=False)
    got = read_annotations(path, sentences, {"label": ["x", "y"]})
    assert list(got["sentence_id"]) == ["a-s000", "a-s001"] and list(got["label"]) == ["y", "x"]
    pd.DataFrame({"sentence_id": ["a-s000"], "text": ["Changed."], "label": ["x"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="labels.csv is stale: the text"):
        read_annotations(path, sentences, {"label": ["x", "y"]})
    pd.DataFrame({"sentence_id": ["a-s009"], "text": ["Two."], "label": ["x"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="labels.csv is stale: 1 sentence id"):
        read_annotations(path, sentences, {"label": ["x", "y"]})
    pd.DataFrame({"sentence_id": ["a-s000"], "text": ["One sentence."], "label": ["z"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match="unknown labels"):
        read_annotations(path, sentences, {"label": ["x", "y"]})

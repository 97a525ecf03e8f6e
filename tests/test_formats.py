"""Every input format, provenance, metadata normalisation, labels, language, near-duplicates,
and each kind of bad input, read from the messy test corpus and from small folders."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import CorpusError, outlet_from_url, read_corpus, unique_labels
from analysis.ingest import build_tables
from analysis.pipeline import slug
from analysis.screening import detect_language, lexicon_scope, near_duplicates

MESSY = config.TEST_CORPUS_DIR / "messy corpus é"
BODY = ("The harbour council voted on Tuesday to approve the bridge after a long debate. "
        "Critics said the cost could rise again, and the finance office has not published its plan. ")


@pytest.fixture(scope="module")
def messy():
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in MESSY.iterdir()}
    c = read_corpus(MESSY)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in MESSY.iterdir()} == before
    return c


def _art(c, aid):
    return c.articles.set_index("article_id").loc[aid]


def test_web_page_main_text_without_navigation_scripts_newsletter_or_footer(messy):
    page = _art(messy, "page sauvegardée")
    assert page["format"] == "html"
    assert (page["outlet"], page["author"], page["published"]) == ("Bayside Chronicle", "Jo Tanaka", "2026-03-04")
    assert page["outlet_basis"] == "web page metadata"
    body = page["body_raw"]
    assert "voted 6-3 on Tuesday" in body and "We are building the future" in body
    for junk in ("Subscribe", "newsletter", "dataLayer", "All rights reserved", "Privacy policy", "cookies", "Most read"):
        assert junk not in body, junk


def test_html_pasted_in_a_txt_is_read_as_a_web_page(messy):
    pasted = _art(messy, "pasted page")
    assert pasted["format"] == "html in .txt" and pasted["outlet"] == "Northpoint Daily"
    assert "<" not in pasted["body_raw"] and "analytics" not in pasted["body_raw"]


def test_csv_export_rows_with_media_cloud_names_and_provenance(messy):
    rows = messy.articles[messy.articles["source_file"] == "export média.csv"]
    assert rows["source_row"].tolist() == [1, 2]
    first = rows.iloc[0]
    assert (first["outlet"], first["published"], first["published_raw"]) == ("Harbour Post", "2026-03-04", "2026-03-04 18:30:00")
    assert first["outlet_basis"] == "csv column 'media_name'" and first["url"].startswith("https://harbour-post.example")


def test_jsonl_with_the_projects_header_names(messy):
    note = _art(messy, "notes élèves-row1")
    assert (note["outlet"], note["published"], note["published_raw"]) == ("Alder High Press Club", "2026-03-06", "6 March 2026")


def test_every_bad_input_is_reported_with_file_and_row(messy):
    problems = messy.problems_frame()
    found = {(f, str(r)): p for f, r, p in problems.itertuples(index=False)}
    assert "no article text" in found[("export média.csv", "3")]
    assert "not JSON" in found[("notes élèves.jsonl", "2")]
    assert "no text column" in found[("no text column.csv", "")]
    assert "no article text" in found[("empty page.html", "")]
    assert len(found) == 4


def test_corpus_report_has_one_row_per_input(messy):
    report = messy.inputs.set_index("input")
    assert set(report.index) >= {"export média.csv (row 1)", "export média.csv (row 2)", "export média.csv (row 3)",
                                 "empty page.html", "claim_slots.csv", "README.md", "url only.txt"}
    assert report.loc["export média.csv (row 3)", "status"].startswith("skipped")
    assert report.loc["export média.csv (row 2)", "language"] == "fr"
    assert report.loc["claim_slots.csv", "status"].startswith("not an article")
    assert report.loc["Valley Wire copy.txt", "status"].startswith("read; near-duplicate of Alder Ledger – vote night")
    assert report.loc["url only.txt", "metadata_basis"] == "title: unknown; outlet: from url; published: unknown"
    n_read = report["status"].str.startswith("read").sum()
    assert n_read == len(messy.articles)


def test_dates_are_iso_with_the_raw_text_kept(messy):
    ledger = _art(messy, "Alder Ledger – vote night")
    assert (ledger["published"], ledger["published_raw"], ledger["published_basis"]) == ("2026-03-05", "March 5, 2026", "header")
    bad = _art(messy, "bad date")
    assert bad["published"] == "unknown" and bad["published_raw"] == "sometime after the vote"
    assert "not understood" in bad["published_basis"]


def test_outlet_from_the_url_when_the_header_gives_only_a_url(messy):
    only = _art(messy, "url only")
    assert (only["outlet"], only["outlet_basis"]) == ("northshore-times.example", "from url")
    assert outlet_from_url("https://www.example.com/x") == "example.com"
    assert outlet_from_url("not a url") == ""


def test_same_outlet_twice_gets_unique_readable_labels(messy):
    labels = messy.articles["label"]
    assert labels.is_unique
    assert set(labels[messy.articles["outlet"] == "Alder Ledger"]) == {"Alder Ledger, 2026-03-05", "Alder Ledger, 2026-03-09"}
    same = pd.DataFrame({"article_id": ["a", "b"], "label": ["unknown"] * 2, "outlet": ["X"] * 2,
                         "title": ["unknown"] * 2, "published": ["unknown"] * 2})
    assert unique_labels(same) == ["X (a)", "X (b)"]


def test_language_and_lexicon_scope(messy):
    lang = messy.articles.set_index("article_id")["language"]
    assert lang["export média-row2"] == "fr" and lang["export média-row1"] == "en"
    assert (lang.drop("export média-row2") == "en").all()
    kept, left = lexicon_scope(messy.articles)
    assert "export média-row2" not in kept and left["article_id"].tolist() == ["export média-row2"]
    assert detect_language("Too short.") == "und"


def test_syndicated_copy_is_a_near_duplicate_of_the_earlier_article(messy):
    dup = messy.articles.set_index("article_id")["near_duplicate_of"]
    assert dup["Valley Wire copy"] == "Alder Ledger – vote night"
    assert (dup.drop("Valley Wire copy") == "").all()
    texts = pd.DataFrame({"article_id": ["x", "y", "z"], "body_raw": [BODY * 3, BODY * 3 + "One more line here.", "Entirely different words about ferries and fares and weather today."]})
    assert near_duplicates(texts)["near_duplicate_of"].tolist() == ["", "x", ""]


def test_the_messy_corpus_builds_tables_keyed_on_article_id(messy):
    tables = build_tables(messy)
    assert tables.articles["article_id"].is_unique
    assert set(tables.sentences["article_id"]) == set(messy.articles["article_id"])
    for col in ("source_row", "format", "published_raw", "language", "near_duplicate_of"):
        assert col in tables.articles.columns


def test_other_column_names_are_mapped_by_a_file_in_the_folder(tmp_path):
    pd.DataFrame([{"Headline": "Bridge", "Story": BODY, "Paper": "Daily X", "When": "5 March 2026"}]).to_csv(
        tmp_path / "export.csv", index=False)
    with pytest.raises(CorpusError, match="export.csv.*no text column"):
        read_corpus(tmp_path)
    (tmp_path / "column_names.csv").write_text("column,field,source\nStory,text,our export\nPaper,outlet,our export\n"
                                               "When,published,our export\nHeadline,title,our export\n", encoding="utf-8")
    art = read_corpus(tmp_path).articles.iloc[0]
    assert (art["title"], art["outlet"], art["published"], art["source_row"]) == ("Bridge", "Daily X", "2026-03-05", 1)


def test_a_folder_with_only_non_article_files_names_what_it_holds(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "metadata.csv").write_text("source_file\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"holds no article files .*it holds: metadata.csv, notes.docx"):
        read_corpus(tmp_path)


def test_jsonl_with_no_readable_line(tmp_path):
    (tmp_path / "a.jsonl").write_text("not json\n{broken\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    c = read_corpus(tmp_path)
    assert c.articles["article_id"].tolist() == ["ok"]
    assert "a.jsonl" in c.problems_frame()["file"].tolist()


def test_a_txt_and_an_html_with_one_stem_keep_distinct_ids(tmp_path):
    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    page = "<html><body><article>" + "".join(f"<p>{s.strip()}.</p>" for s in (BODY * 2).split(".") if s.strip()) + \
           "<p>A third paragraph adds different words about ferries.</p></article></body></html>"
    (tmp_path / "story.html").write_text(page, encoding="utf-8")
    ids = read_corpus(tmp_path).articles["article_id"].tolist()
    assert len(set(ids)) == 2 and "story-html" in ids


def test_output_folder_slug():
    assert slug("é l'été") == "e-l-ete"
    assert slug("week 3 articles") == "week-3-articles"
    assert slug("stadium") == "stadium"
    assert slug("日本") == "corpus"


def test_the_second_story_swaps_stories_for_the_framing_notebook(tmp_path):
    from analysis import config
    from analysis.pipeline import story_parameters

    assert story_parameters(tmp_path / "week 3 articles") == {"story_name": "week-3-articles"}
    swapped = story_parameters(config.SECOND_STORY_DIR)
    assert swapped["story_name"] == "openai-amd"
    assert swapped["other_corpus_dir"] == "data/raw"  # its out-of-story test is the seed corpus
    assert swapped["other_annotations_dir"] == "data/annotations"


def test_json_problem_names_the_line(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": BODY}) + "\n[1, 2]\n", encoding="utf-8")
    c = read_corpus(tmp_path)
    problems = c.problems_frame()
    assert problems.iloc[0]["row"] == 2 and "not an object" in problems.iloc[0]["problem"]

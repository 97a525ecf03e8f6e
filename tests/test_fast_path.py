"""The fast per-sentence path gives the same tables as the code it replaced.

The reference tables in ``tests/fixtures/fast_path/`` were written by the
implementation *before* the speed-ups (loop-over-cues framing, per-cue
attribution regexes, per-rule boilerplate matching), by running this file as a
script at that commit::

    .venv/bin/python tests/test_fast_path.py write

(They were last rewritten that way after the any-corpus and classifier branches changed
the tables: by the pre-speed-up code at the merge's first parent, with this file and the
fixture lexicons of the merge, so the comparison still pits the fast path against the old one.)

They cover the seeds (data/raw with data/story), the stadium test corpus
(no story files), the frozen fixture lexicons of tests/fixtures/lexicons, and
the sentences the unit tests use (edge cases of negation, remedies, quotes,
money ranges ...). Each test recomputes a table with today's code, writes it
with :func:`analysis.io.write_csv` and compares the bytes with the reference.
The seeds' sentence, sentiment and framing tables are also compared with the
committed ``data/processed`` tables written by the notebooks.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "fast_path"
FIXTURE_LEXICONS = HERE / "fixtures" / "lexicons"
# source files whose string literals are harvested as edge-case sentences
EDGE_SOURCES = ("test_framing.py", "test_claims.py", "test_sentiment.py", "test_shared.py", "test_text.py")

CORPORA = {
    "seeds": (config.RAW_DIR, config.STORY_DIR),
    "stadium": (config.TEST_CORPUS_DIR / "stadium", config.TEST_CORPUS_DIR / "stadium"),
}


def _csv_text(df: pd.DataFrame, tmp: Path) -> str:
    from analysis.io import write_csv

    return write_csv(df, tmp).read_text(encoding="utf-8")


def harvest_edge_sentences() -> pd.DataFrame:
    """String literals of the rule tests that read as sentences (a space, at least 12 characters)."""
    texts: list[str] = []
    for name in EDGE_SOURCES:
        tree = ast.parse((HERE / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                s = node.value.strip()
                if len(s) >= 12 and " " in s and "\n" not in s and s not in texts:
                    texts.append(s)
    return pd.DataFrame({"sentence_id": [f"edge-s{i:04d}" for i in range(len(texts))], "article_id": "edge",
                         "position": range(len(texts)), "is_heading": False, "text": texts})


def corpus_tables(name: str) -> dict[str, pd.DataFrame]:
    """Every per-sentence table of one corpus, computed with the current code."""
    from analysis import claims, framing, ingest, sentiment
    from analysis.corpus import read_corpus

    corpus_dir, story_dir = CORPORA[name]
    tables = ingest.build_tables(read_corpus(corpus_dir))
    out = dict(tables.items())
    sentences = tables.sentences
    body = ingest.body_sentences(sentences)
    out.update(per_sentence_tables(sentences, body, story_dir))
    return out


def per_sentence_tables(sentences: pd.DataFrame, body: pd.DataFrame, story_dir: Path | None) -> dict:
    from analysis import claims, framing, sentiment

    sia = sentiment.make_analyzer()
    adjusted = sentiment.with_overrides(sia, sentiment.load_overrides(config.VADER_OVERRIDES_CSV))
    out = {"sentiment_sentences": sentiment.score_sentences(body, sia, adjusted,
                                                            sentiment.derive_tone_words(sia.lexicon))}
    lexicon = framing.load_cues(extra=framing.extra_cue_paths(story_dir))
    out["framing_sentences"] = framing.score_sentences(sentences, lexicon)
    out["framing_sentences_fixture_lexicons"] = framing.score_sentences(
        sentences, framing.load_cues(FIXTURE_LEXICONS / config.FRAMING_CUES),
        attribution_csv=FIXTURE_LEXICONS / config.ATTRIBUTION, speech_verbs_csv=FIXTURE_LEXICONS / config.SPEECH_VERBS)
    gazetteer_csv = None if story_dir is None else story_dir / config.GAZETTEER
    gazetteer = claims.load_gazetteer(gazetteer_csv) if gazetteer_csv and gazetteer_csv.exists() else None
    out["claims"] = claims.build_claims(sentences, claims.load_places(), gazetteer, claims.load_cues())
    out["claims_fixture_lexicons"] = claims.build_claims(
        sentences, claims.load_places(FIXTURE_LEXICONS / config.PLACES), None,
        claims.load_cues(FIXTURE_LEXICONS / config.CLAIM_CUES), lexicons_dir=FIXTURE_LEXICONS)
    return out


def edge_tables() -> dict[str, pd.DataFrame]:
    """The per-sentence tables of the unit tests' sentences (stored with the reference)."""
    edge = pd.read_csv(FIXTURES / "edge" / "sentences.csv", dtype=str, keep_default_na=False)
    edge["position"] = edge["position"].astype(int)
    edge["is_heading"] = False
    return {"sentences": edge, **per_sentence_tables(edge, edge, config.STORY_DIR)}


def write_reference() -> None:
    """Write the reference tables (run once, with the implementation being replaced)."""
    from analysis.io import write_csv

    for name in CORPORA:
        for table, df in corpus_tables(name).items():
            write_csv(df, FIXTURES / name / f"{table}.csv")
    write_csv(harvest_edge_sentences(), FIXTURES / "edge" / "sentences.csv")
    for table, df in edge_tables().items():
        write_csv(df, FIXTURES / "edge" / f"{table}.csv")


@pytest.fixture(scope="module")
def computed():
    return {**{name: corpus_tables(name) for name in CORPORA}, "edge": edge_tables()}


def _cases():
    return sorted((p.parent.name, p.stem) for p in FIXTURES.glob("*/*.csv"))


@pytest.mark.parametrize("corpus,table", _cases())
def test_fast_path_matches_the_reference_tables(computed, corpus, table, tmp_path):
    expected = (FIXTURES / corpus / f"{table}.csv").read_text(encoding="utf-8")
    assert _csv_text(computed[corpus][table], tmp_path / f"{table}.csv") == expected


def test_reference_covers_every_corpus_and_stage():
    cases = set(_cases())
    for corpus in ("seeds", "stadium", "edge"):
        for table in ("sentences", "sentiment_sentences", "framing_sentences", "claims",
                      "framing_sentences_fixture_lexicons", "claims_fixture_lexicons"):
            assert (corpus, table) in cases
    assert len(pd.read_csv(FIXTURES / "edge" / "sentences.csv")) > 100


@pytest.mark.parametrize("table", ["sentences", "paragraphs", "removed_lines", "articles",
                                   "sentiment_sentences", "framing_sentences"])
def test_seed_tables_match_the_committed_results(computed, table, tmp_path):
    """The notebooks write these tables unchanged (sorted by sentence_id where they sort)."""
    df = computed["seeds"][table]
    if table == "sentiment_sentences":
        df = df.sort_values("sentence_id")
    committed = (config.PROCESSED_DIR / f"{table}.csv").read_text(encoding="utf-8")
    extra = [c for c in committed.split("\n", 1)[0].split(",") if c not in df.columns]
    if extra:  # columns a later notebook adds (03 adds frame_classifier): compare the rest, as written
        assert extra == ["frame_classifier"], extra
        table_read = pd.read_csv(config.PROCESSED_DIR / f"{table}.csv", keep_default_na=False, na_values=[""])
        committed = _csv_text(table_read.drop(columns=extra), tmp_path / f"committed-{table}.csv")
    assert _csv_text(df, tmp_path / f"{table}.csv") == committed


if __name__ == "__main__":
    if sys.argv[1:] == ["write"]:
        write_reference()
    else:
        sys.exit("usage: python tests/test_fast_path.py write   (only with the reference implementation)")


def test_vader_tokens_in_one_pass_match_nltk_sentitext():
    """The one-pass tokenizer gives NLTK's SentiText tokens, on punctuation-heavy random strings too."""
    import random

    from nltk.sentiment.vader import SentiText

    from analysis import vader

    c = vader.make_analyzer().constants
    rng = random.Random(11)
    alphabet = list("abcAB") + list("!?.,;:-'\"()#@") + [" ", " ", " ", "é", "’", "🚀"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(20000)]
    texts += list(pd.read_csv(FIXTURES / "edge" / "sentences.csv", dtype=str, keep_default_na=False)["text"])
    for t in texts:
        assert vader._vader_words(t, c) == SentiText(t, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION).words_and_emoticons


def test_polarity_pair_equals_two_polarity_scores_calls():
    from analysis import sentiment

    sia = sentiment.make_analyzer()
    adjusted = sentiment.with_overrides(sia, {"critical": -1.3, "success": 0})
    texts = pd.read_csv(FIXTURES / "seeds" / "sentences.csv", dtype=str, keep_default_na=False)["text"]
    for t in list(texts) + ["It is not bad, but it is BAD!!!", "kind of great :) but?!?"]:
        assert sentiment.polarity_pair(t, sia, adjusted) == (sentiment.polarity_scores(t, sia),
                                                            sentiment.polarity_scores(t, adjusted))


def test_attribution_rules_follow_an_edited_lexicon(tmp_path):
    """Compiled rules are cached by path and modification time: editing the file takes effect at once."""
    import os
    import shutil

    from analysis.attribution import classify_attribution

    lex = tmp_path / "attribution.csv"
    shutil.copy(FIXTURE_LEXICONS / "attribution.csv", lex)
    verbs = FIXTURE_LEXICONS / "speech_verbs.csv"
    sentence = "Some gossip columnists think the plant will open soon."
    assert classify_attribution(sentence, lex, verbs).type == "none"
    with lex.open("a", encoding="utf-8") as f:
        f.write("gossip columnists,vague,added in class\n")
    os.utime(lex, ns=(lex.stat().st_mtime_ns + 10**9,) * 2)  # a new mtime even on a coarse clock
    assert classify_attribution(sentence, lex, verbs).type == "vague"


def test_required_texts_are_in_every_match():
    """Each claim-cue pattern's required texts: one of them is in every match the pattern finds."""
    import re

    from analysis.text import AnchorIndex, fold_for_prefilter, required_texts

    assert required_texts(r"(?:is|are)\s+going\s+to") == ("going",)
    assert required_texts(r"will|won[’']t|shall") == ("shall", "will", "won")
    assert required_texts(r"[a-z]+|could") == ()
    patterns = list(pd.read_csv(config.CLAIM_CUES_CSV, dtype=str, keep_default_na=False)["pattern"])
    texts = []
    for corpus in ("seeds", "stadium", "edge"):
        texts += list(pd.read_csv(FIXTURES / corpus / "sentences.csv", dtype=str, keep_default_na=False)["text"])
    index = AnchorIndex((required_texts(p), p) for p in patterns)
    for t in texts + [t.upper() for t in texts]:
        folded = fold_for_prefilter(t)
        matching = [p for p in patterns if re.search(p, t, re.IGNORECASE)]
        for p in matching:
            assert any(r in folded for r in required_texts(p)) or not required_texts(p)
        assert [p for p in index.candidates(folded) if p in matching] == matching


@pytest.mark.parametrize("engine", ["loop", "grams", "automaton"])
def test_anchor_index_engines_give_the_same_candidates(engine):
    """The framing lexicon's index: each lookup engine returns exactly the terms whose anchors occur."""
    from analysis import framing
    from analysis.text import AnchorIndex, _ahocorasick, fold_for_prefilter

    if engine == "automaton" and _ahocorasick() is None:
        pytest.skip("pyahocorasick is not installed")
    lexicon = framing.load_cues(extra=framing.extra_cue_paths(config.STORY_DIR))
    anchors = [framing.term_anchor(r.term, r.inflect in ("yes", "true")) for r in lexicon.rows.itertuples()]
    index = AnchorIndex(zip(anchors, lexicon.patterns), engine=engine)
    assert index.engine == engine
    texts = list(pd.read_csv(FIXTURES / "edge" / "sentences.csv", dtype=str, keep_default_na=False)["text"])
    for t in texts + ["", "x", "İt ſeems riſky"]:
        folded = fold_for_prefilter(framing.normalise(t))
        expected = [p for a, p in zip(anchors, lexicon.patterns) if a in folded]
        assert index.candidates(folded) == expected

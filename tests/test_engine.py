"""The engine gives the same tables, byte for byte, whether it runs serially, on a process pool or on Dask."""
from __future__ import annotations

import io
from functools import partial

import pandas as pd
import pytest

from analysis import engine
from analysis import sentiment as S
from analysis.corpus import Corpus, read_corpus
from analysis.ingest import body_sentences, build_tables

ENGINE_NAMES = ["serial", "processes", "dask"]


@pytest.fixture(scope="module")
def cluster():
    """A real two-process Dask cluster on this machine."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, silence_logs=40) as c:
        yield c


@pytest.fixture
def use_engine(monkeypatch, cluster):
    """Make the ``auto`` engine pick the named one, through its public settings."""
    def choose(name: str) -> None:
        monkeypatch.delenv("DASK_SCHEDULER", raising=False)
        monkeypatch.setenv("PROGRESS", "0")
        if name == "serial":
            monkeypatch.setenv("WORKERS", "1")
        elif name == "processes":
            monkeypatch.setenv("WORKERS", "2")
            monkeypatch.setattr(engine, "MIN_PARALLEL", 0)  # even 3 articles go to the pool
        else:
            monkeypatch.setenv("DASK_SCHEDULER", cluster.scheduler_address)
        assert engine.choose_engine(3) == name
    return choose


def _pipeline(folder) -> dict[str, pd.DataFrame]:
    from analysis import claims as C
    from analysis import config
    from analysis import framing as F

    tables = build_tables(read_corpus(folder))
    sia = S.make_analyzer()
    scored = S.score_sentences(body_sentences(tables.sentences), sia, S.with_overrides(sia, {"unstoppable": 2.0}))
    framed = F.score_sentences(tables.sentences, F.load_cues())
    places = C.load_places(config.LEXICONS_DIR / config.PLACES)
    claims = C.build_claims(tables.sentences, places, C.load_gazetteer(config.GAZETTEER_CSV), C.load_cues(),
                            lexicons_dir=config.LEXICONS_DIR)
    return {**dict(tables.items()), "sentiment_sentences": scored, "framing_sentences": framed, "claims": claims}


def _csv_bytes(df: pd.DataFrame) -> bytes:
    from analysis.io import FLOAT_FORMAT

    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return buf.getvalue().encode()


@pytest.mark.parametrize("corpus", ["seeds", "stadium"])
def test_every_engine_gives_the_same_tables_byte_for_byte(corpus, raw_dir, root, use_engine):
    folder = raw_dir if corpus == "seeds" else root / "tests" / "corpora" / "stadium"
    results = {}
    for name in ENGINE_NAMES:
        use_engine(name)
        results[name] = _pipeline(folder)
    serial = results["serial"]
    assert len(serial["sentences"]) >= 10 and len(serial["sentiment_sentences"]) >= 10
    for name in ENGINE_NAMES[1:]:
        assert list(results[name]) == list(serial)
        for table, df in serial.items():
            pd.testing.assert_frame_equal(results[name][table], df, check_exact=True, obj=f"{name} {table}")
            assert _csv_bytes(results[name][table]) == _csv_bytes(df), f"{name} {table}"


def _fail_on_b(item: str) -> str:
    if item == "b-text":
        raise ValueError("cannot read this one")
    return item.upper()


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_an_error_in_one_article_names_the_article(name, use_engine):
    use_engine(name)
    items = ["a-text", "b-text", "c-text"]
    assert engine.map_articles(_fail_on_b, ["a-text", "c-text"], ["a", "c"]) == ["A-TEXT", "C-TEXT"]
    with pytest.raises(engine.ArticleError, match=r"article b: ValueError: cannot read this one") as info:
        engine.map_articles(_fail_on_b, items, ["a", "b", "c"])
    assert info.value.article_id == "b"


def test_a_broken_article_record_stops_ingestion_with_its_id(raw_dir, use_engine):
    use_engine("processes")
    corpus = read_corpus(raw_dir)
    articles = corpus.articles.copy()
    articles.loc[2, "body_raw"] = None  # a record no reader would produce: structuring it fails
    with pytest.raises(engine.ArticleError, match=f"article {articles.loc[2, 'article_id']}: "):
        build_tables(Corpus(articles))


def test_results_keep_the_input_order_across_many_chunks(use_engine):
    items = list(range(203))
    expected = [i * i for i in items]
    for name in ENGINE_NAMES:
        use_engine(name)
        assert engine.map_articles(partial(pow, exp=2), items) == expected, name
        assert engine.map_articles(partial(pow, exp=2), []) == [], name


def test_auto_engine_and_workers_settings(monkeypatch):
    monkeypatch.delenv("DASK_SCHEDULER", raising=False)
    monkeypatch.setenv("WORKERS", "3")
    assert engine.workers_from_env() == 3
    assert engine.choose_engine(engine.MIN_PARALLEL) == "processes"
    assert engine.choose_engine(engine.MIN_PARALLEL - 1) == "serial"
    monkeypatch.setenv("WORKERS", "1")
    assert engine.choose_engine(10_000) == "serial"
    monkeypatch.setenv("DASK_SCHEDULER", "tcp://127.0.0.1:8786")
    assert engine.choose_engine(2) == "dask"
    monkeypatch.setenv("WORKERS", "many")
    with pytest.raises(ValueError, match="WORKERS must be a whole number"):
        engine.workers_from_env()
    with pytest.raises(ValueError, match="unknown engine"):
        engine.choose_engine(5, "threads")
    assert [len(c) for c in engine.chunk(list(range(10)), 4)] == [3, 3, 3, 1]


def test_progress_is_off_unless_asked_for_or_on_a_terminal(monkeypatch, tmp_path):
    monkeypatch.setenv("PROGRESS", "0")
    with engine.progress_stream() as stream:
        assert stream is None
    target = tmp_path / "tty"
    monkeypatch.setenv("PROGRESS", str(target))
    monkeypatch.setenv("WORKERS", "1")
    monkeypatch.setattr(engine, "PROGRESS_DELAY", 0)  # draw at once, not after the usual 2 s
    engine.map_articles(str.upper, ["x"] * 3, desc="testing")
    assert "testing" in target.read_text()
    monkeypatch.delenv("PROGRESS")
    with engine.progress_stream() as stream:  # pytest captures stderr: not a terminal
        assert stream is None


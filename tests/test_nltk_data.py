"""Offline NLTK data: built from PyPI packages, found by the canonical calls."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from analysis import config, nltk_data


def test_canonical_calls_work_with_project_data():
    from nltk.sentiment import SentimentIntensityAnalyzer
    from nltk.tokenize import sent_tokenize

    nltk_data.require_nltk_data()
    assert sent_tokenize("The U.S. deal is done. Foxconn agreed.") == ["The U.S. deal is done.", "Foxconn agreed."]
    assert SentimentIntensityAnalyzer().polarity_scores("great")["compound"] > 0


def test_build_into_a_fresh_folder(tmp_path):
    root = nltk_data.build(tmp_path / "nltk")
    assert (root / "sentiment" / "vader_lexicon.zip").is_file()
    assert (root / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt").is_file()
    mode = (root / "sentiment").stat().st_mode
    assert not mode & (stat.S_IWGRP | stat.S_IWOTH), "NLTK refuses group/world-writable data folders"


def test_missing_data_error_names_the_make_target(tmp_path):
    code = (
        "import nltk; nltk.data.path[:] = [];"
        "from analysis import nltk_data;"
        "nltk_data.require_nltk_data()"
    )
    env = {**os.environ, "PROJECT_NLTK_DATA": str(tmp_path / "empty"), "NLTK_DATA": str(tmp_path / "empty")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            cwd=config.PROJECT_ROOT)
    assert result.returncode != 0
    assert "MissingNLTKData" in result.stderr and "make nltk-data" in result.stderr


def test_nltk_download_is_not_used():
    # nltk.download returns False offline without raising; the project never relies on it.
    for path in config.PROJECT_ROOT.joinpath("analysis").glob("*.py"):
        assert "nltk.download(" not in path.read_text(encoding="utf-8"), path

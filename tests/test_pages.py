"""Rendered pages: self-contained, MathJax-proof, figures described from their data, quiet runs."""
from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

from analysis import config, report, runner  # noqa: E402
from analysis.figures import describe_figure, figure_description, show_figure  # noqa: E402
from analysis.io import save_figure  # noqa: E402

ROOT = config.PROJECT_ROOT
PAGES = sorted((ROOT / "reports").glob("*.html"))
PLACEHOLDER = "No description has been provided for this image"


def _bars():
    data = pd.DataFrame({"article_id": ["000_aaaaaaaa", "001_bbbbbbbb", "002_cccccccc"],
                         "label": ["Wire story", "Blog", "Newsletter"], "n_words": [300, 1200, 640],
                         "tone": [0.25, -0.5, 0.125]})
    fig, ax = plt.subplots()
    ax.barh(data["label"], data["n_words"])
    ax.set_title("Words per article")
    ax.set_xlabel("words")
    return fig, data


# --- describing a figure ------------------------------------------------------------

def test_description_says_what_is_drawn_for_how_many_articles_and_the_extremes():
    fig, data = _bars()
    text = describe_figure(fig, data)
    plt.close(fig)
    assert text.startswith("Figure: Words per article.")
    assert "3 bars" in text and "x axis: words" in text
    assert "3 rows for 3 articles" in text
    assert "from 300 (Wire story) to 1,200 (Blog)" in text
    assert "from -0.5 (Blog) to 0.25 (Wire story)" in text
    assert "2,140 in all" in text  # a count column is totalled


def test_description_follows_the_data():
    fig, data = _bars()
    data.loc[1, "n_words"] = 90
    text = describe_figure(fig, data)
    plt.close(fig)
    assert "from 90 (Blog) to 640 (Newsletter)" in text


def test_description_counts_panels_points_and_grid_cells():
    from matplotlib.patches import Rectangle

    fig, (a, b) = plt.subplots(1, 2)
    a.errorbar([0.1, 0.2], [0, 1], xerr=[[0.05, 0.05], [0.05, 0.05]], fmt="o", capsize=3)
    a.set_title("tone")
    for i in range(2):
        for j in range(3):
            b.add_patch(Rectangle((j, i), 0.9, 0.9))
    fig.suptitle("Two panels")
    text = describe_figure(fig, pd.DataFrame({"label": ["a", "b", "c"], "status": ["agree", "conflict", "agree"]}))
    plt.close(fig)
    assert text.startswith("Figure: Two panels. 2 panels:")
    assert "“tone”; 2 points" in text  # the error-bar caps are not counted as points
    assert "a grid of 2 rows by 3 columns" in text
    assert "Status: 2 agree, 1 conflict." in text


def test_saved_png_carries_the_description_and_is_reproducible(tmp_path):
    fig, data = _bars()
    first = save_figure(fig, data, "x", tmp_path / "a")
    second = save_figure(fig, data, "x", tmp_path / "b")
    expected = describe_figure(fig, data)
    plt.close(fig)
    assert figure_description(first) == expected
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a" / "x.csv").exists()


def test_a_png_without_a_description_is_refused_by_name(tmp_path):
    fig, _ = _bars()
    png = tmp_path / "bare.png"
    fig.savefig(png)
    plt.close(fig)
    with pytest.raises(ValueError, match="bare.png has no stored description"):
        figure_description(png)


def test_show_figure_shows_the_saved_png_with_its_description_as_alt(tmp_path, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append((a, k)))
    fig, data = _bars()
    assert show_figure(fig, data, "bars", tmp_path) is None  # nothing for a cell to echo
    (bundle,), kwargs = shown[0]
    png = tmp_path / "bars.png"
    assert base64.b64decode(bundle["image/png"]) == png.read_bytes()
    assert kwargs["metadata"]["image/png"]["alt"] == figure_description(png) == bundle["text/plain"]
    assert not plt.fignum_exists(fig.number)  # closed: the inline backend does not show it twice


# --- rendering ----------------------------------------------------------------------

def _tiny_notebook(tmp_path: Path) -> Path:
    png = base64.b64encode(Path(matplotlib.get_data_path(), "images", "matplotlib.png").read_bytes()).decode()
    image = new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"},
                       metadata={"image/png": {"alt": 'Bars: "Blog" <longest>'}})
    table = new_output("display_data", data={"text/html": "<table><tr><td>between $2 billion and $3 billion</td></tr></table>"})
    nb = new_notebook(cells=[new_markdown_cell("# Tiny\n\nCosts $2 billion and $3 billion."),
                             new_code_cell("show()", outputs=[image, table])])
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_render_has_no_mathjax_no_cdn_and_the_figure_alt(tmp_path):
    out = tmp_path / "tiny.html"
    runner.render_html(_tiny_notebook(tmp_path), out)
    page = out.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert "mathjax" not in page.lower().replace("mathjax_ignore", "")
    assert not soup.select("script[src]")
    assert {"tex2jax_ignore", "mathjax_ignore"} <= set(soup.body["class"])
    (img,) = soup.select("img")
    assert img["alt"] == 'Bars: "Blog" <longest>'
    assert PLACEHOLDER not in page
    assert "between $2 billion and $3 billion" in soup.get_text()


def _offsite(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.I)) and not url.startswith("data:")


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_committed_page_loads_nothing_from_off_site(page):
    """Only links a reader clicks (<a href>) may point off-site; nothing is fetched on load."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    loads = [(el.name, attr, el[attr]) for el in soup.find_all(True) for attr in ("src", "href", "srcset", "data", "poster")
             if el.has_attr(attr) and not (el.name == "a" and attr == "href")]
    assert not [x for x in loads if _offsite(x[2])], f"{page.name} loads off-site resources"
    styles = " ".join(s.get_text() for s in soup.find_all("style"))
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", styles), f"{page.name}: a stylesheet fetches from off-site"
    for script in soup.find_all("script"):
        assert not re.search(r"import\(\s*['\"]https?://|https?://\S+\.m?js", script.get_text()), \
            f"{page.name}: a script fetches code from off-site"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_committed_page_describes_every_figure(page):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for img in soup.find_all("img"):
        alt = (img.get("alt") or "").strip()
        assert alt and alt != PLACEHOLDER, f"{page.name}: an image has no description"
        assert re.search(r"\d", alt) and len(alt.split()) >= 8, f"{page.name}: {alt!r} is not a description"


def test_front_page_thumbnails_carry_the_stored_descriptions(tmp_path):
    fig, data = _bars()
    save_figure(fig, data, "01-bars", tmp_path / "figures")
    plt.close(fig)
    page = BeautifulSoup(report.build_index(tmp_path).read_text(encoding="utf-8"), "html.parser")
    (img,) = page.find_all("img")
    assert img["alt"] == figure_description(tmp_path / "figures" / "01-bars.png")


# --- quiet runs ---------------------------------------------------------------------

@pytest.mark.notebooks
def test_a_notebook_runs_without_kernel_chatter(tmp_path):
    nb = new_notebook(cells=[new_code_cell("print(1 + 1)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp_path / "quiet.ipynb"
    nbformat.write(nb, str(src))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "analysis.runner", "run", str(src), str(tmp_path / "out.ipynb")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == "", f"the run printed:\n{result.stdout}{result.stderr}"

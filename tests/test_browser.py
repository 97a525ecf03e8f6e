"""The rendered pages as a reader's browser shows them.

Each page in reports/ (and each page of the hostile-input run) is opened in headless
Chromium with its own scripts running. A reader's browser would fetch whatever script
the page names from the network; here every such request is answered from a local copy
when we have one (MathJax 2.7.7, from the npm registry, in tests/browser/node_modules),
recorded, and otherwise refused, so the test sees what an online reader sees, offline.

On each page: nothing is fetched from off-site; every money amount in the outputs reads
as written (no `$…$` typeset as math); no article markup runs; every figure decodes and
has a specific description; no JavaScript error is logged; axe-core finds no serious or
critical accessibility violation.

Needs Chromium (Debian's `chromium`), the Python package playwright (driving that
system browser: nothing downloads a browser build) and `npm ci` in tests/browser
(`make test` runs it when npm exists; `.ci/run` installs all three). Skips otherwise.
"""
from __future__ import annotations

import html
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

from analysis import config
from conftest import HOSTILE, MATH_BAIT

pytestmark = pytest.mark.browser

ROOT = config.PROJECT_ROOT
NODE_MODULES = ROOT / "tests" / "browser" / "node_modules"
MATHJAX = NODE_MODULES / "mathjax"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# Where nbconvert's templates load MathJax 2.7.7 from; a request under it is served from MATHJAX.
MATHJAX_CDN = re.compile(r"^https?://cdnjs\.cloudflare\.com/ajax/libs/mathjax/2\.7\.7/(?P<path>[^?#]+)")
PLACEHOLDER = "No description has been provided for this image"
# A dollar amount as the articles write it: "$2 billion", "$1.5bn", "$400,000".
MONEY = re.compile(r"\$\d[\d,.]*(?:\s?(?:billion|million|trillion|bn|m)\b)?")
BLOCKING = {"serious", "critical"}

_PROBE = """async () => {
  if (window.MathJax && window.MathJax.Hub) {
    await new Promise(resolve => window.MathJax.Hub.Queue(resolve));
  }
  const imgs = Array.from(document.images);
  const axeResult = await window.axe.run(document, {resultTypes: ['violations']});
  return {
    text: document.body.innerText,
    mathjax: !!window.MathJax,
    pwned: document.documentElement.getAttribute('data-pwned'),
    images: imgs.map(i => ({src: i.getAttribute('src').slice(0, 60), alt: i.getAttribute('alt'),
                            decoded: i.complete && i.naturalWidth > 0})),
    violations: axeResult.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                nodes: v.nodes.length,
                                                first: v.nodes.length ? v.nodes[0].target.join(' ') : ''})),
  };
}"""


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Chromium is not installed (CI installs Debian's chromium; `make test` never installs system packages)")
    return path


@pytest.fixture(scope="module")
def browser():
    chromium = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the Python package playwright is not installed")
    if not (MATHJAX / "MathJax.js").exists() or not AXE.exists():
        pytest.skip("MathJax and axe-core are not installed: run `npm ci` in tests/browser (make test does when npm exists)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


def visit(browser, page_path: Path) -> dict:
    """Open ``page_path`` as a reader would; return what it showed, fetched and logged."""
    offsite, errors = [], []
    context = browser.new_context(offline=False)

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            return r.continue_()
        match = MATHJAX_CDN.match(url)
        local = (MATHJAX / match["path"]).resolve() if match else None
        offsite.append(url)
        if local is not None and local.is_file() and local.is_relative_to(MATHJAX.resolve()):
            return r.fulfill(path=str(local))
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(page_path.as_uri(), wait_until="load", timeout=60_000)
        page.wait_for_timeout(500)  # scripts that run after load (MathJax queues its typesetting)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(_PROBE)
    finally:
        context.close()
    result["offsite"], result["errors"] = offsite, errors
    return result


def output_text(nb_path: Path) -> str:
    """The text of a notebook's outputs, as a reader should see it (tags dropped, entities decoded)."""
    from bs4 import BeautifulSoup

    nb = nbformat.read(str(nb_path), as_version=4)
    chunks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                chunks.append(BeautifulSoup("".join(data["text/html"]), "html.parser").get_text(" "))
            elif "text/markdown" in data:
                chunks.append("".join(data["text/markdown"]))
            elif out.get("output_type") == "stream":
                chunks.append(out.get("text", ""))
    return html.unescape("\n".join(chunks))


def money_spans(nb_path: Path) -> Counter:
    """Every dollar amount in the notebook's outputs, with how often it occurs."""
    return amounts(output_text(nb_path))


def amounts(text: str) -> Counter:
    return Counter(_squash(m.group(0)) for m in MONEY.finditer(text))


def unreadable(expected: Counter, page_text: str) -> dict[str, tuple[int, int]]:
    """Amounts the outputs hold more often than the page shows them as text: {amount: (written, shown)}."""
    shown = amounts(page_text)
    return {a: (n, shown[a]) for a, n in sorted(expected.items()) if shown[a] < n}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pages_of(reports: Path) -> list[Path]:
    return sorted(p for p in reports.glob("*.html"))


COMMITTED = pages_of(ROOT / "reports")


@pytest.fixture(scope="module")
def seen(browser):
    """Each committed page, visited once."""
    return {page.name: visit(browser, page) for page in COMMITTED}


def _ids(pages):
    return [p.name for p in pages]


@pytest.mark.parametrize("page", COMMITTED, ids=_ids(COMMITTED))
def test_page_loads_nothing_from_off_site(seen, page):
    assert not seen[page.name]["offsite"], f"{page.name} fetches {seen[page.name]['offsite']}"


@pytest.mark.parametrize("page", COMMITTED, ids=_ids(COMMITTED))
def test_money_reads_as_written(seen, page):
    nb_path = page.with_suffix(".ipynb")
    if not nb_path.exists():
        pytest.skip(f"{page.name} is not a notebook page")
    spans = money_spans(nb_path)
    missing = unreadable(spans, seen[page.name]["text"])
    assert not missing, (f"{page.name}: {sum(n - k for n, k in missing.values())} of {sum(spans.values())} dollar "
                         f"amounts do not read as written (typeset as math?); amount: (written, shown) {missing}")


def test_the_claims_pages_do_hold_money_spans():
    """Guards the test above against passing on nothing: the claims and findings pages quote amounts."""
    for name in ("04-compare-claims", "05-summarise-findings"):
        nb_path = ROOT / "reports" / f"{name}.ipynb"
        if nb_path.exists():
            assert money_spans(nb_path), f"{name} shows no dollar amount: the money check would check nothing"


@pytest.mark.parametrize("page", COMMITTED, ids=_ids(COMMITTED))
def test_figures_decode_and_are_described(seen, page):
    images = seen[page.name]["images"]
    for img in images:
        assert img["decoded"], f"{page.name}: a figure does not decode ({img['src']}…)"
        alt = (img["alt"] or "").strip()
        assert alt and alt != PLACEHOLDER, f"{page.name}: a figure has no description ({img['src']}…)"
        assert len(alt.split()) >= 8 and not alt.endswith(".png"), f"{page.name}: alt text is not a description: {alt!r}"


@pytest.mark.parametrize("page", COMMITTED, ids=_ids(COMMITTED))
def test_no_javascript_errors(seen, page):
    assert not seen[page.name]["errors"], f"{page.name} logs errors: {seen[page.name]['errors'][:5]}"


@pytest.mark.parametrize("page", COMMITTED, ids=_ids(COMMITTED))
def test_no_serious_accessibility_violations(seen, page):
    violations = [v for v in seen[page.name]["violations"] if v["impact"] in BLOCKING]
    assert not violations, f"{page.name}: axe-core finds {violations}"


def test_hostile_pages_run_nothing_and_keep_math_delimiters_as_text(browser, hostile_run):
    _, out = hostile_run
    pages = pages_of(out / "reports")
    assert pages, "the hostile run rendered no page"
    # Pieces of MATH_BAIT that a typesetter would turn into math.
    bait = ["$2 billion and $3 billion", "$$5 billion", r"\(at most\)", r"\[later\]"]
    assert all(b in MATH_BAIT for b in bait)
    shown = set()
    for page in pages:
        result = visit(browser, page)
        assert result["pwned"] is None, f"article markup ran in {page.name}: {result['pwned']}"
        assert not result["offsite"], f"{page.name} fetches {result['offsite']}"
        assert not result["errors"], f"{page.name} logs errors: {result['errors'][:5]}"
        assert all(i["decoded"] for i in result["images"]), f"{page.name}: a figure does not decode"
        nb_path = page.with_suffix(".ipynb")
        if not nb_path.exists():
            continue
        text, written = _squash(result["text"]), _squash(output_text(nb_path))
        for piece in bait:
            if piece in written:
                assert piece in text, f"{page.name} does not show {piece!r} as written"
                shown.add(piece)
        missing = unreadable(money_spans(nb_path), result["text"])
        assert not missing, f"{page.name}: dollar amounts do not read as written (written, shown): {missing}"
    assert "$2 billion and $3 billion" in shown, "no page shows the article's two dollar amounts: nothing was checked"


def test_a_page_with_mathjax_added_still_shows_money_as_text(browser, tmp_path):
    """Second layer: even if MathJax were put back into a page (a custom template, a reader's
    extension), the pages are marked for it to ignore, so money stays text."""
    page = next((p for p in COMMITTED if p.stem.startswith("04-")), None)
    if page is None:
        pytest.skip("no claims page in reports/")
    from nbconvert.exporters.html import HTMLExporter

    # The very script block nbconvert's lab template would add.
    mathjax = HTMLExporter().environment.get_template("mathjax.html.j2").module.mathjax(HTMLExporter().mathjax_url)
    copy = tmp_path / page.name
    copy.write_text(page.read_text(encoding="utf-8").replace("</head>", f"{mathjax}</head>", 1), encoding="utf-8")
    result = visit(browser, copy)
    assert result["mathjax"], "MathJax did not load in the test page: the check would check nothing"
    spans = money_spans(page.with_suffix(".ipynb"))
    missing = unreadable(spans, result["text"])
    assert spans and not missing, f"with MathJax, dollar amounts are typeset as math (written, shown): {missing}"

"""Browser test 4: the published course site, as a visitor sees it (headless Chromium driven by Playwright).

The site (``build/site``, built by ``make test`` / ``make site`` from the executed notebooks) is served by a
static HTTP server on a free loopback port. The tests open the home page and check that its navigation follows
the chapter table (``instructor.site.CHAPTERS``, the README's table); open a chapter from the navigation, then
its first lecture notebook, and check every figure has loaded; then visit every page in the navigation and
check that none shows an error output or a broken image, that every link on it answers (no HTTP 404), and
that nothing is requested from outside the site (it must work offline). One more test builds a one-page
site from a fabricated notebook with formulas and checks that the local MathJax 3 typesets them (no LaTeX
source left on the page). On failure each test saves a screenshot in ``build/screenshots/``.

Without a built site the tests of ``build/site`` skip locally and fail under CI (``CI`` or
``COURSE_REQUIRE_SYSTEM=1`` set); ``COURSE_SITE_DIR`` points them at another build.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import nbformat
import pytest

from browser_support import ROOT, free_port, http_status, screenshot_on_failure
from instructor import site
from instructor.site import Chapter
from system_support import needs, skip_or_fail

SITE = Path(os.environ.get("COURSE_SITE_DIR", ROOT / "build" / "site"))
COURSE_PAGES = ["How grading works", "Data and licences"]
# The fabricated page with formulas: inline ones (\cancel makes MathJax autoload its cancel extension from
# input/tex/extensions/) and a display formula of two lines, which Sphinx wraps in \begin{split}.
FORMULA_CHAPTERS = (Chapter("01", "Formulas", ("01_formulas",), "01_formulas_ex"),)
FORMULA_MARKDOWN = "\n".join([
    "# Formulas", "", r"Inline: $\alpha^2$ and $\cancel{x} + y$. On a line of their own:", "",
    "$$", r"L(w) = \sum_i (y_i - w x_i)^2 \\", r"\nabla L(w) = 0", "$$", ""])

pytestmark = [needs("chromium")]

BROKEN_IMAGES = """() => [...document.images]
    .filter(img => !img.complete || img.naturalWidth === 0)
    .map(img => img.getAttribute('src'))"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no request log on stderr
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """``directory`` served over HTTP on a free loopback port (a thread of this process); yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def site_url():
    """``build/site``, served."""
    if not (SITE / "index.html").is_file():
        msg = f"{SITE} was not built: run `make site` (make test builds it after executing the notebooks)"
        skip_or_fail(msg)
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="module")
def formula_site_url(tmp_path_factory):
    """A site built by ``instructor.site`` from one fabricated notebook with formulas (:data:`FORMULA_MARKDOWN`),
    served; it does not need ``build/site``."""
    tmp = tmp_path_factory.mktemp("formula-site")
    (tmp / "run" / "executed").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(FORMULA_MARKDOWN))
    nbformat.write(nb, tmp / "run" / "executed" / "01_formulas.ipynb")
    (tmp / "run" / "report.json").write_text(json.dumps({"notebooks": []}))
    site.build(tmp / "run", tmp / "site", tmp / "src", jobs=1, chapters=FORMULA_CHAPTERS, targets={},
               log=lambda *a, **k: None)
    with serve(tmp / "site") as url:
        yield url


class Visit:
    """A browser page that records failed responses (HTTP >= 400), failed requests and any request that
    leaves the site (those are aborted: the site must work offline)."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.bad: list[str] = []
        self.outside: list[str] = []
        page.route("**/*", self._route)
        page.on("response", lambda r: self.bad.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
        # ERR_ABORTED: a request cancelled because the test moved on to the next page (MathJax loads lazily).
        page.on("requestfailed", lambda r: None if r.url in self.outside or "ERR_ABORTED" in (r.failure or "")
                else self.bad.append(f"failed {r.url} ({r.failure})"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="load")


@pytest.fixture
def visit(page, site_url):
    return Visit(page, site_url)


def evidence(visit: Visit, name: str):
    """On failure, save a screenshot of the page in build/screenshots/ (and say where)."""
    return screenshot_on_failure(visit.page, name)


def sidebar_top_level(page) -> list[tuple[str, str]]:
    """(text, absolute URL) of the top-level entries of the navigation sidebar, less the home page's."""
    links = page.locator("nav.bd-docs-nav li.toctree-l1 > a.reference.internal")
    entries = [(" ".join(a.inner_text().split()), a.evaluate("a => a.href")) for a in links.all()]
    return [(text, url) for text, url in entries if urlsplit(url).path not in ("/", "/index.html")]


# -------------------------------------------------------------------------------------------------- tests
def test_navigation_follows_the_chapter_table(visit, site_url):
    with evidence(visit, "site-navigation"):
        visit.goto(site_url)
        expected = [f"{c.number} · {c.title}" for c in site.CHAPTERS] + COURSE_PAGES
        entries = sidebar_top_level(visit.page)
        assert [text for text, _ in entries] == expected, "the sidebar does not follow the chapter table"
        assert [urlsplit(url).path for _, url in entries[:len(site.CHAPTERS)]] == [
            f"/{c.folder}/index.html" for c in site.CHAPTERS]
        # The home page's own chapter table: same chapters, same order.
        numbers = visit.page.locator("article table tbody tr td:first-child").all_inner_texts()
        assert [n.strip() for n in numbers] == [c.number for c in site.CHAPTERS]
        assert not visit.bad and not visit.outside, (visit.bad, visit.outside)


def test_a_chapter_page_shows_its_figures(visit, site_url):
    chapter = site.CHAPTERS[0]
    with evidence(visit, "site-chapter-figures"):
        visit.goto(site_url)
        # As a visitor: the chapter in the sidebar, then its first lecture notebook on the chapter's page.
        visit.page.locator("nav.bd-docs-nav li.toctree-l1 > a", has_text=chapter.title).click()
        visit.page.wait_for_url(f"**/{chapter.folder}/index.html")
        visit.page.locator(f"article a.reference.internal[href='{chapter.notebooks[0]}.html']").first.click()
        visit.page.wait_for_url(f"**/{chapter.folder}/{chapter.notebooks[0]}.html")
        visit.page.wait_for_load_state("load")
        figures = visit.page.locator("article .cell_output img")
        assert figures.count() >= 1, "the lecture notebook's page shows no figure"
        sizes = figures.evaluate_all("imgs => imgs.map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])")
        not_loaded = [src for src, complete, width in sizes if not complete or width == 0]
        assert not not_loaded, f"figures that did not load: {not_loaded}"
        assert not visit.bad and not visit.outside, (visit.bad, visit.outside)


def test_no_page_in_the_navigation_shows_an_error_or_a_broken_link(visit, site_url):
    with evidence(visit, "site-pages"):
        visit.goto(site_url)
        # Every entry of the navigation, nested ones included (the theme keeps collapsed entries in the page).
        pages = visit.page.locator("nav.bd-docs-nav a.reference.internal").evaluate_all("as => as.map(a => a.href)")
        pages = list(dict.fromkeys([site_url, *(urldefrag(u).url for u in pages)]))
        expected_count = 1 + len(site.CHAPTERS) * 2 + len(site.lecture_notebooks()) + len(COURSE_PAGES)
        assert len(pages) == expected_count, f"{len(pages)} pages in the navigation, expected {expected_count}"
        problems, links = [], set()
        for url in pages:
            visit.goto(url)
            errors = visit.page.locator(".output.traceback").count()
            if errors:
                problems.append(f"{url}: {errors} error output(s)")
            broken = visit.page.evaluate(BROKEN_IMAGES)
            if broken:
                problems.append(f"{url}: images that did not load: {broken}")
            hrefs = visit.page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
            links.update(urldefrag(urljoin(url, h)).url for h in hrefs if urljoin(url, h).startswith(site_url))
        problems += [f"link answers HTTP {code}: {link}" for link in sorted(links)
                     if (code := http_status(link, timeout=10)) != 200]
        problems += visit.bad + [f"request outside the site: {u}" for u in visit.outside]
        assert not problems, "\n".join(problems[:40])


def test_formulas_are_typeset_by_the_local_mathjax(page, formula_site_url):
    visit = Visit(page, formula_site_url)
    with evidence(visit, "site-formulas"):
        visit.goto(f"{formula_site_url}chapters/01/01_formulas.html")
        # MathJax.startup exists once tex-chtml.js has run; its promise resolves when the page is typeset. Then
        # a layout starts loading the fonts the formulas use, and document.fonts.ready waits for them.
        visit.page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        typeset = visit.page.evaluate("""() => MathJax.startup.promise.then(() => {
            document.body.getBoundingClientRect();
            return document.fonts.ready;
        }).then(() => ({
            inline: document.querySelectorAll('article mjx-container:not([display])').length,
            display: document.querySelectorAll('article mjx-container[display="true"]').length,
            errors: [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error')),
            fonts: [...document.fonts].filter(f => f.family.startsWith('MJX')).map(f => f.status),
        }))""")
        assert typeset["inline"] >= 2 and typeset["display"] >= 1, f"formulas not typeset: {typeset}"
        assert not typeset["errors"], f"MathJax could not typeset: {typeset['errors']}"
        assert "loaded" in typeset["fonts"] and "error" not in typeset["fonts"], f"MathJax fonts: {typeset}"
        text = visit.page.locator("article").inner_text()
        for source in ("\\begin", "\\[", "\\(", "\\sum", "$"):
            assert source not in text, f"LaTeX source {source!r} left on the page: {text[:500]!r}"
        width = visit.page.locator('article mjx-container[display="true"]').first.bounding_box()["width"]
        assert width > 50, f"the display formula is {width} px wide"
        assert not visit.bad and not visit.outside, (visit.bad, visit.outside)

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
import re
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
COURSE_PAGES = ["How grading works", "Errata of the sources", "What the course covers", "Data and licences"]
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


FIGURES = ROOT / "notebooks" / "figures"
DIAGRAM_CHAPTERS = (Chapter("01", "Diagrams", ("01_diagrams",), "01_diagrams_ex"),)
# The diagrams an <img> shows: Sphinx copies figures/NAME.svg to _images/NAME.svg (NAME1.svg, ... for a second
# page showing the same one).
LOADED_DIAGRAMS = """() => [...document.querySelectorAll('img')]
    .filter(img => /_images\\/[^/]+\\.svg$/.test(img.getAttribute('src') || ''))
    .map(img => ({src: img.getAttribute('src'), alt: img.getAttribute('alt'), complete: img.complete,
                  width: img.naturalWidth, height: img.naturalHeight}))"""


@pytest.fixture(scope="module")
def diagram_site_url(tmp_path_factory):
    """A site built by ``instructor.site`` from one fabricated notebook that shows every diagram of
    notebooks/figures/ (``![alt](figures/NAME.svg)``), the figures copied into the run by the runner as
    ``make test`` does; served. It does not need ``build/site``."""
    from instructor import runner

    tmp = tmp_path_factory.mktemp("diagram-site")
    (tmp / "run" / "executed").mkdir(parents=True)
    runner.stage_figures(tmp / "run")
    names = sorted(p.stem for p in FIGURES.glob("*.svg"))
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Diagrams\n\n" + "\n\n".join(
        f"![The course diagram called {name}, as a test shows it](figures/{name}.svg)" for name in names)))
    nbformat.write(nb, tmp / "run" / "executed" / "01_diagrams.ipynb")
    (tmp / "run" / "report.json").write_text(json.dumps({"notebooks": []}))
    summary = site.build(tmp / "run", tmp / "site", tmp / "src", jobs=1, chapters=DIAGRAM_CHAPTERS, targets={},
                         log=lambda *a, **k: None)
    assert summary["missing_images"] == {}
    with serve(tmp / "site") as url:
        yield url, names


def diagram_pages(site_dir: Path) -> dict[str, list[str]]:
    """Pages of a built site (relative paths) that show a diagram of notebooks/figures/, with those images."""
    stems = "|".join(sorted(re.escape(p.stem) for p in FIGURES.glob("*.svg")))
    pattern = re.compile(rf"(^|/)_images/({stems})\d*\.svg$")
    pages = {}
    for page in sorted(site_dir.rglob("*.html")):
        if "_static" in page.relative_to(site_dir).parts:
            continue
        images = [src for src in site.parse_page(page).images if pattern.search(urlsplit(src).path)]
        if images:
            pages[page.relative_to(site_dir).as_posix()] = images
    return pages


def check_diagrams_loaded(visit: "Visit", url: str) -> list[str]:
    """Problems with the diagrams of the page at ``url``: an image not loaded, or without alt text."""
    visit.goto(url)
    problems = []
    for img in visit.page.evaluate(LOADED_DIAGRAMS):
        if not img["complete"] or not img["width"] or not img["height"]:
            problems.append(f"{url}: {img['src']} did not load ({img})")
        if len((img["alt"] or "").split()) < 5:
            problems.append(f"{url}: {img['src']} has alt text {img['alt']!r} (five words at least)")
    return problems


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


def test_exercise_hints_are_folded_until_opened(visit, site_url):
    chapter = site.CHAPTERS[-1]
    name = chapter.notebooks[-1]
    with evidence(visit, "site-exercise-hints"):
        visit.goto(f"{site_url}{chapter.folder}/{name}.html")
        hints = visit.page.locator("article details")
        assert hints.count() >= 3, f"{name}'s page shows {hints.count()} folded hints, expected one per exercise"
        assert hints.evaluate_all("ds => ds.filter(d => d.open).length") == 0, "a hint is unfolded on arrival"
        first = hints.first
        assert first.locator("summary").inner_text().strip() == "Hint"
        text = first.locator(":scope > :not(summary)").first
        assert not text.is_visible(), "the folded hint's text is visible"
        first.locator("summary").click()
        assert first.evaluate("d => d.open") and text.is_visible(), "clicking 'Hint' does not show the hint"
        assert not visit.bad and not visit.outside, (visit.bad, visit.outside)


def test_every_diagram_loads_on_a_site_built_from_a_run(page, diagram_site_url):
    """The plumbing from notebooks/figures/ to the browser: runner copy, site staging, Sphinx, the served page."""
    url, names = diagram_site_url
    visit = Visit(page, url)
    with evidence(visit, "site-diagrams-fabricated"):
        page_url = f"{url}chapters/01/01_diagrams.html"
        problems = check_diagrams_loaded(visit, page_url)
        shown = visit.page.evaluate(LOADED_DIAGRAMS)
        assert sorted(urlsplit(i["src"]).path.rsplit("/", 1)[-1] for i in shown) == [f"{n}.svg" for n in names]
        assert not problems, "\n".join(problems)
        assert not visit.bad and not visit.outside, (visit.bad, visit.outside)


def test_every_diagram_on_the_site_loads(visit, site_url):
    """Every page of build/site that shows a diagram of notebooks/figures/ (an <img> of _images/NAME.svg):
    each such image has loaded (naturalWidth > 0) and has alt text."""
    pages = diagram_pages(SITE)
    if not pages:
        skip_or_fail(f"no page of {SITE} shows a diagram of notebooks/figures/: rebuild the site (make test, or "
                     "python -m instructor.runner then make site) after the notebooks link their figures")
    with evidence(visit, "site-diagrams"):
        problems = []
        for rel in pages:
            problems += check_diagrams_loaded(visit, f"{site_url}{rel}")
        assert not problems, "\n".join(problems)
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

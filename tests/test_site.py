"""The published course site (instructor/site.py): page generation on a tiny fake run, and the real build.

The fake run (``tmp_path``) has two chapters, three small executed notebooks (one figure and two formulas
each, one with an error output), a solution notebook that must never reach the site, and a ``report.json``.
The last test reads the real site, ``build/site``, that ``make test`` builds from the runner's results
(``make site`` alone); without a run report or an up-to-date site it skips locally, and fails under CI (``CI`` or
``COURSE_REQUIRE_SYSTEM=1`` set).
``COURSE_RUN_DIR`` and ``COURSE_SITE_DIR`` point it at another run and site.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import struct
import zlib
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

from instructor import manifest, site
from system_support import skip_or_fail
from instructor.site import Chapter

ROOT = Path(__file__).resolve().parent.parent
# Another run and site can be checked with COURSE_RUN_DIR and COURSE_SITE_DIR.
REAL_RUN = Path(os.environ.get("COURSE_RUN_DIR", ROOT / "build" / "run"))
REAL_SITE = Path(os.environ.get("COURSE_SITE_DIR", ROOT / "build" / "site"))



def tiny_png(width: int = 4, height: int = 3) -> str:
    """A valid RGB PNG, base64-encoded as in a notebook's ``image/png`` output."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


PNG = tiny_png()  # a figure output that the site must show as a file in _images/
SECRET = "SOLUTION-ONLY-TEXT-7f3a"
# A display formula of two lines: Sphinx wraps it in \begin{split}, which stays as text unless MathJax runs.
FORMULA = "\n".join(["$$", r"L(w) = \sum_i (y_i - w x_i)^2 \\", r"\nabla L(w) = 0", "$$"])

FAKE_CHAPTERS = (
    Chapter("01", "Alpha things", ("01_alpha",), "01_alpha_ex"),
    Chapter("02b", "Beta | gamma", ("02b_beta", "02b_gamma"), "02b_ex"),
)


def fake_notebook(title: str, *, error: bool = False, extra: str = "") -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {title}\n\nSome text and $x^2$. {extra}\n\n{FORMULA}\n"))
    plot = nbformat.v4.new_code_cell("plot()", execution_count=1)
    plot.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]
    nb.cells.append(plot)
    if error:
        cell = nbformat.v4.new_code_cell("1 / 0", execution_count=2)
        cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                                               traceback=["ZeroDivisionError: division by zero"])]
        nb.cells.append(cell)
    return nb


def entry(key: str, records: dict, targets: list[str], wall: float, status: str = "ok",
          problems: list[str] | None = None) -> dict:
    return {"key": key, "path": f"notebooks/{key}.ipynb", "status": status, "wall_s": wall, "budget_s": 60.0,
            "peak_mem_mb": 321.0, "records": records, "targets": targets, "target_problems": problems or []}


FAKE_TARGETS = {
    "01_alpha": {"targets": {"accuracy": {"min": 0.9}, "book_is_wrong": {"equals": True}}},
    "02b_beta": {"targets": {"max_abs_diff": {"max": 1e-6}, "never_recorded": {"min": 1}}},
}


@pytest.fixture
def run_dir(tmp_path) -> Path:
    run = tmp_path / "run"
    (run / "executed").mkdir(parents=True)
    nbformat.write(fake_notebook("Alpha lecture"), run / "executed" / "01_alpha.ipynb")
    nbformat.write(fake_notebook("Beta lecture", error=True), run / "executed" / "02b_beta.ipynb")
    nbformat.write(fake_notebook("Gamma lecture"), run / "executed" / "02b_gamma.ipynb")
    nbformat.write(fake_notebook("Alpha solution", extra=SECRET), run / "executed" / "solutions__01_alpha_ex.ipynb")
    report = {
        "generated": "2026-01-01T00:00:00+00:00", "machine": {"cores": 2}, "jobs": 2, "wall_s": 42.0,
        "notebooks": [
            entry("01_alpha", {"accuracy": 0.9531, "book_is_wrong": True, "seconds": 1.5},
                  ["accuracy", "book_is_wrong"], 12.34),
            entry("02b_beta", {"max_abs_diff": 0.5, "note": "a|b"}, ["max_abs_diff", "never_recorded"], 7.0,
                  problems=["max_abs_diff: expected <= 1e-06, recorded 0.5"]),
            entry("02b_gamma", {}, [], 3.0),
            entry("solutions/01_alpha_ex", {}, [], 2.0),
        ],
    }
    (run / "report.json").write_text(json.dumps(report))
    return run


def generate(run_dir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "src"
    site.generate(run_dir, src, chapters=FAKE_CHAPTERS, targets=FAKE_TARGETS, data_dir=ROOT / "data", badges=None)
    return src


def toctree_entries(markdown: str) -> list[list[str]]:
    """The entries of each toctree directive in a MyST page."""
    trees = re.findall(r"```\{toctree\}\n(.*?)```", markdown, flags=re.S)
    return [[line.strip() for line in tree.splitlines() if line.strip() and not line.startswith(":")]
            for tree in trees]


def sidebar(html: str) -> list[tuple[str, str]]:
    """(href, text) of the top-level entries of the theme's navigation sidebar."""
    found = re.findall(r'<li class="toctree-l1[^"]*"><a class="reference internal" href="([^"]+)">([^<]*)<', html)
    return [(href, unescape(text).strip()) for href, text in found]


# ------------------------------------------------------------------------------ the chapter table itself
def test_readme_chapter_table_is_generated_from_the_manifest():
    """The README's table is written by `python -m instructor.manifest readme` from course.toml, like the site's
    navigation: there is no second, hand-kept copy."""
    text = (ROOT / "README.md").read_text()
    assert manifest.readme_with_table(text) == text, (
        "README.md's chapter table differs from course.toml: run `python -m instructor.manifest readme`")
    assert site.CHAPTERS is manifest.CHAPTERS
    assert manifest.main(["readme", "--check"]) == 0


def test_manifest_rejects_malformed_chapters(tmp_path):
    good = '[[chapters]]\nnumber = "01"\ntitle = "T"\nnotebooks = ["01_a"]\nexercise = "01_a"\n'
    path = tmp_path / "course.toml"
    path.write_text(good)
    assert manifest.chapters(path) == (manifest.Chapter("01", "T", ("01_a",), "01_a"),)
    for text, message in [
        (good.replace('"01"', '"1"'), "number must be a string like '01'"),
        (good.replace('["01_a"]', "[]"), "notebooks must be a non-empty list"),
        (good.replace('exercise = "01_a"', 'exercise = "Ex 1"'), "exercise must be a name"),
        (good + good, "chapter numbers repeat"),
        (good.replace('title = "T"\n', ""), "expected the keys number, title, notebooks, exercise"),
        (good + "[other]\nx = 1\n", "only \\[\\[chapters\\]\\] and"),
    ]:
        path.write_text(text)
        with pytest.raises(manifest.ManifestError, match=message):
            manifest.chapters(path)
    with pytest.raises(manifest.ManifestError, match="markers"):
        manifest.readme_with_table("no markers here")


def test_every_lecture_notebook_is_in_exactly_one_chapter():
    on_disk = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    listed = site.lecture_notebooks()
    assert len(listed) == len(set(listed)), f"a notebook is listed twice: {listed}"
    assert sorted(listed) == on_disk, (
        f"not on the site: {sorted(set(on_disk) - set(listed))}; listed but absent: "
        f"{sorted(set(listed) - set(on_disk))}")


def test_every_exercise_is_an_assignment():
    assignments = {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()}
    missing = [c.exercise for c in site.CHAPTERS if c.exercise not in assignments]
    assert not missing, f"chapter exercises without a solutions/ folder: {missing}"


# ------------------------------------------------------------------------------------- page generation
def test_navigation_follows_the_chapter_table(run_dir, tmp_path):
    src = generate(run_dir, tmp_path)
    home = (src / "index.md").read_text()
    trees = toctree_entries(home)
    assert trees[0] == ["chapters/01/index", "chapters/02b/index"], trees
    assert trees[1] == ["grading", "errata", "coverage", "licences"], trees
    assert toctree_entries((src / "chapters" / "02b" / "index.md").read_text()) == [
        ["02b_beta", "02b_gamma", "results"]]
    # The home page's chapter table: one row per chapter, in order, with links to each notebook.
    rows = [line for line in home.splitlines() if re.match(r"\| \d\d", line)]
    assert [r.split("|")[1].strip() for r in rows] == ["01", "02b"]
    assert "{doc}`Beta \\| gamma <chapters/02b/index>`" in rows[1]
    assert "chapters/02b/02b_gamma>" in rows[1] and "`02b_ex`" in rows[1]


def test_results_page_lists_records_targets_and_wall_time(run_dir, tmp_path):
    src = generate(run_dir, tmp_path)
    alpha = (src / "chapters" / "01" / "results.md").read_text()
    assert "wall time **12.3 s** (budget 60 s)" in alpha
    lines = [line for line in alpha.splitlines() if line.startswith("| `")]
    # Targeted values first (in course.toml's order), then the informative ones.
    assert lines == [
        "| `accuracy` | 0.9531 | ≥ 0.9 | yes |",
        "| `book_is_wrong` | True | = True | yes |",
        "| `seconds` | 1.5 |  |  |",
    ]
    beta = (src / "chapters" / "02b" / "results.md").read_text()
    assert "| `max_abs_diff` | 0.5 | ≤ 1e-06 | no |" in beta
    assert "| `never_recorded` | not recorded | ≥ 1 | no |" in beta
    assert "| `note` | a\\|b |  |  |" in beta  # a pipe in a value does not break the table
    assert "Missed targets: max_abs_diff: expected <= 1e-06, recorded 0.5" in beta
    assert "## 02b_gamma" in beta and "This notebook recorded no values." in beta


def test_missing_executed_notebooks_are_named(run_dir, tmp_path):
    (run_dir / "executed" / "02b_gamma.ipynb").unlink()
    (run_dir / "executed" / "01_alpha.ipynb").unlink()
    with pytest.raises(site.SiteError, match=r"2 executed lecture notebook\(s\) missing .*01_alpha, 02b_gamma"):
        generate(run_dir, tmp_path)


def test_missing_report_is_explained(run_dir, tmp_path):
    (run_dir / "report.json").unlink()
    with pytest.raises(site.SiteError, match=r"report.json is missing: execute the notebooks first"):
        generate(run_dir, tmp_path)


def test_only_lecture_notebooks_are_copied(run_dir, tmp_path):
    src = generate(run_dir, tmp_path)
    copied = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.ipynb"))
    assert copied == ["chapters/01/01_alpha.ipynb", "chapters/02b/02b_beta.ipynb", "chapters/02b/02b_gamma.ipynb"]
    for path in src.rglob("*"):
        assert "solution" not in path.name
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), f"{path} holds solution text"


def test_licences_page_comes_from_data_readme(run_dir, tmp_path):
    src = generate(run_dir, tmp_path)
    page = (src / "licences.md").read_text()
    assert page.startswith("# Data and licences")
    for name in ("bank_marketing.csv", "credit_approval.csv", "tiny_shakespeare.txt", "CC BY 4.0"):
        assert name in page


def test_grading_page_covers_students_and_instructors(run_dir, tmp_path):
    page = (generate(run_dir, tmp_path) / "grading.md").read_text()
    for words in ("Validate", "hidden tests", "feedback", "generate_feedback", "autograde", "nbgrader export",
                  "python -m instructor.autograde", "release"):
        assert words in page, f"the grading page does not mention {words!r}"


def test_errata_page_is_generated_from_the_catalogue(run_dir, tmp_path):
    from instructor import errata

    src = generate(run_dir, tmp_path)
    records = {e["key"]: e["records"] for e in json.loads((run_dir / "report.json").read_text())["notebooks"]}
    assert (src / "errata.md").read_text() == errata.page(errata.load(), records, FAKE_TARGETS,
                                                          chapters=FAKE_CHAPTERS)
    assert "errata" in toctree_entries((src / "index.md").read_text())[-1]


def test_coverage_page_is_generated_from_the_table(run_dir, tmp_path):
    from instructor import coverage

    src = generate(run_dir, tmp_path)
    assert (src / "coverage.md").read_text() == coverage.page(coverage.load(), chapters=FAKE_CHAPTERS)
    assert "coverage" in toctree_entries((src / "index.md").read_text())[-1]


def test_mathjax_is_staged_from_the_package(run_dir, tmp_path):
    src = generate(run_dir, tmp_path)
    staged = src / "_mathjax" / "mathjax"
    assert (staged / "tex-chtml.js").is_file()
    assert b"MathJax" in (staged / "tex-chtml.js").read_bytes()[:100_000]
    assert list((staged / "output" / "chtml" / "fonts" / "woff-v2").glob("MathJax_Main-Regular.woff"))
    assert (staged / "input" / "tex" / "extensions" / "physics.js").is_file()  # loaded on demand by autoload
    # The subset the site needs, not the package's 24 MB.
    size = sum(p.stat().st_size for p in staged.rglob("*") if p.is_file())
    assert 1_000_000 < size < 4_000_000, f"{size / 1e6:.1f} MB of MathJax staged"
    assert site.find_mathjax().name == "mathjax" and site.find_mathjax().parent.name == "static"


def test_missing_mathjax_package_stops_the_build(run_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(site, "MATHJAX_PACKAGE", "sphinx-mathjax-offline-absent")
    with pytest.raises(site.SiteError, match=r"sphinx-mathjax-offline-absent.* is not installed.*`make install`"):
        generate(run_dir, tmp_path)
    assert not (tmp_path / "src").exists(), "the build wrote sources before finding MathJax missing"


def test_sphinx_refuses_a_site_without_local_mathjax(tmp_path):
    """site/conf.py stops when MathJax was not staged (Sphinx's default would load it from a CDN)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# Home\n\n$x^2$\n")
    with pytest.raises(site.SiteError, match=r"no local MathJax 3.*sphinx-mathjax-offline"):
        site.sphinx_build(src, tmp_path / "out", jobs=1)


# ------------------------------------------------------------------------ diagrams (notebooks/figures/)
FIGURES = ROOT / "notebooks" / "figures"


def test_diagrams_are_staged_beside_the_notebooks_that_show_them(run_dir, tmp_path):
    """A markdown image ``figures/NAME.svg`` of an executed notebook resolves in the site's sources: the runner
    copies notebooks/figures/ to executed/figures/, and the site copies what each notebook shows into the
    notebook's chapter folder (Sphinx then copies it to _images/); notebooks/ itself is the fallback."""
    from instructor import runner

    names = sorted(p.name for p in FIGURES.glob("*.svg"))
    assert len(names) >= 2, "notebooks/figures/ holds no diagrams"
    assert runner.stage_figures(run_dir) == run_dir / "executed" / "figures"
    extra = (f"![A diagram that shows the thing](figures/{names[0]}) and "
             f'<img src="figures/{names[1]}" alt="another diagram of the same thing">')
    nbformat.write(fake_notebook("Gamma lecture", extra=extra), run_dir / "executed" / "02b_gamma.ipynb")
    assert site.markdown_images(json.loads((run_dir / "executed" / "02b_gamma.ipynb").read_text())) == [
        f"figures/{names[0]}", f"figures/{names[1]}"]
    for run_copy in (True, False):
        if not run_copy:  # a run made before the runner copied the figures: they come from notebooks/
            shutil.rmtree(run_dir / "executed" / "figures")
        src = tmp_path / f"src-{run_copy}"
        summary = site.generate(run_dir, src, chapters=FAKE_CHAPTERS, targets=FAKE_TARGETS,
                                data_dir=ROOT / "data", badges=None)
        assert summary["missing_images"] == {}
        staged = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.svg") if "_mathjax" not in p.parts)
        assert staged == [f"chapters/02b/figures/{names[0]}", f"chapters/02b/figures/{names[1]}"], staged
        for name in names[:2]:
            assert (src / "chapters" / "02b" / "figures" / name).read_bytes() == (FIGURES / name).read_bytes()


def test_a_missing_diagram_is_reported(run_dir, tmp_path):
    extra = "![A diagram that does not exist anywhere](figures/absent.svg)"
    nbformat.write(fake_notebook("Alpha lecture", extra=extra), run_dir / "executed" / "01_alpha.ipynb")
    summary = site.generate(run_dir, tmp_path / "src", chapters=FAKE_CHAPTERS, targets=FAKE_TARGETS,
                            data_dir=ROOT / "data", badges=None)
    assert summary["missing_images"] == {"01_alpha": ["figures/absent.svg"]}


def test_check_site_reports_a_diagram_missing_from_its_page(run_dir, tmp_path):
    """check_site (no Sphinx here: a hand-made page) names each markdown image of the executed notebook that
    the page does not show from _images/."""
    shown, lost = sorted(p.name for p in FIGURES.glob("*.svg"))[:2]
    extra = f"![One diagram of the thing](figures/{shown}) ![Another diagram of the thing](figures/{lost})"
    nbformat.write(fake_notebook("Alpha lecture", extra=extra), run_dir / "executed" / "01_alpha.ipynb")
    out = tmp_path / "site"
    (out / "_images").mkdir(parents=True)
    (out / "chapters" / "01").mkdir(parents=True)
    shutil.copyfile(FIGURES / shown, out / "_images" / shown)
    (out / "_images" / "plot.png").write_bytes(base64.b64decode(PNG))
    (out / "index.html").write_text('<html><body><a href="chapters/01/01_alpha.html">a</a></body></html>')
    (out / "chapters" / "01" / "01_alpha.html").write_text(
        f'<html><body><img src="../../_images/{shown}" alt="x"><img src="../../_images/plot.png" alt="y">'
        f'<img src="../../_images/{Path(shown).stem}1.svg" alt="z"></body></html>')
    problems = site.check_site(out, chapters=FAKE_CHAPTERS[:1], run_dir=run_dir)
    assert f"chapters/01/01_alpha.html: missing image figures/{lost} (in the notebook's markdown, not on the page)" \
        in problems, problems
    assert not any(f"missing image figures/{shown}" in p for p in problems), problems
    assert f"chapters/01/01_alpha.html: broken link ../../_images/{Path(shown).stem}1.svg" in problems


# -------------------------------------------------------------------------------- a real Sphinx build
@pytest.mark.slow
def test_fake_site_builds_and_checker_finds_its_problems(run_dir, tmp_path):
    out = tmp_path / "site"
    summary = site.build(run_dir, out, tmp_path / "src", jobs=1, chapters=FAKE_CHAPTERS, targets=FAKE_TARGETS,
                         log=lambda *a, **k: None)
    assert summary["errors"] == {"02b_beta": ["ZeroDivisionError: division by zero"]}
    home = (out / "index.html").read_text()
    # The sidebar lists the chapters in the table's order, then the course pages.
    assert sidebar(home) == [("chapters/01/index.html", "01 · Alpha things"),
                             ("chapters/02b/index.html", "02b · Beta | gamma"),
                             ("grading.html", "How grading works"), ("errata.html", "Errata of the sources"),
                             ("coverage.html", "What the course covers"), ("licences.html", "Data and licences")]
    for page in ("chapters/01/01_alpha.html", "chapters/02b/02b_gamma.html", "chapters/02b/results.html",
                 "grading.html", "licences.html"):
        assert (out / page).is_file(), f"{page} was not built"
    alpha = site.parse_page(out / "chapters" / "01" / "01_alpha.html")
    figures = [src for src in alpha.images if "_images/" in src]
    assert len(figures) == 1 and (out / "chapters" / "01" / figures[0]).resolve().is_file()
    assert "0.9531" in (out / "chapters" / "01" / "results.html").read_text()
    assert not list(out.rglob("*solution*"))
    # Formulas: MathJax 3 from _static/mathjax/ (staged from sphinx-mathjax-offline), configured for
    # Sphinx's delimiters; no page names a CDN.
    assert (out / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert list((out / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    alpha_html = (out / "chapters" / "01" / "01_alpha.html").read_text()
    assert "\\begin{split}" in alpha_html  # the display formula, for MathJax to typeset
    scripts = [urlsplit(r).path for r in alpha.resources if "mathjax" in r.lower()]
    assert scripts == ["../../_static/mathjax/tex-chtml.js"], scripts
    assert "window.MathJax = " in alpha_html and "processHtmlClass" in alpha_html
    for page in out.rglob("*.html"):
        text = page.read_text(errors="replace")
        for cdn in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "mathjax@"):
            assert cdn not in text, f"{page.relative_to(out)} names {cdn}"

    # The checker the real-build test relies on: it reports the error output, and nothing else here...
    problems = site.check_site(out, chapters=FAKE_CHAPTERS, run_dir=run_dir)
    assert problems == ["chapters/02b/02b_beta.html: 1 error output(s)"], problems
    # ... and a broken link, a missing figure, a resource from the network, a page with formulas but without
    # the local MathJax, and a missing page.
    gamma = out / "chapters" / "02b" / "02b_gamma.html"
    html = gamma.read_text().replace(f'src="{figures[0]}"', 'src="../../_images/gone.png"')
    html = html.replace("_static/mathjax/tex-chtml.js", "_static/course.css")
    gamma.write_text(html.replace("</body>", '<a href="../nowhere.html">x</a>'
                                             '<script src="https://cdn.example.org/x.js"></script></body>'))
    (out / "chapters" / "01" / "01_alpha.html").unlink()
    problems = "\n".join(site.check_site(out, chapters=FAKE_CHAPTERS, run_dir=run_dir))
    assert "no page for lecture notebook 01_alpha" in problems
    assert "02b_gamma.html: broken link ../nowhere.html" in problems
    assert "02b_gamma.html: broken link ../../_images/gone.png" in problems
    assert "loads https://cdn.example.org/x.js from the network" in problems
    assert "02b_gamma.html: formulas, but the page does not load the local MathJax" in problems


@pytest.mark.needs_run
def test_real_site():
    """build/site (made by `make test` or `make site` from build/run): every lecture notebook has a page with
    its figures, no error output, no broken internal link, nothing from the network, no solution."""
    if not (REAL_RUN / "report.json").exists():
        msg = f"{REAL_RUN / 'report.json'} is absent: the notebooks were not executed here (make test does it)"
        skip_or_fail(msg)
    if not (REAL_SITE / "index.html").exists():
        msg = f"{REAL_SITE} was not built: run `python -m instructor.site build` (make site; make test does it)"
    elif (REAL_SITE / "index.html").stat().st_mtime < (REAL_RUN / "report.json").stat().st_mtime:
        msg = f"{REAL_SITE} is older than {REAL_RUN / 'report.json'}: rebuild it with `make site`"
    else:
        msg = None
    if msg:
        skip_or_fail(msg)
    expected = [(f"{c.folder}/index.html", f"{c.number} · {c.title}") for c in site.CHAPTERS]
    assert sidebar((REAL_SITE / "index.html").read_text())[:len(expected)] == expected, (
        "the site's navigation does not follow the chapter table: rebuild it with `make site`")
    problems = site.check_site(REAL_SITE, run_dir=REAL_RUN)
    assert not problems, f"{len(problems)} problem(s) in {REAL_SITE}:\n" + "\n".join(problems[:50])

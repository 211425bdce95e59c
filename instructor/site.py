"""The course's static web site, built with Sphinx and MyST-NB from the executed lecture notebooks.

Usage (from the repository root)::

    python -m instructor.runner                      # executes every notebook into build/run/
    python -m instructor.site build                  # build/site/index.html (also: make site)
    python -m instructor.site build --run-dir build/run --out build/site --jobs 2

The build reads the notebooks the runner executed (``build/run/executed/<name>.ipynb``) and its report
(``build/run/report.json``); it never executes anything itself. It writes a staging source tree
(``build/site-src/``: a home page, one folder per chapter with the chapter's executed lecture notebooks and a
results page, a page on grading and one on the data licences) and runs Sphinx on it with the configuration in
``site/conf.py``. Solution notebooks (``solutions__*``) are never copied. Everything the pages load is local:
the site works without a network connection: formulas are rendered by MathJax 3, of which the part the site
needs is copied from the Python package ``sphinx-mathjax-offline`` (the build stops when it is not installed).

The chapters, their notebooks and exercises come from the course manifest (``course.toml``, read by
:mod:`instructor.manifest`), as do the README's chapter table and the runner's targets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .manifest import CHAPTERS, Chapter  # noqa: F401 - Chapter is part of this module's interface

from . import coverage, errata
from .runner import describe_target as runner_describe_target

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "site"
DEFAULT_RUN = ROOT / "build" / "run"
DEFAULT_OUT = ROOT / "build" / "site"
DEFAULT_SRC = ROOT / "build" / "site-src"
DATA_DIR = ROOT / "data"
#: Where the lecture notebooks live: their markdown images (``![alt](figures/NAME.svg)``) are relative to it.
NOTEBOOKS_DIR = ROOT / "notebooks"
# The Python package (a dev dependency) that bundles MathJax 3 in its static/mathjax/ folder. Its module folder
# has hyphens in its name: it is found with importlib, never imported.
MATHJAX_PACKAGE = "sphinx-mathjax-offline"
# The part of that MathJax 3 (24 MB) the site needs, about 2 MB: the TeX-to-CommonHTML component (the menu and
# assistive MathML built in; site/conf.py turns the menu off, so nothing else from ui/ or a11y/ is loaded), the
# fonts it loads, and the TeX extensions its autoload and \require fetch on demand.
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class SiteError(RuntimeError):
    """The site cannot be built from this run directory (missing report or notebooks, Sphinx failure)."""


# --------------------------------------------------------------------------------------------- inputs
def lecture_notebooks(chapters=CHAPTERS) -> list[str]:
    return [name for ch in chapters for name in ch.notebooks]


def executed_path(run_dir: Path, name: str) -> Path:
    return Path(run_dir) / "executed" / f"{name}.ipynb"


def load_report(run_dir: Path) -> dict:
    path = Path(run_dir) / "report.json"
    if not path.exists():
        raise SiteError(f"{path} is missing: execute the notebooks first (python -m instructor.runner, or make test)")
    try:
        return json.loads(path.read_text())
    except ValueError as err:
        raise SiteError(f"{path} is not valid JSON: {err}") from err


def missing_notebooks(run_dir: Path, chapters=CHAPTERS) -> list[str]:
    """Lecture notebooks of ``chapters`` that have no executed copy in ``run_dir``."""
    return [name for name in lecture_notebooks(chapters) if not executed_path(run_dir, name).is_file()]


_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)


def markdown_images(nb: dict) -> list[str]:
    """The local images the markdown cells of a notebook (as JSON) show, as written (``figures/NAME.svg``):
    Markdown ``![alt](path)`` and HTML ``<img src="path">``, less web addresses, ``data:`` URIs and cell
    attachments; each once, in order."""
    found = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for match in [*_MARKDOWN_IMAGE.finditer(source), *_HTML_IMAGE.finditer(source)]:
            ref = unquote(match.group(1))
            if not (_is_external(ref) or ref.startswith(("attachment:", "/", "#"))) and ref not in found:
                found.append(ref)
    return found


def stage_images(nb: dict, folder: Path, sources) -> list[str]:
    """Copy the local images of a notebook's markdown (:func:`markdown_images`) into ``folder`` at the same
    relative path, taking each from the first of the folders ``sources`` that has it (the run's ``executed/``,
    where the runner copies ``notebooks/figures/``, then ``notebooks/`` itself); return the ones found nowhere
    (or pointing outside the notebook's folder)."""
    missing = []
    for ref in markdown_images(nb):
        rel = posixpath.normpath(ref)
        if rel.startswith("../") or rel == "..":
            missing.append(ref)
            continue
        for base in sources:
            source = Path(base) / rel
            if source.is_file():
                (Path(folder) / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, Path(folder) / rel)
                break
        else:
            missing.append(ref)
    return missing


def error_outputs(nb: dict) -> list[str]:
    """``ename: evalue`` of each error output in a notebook (as JSON)."""
    return [f"{out.get('ename')}: {out.get('evalue')}"
            for cell in nb.get("cells", []) if cell.get("cell_type") == "code"
            for out in cell.get("outputs", []) if out.get("output_type") == "error"]


def find_mathjax() -> Path:
    """The MathJax 3 folder (``static/mathjax/``) of the Python package :data:`MATHJAX_PACKAGE`.

    Raises :class:`SiteError` when the package is not installed (or lacks a part of :data:`MATHJAX_PARTS`):
    without MathJax the site would show formulas as LaTeX source, and Sphinx's default loads it from a CDN.
    """
    try:
        spec = importlib.util.find_spec(MATHJAX_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        mathjax = Path(folder) / "static" / "mathjax"
        if all((mathjax / part).exists() for part in MATHJAX_PARTS):
            return mathjax
    state = (f"has no complete static/mathjax/ folder ({Path(spec.origin).parent})" if spec and spec.origin
             else f"is not installed in the environment of {sys.executable}")
    raise SiteError(f"the Python package {MATHJAX_PACKAGE}, which bundles the MathJax 3 that renders the site's "
                    f"formulas, {state}: install the course's environment with `make install` "
                    f"(or: pip install {MATHJAX_PACKAGE})")


def stage_mathjax(src_dir: Path, mathjax: Path | None = None) -> Path:
    """Copy :data:`MATHJAX_PARTS` of the package's MathJax 3 into ``src_dir/_mathjax/mathjax/`` (``site/conf.py``
    adds ``_mathjax/`` to the static files); return the package's MathJax folder."""
    mathjax = find_mathjax() if mathjax is None else Path(mathjax)
    target = Path(src_dir) / "_mathjax" / "mathjax"
    for part in MATHJAX_PARTS:
        source = mathjax / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / part)
    return mathjax


def launch_links(notebook: str | None = None) -> tuple[str, str] | None:
    """(Binder URL, Colab URL) from ``instructor.launch`` for a lecture notebook (or the course), or None while
    that module does not exist."""
    try:
        from instructor import launch
    except ImportError:
        return None
    try:
        return launch.binder_url(notebook), launch.colab_url(notebook or "01_introduction")
    except (AttributeError, TypeError, ValueError):
        return None


def launch_badges() -> str | None:
    """Binder and Colab badges (HTML) for the home page, or None while ``instructor.launch`` does not exist.

    The badge images are local SVG files (``site/_static/``): an image from a badge service would be a network
    request, and the site must work offline.
    """
    links = launch_links()
    if links is None:
        return None
    binder, colab = links
    return (f'<a class="course-badge" href="{binder}"><img src="_static/badge-binder.svg" alt="Launch on Binder" '
            f'height="20"></a> <a class="course-badge" href="{colab}"><img src="_static/badge-colab.svg" '
            f'alt="Open in Colab" height="20"></a>')


# ------------------------------------------------------------------------------------------------ pages
def fmt_value(value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def describe_target(spec: dict | None) -> str:
    return runner_describe_target(spec, fmt=fmt_value, symbols=("≥", "≤", "="))


def results_rows(entry: dict, targets: dict) -> list[tuple[str, str, str, str]]:
    """(name, value, target, met) for every value a notebook recorded; targeted values first.

    ``targets`` maps a recorded name to its target spec (``min``/``max``/``equals``). A target that was
    never recorded gets a row too (value "not recorded", met "no").
    """
    from instructor.runner import check_targets

    records = entry.get("records", {})
    names = [n for n in targets if n in records] + [n for n in records if n not in targets]
    names += [n for n in targets if n not in records]
    rows = []
    for name in names:
        spec = targets.get(name)
        value = fmt_value(records[name]) if name in records else "not recorded"
        if spec is None:
            met = ""
        else:
            met = "no" if check_targets(records, {name: spec}) else "yes"
        rows.append((name, value, describe_target(spec), met))
    return rows


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def results_page(chapter: Chapter, entries: dict, targets: dict) -> str:
    """The chapter's results page (MyST markdown): per notebook, what it recorded against its targets."""
    lines = [f"# Results: chapter {chapter.number}", "",
             "What each lecture notebook of this chapter recorded with `record(name, value)` when the course "
             "was last executed, against the targets it declares in `course.toml`, with its wall time. A "
             "row without a target is a value the notebook reports for information.", ""]
    for name in chapter.notebooks:
        entry = entries.get(name)
        lines += [f"## {name}", "", f"Notebook: {{doc}}`{name}`", ""]
        if entry is None:
            lines += ["```{warning}", f"`{name}` has no entry in the runner's report.", "```", ""]
            continue
        budget = entry.get("budget_s")
        wall = entry.get("wall_s")
        facts = [f"status **{entry.get('status', '?')}**"]
        if wall is not None:
            facts.append(f"wall time **{wall:.1f} s**" + (f" (budget {budget:.0f} s)" if budget else ""))
        if entry.get("peak_mem_mb") is not None:
            facts.append(f"peak memory {entry['peak_mem_mb']:.0f} MB")
        lines += ["; ".join(facts) + ".", ""]
        spec = targets.get(name, {}).get("targets", {})
        rows = results_rows(entry, spec)
        if rows:
            lines += ["| name | value | target | met? |", "|---|---:|---|---|"]
            lines += [f"| `{_cell(n)}` | {_cell(v)} | {_cell(t)} | {m} |" for n, v, t, m in rows]
        else:
            lines.append("This notebook recorded no values.")
        lines.append("")
        if entry.get("target_problems"):
            lines += ["```{warning}", "Missed targets: " + "; ".join(entry["target_problems"]), "```", ""]
    return "\n".join(lines)


def chapter_page(chapter: Chapter, *, launch: bool = True) -> str:
    toc = "\n".join([*chapter.notebooks, "results"])
    rows = []
    for name in chapter.notebooks:
        links = launch_links(name) if launch else None
        run = f"[Binder]({links[0]}) · [Colab]({links[1]})" if links else "`make lab`"
        rows.append(f"| {{doc}}`{name}` | `notebooks/{name}.ipynb` | {run} |")
    return (f"# {chapter.number} · {chapter.title}\n\n"
            f"The chapter's lecture notebooks, as the course's CI executed them (their recorded results and run "
            f"times are on the {{doc}}`results page <results>`):\n\n"
            f"| lecture | in the repository | run it |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
            f"Graded exercise: `exercises/{chapter.exercise}/{chapter.exercise}.ipynb` (see {{doc}}`/grading`). "
            f"To run everything on your own machine, clone the repository and run `make lab`.\n\n"
            f"```{{toctree}}\n:maxdepth: 1\n:hidden:\n\n{toc}\n```\n")


def home_page(chapters, report: dict, badges: str | None) -> str:
    rows = []
    for ch in chapters:
        lectures = ", ".join(f"{{doc}}`{n} <{ch.folder}/{n}>`" for n in ch.notebooks)
        rows.append(f"| {ch.number} | {{doc}}`{_cell(ch.title)} <{ch.folder}/index>` | {lectures} | "
                    f"{{doc}}`results <{ch.folder}/results>` | `{ch.exercise}` |")
    if badges:
        launch = f"```{{raw}} html\n<p class=\"course-badges\">{badges}</p>\n```\n"
    else:
        # Hook: instructor/launch.py (Binder and Colab URLs) does not exist yet; badges appear once it does.
        launch = "<!-- launch badges: instructor/launch.py is absent, so no Binder/Colab badges -->\n"
    run = ""
    if report.get("generated"):
        cores = report.get("machine", {}).get("cores", "?")
        run = (f"The pages below were executed on {report['generated']} ({cores} cores, "
               f"{report.get('wall_s', 0):.0f} s for the whole course).\n")
    toc = "\n".join(f"{ch.folder}/index" for ch in chapters)
    return f"""# Deep learning, from the ground up

An offline, auto-graded course of Jupyter notebooks on machine learning and deep learning, chapter by
chapter: from ML fundamentals through neural networks, convolutional and recurrent networks, GANs, RBF
networks and self-organising maps. Every notebook runs on a laptop CPU without an internet connection; every
from-scratch implementation is tested against a reference library; every exercise is graded automatically by
nbgrader. Where the textbook the course follows is wrong, the notebooks say so and compute the correct
result ("Check the book").

{launch}
This site shows each lecture notebook as the course's CI executed it, with its figures, and each chapter's
recorded results. {run}
## Chapters

| # | chapter | lecture notebooks | results | graded exercise |
|---|---|---|---|---|
{chr(10).join(rows)}

See also {{doc}}`how grading works <grading>`, the {{doc}}`errata of the sources <errata>` (every wrong
claim of the handbook and the other sources the course found, with the notebook that computes the
correction), {{doc}}`what the course covers <coverage>` (every topic of the sources and the notebook that
teaches it) and the {{doc}}`data and their licences <licences>`.

```{{toctree}}
:caption: Chapters
:maxdepth: 1
:hidden:

{toc}
```

```{{toctree}}
:caption: About the course
:maxdepth: 1
:hidden:

grading
errata
coverage
licences
```
"""


def licences_page(data_dir: Path) -> tuple[str, list[Path]]:
    """The licences page (from data/README.md) and the licence files in ``data_dir`` to copy beside it."""
    readme = Path(data_dir) / "README.md"
    text = readme.read_text() if readme.exists() else "# Data\n\nNo data/README.md was found.\n"
    body = text.split("\n", 1)[1] if text.startswith("# ") else text
    licence_files = sorted(p for p in Path(data_dir).glob("*")
                           if p.is_file() and any(k in p.name.lower() for k in ("licen", "copying", "notice")))
    page = ["# Data and licences", "",
            "The course ships its small real datasets in the repository's `data/` folder; the rest comes with "
            "scikit-learn. This page reproduces `data/README.md`, which lists where each file comes from and "
            "under which licence it may be used.", "", body.strip(), ""]
    if licence_files:
        page += ["## Licence files", ""]
        page += [f"- {{download}}`{p.name} <licences/{p.name}>`" for p in licence_files]
        page.append("")
    return "\n".join(page), licence_files


# -------------------------------------------------------------------------------------------- staging
def generate(run_dir: Path = DEFAULT_RUN, src_dir: Path = DEFAULT_SRC, *, chapters=CHAPTERS,
             targets: dict | None = None, data_dir: Path = DATA_DIR, badges: str | None | bool = True) -> dict:
    """Write the Sphinx source tree for the site into ``src_dir`` (emptied first); return a summary.

    Raises :class:`SiteError` when the report or an executed lecture notebook is missing, or MathJax
    (:func:`find_mathjax`).
    """
    run_dir, src_dir = Path(run_dir), Path(src_dir)
    report = load_report(run_dir)
    missing = missing_notebooks(run_dir, chapters)
    if missing:
        raise SiteError(
            f"{len(missing)} executed lecture notebook(s) missing from {run_dir / 'executed'}: "
            f"{', '.join(missing)}. Execute them first, e.g. python -m instructor.runner "
            + " ".join(f"notebooks/{m}.ipynb" for m in missing[:3]) + (" ..." if len(missing) > 3 else ""))
    if targets is None:
        from instructor.runner import load_targets

        targets = load_targets()
    if badges is True:
        badges = launch_badges()
    mathjax = find_mathjax()  # before anything is written: no site without MathJax
    entries = {e["key"]: e for e in report.get("notebooks", [])}

    if src_dir.exists():
        shutil.rmtree(src_dir)
    src_dir.mkdir(parents=True)
    errors, missing_images = {}, {}
    for ch in chapters:
        folder = src_dir / ch.folder
        folder.mkdir(parents=True)
        for name in ch.notebooks:
            if name.startswith("solutions") or "__" in name:
                raise SiteError(f"{name}: only lecture notebooks belong on the site")
            nb = json.loads(executed_path(run_dir, name).read_text())
            if error_outputs(nb):
                errors[name] = error_outputs(nb)
            # Widget state would make MyST-NB load the widget manager from a CDN. The runner's explorers draw
            # static figures; should a live widget slip through, its static fallback is shown instead.
            nb.get("metadata", {}).pop("widgets", None)
            for cell in nb.get("cells", []):
                for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
                    data = out.get("data", {})
                    if WIDGET_MIME in data and len(data) > 1:
                        del data[WIDGET_MIME]
            (folder / f"{name}.ipynb").write_text(json.dumps(nb))
            # Its markdown images (the diagrams, figures/NAME.svg), beside it: Sphinx copies them to _images/.
            lost = stage_images(nb, folder, [Path(run_dir) / "executed", NOTEBOOKS_DIR])
            if lost:
                missing_images[name] = lost
        (folder / "index.md").write_text(chapter_page(ch, launch=badges is not None))
        (folder / "results.md").write_text(results_page(ch, entries, targets))
    (src_dir / "index.md").write_text(home_page(chapters, report, badges or None))
    grading = SITE_DIR / "pages" / "grading.md"
    shutil.copyfile(grading, src_dir / "grading.md")
    page, licence_files = licences_page(data_dir)
    (src_dir / "licences.md").write_text(page)
    records = {e["key"]: e.get("records", {}) for e in report.get("notebooks", [])}
    (src_dir / "errata.md").write_text(errata.page(errata.load(), records, targets, chapters=chapters))
    (src_dir / "coverage.md").write_text(coverage.page(coverage.load(), chapters=chapters))
    if licence_files:
        (src_dir / "licences").mkdir()
        for p in licence_files:
            shutil.copyfile(p, src_dir / "licences" / p.name)
    stage_mathjax(src_dir, mathjax)
    return {"notebooks": lecture_notebooks(chapters), "errors": errors, "mathjax": mathjax,
            "missing_images": missing_images}


def sphinx_build(src_dir: Path, out_dir: Path, *, jobs: int | str = "auto", quiet: bool = True) -> str:
    """Run Sphinx (configuration ``site/conf.py``) on ``src_dir``; return its warnings."""
    out_dir = Path(out_dir)
    doctrees = out_dir.parent / (out_dir.name + "-doctrees")
    for p in (out_dir, doctrees):
        if p.exists():
            shutil.rmtree(p)
    env = dict(os.environ)
    mathjax = Path(src_dir) / "_mathjax"
    env["COURSE_SITE_MATHJAX"] = str(mathjax) if mathjax.is_dir() else ""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(SITE_DIR), "-d", str(doctrees),
           "-j", str(jobs), "--keep-going", str(src_dir), str(out_dir)]
    if quiet:
        cmd.insert(3, "-q")
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0 or not (out_dir / "index.html").exists():
        raise SiteError(f"sphinx-build failed (exit {proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}")
    shutil.rmtree(doctrees, ignore_errors=True)
    return proc.stderr


def build(run_dir: Path = DEFAULT_RUN, out_dir: Path = DEFAULT_OUT, src_dir: Path = DEFAULT_SRC, *,
          jobs: int | str = "auto", chapters=CHAPTERS, targets: dict | None = None, log=print) -> dict:
    """Stage the site's sources and build the HTML; return a summary (seconds, warnings, errors)."""
    start = time.perf_counter()
    summary = generate(run_dir, src_dir, chapters=chapters, targets=targets)
    warnings = sphinx_build(src_dir, out_dir, jobs=jobs)
    summary["warnings"] = [w for w in warnings.splitlines() if w.strip()]
    summary["seconds"] = round(time.perf_counter() - start, 1)
    for w in summary["warnings"]:
        log(w)
    for name, errs in summary["errors"].items():
        log(f"ERROR OUTPUT in {name}: {'; '.join(errs)}")
    for name, refs in summary["missing_images"].items():
        log(f"MISSING IMAGE in {name}: {', '.join(refs)} (not in the run's executed/ nor in notebooks/)")
    log(f"site built in {summary['seconds']:.1f} s: {Path(out_dir) / 'index.html'} "
        f"({len(summary['notebooks'])} notebooks, {len(summary['warnings'])} Sphinx warning lines)")
    return summary


# ------------------------------------------------------------------------------------------- checking
class _PageParser(HTMLParser):
    """Collects the links (``<a href>``), the resources (``src``, ``<link href>``), element ids, images and
    error outputs of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.images: list[str] = []
        self.error_outputs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("href"):
            (self.links if tag == "a" else self.resources).append(attrs["href"])
        if attrs.get("src"):
            self.resources.append(attrs["src"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "img" and attrs.get("src"):
            self.images.append(attrs["src"])
        classes = (attrs.get("class") or "").split()
        if "output" in classes and "traceback" in classes:
            self.error_outputs += 1


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(Path(path).read_text(errors="replace"))
    return parser


def image_outputs(nb: dict) -> int:
    """How many outputs of a notebook (as JSON) the site shows as an image."""
    n = 0
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = out.get("data", {})
            if any(k.startswith("image/") for k in data) and "text/html" not in data:
                n += 1
    return n


def _is_external(link: str) -> bool:
    return urlsplit(link).scheme in ("http", "https", "mailto", "javascript", "data", "ftp") or link.startswith("//")


def check_site(out_dir: Path = DEFAULT_OUT, *, chapters=CHAPTERS, run_dir: Path | None = None) -> list[str]:
    """Problems in a built site (empty: none): missing notebook pages, figures missing from a notebook's page
    (compared with its executed notebook in ``run_dir`` when given: its image outputs and each local image of
    its markdown, such as ``figures/NAME.svg``), error outputs, broken internal links
    (``href``/``src`` to a file or an anchor that does not exist), resources loaded from the network, formulas
    on a page that does not load the local MathJax, and anything that looks like a solution notebook."""
    out_dir = Path(out_dir).resolve()
    problems: list[str] = []
    if not (out_dir / "index.html").is_file():
        return [f"{out_dir / 'index.html'} does not exist: the site was not built"]
    # The site's pages (_static/ holds the themes' template fragments, not pages).
    pages = {p: parse_page(p) for p in sorted(out_dir.rglob("*.html")) if "_static" not in p.relative_to(out_dir).parts}
    for ch in chapters:
        for name in ch.notebooks:
            page = out_dir / ch.folder / f"{name}.html"
            if page not in pages:
                problems.append(f"{page.relative_to(out_dir)}: no page for lecture notebook {name}")
                continue
            parsed = pages[page]
            if parsed.error_outputs:
                problems.append(f"{page.relative_to(out_dir)}: {parsed.error_outputs} error output(s)")
            if run_dir is not None and executed_path(run_dir, name).is_file():
                nb = json.loads(executed_path(run_dir, name).read_text())
                drawn = markdown_images(nb)
                expected = image_outputs(nb) + len(drawn)
                shown = [src for src in parsed.images if "_images/" in src]
                if len(shown) < expected:
                    problems.append(f"{page.relative_to(out_dir)}: {len(shown)} figure(s) shown, the executed "
                                    f"notebook has {expected}")
                # Each image of the notebook's markdown (a diagram, figures/NAME.svg) is on the page, as a file
                # Sphinx copied to _images/ (as NAME.svg, or NAME1.svg, ... when another page has one so named).
                for ref in drawn:
                    stem, suffix = posixpath.splitext(posixpath.basename(ref))
                    pattern = re.compile(rf"(^|/)_images/{re.escape(stem)}\d*{re.escape(suffix)}$")
                    if not any(pattern.search(urlsplit(src).path) and (page.parent / unquote(urlsplit(src).path))
                               .resolve().is_file() for src in parsed.images):
                        problems.append(f"{page.relative_to(out_dir)}: missing image {ref} (in the notebook's "
                                        f"markdown, not on the page)")
    for page, parsed in pages.items():
        rel = page.relative_to(out_dir)
        for link in parsed.resources:
            if _is_external(link) and not link.startswith("data:"):
                problems.append(f"{rel}: loads {link[:100]} from the network")
        for link in parsed.links + parsed.resources:
            if _is_external(link):
                continue
            parts = urlsplit(link)
            if not parts.path:
                target = page
            else:
                target = (page.parent / unquote(parts.path)).resolve()
                if parts.path.endswith("/"):
                    target = target / "index.html"
            if not target.is_relative_to(out_dir) or not target.exists():
                problems.append(f"{rel}: broken link {link}")
            elif parts.fragment and target.suffix == ".html" and target in pages \
                    and unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{rel}: broken anchor {link}")
    for path in out_dir.rglob("*"):
        if "solutions__" in path.name or path.name.startswith("solutions"):
            problems.append(f"{path.relative_to(out_dir)}: a solution file on the site")
    for page, parsed in pages.items():
        text = page.read_text(errors="replace")
        if "BEGIN HIDDEN TESTS" in text or "### BEGIN SOLUTION" in text:
            problems.append(f"{page.relative_to(out_dir)}: contains solution or hidden-test markers")
        if 'class="math notranslate' in text and not any(
                urlsplit(r).path.endswith("_static/mathjax/tex-chtml.js") for r in parsed.resources):
            problems.append(f"{page.relative_to(out_dir)}: formulas, but the page does not load the local MathJax "
                            f"(_static/mathjax/tex-chtml.js)")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m instructor.site", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the static site from the executed notebooks, then check it")
    c = sub.add_parser("check", help="check a built site (pages, figures, error outputs, links)")
    for p in (b, c):
        p.add_argument("--run-dir", type=Path, default=DEFAULT_RUN, help="the runner's output (default build/run)")
        p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the HTML site (default build/site)")
    b.add_argument("--src", type=Path, default=DEFAULT_SRC, help="staging sources (default build/site-src)")
    b.add_argument("--jobs", "-j", default="auto", help="Sphinx processes (default auto)")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            build(args.run_dir, args.out, args.src, jobs=args.jobs)
        except SiteError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    problems = check_site(args.out, run_dir=args.run_dir)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if args.command == "check" and not problems:
        print(f"{args.out}: no problems found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""One-click launch: Binder and Colab links, their badges, and the Colab guard cell of the lecture notebooks.

The repository's address is read from ``pyproject.toml`` (``[project.urls] Repository``) when it is there,
otherwise :data:`DEFAULT_REPOSITORY` is used; the branch is :data:`BRANCH`. Everything else (the Binder and
Colab URLs, the badges in the README and on the site, the guard cell) is derived from those two values.

The guard cell is the first code cell of every lecture notebook. On Google Colab it clones the course and
installs it (``pip install -e``); everywhere else (locally, on Binder, under papermill and in CI) it does
nothing. It is tagged ``remove-cell``, so the static site leaves it out. After changing the repository or the
branch, rewrite the guard in every notebook with::

    python -m instructor.launch guards        # insert or update the guard cell in notebooks/*.ipynb
    python -m instructor.launch urls          # print the Binder and Colab links
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

__all__ = [
    "BRANCH",
    "DEFAULT_REPOSITORY",
    "COLAB_CHECKOUT",
    "GUARD_TAGS",
    "TORCH_CPU_INDEX",
    "repository",
    "github_slug",
    "binder_url",
    "colab_url",
    "binder_badge",
    "colab_badge",
    "badges",
    "colab_guard_source",
    "is_colab_guard",
    "write_guard",
]

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
NOTEBOOK_DIR = "notebooks"
# Used until pyproject.toml names the repository in [project.urls] (key "Repository").
DEFAULT_REPOSITORY = "https://github.com/dl-course/dl-course"
#: The branch students, Binder and Colab use: the student edition, which `make publish-student` commits there
#: (instructor.course.publish_student_edition); it holds no solution and no instructor tooling.
BRANCH = "student"
COLAB_CHECKOUT = "/content/dl-course"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
BINDER_BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
COLAB_BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
GUARD_MARKER = "# Google Colab only:"
# The static site (MyST-NB) leaves a cell with this tag out: its readers do not need Colab's installer.
GUARD_TAGS = ["remove-cell"]
_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def repository(pyproject: Path | str = PYPROJECT) -> str:
    """The repository's GitHub URL: ``[project.urls] Repository`` of ``pyproject`` if set, else the default."""
    path = Path(pyproject)
    url = DEFAULT_REPOSITORY
    if path.exists():
        urls = tomllib.loads(path.read_text()).get("project", {}).get("urls", {})
        url = urls.get("Repository", urls.get("repository", url))
    github_slug(url)  # validate
    return url.rstrip("/").removesuffix(".git")


def github_slug(url: str) -> str:
    """``owner/name`` of a ``https://github.com/owner/name`` URL; ValueError for anything else."""
    m = _GITHUB.match(str(url))
    if not m:
        raise ValueError(f"the repository must be a https://github.com/<owner>/<name> URL, got {url!r}")
    return f"{m.group(1)}/{m.group(2)}"


def _notebook_name(notebook) -> str:
    """``03_optimisation.ipynb`` from ``03_optimisation``, ``03_optimisation.ipynb`` or a path to it."""
    name = Path(str(notebook)).name
    if not name.endswith(".ipynb"):
        name += ".ipynb"
    if not re.fullmatch(r"\d\d[a-z]?_[a-z0-9_]+\.ipynb", name):
        raise ValueError(f"not a lecture notebook name: {notebook!r} (expected e.g. '03_optimisation')")
    return name


def binder_url(notebook=None, *, repo: str | None = None, branch: str = BRANCH) -> str:
    """mybinder.org link that builds the course (``binder/``) and opens JupyterLab on ``notebook``
    (default: the ``notebooks/`` folder)."""
    slug = github_slug(repo or repository())
    target = f"{NOTEBOOK_DIR}/{_notebook_name(notebook)}" if notebook is not None else NOTEBOOK_DIR
    return f"https://mybinder.org/v2/gh/{slug}/{branch}?urlpath=lab/tree/{target}"


def colab_url(notebook="01_introduction", *, repo: str | None = None, branch: str = BRANCH) -> str:
    """Colab link that opens ``notebook`` straight from GitHub."""
    slug = github_slug(repo or repository())
    return f"https://colab.research.google.com/github/{slug}/blob/{branch}/{NOTEBOOK_DIR}/{_notebook_name(notebook)}"


def binder_badge(notebook=None, **kwargs) -> str:
    """Markdown badge linking to :func:`binder_url`."""
    return f"[![Launch on Binder]({BINDER_BADGE_IMAGE})]({binder_url(notebook, **kwargs)})"


def colab_badge(notebook="01_introduction", **kwargs) -> str:
    """Markdown badge linking to :func:`colab_url`."""
    return f"[![Open in Colab]({COLAB_BADGE_IMAGE})]({colab_url(notebook, **kwargs)})"


def badges(notebook=None, **kwargs) -> str:
    """Both badges, side by side (Colab opens ``notebook``, or the first chapter when it is None)."""
    return binder_badge(notebook, **kwargs) + " " + colab_badge(notebook or "01_introduction", **kwargs)


def colab_guard_source(*, repo: str | None = None, branch: str = BRANCH) -> str:
    """Source of the guard cell: on Colab, clone the course and ``pip install -e`` it; elsewhere nothing.

    Colab detection: Colab's kernel imports ``google.colab`` at start-up. The install uses PyTorch's CPU
    index so that torch is the pinned CPU build the course is tested with, as with ``make install``.
    """
    url = repo or repository()
    github_slug(url)
    return f'''{GUARD_MARKER} fetch and install the course. Nothing happens anywhere else (locally, on Binder, in CI).
import sys

if "google.colab" in sys.modules:
    import os
    import subprocess

    COURSE_URL = "{url}"
    COURSE_DIR = "{COLAB_CHECKOUT}"
    if not os.path.isdir(COURSE_DIR):
        subprocess.run(["git", "clone", "--depth", "1", "--branch", "{branch}", COURSE_URL, COURSE_DIR], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--extra-index-url",
                    "{TORCH_CPU_INDEX}", "--editable", COURSE_DIR], check=True)
    sys.path.insert(0, COURSE_DIR)  # the running kernel does not see the new install otherwise
    os.chdir(os.path.join(COURSE_DIR, "{NOTEBOOK_DIR}"))'''


def is_colab_guard(cell) -> bool:
    """Whether a notebook cell is a (possibly outdated) Colab guard cell."""
    return cell.get("cell_type") == "code" and str(cell.get("source", "")).startswith(GUARD_MARKER)


def write_guard(path, source: str | None = None) -> bool:
    """Make the guard the first code cell of the notebook at ``path`` (insert, or replace an outdated one).

    Returns True when the file changed. The notebook is written clean (the new cell has no outputs).
    """
    import nbformat

    source = source or colab_guard_source()
    nb = nbformat.read(path, as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if code and is_colab_guard(nb.cells[code[0]]):
        cell = nb.cells[code[0]]
        if cell.source == source and cell.metadata.get("tags") == GUARD_TAGS:
            return False
        cell.source = source
        cell.metadata["tags"] = list(GUARD_TAGS)
    else:
        for i in reversed([i for i, c in enumerate(nb.cells) if is_colab_guard(c)]):
            del nb.cells[i]
        first = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
        nb.cells.insert(first, nbformat.v4.new_code_cell(source, metadata={"tags": list(GUARD_TAGS)}))
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m instructor.launch", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("guards", help="insert or update the Colab guard cell in lecture notebooks")
    g.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    sub.add_parser("urls", help="print the Binder and Colab links and badges")
    args = parser.parse_args(argv)
    if args.command == "guards":
        paths = args.notebooks or sorted((ROOT / NOTEBOOK_DIR).glob("*.ipynb"))
        for path in paths:
            if write_guard(path):
                print(f"updated {path}")
        return 0
    print("repository:", repository(), "branch:", BRANCH)
    print("Binder:", binder_url())
    print("Colab: ", colab_url())
    print(badges())
    return 0


if __name__ == "__main__":
    sys.exit(main())

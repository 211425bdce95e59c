"""One-click launch: the Binder configuration, the links and badges, and the Colab guard cell.

Binder and Colab themselves cannot be reached from here; these tests check what can be checked offline:
the configuration parses and pins what pyproject.toml pins, the guard cell is the same in every lecture
notebook, does nothing outside Colab, and on (a fake) Colab runs the clone and install commands.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib
import types
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from instructor import launch

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pyproject_pins() -> dict[str, SpecifierSet]:
    reqs = [Requirement(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]]
    return {r.name.lower(): r.specifier for r in reqs}


def _binder_requirements():
    options, reqs = [], []
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        (options if line.startswith("-") else reqs).append(line)
    return options, [Requirement(r) for r in reqs]


# ---------------------------------------------------------------------------------------------- binder
def test_binder_installs_the_lock_with_torchs_cpu_index():
    options, reqs = _binder_requirements()
    assert options == [f"--extra-index-url {launch.TORCH_CPU_INDEX}", "-r ../requirements.lock"], options
    assert not reqs, "binder/requirements.txt pins nothing itself: every version comes from requirements.lock"


def test_binder_runtime_satisfies_requires_python():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert m, f"binder/runtime.txt must look like python-3.11, got {runtime!r}"
    assert SpecifierSet(PROJECT["requires-python"]).contains(m.group(1) + ".0")


def test_binder_postbuild_installs_the_course():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable (chmod +x)"
    text = post.read_text()
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    assert re.search(r"pip install .*--editable \.$", text, re.M), "postBuild must run pip install -e ."
    subprocess.run(["bash", "-n", str(post)], check=True)


# ---------------------------------------------------------------------------------------------- links
def test_links_and_badges_follow_the_repository():
    repo = "https://github.com/someone/course"
    assert launch.binder_url(repo=repo) == "https://mybinder.org/v2/gh/someone/course/student?urlpath=lab/tree/notebooks"
    assert launch.binder_url("04_convolutions", repo=repo, branch="dev") == (
        "https://mybinder.org/v2/gh/someone/course/dev?urlpath=lab/tree/notebooks/04_convolutions.ipynb")
    assert launch.colab_url("notebooks/04_convolutions.ipynb", repo=repo) == (
        "https://colab.research.google.com/github/someone/course/blob/student/notebooks/04_convolutions.ipynb")
    badges = launch.badges(repo=repo)
    assert badges.count("[![") == 2 and launch.binder_url(repo=repo) in badges and launch.colab_url(repo=repo) in badges
    assert "mybinder.org/badge_logo.svg" in badges and "colab-badge.svg" in badges


def test_repository_comes_from_pyproject_when_set(tmp_path):
    missing = tmp_path / "pyproject.toml"
    assert launch.repository(missing) == launch.DEFAULT_REPOSITORY
    missing.write_text('[project]\nname = "x"\n[project.urls]\nRepository = "https://github.com/a/b.git"\n')
    assert launch.repository(missing) == "https://github.com/a/b"
    missing.write_text('[project]\nname = "x"\n[project.urls]\nRepository = "https://gitlab.com/a/b"\n')
    with pytest.raises(ValueError, match="github.com"):
        launch.repository(missing)


@pytest.mark.parametrize("bad", ["", "intro", "../README.md", "notebooks/Intro.ipynb"])
def test_links_reject_what_is_not_a_notebook_name(bad):
    with pytest.raises(ValueError):
        launch.colab_url(bad)


def test_links_reject_non_github_repositories():
    with pytest.raises(ValueError):
        launch.binder_url(repo="https://example.org/a/b")


def test_the_cli_prints_the_links(capsys):
    assert launch.main(["urls"]) == 0
    out = capsys.readouterr().out
    assert launch.binder_url() in out and launch.colab_url() in out


# ---------------------------------------------------------------------------------------------- guard
def _first_code(path):
    nb = nbformat.read(path, as_version=4)
    return nb, next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_lecture_notebook_starts_with_the_same_guard(path):
    nb, first = _first_code(path)
    assert nb.cells[first].source == launch.colab_guard_source(), (
        f"{path.name}: the first code cell must be the Colab guard; run `python -m instructor.launch guards`")
    assert sum(launch.is_colab_guard(c) for c in nb.cells) == 1
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and tagged[0] > first, "the parameters cell follows the guard"
    assert nb.cells[first].metadata.get("tags") == launch.GUARD_TAGS == ["remove-cell"], (
        "the guard is tagged remove-cell (the site leaves it out) and nothing else (not 'parameters')")


def _run_guard_in_subprocess(prelude: str, after: str = "") -> subprocess.CompletedProcess:
    script = (textwrap.dedent(prelude) + "\nexec(compile(GUARD, 'guard', 'exec'), {})\n" + textwrap.dedent(after)
              + "\nprint('cwd', os.getcwd())\n")
    env = dict(os.environ, GUARD=launch.colab_guard_source())
    return subprocess.run([sys.executable, "-c", "import os\nGUARD = os.environ['GUARD']\n" + script],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_guard_is_a_no_op_outside_colab():
    proc = _run_guard_in_subprocess("""
        import subprocess, sys
        def refuse(*args, **kwargs):
            raise SystemExit(f"the guard ran a command outside Colab: {args}")
        subprocess.run = subprocess.Popen = subprocess.call = subprocess.check_call = os.system = refuse
        path_before = list(sys.path)
        assert "google.colab" not in sys.modules
    """, after="assert sys.path == path_before, 'sys.path changed'")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"cwd {ROOT}"


def test_guard_on_colab_clones_and_installs(monkeypatch, tmp_path):
    calls = []
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    google.colab = colab
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append((cmd, kw)))
    monkeypatch.setattr(os, "chdir", lambda p: calls.append(("chdir", p)))
    monkeypatch.setattr(os.path, "isdir", lambda p: False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    exec(compile(launch.colab_guard_source(), "guard", "exec"), {})
    (clone, kw1), (pip, kw2), chdir = calls
    assert clone[:2] == ["git", "clone"] and launch.repository() in clone and launch.BRANCH in clone
    assert clone[-1] == launch.COLAB_CHECKOUT and kw1.get("check") is True
    assert pip[:4] == [sys.executable, "-m", "pip", "install"] and kw2.get("check") is True
    assert pip[-2:] == ["--editable", launch.COLAB_CHECKOUT] and launch.TORCH_CPU_INDEX in pip
    assert chdir == ("chdir", os.path.join(launch.COLAB_CHECKOUT, "notebooks"))
    assert sys.path[0] == launch.COLAB_CHECKOUT


def test_guard_on_colab_skips_the_clone_when_the_course_is_there(monkeypatch):
    calls = []
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    monkeypatch.setattr(os, "chdir", lambda p: None)
    monkeypatch.setattr(os.path, "isdir", lambda p: True)
    monkeypatch.setattr(sys, "path", list(sys.path))
    exec(compile(launch.colab_guard_source(), "guard", "exec"), {})
    assert [c[:4] for c in calls] == [[sys.executable, "-m", "pip", "install"]]


def test_write_guard_inserts_once_and_updates(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"),
                nbformat.v4.new_code_cell("SEED = 0", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print(SEED)")]
    path = tmp_path / "01_demo.ipynb"
    nbformat.write(nb, path)
    assert launch.write_guard(path) is True
    assert launch.write_guard(path) is False, "a second run changes nothing"
    cells = nbformat.read(path, as_version=4).cells
    assert [c.source.splitlines()[0] for c in cells][:3] == ["# Title", launch.colab_guard_source().splitlines()[0],
                                                             "SEED = 0"]
    other = launch.colab_guard_source(repo="https://github.com/x/y", branch="dev")
    assert launch.write_guard(path, other) is True
    cells = nbformat.read(path, as_version=4).cells
    assert len(cells) == 4 and cells[1].source == other and not cells[1].outputs
    assert cells[1].metadata["tags"] == ["remove-cell"] and cells[2].metadata["tags"] == ["parameters"]
    nbformat.validate(nbformat.read(path, as_version=4))


def test_guard_runs_clean_under_papermill_order():
    """papermill injects its parameters after the tagged cell: the guard before it stays the first cell
    executed, and is plain Python that ruff accepts (tests/test_repo.py lints every notebook)."""
    source = launch.colab_guard_source()
    compile(source, "guard", "exec")
    assert "google.colab" in source and "pip" in source
    assert max(len(line) for line in source.splitlines()) <= 120


def test_readme_badges_are_the_generated_ones():
    """The README's Binder and Colab badges are instructor.launch's, so they open the student edition's branch."""
    readme = (ROOT / "README.md").read_text()
    assert launch.badges() in readme, f"README.md should carry the badges:\n{launch.badges()}"
    assert f"/{launch.BRANCH}?urlpath=" in launch.badges() and launch.BRANCH == "student"

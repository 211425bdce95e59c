"""The course's diagrams (notebooks/figures/*.svg, drawn by instructor/diagrams.py) and their plumbing.

Each SVG file is exactly what the code draws (bytes compared), is a self-contained SVG (an <svg> root with a
size and a viewBox, nothing loaded from outside the file), small, and shown by at least one lecture notebook
with alt text; every ``figures/`` link of a notebook exists. The numbers the diagrams print are checked
against torch. The runner copies the figures beside the executed notebooks and the student edition ships
them (the site's staging is tested in tests/test_site.py, its rendering in tests/test_site_browser.py).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from instructor import course, diagrams, runner, site

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "notebooks" / "figures"
SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 150_000
MIN_ALT_WORDS = 5
# ![alt](figures/NAME) in a markdown cell; the alt text is group 1, the path group 2.
FIGURE_LINK = re.compile(r"!\[([^\]]*)\]\(\s*<?(figures/[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Path:
    """Every diagram, drawn now into a temporary folder."""
    out = tmp_path_factory.mktemp("diagrams")
    diagrams.draw_all(out)
    return out


def lecture_markdown() -> dict[str, str]:
    """The markdown of each lecture notebook (notebooks/*.ipynb), by notebook name."""
    out = {}
    for path in sorted(FIGURES.parent.glob("*.ipynb")):
        nb = json.loads(path.read_text())
        out[path.stem] = "\n\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                                     for c in nb["cells"] if c["cell_type"] == "markdown")
    return out


# ------------------------------------------------------------------------------------------ the files
def test_every_figure_is_what_the_code_draws(drawn):
    on_disk = sorted(p.name for p in FIGURES.iterdir())
    assert on_disk == sorted(f"{name}.svg" for name in diagrams.DIAGRAMS), (
        "notebooks/figures/ holds other files than instructor.diagrams draws: run python -m instructor.diagrams")
    differ = [name for name in on_disk if (FIGURES / name).read_bytes() != (drawn / name).read_bytes()]
    assert not differ, f"{differ} differ from what instructor.diagrams draws: run python -m instructor.diagrams"
    assert diagrams.check(FIGURES, drawn=drawn) == []


def test_drawing_is_reproducible(drawn):
    """Drawn twice, a diagram is the same bytes (no date, no random ids)."""
    for name in ("computational_graph", "som_grid"):
        assert diagrams.render(name) == (drawn / f"{name}.svg").read_bytes(), name


def test_check_names_each_stale_missing_or_stray_file(drawn, tmp_path):
    figures = tmp_path / "figures"
    shutil.copytree(drawn, figures)
    (figures / "pooling.svg").write_bytes((figures / "pooling.svg").read_bytes().replace(b"#ffffff", b"#fffffe"))
    (figures / "gan_loop.svg").unlink()
    (figures / "hand_drawn.svg").write_text("<svg/>")
    problems = "\n".join(diagrams.check(figures, drawn=drawn))
    assert "pooling.svg: differs from what instructor.diagrams draws" in problems
    assert "gan_loop.svg: missing" in problems
    assert "hand_drawn.svg: not drawn by instructor.diagrams" in problems
    assert len(problems.splitlines()) == 3, problems


@pytest.mark.parametrize("name", sorted(diagrams.DIAGRAMS))
def test_figure_is_a_small_self_contained_svg(name):
    path = FIGURES / f"{name}.svg"
    data = path.read_bytes()
    assert len(data) < MAX_BYTES, f"{path.name} is {len(data) / 1000:.0f} kB (at most {MAX_BYTES / 1000:.0f} kB)"
    root = ET.fromstring(data)
    assert root.tag == f"{SVG_NS}svg", f"{path.name}: the root element is {root.tag}, not <svg>"
    assert root.get("viewBox") and root.get("width") and root.get("height"), f"{path.name}: no viewBox/size"
    assert len(root.get("viewBox").split()) == 4 and float(root.get("width").removesuffix("pt")) > 100
    # Nothing outside the file: every link is to an element of the file itself (#id), no <image> of another
    # file, no web address anywhere but the namespace names.
    for element in root.iter():
        assert not element.tag.endswith(("}image", "}script", "}foreignObject")), f"{path.name}: {element.tag}"
        for key, value in element.attrib.items():
            if key.endswith("href"):
                assert value.startswith("#"), f"{path.name}: {key}={value[:80]!r} refers outside the file"
            for url in re.findall(r"url\(([^)]*)\)", value):
                assert url.strip("'\" ").startswith("#"), f"{path.name}: url({url}) refers outside the file"
    text = data.decode()
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", text)
    for scheme in ("http:", "https:", "file:", "data:", "<!DOCTYPE"):
        assert scheme not in without_namespaces, f"{path.name} contains {scheme!r}"
    assert "<text" not in text, f"{path.name}: text must be drawn as paths (svg.fonttype = 'path')"


# --------------------------------------------------------------------------------- what they show
def test_computational_graph_values_are_autograd_s():
    torch = pytest.importorskip("torch")
    values = diagrams.computational_graph_values()
    v, g = values["values"], values["grads"]
    leaves = {k: torch.tensor(v[k], dtype=torch.float64, requires_grad=True) for k in "wxby"}
    loss = (leaves["w"] * leaves["x"] + leaves["b"] - leaves["y"]) ** 2
    loss.backward()
    assert loss.item() == v["L"]
    for k in "wxby":
        assert leaves[k].grad.item() == g[k], k


def test_convolution_and_pooling_numbers_are_torch_s():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    c = diagrams.conv_example()
    x = torch.tensor(c["x"], dtype=torch.float64)[None, None]
    k = torch.tensor(c["kernel"], dtype=torch.float64)[None, None]
    out = F.conv2d(x, k, stride=c["s"], padding=c["p"])[0, 0].numpy()
    np.testing.assert_array_equal(out, c["out"])
    assert out.shape == (c["m"], c["m"]) == (3, 3)
    p = diagrams.pooling_example()
    pooled = F.max_pool2d(torch.tensor(p["x"], dtype=torch.float64)[None, None], p["k"], p["s"])[0, 0].numpy()
    np.testing.assert_array_equal(pooled, p["out"])


def test_dcgan_sizes_are_what_conv_transpose_gives():
    torch = pytest.importorskip("torch")
    sizes = diagrams.dcgan_sizes(100)
    assert sizes == [(4, 1024), (8, 512), (16, 256), (32, 128), (64, 3)]
    z = torch.zeros(1, 100, 1, 1)
    shape = torch.nn.ConvTranspose2d(100, 8, 4, 1, 0)(z).shape[-1]
    assert shape == sizes[0][0]
    for side, _ in sizes[:-1]:
        assert torch.nn.ConvTranspose2d(1, 1, 4, 2, 1)(torch.zeros(1, 1, side, side)).shape[-1] == 2 * side


def test_som_neighbours_move_toward_the_input():
    c = diagrams.som_example()
    w, x, h, new = c["w"], c["x"], c["h"], c["new"]
    dist = np.linalg.norm(w - x, axis=-1)
    assert c["bmu"] == np.unravel_index(np.argmin(dist), dist.shape)
    assert h[c["bmu"]] == 1 and (h <= 1).all()
    # Every node moves along x - w (toward the input, not toward the BMU's weight), by eta * h.
    step = new - w
    np.testing.assert_allclose(step, c["eta"] * h[..., None] * (x - w))
    assert (np.linalg.norm(new - x, axis=-1) <= dist + 1e-12).all()


# ------------------------------------------------------------------------------------ the notebooks
def test_every_figure_is_shown_by_a_lecture_notebook_with_alt_text():
    shown: dict[str, list[tuple[str, str]]] = {}
    for notebook, text in lecture_markdown().items():
        for alt, ref in FIGURE_LINK.findall(text):
            shown.setdefault(ref.removeprefix("figures/"), []).append((notebook, alt))
    unused = [f"{name}.svg" for name in diagrams.DIAGRAMS if f"{name}.svg" not in shown]
    assert not unused, (f"figures no lecture notebook shows (add ![alt text](figures/NAME.svg) to a markdown "
                        f"cell): {unused}")
    short = [(nb, ref, alt) for ref, uses in shown.items() for nb, alt in uses if len(alt.split()) < MIN_ALT_WORDS]
    assert not short, f"alt text of fewer than {MIN_ALT_WORDS} words: {short}"


def test_every_figure_link_of_a_notebook_exists():
    missing = []
    for path in sorted(FIGURES.parent.glob("*.ipynb")):
        for ref in site.markdown_images(json.loads(path.read_text())):
            if ref.startswith("figures/") and not (FIGURES.parent / ref).is_file():
                missing.append(f"{path.name}: {ref}")
    assert not missing, f"links to figures that do not exist: {missing}"


# ------------------------------------------------------------------------------- runner, student edition
def test_runner_copies_the_figures_beside_the_executed_notebooks(tmp_path):
    out = tmp_path / "run"
    (out / "executed" / "figures").mkdir(parents=True)
    (out / "executed" / "figures" / "stale.svg").write_text("<svg/>")
    report = runner.run_all([], out, jobs=1, targets={}, log=lambda *a, **k: None)
    assert report["notebooks"] == []
    copied = sorted(p.name for p in (out / "executed" / "figures").iterdir())
    assert copied == sorted(p.name for p in FIGURES.iterdir()), "the runner's copy is not notebooks/figures/"
    for name in copied:
        assert (out / "executed" / "figures" / name).read_bytes() == (FIGURES / name).read_bytes()
    assert runner.stage_figures(tmp_path / "other", figures=tmp_path / "absent") is None


def test_student_edition_ships_the_figures(tmp_path):
    dest = tmp_path / "edition"
    files = {p.relative_to(dest).as_posix() for p in course.student_edition(dest)}
    for path in FIGURES.iterdir():
        assert f"notebooks/figures/{path.name}" in files, f"the student edition lacks figures/{path.name}"
        assert (dest / "notebooks" / "figures" / path.name).read_bytes() == path.read_bytes()

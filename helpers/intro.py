"""Chapter 1: a hand-written rule for the 8x8 digits, the "no learning" baseline of chapter 1.

The rule is what a programmer without machine learning might write: draw what each digit looks like
(ASCII art, one 8x8 template per digit), smudge the drawings a little so that strokes one pixel off
still overlap, and label an image with the digit whose template it resembles most (cosine similarity
of the mean-centred pixel vectors). Nothing here is fitted to data.

- :data:`DIGIT_TEMPLATES`   -- the ten drawings, ``"#"`` for ink and ``"."`` for paper
- :func:`parse_template`    -- ASCII drawing -> (8, 8) float array of 0/1
- :func:`smooth`            -- 3x3 binomial blur of an image (zero padding)
- :func:`digit_templates`   -- the ten templates as a (10, 64) array
- :func:`template_scores`   -- cosine similarity of each image with each template, (n, 10)
- :func:`template_rule_predict` -- the rule itself: argmax of the scores
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array

__all__ = [
    "DIGIT_TEMPLATES",
    "digit_templates",
    "parse_template",
    "smooth",
    "template_rule_predict",
    "template_scores",
]

DIGIT_TEMPLATES: tuple[str, ...] = (
    # 0
    """
    ...##...
    ..#..#..
    ..#..#..
    .#....#.
    .#....#.
    ..#..#..
    ..#..#..
    ...##...
    """,
    # 1
    """
    ....#...
    ...##...
    ..#.#...
    ....#...
    ....#...
    ....#...
    ....#...
    ...###..
    """,
    # 2
    """
    ..###...
    .#...#..
    .....#..
    ....#...
    ...#....
    ..#.....
    .#......
    .#####..
    """,
    # 3
    """
    ..###...
    .....#..
    .....#..
    ...##...
    .....#..
    .....#..
    .....#..
    ..###...
    """,
    # 4
    """
    ....#...
    ...#....
    ..#..#..
    .#...#..
    .######.
    .....#..
    .....#..
    .....#..
    """,
    # 5
    """
    ..####..
    ..#.....
    ..#.....
    ..###...
    .....#..
    .....#..
    .....#..
    ..###...
    """,
    # 6
    """
    ...#....
    ..#.....
    ..#.....
    ..#.....
    ..####..
    ..#...#.
    ..#...#.
    ...###..
    """,
    # 7
    """
    ..####..
    .....#..
    .....#..
    ....#...
    ..####..
    ....#...
    ...#....
    ...#....
    """,
    # 8
    """
    ...##...
    ..#..#..
    ..#..#..
    ...##...
    ..#..#..
    ..#..#..
    ..#..#..
    ...##...
    """,
    # 9
    """
    ...##...
    ..#..#..
    ..#..#..
    ...###..
    .....#..
    .....#..
    .....#..
    ...##...
    """,
)


def parse_template(text: str, size: int = 8) -> np.ndarray:
    """Turn an ASCII drawing into a 0/1 image.

    Parameters
    ----------
    text : str
        ``size`` non-blank lines of ``size`` characters each, ``"#"`` (ink) or ``"."`` (paper);
        leading/trailing whitespace on each line is ignored.
    size : int
        Side length of the square image.

    Returns
    -------
    ndarray of float, shape (size, size)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    rows = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(rows) != size or any(len(r) != size for r in rows):
        found = [len(r) for r in rows]
        raise ValueError(
            f"text must be {size} lines of {size} characters, "
            f"got {len(rows)} lines of lengths {found}"
        )
    bad = sorted({c for r in rows for c in r} - {"#", "."})
    if bad:
        raise ValueError(f"text may only contain '#' and '.', found {bad}")
    return np.array([[c == "#" for c in r] for r in rows], dtype=float)


_BINOMIAL = np.array([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]) / 16.0


def smooth(image) -> np.ndarray:
    """Blur a 2-D image with the 3x3 binomial kernel ``[1 2 1]^T [1 2 1] / 16``, zero padding.

    Parameters
    ----------
    image : array_like, shape (h, w)

    Returns
    -------
    ndarray of float, shape (h, w)
    """
    img = check_array(image, "image", ndim=2).astype(float)
    h, w = img.shape
    padded = np.pad(img, 1)
    out = np.zeros((h, w))
    for di in range(3):
        for dj in range(3):
            out += _BINOMIAL[di, dj] * padded[di:di + h, dj:dj + w]
    return out


def digit_templates(blur: bool = True) -> np.ndarray:
    """The ten hand-drawn digit templates, flattened.

    Parameters
    ----------
    blur : bool
        Apply :func:`smooth` to each drawing (tolerance for strokes that are a pixel off).

    Returns
    -------
    ndarray of float, shape (10, 64)
        Row ``d`` is the template of digit ``d``, in the pixel order of ``load_digits().data``.
    """
    images = [parse_template(t) for t in DIGIT_TEMPLATES]
    if blur:
        images = [smooth(im) for im in images]
    return np.stack([im.ravel() for im in images])


def _centred_unit_rows(A: np.ndarray) -> np.ndarray:
    A = A - A.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(A, axis=1, keepdims=True)
    return A / np.where(norms > 0, norms, 1.0)


def template_scores(X, templates=None) -> np.ndarray:
    """Similarity of every image with every template.

    The score is the cosine of the angle between the mean-centred pixel vectors (a Pearson
    correlation across pixels), so it ignores overall brightness and contrast. A blank image scores
    0 everywhere.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_pixels)
        Flattened images, e.g. ``load_digits().data`` (n_pixels = 64).
    templates : array_like, shape (n_templates, n_pixels), optional
        Defaults to :func:`digit_templates`.

    Returns
    -------
    ndarray of float, shape (n_samples, n_templates), values in [-1, 1]
    """
    T = digit_templates() if templates is None else check_array(templates, "templates", ndim=2)
    X = check_array(X, "X", ndim=2, shape=(None, T.shape[1]))
    return _centred_unit_rows(X.astype(float)) @ _centred_unit_rows(T.astype(float)).T


def template_rule_predict(X, templates=None) -> np.ndarray:
    """Label each image with the index of its most similar template (the hand-written rule).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_pixels)
    templates : array_like, shape (n_templates, n_pixels), optional
        Defaults to :func:`digit_templates`, whose row ``d`` is digit ``d``.

    Returns
    -------
    ndarray of int, shape (n_samples,)
    """
    return template_scores(X, templates).argmax(axis=1)

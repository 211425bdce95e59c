"""Tests for helpers.intro: the hand-written digit rule of chapter 1."""

import numpy as np
import pytest
from scipy.ndimage import convolve
from sklearn.datasets import load_digits
from sklearn.metrics.pairwise import cosine_similarity

from helpers import intro


def test_parse_template_reads_ink_and_paper():
    img = intro.parse_template("#..\n.#.\n..#", size=3)
    np.testing.assert_array_equal(img, np.eye(3))
    assert img.dtype == float


def test_every_template_is_8x8_and_has_ink():
    for d, text in enumerate(intro.DIGIT_TEMPLATES):
        img = intro.parse_template(text)
        assert img.shape == (8, 8), d
        assert 5 <= img.sum() <= 40, f"template {d} has {img.sum()} ink pixels"
    assert len(intro.DIGIT_TEMPLATES) == 10


@pytest.mark.parametrize(
    "text, match",
    [("#.\n.#", "8 lines"), ("#" * 8 + "\n" + "x" * 8 * 7, "8 lines"),
     ("\n".join(["#......x"] * 8), "only contain")],
)
def test_parse_template_rejects_bad_drawings(text, match):
    with pytest.raises(ValueError, match=match):
        intro.parse_template(text)


def test_parse_template_rejects_non_string():
    with pytest.raises(TypeError, match="text must be a str"):
        intro.parse_template(np.zeros((8, 8)))


def test_smooth_matches_scipy_convolution():
    rng = np.random.default_rng(0)
    img = rng.random((8, 6))
    kernel = np.outer([1, 2, 1], [1, 2, 1]) / 16
    expected = convolve(img, kernel, mode="constant", cval=0.0)
    np.testing.assert_allclose(intro.smooth(img), expected, rtol=1e-12, atol=1e-12)


def test_smooth_rejects_wrong_ndim():
    with pytest.raises(ValueError, match="image must be 2-D"):
        intro.smooth(np.zeros(64))


def test_digit_templates_shape_and_blur():
    sharp = intro.digit_templates(blur=False)
    blurred = intro.digit_templates(blur=True)
    assert sharp.shape == blurred.shape == (10, 64)
    assert set(np.unique(sharp)) == {0.0, 1.0}
    # blurring spreads ink: more non-zero pixels, none outside [0, 1]
    assert np.all((blurred > 0).sum(1) > (sharp > 0).sum(1))
    assert blurred.min() >= 0 and blurred.max() <= 1


def test_template_scores_match_sklearn_cosine_on_centred_rows():
    rng = np.random.default_rng(1)
    X = rng.random((20, 64)) * 16
    T = intro.digit_templates()
    expected = cosine_similarity(X - X.mean(1, keepdims=True), T - T.mean(1, keepdims=True))
    np.testing.assert_allclose(intro.template_scores(X), expected, rtol=1e-10, atol=1e-12)


def test_scores_ignore_brightness_and_blank_scores_zero():
    X, _ = load_digits(return_X_y=True)
    X = X[:50]
    np.testing.assert_allclose(
        intro.template_scores(3 * X + 2), intro.template_scores(X), atol=1e-12
    )
    assert np.all(intro.template_scores(np.zeros((2, 64))) == 0)


def test_each_template_is_classified_as_its_own_digit():
    T = intro.digit_templates()
    np.testing.assert_array_equal(intro.template_rule_predict(16 * T), np.arange(10))


def test_rule_on_real_digits_is_far_above_chance_but_imperfect():
    X, y = load_digits(return_X_y=True)
    acc = np.mean(intro.template_rule_predict(X) == y)
    assert 0.6 < acc < 0.9, acc


def test_rule_with_custom_templates():
    T = np.eye(4)
    X = np.array([[0, 0, 5.0, 0], [1, 0, 0, 0]])
    np.testing.assert_array_equal(intro.template_rule_predict(X, T), [2, 0])


def test_scores_reject_bad_inputs():
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        intro.template_scores(np.zeros(64))
    with pytest.raises(ValueError, match=r"X must have shape \(\*, 64\)"):
        intro.template_scores(np.zeros((3, 63)))
    with pytest.raises(TypeError, match="X must hold numeric"):
        intro.template_rule_predict(np.full((2, 64), "a"))

"""The RBF network as a scikit-learn classifier (chapter 7), built from the pieces in :mod:`helpers.rbf`.

``from helpers.rbf import RBFNetwork`` imports it from here; it is kept apart so that importing
:mod:`helpers.rbf` does not import scikit-learn.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import DataConversionWarning
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_is_fitted

from helpers.clustering import kmeans
from helpers.rbf import _as_matrix, fit_output_weights, gaussian_rbf, per_center_widths, width_rule

__all__ = ["RBFNetwork"]


class RBFNetwork(ClassifierMixin, BaseEstimator):
    """Gaussian RBF network classifier: k-means centres, Gaussian units, least-squares read-out.

    Parameters
    ----------
    n_centers : int, default=10
        Number of hidden units M (k-means clusters). Must not exceed the number of training samples.
    width : {"rule", "nearest"} or float, default="rule"
        ``"rule"``: one shared width ``d_max / sqrt(2M)`` (the book's rule); ``"nearest"``: one
        width per centre, its mean distance to the ``n_neighbors`` nearest centres; a positive
        float: that width.
    width_scale : float, default=1.0
        Multiplies the width(s) chosen above (a handle for tuning with ``GridSearchCV``).
    n_neighbors : int, default=2
        Neighbours used by ``width="nearest"``.
    alpha : float, default=1e-6
        Ridge penalty of the output layer; 0 gives plain least squares.
    fit_bias : bool, default=True
        Add a constant unit (a bias) to the hidden layer.
    max_iter : int, default=100
        Maximum k-means iterations.
    random_state : int or None
        Seed for k-means++.

    Attributes
    ----------
    classes_ : ndarray, shape (K,)
    centers_ : ndarray, shape (M, d)
    sigma_ : ndarray, shape (M,)
        Width of each hidden unit.
    coef_ : ndarray, shape (M + fit_bias, K)
        Output weights (last row is the bias when ``fit_bias``).
    n_features_in_ : int

    Notes
    -----
    Targets are one-hot coded, so the network regresses class indicators; ``predict`` takes the
    arg-max. ``decision_function`` returns, for two classes, ``score(class 1) - score(class 0)``
    of shape (n,), which is what ``roc_auc_score`` expects; for K > 2 classes the (n, K) scores.
    """

    def __init__(
        self,
        n_centers=10,
        width="rule",
        width_scale=1.0,
        n_neighbors=2,
        alpha=1e-6,
        fit_bias=True,
        max_iter=100,
        random_state=None,
    ):
        self.n_centers = n_centers
        self.width = width
        self.width_scale = width_scale
        self.n_neighbors = n_neighbors
        self.alpha = alpha
        self.fit_bias = fit_bias
        self.max_iter = max_iter
        self.random_state = random_state

    # -- internals ---------------------------------------------------------------------------------
    def _check_params(self, n_samples: int) -> None:
        m = self.n_centers
        if isinstance(m, bool) or not isinstance(m, numbers.Integral) or m < 1:
            raise ValueError(f"n_centers must be a positive int, got {m!r}")
        if m > n_samples:
            raise ValueError(f"n_centers={m} exceeds the number of training samples ({n_samples})")
        if isinstance(self.width, str):
            if self.width not in ("rule", "nearest"):
                raise ValueError(f"width must be 'rule', 'nearest' or a positive float, got {self.width!r}")
            if m < 2:
                raise ValueError(f"width={self.width!r} needs n_centers >= 2; pass a float width instead")
        elif not (isinstance(self.width, numbers.Real) and self.width > 0):
            raise ValueError(f"width must be 'rule', 'nearest' or a positive float, got {self.width!r}")
        if not (isinstance(self.width_scale, numbers.Real) and self.width_scale > 0):
            raise ValueError(f"width_scale must be a positive number, got {self.width_scale!r}")
        if not (isinstance(self.alpha, numbers.Real) and self.alpha >= 0):
            raise ValueError(f"alpha must be a number >= 0, got {self.alpha!r}")

    def _hidden(self, X: np.ndarray) -> np.ndarray:
        G = gaussian_rbf(X, self.centers_, self.sigma_)
        if self.fit_bias:
            G = np.hstack([G, np.ones((G.shape[0], 1))])
        return G

    def _validate_X(self, X) -> np.ndarray:
        check_is_fitted(self, "coef_")
        X = _as_matrix(X, "X")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but RBFNetwork is expecting {self.n_features_in_} features as input"
            )
        return X

    # -- public API --------------------------------------------------------------------------------
    def fit(self, X, y):
        """Fit centres (k-means), widths and output weights (least squares).

        Parameters
        ----------
        X : array_like, shape (n, d)
        y : array_like, shape (n,)
            Class labels (any hashable type numpy can sort).

        Returns
        -------
        self
        """
        if y is None:
            raise ValueError("RBFNetwork requires y to be passed, but the target y is None")
        X = _as_matrix(X, "X")
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            warnings.warn(
                "y is a column vector (n, 1); it was flattened to shape (n,)",
                DataConversionWarning,
                stacklevel=2,
            )
            y = y.ravel()
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D (n_samples,), got shape {y.shape}")
        if X.shape[0] < 2:
            raise ValueError(f"RBFNetwork needs at least 2 samples, got n_samples = {X.shape[0]}")
        if type_of_target(y) == "continuous":
            raise ValueError("Unknown label type: continuous. RBFNetwork is a classifier; y must hold class labels")
        if y.shape[0] != X.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels; they must match")
        self._check_params(X.shape[0])
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        if self.classes_.shape[0] < 2:
            raise ValueError(f"y must contain at least 2 classes, got only {self.classes_.tolist()}")
        self.n_features_in_ = X.shape[1]
        # one k-means++ start (the network's own random_state decides it), as a cheap first stage
        self.centers_ = kmeans(X, self.n_centers, n_init=1, max_iter=self.max_iter,
                               random_state=self.random_state)[0]
        if self.width == "rule":
            sigma = np.full(self.n_centers, width_rule(self.centers_))
        elif self.width == "nearest":
            sigma = per_center_widths(self.centers_, n_neighbors=min(self.n_neighbors, self.n_centers - 1))
        else:
            sigma = np.full(self.n_centers, float(self.width))
        self.sigma_ = sigma * self.width_scale
        T = np.eye(self.classes_.shape[0])[y_idx]
        self.coef_ = fit_output_weights(self._hidden(X), T, alpha=self.alpha)
        return self

    def hidden_activations(self, X) -> np.ndarray:
        """Hidden-layer activations ``G`` of shape (n, M) (without the bias column)."""
        X = self._validate_X(X)
        return gaussian_rbf(X, self.centers_, self.sigma_)

    def _scores(self, X) -> np.ndarray:
        return self._hidden(self._validate_X(X)) @ self.coef_

    def decision_function(self, X) -> np.ndarray:
        """Class scores: shape (n,) for two classes (class 1 minus class 0), else (n, K)."""
        s = self._scores(X)
        if s.shape[1] == 2:
            return s[:, 1] - s[:, 0]
        return s

    def predict(self, X) -> np.ndarray:
        """Predicted class labels, shape (n,)."""
        scores = self._scores(X)
        return self.classes_[scores.argmax(axis=1)]

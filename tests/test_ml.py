"""Tests for helpers.ml: each from-scratch algorithm against scikit-learn / SciPy, and bad input."""

import numpy as np
import pytest
import scipy.special
import scipy.stats
from sklearn import discriminant_analysis, linear_model, metrics, model_selection, neighbors, tree

from helpers import ml
from helpers.checks import numerical_gradient, rel_error
from helpers.data import load_dataset


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def _regression_data(rng, n=60, d=5, noise=0.3):
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d) + rng.normal(size=d)
    y = X @ rng.normal(size=d) + 2.0 + noise * rng.normal(size=n)
    return X, y


def _standardise(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


# ------------------------------------------------------------------------------------------------
# least squares, ridge, lasso
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_least_squares_matches_sklearn(rng, fit_intercept):
    X, y = _regression_data(rng)
    coef, intercept = ml.least_squares(X, y, fit_intercept=fit_intercept)
    ref = linear_model.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_, rtol=1e-9, atol=1e-10)
    assert intercept == pytest.approx(ref.intercept_, abs=1e-9)


def test_least_squares_on_diabetes():
    X, y = load_dataset("diabetes")
    coef, intercept = ml.least_squares(X, y)
    ref = linear_model.LinearRegression().fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_, rtol=1e-8)
    assert intercept == pytest.approx(ref.intercept_, rel=1e-10)


def test_least_squares_does_not_invert(monkeypatch, rng):
    def no_inv(*args, **kwargs):
        raise AssertionError("np.linalg.inv must not be used")

    monkeypatch.setattr(np.linalg, "inv", no_inv)
    X, y = _regression_data(rng)
    ml.least_squares(X, y)
    ml.ridge(X, y, alpha=1.0)


def test_least_squares_bad_input(rng):
    X, y = _regression_data(rng)
    with pytest.raises(ValueError, match="same number of samples"):
        ml.least_squares(X, y[:-1])
    with pytest.raises(ValueError, match="X must be 2-D"):
        ml.least_squares(X[:, 0], y)
    with pytest.raises(TypeError, match="numeric"):
        ml.least_squares(np.array([["a", "b"], ["c", "d"]]), [1.0, 2.0])
    collinear = np.c_[X[:, :2], X[:, 0] + X[:, 1]]
    with pytest.raises(np.linalg.LinAlgError):
        ml.least_squares(collinear, y)


def test_least_squares_gd_reaches_normal_equations(rng):
    X, y = _regression_data(rng)
    Xs = _standardise(X)
    coef, intercept, losses = ml.least_squares_gd(Xs, y, lr=0.3, n_iter=3000)
    exact, b = ml.least_squares(Xs, y)
    np.testing.assert_allclose(coef, exact, atol=1e-8)
    assert intercept == pytest.approx(b, abs=1e-8)
    assert np.all(np.diff(losses) <= 1e-12), "GD with a small step must not increase the loss"


@pytest.mark.parametrize("alpha", [0.0, 0.1, 10.0, 1000.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_matches_sklearn(rng, alpha, fit_intercept):
    X, y = _regression_data(rng)
    coef, intercept = ml.ridge(X, y, alpha=alpha, fit_intercept=fit_intercept)
    ref = linear_model.Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="cholesky").fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_, rtol=1e-8, atol=1e-10)
    assert intercept == pytest.approx(ref.intercept_, abs=1e-8)


def test_ridge_intercept_is_not_penalised(rng):
    X, y = _regression_data(rng)
    y = y + 100.0
    coef, intercept = ml.ridge(X, y, alpha=1e12)
    np.testing.assert_allclose(coef, 0.0, atol=1e-6)
    assert intercept == pytest.approx(y.mean(), rel=1e-6)


def test_ridge_handles_more_features_than_samples(rng):
    X = rng.normal(size=(10, 30))
    y = rng.normal(size=10)
    coef, intercept = ml.ridge(X, y, alpha=0.5)
    ref = linear_model.Ridge(alpha=0.5).fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_, atol=1e-10)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        ml.ridge(X, y, alpha=-1.0)


def test_soft_threshold():
    np.testing.assert_allclose(
        ml.soft_threshold([-3.0, -0.5, 0.0, 0.5, 3.0], 1.0), [-2.0, 0.0, 0.0, 0.0, 2.0]
    )


@pytest.mark.parametrize("alpha", [0.01, 0.3, 2.0])
def test_lasso_matches_sklearn(rng, alpha):
    X, y = _regression_data(rng, d=8)
    coef, intercept, _ = ml.lasso(X, y, alpha=alpha)
    ref = linear_model.Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_, atol=1e-7)
    assert intercept == pytest.approx(ref.intercept_, abs=1e-6)
    np.testing.assert_array_equal(coef == 0, ref.coef_ == 0)


def test_lasso_on_diabetes_has_exact_zeros():
    X, y = load_dataset("diabetes")
    coef, intercept, _ = ml.lasso(X, y, alpha=0.5)
    ref = linear_model.Lasso(alpha=0.5, tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_, atol=1e-5)
    assert intercept == pytest.approx(ref.intercept_, abs=1e-5)
    assert 0 < np.sum(coef == 0) < X.shape[1]


def test_lasso_alpha_max_gives_all_zeros(rng):
    X, y = _regression_data(rng)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alpha_max = np.max(np.abs(Xc.T @ yc)) / len(y)
    coef, intercept, _ = ml.lasso(X, y, alpha=alpha_max * 1.0001)
    assert np.all(coef == 0)
    assert intercept == pytest.approx(y.mean())
    coef, _, _ = ml.lasso(X, y, alpha=alpha_max * 0.99)
    assert np.sum(coef != 0) >= 1


# ------------------------------------------------------------------------------------------------
# logistic regression
# ------------------------------------------------------------------------------------------------
def test_sigmoid_is_stable_and_matches_scipy():
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 2.0, 40.0, 1000.0])
    with np.errstate(all="raise"):
        s = ml.sigmoid(z)
    np.testing.assert_allclose(s, scipy.special.expit(z), rtol=1e-12, atol=0)


def _binary_data(rng, n=80, d=4):
    X = rng.normal(size=(n, d))
    y = (X @ rng.normal(size=d) + 0.8 * rng.normal(size=n) > 0).astype(int)
    return X, y


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_logistic_gradient_is_numerically_correct(rng, l2):
    X, y = _binary_data(rng)
    w = rng.normal(size=X.shape[1])
    b = 0.3
    loss, gw, gb = ml.logistic_loss_grad(w, b, X, y, l2=l2)
    num_w = numerical_gradient(lambda v: ml.logistic_loss_grad(v, b, X, y, l2=l2)[0], w)
    num_b = numerical_gradient(lambda v: ml.logistic_loss_grad(w, v[0], X, y, l2=l2)[0], [b])
    assert rel_error(gw, num_w) < 1e-7
    assert rel_error(np.array([gb]), num_b) < 1e-7
    p = scipy.special.expit(X @ w + b)
    expected = metrics.log_loss(y, p) + 0.5 * l2 * w @ w
    assert loss == pytest.approx(expected, rel=1e-10)


def test_logistic_loss_is_finite_for_huge_logits():
    X = np.array([[1000.0], [-1000.0]])
    loss, gw, gb = ml.logistic_loss_grad([1.0], 0.0, X, [0, 1])
    assert loss == pytest.approx(1000.0)
    assert np.all(np.isfinite(gw)) and np.isfinite(gb)


def test_logistic_regression_gd_matches_sklearn(rng):
    X, y = _binary_data(rng)
    X = _standardise(X)
    l2 = 0.05
    coef, intercept, losses = ml.logistic_regression_gd(X, y, lr=1.0, n_iter=3000, l2=l2)
    ref = linear_model.LogisticRegression(C=1 / (l2 * len(y)), tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(coef, ref.coef_[0], atol=1e-6)
    assert intercept == pytest.approx(ref.intercept_[0], abs=1e-6)
    assert losses[-1] < losses[0]


def test_logistic_bad_input(rng):
    X, y = _binary_data(rng)
    with pytest.raises(ValueError, match="only 0 and 1"):
        ml.logistic_loss_grad(np.zeros(4), 0.0, X, y + 1)
    with pytest.raises(ValueError, match="w must have shape"):
        ml.logistic_loss_grad(np.zeros(3), 0.0, X, y)
    with pytest.raises(ValueError, match="same number of samples"):
        ml.logistic_regression_gd(X, y[:10])


# ------------------------------------------------------------------------------------------------
# k-NN and LDA
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("k", [1, 2, 3, 4, 6, 9])
def test_knn_matches_sklearn(rng, k):
    X_train = rng.normal(size=(70, 3))
    y_train = rng.integers(0, 4, size=70)
    X_query = rng.normal(size=(50, 3))
    ours = ml.knn_predict(X_train, y_train, X_query, k=k)
    ref = neighbors.KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).predict(X_query)
    np.testing.assert_array_equal(ours, ref)


def test_knn_on_iris_and_string_labels():
    X, y = load_dataset("iris")
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    idx = np.arange(len(y))
    train, test = idx % 3 != 0, idx % 3 == 0
    ours = ml.knn_predict(X[train], names[train], X[test], k=5)
    ref = neighbors.KNeighborsClassifier(5).fit(X[train], names[train]).predict(X[test])
    np.testing.assert_array_equal(ours, ref)


def test_knn_tie_goes_to_smallest_label():
    X_train = np.array([[0.0], [1.0], [-2.0]])
    y_train = np.array([7, 3, 3])
    # two nearest neighbours of 0.4 are labelled 7 and 3: a tie, resolved to 3
    assert ml.knn_predict(X_train, y_train, [[0.4]], k=2)[0] == 3


def test_knn_bad_input(rng):
    X = rng.normal(size=(5, 2))
    y = np.arange(5)
    with pytest.raises(ValueError, match="k must be >= 1"):
        ml.knn_predict(X, y, X, k=0)
    with pytest.raises(ValueError, match="larger than the number of training samples"):
        ml.knn_predict(X, y, X, k=6)
    with pytest.raises(ValueError, match="2 features"):
        ml.knn_predict(X, y, np.zeros((3, 3)), k=1)
    with pytest.raises(ValueError, match="same number of samples"):
        ml.knn_predict(X, y[:4], X, k=1)
    with pytest.raises(TypeError, match="k must be an int"):
        ml.knn_predict(X, y, X, k=2.5)


def _match_up_to_sign(A, B, atol):
    signs = np.sign(np.sum(A * B, axis=0))
    np.testing.assert_allclose(A * signs, B, atol=atol)


@pytest.mark.parametrize("dataset", ["wine", "iris"])
def test_lda_projection_matches_sklearn(dataset):
    X, y = load_dataset(dataset)
    W, mean, evals = ml.lda_fit(X, y)
    Z = ml.lda_transform(X, W, mean)
    ref = discriminant_analysis.LinearDiscriminantAnalysis().fit(X, y).transform(X)
    assert Z.shape == ref.shape == (len(y), 2)
    _match_up_to_sign(Z, ref, atol=1e-8)
    assert evals[0] >= evals[1] > 0


def test_lda_random_data_and_bad_input(rng):
    X = rng.normal(size=(60, 5))
    y = np.repeat([0, 1, 2, 3], 15)
    X[y == 1, 0] += 2.0
    X[y == 2, 2] -= 1.5
    X[y == 3] += 0.7
    W, mean, _ = ml.lda_fit(X, y, n_components=2)
    ref = discriminant_analysis.LinearDiscriminantAnalysis(n_components=2).fit(X, y).transform(X)
    _match_up_to_sign(ml.lda_transform(X, W, mean), ref, atol=1e-8)
    with pytest.raises(ValueError, match="n_components must be <="):
        ml.lda_fit(X, y, n_components=4)
    with pytest.raises(ValueError, match="at least two classes"):
        ml.lda_fit(X, np.zeros(60))


# ------------------------------------------------------------------------------------------------
# impurities and splits
# ------------------------------------------------------------------------------------------------
def test_gini_and_entropy_values():
    assert ml.gini([1, 1, 1]) == 0.0
    assert ml.gini([0, 1]) == pytest.approx(0.5)
    assert ml.gini([0, 1, 2]) == pytest.approx(2 / 3)
    assert ml.entropy([0, 1]) == pytest.approx(1.0)
    labels = np.array([0, 0, 0, 1, 2, 2, 2, 2])
    assert ml.entropy(labels) == pytest.approx(scipy.stats.entropy([3, 1, 4], base=2))
    assert ml.split_impurity([0, 0], [1, 1, 0]) == pytest.approx(3 / 5 * (1 - (1 / 9 + 4 / 9)))
    with pytest.raises(ValueError, match="empty"):
        ml.gini([])
    with pytest.raises(ValueError, match="non-empty"):
        ml.split_impurity([], [1])
    with pytest.raises(ValueError, match="criterion"):
        ml.split_impurity([0], [1], criterion="mse")


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_best_split_matches_sklearn_stump(criterion, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 4))
    y = (X[:, seed % 4] + 0.5 * rng.normal(size=60) > 0).astype(int) + (X[:, 3] > 1)
    feature, threshold, decrease = ml.best_split(X, y, criterion)
    stump = tree.DecisionTreeClassifier(max_depth=1, criterion=criterion, random_state=0).fit(X, y)
    t = stump.tree_
    assert feature == t.feature[0]
    assert threshold == pytest.approx(t.threshold[0], abs=1e-6)
    w = t.n_node_samples[1:3] / t.n_node_samples[0]
    assert decrease == pytest.approx(t.impurity[0] - w @ t.impurity[1:3], abs=1e-12)


def test_best_split_constant_features():
    with pytest.raises(ValueError, match="constant"):
        ml.best_split(np.ones((4, 2)), [0, 1, 0, 1])


# ------------------------------------------------------------------------------------------------
# classification metrics
# ------------------------------------------------------------------------------------------------
def test_confusion_matrix_matches_sklearn(rng):
    y_true = rng.integers(0, 4, size=50)
    y_pred = rng.integers(1, 5, size=50)
    np.testing.assert_array_equal(
        ml.confusion_matrix(y_true, y_pred), metrics.confusion_matrix(y_true, y_pred)
    )
    np.testing.assert_array_equal(
        ml.confusion_matrix(y_true, y_pred, labels=[3, 1]),
        metrics.confusion_matrix(y_true, y_pred, labels=[3, 1]),
    )
    assert ml.accuracy(y_true, y_pred) == pytest.approx(metrics.accuracy_score(y_true, y_pred))
    with pytest.raises(ValueError, match="same number of samples"):
        ml.confusion_matrix(y_true, y_pred[:-1])


@pytest.mark.parametrize("zero_division", [0.0, 1.0, np.nan])
def test_precision_recall_f1_zero_division_convention(zero_division):
    rng = np.random.default_rng(5)
    cases = [([0, 0, 1], [0, 0, 0]), ([0, 0, 0], [0, 0, 0]), ([0, 1, 1], [1, 0, 0]),
             ([0, 0, 0], [1, 0, 0]), ([1, 1, 0], [1, 0, 1])]
    cases += [(rng.integers(0, 2, 8), rng.integers(0, 2, 8)) for _ in range(40)]
    for y_true, y_pred in cases:
        ours = ml.precision_recall_f1(y_true, y_pred, zero_division=zero_division)
        ref = metrics.precision_recall_fscore_support(
            y_true, y_pred, average="binary", zero_division=zero_division
        )[:3]
        np.testing.assert_allclose(ours, ref, rtol=1e-12, err_msg=f"{y_true}, {y_pred}")


def test_precision_recall_f1_pos_label_and_bad_input():
    y_true = np.array(["ham", "spam", "spam", "ham", "spam"])
    y_pred = np.array(["spam", "spam", "ham", "ham", "spam"])
    ours = ml.precision_recall_f1(y_true, y_pred, pos_label="spam")
    ref = metrics.precision_recall_fscore_support(y_true, y_pred, pos_label="spam",
                                                  average="binary")[:3]
    np.testing.assert_allclose(ours, ref)
    with pytest.raises(ValueError, match="same number of samples"):
        ml.precision_recall_f1([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="zero_division"):
        ml.precision_recall_f1([0, 1], [0, 1], zero_division=0.5)


def test_average_ranks_matches_scipy(rng):
    x = rng.integers(0, 6, size=40).astype(float)
    np.testing.assert_allclose(ml.average_ranks(x), scipy.stats.rankdata(x))
    x = rng.normal(size=25)
    np.testing.assert_allclose(ml.average_ranks(x), scipy.stats.rankdata(x))


@pytest.mark.parametrize("seed", range(5))
def test_roc_auc_with_ties_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=60)
    scores = rng.integers(0, 4, size=60) + 0.8 * y  # heavy ties
    assert ml.roc_auc(y, scores) == pytest.approx(metrics.roc_auc_score(y, scores), abs=1e-12)
    fpr, tpr, thr = ml.roc_curve(y, scores)
    f_ref, t_ref, thr_ref = metrics.roc_curve(y, scores, drop_intermediate=False)
    np.testing.assert_allclose(fpr, f_ref)
    np.testing.assert_allclose(tpr, t_ref)
    np.testing.assert_allclose(thr[1:], thr_ref[1:])
    assert np.trapezoid(tpr, fpr) == pytest.approx(ml.roc_auc(y, scores), abs=1e-12)


def test_roc_auc_continuous_and_bad_input(rng):
    y = rng.integers(0, 2, size=200)
    s = rng.normal(size=200) + y
    assert ml.roc_auc(y, s) == pytest.approx(metrics.roc_auc_score(y, s), abs=1e-12)
    assert ml.roc_auc(y, -s) == pytest.approx(1 - ml.roc_auc(y, s), abs=1e-12)
    assert ml.roc_auc([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]) == 0.5
    with pytest.raises(ValueError, match="both classes"):
        ml.roc_auc([1, 1, 1], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="same number of samples"):
        ml.roc_auc([0, 1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="only 0 and 1"):
        ml.roc_auc([0, 2, 1], [0.1, 0.2, 0.3])


# ------------------------------------------------------------------------------------------------
# regression metrics
# ------------------------------------------------------------------------------------------------
def test_regression_metrics_match_sklearn(rng):
    y = rng.normal(size=30)
    p = y + rng.normal(scale=0.5, size=30)
    assert ml.mse(y, p) == pytest.approx(metrics.mean_squared_error(y, p))
    assert ml.rmse(y, p) == pytest.approx(metrics.root_mean_squared_error(y, p))
    assert ml.mae(y, p) == pytest.approx(metrics.mean_absolute_error(y, p))
    assert ml.r2_score(y, p) == pytest.approx(metrics.r2_score(y, p))
    bad = -y  # worse than predicting the mean
    assert ml.r2_score(y, bad) == pytest.approx(metrics.r2_score(y, bad))
    assert ml.r2_score(y, bad) < 0
    r2 = ml.r2_score(y, p)
    assert ml.adjusted_r2(y, p, n_features=4) == pytest.approx(1 - (1 - r2) * 29 / 25)
    with pytest.raises(ValueError, match="same number of samples"):
        ml.mse(y, p[:-2])
    with pytest.raises(ValueError, match="constant"):
        ml.r2_score(np.ones(5), np.arange(5.0))


# ------------------------------------------------------------------------------------------------
# cross-validation indices
# ------------------------------------------------------------------------------------------------
def _same_folds(ours, ref):
    ref = list(ref)
    assert len(ours) == len(ref)
    for (tr, te), (tr_ref, te_ref) in zip(ours, ref):
        np.testing.assert_array_equal(tr, tr_ref)
        np.testing.assert_array_equal(te, te_ref)


@pytest.mark.parametrize("n_samples, n_splits", [(20, 5), (23, 4), (7, 7), (31, 2)])
@pytest.mark.parametrize("shuffle", [False, True])
def test_kfold_matches_sklearn(n_samples, n_splits, shuffle):
    seed = 42 if shuffle else None
    ours = ml.kfold_indices(n_samples, n_splits, shuffle=shuffle, random_state=seed)
    ref = model_selection.KFold(n_splits, shuffle=shuffle, random_state=seed)
    _same_folds(ours, ref.split(np.zeros(n_samples)))


@pytest.mark.parametrize("n_splits", [2, 3, 5])
@pytest.mark.parametrize("shuffle", [False, True])
def test_stratified_kfold_matches_sklearn(n_splits, shuffle):
    rng = np.random.default_rng(n_splits)
    y = rng.choice([2, 0, 1], p=[0.6, 0.3, 0.1], size=97)
    seed = 7 if shuffle else None
    ours = ml.stratified_kfold_indices(y, n_splits, shuffle=shuffle, random_state=seed)
    ref = model_selection.StratifiedKFold(n_splits, shuffle=shuffle, random_state=seed)
    _same_folds(ours, ref.split(np.zeros(len(y)), y))
    test_all = np.sort(np.concatenate([te for _, te in ours]))
    np.testing.assert_array_equal(test_all, np.arange(len(y)))


def test_fold_bad_input():
    with pytest.raises(ValueError, match="at least 2"):
        ml.kfold_indices(10, 1)
    with pytest.raises(ValueError, match="at least 2"):
        ml.stratified_kfold_indices([0, 1, 0, 1], 1)
    with pytest.raises(ValueError, match="larger than the number of samples"):
        ml.kfold_indices(4, 5)
    with pytest.raises(ValueError, match="smallest class"):
        ml.stratified_kfold_indices([0, 0, 0, 0, 1, 1], 3)
    with pytest.raises(TypeError, match="n_splits must be an int"):
        ml.kfold_indices(10, 2.0)


def test_tabular_preprocessor_scales_numbers_and_one_hots_the_rest():
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    frame = pd.DataFrame({"age": [30, 40, 50, 60], "job": ["a", "b", "a", "c"], "duration": [1.0, 2.0, 3.0, 9.0],
                          "married": ["y", "n", "n", "y"]})
    out = ml.tabular_preprocessor(frame).fit_transform(frame)
    reference = ColumnTransformer([("num", StandardScaler(), ["age", "duration"]),
                                   ("cat", OneHotEncoder(), ["job", "married"])]).fit_transform(frame)
    def dense_of(a):
        return a.toarray() if hasattr(a, "toarray") else a

    np.testing.assert_allclose(dense_of(out), dense_of(reference))
    dense = ml.tabular_preprocessor(frame, ["duration"], dense=True).fit(frame)
    assert isinstance(dense.transform(frame), np.ndarray) and dense.transform(frame).shape == (4, 1 + 3 + 2)
    unseen = frame.assign(job=["a", "z", "a", "c"])  # a category never seen in fitting: an all-zero block
    assert dense.transform(unseen)[1, 1:4].sum() == 0


@pytest.mark.parametrize("frame, drop, error", [
    (np.zeros((2, 2)), (), TypeError),
    (None, (), TypeError),
])
def test_tabular_preprocessor_rejects_what_is_not_a_table(frame, drop, error):
    with pytest.raises(error, match="frame must be a pandas DataFrame"):
        ml.tabular_preprocessor(frame, drop)


def test_tabular_preprocessor_names_an_unknown_column_to_drop():
    import pandas as pd

    with pytest.raises(ValueError, match=r"drop names columns that frame does not have: \['durtion'\]"):
        ml.tabular_preprocessor(pd.DataFrame({"duration": [1.0]}), ["durtion"])

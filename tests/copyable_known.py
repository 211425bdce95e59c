"""The graded functions that the student edition itself still computes (issue 17, item 5).

Found by tests/test_copyable.py: for each graded function, the functions of the student edition's library
and lecture notebooks that return the solution's answer on its tests' own inputs. Every entry is a graded
part still to be turned into a variant of what the course shows, or a library function still to leave the
teaching library; the test fails when a copy appears that is not listed here, and when a listed copy is gone
(then delete its line here). Measured at 09a2c66: 42 of the 86 graded functions, by 51 candidates.
"""

KNOWN_COPIES = {
    "01_introduction": {
        "accuracy": ["helpers.ml.accuracy", "helpers.nn.accuracy"],
    },
    "01a_linear_algebra": {
        "cosine_matrix": ["helpers.linalg.cosine_similarity"],
        "power_iter": ["helpers.linalg.power_iteration"],
        "gauss_solve": [
            "helpers.linalg.gaussian_solve", "helpers.linalg.least_squares", "helpers.rbf.fit_output_weights",
        ],
        "rank_k": ["helpers.linalg.low_rank_approx"],
    },
    "01b_calculus": {
        "central_diff": ["helpers.calculus.central_difference", "notebooks/01b_calculus.ipynb:central"],
        "numerical_grad": ["helpers.checks.numerical_gradient"],
        "mse_grad": ["helpers.calculus.mse_gradient"],
        "descend": ["helpers.calculus.gradient_descent"],
        "clip_norm": ["helpers.calculus.clip_by_norm"],
    },
    "01c_probability": {
        "two_prop_z": ["helpers.stats.two_proportion_z_test"],
        "mean_ci": ["helpers.stats.mean_confidence_interval"],
        "gaussian_mle": ["helpers.stats.normal_mle"],
    },
    "02_ml_fundamentals": {
        "least_squares": ["helpers.ml.least_squares", "notebooks/02_models.ipynb:normal_equations"],
        "ridge": ["helpers.ml.ridge"],
        "logistic_loss_grad": ["helpers.ml.logistic_loss_grad"],
        "gini_of_split": ["helpers.ml.split_impurity"],
        "precision_recall_f1": ["helpers.ml.precision_recall_f1"],
        "roc_auc": ["helpers.ml.roc_auc"],
    },
    "02a_clustering": {
        "assign": ["helpers.clustering.assign_labels"],
        "update": ["helpers.clustering.update_centers"],
        "silhouette": ["helpers.clustering.silhouette_score"],
        "dbscan_labels": ["helpers.clustering.dbscan"],
    },
    "03_neural_networks": {
        "sigmoid_grad": ["helpers.nn.sigmoid_grad"],
        "leaky_relu_grad": ["helpers.nn.leaky_relu_grad"],
    },
    "04_cnn": {
        "corr2d": ["helpers.cnn.corr2d", "notebooks/04_convolutions.ipynb:corr2d_loops"],
        "conv_output_size": ["helpers.cnn.conv_output_size"],
        "max_pool2d": ["helpers.cnn.pool2d"],
        "receptive_field": ["helpers.cnn.receptive_field", "notebooks/04_convolutions.ipynb:measured_receptive_field"],
    },
    "05_rnn": {
        "lstm_step": ["helpers.rnn.lstm_cell", "notebooks/05_lstm.ipynb:my_lstm_cell"],
        "sampling_distribution": ["helpers.rnn.sampling_probs"],
        "text_windows": ["helpers.rnn.make_windows"],
    },
    "07_rbf": {
        "gaussian_activations": ["helpers.rbf.gaussian_rbf", "notebooks/07_rbf_networks.ipynb:design_matrix"],
        "width_rule": ["helpers.rbf.width_rule"],
        "nearest_center_widths": ["helpers.rbf.per_center_widths"],
        "output_weights": ["helpers.rbf.fit_output_weights"],
    },
    "08_som": {
        "find_bmu": ["helpers.som.best_matching_unit"],
        "neighbourhood": ["helpers.som.gaussian_neighbourhood"],
        "update_weights": ["helpers.som.som_update"],
    },
    "08a_ml_in_practice": {
        "sample_size": ["helpers.practice.sample_size_two_proportions"],
        "power_2p": ["helpers.practice.power_two_proportions"],
        "prob_b_better": ["helpers.practice.beta_posterior_prob_better"],
    },
}

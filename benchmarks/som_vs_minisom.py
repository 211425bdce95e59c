"""Benchmark: training time of helpers.som.SOM against MiniSom on the credit-approval data.

Both maps start from the same weights (same ``random_seed`` and ``random_weights_init``), visit
the samples in the same random order and use the same decay functions, so they must end with the
same weights; the script checks that before it reports times. Not a test: timings depend on the
machine.

Run from the repository root:

    .venv/bin/python benchmarks/som_vs_minisom.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from minisom import MiniSom
from sklearn.preprocessing import MinMaxScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers.data import load_credit_approval  # noqa: E402
from helpers.som import SOM  # noqa: E402

CONFIGS = [  # (grid x, grid y, iterations)
    (10, 10, 10_000),
    (10, 10, 50_000),
    (20, 20, 20_000),
    (40, 40, 10_000),
]


def _time_training(cls, X, x, y, iterations, seed):
    som = cls(x, y, X.shape[1], sigma=max(x, y) / 4, learning_rate=0.5, random_seed=seed)
    som.random_weights_init(X)
    start = time.perf_counter()
    som.train_random(X, iterations)
    elapsed = time.perf_counter() - start
    weights = som.get_weights() if hasattr(som, "get_weights") else som.weights
    return elapsed, np.asarray(weights)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per map (best is kept)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    df = load_credit_approval()
    X = MinMaxScaler().fit_transform(df.drop(columns=["CustomerID", "Class"]).to_numpy(float))
    print(f"credit approval: {X.shape[0]} applications x {X.shape[1]} features (min-max scaled)")
    print(f"best of {args.repeats} runs, train_random, Gaussian neighbourhood, asymptotic decay\n")
    header = (
        f"{'grid':>7} {'iterations':>10} {'MiniSom s':>10} {'SOM s':>8} {'speed-up':>9} "
        f"{'max |dW|':>9}"
    )
    print(header)
    print("-" * len(header))
    for x, y, iterations in CONFIGS:
        t_mini, t_ours = [], []
        for _ in range(args.repeats):
            tm, wm = _time_training(MiniSom, X, x, y, iterations, args.seed)
            to, wo = _time_training(SOM, X, x, y, iterations, args.seed)
            t_mini.append(tm)
            t_ours.append(to)
        diff = float(np.abs(wm - wo).max())
        if diff > 1e-9:
            raise SystemExit(f"weights differ by {diff:.3g} for {x}x{y}: the comparison is invalid")
        best_m, best_o = min(t_mini), min(t_ours)
        print(
            f"{f'{x}x{y}':>7} {iterations:>10,} {best_m:>10.3f} {best_o:>8.3f} "
            f"{best_m / best_o:>8.2f}x {diff:>9.1e}"
        )


if __name__ == "__main__":
    main()

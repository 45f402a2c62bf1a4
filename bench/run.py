"""Benchmarks of bce against scikit-learn and against the memory floor.

Run with ``make bench`` (or ``python bench/run.py``); it writes
``bench/RESULTS.md`` and ``bench/scaling.png``. ``--smoke`` runs every
measurement on tiny sizes in a few seconds (``make test`` does this, so the
script cannot rot) and writes to ``--out``.

Every speed is reported as a ratio against a reference measured in the same
process, right before or after, as the median of several runs: absolute
times depend on the machine, ratios much less. Nothing here is a unit test.

BLAS (NumPy's and scikit-learn's linear algebra) runs on one thread by
default (``--blas-threads``): ``X.sum()`` runs on one core, so the gradient
is compared with its floor like for like, and on a machine whose cores are
busy with other work a multi-threaded BLAS can spend far more time waiting
for its threads than computing (measured on the course's shared 2-core
machine: 10x to 80x swings in single rows), which measures the neighbours,
not the code. The load average before and after the run is written in the
results, so a busy run can be recognised.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
import tracemalloc
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

import bce
from bce.losses import bce_terms  # the per-sample kernel, timed alone

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------------------
# measuring


def median_time(fn, repeat: int, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs, after warm-up."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def median_ratio(fn_a, fn_b, rounds: int, warmup: int = 1) -> tuple[float, float, float]:
    """Median of time(a) / time(b) over rounds that run a, then b.

    Interleaving the two makes a slow phase of the machine (another
    process, a frequency change) hit both sides of a ratio alike.
    Returns (median ratio, median time of a, median time of b).
    """
    for _ in range(warmup):
        fn_a()
        fn_b()
    ta, tb = [], []
    for _ in range(rounds):
        for fn, times in ((fn_a, ta), (fn_b, tb)):
            gc.collect()
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    ratios = np.array(ta) / np.array(tb)
    return float(np.median(ratios)), float(np.median(ta)), float(np.median(tb))


def peak_extra_bytes(fn) -> int:
    """Peak memory that ``fn()`` allocates on top of what exists already.

    NumPy reports its array buffers to tracemalloc, so this counts every
    temporary array (and Python object) that the call creates.
    """
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def synthetic(n: int, d: int, seed: int = 0):
    """Standard-normal features, labels from a logistic model (overlapping)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    w = rng.standard_normal(d) / np.sqrt(d)
    p = 1.0 / (1.0 + np.exp(-(X @ w + 0.3)))
    y = (rng.random(n) < p).astype(np.float64)
    return X, y


def breast_cancer():
    X, y = load_breast_cancer(return_X_y=True)
    return StandardScaler().fit_transform(X), y.astype(np.float64)


# ---------------------------------------------------------------------------
# the three estimators, at equal regularization


def fit_bce(X, y, C):
    return bce.LogisticRegression(C=C, solver="newton", tol=1e-8).fit(X, y)


def fit_sk(X, y, C, solver):
    tol = {"newton-cholesky": 1e-8, "lbfgs": 1e-12}[solver]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return SkLogisticRegression(C=C, solver=solver, tol=tol,
                                    max_iter=10_000).fit(X, y)


def coef_gap(a, b) -> float:
    return float(max(np.max(np.abs(a.coef_ - b.coef_)),
                     np.max(np.abs(a.intercept_ - b.intercept_))))


@dataclass
class Report:
    rows: list = field(default_factory=list)  # (section, metric, value, target, ok)
    notes: list = field(default_factory=list)

    def add(self, section, metric, value, target="", ok=None):
        self.rows.append((section, metric, value, target, ok))
        flag = "" if ok is None else ("  [met]" if ok else "  [NOT met]")
        print(f"{section:10s} {metric:58s} {value:>14s} {target:>10s}{flag}")


# ---------------------------------------------------------------------------
# the benchmarks


def bench_fit(report: Report, sizes, repeat: int):
    C = 1.0
    for name, (X, y) in sizes.items():
        ours = fit_bce(X, y, C)
        ref = {s: fit_sk(X, y, C, s) for s in ("newton-cholesky", "lbfgs")}
        for solver, model in ref.items():
            gap = coef_gap(ours, model)
            ratio, _, _ = median_ratio(lambda: fit_bce(X, y, C),
                                       lambda: fit_sk(X, y, C, solver), repeat)
            target = "<= 1.0" if solver == "newton-cholesky" and name.startswith(
                "synthetic") else ""
            report.add("fit", f"{name}: bce newton / sklearn {solver}",
                       f"{ratio:.2f}x", target,
                       (ratio <= 1.0) if target else None)
            # lbfgs stops on a relative decrease of J below 64 eps (scipy's
            # ftol, set by scikit-learn), whatever tol says: on ill-conditioned
            # data it cannot be asked for 1e-6 in the coefficients.
            limit = solver == "newton-cholesky"
            report.add("fit", f"{name}: largest coef difference vs sklearn {solver}",
                       f"{gap:.1e}", "<= 1e-6" if limit else "",
                       (gap <= 1e-6) if limit else None)
        report.add("fit", f"{name}: newton iterations (bce / sklearn n-c)",
                   f"{int(ours.n_iter_[0])} / {int(ref['newton-cholesky'].n_iter_[0])}")
    report.notes.append(
        "Note on the `sklearn lbfgs` rows: scikit-learn runs SciPy's L-BFGS-B "
        "with `ftol = 64 eps`, so it also stops when the relative decrease of J "
        "falls below that, whatever `tol` says. Its coefficients are therefore "
        "not guaranteed to agree with Newton's to 1e-6 (see its coef difference "
        "rows), and its time ratios compare fits that are not the same answer "
        "at that accuracy: they carry no target.")


def bench_scaling(report: Report, ns, d: int, repeat: int, figure: Path | None):
    times = {"bce newton": [], "sklearn newton-cholesky": [], "sklearn lbfgs": []}
    for n in ns:
        X, y = synthetic(n, d, seed=1)
        times["bce newton"].append(median_time(lambda: fit_bce(X, y, 1.0), repeat))
        times["sklearn newton-cholesky"].append(
            median_time(lambda: fit_sk(X, y, 1.0, "newton-cholesky"), repeat))
        times["sklearn lbfgs"].append(
            median_time(lambda: fit_sk(X, y, 1.0, "lbfgs"), repeat))
        report.add("scaling", f"n = {n:>9,d}, d = {d}: bce / sklearn n-c",
                   f"{times['bce newton'][-1] / times['sklearn newton-cholesky'][-1]:.2f}x")
    report.notes.append(
        "Note on the `scaling` rows: each solver is timed on its own (a median of "
        "repeated runs, one solver after the other), not interleaved with the "
        "other like the `fit` and `gradient` ratios, so a slow phase of the "
        "machine can hit one side of a ratio only. Read them as rough.")
    if figure is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4), facecolor="white")
        for (label, ts), marker in zip(times.items(), "osd"):
            ax.loglog(ns, ts, marker=marker, label=label)
        ax.set_xlabel("number of samples n (d = %d features)" % d)
        ax.set_ylabel("fit time (s), median")
        ax.set_title("Logistic regression fit time against n")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(figure, dpi=110)
        plt.close(fig)
    return times


def naive_gradient(X, y, w, b):
    """The gradient with Python loops over samples and features."""
    n, d = len(X), len(w)
    grad_w, grad_b = [0.0] * d, 0.0
    for i in range(n):
        z = b
        for j in range(d):
            z += X[i][j] * w[j]
        r = 1.0 / (1.0 + np.exp(-z)) - y[i]
        for j in range(d):
            grad_w[j] += X[i][j] * r / n
        grad_b += r / n
    return grad_w, grad_b


def bench_gradient(report: Report, n: int, d: int, n_naive: int, repeat: int):
    X, y = synthetic(n, d, seed=2)
    w = np.random.default_rng(3).standard_normal(d) * 0.1
    ratio, t_grad, t_sum = median_ratio(lambda: bce.gradient(X, y, w, 0.1),
                                        lambda: X.sum(), repeat)
    loss_ratio, t_loss, _ = median_ratio(lambda: bce.loss(X, y, w, 0.1),
                                         lambda: X.sum(), repeat)
    model = bce.LogisticRegression().fit(X[:2000], y[:2000])
    t_proba = median_time(lambda: model.predict_proba(X), repeat)
    report.add("gradient", f"bce.gradient / X.sum() ({n:,d} x {d})",
               f"{ratio:.2f}x", "<= 1.5", ratio <= 1.5)
    report.add("gradient", "bce.loss / X.sum()", f"{loss_ratio:.2f}x")
    report.add("gradient", "bce.loss throughput", f"{n / t_loss:.2e} rows/s")
    report.add("gradient", "predict_proba throughput", f"{n / t_proba:.2e} rows/s")
    report.add("gradient", "X.sum() bandwidth",
               f"{X.nbytes / t_sum / 1e9:.1f} GB/s")
    # Where the gradient's time goes, each part against the same floor: the
    # two products with X (each alone a full pass from memory) and the
    # elementwise terms on the n logits, which read no X at all.
    z = X @ w + 0.1
    r = np.random.default_rng(5).standard_normal(n)
    for label, fn in (("one X @ w alone", lambda: X @ w),
                      ("one r @ X (= X^T r) alone", lambda: r @ X),
                      ("elementwise terms on z (n values, no X)",
                       lambda: bce_terms(y, z, False, True))):
        part, _, _ = median_ratio(fn, lambda: X.sum(), repeat)
        report.add("gradient", f"{label} / X.sum()", f"{part:.2f}x")
    # the naive loops on a small problem, against bce.gradient on the same
    Xs, ys = X[:n_naive], y[:n_naive]
    Xl, yl, wl = Xs.tolist(), ys.tolist(), w.tolist()
    t_naive = median_time(lambda: naive_gradient(Xl, yl, wl, 0.1), 1, warmup=0)
    t_vec = median_time(lambda: bce.gradient(Xs, ys, w, 0.1), repeat)
    gw, gb = naive_gradient(Xl, yl, wl, 0.1)
    vw, vb = bce.gradient(Xs, ys, w, 0.1)
    assert np.allclose(gw, vw) and np.isclose(gb, vb), "naive gradient disagrees"
    report.add("gradient", f"naive Python loops / bce.gradient ({n_naive:,d} x {d})",
               f"{t_naive / t_vec:.0f}x")


def bench_memory(report: Report, n: int, d: int):
    X, y = synthetic(n, d, seed=4)
    fit_bce(X, y, 1.0)  # warm up imports and caches
    peak = peak_extra_bytes(lambda: fit_bce(X, y, 1.0))
    ratio = peak / X.nbytes
    report.add("memory", f"peak extra memory of a newton fit / size of X ({n:,d} x {d})",
               f"{ratio:.2f}x", "<= 2.0", ratio <= 2.0)
    peak_sk = peak_extra_bytes(lambda: fit_sk(X, y, 1.0, "newton-cholesky"))
    report.add("memory", "same for sklearn newton-cholesky", f"{peak_sk / X.nbytes:.2f}x")


def write_results(report: Report, path: Path, smoke: bool, setting: str):
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python bench/run.py`)"
        + (" in smoke mode (tiny sizes: not meaningful)" if smoke else "") + ".",
        f"Machine: {platform.machine()}, {platform.processor() or 'unknown CPU'}, "
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}. Ratios are medians of repeated "
        "runs measured in the same process.",
        "",
        setting,
        "",
        "| section | measurement | value | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for section, metric, value, target, ok in report.rows:
        met = "" if ok is None else ("yes" if ok else "**no**")
        lines.append(f"| {section} | {metric} | {value} | {target} | {met} |")
    for note in report.notes:  # one paragraph each
        lines += ["", note]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):  # not on every platform
        return "unknown"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes, one repeat: checks that it runs")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder for RESULTS.md and scaling.png")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads (default 1; 0 = the library's default)")
    args = parser.parse_args(argv)
    load_before = _load()
    if args.blas_threads > 0:
        threadpool_limits(limits=args.blas_threads)  # stays in force until exit
    args.out.mkdir(parents=True, exist_ok=True)
    report = Report()
    np.seterr(over="raise", invalid="raise", divide="raise")  # no silent inf/NaN
    if args.smoke:
        bench_fit(report, {"breast cancer": breast_cancer(),
                           "synthetic 2,000 x 5": synthetic(2000, 5)}, repeat=1)
        bench_scaling(report, [200, 2000], 5, repeat=1,
                      figure=args.out / "scaling.png")
        bench_gradient(report, 5000, 5, n_naive=200, repeat=3)
        bench_memory(report, 5000, 5)
    else:
        bench_fit(report, {"breast cancer": breast_cancer(),
                           "synthetic 200,000 x 50": synthetic(200_000, 50)},
                  repeat=9)
        bench_scaling(report, [1_000, 10_000, 100_000, 1_000_000], 50, repeat=3,
                      figure=args.out / "scaling.png")
        bench_gradient(report, 200_000, 50, n_naive=2_000, repeat=21)
        bench_memory(report, 200_000, 50)
    threads = ("the library's default" if args.blas_threads <= 0
               else str(args.blas_threads))
    setting = (f"BLAS threads: {threads}. Load average (1 min) before and after "
               f"the run: {load_before} / {_load()} on {os.cpu_count()} CPUs "
               "(well above 0 means other work shared the machine).")
    write_results(report, args.out / "RESULTS.md", args.smoke, setting)
    print(f"wrote {args.out / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

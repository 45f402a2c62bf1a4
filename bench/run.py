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
is compared with its floor like for like. The gradient and the synthetic fit
are also measured with 2 BLAS threads (the rows marked so); on a machine
whose cores are busy with other work a multi-threaded BLAS can spend more
time waiting for its threads than computing, which the interquartile range
(IQR) printed with each timed ratio shows. The load average before and after
the run, and the cache sizes, are written in the results, so a busy run can
be recognised and the floor put in context (a matrix that fits in the last-
level cache is read from there, not from main memory).

Every claim about speed made by a code comment or docstring of ``bce`` or
by the ``performance`` chapter is measured by a row here; ``CLAIMS`` below
lists which row measures which claim.
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
from scipy.special import expit
from threadpoolctl import threadpool_limits

import bce
import bce.losses
import bce.objective
import bce.validation

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


def interleaved_ratios(fns: dict, ref, rounds: int, warmup: int = 1) -> dict:
    """Per name, the array of time(fn) / time(ref) over ``rounds`` rounds.

    Each round runs every fn, each followed by ``ref``, in a shuffled order
    (fixed seed), so that all of them share the machine's slow phases and
    none always runs right after the same neighbour.
    """
    for _ in range(warmup):
        for fn in fns.values():
            fn()
        ref()
    order = list(fns)
    shuffle = np.random.default_rng(0).permutation
    out = {name: [] for name in fns}
    for _ in range(rounds):
        for name in [order[i] for i in shuffle(len(order))]:
            gc.collect()
            start = time.perf_counter()
            fns[name]()
            mid = time.perf_counter()
            ref()
            out[name].append((mid - start) / (time.perf_counter() - mid))
    return {name: np.array(r) for name, r in out.items()}


def train(fn, calls: int):
    """``fn`` called ``calls`` times back to back: a fit's sustained load."""
    def run():
        for _ in range(calls):
            fn()
    return run


def bandwidth_states(X, calls: int = 10, rounds: int = 7) -> tuple[float, float]:
    """GB/s of ``X.sum()``: the first call after a pause, and sustained.

    On some machines (virtual ones in particular) the speed of memory
    depends on what ran just before, so the reference pass itself can have
    two speeds; these two rows show how far apart they are on the machine
    of the run. Returns the median over
    ``rounds`` of the first call after a 50 ms pause, and of the last half
    of ``calls`` back-to-back calls.
    """
    first, sustained = [], []
    for _ in range(rounds):
        time.sleep(0.05)
        times = []
        for _ in range(calls):
            start = time.perf_counter()
            X.sum()
            times.append(time.perf_counter() - start)
        first.append(times[0])
        sustained += times[calls // 2:]
    return X.nbytes / np.median(first) / 1e9, X.nbytes / np.median(sustained) / 1e9


def iqr(r) -> str:
    """`` [IQR a-b]``: the quartiles of repeated ratios, for the metric text."""
    q25, q75 = np.percentile(r, [25, 75])
    return f" [IQR {q25:.2f}-{q75:.2f}]"


def kernels_called(fn) -> set:
    """Names of the functions of bce.objective and bce.losses that fn() calls."""
    files = {bce.objective.__file__, sys.modules["bce.losses"].__file__}
    seen = set()

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_filename in files:
            seen.add(frame.f_code.co_name)

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return seen


def cache_sizes() -> str:
    """The CPU caches of core 0 (Linux only), e.g. 'L1d 48K, L2 2048K, L3 107520K'."""
    root = Path("/sys/devices/system/cpu/cpu0/cache")
    parts = []
    for index in sorted(root.glob("index*")):
        try:
            level = (index / "level").read_text().strip()
            kind = (index / "type").read_text().strip()
            size = (index / "size").read_text().strip()
            shared = (index / "shared_cpu_list").read_text().strip()
        except OSError:
            continue
        if kind != "Instruction":
            parts.append(f"L{level}{'d' if kind == 'Data' else ''} {size} "
                         f"(CPUs {shared})")
    return ", ".join(parts) or "unknown"


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


def bench_fit(report: Report, sizes, repeat: int, threads=(None,)):
    """Newton fit against scikit-learn's newton-cholesky and lbfgs, interleaved.

    ``threads``: BLAS thread counts to run under (None = the run's setting);
    rows of another count are prefixed with it.
    """
    C = 1.0
    for name, (X, y) in sizes.items():
        ours = fit_bce(X, y, C)
        ref = {s: fit_sk(X, y, C, s) for s in ("newton-cholesky", "lbfgs")}
        for nthreads in threads:
            if nthreads is not None and name.startswith("breast"):
                continue  # milliseconds per fit: thread start-up, not the code
            prefix = "" if nthreads is None else f"{nthreads} BLAS threads: "
            with threadpool_limits(limits=nthreads):
                times = {s: [] for s in ("bce", *ref)}
                fit_bce(X, y, C)  # warm-up under this thread count
                for _ in range(repeat):  # bce, n-c, lbfgs, interleaved
                    for s, fn in (("bce", lambda: fit_bce(X, y, C)),
                                  *((s, lambda s=s: fit_sk(X, y, C, s)) for s in ref)):
                        gc.collect()
                        start = time.perf_counter()
                        fn()
                        times[s].append(time.perf_counter() - start)
            for solver in ref:
                ratios = np.array(times["bce"]) / np.array(times[solver])
                ratio = float(np.median(ratios))
                target = "<= 1.0" if solver == "newton-cholesky" and nthreads is None else ""
                report.add("fit", f"{prefix}{name}: bce newton / sklearn {solver}"
                           + iqr(ratios), f"{ratio:.2f}x", target,
                           (ratio <= 1.0) if target else None)
        for solver, model in ref.items():
            gap = coef_gap(ours, model)
            # lbfgs stops on a relative decrease of J below 64 eps (scipy's
            # ftol, set by scikit-learn), whatever tol says: on ill-conditioned
            # data it cannot be asked for 1e-6 in the coefficients.
            limit = solver == "newton-cholesky"
            report.add("fit", f"{name}: largest coef difference vs sklearn {solver}",
                       f"{gap:.1e}", "<= 1e-6" if limit else "",
                       (gap <= 1e-6) if limit else None)
        report.add("fit", f"{name}: newton iterations (bce / sklearn n-c)",
                   f"{int(ours.n_iter_[0])} / {int(ref['newton-cholesky'].n_iter_[0])}")
    # The issue: "the fit uses that same path" as bce.gradient.
    X, y = next(iter(sizes.values()))
    w = np.zeros(X.shape[1])
    grad_path = kernels_called(lambda: bce.gradient(X, y, w, 0.0)) - {"gradient"}
    fit_path = kernels_called(lambda: fit_bce(X, y, C))
    missing = sorted(grad_path - fit_path)
    report.add("fit", "the fit calls every kernel bce.gradient calls"
               + (f" (missing: {', '.join(missing)})" if missing else
                  f" ({', '.join(sorted(grad_path))})"),
               "yes" if not missing else "no", "yes", not missing)
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


def naive_expression(X, y, w, b):
    """The gradient as the formula reads, in NumPy: two passes over X."""
    return X.T @ (expit(X @ w + b) - y) / len(y)


def _elementwise_kernel():
    """The per-sample kernel (p - y from the logits) of the current bce, or None."""
    losses = sys.modules.get("bce.losses")
    return getattr(losses, "bce_terms", None)


def bench_gradient(report: Report, n: int, d: int, n_naive: int, repeat: int,
                   threads=(2,)):
    X, y = synthetic(n, d, seed=2)
    w = np.random.default_rng(3).standard_normal(d) * 0.1
    fns = {"grad": lambda: bce.gradient(X, y, w, 0.1),
           "naive": lambda: naive_expression(X, y, w, 0.1),
           "loss": lambda: bce.loss(X, y, w, 0.1),
           "both": lambda: bce.loss_and_gradient(X, y, w, 0.1)}
    r = interleaved_ratios(fns, lambda: X.sum(), repeat)
    med = {k: float(np.median(v)) for k, v in r.items()}
    same_run = r["grad"] / r["naive"]  # per round: the X.sum() times cancel
    report.add("gradient", f"bce.gradient / X.sum() ({n:,d} x {d})" + iqr(r["grad"]),
               f"{med['grad']:.2f}x", "<= 1.5", med["grad"] <= 1.5)
    report.add("gradient", "naive X.T @ (expit(X @ w + b) - y) / n / X.sum()"
               + iqr(r["naive"]), f"{med['naive']:.2f}x")
    report.add("gradient", "same run: bce.gradient / naive expression" + iqr(same_run),
               f"{np.median(same_run):.2f}x", "<= 1.0", np.median(same_run) <= 1.0)
    report.add("gradient", "bce.loss / X.sum()" + iqr(r["loss"]), f"{med['loss']:.2f}x")
    report.add("gradient", "bce.loss_and_gradient / X.sum()" + iqr(r["both"]),
               f"{med['both']:.2f}x")
    # objective.py: loss_and_gradient is "the value and the gradient from one pass"
    one_pass = r["both"] / (r["loss"] + r["grad"])
    report.add("gradient", "loss_and_gradient / (loss + gradient), same rounds"
               + iqr(one_pass), f"{np.median(one_pass):.2f}x", "< 1.0",
               np.median(one_pass) < 1.0)
    # The same in trains of back-to-back calls, as a fit makes them: X.sum()
    # is then measured at the machine's sustained speed, like the gradient.
    calls = 10
    rt = interleaved_ratios({k: train(fns[k], calls) for k in ("grad", "naive")},
                            train(lambda: X.sum(), calls), max(3, repeat // 3))
    report.add("gradient", f"trains of {calls} calls: bce.gradient / X.sum()"
               + iqr(rt["grad"]), f"{np.median(rt['grad']):.2f}x", "<= 1.5",
               np.median(rt["grad"]) <= 1.5)
    report.add("gradient", f"trains of {calls} calls: naive expression / X.sum()"
               + iqr(rt["naive"]), f"{np.median(rt['naive']):.2f}x")
    rel = rt["grad"] / rt["naive"]
    report.add("gradient", f"trains of {calls} calls: bce.gradient / naive expression"
               + iqr(rel), f"{np.median(rel):.2f}x", "<= 1.0", np.median(rel) <= 1.0)
    for nthreads in threads:
        with threadpool_limits(limits=nthreads):
            rt = interleaved_ratios({k: fns[k] for k in ("grad", "naive")},
                                    lambda: X.sum(), repeat)
        report.add("gradient", f"{nthreads} BLAS threads: bce.gradient / X.sum()"
                   + iqr(rt["grad"]), f"{np.median(rt['grad']):.2f}x")
        report.add("gradient", f"{nthreads} BLAS threads: naive expression / X.sum()"
                   + iqr(rt["naive"]), f"{np.median(rt['naive']):.2f}x")
        rel = rt["grad"] / rt["naive"]
        report.add("gradient", f"{nthreads} BLAS threads: bce.gradient / naive expression"
                   + iqr(rel), f"{np.median(rel):.2f}x", "<= 1.0", np.median(rel) <= 1.0)
    model = bce.LogisticRegression().fit(X[:2000], y[:2000])
    t_proba = median_time(lambda: model.predict_proba(X), repeat)
    t_loss = median_time(lambda: bce.loss(X, y, w, 0.1), repeat)
    t_sum = median_time(lambda: X.sum(), repeat)
    report.add("gradient", "bce.loss throughput", f"{n / t_loss:.2e} rows/s")
    report.add("gradient", "predict_proba throughput", f"{n / t_proba:.2e} rows/s")
    report.add("gradient", "X.sum() bandwidth", f"{X.nbytes / t_sum / 1e9:.1f} GB/s")
    burst, sustained = bandwidth_states(X)
    report.add("gradient", "X.sum() bandwidth, first call after a 50 ms pause",
               f"{burst:.1f} GB/s")
    report.add("gradient", "X.sum() bandwidth, sustained (back-to-back calls)",
               f"{sustained:.1f} GB/s")
    # Where the gradient's time goes, each part against the same floor: the
    # two products with X (each alone a full pass from memory) and the
    # elementwise terms on the n logits, which read no X at all.
    z = X @ w + 0.1
    rr = np.random.default_rng(5).standard_normal(n)
    parts = {"one X @ w alone": lambda: X @ w,
             "one einsum('ij,j->i', X, w) alone": lambda: np.einsum("ij,j->i", X, w),
             "one r @ X (= X^T r) alone": lambda: rr @ X,
             "scipy expit on n values alone": lambda: expit(z),
             "np.exp on n values alone": lambda: np.exp(z)}
    terms = _elementwise_kernel()
    if terms is not None:
        parts["elementwise terms on z (n values, no X)"] = (
            lambda: terms(y, z, False, True))
    rp = interleaved_ratios(parts, lambda: X.sum(), repeat)
    for label, v in rp.items():
        report.add("gradient", f"{label} / X.sum()" + iqr(v), f"{np.median(v):.2f}x")
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


def bench_large(report: Report, n: int, d: int, repeat: int):
    """The gradient on an X larger than the last-level cache, from main memory."""
    X, y = synthetic(n, d, seed=6)
    w = np.random.default_rng(3).standard_normal(d) * 0.1
    r = interleaved_ratios({"grad": lambda: bce.gradient(X, y, w, 0.1),
                            "naive": lambda: naive_expression(X, y, w, 0.1)},
                           lambda: X.sum(), repeat)
    tag = f"{n:,d} x {d} ({X.nbytes / 1e6:,.0f} MB)"
    report.add("large", f"{tag}: bce.gradient / X.sum()" + iqr(r["grad"]),
               f"{np.median(r['grad']):.2f}x", "<= 1.5", np.median(r["grad"]) <= 1.5)
    report.add("large", f"{tag}: naive expression / X.sum()" + iqr(r["naive"]),
               f"{np.median(r['naive']):.2f}x")
    t_sum = median_time(lambda: X.sum(), 3)
    report.add("large", f"{tag}: X.sum() bandwidth", f"{X.nbytes / t_sum / 1e9:.1f} GB/s")


def bench_blocks(report: Report, n: int, d: int, repeat: int, sizes_kib):
    """bce.gradient / X.sum() for several values of bce.objective._BLOCK_BYTES.

    Each is timed in trains of back-to-back calls, the load of a fit, for
    which the block size is chosen. "unblocked" sets a block larger than
    X: the same code, two trips of X through memory. The default is
    restored afterwards.
    """
    X, y = synthetic(n, d, seed=2)
    w = np.random.default_rng(3).standard_normal(d) * 0.1
    default = bce.objective._BLOCK_BYTES
    settings = {f"{k} KiB": k << 10 for k in sizes_kib}
    settings["unblocked (one block)"] = 1 << 62

    def at(nbytes):
        def run():
            bce.objective._BLOCK_BYTES = nbytes
            try:
                bce.gradient(X, y, w, 0.1)
            finally:
                bce.objective._BLOCK_BYTES = default
        return run

    calls = 5
    r = interleaved_ratios({k: train(at(v), calls) for k, v in settings.items()},
                           train(lambda: X.sum(), calls), repeat)
    best = min(r, key=lambda k: np.median(r[k]))
    for label, v in r.items():
        mark = " (default)" if settings[label] == default else ""
        mark += " (fastest)" if label == best else ""
        report.add("blocks", f"block {label}{mark}: gradient / X.sum() ({n:,d} x {d}, "
                   f"trains of {calls})" + iqr(v), f"{np.median(v):.2f}x")


def bench_claims(report: Report, n: int, d: int, repeat: int):
    """Smaller claims of the code comments and the chapter, one row each."""
    X, y = synthetic(n, d, seed=2)
    w = np.random.default_rng(3).standard_normal(d) * 0.1
    # performance chapter: the Hessian costs (d + 3) / 4 gradients of
    # arithmetic, less in time because it is compute-bound
    r = interleaved_ratios({"h": lambda: bce.hessian(X, y, w, 0.1)},
                           lambda: bce.gradient(X, y, w, 0.1), max(3, repeat // 3))
    h = float(np.median(r["h"]))
    bound = (d + 3) / 4
    report.add("claims", f"bce.hessian / bce.gradient (arithmetic: {bound:g})"
               + iqr(r["h"]), f"{h:.2f}x", f"< {bound:g}", h < bound)
    # objective._hessian: A.T @ A goes to BLAS's symmetric rank-k update,
    # "half the flops of a general product"; whether that is also less
    # time depends on the BLAS and the block, so two block sizes, no target
    block = min(n, max(256, bce.objective._BLOCK_BYTES // (8 * d)))
    for rows, label in ((block, "one block"), (min(n, 4 * block), "four blocks")):
        A = X[:rows] * 0.5
        B = A.copy()
        r = interleaved_ratios({"syrk": lambda: A.T @ A}, lambda: A.T @ B, repeat)
        report.add("claims", f"A.T @ A / A.T @ B ({label}, {rows:,d} x {d})"
                   + iqr(r["syrk"]), f"{np.median(r['syrk']):.2f}x")
    # validation: the checks of bce.gradient "are cheap on purpose: none
    # makes a pass over all n x d entries of X"
    check = getattr(sys.modules["bce.validation"], "check_objective_args", None)
    if check is not None:
        r = interleaved_ratios({"c": lambda: check(X, y, w, 0.1, 0.0, None)},
                               lambda: X.sum(), repeat)
        v = float(np.median(r["c"]))
        report.add("claims", "input checks of bce.gradient / X.sum()" + iqr(r["c"]),
                   f"{v:.2f}x", "< 0.5", v < 0.5)
    # performance chapter: "np.isfinite(X).all() reads all n d entries: it
    # costs about as much as a pass", which is why the checks look at z
    r = interleaved_ratios({"f": lambda: np.isfinite(X).all()}, lambda: X.sum(), repeat)
    v = float(np.median(r["f"]))
    report.add("claims", "np.isfinite(X).all() / X.sum()" + iqr(r["f"]), f"{v:.2f}x",
               ">= 0.5", v >= 0.5)
    # preprocessing: "gradient descent converges much faster on standardized
    # columns" (in iterations)
    Xr, yr = load_breast_cancer(return_X_y=True)
    Xz = StandardScaler().fit_transform(Xr)
    its = {}
    for label, Xp in (("raw", Xr), ("standardized", Xz)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = bce.LogisticRegression(solver="gd", tol=1e-3, max_iter=3000).fit(Xp, yr)
        its[label] = int(model.n_iter_[0])
    report.add("claims", "gd iterations to tol 1e-3 on breast cancer: standardized / raw"
               " (max 3000)", f"{its['standardized']} / {its['raw']}", "fewer",
               its["standardized"] < its["raw"])


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


BLOCK_SIZES_KIB = (64, 128, 256, 512, 1024, 2048, 4096)

# Every claim about speed in the code and the performance chapter, and the
# rows of RESULTS.md that measure it (a claim no row measures is removed).
CLAIMS = [
    ("issue", "one gradient <= 1.5 X.sum() passes, 1 BLAS thread; 2 threads reported",
     "bce.gradient / X.sum(); trains of 10 calls: bce.gradient / X.sum(); "
     "2 BLAS threads: bce.gradient / X.sum()"),
    ("issue", "never slower than the naive NumPy expression in the same run",
     "same run: bce.gradient / naive expression; trains of 10 calls: ...; "
     "2 BLAS threads: ... / naive expression"),
    ("issue", "the fit uses that same path", "the fit calls every kernel bce.gradient calls"),
    ("issue", "Newton fit <= 1.0 sklearn newton-cholesky; lbfgs reported",
     "fit: ... bce newton / sklearn newton-cholesky, ... / sklearn lbfgs"),
    ("bce/objective.py, _BLOCK_BYTES comment", "block small enough to stay in cache, "
     "large enough for small Python overhead", "blocks: block ... KiB"),
    ("bce/objective.py, _loss_and_gradient docstring", "one pass over X, the block "
     "re-read from cache", "blocks: unblocked (one block) vs the default; large: ..."),
    ("bce/objective.py, _hessian docstring", "A.T @ A is BLAS's symmetric rank-k "
     "update, half the flops (in time: measured, no target)",
     "claims: A.T @ A / A.T @ B (one block, four blocks)"),
    ("bce/objective.py, loss_and_gradient docstring", "value and gradient from one pass",
     "loss_and_gradient / (loss + gradient), same rounds"),
    ("bce/validation.py, module docstring", "the checks are cheap: no pass over X",
     "claims: input checks of bce.gradient / X.sum()"),
    ("bce/preprocessing.py, module docstring", "gradient descent converges much faster "
     "on standardized columns", "claims: gd iterations ... standardized / raw"),
    ("chapters/performance.ipynb", "memory delivers 10 to a few tens of GB/s",
     "X.sum() bandwidth (both sizes)"),
    ("chapters/performance.ipynb", "the reference pass has two speeds: after a pause "
     "and sustained", "X.sum() bandwidth, first call after a pause / sustained"),
    ("chapters/performance.ipynb", "gradient vs X.sum(), and where its time goes",
     "bce.gradient / X.sum(); one X @ w alone; one r @ X; elementwise terms on z; "
     "scipy expit / np.exp on n values"),
    ("chapters/performance.ipynb", "blocking: X travels from main memory once",
     "blocks: ...; large: ..."),
    ("chapters/performance.ipynb", "np.isfinite(X).all() costs a pass over X, so the "
     "checks look at z instead", "claims: np.isfinite(X).all() / X.sum()"),
    ("chapters/performance.ipynb", "the Hessian costs less time than (d+3)/4 gradients",
     "claims: bce.hessian / bce.gradient"),
    ("chapters/performance.ipynb", "Python loops are far slower than the vectorized "
     "gradient", "naive Python loops / bce.gradient"),
    ("chapters/performance.ipynb", "fit time ratio vs newton-cholesky; lbfgs can be the "
     "fastest on the synthetic data; time linear in n",
     "fit: ...; scaling: ...; scaling.png"),
    ("chapters/performance.ipynb", "peak extra memory of a fit below the size of X",
     "memory: ..."),
]


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
                           "synthetic 2,000 x 5": synthetic(2000, 5)}, repeat=1,
                  threads=(None, 2))
        bench_scaling(report, [200, 2000], 5, repeat=1,
                      figure=args.out / "scaling.png")
        bench_gradient(report, 5000, 5, n_naive=200, repeat=3)
        bench_blocks(report, 5000, 5, 3, BLOCK_SIZES_KIB)
        bench_large(report, 20_000, 5, 3)
        bench_claims(report, 5000, 5, 3)
        bench_memory(report, 5000, 5)
    else:
        bench_fit(report, {"breast cancer": breast_cancer(),
                           "synthetic 200,000 x 50": synthetic(200_000, 50)},
                  repeat=9, threads=(None, 2))
        bench_scaling(report, [1_000, 10_000, 100_000, 1_000_000], 50, repeat=3,
                      figure=args.out / "scaling.png")
        bench_gradient(report, 200_000, 50, n_naive=2_000, repeat=31)
        bench_blocks(report, 200_000, 50, 21, BLOCK_SIZES_KIB)
        bench_large(report, 2_000_000, 50, 11)
        bench_claims(report, 200_000, 50, 15)
        bench_memory(report, 200_000, 50)
    report.notes.append(
        "Note on the `[IQR a-b]` in a measurement: the 25th and 75th "
        "percentiles of the ratio over the repeated rounds, a measure of how "
        "noisy that row was. A ratio of two timed things in the same rounds "
        "(e.g. `bce.gradient / naive expression`) is taken round by round.")
    report.notes.append("Where each claim about speed is measured (file: claim -> rows):\n\n"
                        + "\n".join(f"- {where}: {claim} -> `{rows}`"
                                     for where, claim, rows in CLAIMS))
    threads = ("the library's default" if args.blas_threads <= 0
               else str(args.blas_threads))
    setting = (f"BLAS threads: {threads}. Load average (1 min) before and after "
               f"the run: {load_before} / {_load()} on {os.cpu_count()} CPUs "
               "(well above 0 means other work shared the machine). "
               f"Caches: {cache_sizes()}.")
    write_results(report, args.out / "RESULTS.md", args.smoke, setting)
    print(f"wrote {args.out / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

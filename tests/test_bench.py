"""The benchmark script runs (smoke mode, tiny sizes) and measures the right things.

Timings are not asserted here (a timed unit test only measures the machine);
``make bench`` reports them as ratios. What is asserted is what does not
depend on the machine: the script runs, writes its table, and the fits it
times give the same coefficients as scikit-learn.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke_run(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--out",
         str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert (tmp_path / "scaling.png").stat().st_size > 1000
    rows = [line for line in results.splitlines() if line.startswith("| ")]
    measured = {row.split(" | ")[1] for row in rows[1:]}
    for needle in ("bce newton / sklearn newton-cholesky", "bce newton / sklearn lbfgs",
                   "2 BLAS threads: synthetic", "bce.gradient / X.sum()",
                   "2 BLAS threads: bce.gradient / X.sum()",
                   "same run: bce.gradient / naive expression",
                   "trains of 10 calls: bce.gradient / X.sum()",
                   "trains of 10 calls: bce.gradient / naive expression",
                   "X.sum() bandwidth, first call after a 50 ms pause",
                   "X.sum() bandwidth, sustained", "A.T @ A / A.T @ B (four blocks",
                   "block 64 KiB", "block 4096 KiB", "unblocked", "bce.hessian / bce.gradient",
                   "the fit calls every kernel bce.gradient calls",
                   "peak extra memory", "naive Python loops", "throughput"):
        assert any(needle in m for m in measured), f"no row measuring {needle!r}"
    # the timed fits must be the same fit: coefficients equal to sklearn's
    for row in rows:
        if "largest coef difference vs sklearn newton-cholesky" in row:
            assert row.rstrip(" |").endswith("yes"), row
    # every timed ratio says how noisy it was
    assert "[IQR " in results
    # the chapter reads values as "1.23x" and each quoted row by a unique prefix
    for start in ("bce.gradient / X.sum()", "bce.gradient", "one X @ w alone",
                  "one r @ X", "elementwise terms on z"):
        assert sum(m.startswith(start) for m in measured) == 1, start

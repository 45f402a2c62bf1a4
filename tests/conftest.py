"""Shared test configuration.

Hypothesis runs derandomized (the same examples on every machine and every
run) with no deadline, so that a red test is a real failure that anyone can
reproduce, not a slow CI machine or an unlucky draw. Set
``HYPOTHESIS_PROFILE=explore`` to search with fresh random examples.
"""

import importlib
import os

# scikit-learn's estimator checks include check_array_api_input, which skips
# itself unless SciPy's array-API mode is on. Turn it on (before SciPy is
# imported) so that the check runs, with NumPy as the array namespace,
# instead of showing up as a skipped test.
os.environ.setdefault("SCIPY_ARRAY_API", "1")

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def make_problem(n=40, d=3, seed=0, scale=1.0):
    """A small seeded logistic-regression problem: X, y, w, b."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w = scale * rng.normal(size=d)
    b = float(scale * rng.normal())
    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    y = (rng.random(n) < p).astype(float)
    return X, y, w, b


@pytest.fixture
def problem():
    return make_problem()


def toc_files(node) -> list[str]:
    """All ``file:`` and ``root:`` entries of a jb-book ``_toc.yml``, in order.

    Shared by the tests of the book (tests/test_book.py) and of the built
    website (tests/test_site.py), which must agree on what the pages are.
    """
    found = []
    if isinstance(node, dict):
        for key in ("root", "file"):
            if key in node:
                found.append(node[key])
        for value in node.values():
            if isinstance(value, (list, dict)):
                found.extend(toc_files(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(toc_files(item))
    return found


def resolve_dotted(dotted: str):
    """The object a dotted name points to (module, then attributes)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def pytest_report_header(config):
    """Name the versions under test: `make test` (the lock), `make test-min`
    (the lowest declared) and `make test-latest` (the newest allowed) differ
    exactly here."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("numpy", "scipy", "scikit-learn", "sympy", "pandas",
                 "matplotlib", "dask", "hypothesis"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} missing")
    return "versions: " + ", ".join(found)

"""Tests of the environment files: the lock and its checker.

``requirements.in`` is the loose spec, ``requirements.txt`` the lock compiled
from it by ``make lock``, ``tools/lockcheck.py`` the check that ``make test``
runs on ``.venv``. These tests catch a lock that was not recompiled after a
change to the spec, a line of the lock that is not an exact pin, a lower
bound of ``pyproject.toml`` that ``make test-min`` would not test, and a
checker that would miss a drift.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "requirements.in"
LOCK = ROOT / "requirements.txt"

_spec = importlib.util.spec_from_file_location(
    "lockcheck", ROOT / "tools" / "lockcheck.py")
lockcheck = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lockcheck)


def _requirements(path: Path) -> dict[str, Requirement]:
    """The requirement lines of a pip requirements file that apply to this
    Python (their marker is true or absent), by canonical name."""
    found = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate():
                found[canonicalize_name(req.name)] = req
    return found


def _pyproject_dependencies() -> dict[str, Requirement]:
    """``[project] dependencies`` and every optional group of pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text()
    text = text[text.index("[project]"):text.index("[tool.")]
    found = {}
    for item in re.findall(r'"([^"]+)"', text):
        if re.match(r"^[A-Za-z][\w.\-\[\]]*\s*[<>=!~]", item):
            req = Requirement(item)
            found[canonicalize_name(req.name)] = req
    return found


def _lower_bound(req: Requirement) -> Version | None:
    bounds = [Version(s.version) for s in req.specifier
              if s.operator in (">=", "==")]
    return max(bounds) if bounds else None


# --------------------------------------------------------------------------
# The files as committed
# --------------------------------------------------------------------------


def test_lock_is_all_exact_pins():
    pins = lockcheck.read_lock(LOCK)  # raises on a line that is not name==v
    assert len(pins) > 100  # direct and transitive packages


def test_lock_pins_everything_the_spec_names():
    """A package added to requirements.in without `make lock` fails here."""
    pins = lockcheck.read_lock(LOCK)
    spec = _requirements(SPEC)
    missing = sorted(set(spec) - set(pins))
    assert not missing, f"run `make lock`: not in requirements.txt: {missing}"
    outside = {name: str(pins[name]) for name, req in spec.items()
               if not req.specifier.contains(pins[name], prereleases=True)}
    assert not outside, f"run `make lock`: pins outside requirements.in: {outside}"


def test_lock_installs_the_course_editable():
    assert "-e ." in LOCK.read_text().splitlines()
    assert "-e ." in SPEC.read_text().splitlines()


def test_lock_was_compiled_by_make_lock_for_all_pythons():
    header = LOCK.read_text().splitlines()[:3]
    assert any("make lock" in line for line in header)
    makefile = (ROOT / "Makefile").read_text()
    assert "--universal" in makefile


def test_pyproject_bounds_are_the_specs():
    """make test-min installs requirements.in's lower bounds; pyproject.toml
    must not declare lower ones it would then leave untested."""
    spec = _requirements(SPEC)
    declared = _pyproject_dependencies()
    assert {"numpy", "scipy", "scikit-learn", "sympy", "matplotlib",
            "dask"} <= set(declared)
    for name, req in declared.items():
        assert name in spec, f"{name} is in pyproject.toml, not requirements.in"
        assert _lower_bound(req) == _lower_bound(spec[name]), name


# --------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lock.txt"
    path.write_text(text)
    return path


def test_read_lock_applies_markers(tmp_path):
    lock = _write(tmp_path, (
        "-e .\n"
        "numpy==1.0 ; python_full_version < '3.0'\n"
        "numpy==2.0 ; python_full_version >= '3.0'\n"
        "Scikit_Learn==1.5.0\n"
        "    # via -r requirements.in\n"
        "dask[array]==2024.8.0  # a comment\n"
    ))
    assert lockcheck.read_lock(lock) == {
        "numpy": Version("2.0"), "scikit-learn": Version("1.5.0"),
        "dask": Version("2024.8.0")}


@pytest.mark.parametrize("line", ["numpy>=1.26", "numpy", "numpy==1.*",
                                  "numpy==1.26,<2"])
def test_read_lock_refuses_a_loose_line(tmp_path, line):
    with pytest.raises(ValueError, match="exact pin"):
        lockcheck.read_lock(_write(tmp_path, line + "\n"))


def test_read_lock_refuses_two_pins_of_one_package(tmp_path):
    with pytest.raises(ValueError, match="pinned twice"):
        lockcheck.read_lock(_write(tmp_path, "numpy==2.0\nNumPy==2.1\n"))


def test_differences_lists_missing_extra_and_wrong_versions():
    pins = {"numpy": Version("2.0"), "scipy": Version("1.15"),
            "pandas": Version("2.3")}
    have = {"numpy": Version("2.0"), "scipy": Version("1.16"),
            "bce": Version("0.1.0"), "requests": Version("2.0")}
    assert lockcheck.differences(pins, have) == [
        ("pandas", "2.3", "-"), ("requests", "-", "2.0"),
        ("scipy", "1.15", "1.16")]
    assert lockcheck.differences(pins, pins) == [("bce", "-e .", "-")]
    assert lockcheck.differences(pins, {**pins, "bce": Version("9")}) == []

"""Compare the packages installed in this Python with the lock file.

    python tools/lockcheck.py requirements.txt           # exit 1 on any drift
    python tools/lockcheck.py requirements.txt --report  # list it, exit 0
    python tools/lockcheck.py requirements.txt --extras  # names to remove

The lock (``requirements.txt``, compiled from ``requirements.in`` by
``make lock``) pins every package with ``name==version``, some under an
environment marker (``; python_full_version < '3.11'``). A line applies here
when its marker is true for this interpreter. The environment matches the
lock when the installed distributions are exactly the applicable pins: none
missing, none at another version, none installed that the lock does not
name. The editable line ``-e .`` is the course's own package, ``bce``; it
must be installed, at whatever version ``pyproject.toml`` gives it.

``make test`` runs the strict form after installing, so a ``.venv`` that
holds anything but the lock stops the build. ``make test-latest`` and
``make test-min`` run ``--report`` to print how their environment differs.
``--extras`` prints, one a line, the installed packages that the lock does
not name, so that ``make`` can uninstall what an older lock left behind.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name
from packaging.version import Version

# The editable project of the lock: installed, any version.
PROJECT = "bce"


def read_lock(path: Path) -> dict[str, Version]:
    """Return {canonical name: pinned version} of the lines that apply here.

    Raises ValueError on a requirement line that is not an exact pin, or on
    two applicable pins of one package.
    """
    pins: dict[str, Version] = {}
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-e "):
            continue
        spec, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, sep, version = spec.partition("==")
        if not sep or any(c in version for c in "<>=!~*,"):
            raise ValueError(
                f"{path}:{number}: expected an exact pin 'name==version', "
                f"got {raw.strip()!r}"
            )
        name = canonicalize_name(name.split("[", 1)[0].strip())
        if name in pins:
            raise ValueError(f"{path}:{number}: {name} is pinned twice here")
        pins[name] = Version(version.strip())
    return pins


def installed() -> dict[str, Version]:
    """Return {canonical name: version} of every distribution installed."""
    found: dict[str, Version] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:  # a broken leftover directory has no name
            found[canonicalize_name(name)] = Version(dist.version)
    return found


def differences(
    pins: dict[str, Version], have: dict[str, Version]
) -> list[tuple[str, str, str]]:
    """Return (name, locked, installed) for every package that differs.

    A package the lock does not name shows "-" as locked; one the lock names
    but that is missing shows "-" as installed. The project itself counts
    only when it is missing.
    """
    rows = []
    for name in sorted(set(pins) | set(have)):
        if name == PROJECT:
            continue
        locked, got = pins.get(name), have.get(name)
        if locked != got:
            rows.append((name, str(locked or "-"), str(got or "-")))
    if PROJECT not in have:
        rows.append((PROJECT, "-e .", "-"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lock", type=Path, help="the lock file")
    parser.add_argument("--report", action="store_true",
                        help="list the differences and exit 0")
    parser.add_argument("--extras", action="store_true",
                        help="print the installed packages the lock does "
                        "not name, one a line, and exit 0")
    args = parser.parse_args(argv)
    pins, have = read_lock(args.lock), installed()
    if args.extras:
        print("\n".join(sorted(set(have) - set(pins) - {PROJECT})))
        return 0
    rows = differences(pins, have)
    here = f"{sys.executable} (Python {sys.version.split()[0]})"
    if not rows:
        print(f"lockcheck: {here} holds exactly the pins of {args.lock}")
        return 0
    width = max(len(r[0]) for r in rows)
    print(f"lockcheck: {here} differs from {args.lock} in {len(rows)} "
          f"package(s):")
    print(f"  {'package':<{width}}  {'locked':<14} installed")
    for name, locked, got in rows:
        print(f"  {name:<{width}}  {locked:<14} {got}")
    return 0 if args.report else 1


if __name__ == "__main__":
    sys.exit(main())

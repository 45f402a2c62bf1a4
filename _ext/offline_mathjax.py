"""Serve MathJax 3 from the website itself, so formulas render with no network.

Jupyter Book 1 (Sphinx) loads MathJax from a CDN by default. This extension
takes MathJax 3's browser files from the PyPI package ``django-static-mathjax``
(installed by ``requirements.txt``, so by ``make book``), copies the entry file
``tex-chtml.js`` and the components it loads on demand (TeX extensions, the
CHTML output fonts, the menu and its accessibility parts) into
``_build/html/_mathjax/`` and points ``mathjax_path`` at that entry file.

The copy goes to ``_mathjax/``, not ``_static/``: Jupyter Book links every
``.js`` file under the source ``_static/`` into every page, and MathJax's
component files must be loaded by MathJax itself, never as page scripts.

If the package is missing, the build stops with an error saying how to install
it (there is no silent fallback to the CDN).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the copy goes, relative to the HTML output directory.
TARGET = "_mathjax"
#: The combined component: TeX input (with ams, newcommand, configmacros ...)
#: and CommonHTML output, the menu and assistive MathML.
ENTRY = "tex-chtml.js"
#: What MathJax may load at run time from its own root, next to the entry:
#: TeX extensions (``[tex]/...``), the CHTML fonts, the menu's a11y parts and
#: the speech rule engine's maps that they read.
PARTS = [
    "input/tex/extensions",
    "output/chtml/fonts",
    "ui",
    "a11y",
    "sre",
    "adaptors",
    "input/mml",
]

INSTALL_HINT = (
    "install it with `.venv/bin/python -m pip install -r requirements.txt` "
    "(requirements.txt lists django-static-mathjax), or run `make book`, "
    "which does that"
)


def mathjax_source() -> Path:
    """The directory of MathJax 3's browser build (``es5/``) in the package.

    Raises
    ------
    ExtensionError
        If django-static-mathjax is not installed or lacks the files needed.
    """
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError(
            "offline_mathjax: the Python package `django-static-mathjax` "
            f"(import name `mathjax`) is not installed; {INSTALL_HINT}."
        )
    package = Path(next(iter(spec.submodule_search_locations)))
    es5 = package / "static" / "mathjax" / "es5"
    needed = [es5 / ENTRY] + [es5 / part for part in PARTS]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise ExtensionError(
            "offline_mathjax: MathJax 3 files are missing from the "
            f"django-static-mathjax package at {es5}: {', '.join(missing)}; "
            f"reinstall it ({INSTALL_HINT})."
        )
    return es5


def _configure(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if "://" in str(app.config.mathjax_path) and app.config.mathjax_path != (
        app.config.values["mathjax_path"].default
    ):
        raise ConfigError(
            "offline_mathjax: mathjax_path is set to a URL "
            f"({app.config.mathjax_path}); remove it from _config.yml, the "
            "site serves MathJax itself."
        )
    source = mathjax_source()
    out = Path(app.outdir) / TARGET
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy2(source / ENTRY, out / ENTRY)
    for part in PARTS:
        shutil.copytree(source / part, out / part)
    license_file = source.parent / "LICENSE"
    if license_file.exists():
        shutil.copy2(license_file, out / "LICENSE")
    # Sphinx puts "_static/" in front of a relative mathjax_path, and the page
    # template makes it relative to each page: "../_static/../_mathjax/...".
    app.config.mathjax_path = f"../{TARGET}/{ENTRY}"
    logger.info("offline_mathjax: MathJax 3 copied to %s", out)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.mathjax")
    # MathJax on every page, not only on pages whose body has equations: the
    # navigation shows chapter titles with math (e.g. "p - y") on all pages.
    app.set_html_assets_policy("always")
    # After the builder exists (its output directory is known) and before any
    # page is written, so pages link to the local copy.
    app.connect("builder-inited", _configure)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

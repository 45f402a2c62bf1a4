"""The code of a function as its chapter prints it, and the chapter that does.

A chapter that introduces a function of :mod:`bce` prints that function's
code with :func:`show_code`, read from the installed package by
``inspect.getsource``. The reader sees the code that runs, not a copy of it,
and a change to the function without ``make outputs`` makes the stored
output stale, which nbval reports.

Each function printed by a chapter says so in its docstring, with the phrase
``Taught in :doc:`/chapters/NAME```, which :func:`taught_in` reads.
``tests/test_book_sources.py`` checks that every such function is printed by
exactly one chapter, the one its docstring names.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable

__all__ = ["show_code", "taught_in"]

# Chapter files are named in lower case (so the placeholder NAME is no match).
_TAUGHT_IN = re.compile(r"Taught\s+in\s+:doc:`/?(chapters/[a-z0-9_-]+)`")


def _code(func: Callable) -> str:
    """The source of ``func``, dedented, without its docstring."""
    source = textwrap.dedent(inspect.getsource(func))
    lines = source.splitlines()
    node = ast.parse(source).body[0]
    first = node.body[0]
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str) and first.lineno > node.lineno):
        lines = lines[:first.lineno - 1] + lines[first.end_lineno:]
    return "\n".join(lines)


def show_code(func: Callable) -> None:
    """Print the source of a function of :mod:`bce`, without its docstring.

    The source is read from the file the function was imported from
    (``inspect.getsource``), so what is printed is the code that runs.
    The docstring is left out because the chapter around the code says the
    same in more words; decorators, comments and nested functions are kept.

    Parameters
    ----------
    func : callable
        A function defined in Python source (not a builtin).

    Returns
    -------
    None
        The code is printed to standard output.

    Examples
    --------
    >>> import bce
    >>> bce.show_code(bce.softplus)  # doctest: +ELLIPSIS
    def softplus(x: ArrayLike) -> np.ndarray | np.float64:
        x = check_logits(x, "x")
    ...
    """
    print(_code(func))


def taught_in(func: Callable) -> str | None:
    """The chapter that prints ``func``, as its docstring names it.

    Looks for the phrase ``Taught in :doc:`/chapters/NAME``` in the
    docstring (the line may break after "Taught" or "in").

    Parameters
    ----------
    func : callable
        A function (or any object with a ``__doc__``).

    Returns
    -------
    str or None
        ``"chapters/NAME"``, the chapter's path without its suffix, as
        ``_toc.yml`` lists it; None when the docstring names no chapter.
    """
    match = _TAUGHT_IN.search(getattr(func, "__doc__", None) or "")
    return match[1] if match else None

"""Keep a shape such as ``shape (n, d)`` in one piece in the API reference.

With ``napoleon_preprocess_types``, napoleon splits a NumPy-style type at
every ", ", so ``X : array_like, shape (n, d)`` came out as three code boxes,
``array_like``, ``shape (n`` and ``d)``. This extension runs after napoleon
on each docstring and joins the pieces of a split parenthesis back into one
role: ``:class:`shape (n`, :class:`d)``` becomes ``:class:`shape (n, d)```.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r":class:`([^`]*\([^`)]*)`, :class:`([^`]*)`")


def join_split_shapes(line: str) -> str:
    """``line`` with every parenthesis that napoleon split joined again."""
    while True:
        joined = _SPLIT.sub(r":class:`\1, \2`", line)
        if joined == line:
            return line
        line = joined


def _process(app, what, name, obj, options, lines) -> None:
    lines[:] = [join_split_shapes(line) for line in lines]


def setup(app):
    # napoleon converts the docstring at the default priority 500; run after.
    app.connect("autodoc-process-docstring", _process, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

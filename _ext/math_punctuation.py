"""Keep the punctuation after an inline formula on the formula's line.

The theme sets an inline formula (``span.math``) as an inline flex box, and a
browser may break a line after such a box even before a full stop: a lone
"." or "," then starts the next line. This post-transform wraps each inline
formula that is directly followed by punctuation, together with that
punctuation, in ``<span class="math-nowrap">``, which ``_static/custom.css``
keeps on one line (``white-space: nowrap``). The formula itself still scrolls
when it is wider than the column (custom.css).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

# Punctuation that must not begin a line: the run right after a formula.
_PUNCTUATION = re.compile(r"^[.,;:!?)\]}’”»…%]+")


class KeepPunctuationWithMath(SphinxPostTransform):
    """Wrap ``math`` + a following punctuation run in a nowrap span."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for math in list(self.document.findall(nodes.math)):
            parent = math.parent
            if parent is None or isinstance(parent, nodes.inline) and \
                    "math-nowrap" in parent["classes"]:
                continue
            index = parent.index(math)
            if index + 1 >= len(parent.children):
                continue
            following = parent[index + 1]
            if not isinstance(following, nodes.Text):
                continue
            match = _PUNCTUATION.match(str(following))
            if not match:
                continue
            punctuation, rest = match.group(0), str(following)[match.end():]
            wrapper = nodes.inline("", "", classes=["math-nowrap"])
            parent.remove(following)
            parent.replace(math, wrapper)
            wrapper += math
            wrapper += nodes.Text(punctuation)
            if rest:
                parent.insert(index + 1, nodes.Text(rest))


def setup(app: Sphinx) -> dict:
    app.add_post_transform(KeepPunctuationWithMath)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

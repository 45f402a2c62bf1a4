"""Mark Chinese text as Chinese: ``<span lang="zh-Hans">``.

The chapters quote the Chinese page the course starts from. With the
language marked, a screen reader reads the quote in a Chinese voice, and
the browser takes the glyphs from the font that ``_static/cjk-font.css``
ships for ``:lang(zh)`` (Noto Sans SC, subset by ``tools/make_cjk_font.py``),
so the quotes render offline on a machine without a CJK font. Every run of
CJK characters in the text of a page, outside code and formulas, becomes
one span.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
# a run of CJK characters; a short gap of other characters between two of
# them (",L", "(0", " … ") belongs to the run: the quotes name variables in
# Latin letters inside Chinese sentences
RUN = re.compile(rf"[{_CJK}](?:[^{_CJK}\n]{{0,4}}[{_CJK}])*")


class chinese(nodes.inline):
    """Inline text in Chinese."""


def _visit(self, node):
    self.body.append('<span lang="zh-Hans">')


def _depart(self, node):
    self.body.append("</span>")


_SKIP = (nodes.literal_block, nodes.literal, nodes.math, nodes.math_block,
         nodes.raw, nodes.comment, chinese)


class MarkChinese(SphinxPostTransform):
    """Wrap each run of CJK characters of a text node in a ``chinese`` node."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, _SKIP):
                continue
            value = str(text)
            if not RUN.search(value):
                continue
            pieces, at = [], 0
            for match in RUN.finditer(value):
                if match.start() > at:
                    pieces.append(nodes.Text(value[at:match.start()]))
                pieces.append(chinese("", match.group(0)))
                at = match.end()
            if at < len(value):
                pieces.append(nodes.Text(value[at:]))
            parent.replace(text, pieces)


def setup(app):
    app.add_node(chinese, html=(_visit, _depart))
    app.add_post_transform(MarkChinese)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

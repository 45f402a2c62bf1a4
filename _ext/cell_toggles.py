"""The "Show code cell source" toggles named by what they show.

MyST-NB writes a hidden code cell as ``<details>`` whose ``<summary>`` reads
"Show code cell source" but is named ``aria-label="Toggle hidden content"``:
a speech-input user who says the words on the screen does not reach it
(axe-core: label-content-name-mismatch, WCAG 2.5.3). This extension
replaces MyST-NB's HTML visitor of that node with the same markup without
the ``aria-label``, so the summary is named by its visible text.
"""

from __future__ import annotations

from sphinx.application import Sphinx

_LABELLED = '<summary aria-label="Toggle hidden content">\n'


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    from myst_nb.sphinx_ import (
        HideCodeCellNode, depart_HideCellInput, visit_HideCellInput)

    def visit(self, node) -> None:
        start = len(self.body)
        visit_HideCellInput(self, node)
        self.body[start:] = [
            "<summary>\n" if part == _LABELLED else part for part in self.body[start:]]

    app.add_node(HideCodeCellNode, override=True, html=(visit, depart_HideCellInput))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

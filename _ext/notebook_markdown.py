"""A MyST Markdown copy of every chapter notebook, offered as a download.

The theme's download menu offers a notebook page as ``.ipynb`` and as a PDF
(by printing). Readers who keep notes in plain text, or want to diff a
chapter, also get it as MyST Markdown (the "text notebook" format that
Jupyter Book and Jupytext read): markdown cells as they are, code cells as
``{code-cell}`` blocks, outputs left out. The files are written next to the
notebooks' own copies in ``_build/html/_sources/`` and the menu gains a
``.md`` entry. Each file of the menu carries a ``download`` attribute, so it
is saved, not opened as text (``_templates/macros/buttons.html``).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def notebook_to_myst(notebook: dict) -> str:
    """The MyST Markdown text of a notebook (cells only, no outputs).

    Parameters
    ----------
    notebook : dict
        The parsed ``.ipynb`` JSON (nbformat 4).

    Returns
    -------
    str
        A front matter naming the kernel, then each cell: markdown cells
        verbatim, code cells as ``{code-cell}`` blocks (with their tags),
        separated by ``+++`` between consecutive markdown cells.
    """
    kernel = notebook.get("metadata", {}).get("kernelspec", {})
    lines = [
        "---",
        "jupytext:",
        "  text_representation:",
        "    format_name: myst",
        "kernelspec:",
        f"  display_name: {kernel.get('display_name', 'Python 3')}",
        f"  language: {kernel.get('language', 'python')}",
        f"  name: {kernel.get('name', 'python3')}",
        "---",
        "",
    ]
    previous = None
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown":
            if previous == "markdown":
                lines += ["+++", ""]
            lines += [source, ""]
        elif cell.get("cell_type") == "code":
            tags = cell.get("metadata", {}).get("tags", [])
            lines.append("```{code-cell} ipython3")
            if tags:
                lines += ["---", f"tags: [{', '.join(tags)}]", "---"]
            lines += [source, "```", ""]
        previous = cell.get("cell_type")
    return "\n".join(lines).rstrip() + "\n"


def _add_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        # Every file of the menu downloads (the `download` attribute, which
        # _templates/macros/buttons.html writes), under its own name, rather
        # than opening as text in a new tab.
        for button in group["buttons"]:
            if button.get("type") == "link":
                button["download"] = button["url"].rsplit("/", 1)[-1]
        if context.get("page_source_suffix") == ".ipynb":
            group["buttons"].insert(
                1,
                {
                    "type": "link",
                    "url": f"{context['pathto']('_sources', 1)}/{pagename}.md",
                    "text": ".md",
                    "tooltip": "Download as MyST Markdown",
                    "icon": "fas fa-file-lines",
                    "label": "download-myst-button",
                    "download": f"{pagename.rsplit('/', 1)[-1]}.md",
                },
            )


def _write_markdown(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    srcdir, outdir = Path(app.srcdir), Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        notebook = srcdir / f"{docname}.ipynb"
        if not notebook.is_file():
            continue
        target = outdir / f"{docname}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = notebook_to_myst(json.loads(notebook.read_text(encoding="utf-8")))
        target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme has built its header buttons (priority 501).
    app.connect("html-page-context", _add_button, priority=600)
    app.connect("build-finished", _write_markdown)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""Fix-ups of the scripts each page loads, so pages run without console errors.

Sphinx 7.4 keeps an inline script that an extension adds once the builder
exists twice: once as given (``filename=None``) and once replayed from the
registry (``filename=''``). sphinx-thebe's inline script declares
``const THEBE_JS_URL``, so the second copy throws "Identifier 'THEBE_JS_URL'
has already been declared" on every page (sphinx-togglebutton's ``var`` is
merely repeated). This extension drops exact duplicates (same source, same
attributes, same inline body) from each page's script list, keeping the
first.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def _dedupe_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen = set()
    unique = []
    for js in scripts:
        filename = getattr(js, "filename", js) or ""
        attributes = getattr(js, "attributes", {}) or {}
        key = (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key in seen:
            continue
        seen.add(key)
        unique.append(js)
    scripts[:] = unique


def setup(app: Sphinx) -> dict:
    # Late, after the extensions (MathJax among them) have added their scripts.
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
